"""The councils' answers to the page framework's questions (``utilities.ui.policy``): which council a user's
pages are about, their persona, whether they may write and edit, a record's history, and what changed a
record meanwhile when a stale form is saved."""

from django.core.exceptions import FieldDoesNotExist
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from utilities import ui

from . import audit, history, permissions, scoping, selectors


def stale_message(obj, version: int) -> str:
    """"Trần Thị B đã sửa bản ghi này lúc 02/12/2026 09:14 (tiêu đề: “A” → “B”) …": nothing was saved."""
    lines = []
    for entry in audit.changes_since(obj, version):
        who = entry.actor.get_full_name() or entry.actor.get_username() if entry.actor else _("hệ thống")
        when = formats.date_format(timezone.localtime(entry.at), "SHORT_DATETIME_FORMAT")
        fields = []
        for name, change in (entry.changes or {}).items():
            label = _field_label(type(obj), name)
            if isinstance(change, list) and len(change) == 2:
                fields.append(f"{label}: “{change[0] or ''}” → “{change[1] or ''}”")
            else:
                fields.append(label)
        if entry.to_status and entry.from_status != entry.to_status:
            fields.append(_("trạng thái: %(old)s → %(new)s") % {"old": _status_label(type(obj), entry.from_status),
                                                                 "new": _status_label(type(obj), entry.to_status)})
        detail = f" ({'; '.join(fields)})" if fields else ""
        lines.append(_("%(who)s đã sửa lúc %(when)s%(detail)s") % {"who": who, "when": when, "detail": detail})
    return _("Bản ghi đã được thay đổi sau khi bạn mở trang này: %(changes)s. Chưa lưu gì; hãy tải lại trang để "
             "xem dữ liệu mới rồi sửa lại.") % {"changes": "; ".join(lines) or _("bởi người khác")}


def _field_label(model, name: str) -> str:
    try:
        return str(model._meta.get_field(name).verbose_name)
    except FieldDoesNotExist:  # a name that is no field (e.g. "item") is shown as it is
        return name


def _status_label(model, value: str) -> str:
    try:
        return str(dict(model._meta.get_field("status").choices).get(value, value))
    except FieldDoesNotExist:
        return value


ui.configure(
    home_council=selectors.primary_council,
    persona=permissions.persona,
    sees_everything=scoping.sees_everything,
    can_write_anywhere=permissions.can_write_anywhere,
    can_edit=permissions.can_manage_object,
    history=history.history_lines,
    stale_message=stale_message,
)
history.register_councils_models()
