"""Accounts run by the secretariat (tài khoản): create accounts for a council's deputies, staff and agencies'
staff, give roles within the giver's own scope, lock and unlock, reset a password to a temporary one that
must be changed at the next sign-in, and create at once the accounts of every deputy who has none.

A temporary password exists only in the answer to the request that issued it (``IssuedPassword``): the
database keeps its hash and when it was issued (``TemporaryPassword``), never the password.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from utilities.api.tokens import revoke_tokens
from utilities.text import normalise

from . import permissions, scoping
from .audit import record_audit
from .choices import AccountEvent, Role
from .models import Agency, Council, Deputy, RoleAssignment, TemporaryPassword

# No 0/O, 1/l/I: the password is read off a printed sheet.
_ALPHABET = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
PASSWORD_LENGTH = 12


@dataclass(frozen=True)
class IssuedPassword:
    """What the printed sheet shows, once: the account, its role and the temporary password in clear."""

    user: object
    council: Council
    role: str
    password: str
    deputy: Deputy | None = None

    @property
    def role_label(self) -> str:
        return Role(self.role).label


def temporary_password() -> str:
    while True:
        password = "".join(secrets.choice(_ALPHABET) for _ in range(PASSWORD_LENGTH))
        if any(c.isdigit() for c in password) and any(c.isupper() for c in password) and any(c.islower() for c in password):
            return password


def roles_of(user) -> list[tuple[Council, str]]:
    return [(a.council, a.role) for a in RoleAssignment.objects.filter(user=user).select_related("council")]


def split_name(full_name: str) -> tuple[str, str]:
    """("Trần Thị", "Hoa"): the family and middle names, and the given name, as the portal stores them."""
    *family, given = full_name.split() or [""]
    return " ".join(family), given


def _issue(user, actor) -> str:
    password = temporary_password()
    user.set_password(password)
    user.save()
    TemporaryPassword.objects.update_or_create(
        user=user, defaults={"issued_at": timezone.now(), "issued_by": actor if actor.is_authenticated else None,
                             "changed_at": None})
    return password


def _check_link(council: Council, role: str, deputy: Deputy | None, agency: Agency | None) -> None:
    if role == Role.DEPUTY:
        if deputy is None:
            raise ValidationError({"deputy": _("Vai trò đại biểu phải gắn với một đại biểu.")})
        if deputy.council_id != council.pk:
            raise ValidationError({"deputy": _("Đại biểu phải thuộc đúng HĐND được phân quyền.")})
        if RoleAssignment.objects.filter(deputy=deputy).exists():
            raise ValidationError({"deputy": _("Đại biểu này đã có tài khoản.")})
    elif deputy is not None:
        raise ValidationError({"deputy": _("Chỉ vai trò đại biểu mới gắn với đại biểu.")})
    if role == Role.AGENCY_STAFF:
        if agency is None:
            raise ValidationError({"agency": _("Vai trò cán bộ cơ quan phải gắn với một cơ quan.")})
        if agency.council_id != council.pk:
            raise ValidationError({"agency": _("Cơ quan phải thuộc địa bàn của HĐND được phân quyền.")})
    elif agency is not None:
        raise ValidationError({"agency": _("Chỉ vai trò cán bộ cơ quan mới gắn với cơ quan.")})


def _assign(*, user, council, role, deputy, agency) -> RoleAssignment:
    _check_link(council, role, deputy, agency)
    if RoleAssignment.objects.filter(user=user, council=council, role=role).exists():
        raise ValidationError({"role": _("Người dùng đã có vai trò này ở HĐND này.")})
    assignment = RoleAssignment(user=user, council=council, role=role, deputy=deputy, agency=agency)
    assignment.full_clean()
    assignment.save()
    scoping.forget(user)
    return assignment


def _role_change(council, role, deputy, agency) -> dict:
    changes = {"council": [None, str(council)], "role": [None, role]}
    if deputy is not None:
        changes["deputy"] = [None, str(deputy)]
    if agency is not None:
        changes["agency"] = [None, str(agency)]
    return changes


@transaction.atomic
def create_account(*, actor, council: Council, role: str, username: str, full_name: str, email: str = "",
                   deputy: Deputy | None = None, agency: Agency | None = None) -> IssuedPassword:
    """A new account with one role, and a temporary password to be changed at the first sign-in."""
    permissions.require_grant(actor, council, role)
    User = get_user_model()
    username = username.strip()
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("Tên đăng nhập này đã có người dùng.")})
    last, first = split_name(full_name.strip())
    user = User(username=username, first_name=first, last_name=last, email=email.strip(), is_active=True)
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    password = _issue(user, actor)
    _assign(user=user, council=council, role=role, deputy=deputy, agency=agency)
    record_audit(target=user, council=council, action=AccountEvent.CREATED, actor=actor,
                 changes={"username": [None, username], **_role_change(council, role, deputy, agency)})
    return IssuedPassword(user=user, council=council, role=role, password=password, deputy=deputy)


@transaction.atomic
def update_account(*, actor, user, full_name: str, email: str):
    """Change the name and e-mail of an account the actor manages (never its username or password)."""
    roles = roles_of(user)
    permissions.require_manage_account(actor, user, roles)
    last, first = split_name(full_name.strip())
    changes = {name: [getattr(user, name), value] for name, value in
               (("last_name", last), ("first_name", first), ("email", email.strip())) if getattr(user, name) != value}
    if not changes:
        return user
    for name, (_old, value) in changes.items():
        setattr(user, name, value)
    user.full_clean(exclude=["password"])
    user.save(update_fields=list(changes))
    record_audit(target=user, council=roles[0][0] if roles else None, action=AccountEvent.UPDATED, actor=actor,
                 changes=changes)
    return user


@transaction.atomic
def grant_role(*, actor, user, council: Council, role: str, deputy: Deputy | None = None,
               agency: Agency | None = None) -> RoleAssignment:
    """Give an account one more role: on a council and a role the actor could give, to an account they manage."""
    permissions.require_manage_account(actor, user, roles_of(user))
    permissions.require_grant(actor, council, role)
    assignment = _assign(user=user, council=council, role=role, deputy=deputy, agency=agency)
    record_audit(target=user, council=council, action=AccountEvent.ROLE_GRANTED, actor=actor,
                 changes=_role_change(council, role, deputy, agency))
    return assignment


def _set_active(*, actor, user, active: bool, event: str):
    roles = roles_of(user)
    permissions.require_manage_account(actor, user, roles)
    locked = get_user_model()._base_manager.select_for_update().get(pk=user.pk)
    if locked.is_active == active:
        raise ValidationError(_("Tài khoản đã mở.") if active else _("Tài khoản đã bị khóa."))
    locked.is_active = active
    locked.save(update_fields=["is_active"])
    user.is_active = active
    if not active:
        revoke_tokens(locked)
    record_audit(target=locked, council=roles[0][0] if roles else None, action=event, actor=actor,
                 changes={"is_active": [str(not active), str(active)]})
    return user


@transaction.atomic
def deactivate_account(*, actor, user):
    """Lock an account (never deleted): it can no longer sign in, its API token is revoked, its history stays."""
    return _set_active(actor=actor, user=user, active=False, event=AccountEvent.DEACTIVATED)


@transaction.atomic
def reactivate_account(*, actor, user):
    return _set_active(actor=actor, user=user, active=True, event=AccountEvent.REACTIVATED)


@transaction.atomic
def reset_password(*, actor, user) -> IssuedPassword:
    """A new temporary password (the old one and the API token stop working at once)."""
    roles = roles_of(user)
    permissions.require_manage_account(actor, user, roles)
    if not user.is_active:
        raise ValidationError(_("Tài khoản đang bị khóa: mở lại trước khi cấp mật khẩu."))
    password = _issue(user, actor)
    council, role = roles[0] if roles else (None, "")
    record_audit(target=user, council=council, action=AccountEvent.PASSWORD_RESET, actor=actor)
    return IssuedPassword(user=user, council=council, role=role, password=password)


def must_change_password(user) -> bool:
    return TemporaryPassword.objects.filter(user=user, changed_at__isnull=True).exists()


@transaction.atomic
def complete_password_change(*, user) -> None:
    """The person replaced their temporary password with their own."""
    if not TemporaryPassword.objects.filter(user=user, changed_at__isnull=True).update(changed_at=timezone.now()):
        return
    roles = roles_of(user)
    record_audit(target=user, council=roles[0][0] if roles else None, action=AccountEvent.PASSWORD_CHANGED,
                 actor=user)


def deputies_without_account(council: Council):
    """The council's sitting deputies no account is linked to."""
    return (Deputy.objects.filter(council=council, end_date__isnull=True, archived_at__isnull=True)
            .exclude(pk__in=RoleAssignment.objects.filter(deputy__isnull=False).values("deputy_id"))
            .order_by("full_name", "pk"))


def _username_for(deputy: Deputy, council: Council, taken: set[str]) -> str:
    base = "".join(c for c in normalise(deputy.full_name).replace(" ", ".") if c.isalnum() or c == ".")[:100]
    base = f"{base or 'daibieu'}.{council.code}".lower()
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}.{n}"
    taken.add(candidate)
    return candidate


@transaction.atomic
def create_deputy_accounts(*, actor, council: Council) -> list[IssuedPassword]:
    """An account for every sitting deputy of ``council`` who has none, each with a temporary password."""
    permissions.require_grant(actor, council, Role.DEPUTY)
    deputies = list(deputies_without_account(council))
    User = get_user_model()
    prefixes = [Q(username__istartswith=_username_for(d, council, set())) for d in deputies]
    taken: set[str] = set()
    if prefixes:
        query = prefixes[0]
        for prefix in prefixes[1:]:
            query |= prefix
        taken = {name.lower() for name in User.objects.filter(query).values_list("username", flat=True)}
    return [
        create_account(actor=actor, council=council, role=Role.DEPUTY, username=_username_for(deputy, council, taken),
                       full_name=deputy.full_name, email=deputy.email, deputy=deputy)
        for deputy in deputies
    ]
