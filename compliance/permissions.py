"""Who may do what with the quotas: everyone with a role reads the figures of their councils and those
below; the council's secretariat (an administrator above it) asks for them to be computed now; only who
sees every council reads the figures of a run of every council."""

from __future__ import annotations

from django.utils.translation import gettext as _

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
