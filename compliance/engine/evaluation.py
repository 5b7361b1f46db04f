"""The evaluation: which rules reach which councils on the as-of date, and every subject's outcome for each."""

from __future__ import annotations

import datetime
import json
from collections.abc import Iterable

from django.db.models import Q
from django.utils.translation import gettext as _

from councils.models import Council

from ..choices import PeriodKind, ResultStatus, SubjectType
from ..labels import format_day
from ..metrics import registry
from ..metrics.base import Context, CouncilInfo, Measure, Period, Subject
from ..models import Rule
from .judging import Outcome, judge
from .periods import between_sessions_periods, calendar_period
from .subjects import subjects_for


def load_councils(scope: Q) -> dict[int, CouncilInfo]:
    rows = Council.objects.filter(scope).values_list(
        "id", "path", "name", "level_id", "level__name", "level__valid_to", "valid_to", "valid_from"
    )
    return {row[0]: CouncilInfo(*row) for row in rows}


def active_rules(as_of: datetime.date | None = None) -> list[Rule]:
    """The active rules; of a rule with several versions, only the one valid on ``as_of`` (if none is, the
    newest, which says why it does not apply), so an older version's figures are never recomputed twice."""
    rules = list(
        Rule.objects.filter(is_active=True, ruleset__is_active=True)
        .select_related("ruleset__council", "council")
        .prefetch_related("levels")
        .order_by("ruleset__code", "order", "code", "revision")
    )
    if as_of is None:
        return rules
    versions: dict[str, list[Rule]] = {}
    for rule in rules:
        versions.setdefault(rule.code, []).append(rule)
    kept = set()
    for chain in versions.values():
        valid = [rule for rule in chain if rule.is_valid_on(as_of)]
        kept.update(id(rule) for rule in valid or chain[-1:])
    return [rule for rule in rules if id(rule) in kept]


def councils_under_rule(rule: Rule, ctx: Context) -> list[CouncilInfo]:
    """Councils in scope that the rule's jurisdiction (rule set subtree, rule subtree, levels) covers."""
    prefixes = sorted((c.path for c in (rule.ruleset.council, rule.council) if c is not None), key=len)
    level_ids = {level.pk for level in rule.levels.all()}
    # The longest prefix picks the candidates; a shorter one they must also be under is checked on them.
    return [
        info for info in ctx.under(prefixes[-1] if prefixes else "")
        if all(info.path.startswith(prefix) for prefix in prefixes[:-1])
        and (not level_ids or info.level_id in level_ids)
    ]


def inactive_reason(rule: Rule, info: CouncilInfo, as_of: datetime.date) -> str:
    if rule.valid_from and as_of < rule.valid_from:
        return _("Chỉ tiêu chưa có hiệu lực (áp dụng từ %(date)s).") % {"date": format_day(rule.valid_from)}
    if rule.valid_to and as_of > rule.valid_to:
        return _("Chỉ tiêu đã hết hiệu lực từ %(date)s.") % {"date": format_day(rule.valid_to + datetime.timedelta(days=1))}
    if info.level_valid_to and as_of > info.level_valid_to:
        return _("%(level)s không còn từ %(date)s.") % {
            "level": info.level_name, "date": format_day(info.level_valid_to + datetime.timedelta(days=1))}
    if info.valid_to and as_of > info.valid_to:
        return _("HĐND đã kết thúc hoạt động từ %(date)s.") % {"date": format_day(info.valid_to + datetime.timedelta(days=1))}
    if info.valid_from and as_of < info.valid_from:
        return _("HĐND chưa hoạt động (từ %(date)s).") % {"date": format_day(info.valid_from)}
    return ""


def evaluate_rule(rule: Rule, ctx: Context) -> list[Outcome]:
    """Every subject's outcome for one rule, in a fixed number of queries."""
    as_of = ctx.as_of
    outcomes: list[Outcome] = []
    covered = councils_under_rule(rule, ctx)
    if not covered:
        return outcomes
    if rule.period == PeriodKind.BETWEEN_SESSIONS:
        council_periods = between_sessions_periods(ctx.narrowed({info.id for info in covered}))
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
    # From here on every query reads the records of the councils this rule judges, not of the whole scope.
    ctx = ctx.narrowed(live)
    subjects, missing = ctx.shared(("subjects", rule.subject_type, rule.committee_type),
                                   lambda: subjects_for(rule, ctx, live))
    for council_id, reason in sorted(missing.items()):
        not_applicable(ctx.councils[council_id], reason, council_periods[council_id])
    if not subjects:
        return outcomes
    periods = {(s.type, s.id): council_periods[s.council_id] for s in subjects}
    # Two rules of one metric with the same parameters over the same subjects and periods (a target of 2 and
    # one of 4, say) are measured once.
    measures = ctx.shared(
        ("measures", rule.metric, rule.subject_type, rule.committee_type, json.dumps(rule.params, sort_keys=True),
         frozenset(periods.items())),
        lambda: registry.get(rule.metric).measure(rule, ctx, subjects, periods))
    for subject in subjects:
        key = (subject.type, subject.id)
        outcomes.append(judge(rule, subject, periods[key], measures.get(key) or Measure(), as_of))
    return outcomes


def evaluate(*, as_of: datetime.date, scope: Q, rules: Iterable[Rule] | None = None) -> list[Outcome]:
    """All outcomes for ``as_of`` over the councils matched by ``scope`` (a Q on Council)."""
    ctx = Context(as_of=as_of, councils=load_councils(scope), scope=scope)
    outcomes: list[Outcome] = []
    for rule in active_rules(as_of) if rules is None else rules:
        outcomes.extend(evaluate_rule(rule, ctx))
    return outcomes
