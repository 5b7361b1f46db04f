"""The compliance engine: evaluates every applicable rule for every subject over the period containing a date.

Set-based by construction: for one rule the engine runs a fixed number of queries (its subjects, its
periods' sessions when needed, and one query per source of records), whatever the number of councils and
subjects; per-subject figures are then computed in memory from those rows. The rows a figure was computed
from are exactly the evidence stored with it, so the number and its evidence can never disagree.

This module only reads. ``compliance.services.run_evaluation`` stores what it returns.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from functools import cached_property

from django.db.models import Count, Exists, Max, OuterRef, Q
from django.db.models.functions import Left
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils.choices import BodyKind, CommitteeType, SessionKind
from councils.models import Body, Council, Deputy, Session, Term
from oversight.choices import ActivityKind, ActivityStatus, FollowUpStatus, WorkItemOrigin, WorkItemStatus
from oversight.models import Briefing, OversightActivity, Recommendation, TrainingAttendance, WorkItem
from voters.choices import MeetingKind, PetitionKind, PetitionStatus
from voters.models import CitizenReception, Forwarding, Petition, VoterMeeting

from .choices import BODY_SUBJECT_TYPES, Comparison, Metric, PeriodKind, ResultStatus, SubjectType
from .models import Rule

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
# Rule parameters: what each metric accepts, checked when a rule is saved (admin, load_rules).

def _choices(choices_cls) -> set[str]:
    return {value for value in choices_cls.values if value}


PARAM_SPECS: dict[str, dict[str, tuple[type, set[str] | None]]] = {
    Metric.ACTIVITY_COUNT: {
        "oversight_kinds": (list, _choices(ActivityKind)),
        "voter_meeting_kinds": (list, _choices(MeetingKind)),
        "session_kinds": (list, _choices(SessionKind)),
        "briefing": (bool, None),
        "body_kinds": (list, _choices(BodyKind)),
    },
    Metric.PETITIONS_FORWARDED: {
        "kinds": (list, _choices(PetitionKind)),
        "within_deadline": (bool, None),
        "deadline_days": (int, None),
    },
    Metric.FORWARDINGS_ANSWERED_ON_TIME: {},
    Metric.DEPUTIES_WITH_MIN: {
        "source": (str, {"citizen_reception", "training"}),
        "min_count": (int, None),
        "scheduled_only": (bool, None),
    },
    Metric.RECOMMENDATIONS_IMPLEMENTED: {"count_partly": (bool, None)},
    Metric.WORK_ITEMS_ON_TIME: {"origins": (list, _choices(WorkItemOrigin))},
    Metric.SESSION_DOCUMENTS_LEAD: {"min_days": (int, None), "session_kinds": (list, _choices(SessionKind))},
    Metric.SESSIONS_WITH_ACTIVITY: {
        "session_kinds": (list, _choices(SessionKind)),
        "activity_kinds": (list, _choices(ActivityKind)),
    },
}
REQUIRED_PARAMS = {Metric.DEPUTIES_WITH_MIN: ("source",), Metric.SESSION_DOCUMENTS_LEAD: ("min_days",)}
COUNT_METRICS = {Metric.ACTIVITY_COUNT}
# Which subjects each metric can measure.
METRIC_SUBJECTS = {
    Metric.ACTIVITY_COUNT: set(SubjectType.values),
    Metric.WORK_ITEMS_ON_TIME: {SubjectType.COUNCIL, *BODY_SUBJECT_TYPES},
}


def validate_rule(*, metric, params, subject_type, period, period_days, comparison, committee_type) -> dict:
    """Field -> messages for a rule whose metric, parameters, subject, period or comparison do not fit."""
    errors: dict[str, list[str]] = defaultdict(list)
    spec = PARAM_SPECS.get(metric)
    if spec is None:
        return {"metric": [_("Cách đo không hợp lệ.")]}
    if not isinstance(params, dict):
        errors["params"].append(_("Tham số phải là một đối tượng JSON."))
        params = {}
    for name, value in params.items():
        if name not in spec:
            errors["params"].append(_("Tham số “%(name)s” không dùng cho cách đo này.") % {"name": name})
            continue
        kind, allowed = spec[name]
        if kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            errors["params"].append(_("Tham số “%(name)s” phải là số nguyên không âm.") % {"name": name})
        elif kind is not int and not isinstance(value, kind):
            errors["params"].append(_("Tham số “%(name)s” có kiểu không hợp lệ.") % {"name": name})
        elif allowed is not None:
            values = value if isinstance(value, list) else [value]
            bad = [str(v) for v in values if v not in allowed]
            if bad:
                errors["params"].append(
                    _("Tham số “%(name)s” có giá trị không hợp lệ: %(bad)s.") % {"name": name, "bad": ", ".join(bad)}
                )
    for name in REQUIRED_PARAMS.get(metric, ()):
        if name not in params:
            errors["params"].append(_("Thiếu tham số “%(name)s”.") % {"name": name})
    if metric == Metric.ACTIVITY_COUNT and not any(
        params.get(key) for key in ("oversight_kinds", "voter_meeting_kinds", "session_kinds", "briefing")
    ):
        errors["params"].append(_("Phải chọn ít nhất một loại hoạt động để đếm."))
    if metric == Metric.ACTIVITY_COUNT and params.get("session_kinds") and subject_type != SubjectType.COUNCIL:
        errors["params"].append(_("Kỳ họp chỉ được đếm cho đối tượng là HĐND."))
    if subject_type not in METRIC_SUBJECTS.get(metric, {SubjectType.COUNCIL}):
        errors["subject_type"].append(_("Cách đo này không áp dụng cho đối tượng đã chọn."))
    if committee_type and subject_type != SubjectType.COMMITTEE:
        errors["committee_type"].append(_("Chỉ chọn loại Ban khi đối tượng là từng Ban."))
    expected_comparison = Comparison.COUNT_AT_LEAST if metric in COUNT_METRICS else Comparison.SHARE_AT_LEAST
    if comparison != expected_comparison:
        errors["comparison"].append(_("Cách đo này phải so sánh theo: %(label)s.") % {
            "label": Comparison(expected_comparison).label})
    if period == PeriodKind.ROLLING_DAYS and not period_days:
        errors["period_days"].append(_("Kỳ cuốn chiếu phải có số ngày."))
    if period != PeriodKind.ROLLING_DAYS and period_days:
        errors["period_days"].append(_("Chỉ nhập số ngày cho kỳ cuốn chiếu."))
    return dict(errors)


# ---------------------------------------------------------------------------------------------------------
# What the engine returns.

@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str
    closed: bool

    def contains(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Subject:
    type: str
    id: int
    council_id: int
    name: str


@dataclass(frozen=True)
class EvidenceRow:
    model: type
    object_id: int
    counted: bool
    label: str
    date: datetime.date | None = None


@dataclass
class Measure:
    """What a metric found for one subject: counted records, or numerator over denominator records."""

    evidence: list[EvidenceRow] = field(default_factory=list)

    @property
    def numerator(self) -> int:
        return sum(1 for row in self.evidence if row.counted)

    @property
    def denominator(self) -> int:
        return len(self.evidence)


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


@dataclass
class CouncilInfo:
    id: int
    path: str
    name: str
    level_id: int
    level_name: str
    level_valid_to: datetime.date | None
    valid_to: datetime.date | None
    valid_from: datetime.date | None


@dataclass
class Context:
    """What every rule of one evaluation shares: the date, the councils in scope and how to filter on them."""

    as_of: datetime.date
    councils: dict[int, CouncilInfo]
    scope: Q  # a Q on Council, to be prefixed with the lookup that leads to a council

    def council_q(self, lookup: str) -> Q:
        """The scope Q rewritten for a model that reaches its council through ``lookup``."""
        return _prefix_q(self.scope, lookup)

    @cached_property
    def term(self) -> Term | None:
        """The term containing the as-of date, read once per evaluation (only if a rule needs it)."""
        return Term.objects.filter(start_date__lte=self.as_of, end_date__gte=self.as_of).first()


def _prefix_q(q: Q, lookup: str) -> Q:
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefix_q(child, lookup))
        else:
            key, value = child
            out.children.append((f"{lookup}__{key}", value))
    return out


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
# Metrics. Each takes the rule, the context, the subjects and their periods, and returns a Measure per
# subject key (type, id), running a fixed number of queries.

SubjectKey = tuple[str, int]
Periods = dict[SubjectKey, Period]


def _window(periods: Periods) -> tuple[datetime.date, datetime.date]:
    return min(p.start for p in periods.values()), max(p.end for p in periods.values())


def _collect(measures, periods: Periods, key: SubjectKey, row: EvidenceRow, *, in_period_date) -> None:
    period = periods.get(key)
    if period is not None and period.contains(in_period_date):
        measures[key].evidence.append(row)


def _activity_count(rule: Rule, ctx: Context, subjects: list[Subject], periods: Periods) -> dict:
    params = rule.params
    kind = rule.subject_type
    start, end = _window(periods)
    end = min(end, ctx.as_of)
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)

    def add(subject_id, model, pk, label, day):
        _collect(measures, periods, (kind, subject_id), EvidenceRow(model, pk, True, label, day), in_period_date=day)

    if params.get("oversight_kinds"):
        qs = OversightActivity.objects.filter(
            ctx.council_q("council"), kind__in=params["oversight_kinds"],
            status__in=[ActivityStatus.IN_PROGRESS, ActivityStatus.CONCLUDED],
            actual_start__gte=start, actual_start__lte=end,
        )
        if kind == SubjectType.COUNCIL and params.get("body_kinds"):
            qs = qs.filter(body__kind__in=params["body_kinds"])
        owner = {SubjectType.COUNCIL: "council_id", SubjectType.DEPUTY: "deputy_id"}.get(kind, "body_id")
        for subject_id, pk, title, day in qs.values_list(owner, "id", Left("title", 200), "actual_start"):
            add(subject_id, OversightActivity, pk, title, day)
    if params.get("voter_meeting_kinds"):
        qs = VoterMeeting.objects.filter(ctx.council_q("council"), kind__in=params["voter_meeting_kinds"],
                                         date__gte=start, date__lte=end)
        if kind == SubjectType.COUNCIL and params.get("body_kinds"):
            qs = qs.filter(body__kind__in=params["body_kinds"])
        owner = {SubjectType.COUNCIL: "council_id", SubjectType.DEPUTY: "deputies_present"}.get(kind, "body_id")
        for subject_id, pk, place, topic, day in qs.values_list(owner, "id", "place", "topic", "date"):
            add(subject_id, VoterMeeting, pk, _("TXCT %(topic)s tại %(place)s") % {"topic": topic, "place": place}, day)
    if params.get("session_kinds"):
        qs = Session.objects.filter(ctx.council_q("council"), kind__in=params["session_kinds"],
                                    start_date__gte=start, start_date__lte=end)
        for council_id, pk, number, day in qs.values_list("council_id", "id", "number", "start_date"):
            add(council_id, Session, pk, _("Kỳ họp thứ %(number)s") % {"number": number}, day)
    if params.get("briefing") and kind in (SubjectType.COUNCIL, SubjectType.STANDING_BOARD):
        # Briefings are held by the standing board on behalf of its council.
        board_of = {s.council_id: s.id for s in subjects} if kind == SubjectType.STANDING_BOARD else None
        qs = Briefing.objects.filter(ctx.council_q("council"), date__gte=start, date__lte=end)
        for council_id, pk, topic, day in qs.values_list("council_id", "id", Left("topic", 200), "date"):
            subject_id = council_id if board_of is None else board_of.get(council_id)
            if subject_id is not None:
                add(subject_id, Briefing, pk, topic, day)
    return measures


def _petitions_forwarded(rule: Rule, ctx: Context, subjects, periods: Periods) -> dict:
    params = rule.params
    within_deadline = params.get("within_deadline", False)
    deadline_days = params.get("deadline_days", 10)
    start, end = _window(periods)
    qs = Petition.objects.filter(ctx.council_q("council"), received_on__gte=start,
                                 received_on__lte=min(end, ctx.as_of)).exclude(status=PetitionStatus.MERGED)
    if params.get("kinds"):
        qs = qs.filter(kind__in=params["kinds"])
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    rows = qs.values_list("council_id", "id", "code", Left("content", 150), "received_on", "forward_due", "forwarded_on")
    for council_id, pk, code, content, received, due, forwarded in rows:
        deadline = due or received + datetime.timedelta(days=deadline_days)
        forwarded = forwarded if forwarded and forwarded <= ctx.as_of else None
        # Only petitions that had to be forwarded by now, or were, are judged.
        if forwarded is None and deadline >= ctx.as_of:
            continue
        counted = forwarded is not None and (not within_deadline or forwarded <= deadline)
        label = f"{code} — {content}" if code else content
        _collect(measures, periods, (SubjectType.COUNCIL, council_id),
                 EvidenceRow(Petition, pk, counted, label, received), in_period_date=received)
    return measures


def _forwardings_answered_on_time(rule: Rule, ctx: Context, subjects, periods: Periods) -> dict:
    start, end = _window(periods)
    qs = Forwarding.objects.filter(ctx.council_q("petition__council"), due_date__gte=start, due_date__lte=end).filter(
        Q(due_date__lte=ctx.as_of) | Q(answered_on__lte=ctx.as_of)
    )
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    rows = qs.values_list("petition__council_id", "id", "petition__code", Left("petition__content", 120),
                          "agency__name", "due_date", "answered_on")
    for council_id, pk, code, content, agency, due, answered in rows:
        counted = answered is not None and answered <= min(due, ctx.as_of)
        label = f"{code or content} → {agency}"
        _collect(measures, periods, (SubjectType.COUNCIL, council_id),
                 EvidenceRow(Forwarding, pk, counted, label, due), in_period_date=due)
    return measures


def _deputies_with_min(rule: Rule, ctx: Context, subjects, periods: Periods) -> dict:
    params = rule.params
    minimum = params.get("min_count", 1)
    start, end = _window(periods)
    end = min(end, ctx.as_of)
    if params["source"] == "citizen_reception":
        qs = CitizenReception.objects.filter(ctx.council_q("council"), date__gte=start, date__lte=end)
        if params.get("scheduled_only"):
            qs = qs.filter(scheduled=True)
        per_deputy = qs.values("deputy_id").annotate(n=Count("id")).values_list("deputy_id", "n")
        unit = _("buổi tiếp công dân")
    else:
        qs = TrainingAttendance.objects.filter(ctx.council_q("training__council"), attended=True,
                                               training__start_date__gte=start, training__start_date__lte=end)
        per_deputy = qs.values("deputy_id").annotate(n=Count("id")).values_list("deputy_id", "n")
        unit = _("lớp tập huấn")
    counts = dict(per_deputy)
    deputies = (
        Deputy.objects.filter(ctx.council_q("council"), term__start_date__lte=ctx.as_of, term__end_date__gte=ctx.as_of)
        .filter(Q(start_date__isnull=True) | Q(start_date__lte=ctx.as_of))
        .filter(Q(end_date__isnull=True) | Q(end_date__gte=ctx.as_of))
        .values_list("council_id", "id", "full_name")
    )
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, name in deputies:
        key = (SubjectType.COUNCIL, council_id)
        if key in periods:
            n = counts.get(pk, 0)
            measures[key].evidence.append(EvidenceRow(Deputy, pk, n >= minimum, f"{name}: {n} {unit}"))
    return measures


def _recommendations_implemented(rule: Rule, ctx: Context, subjects, periods: Periods) -> dict:
    done = [FollowUpStatus.IMPLEMENTED]
    if rule.params.get("count_partly"):
        done.append(FollowUpStatus.PARTLY_IMPLEMENTED)
    start, end = _window(periods)
    qs = Recommendation.objects.filter(ctx.council_q("activity__council"), due_date__gte=start,
                                       due_date__lte=min(end, ctx.as_of))
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, content, due, status in qs.values_list(
        "activity__council_id", "id", Left("content", 200), "due_date", "status"
    ):
        _collect(measures, periods, (SubjectType.COUNCIL, council_id),
                 EvidenceRow(Recommendation, pk, status in done, content, due), in_period_date=due)
    return measures


def _work_items_on_time(rule: Rule, ctx: Context, subjects, periods: Periods) -> dict:
    start, end = _window(periods)
    qs = WorkItem.objects.filter(ctx.council_q("council"), due_date__gte=start,
                                 due_date__lte=min(end, ctx.as_of)).exclude(status=WorkItemStatus.CANCELLED)
    if rule.params.get("origins"):
        qs = qs.filter(origin__in=rule.params["origins"])
    owner = "council_id" if rule.subject_type == SubjectType.COUNCIL else "responsible_body_id"
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for subject_id, pk, title, due, status, done_on in qs.values_list(
        owner, "id", Left("title", 200), "due_date", "status", "done_on"
    ):
        counted = status == WorkItemStatus.DONE and done_on is not None and done_on <= due
        _collect(measures, periods, (rule.subject_type, subject_id),
                 EvidenceRow(WorkItem, pk, counted, title, due), in_period_date=due)
    return measures


def _session_documents_lead(rule: Rule, ctx: Context, subjects, periods: Periods) -> dict:
    min_days = rule.params["min_days"]
    start, end = _window(periods)
    qs = Session.objects.filter(ctx.council_q("council"), start_date__gte=start, start_date__lte=min(end, ctx.as_of))
    if rule.params.get("session_kinds"):
        qs = qs.filter(kind__in=rule.params["session_kinds"])
    qs = qs.annotate(
        docs=Count("documents"),
        unsent=Count("documents", filter=Q(documents__sent_at__isnull=True)),
        last_sent=Max("documents__sent_at"),
    )
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, number, day, docs, unsent, last_sent in qs.values_list(
        "council_id", "id", "number", "start_date", "docs", "unsent", "last_sent"
    ):
        lead = (day - timezone.localtime(last_sent).date()).days if docs and not unsent else None
        counted = lead is not None and lead >= min_days
        if lead is None:
            label = _("Kỳ họp thứ %(number)s: tài liệu chưa gửi đủ") % {"number": number}
        else:
            label = _("Kỳ họp thứ %(number)s: gửi trước %(days)s ngày") % {"number": number, "days": lead}
        _collect(measures, periods, (SubjectType.COUNCIL, council_id),
                 EvidenceRow(Session, pk, counted, label, day), in_period_date=day)
    return measures


def _sessions_with_activity(rule: Rule, ctx: Context, subjects, periods: Periods) -> dict:
    kinds = rule.params.get("activity_kinds") or [ActivityKind.QUESTIONING_SESSION]
    session_kinds = rule.params.get("session_kinds") or [SessionKind.REGULAR]
    start, end = _window(periods)
    held = OversightActivity.objects.filter(session=OuterRef("pk"), kind__in=kinds).exclude(
        status=ActivityStatus.CANCELLED)
    qs = Session.objects.filter(ctx.council_q("council"), kind__in=session_kinds, start_date__gte=start,
                                start_date__lte=min(end, ctx.as_of)).annotate(held=Exists(held))
    measures: dict[SubjectKey, Measure] = defaultdict(Measure)
    for council_id, pk, number, day, has in qs.values_list("council_id", "id", "number", "start_date", "held"):
        _collect(measures, periods, (SubjectType.COUNCIL, council_id),
                 EvidenceRow(Session, pk, has, _("Kỳ họp thứ %(number)s") % {"number": number}, day),
                 in_period_date=day)
    return measures


METRICS: dict[str, Callable[..., dict]] = {
    Metric.ACTIVITY_COUNT: _activity_count,
    Metric.PETITIONS_FORWARDED: _petitions_forwarded,
    Metric.FORWARDINGS_ANSWERED_ON_TIME: _forwardings_answered_on_time,
    Metric.DEPUTIES_WITH_MIN: _deputies_with_min,
    Metric.RECOMMENDATIONS_IMPLEMENTED: _recommendations_implemented,
    Metric.WORK_ITEMS_ON_TIME: _work_items_on_time,
    Metric.SESSION_DOCUMENTS_LEAD: _session_documents_lead,
    Metric.SESSIONS_WITH_ACTIVITY: _sessions_with_activity,
}


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
            outcome.reason = (_("HĐND chưa có đại biểu trong nhiệm kỳ.") if rule.metric == Metric.DEPUTIES_WITH_MIN
                              else _("Không có bản ghi nào đến hạn trong kỳ."))
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
    measures = METRICS[rule.metric](rule, ctx, subjects, periods)
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
