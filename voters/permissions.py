"""Who may write what in the voters app. The services call these, so pages, API and imports agree.

- Secretariat staff of the council (administrators above it, superusers) may do everything.
- A deputy may record a voter meeting of their own council that they attended (they must be among the
  deputies present), edit it, and enter the petitions raised at it; and record their own citizen
  receptions with the letters taken in. Classifying, forwarding, answering, reporting, merging and
  importing stay with the secretariat.
- Everyone else (party viewers included) only reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from councils import scoping
from councils.permissions import can_manage, can_write_anywhere, is_deputy_of, require

__all__ = ["can_edit_meeting", "can_manage", "can_write_anywhere", "can_record_meeting", "can_record_reception", "require",
           "require_manage"]


def can_record_meeting(user, council, deputies: Iterable) -> bool:
    if can_manage(user, council):
        return True
    return is_deputy_of(user, council) and bool(scoping.deputy_ids(user) & {d.pk for d in deputies})


def can_edit_meeting(user, meeting) -> bool:
    if can_manage(user, meeting.council):
        return True
    return (is_deputy_of(user, meeting.council)
            and meeting.deputies_present.filter(pk__in=scoping.deputy_ids(user)).exists())


def can_record_reception(user, council, deputy) -> bool:
    if can_manage(user, council):
        return True
    return is_deputy_of(user, council) and deputy.pk in scoping.deputy_ids(user)


def require_manage(user, council) -> None:
    require(can_manage(user, council),
            _("Chỉ Văn phòng của HĐND mới được xử lý kiến nghị, đơn thư (phân loại, chuyển, trả lời, gộp, nhập)."))
