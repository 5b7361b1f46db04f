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


# --- accounts (councils.accounts): who may give which role where -------------------------------------------

# The secretariat gives the roles below its own, on its own council; an administrator any role on their council
# and the councils below it. Nobody gives a role above their own or on a council outside their scope.
SECRETARIAT_GRANTS = frozenset({Role.SECRETARIAT, Role.DEPUTY, Role.PARTY_VIEWER, Role.AGENCY_STAFF})


def grantable_roles(user, council) -> frozenset[str]:
    """The roles ``user`` may give (or hold accounts of) on ``council``."""
    if council is None or not (user and user.is_authenticated and user.is_active):
        return frozenset()
    if scoping.sees_everything(user):
        return frozenset(Role.values)
    roles: set[str] = set()
    for path, council_id, role, _deputy in scoping.assignments(user):
        if role == Role.ADMINISTRATOR and council.path.startswith(path):
            return frozenset(Role.values)
        if role == Role.SECRETARIAT and council_id == council.pk:
            roles |= SECRETARIAT_GRANTS
    return frozenset(roles)


def can_grant(user, council, role: str) -> bool:
    return role in grantable_roles(user, council)


def require_grant(user, council, role: str) -> None:
    require(can_grant(user, council, role),
            _("Bạn không được cấp vai trò này ở HĐND này: chỉ trong phạm vi và dưới vai trò của chính bạn."))


def can_manage_accounts_anywhere(user) -> bool:
    """Whether the account pages are open to the user at all (secretariat or administrator somewhere)."""
    return scoping.sees_everything(user) or bool(scoping.scope_paths(user, roles=MANAGER_ROLES))


def can_manage_account(actor, target, target_roles) -> bool:
    """Lock, unlock or reset the password of ``target``, whose roles are ``target_roles`` ([(council, role)]):
    only when the actor could have given every one of those roles, so a clerk never takes over an
    administrator's account or one of another council; never a superuser's, never one's own."""
    if target.pk == getattr(actor, "pk", None) or target.is_superuser:
        return False
    if scoping.sees_everything(actor):
        return True
    target_roles = list(target_roles)
    return bool(target_roles) and all(can_grant(actor, council, role) for council, role in target_roles)


def require_manage_account(actor, target, target_roles) -> None:
    require(can_manage_account(actor, target, target_roles),
            _("Bạn không được thay đổi tài khoản này: nó có vai trò ngoài phạm vi bạn quản lý."))


# --- handovers and term changeovers (councils.handovers, councils.term_changeover) -------------------------

def can_hand_over(user, from_council, to_council=None) -> bool:
    """Handing a retired council's items to a successor is an administrator's decision, on a council above
    (or equal to) both; a superuser anywhere. Without ``to_council``: whether the user could hand over from
    ``from_council`` at all (the button on its page)."""
    if from_council is None:
        return False
    if scoping.sees_everything(user):
        return True
    if not (user and user.is_authenticated):
        return False
    councils = [from_council] + ([to_council] if to_council is not None else [])
    return any(role == Role.ADMINISTRATOR and all(c.path.startswith(path) for c in councils)
               for path, _council_id, role, _deputy in scoping.assignments(user))


def require_hand_over(user, from_council, to_council) -> None:
    require(can_hand_over(user, from_council, to_council),
            _("Chỉ quản trị hệ thống của HĐND cấp trên của cả hai HĐND mới thực hiện được bàn giao."))


def can_change_term(user, council) -> bool:
    """Starting a council's new term from the previous one: its secretariat or an administrator above."""
    return can_manage(user, council)


def require_change_term(user, council) -> None:
    require(can_change_term(user, council), _("Chỉ Văn phòng của HĐND này hoặc quản trị hệ thống cấp trên mới "
                                              "chuyển nhiệm kỳ được."))
