"""The periods a rule is judged over: calendar periods (year, half-year, quarter, term, rolling days) and each
council's window between two regular sessions."""

from __future__ import annotations

import datetime

from councils.choices import SessionKind
from councils.models import Session, Term

from ..choices import PeriodKind
from ..labels import period_label
from ..metrics.base import Context, Period

# A between-sessions window whose next regular session is not scheduled yet is assumed to last half a
# year: councils hold at least two regular sessions a year.
DEFAULT_SESSION_GAP_DAYS = 182
# Sessions older than this cannot open the window that contains the as-of date.
SESSION_LOOKBACK_DAYS = 3 * 366


def calendar_period(kind: str, as_of: datetime.date, *, days: int | None = None, term: Term | None = None) -> Period | None:
    """The period of ``kind`` that contains ``as_of`` (None for a term when no term contains it)."""
    if kind == PeriodKind.YEAR:
        start, end = datetime.date(as_of.year, 1, 1), datetime.date(as_of.year, 12, 31)
    elif kind == PeriodKind.HALF_YEAR:
        first = as_of.month <= 6
        start = datetime.date(as_of.year, 1 if first else 7, 1)
        end = datetime.date(as_of.year, 6, 30) if first else datetime.date(as_of.year, 12, 31)
    elif kind == PeriodKind.QUARTER:
        quarter = (as_of.month - 1) // 3
        start = datetime.date(as_of.year, quarter * 3 + 1, 1)
        next_start = datetime.date(as_of.year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)
        end = next_start - datetime.timedelta(days=1)
    elif kind == PeriodKind.TERM:
        if term is None:
            return None
        start, end = term.start_date, term.end_date
    elif kind == PeriodKind.ROLLING_DAYS:
        start, end = as_of - datetime.timedelta(days=days - 1), as_of
        # A rolling window is complete on the day it is computed: it is judged, not forecast.
        return Period(start, end, period_label(kind, start, end), closed=True)
    else:
        raise ValueError(kind)
    label = period_label(kind, start, end, term_name=term.name if term is not None else "")
    return Period(start, end, label, closed=as_of >= end)


def between_sessions_periods(ctx: Context) -> dict[int, Period | None]:
    """Per council of the context (narrowed to a rule's, or all in scope): the window from its last regular
    session that opened on or before the as-of date to the day before its next regular session (one query)."""
    as_of = ctx.as_of
    rows = (
        Session.objects.filter(ctx.council_q("council"), kind=SessionKind.REGULAR,
                               start_date__gte=as_of - datetime.timedelta(days=SESSION_LOOKBACK_DAYS))
        .order_by("council_id", "start_date")
        .values_list("council_id", "number", "start_date")
    )
    previous: dict[int, tuple[int, datetime.date]] = {}
    following: dict[int, datetime.date] = {}
    for council_id, number, start in rows:
        if start <= as_of:
            previous[council_id] = (number, start)
        elif council_id not in following:
            following[council_id] = start
    periods: dict[int, Period | None] = {}
    for council_id in ctx.councils if ctx.council_ids is None else ctx.council_ids:
        if council_id not in previous:
            periods[council_id] = None
            continue
        number, start = previous[council_id]
        if council_id in following:
            end = following[council_id] - datetime.timedelta(days=1)
            closed = as_of >= end
        else:
            end, closed = max(start + datetime.timedelta(days=DEFAULT_SESSION_GAP_DAYS), as_of), False
        label = period_label(PeriodKind.BETWEEN_SESSIONS, start, end, session_number=number)
        periods[council_id] = Period(start, end, label, closed=closed)
    return periods

