"""Bảng theo dõi cơ quan trả lời kiến nghị: per agency and period, the forwardings it received, answered,
answered on time, its median working days to answer, what is overdue now, answers returned and petitions
reopened after voters' feedback, over the councils a user sees.

Each figure is a condition of ``answer_figures`` (shared with the drill-down and the compliance metric); the
table counts the rows by them in one pass over ``values()`` rows. Working days to answer are counted in Python over those rows (public holidays come from the ``holidays``
package, not the database), with every council's days off read in one query.
"""

from __future__ import annotations

import datetime
import statistics
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import BooleanField, ExpressionWrapper, QuerySet
from django.utils import timezone

from councils.models import Council
from councils.workdays import working_days_counter
from voters.models import Forwarding

from .answer_figures import annotate_figures, figure_conditions, in_subtree, received_in
from .choices import PeriodKind
from .engine.periods import calendar_period
from .metrics.base import Period

# The period kinds the scorecard offers: calendar periods, the same as the compliance dashboard's.
SCORECARD_PERIODS = (PeriodKind.YEAR, PeriodKind.HALF_YEAR, PeriodKind.QUARTER)
HISTORY_PERIODS = 6  # periods drawn in the chart, the chosen one last
TOP_AGENCIES = 5  # agencies drawn in the chart when none is chosen


# ---------------------------------------------------------------------------------------------------------
# Periods.

def period_of(kind: str, day: datetime.date, as_of: datetime.date) -> Period:
    """The calendar period of ``kind`` containing ``day``, closed if it ended before ``as_of``."""
    period = calendar_period(kind, day)
    return Period(period.start, period.end, period.label, closed=as_of > period.end)


def periods_back(kind: str, last: Period, as_of: datetime.date, count: int = HISTORY_PERIODS) -> list[Period]:
    """``count`` consecutive periods ending with ``last``, oldest first."""
    periods = [last]
    while len(periods) < count:
        periods.insert(0, period_of(kind, periods[0].start - datetime.timedelta(days=1), as_of))
    return periods


# ---------------------------------------------------------------------------------------------------------
# The figures of one agency.

def percent(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(100) * part / whole).quantize(Decimal("0.1"), ROUND_HALF_UP)


@dataclass
class AgencyFigures:
    agency_id: int | None
    name: str
    received: int = 0
    answered: int = 0
    on_time: int = 0
    due: int = 0
    overdue: int = 0
    returned: int = 0  # history lines, not forwardings
    reopened: int = 0
    days_to_answer: list[int] = field(default_factory=list, repr=False)

    @property
    def on_time_rate(self) -> Decimal | None:
        return percent(self.on_time, self.due)

    @property
    def median_days(self) -> Decimal | None:
        if not self.days_to_answer:
            return None
        return Decimal(str(statistics.median(self.days_to_answer))).quantize(Decimal("0.1"), ROUND_HALF_UP)

    def add(self, row: dict, days: int | None) -> None:
        self.received += 1
        self.answered += bool(row["f_answered"])
        self.on_time += bool(row["f_on_time"])
        self.due += bool(row["f_due"])
        self.overdue += bool(row["f_overdue"])
        self.returned += row["returned_count"]
        self.reopened += bool(row["reopened"])
        if days is not None:
            self.days_to_answer.append(days)


# The table's columns, by sort key: how a row is sorted (None sorts last either way).
SORT_KEYS = ("name", "received", "answered", "on_time", "on_time_rate", "median_days", "overdue", "returned",
             "reopened")


def sort_rows(rows: list[AgencyFigures], sort: str) -> list[AgencyFigures]:
    key = sort.lstrip("-")
    if key not in SORT_KEYS:
        key, sort = "name", "name"
    descending = sort.startswith("-")
    by_name = sorted(rows, key=lambda row: row.name.casefold())
    present = [row for row in by_name if getattr(row, key) is not None]
    missing = [row for row in by_name if getattr(row, key) is None]
    # A stable sort: equal values stay in name order, either way.
    present.sort(key=lambda row: row.name.casefold() if key == "name" else getattr(row, key), reverse=descending)
    return present + missing


def _rows(queryset: QuerySet[Forwarding], as_of: datetime.date):
    conditions = figure_conditions(as_of)
    flags = {f"f_{name}": ExpressionWrapper(conditions[name], output_field=BooleanField())
             for name in ("answered", "on_time", "due", "overdue")}
    return list(
        annotate_figures(queryset).annotate(**flags).order_by()
        .values("agency_id", "agency__name", "agency__short_name", "council_id", "forwarded_on",
                "answered_on", "paused_days", "returned_count", "reopened", *flags)
    )


def _days_counter(rows: list[dict]):
    answered = [row for row in rows if row["f_answered"]]
    if not answered:
        return None
    return working_days_counter(min(row["forwarded_on"] for row in answered),
                                max(row["answered_on"] for row in answered))


def working_days_to_answer(row: dict, counter) -> int | None:
    """Working days from forwarding to answer, less the days paused for clarification (never below 0)."""
    if not row["f_answered"]:
        return None
    days = counter(row["forwarded_on"], row["answered_on"], row["council_id"])
    return max(days - row["paused_days"], 0)


def scorecard(queryset: QuerySet[Forwarding], *, kind: str, period: Period, as_of: datetime.date,
              sort: str = "name", agency: int | None = None) -> dict:
    """The figures per agency over ``period`` and the on-time rate over the periods before it (two queries:
    the forwardings of every period, and the days off)."""
    periods = periods_back(kind, period, as_of)
    rows = _rows(received_in(queryset, periods[0].start, period.end), as_of)
    counter = _days_counter(rows)
    agencies: dict[int, AgencyFigures] = {}
    total = AgencyFigures(None, "")
    history: dict[tuple[int, int], AgencyFigures] = {}
    names: dict[int, str] = {}
    for row in rows:
        agency_id = row["agency_id"]
        names[agency_id] = row["agency__short_name"] or row["agency__name"]
        index = next(i for i, p in enumerate(periods) if p.start <= row["forwarded_on"] <= p.end)
        bucket = history.setdefault((agency_id, index), AgencyFigures(agency_id, ""))
        bucket.on_time += bool(row["f_on_time"])
        bucket.due += bool(row["f_due"])
        if index == len(periods) - 1:
            days = working_days_to_answer(row, counter)
            agencies.setdefault(agency_id, AgencyFigures(agency_id, names[agency_id])).add(row, days)
            total.add(row, days)
    table = sort_rows(list(agencies.values()), sort)
    if agency in names:
        charted = [agency]
    else:
        charted = [row.agency_id for row in sorted(agencies.values(), key=lambda r: (-r.received, r.name))][:TOP_AGENCIES]
    chart = {
        "labels": [p.label for p in periods],
        "datasets": [
            {"label": names[agency_id],
             "data": [_as_float(history[(agency_id, i)].on_time_rate) if (agency_id, i) in history else None
                      for i in range(len(periods))]}
            for agency_id in charted
        ],
    }
    return {"period": period, "periods": periods, "rows": table, "total": total, "chart": chart,
            "agencies": sorted(names.items(), key=lambda item: item[1].casefold())}


def _as_float(value: Decimal | None) -> float | None:
    return float(value) if value is not None else None


def scorecard_for(user, council: Council, *, kind: str = PeriodKind.YEAR, day: datetime.date | None = None,
                  sort: str = "name", agency: int | None = None) -> dict:
    """The scorecard of the forwardings of ``council`` and the councils below it that ``user`` sees, over the
    period of ``kind`` containing ``day`` (today by default), judged today."""
    as_of = timezone.localdate()
    kind = kind if kind in SCORECARD_PERIODS else PeriodKind.YEAR
    period = period_of(kind, day or as_of, as_of)
    data = scorecard(in_subtree(Forwarding.objects.for_user(user), council), kind=kind, period=period, as_of=as_of,
                     sort=sort, agency=agency)
    return {**data, "council": council, "kind": kind, "as_of": as_of, "sort": sort}
