"""Attachments: the scanned letter and photos of a petition, and an agency's reply document. Every file passes
the same checks as other uploads (extension, size, magic bytes); the row is never deleted (archived)."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.audit import record_audit
from utilities.uploads import validate_upload

from .. import permissions
from ..models import Attachment, Forwarding, Petition


def check_file(file, field: str = "file") -> None:
    """The upload checks, their messages under ``field``; a missing file is refused too."""
    if not file:
        raise ValidationError({field: _("Phải chọn tệp đính kèm.")})
    try:
        validate_upload(file)
    except ValidationError as error:
        raise ValidationError({field: error.messages}) from error


def store_attachment(*, petition: Petition, file, actor, forwarding: Forwarding | None = None) -> Attachment:
    """Save a checked file with its history line (on the petition). Callers decide who may add it."""
    check_file(file)
    original = (getattr(file, "name", "") or "").replace("\\", "/").rsplit("/", 1)[-1][:255]
    attachment = Attachment(petition=petition, forwarding=forwarding, file=file, original_name=original,
                            size=file.size, uploaded_by=actor if actor is not None and actor.is_authenticated else None)
    attachment.full_clean()
    attachment.save()
    record_audit(target=petition, council=petition.council, action="add_attachment", actor=actor,
                 changes={"attachment": attachment.pk, "name": attachment.original_name,
                          "forwarding": forwarding.pk if forwarding else None})
    return attachment


@transaction.atomic
def add_attachment(*, petition: Petition, file, actor) -> Attachment:
    """Đính kèm tệp (bản quét đơn, ảnh) vào kiến nghị, đơn thư: the secretariat of its council."""
    permissions.require(permissions.can_add_attachment(actor, petition),
                        _("Chỉ Văn phòng của HĐND mới được đính kèm tệp vào kiến nghị, đơn thư."))
    return store_attachment(petition=petition, file=file, actor=actor)
