"""Working-day arithmetic for deadlines: weekends, Vietnamese public holidays (Tết included, from the
``holidays`` package) and the days off councils declare (``DayOff``, global or per council) are skipped; the
Saturdays the government declares make-up working days (``MAKEUP_WORKING_DAYS``) are counted.

``DayOff`` rows are read in one query per call, for the whole window the call can reach; a day off taken back
(archived) no longer counts.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from functools import lru_cache

import holidays
from django.conf import settings
from django.db.models import Q
from django.utils.translation import gettext as _

from .models import DayOff

DEFAULT_DEADLINES = {
    "forward_working_days": 5,
    "answer_working_days": 30,
    "answer_before_next_session": True,
    "answer_min_working_days": 10,
    "due_soon_working_days": 3,
}


def deadline_setting(name: str):
    """One value of ``settings.HDND_DEADLINES``, falling back to the documented default."""
    return {**DEFAULT_DEADLINES, **getattr(settings, "HDND_DEADLINES", {})}[name]


# Ngày làm bù: the Saturdays worked in exchange for a day off next to a holiday (the ``holidays`` package names
# that day off "Day off (substituted from MM/DD/YYYY)"). Kept as a table, because a make-up day is announced
# each year by the Ministry's notice; councils/tests/test_calendar.py checks it against the package's data.
MAKEUP_WORKING_DAYS: dict[datetime.date, datetime.date] = {
    # make-up Saturday: the day off it pays for
    datetime.date(2025, 4, 26): datetime.date(2025, 5, 2),
    datetime.date(2026, 8, 22): datetime.date(2026, 8, 31),
}


@lru_cache(maxsize=64)
def holiday_names(year: int) -> dict[datetime.date, str]:
    """The public holidays of a year with their Vietnamese names."""
    return dict(holidays.Vietnam(years=year, language="vi").items())


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holiday_names(year))


def holiday_name(day: datetime.date) -> str | None:
    return holiday_names(day.year).get(day)


def is_makeup_working_day(day: datetime.date) -> bool:
    return day in MAKEUP_WORKING_DAYS


def _days_off(council, start: datetime.date, end: datetime.date) -> set[datetime.date]:
    scope = Q(council__isnull=True)
    if council is not None:
        scope |= Q(council=council)
    return set(DayOff.objects.filter(scope, date__gte=start, date__lte=end, archived_at__isnull=True)
               .values_list("date", flat=True))


def _is_working(day: datetime.date, days_off: set[datetime.date]) -> bool:
    if day in days_off or day in _public_holidays(day.year):
        return False
    return day.weekday() < 5 or day in MAKEUP_WORKING_DAYS


def _window(n: int) -> int:
    # Long enough for n working days even across Tết and a run of declared days off.
    return n * 2 + 60


def add_working_days(start: datetime.date, n: int, council=None) -> datetime.date:
    """The date ``n`` working days after ``start`` (``start`` itself is not counted; n=0 gives start)."""
    if n < 0:
        raise ValueError("n must not be negative")
    if n == 0:
        return start
    span = _window(n)
    days_off = _days_off(council, start, start + datetime.timedelta(days=span))
    day, counted = start, 0
    while counted < n:
        day += datetime.timedelta(days=1)
        if day > start + datetime.timedelta(days=span):
            # Rare: more days off than the window allowed for. Read the next window (one more query).
            span += _window(n)
            days_off |= _days_off(council, day, start + datetime.timedelta(days=span))
        if _is_working(day, days_off):
            counted += 1
    return day


def previous_working_day(day: datetime.date, council=None) -> datetime.date:
    """The last working day before ``day``: a deadline moved one working day back."""
    span = _window(1)
    days_off = _days_off(council, day - datetime.timedelta(days=span), day)
    current = day
    while True:
        current -= datetime.timedelta(days=1)
        if current < day - datetime.timedelta(days=span):
            span += _window(1)
            days_off |= _days_off(council, day - datetime.timedelta(days=span), current)
        if _is_working(current, days_off):
            return current


def working_days_between(a: datetime.date, b: datetime.date, council=None) -> int:
    """Working days after ``a`` up to and including ``b`` (0 when b <= a).

    So ``add_working_days(a, working_days_between(a, b))`` is ``b`` whenever ``b`` is a working day.
    """
    if b <= a:
        return 0
    days_off = _days_off(council, a, b)
    count, day = 0, a
    while day < b:
        day += datetime.timedelta(days=1)
        if _is_working(day, days_off):
            count += 1
    return count


def is_working_day(day: datetime.date, council=None) -> bool:
    return _is_working(day, _days_off(council, day, day))


def working_days_counter(start: datetime.date, end: datetime.date):
    """A counter ``(a, b, council_id) -> working_days_between(a, b, council)`` for many pairs inside
    [start, end], reading the days off of every council in one query (a whole report in one pass)."""
    days_off: dict[int | None, set[datetime.date]] = {}
    in_force = DayOff.objects.filter(date__gte=start, date__lte=end, archived_at__isnull=True)
    for council_id, day in in_force.values_list("council_id", "date"):
        days_off.setdefault(council_id, set()).add(day)
    shared = days_off.get(None, set())
    # cumulative[i]: working days (without a council's own days off) from ``start`` to start + i, inclusive.
    cumulative, count = [], 0
    for offset in range((end - start).days + 1):
        count += _is_working(start + datetime.timedelta(days=offset), shared)
        cumulative.append(count)

    def count_between(a: datetime.date, b: datetime.date, council_id: int | None = None) -> int:
        if b <= a:
            return 0
        if a < start or b > end:
            raise ValueError("dates outside the counter's window")
        total = cumulative[(b - start).days] - cumulative[(a - start).days]
        own = days_off.get(council_id, set()) if council_id is not None else set()
        return total - sum(1 for day in own if a < day <= b and _is_working(day, shared))

    return count_between


@dataclass(frozen=True)
class CountedDay:
    """One day of a deadline's span: counted as a working day or skipped, and why."""

    date: datetime.date
    counted: bool
    reason: str


# The longest span the "how it was computed" page walks day by day (a deadline is weeks, not years).
MAX_EXPLAINED_DAYS = 400


def explain_span(start: datetime.date, end: datetime.date, council=None) -> list[CountedDay]:
    """Each day after ``start`` up to and including ``end``: counted or skipped, with the reason (a holiday's
    name, the weekend, a declared day off, a make-up working Saturday). One query for the days off."""
    if (end - start).days > MAX_EXPLAINED_DAYS:
        raise ValueError("span too long to explain")
    scope = Q(council__isnull=True)
    if council is not None:
        scope |= Q(council=council)
    declared = {}
    for day_off in DayOff.objects.filter(scope, date__gt=start, date__lte=end, archived_at__isnull=True).select_related(
            "council"):
        # A council's own day off and a shared one on the same date: the council's reason is shown.
        if day_off.date not in declared or day_off.council_id is not None:
            declared[day_off.date] = day_off
    out = []
    day = start
    while day < end:
        day += datetime.timedelta(days=1)
        if day in declared:
            day_off = declared[day]
            reason = (_("ngày nghỉ của %(council)s: %(reason)s") % {"council": day_off.council, "reason": day_off.reason}
                      if day_off.council_id else _("ngày nghỉ chung: %(reason)s") % {"reason": day_off.reason})
            out.append(CountedDay(day, False, reason))
        elif (name := holiday_name(day)) is not None:
            out.append(CountedDay(day, False, _("nghỉ lễ, Tết: %(name)s") % {"name": name}))
        elif day in MAKEUP_WORKING_DAYS:
            out.append(CountedDay(day, True, _("thứ Bảy làm bù cho ngày nghỉ %(date)s") % {
                "date": MAKEUP_WORKING_DAYS[day].strftime("%d/%m/%Y")}))
        elif day.weekday() >= 5:
            out.append(CountedDay(day, False, _("thứ Bảy") if day.weekday() == 5 else _("Chủ nhật")))
        else:
            out.append(CountedDay(day, True, ""))
    return out
