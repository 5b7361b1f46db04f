"""Working-day arithmetic for deadlines: weekends, Vietnamese public holidays (Tết included, from the
``holidays`` package) and the days off councils declare (``DayOff``, global or per council) are skipped.

``DayOff`` rows are read in one query per call, for the whole window the call can reach.
"""

from __future__ import annotations

import datetime
from functools import lru_cache

import holidays
from django.conf import settings
from django.db.models import Q

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


@lru_cache(maxsize=64)
def _public_holidays(year: int) -> frozenset[datetime.date]:
    return frozenset(holidays.Vietnam(years=year).keys())


def _days_off(council, start: datetime.date, end: datetime.date) -> set[datetime.date]:
    scope = Q(council__isnull=True)
    if council is not None:
        scope |= Q(council=council)
    return set(DayOff.objects.filter(scope, date__gte=start, date__lte=end).values_list("date", flat=True))


def _is_working(day: datetime.date, days_off: set[datetime.date]) -> bool:
    return day.weekday() < 5 and day not in _public_holidays(day.year) and day not in days_off


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
    for council_id, day in DayOff.objects.filter(date__gte=start, date__lte=end).values_list("council_id", "date"):
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
