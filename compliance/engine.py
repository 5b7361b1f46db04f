"""The compliance engine: evaluates every applicable rule for every subject over the period containing a date.

Set-based by construction: for one rule the engine runs a fixed number of queries (its subjects, its
periods' sessions when needed, and one query per source of records), whatever the number of councils and
subjects; per-subject figures are then computed in memory from those rows. The rows a figure was computed
from are exactly the evidence stored with it, so the number and its evidence can never disagree.

This module only reads. ``compliance.services.run_evaluation`` stores what it returns.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Q
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import BodyKind, CommitteeType, SessionKind
from councils.models import Body, Council, Deputy, Session, Term

from .choices import PeriodKind, ResultStatus, SubjectType
from .metrics import registry
from .metrics.base import (
    Context,
    CouncilInfo,
    EvidenceRow,
    Measure,
    Period,
    Periods,
    Subject,
    SubjectKey,
    _prefix_q,
)
from .metrics.validation import validate_rule
from .models import Rule

__all__ = [
    "BODY_NOUNS", "DEFAULT_SESSION_GAP_DAYS", "HUNDRED", "SESSION_LOOKBACK_DAYS", "SUBJECT_BODY_KIND", "TWO_PLACES",
    "Context", "CouncilInfo", "EvidenceRow", "Measure", "Outcome", "Period", "Periods", "Subject", "SubjectKey",
    "_prefix_q", "active_rules", "between_sessions_periods", "calendar_period", "councils_under_rule", "evaluate",
    "evaluate_rule", "expected_now", "inactive_reason", "judge", "load_councils", "subjects_for", "validate_rule",
]

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")
# A between-sessions window whose next regular session is not scheduled yet is assumed to last half a
# year: councils hold at least two regular sessions a year.
DEFAULT_SESSION_GAP_DAYS = 182
# Sessions older than this cannot open the window that contains the as-of date.
SESSION_LOOKBACK_DAYS = 3 * 366

SUBJECT_BODY_KIND = {
    SubjectType.STANDING_BOARD: BodyKind.STANDING_BOARD,
    SubjectType.COMMITTEE: BodyKind.COMMITTEE,
    SubjectType.DEPUTY_GROUP: BodyKind.DEPUTY_GROUP,
}

# How a missing body is named in a "not applicable" reason.
BODY_NOUNS = {
    SubjectType.STANDING_BOARD: _lazy("Thường trực HĐND"),
    SubjectType.COMMITTEE: _lazy("Ban"),
    SubjectType.DEPUTY_GROUP: _lazy("Tổ đại biểu"),
}


# ---------------------------------------------------------------------------------------------------------
# What the engine returns.

@dataclass
class Outcome:
    rule: Rule
    subject: Subject
    period: Period
    status: str
    target: Decimal
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    expected: Decimal | None = None
    reason: str = ""
    evidence: list[EvidenceRow] = field(default_factory=list)


# ---------------------------------------------------------------------------------------------------------
# Periods.

def calendar_period(kind: str, as_of: datetime.date, *, days: int | None = None, term: Term | None = None) -> Period | None:
    """The period of ``kind`` that contains ``as_of`` (None for a term when no term contains it)."""
    if kind == PeriodKind.YEAR:
        start, end = datetime.date(as_of.year, 1, 1), datetime.date(as_of.year, 12, 31)
        label = _("Năm %(year)s") % {"year": as_of.year}
    elif kind == PeriodKind.HALF_YEAR:
        first = as_of.month <= 6
        start = datetime.date(as_of.year, 1 if first else 7, 1)
        end = datetime.date(as_of.year, 6, 30) if first else datetime.date(as_of.year, 12, 31)
        label = (_("6 tháng đầu năm %(year)s") if first else _("6 tháng cuối năm %(year)s")) % {"year": as_of.year}
    elif kind == PeriodKind.QUARTER:
        quarter = (as_of.month - 1) // 3
        start = datetime.date(as_of.year, quarter * 3 + 1, 1)
        next_start = datetime.date(as_of.year + (quarter == 3), (quarter * 3 + 3) % 12 + 1, 1)
        end = next_start - datetime.timedelta(days=1)
        label = _("Quý %(quarter)s/%(year)s") % {"quarter": ("I", "II", "III", "IV")[quarter], "year": as_of.year}
    elif kind == PeriodKind.TERM:
        if term is None:
            return None
        start, end = term.start_date, term.end_date
        label = _("Nhiệm kỳ %(term)s") % {"term": term.name}
    elif kind == PeriodKind.ROLLING_DAYS:
        start, end = as_of - datetime.timedelta(days=days - 1), as_of
        label = _("%(days)s ngày đến %(date)s") % {"days": days, "date": _d(as_of)}
        # A rolling window is complete on the day it is computed: it is judged, not forecast.
        return Period(start, end, label, closed=True)
    else:
        raise ValueError(kind)
    return Period(start, end, label, closed=as_of >= end)


def between_sessions_periods(ctx: Context) -> dict[int, Period | None]:
    """Per council: the window from its last regular session that opened on or before the as-of date to the
    day before its next regular session (one query for every council)."""
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
    for council_id in ctx.councils:
        if council_id not in previous:
            periods[council_id] = None
            continue
        number, start = previous[council_id]
        if council_id in following:
            end = following[council_id] - datetime.timedelta(days=1)
            closed = as_of >= end
        else:
            end, closed = max(start + datetime.timedelta(days=DEFAULT_SESSION_GAP_DAYS), as_of), False
        label = _("Sau kỳ họp thứ %(number)s (%(date)s)") % {"number": number, "date": _d(start)}
        periods[council_id] = Period(start, end, label, closed=closed)
    return periods


def _d(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


# ---------------------------------------------------------------------------------------------------------
# Subjects.

def subjects_for(rule: Rule, ctx: Context, council_ids: set[int]) -> tuple[list[Subject], dict[int, str]]:
    """The subjects of ``rule`` in these councils (one query), and a reason for councils that have none."""
    if rule.subject_type == SubjectType.COUNCIL:
        return [Subject(SubjectType.COUNCIL, cid, cid, ctx.councils[cid].name) for cid in sorted(council_ids)], {}
    term_q = Q(term__start_date__lte=ctx.as_of, term__end_date__gte=ctx.as_of)
    if rule.subject_type == SubjectType.DEPUTY:
        rows = (
            Deputy.objects.filter(ctx.council_q("council"), term_q)
            .filter(Q(start_date__isnull=True) | Q(start_date__lte=ctx.as_of))
            .filter(Q(end_date__isnull=True) | Q(end_date__gte=ctx.as_of))
            .order_by("council_id", "full_name", "id")
            .values_list("id", "council_id", "full_name")
        )
        missing_reason = _("HĐND chưa có đại biểu trong nhiệm kỳ.")
    else:
        body_q = Q(kind=SUBJECT_BODY_KIND[rule.subject_type])
        if rule.committee_type:
            body_q &= Q(committee_type=rule.committee_type)
        rows = (
            Body.objects.filter(ctx.council_q("council"), term_q, body_q)
            .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=ctx.as_of))
            .order_by("council_id", "name", "id")
            .values_list("id", "council_id", "name")
        )
        what = CommitteeType(rule.committee_type).label if rule.committee_type else BODY_NOUNS[rule.subject_type]
        missing_reason = _("HĐND không có %(body)s trong nhiệm kỳ.") % {"body": what}
    subjects = [Subject(rule.subject_type, pk, cid, name) for pk, cid, name in rows if cid in council_ids]
    having = {s.council_id for s in subjects}
    return subjects, {cid: missing_reason for cid in council_ids - having}


# ---------------------------------------------------------------------------------------------------------
# Judging a figure.

def expected_now(target: Decimal, period: Period, as_of: datetime.date) -> Decimal:
    """The linear pro-rata share of a count target due by ``as_of``."""
    if period.closed:
        return target
    length = (period.end - period.start).days + 1
    elapsed = min(max((as_of - period.start).days + 1, 0), length)
    return (target * elapsed / length).quantize(TWO_PLACES, ROUND_HALF_UP)


def judge(rule: Rule, subject: Subject, period: Period, measure: Measure, as_of: datetime.date) -> Outcome:
    target = rule.threshold
    outcome = Outcome(rule=rule, subject=subject, period=period, status="", target=target,
                      evidence=measure.evidence)
    if rule.is_share:
        outcome.numerator, outcome.denominator = measure.numerator, measure.denominator
        if not measure.denominator:
            outcome.status = ResultStatus.NOT_APPLICABLE
            outcome.reason = str(registry.get(rule.metric).empty_reason)
            return outcome
        outcome.value = (HUNDRED * measure.numerator / measure.denominator).quantize(TWO_PLACES, ROUND_HALF_UP)
        # A share must hold all along: what is expected now is the target itself.
        outcome.expected = target
        if outcome.value >= target:
            outcome.status = ResultStatus.MET if period.closed else ResultStatus.ON_TRACK
        else:
            outcome.status = ResultStatus.MISSED if period.closed else ResultStatus.AT_RISK
        return outcome
    outcome.value = Decimal(measure.numerator)
    outcome.numerator = measure.numerator
    outcome.expected = expected_now(target, period, as_of)
    if outcome.value >= target:
        outcome.status = ResultStatus.MET
    elif period.closed:
        outcome.status = ResultStatus.MISSED
    else:
        outcome.status = ResultStatus.ON_TRACK if outcome.value >= outcome.expected else ResultStatus.AT_RISK
    return outcome


# ---------------------------------------------------------------------------------------------------------
# The evaluation.

def load_councils(scope: Q) -> dict[int, CouncilInfo]:
    rows = Council.objects.filter(scope).values_list(
        "id", "path", "name", "level_id", "level__name", "level__valid_to", "valid_to", "valid_from"
    )
    return {row[0]: CouncilInfo(*row) for row in rows}


def active_rules() -> list[Rule]:
    return list(
        Rule.objects.filter(is_active=True, ruleset__is_active=True)
        .select_related("ruleset__council", "council")
        .prefetch_related("levels")
        .order_by("ruleset__code", "order", "code")
    )


def councils_under_rule(rule: Rule, ctx: Context) -> list[CouncilInfo]:
    """Councils in scope that the rule's jurisdiction (rule set subtree, rule subtree, levels) covers."""
    prefixes = [c.path for c in (rule.ruleset.council, rule.council) if c is not None]
    level_ids = {level.pk for level in rule.levels.all()}
    return [
        info for info in ctx.councils.values()
        if all(info.path.startswith(prefix) for prefix in prefixes) and (not level_ids or info.level_id in level_ids)
    ]


def inactive_reason(rule: Rule, info: CouncilInfo, as_of: datetime.date) -> str:
    if rule.valid_from and as_of < rule.valid_from:
        return _("Chỉ tiêu chưa có hiệu lực (áp dụng từ %(date)s).") % {"date": _d(rule.valid_from)}
    if rule.valid_to and as_of > rule.valid_to:
        return _("Chỉ tiêu đã hết hiệu lực từ %(date)s.") % {"date": _d(rule.valid_to + datetime.timedelta(days=1))}
    if info.level_valid_to and as_of > info.level_valid_to:
        return _("%(level)s không còn từ %(date)s.") % {
            "level": info.level_name, "date": _d(info.level_valid_to + datetime.timedelta(days=1))}
    if info.valid_to and as_of > info.valid_to:
        return _("HĐND đã kết thúc hoạt động từ %(date)s.") % {"date": _d(info.valid_to + datetime.timedelta(days=1))}
    if info.valid_from and as_of < info.valid_from:
        return _("HĐND chưa hoạt động (từ %(date)s).") % {"date": _d(info.valid_from)}
    return ""


def evaluate_rule(rule: Rule, ctx: Context) -> list[Outcome]:
    """Every subject's outcome for one rule, in a fixed number of queries."""
    as_of = ctx.as_of
    outcomes: list[Outcome] = []
    covered = councils_under_rule(rule, ctx)
    if not covered:
        return outcomes
    if rule.period == PeriodKind.BETWEEN_SESSIONS:
        council_periods = between_sessions_periods(ctx)
    else:
        shared = calendar_period(rule.period, as_of, days=rule.period_days,
                                 term=ctx.term if rule.period == PeriodKind.TERM else None)
        council_periods = {info.id: shared for info in covered}
    fallback = calendar_period(PeriodKind.YEAR, as_of)

    def not_applicable(info: CouncilInfo, reason: str, period: Period | None):
        subject = Subject(SubjectType.COUNCIL, info.id, info.id, info.name)
        outcomes.append(Outcome(rule=rule, subject=subject, period=period or fallback, target=rule.threshold,
                                status=ResultStatus.NOT_APPLICABLE, reason=reason))

    live: set[int] = set()
    for info in covered:
        period = council_periods.get(info.id)
        reason = inactive_reason(rule, info, as_of)
        if not reason and period is None:
            reason = (_("Chưa có kỳ họp thường lệ nào đến ngày tính.") if rule.period == PeriodKind.BETWEEN_SESSIONS
                      else _("Không có nhiệm kỳ chứa ngày tính."))
        if reason:
            not_applicable(info, reason, period)
        else:
            live.add(info.id)
    if not live:
        return outcomes
    subjects, missing = subjects_for(rule, ctx, live)
    for council_id, reason in sorted(missing.items()):
        not_applicable(ctx.councils[council_id], reason, council_periods[council_id])
    if not subjects:
        return outcomes
    periods = {(s.type, s.id): council_periods[s.council_id] for s in subjects}
    measures = registry.get(rule.metric).measure(rule, ctx, subjects, periods)
    for subject in subjects:
        key = (subject.type, subject.id)
        outcomes.append(judge(rule, subject, periods[key], measures.get(key) or Measure(), as_of))
    return outcomes


def evaluate(*, as_of: datetime.date, scope: Q, rules: Iterable[Rule] | None = None) -> list[Outcome]:
    """All outcomes for ``as_of`` over the councils matched by ``scope`` (a Q on Council)."""
    ctx = Context(as_of=as_of, councils=load_councils(scope), scope=scope)
    outcomes: list[Outcome] = []
    for rule in active_rules() if rules is None else rules:
        outcomes.extend(evaluate_rule(rule, ctx))
    return outcomes
