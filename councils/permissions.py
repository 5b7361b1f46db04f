"""Who may do what on councils' records: the one place services, pages, the API and the admin all ask.

The rules, from the narrowest to the widest:
- a party committee viewer only reads their council and those below it;
- a deputy reads the same, and writes only the items of their own (``deputy_ids``);
- the secretariat (văn phòng) maintains its own council's records;
- an administrator maintains their council and every council below it; a superuser everything.
Each app's ``permissions`` module builds its own ``can_*`` / ``require_*`` on these.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from . import scoping
from .choices import Role

# Roles that may enter records at all (party viewers only read).
WRITER_ROLES = (Role.SECRETARIAT, Role.ADMINISTRATOR, Role.DEPUTY)
MANAGER_ROLES = (Role.SECRETARIAT, Role.ADMINISTRATOR)


def require(allowed: bool, message: str | None = None) -> None:
    """Raise PermissionDenied (a 403 everywhere) unless ``allowed``."""
    if not allowed:
        raise PermissionDenied(message or _("Bạn không có quyền thay đổi dữ liệu này của HĐND."))


def can_read(user, council) -> bool:
    return scoping.sees_everything(user) or bool(scoping.roles_for(user, council))


def can_manage(user, council) -> bool:
    """Secretariat staff maintain their own council's records; administrators their whole subtree."""
    if council is None:
        return False
    if scoping.sees_everything(user):
        return True
    if not (user and user.is_authenticated):
        return False
    return any(
        (role == Role.ADMINISTRATOR and council.path.startswith(path))
        or (role == Role.SECRETARIAT and council_id == council.pk)
        for path, council_id, role, _deputy in scoping.assignments(user)
    )


def require_manage(user, council, message: str | None = None) -> None:
    require(can_manage(user, council), message or _("Bạn không có quyền thay đổi dữ liệu của HĐND này."))


def can_manage_object(user, obj) -> bool:
    """Whether the user maintains the council a record belongs to (its model's ``council_scope``)."""
    return can_manage(user, scoping.council_of(obj))


def can_archive(user, obj) -> bool:
    """Archiving takes a record out of the lists (it is never deleted): whoever maintains its council."""
    return not obj.is_archived and can_manage_object(user, obj)


def can_restore(user, obj) -> bool:
    """Bringing an archived record back is an administrator's decision (of its council or one above)."""
    if not obj.is_archived:
        return False
    council = scoping.council_of(obj)
    return scoping.sees_everything(user) or (council is not None and Role.ADMINISTRATOR in scoping.roles_for(user, council))


def is_deputy_of(user, council) -> bool:
    return Role.DEPUTY in scoping.roles_for(user, council)


def can_write_anywhere(user) -> bool:
    """Whether the user holds a role that maintains records somewhere (the create buttons of the pages)."""
    return scoping.sees_everything(user) or bool(scoping.scope_paths(user, roles=MANAGER_ROLES))


def can_write_some(user) -> bool:
    """Whether the user may write anything at all, if only their own items (deputies): the API's first gate."""
    return scoping.sees_everything(user) or bool(scoping.scope_paths(user, roles=WRITER_ROLES))


def persona(user, council) -> str:
    """Which home page and tools a user gets on a council: secretariat, deputy or party viewer; "agency" for
    an agency's staff who hold no council role (they see only what is addressed to their agency)."""
    if scoping.sees_everything(user):
        return "secretariat"
    roles = scoping.roles_for(user, council) if council else set()
    if not roles and scoping.agency_ids(user) and not scoping.assignments(user):
        return "agency"
    if Role.SECRETARIAT in roles or Role.ADMINISTRATOR in roles:
        return "secretariat"
    if Role.DEPUTY in roles:
        return "deputy"
    return "party_viewer"
