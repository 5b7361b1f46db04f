"""Building a large document in the background: what a job of each kind builds, and the run that stores the file
(called by ``documents.tasks``; requested by ``documents.services.request_job``)."""

from __future__ import annotations

import logging
from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from councils.audit import record_audit
from councils.models import Council, Session

from . import rendering
from .choices import DocumentKind, JobStatus, OutputFormat
from .models import DocumentJob, DocumentTemplate

logger = logging.getLogger(__name__)


def active_template(council: Council, kind: str) -> DocumentTemplate | None:
    return DocumentTemplate.objects.filter(council=council, kind=kind, archived_at__isnull=True).first()


def build_document(*, council: Council, kind: str, output: str, context: dict) -> bytes:
    """The document's bytes: Word from the council's own template when it has one, else the built-in one;
    PDF from the HTML template."""
    if output == OutputFormat.PDF:
        return rendering.render_pdf(kind, context)
    template = active_template(council, kind)
    return rendering.render_docx(kind, context, bytes(template.content) if template else None)


def _session_report(job: DocumentJob, progress: Callable[[int], None]) -> tuple[dict, str]:
    session = Session.objects.select_related("council", "term").get(pk=job.object_id, council=job.council)
    context = rendering.session_report_context(session, group_by=job.params.get("group_by", "field"),
                                               progress=progress)
    return context, f"bao-cao-kien-nghi-ky-hop-{session.number}.{job.output}"


# What a job of each kind builds: its context and file name (only the session report grows large enough).
JOB_BUILDERS: dict[str, Callable[[DocumentJob, Callable[[int], None]], tuple[dict, str]]] = {
    DocumentKind.SESSION_REPORT: _session_report,
}


def _progress(job_id: int) -> Callable[[int], None]:
    def report(percent: int) -> None:
        DocumentJob.objects.filter(pk=job_id).update(progress=max(0, min(int(percent), 99)))
    return report


def run_job(*, job_id: int) -> DocumentJob:
    """Build a queued job's file. Safe to run twice: a job already done (or running elsewhere) is left alone."""
    claimed = DocumentJob.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING, progress=5, updated_at=timezone.now())
    job = DocumentJob.objects.select_related("council").get(pk=job_id)
    if not claimed:
        return job
    try:
        context, filename = JOB_BUILDERS[job.kind](job, _progress(job.pk))
        _progress(job.pk)(75)
        content = build_document(council=job.council, kind=job.kind, output=job.output, context=context)
    except Exception as error:  # the job page must say it failed, whatever broke; the log keeps the traceback
        logger.exception("document job %s failed", job.pk)
        with transaction.atomic():
            DocumentJob.objects.filter(pk=job.pk).update(status=JobStatus.FAILED, error=str(error)[:2000],
                                                         finished_at=timezone.now())
            job.refresh_from_db()
            record_audit(target=job, council=job.council, action="fail", data_changed=False, note=job.error)
        return job
    with transaction.atomic():
        DocumentJob.objects.filter(pk=job.pk).update(status=JobStatus.DONE, progress=100, content=content,
                                                     filename=filename, finished_at=timezone.now())
        job.refresh_from_db()
        record_audit(target=job, council=job.council, action="finish", data_changed=False,
                     changes={"filename": filename, "bytes": len(content)})
    return job
