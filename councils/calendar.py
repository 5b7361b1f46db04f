"""Lịch làm việc: a council's year of public holidays, make-up working Saturdays and declared days off; the
days off the secretariat adds; and the open deadlines a new day off moves.

Deadlines that count working days live in the apps above (voters' forwardings): each registers, in its
AppConfig.ready, a function that moves its own open deadlines (``on_day_off_added``), so this module never
names them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .audit import record_audit
from .choices import CalendarEvent
from .models import Council, DayOff
from .workdays import MAKEUP_WORKING_DAYS, holiday_names

# ``mover(day_off=, skip_council_ids=, actor=) -> int``: moves the open deadlines of its app that ``day_off``
# falls within by one working day, with a history line on each; returns how many it moved.
_movers: list[Callable[..., int]] = []

FIRST_YEAR, LAST_YEAR = 2000, 2100


def on_day_off_added(mover: Callable[..., int]) -> None:
    if mover not in _movers:
        _movers.append(mover)


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    kind: str  # "holiday", "makeup", "day_off" (the council's own) or "shared_day_off"
    label: str


def year_calendar(council: Council, year: int) -> list[CalendarDay]:
    """The year's holidays, make-up working Saturdays and days off of ``council`` (its own and the shared
    ones), in date order. One query."""
    days = [CalendarDay(day, "holiday", name) for day, name in holiday_names(year).items()]
    days += [CalendarDay(day, "makeup", _("Làm bù cho ngày nghỉ %(date)s") % {"date": paid.strftime("%d/%m/%Y")})
             for day, paid in MAKEUP_WORKING_DAYS.items() if day.year == year]
    for day_off in DayOff.objects.filter(Q(council__isnull=True) | Q(council=council), date__year=year):
        days.append(CalendarDay(day_off.date, "day_off" if day_off.council_id else "shared_day_off", day_off.reason))
    return sorted(days, key=lambda d: (d.date, d.kind))


@transaction.atomic
def add_day_off(*, council: Council, date: datetime.date, reason: str, actor) -> DayOff:
    """Declare a day off of ``council``; the open deadlines it falls within are moved after the commit."""
    permissions.require_manage(actor, council, _("Chỉ Văn phòng của HĐND này mới khai báo được ngày nghỉ."))
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValidationError({"date": _("Ngày không hợp lệ.")})
    if DayOff.objects.filter(council=council, date=date).exists():
        raise ValidationError({"date": _("Ngày nghỉ này đã được khai báo.")})
    day_off = DayOff(council=council, date=date, reason=reason.strip())
    day_off.full_clean()
    day_off.save()
    record_audit(target=day_off, council=council, action=CalendarEvent.DAY_OFF_ADDED, actor=actor,
                 changes={"date": [None, date.strftime("%d/%m/%Y")], "reason": [None, day_off.reason]})
    transaction.on_commit(lambda: _queue_move(day_off.pk, getattr(actor, "pk", None)))
    return day_off


_queue: list[Callable[[int, int | None], None]] = []


def on_day_off_queued(queue: Callable[[int, int | None], None]) -> None:
    """``councils.tasks`` registers how a new day off's deadlines are moved (a Celery task)."""
    if queue not in _queue:
        _queue.append(queue)


def _queue_move(day_off_id: int, actor_id: int | None) -> None:
    for queue in _queue:
        queue(day_off_id, actor_id)


def _was_working_day(day: datetime.date) -> bool:
    if day in holiday_names(day.year):
        return False
    return day.weekday() < 5 or day in MAKEUP_WORKING_DAYS


@transaction.atomic
def move_deadlines(*, day_off: DayOff, actor=None) -> int:
    """Move the open deadlines ``day_off`` falls within, once (a second run finds it done and moves nothing)."""
    locked = DayOff.objects.select_for_update().get(pk=day_off.pk)
    if locked.deadlines_moved_at is not None or not _was_working_day(locked.date):
        return 0
    # Councils for which the date was already off (a shared day off covers them all): nothing moves there.
    already = set(DayOff.objects.filter(date=locked.date).exclude(pk=locked.pk).values_list("council_id", flat=True))
    moved = 0
    if None not in already:
        for mover in _movers:
            moved += mover(day_off=locked, skip_council_ids=already, actor=actor)
    DayOff.objects.filter(pk=locked.pk).update(deadlines_moved_at=timezone.now())
    record_audit(target=locked, council=locked.council, action=CalendarEvent.DEADLINE_RECOMPUTED, actor=actor,
                 note=_("Đã tính lại %(n)d thời hạn đang mở.") % {"n": moved}, data_changed=moved > 0)
    return moved
