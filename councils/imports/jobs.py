"""Running a queued import (called at once for a small file, by ``councils.tasks`` for a large one): the rows
written all-or-nothing, the counts or every bad row kept on the import, its progress updated as it goes."""

from __future__ import annotations

import logging

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ..audit import record_audit
from ..choices import ImportStatus
from ..models import ImportJob
from .specs import SPECS

logger = logging.getLogger(__name__)


def _progress(job_id: int):
    def report(percent: int) -> None:
        ImportJob.objects.filter(pk=job_id).update(progress=max(0, min(int(percent), 99)))
    return report


def run_job(*, job_id: int, actor=None) -> ImportJob:
    """Import a queued file. Safe to run twice: an import no longer queued is left as it is.

    ``job.issued`` (not a field: never saved) holds what the run hands back to be shown once — the temporary
    passwords of the accounts an import of users created; empty for every other run."""
    claimed = ImportJob.objects.filter(pk=job_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.RUNNING, progress=1, updated_at=timezone.now())
    job = ImportJob.objects.select_related("council", "term", "requested_by").get(pk=job_id)
    job.issued = []
    if not claimed:
        return job
    actor = actor or job.requested_by
    try:
        report = SPECS[job.kind].run(council=job.council, term=job.term, data=bytes(job.content), actor=actor,
                                     progress=_progress(job.pk))
    except ValidationError as error:
        problems = error.message_dict.get("rows") or [m for ms in error.message_dict.values() for m in ms] \
            if hasattr(error, "error_dict") else error.messages
        _finish(job, status=ImportStatus.FAILED, errors=[str(p) for p in problems], action="fail")
    except Exception:  # the page must say it failed, whatever broke; the log keeps the traceback
        logger.exception("import %s failed", job.pk)
        _finish(job, status=ImportStatus.FAILED, errors=[_("Lỗi hệ thống khi nhập; không dòng nào được lưu.")],
                action="fail")
    else:
        _finish(job, status=ImportStatus.DONE, created=report.created, updated=report.updated,
                unchanged=report.unchanged, action="finish")
        job.issued = report.issued
    job.refresh_from_db()
    return job


@transaction.atomic
def _finish(job: ImportJob, *, status: str, action: str, errors=(), created=0, updated=0, unchanged=0) -> None:
    ImportJob.objects.filter(pk=job.pk).update(
        status=status, progress=100, errors=list(errors), created_count=created, updated_count=updated,
        unchanged_count=unchanged, finished_at=timezone.now())
    record_audit(target=job, council=job.council, action=action, data_changed=False,
                 changes={"created": created, "updated": updated, "unchanged": unchanged, "errors": len(errors)})
