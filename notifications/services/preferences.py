"""Each person's choice of how notifications reach them by email."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.audit import record_audit

from .. import permissions
from ..choices import EmailMode
from ..models import EmailPreference


def email_preference(user) -> EmailPreference:
    """The user's choice, or the default (immediately) as an unsaved row."""
    return EmailPreference.objects.filter(user=user).first() or EmailPreference(user=user)


@transaction.atomic
def set_email_mode(*, user, mode: str, version: int | None = None) -> EmailPreference:
    """Refused if ``version`` is given and is not the current one (a stale form or If-Match)."""
    if not permissions.can_set_email_mode(user):
        raise ValidationError(_("Phải đăng nhập."))
    if mode not in EmailMode.values:
        raise ValidationError({"mode": _("Cách nhận thư không hợp lệ.")})
    preference, _created = EmailPreference.objects.select_for_update().get_or_create(user=user)
    if version is not None and not _created and version != preference.version:
        raise ValidationError({"mode": _("Lựa chọn đã được thay đổi ở nơi khác; hãy tải lại trang rồi chọn lại.")},
                              code="stale")
    old = preference.mode
    if old != mode or _created:
        preference.mode = mode
        preference.save(update_fields=["mode"])
        record_audit(target=preference, action="email_mode", actor=user, council=None, changes={"mode": [old, mode]})
    return preference
