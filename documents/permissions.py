"""Who may do what with the official documents. Reading a document follows the record it is made from (its
selector's scope); these are the writes.

- A council's Word templates are an administrator's: of that council or one above it (superusers too).
- A forwarding letter is issued by whoever forwards petitions: the council's secretariat (``can_manage``).
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from councils import scoping
from councils.choices import Role
from councils.permissions import can_manage, can_read, require

__all__ = ["can_issue_letter", "can_manage_templates", "can_read", "require_issue_letter",
           "require_manage_templates"]


def can_manage_templates(user, council) -> bool:
    if council is None:
        return False
    return scoping.sees_everything(user) or Role.ADMINISTRATOR in scoping.roles_for(user, council)


def require_manage_templates(user, council) -> None:
    require(can_manage_templates(user, council), _("Chỉ quản trị hệ thống của HĐND được thay mẫu văn bản."))


def can_issue_letter(user, council) -> bool:
    return can_manage(user, council)


def require_issue_letter(user, council) -> None:
    require(can_issue_letter(user, council), _("Bạn không có quyền lập công văn của HĐND này."))
