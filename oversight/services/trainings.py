"""Writes of deputies' trainings (with their attendance) and of thematic briefings with the councils below."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.audit import apply_changes, record_audit
from councils.models import Council, Deputy

from .. import permissions
from ..models import Briefing, Training, TrainingAttendance
from ._checks import _check_deputies, _in_subtree


@transaction.atomic
def create_training(*, council: Council, title: str, start_date: datetime.date, end_date: datetime.date | None = None,
                    organizer: str = "", place: str = "", actor) -> Training:
    permissions.require_manage(actor, council)
    training = Training(council=council, title=title, start_date=start_date, end_date=end_date or start_date,
                        organizer=organizer, place=place)
    training.full_clean()
    training.save()
    record_audit(target=training, action="create", actor=actor)
    return training


TRAINING_EDITABLE = ("title", "start_date", "end_date", "organizer", "place")


@transaction.atomic
def update_training(*, training: Training, actor, **changes) -> Training:
    permissions.require_manage(actor, training.council)
    diff = apply_changes(training, changes, editable=TRAINING_EDITABLE)
    training.full_clean()
    training.save()
    record_audit(target=training, action="update", actor=actor, changes=diff)
    return training


@transaction.atomic
def mark_attendance(*, training: Training, present: Iterable[Deputy] = (), absent: Iterable[Deputy] = (),
                    actor) -> int:
    """Mark many deputies at once; marking again overwrites (an upsert), so a retried request is harmless."""
    permissions.require_manage(actor, training.council)
    present, absent = list(present), list(absent)
    both = {d.pk for d in present} & {d.pk for d in absent}
    if both:
        raise ValidationError({"absent": _("Một đại biểu không thể vừa có mặt vừa vắng.")})
    _check_deputies(present + absent, training.council, "present")
    rows = [TrainingAttendance(training=training, deputy=d, attended=True) for d in present]
    rows += [TrainingAttendance(training=training, deputy=d, attended=False) for d in absent]
    TrainingAttendance.objects.bulk_create(rows, update_conflicts=True, unique_fields=["training", "deputy"],
                                           update_fields=["attended"])
    record_audit(target=training, action="attendance", actor=actor,
                 changes={"present": [d.pk for d in present], "absent": [d.pk for d in absent]})
    return len(rows)


def _check_briefing_councils(council: Council, participating: list[Council]) -> None:
    """A thematic briefing is held by a standing board with the standing boards of the levels below."""
    strangers = [c for c in participating if c.pk == council.pk or not _in_subtree(c, council)]
    if strangers:
        raise ValidationError({"participating_councils": _("HĐND %(names)s không phải cấp dưới của HĐND chủ trì.")
                               % {"names": ", ".join(str(c) for c in strangers)}})


@transaction.atomic
def create_briefing(*, council: Council, topic: str, date: datetime.date, actor, place: str = "", summary: str = "",
                    participating_councils: Iterable[Council] = ()) -> Briefing:
    permissions.require_manage(actor, council)
    participating = list(participating_councils)
    _check_briefing_councils(council, participating)
    briefing = Briefing(council=council, topic=topic, date=date, place=place, summary=summary)
    briefing.full_clean()
    briefing.save()
    briefing.participating_councils.set(participating)
    record_audit(target=briefing, action="create", actor=actor)
    return briefing


BRIEFING_EDITABLE = ("topic", "date", "place", "summary")


@transaction.atomic
def update_briefing(*, briefing: Briefing, actor, participating_councils: Iterable[Council] | None = None,
                    **changes) -> Briefing:
    permissions.require_manage(actor, briefing.council)
    diff = apply_changes(briefing, changes, editable=BRIEFING_EDITABLE)
    briefing.full_clean()
    briefing.save()
    if participating_councils is not None:
        participating = list(participating_councils)
        _check_briefing_councils(briefing.council, participating)
        briefing.participating_councils.set(participating)
        diff["participating_councils"] = [c.pk for c in participating]
    record_audit(target=briefing, action="update", actor=actor, changes=diff)
    return briefing
