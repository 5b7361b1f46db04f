"""Lịch làm việc: a council's year of public holidays, make-up working Saturdays and declared days off; the
days off the secretariat adds, changes or takes back; and the open deadlines each of these moves.

Deadlines that count working days live in the apps above (voters' forwardings): each registers, in its
AppConfig.ready, a function that moves its own open deadlines one working day later when a day off falls in
them (``on_day_off_added``) and one that moves them back when it is taken back (``on_day_off_removed``), so this
module never names them. A new day off's deadlines move after the commit (a task: a shared day off reaches
every council); a day off taken back moves its own council's deadlines back in the same transaction, so that a
changed date first undoes the old one and then counts the new one.
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

from . import permissions, scoping
from .audit import record_audit
from .choices import CalendarEvent
from .models import Council, DayOff
from .workdays import MAKEUP_WORKING_DAYS, holiday_names

# ``mover(day_off=, skip_council_ids=, actor=) -> int``: moves the open deadlines of its app that ``day_off``
# falls within by one working day (later for a day off added, back for one taken back), with a history line on
# each; returns how many it moved.
_movers: list[Callable[..., int]] = []
_back_movers: list[Callable[..., int]] = []

FIRST_YEAR, LAST_YEAR = 2000, 2100


def on_day_off_added(mover: Callable[..., int]) -> None:
    if mover not in _movers:
        _movers.append(mover)


def on_day_off_removed(mover: Callable[..., int]) -> None:
    if mover not in _back_movers:
        _back_movers.append(mover)


@dataclass(frozen=True)
class CalendarDay:
    date: datetime.date
    kind: str  # "holiday", "makeup", "day_off" (the council's own) or "shared_day_off"
    label: str
    day_off: DayOff | None = None  # the declared day off, for the buttons that change or take it back


def year_calendar(council: Council, year: int) -> list[CalendarDay]:
    """The year's holidays, make-up working Saturdays and days off of ``council`` (its own and the shared
    ones), in date order. One query."""
    days = [CalendarDay(day, "holiday", name) for day, name in holiday_names(year).items()]
    days += [CalendarDay(day, "makeup", _("Làm bù cho ngày nghỉ %(date)s") % {"date": paid.strftime("%d/%m/%Y")})
             for day, paid in MAKEUP_WORKING_DAYS.items() if day.year == year]
    for day_off in DayOff.objects.filter(Q(council__isnull=True) | Q(council=council), date__year=year,
                                         archived_at__isnull=True):
        days.append(CalendarDay(day_off.date, "day_off" if day_off.council_id else "shared_day_off", day_off.reason,
                                day_off))
    return sorted(days, key=lambda d: (d.date, d.kind))


@transaction.atomic
def add_day_off(*, council: Council, date: datetime.date, reason: str, actor) -> DayOff:
    """Declare a day off of ``council``; the open deadlines it falls within are moved after the commit."""
    permissions.require_manage(actor, council, _("Chỉ Văn phòng của HĐND này mới khai báo được ngày nghỉ."))
    _check_date(council, date)
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
    if locked.deadlines_moved_at is not None or locked.archived_at is not None or not _was_working_day(locked.date):
        return 0
    already = _also_off(locked)
    moved = 0
    if None not in already:
        for mover in _movers:
            moved += mover(day_off=locked, skip_council_ids=already, actor=actor)
    DayOff.objects.filter(pk=locked.pk).update(deadlines_moved_at=timezone.now())
    record_audit(target=locked, council=locked.council, action=CalendarEvent.DEADLINE_RECOMPUTED, actor=actor,
                 note=_("Đã tính lại %(n)d thời hạn đang mở.") % {"n": moved}, data_changed=moved > 0)
    return moved


def _also_off(day_off: DayOff) -> set:
    """The councils for which the date of ``day_off`` is off anyway (None: a shared day off covers them all):
    neither adding nor taking it back moves anything there."""
    return set(DayOff.objects.filter(date=day_off.date, archived_at__isnull=True).exclude(pk=day_off.pk)
               .values_list("council_id", flat=True))


def _check_date(council: Council | None, date: datetime.date, *, exclude: int | None = None) -> None:
    if not FIRST_YEAR <= date.year <= LAST_YEAR:
        raise ValidationError({"date": _("Ngày nghỉ phải trong các năm %(first)s–%(last)s.")
                               % {"first": FIRST_YEAR, "last": LAST_YEAR}})
    if DayOff.objects.filter(council=council, date=date, archived_at__isnull=True).exclude(pk=exclude).exists():
        raise ValidationError({"date": _("Ngày nghỉ này đã được khai báo.")})


def _lock(day_off: DayOff, actor, version: int | None) -> DayOff:
    """The day off under a row lock, once the actor may change it and it is still the version they saw."""
    if day_off.council is None:
        permissions.require(scoping.sees_everything(actor), _("Chỉ quản trị viên hệ thống mới sửa ngày nghỉ chung."))
    else:
        permissions.require_manage(actor, day_off.council, _("Chỉ Văn phòng của HĐND này mới sửa được ngày nghỉ."))
    locked = DayOff.objects.select_for_update().get(pk=day_off.pk)
    if locked.archived_at is not None:
        raise ValidationError(_("Ngày nghỉ này đã được bỏ."))
    if version is not None and locked.version != version:
        raise ValidationError(_("Ngày nghỉ đã được sửa sau khi bạn mở trang này; chưa lưu gì, hãy tải lại trang."),
                              code="stale")
    return locked


def _move_back(day_off: DayOff, actor) -> int:
    """Undo what ``move_deadlines`` did for ``day_off`` (already out of force): each open deadline it falls within
    moves one working day back, with a history line. Nothing moved for it, nothing moves back."""
    if day_off.deadlines_moved_at is None or not _was_working_day(day_off.date):
        return 0
    already = _also_off(day_off)
    if None in already:
        return 0
    return sum(mover(day_off=day_off, skip_council_ids=already, actor=actor) for mover in _back_movers)


@transaction.atomic
def change_day_off(*, day_off: DayOff, actor, date: datetime.date | None = None, reason: str | None = None,
                   version: int | None = None) -> DayOff:
    """A new date or reason for a declared day off. A new date is the old one taken back (its deadlines move
    back at once) and the new one declared (its deadlines move after the commit), each with history lines."""
    locked = _lock(day_off, actor, version)
    new_date = locked.date if date is None else date
    new_reason = locked.reason if reason is None else reason.strip()
    if (new_date, new_reason) == (locked.date, locked.reason):
        return locked
    changes, moved_back = {}, 0
    if new_date != locked.date:
        _check_date(locked.council, new_date, exclude=locked.pk)
        # Out of force while the deadlines of its old date move back, so that they are counted without it.
        DayOff.objects.filter(pk=locked.pk).update(archived_at=timezone.now())
        moved_back = _move_back(locked, actor)
        changes["date"] = [locked.date.strftime("%d/%m/%Y"), new_date.strftime("%d/%m/%Y")]
        locked.date, locked.deadlines_moved_at = new_date, None
    if new_reason != locked.reason:
        changes["reason"] = [locked.reason, new_reason]
        locked.reason = new_reason
    locked.archived_at = None
    locked.full_clean()
    locked.save()
    record_audit(target=locked, council=locked.council, action=CalendarEvent.DAY_OFF_CHANGED, actor=actor,
                 changes=changes, note=_("Đã tính lại %(n)d thời hạn đang mở.") % {"n": moved_back} if moved_back else "")
    if "date" in changes:
        transaction.on_commit(lambda: _queue_move(locked.pk, getattr(actor, "pk", None)))
    return locked


@transaction.atomic
def remove_day_off(*, day_off: DayOff, actor, version: int | None = None) -> DayOff:
    """Take a day off back (archived, never deleted): the open deadlines it had moved move back at once."""
    locked = _lock(day_off, actor, version)
    locked.archived_at, locked.archived_by = timezone.now(), actor if actor.is_authenticated else None
    locked.save(update_fields=["archived_at", "archived_by"])
    moved = _move_back(locked, actor)
    record_audit(target=locked, council=locked.council, action=CalendarEvent.DAY_OFF_REMOVED, actor=actor,
                 changes={"archived_at": [None, locked.archived_at.isoformat()]},
                 note=_("Đã tính lại %(n)d thời hạn đang mở.") % {"n": moved})
    day_off.archived_at, day_off.archived_by, day_off.version = locked.archived_at, locked.archived_by, locked.version
    return locked
