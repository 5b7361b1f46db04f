"""Who may do what with the quotas: everyone with a role reads the figures of their councils and those
below; the council's secretariat (an administrator above it) asks for them to be computed now; only who
sees every council reads the figures of a run of every council. The rules themselves are edited by an
administrator of the rule set's council (or of one above it); a national rule set only by a superuser."""

from __future__ import annotations

from django.utils.translation import gettext as _

from councils import scoping
from councils.choices import Role
from councils.permissions import can_manage, can_read, require
from councils.scoping import sees_everything


def can_read_results(user, council) -> bool:
    return can_read(user, council)


def can_read_scorecard(user, council) -> bool:
    """The agency scorecard of a council's subtree: whoever reads that council's figures (secretariat,
    standing board, party committee); an agency's own staff open no council and so no scorecard."""
    return can_read(user, council)


def require_read_scorecard(user, council) -> None:
    require(can_read_scorecard(user, council), _("Bạn không có quyền xem bảng theo dõi cơ quan của HĐND này."))


def can_read_all_councils_figures(user) -> bool:
    """The counts (and error) of a run of every council sum up the whole country."""
    return sees_everything(user)


def can_read_national(user) -> bool:
    """The national view (34 provinces, drill-down to communes) is for who sees every council."""
    return sees_everything(user)


def can_request_run(user, council) -> bool:
    return can_manage(user, council)


def require_request_run(user, council) -> None:
    require(can_request_run(user, council), _("Bạn không có quyền yêu cầu tính chỉ tiêu cho HĐND này."))


def can_administer(user, council) -> bool:
    """An administrator of this council or of one above it (a superuser everywhere); nobody for "every
    council" (``None``) but a superuser."""
    if sees_everything(user):
        return True
    if council is None or not (user and user.is_authenticated and user.is_active):
        return False
    return Role.ADMINISTRATOR in scoping.roles_for(user, council)


def can_edit_ruleset(user, ruleset) -> bool:
    """Create, edit, version and copy the rules of a set: its council's administrators (or above)."""
    return can_administer(user, ruleset.council)


def require_edit_ruleset(user, ruleset) -> None:
    require(can_edit_ruleset(user, ruleset), _("Chỉ quản trị viên của HĐND áp dụng bộ chỉ tiêu này mới được sửa nó."))


def require_administer(user, council) -> None:
    require(can_administer(user, council), _("Bạn không phải quản trị viên của HĐND này."))


def can_create_rulesets(user) -> bool:
    """Whether the "new rule set" button shows: an administrator somewhere."""
    return sees_everything(user) or bool(scoping.scope_paths(user, roles=(Role.ADMINISTRATOR,)))
