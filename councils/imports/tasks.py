"""The Celery task of a large import queued by ``services.start_import`` (registered through councils.tasks)."""

from celery import shared_task

from . import jobs


@shared_task(name="councils.tasks.run_import_job")
def run_import_job(job_id: int) -> str:
    """Run the queued import; safe to run twice (an import no longer queued is left as it is)."""
    return jobs.run_job(job_id=job_id).status
