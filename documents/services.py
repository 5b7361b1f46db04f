"""Writes of the documents app: a council's Word templates (uploaded, replaced, archived, never deleted) and the
background jobs that build large documents. Each writes its history line with ``councils.audit``."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import record_audit
from councils.models import Council
from utilities.uploads import extension_of, validate_upload

from . import jobs, permissions, rendering, tasks
from .choices import DocumentKind, OutputFormat
from .models import DocumentJob, DocumentTemplate


@transaction.atomic
def upload_template(*, council: Council, kind: str, file, actor) -> DocumentTemplate:
    """Mẫu Word của HĐND cho một loại văn bản: checked against the kind's names and a sample render; the
    council's current template of the kind is archived (replaced), never deleted."""
    permissions.require_manage_templates(actor, council)
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": _("Loại văn bản không hợp lệ.")})
    if extension_of(getattr(file, "name", "")) != "docx":
        raise ValidationError({"file": _("Mẫu phải là tệp Word .docx.")})
    try:
        validate_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    file.seek(0)
    data = file.read()
    errors = rendering.template_errors(kind, data)
    if errors:
        raise ValidationError({"file": errors})
    current = DocumentTemplate.objects.select_for_update().filter(
        council=council, kind=kind, archived_at__isnull=True).first()
    if current is not None:
        _archive(current, actor=actor, action="replace")
    template = DocumentTemplate(council=council, kind=kind, filename=file.name[:255], content=data,
                                uploaded_by=actor if actor is not None and actor.is_authenticated else None)
    template.full_clean()
    template.save()
    record_audit(target=template, council=council, action="create", actor=actor,
                 changes={"kind": kind, "filename": template.filename,
                          "replaces": current.pk if current is not None else None})
    return template


@transaction.atomic
def archive_template(*, template: DocumentTemplate, actor) -> DocumentTemplate:
    """Stop using a council's template: its documents go back to the built-in template."""
    permissions.require_manage_templates(actor, template.council)
    locked = DocumentTemplate.objects.select_for_update().get(pk=template.pk)
    if locked.archived_at is not None:
        raise ValidationError(_("Mẫu này đã được lưu trữ."))
    _archive(locked, actor=actor, action="archive")
    template.refresh_from_db()
    return template


def _archive(template: DocumentTemplate, *, actor, action: str) -> None:
    template.archived_at = timezone.now()
    template.archived_by = actor if actor is not None and actor.is_authenticated else None
    template.save(update_fields=["archived_at", "archived_by", "updated_at"])
    record_audit(target=template, council=template.council, action=action, actor=actor, data_changed=False)


# --- background jobs ----------------------------------------------------------------------------------------

@transaction.atomic
def request_job(*, council: Council, kind: str, output: str, object_id: int, actor,
                params: dict | None = None) -> DocumentJob:
    """Queue the building of a large document (the record's scope was checked by the caller's selector)."""
    if kind not in jobs.JOB_BUILDERS or output not in OutputFormat.values:
        raise ValidationError(_("Loại văn bản này không tạo nền được."))
    job = DocumentJob.objects.create(council=council, kind=kind, output=output, object_id=object_id,
                                     params=params or {},
                                     requested_by=actor if actor is not None and actor.is_authenticated else None)
    record_audit(target=job, council=council, action="create", actor=actor, data_changed=False,
                 changes={"kind": kind, "output": output, "object_id": object_id})
    tasks.build_document_job.delay_on_commit(job.pk)
    return job
