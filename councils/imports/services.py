"""Starting an import and running it: a small file is imported at once, a large one (more than
``BACKGROUND_ROWS`` rows) by a Celery job whose page shows its progress; either way the result — created /
updated / unchanged counts, or every bad row with its problem and nothing saved — stays on the import's page.
An import of accounts always runs at once (up to its own cap), so that the temporary passwords it issues exist
only in the answer to the upload, as for the accounts created on the account pages."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from utilities import sheets

from .. import permissions
from ..audit import record_audit
from ..models import Council, ImportJob, Term
from . import jobs, tasks
from .specs import SPECS

BACKGROUND_ROWS = 300


def start_import(*, council: Council, term: Term | None, kind: str, filename: str, data: bytes,
                 actor) -> ImportJob:
    """Check the file itself (a readable .xlsx with the template's columns), keep it on a new import, and run
    it now or queue it. A file that can't be read is refused here, with no import recorded.

    An import run now comes back with ``job.issued``: the temporary passwords of the accounts it created
    (``councils.accounts.IssuedPassword``), in memory only, for the page to show once."""
    permissions.require_manage(actor, council, _("Chỉ Văn phòng, quản trị viên của HĐND mới được nhập dữ liệu."))
    spec = SPECS.get(kind)
    if spec is None:
        raise ValidationError({"kind": _("Không có loại dữ liệu nhập này.")})
    if spec.needs_term and term is None:
        raise ValidationError({"term": _("Phải chọn nhiệm kỳ của dữ liệu nhập.")})
    rows = len(sheets.read_rows(data, spec.columns, max_rows=spec.max_rows))
    with transaction.atomic():
        job = ImportJob.objects.create(council=council, term=term if spec.needs_term else None, kind=kind,
                                       filename=(filename or "")[:255], content=data, rows=rows,
                                       requested_by=actor if actor.is_authenticated else None)
        record_audit(target=job, council=council, action="create", actor=actor, data_changed=False,
                     changes={"kind": kind, "filename": job.filename, "rows": rows})
    if rows > BACKGROUND_ROWS and not spec.synchronous:
        tasks.run_import_job.delay_on_commit(job.pk)
        return job
    return jobs.run_job(job_id=job.pk, actor=actor)
