"""Writes of the yearly oversight programme (chương trình giám sát)."""

from __future__ import annotations

import datetime

from django.db import transaction

from councils.audit import apply_changes, record_audit
from councils.models import Council

from .. import permissions
from ..models import OversightProgramme


@transaction.atomic
def create_programme(*, council: Council, year: int, title: str, decision_number: str = "",
                     approved_on: datetime.date | None = None, actor) -> OversightProgramme:
    permissions.require_manage(actor, council)
    programme = OversightProgramme(council=council, year=year, title=title, decision_number=decision_number,
                                   approved_on=approved_on)
    programme.full_clean()
    programme.save()
    record_audit(target=programme, action="create", actor=actor)
    return programme


PROGRAMME_EDITABLE = ("year", "title", "decision_number", "approved_on")


@transaction.atomic
def update_programme(*, programme: OversightProgramme, actor, **changes) -> OversightProgramme:
    permissions.require_manage(actor, programme.council)
    diff = apply_changes(programme, changes, editable=PROGRAMME_EDITABLE)
    programme.full_clean()
    programme.save()
    record_audit(target=programme, action="update", actor=actor, changes=diff)
    return programme
