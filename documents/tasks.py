"""Celery tasks of the documents app: building a large document queued by ``services.request_job``."""

from celery import shared_task

from . import jobs


@shared_task(name="documents.tasks.build_document_job")
def build_document_job(job_id: int) -> str:
    """Build the job's file; safe to run twice (a job no longer queued is left as it is)."""
    return jobs.run_job(job_id=job_id).status
