"""Which agencies a council may address (forward petitions to, oversee, recommend to, question): the one
rule every app checks.

Central agencies (no council), and agencies of this council's area, of the areas above it and of those
below it; only active ones for a new link.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import Agency, Council


def may_address(council: Council, agency: Agency) -> bool:
    if agency.council_id is None:
        return True
    path = agency.council.path
    return council.path.startswith(path) or path.startswith(council.path)


def area_q(paths: Iterable[str]) -> Q:
    """Agencies that councils with these paths may address (the same rule as ``may_address``, in SQL)."""
    paths = list(paths)
    ancestor_codes = {code for path in paths for code in path.strip("/").split("/")}
    q = Q(council__isnull=True) | Q(council__code__in=sorted(ancestor_codes))
    for path in paths:
        q |= Q(council__path__startswith=path)
    return q


def check_addressable(council: Council, agencies: Iterable[Agency], field: str = "agencies") -> list[Agency]:
    """The agencies (None left out), or a ValidationError on ``field`` naming each one the council may not
    address."""
    agencies = [agency for agency in agencies if agency is not None]
    refused = []
    for agency in agencies:
        if not agency.is_active:
            refused.append(_("Cơ quan “%(name)s” không còn hoạt động.") % {"name": agency})
        elif not may_address(council, agency):
            refused.append(_("Cơ quan “%(name)s” không thuộc địa bàn của %(council)s.")
                           % {"name": agency, "council": council})
    if refused:
        raise ValidationError({field: refused})
    return agencies
