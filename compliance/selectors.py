"""Reads of the compliance app, for the API and the dashboard. Every selector takes the acting user and applies
the council scope; the aggregates run in a fixed number of queries whatever the size of the subtree."""

from __future__ import annotations

import datetime
import hashlib
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Case, CharField, Count, F, JSONField, Max, Q, QuerySet, Subquery, Value, When
from django.db.models.functions import StrIndex, Substr
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language

from councils import scoping
from councils.choices import Role
from councils.models import Council, Session
from councils.sessions import LeadRule

from . import labels, permissions
from .choices import COMPLIANT_STATUSES, EVALUATED_STATUSES, Metric, ResultStatus, RunStatus
from .models import EvaluationRun, Evidence, PendingEvaluation, Result, Rule, RuleSet

# The statuses, once: ``ResultStatus.values`` builds a new list on every call, and the dashboard's loops asked
# for it thousands of times a request (13 % of a province's dashboard).
STATUSES = tuple(ResultStatus.values)
STATUS_COUNTS = {status: Count("id", filter=Q(status=status)) for status in STATUSES}


def compliance_percent(counts: dict) -> Decimal | None:
    """Met or on track over every evaluated result (not applicable ones left out); None if nothing evaluated."""
    evaluated = sum(counts.get(status, 0) for status in EVALUATED_STATUSES)
    if not evaluated:
        return None
    good = sum(counts.get(status, 0) for status in COMPLIANT_STATUSES)
    return (Decimal(100) * good / evaluated).quantize(Decimal("0.1"), ROUND_HALF_UP)


def _counts(row: dict) -> dict:
    counts = {status: row.get(status, 0) for status in STATUSES}
    counts["total"] = sum(counts.values())
    counts["compliance"] = compliance_percent(counts)
    return counts


# ---------------------------------------------------------------------------------------------------------
# Rules and runs.

def rules_for(user) -> QuerySet[Rule]:
    """Rules are public within the portal: everybody signed in may read what they are measured against."""
    return Rule.objects.select_related("ruleset", "council").prefetch_related("levels")


def rulesets_for(user) -> QuerySet[RuleSet]:
    """The rule sets that apply to the user's councils: national ones, those of their councils' subtrees and
    those of the councils above them (a province's set measures its communes). Another province's is hidden."""
    qs = RuleSet.objects.select_related("council")
    if scoping.sees_everything(user):
        return qs
    paths = scoping.scope_paths(user)
    ancestors = {path[:index + 1] for path in paths for index, char in enumerate(path) if char == "/" and index}
    return qs.filter(Q(council__isnull=True) | scoping.scope_q(user, "council") | Q(council__path__in=ancestors))


def ruleset_rules(ruleset: RuleSet) -> QuerySet[Rule]:
    """Every rule of the set, each version, oldest first within a code."""
    return (ruleset.rules.select_related("previous", "next_version").prefetch_related("levels")
            .order_by("order", "code", "revision"))


def editable_rules_for(user) -> QuerySet[Rule]:
    """Rules of the rule sets the user sees (another province's is a 404 on the editor's pages)."""
    return (Rule.objects.filter(ruleset__in=rulesets_for(user).values("pk"))
            .select_related("ruleset__council", "council", "previous").prefetch_related("levels"))


def rule_versions(rule: Rule) -> list[Rule]:
    """The rule's versions, oldest first (they share its code): no query for a rule that has only the one, when
    ``next_version`` was read with it."""
    if rule.revision == 1 and rule.is_latest:
        return [rule]
    return list(Rule.objects.filter(code=rule.code).order_by("revision"))


def administered_councils(user) -> QuerySet[Council]:
    """Councils the user administers (a copied rule set's target)."""
    qs = Council.objects.select_related("level").order_by("path")
    if scoping.sees_everything(user):
        return qs
    return qs.filter(scoping.scope_q(user, "", roles=(Role.ADMINISTRATOR,)))


def preview_councils(user) -> QuerySet[Council]:
    """Councils a preview may be computed for: those the user sees."""
    return Council.objects.for_user(user).select_related("level").order_by("path")


def session_lead_rule(session: Session) -> LeadRule | None:
    """The lead-time rule (metric ``session_documents_lead``) that covers a session on its opening day: its
    council within the rule set's and the rule's subtree, its level, its kind; the strictest if several."""
    applying = []
    for rule in (Rule.objects.filter(is_active=True, ruleset__is_active=True, metric=Metric.SESSION_DOCUMENTS_LEAD)
                 .select_related("ruleset__council", "council").prefetch_related("levels")):
        prefixes = [c.path for c in (rule.ruleset.council, rule.council) if c is not None]
        levels = {level.pk for level in rule.levels.all()}
        kinds = rule.params.get("session_kinds") or []
        if (all(session.council.path.startswith(prefix) for prefix in prefixes)
                and (not levels or session.council.level_id in levels) and (not kinds or session.kind in kinds)
                and rule.is_valid_on(session.start_date) and isinstance(rule.params.get("min_days"), int)):
            applying.append(LeadRule(code=rule.code, title=rule.title, min_days=rule.params["min_days"]))
    return max(applying, key=lambda rule: rule.min_days, default=None)


def runs_for(user) -> QuerySet[EvaluationRun]:
    """Full runs, and runs of councils in the user's subtree, with ``shown_counts`` and ``shown_error``.

    Everyone sees that a run of every council happened, and when: it computed their own councils' current
    figures too, and the dashboard says when that was. Its counts and error, though, are about the whole
    country, so only who sees every council reads them; the others get null counts and no error.
    """
    scoped = EvaluationRun.objects.for_user(user).values("pk")
    runs = EvaluationRun.objects.filter(Q(council__isnull=True) | Q(pk__in=scoped)).select_related("council")
    if permissions.can_read_all_councils_figures(user):
        return runs.annotate(shown_counts=F("counts"), shown_error=F("error"))
    return runs.annotate(
        shown_counts=Case(When(council__isnull=True, then=Value(None, output_field=JSONField())),
                          default=F("counts"), output_field=JSONField()),
        shown_error=Case(When(council__isnull=True, then=Value("")), default=F("error"), output_field=CharField()),
    )


def latest_run(user) -> EvaluationRun | None:
    return runs_for(user).filter(status=RunStatus.FINISHED).order_by("-finished_at", "-id").first()


def pending_for(user) -> QuerySet[PendingEvaluation]:
    return PendingEvaluation.objects.for_user(user).select_related("council")


# ---------------------------------------------------------------------------------------------------------
# Results and their evidence.

def results_for(user) -> QuerySet[Result]:
    """The current results of the councils the user sees (only runs that finished ever leave results)."""
    return Result.objects.for_user(user).select_related("rule", "rule__ruleset", "council", "run")


def result_for(user, pk) -> Result:
    return get_object_or_404(results_for(user), pk=pk)


def evidence_for(user, result: Result) -> QuerySet[Evidence]:
    """The records a result counted (for a share: its denominator, with ``counted`` for the numerator)."""
    if not permissions.can_read_results(user, result.council):
        return Evidence.objects.none()
    return Evidence.objects.filter(result=result).select_related("content_type")


def evidence_counts(user, result: Result) -> dict:
    """How many records the result counted, and how many of them made the numerator: exact, in one query."""
    return evidence_for(user, result).order_by().aggregate(
        total=Count("id"), counted=Count("id", filter=Q(counted=True)))


def _subtree(qs: QuerySet, council: Council | None, lookup: str = "council__path") -> QuerySet:
    """Rows of the council's subtree; ``None`` is the whole country (the national view)."""
    return qs if council is None else qs.filter(**{f"{lookup}__startswith": council.path})


# Figures kept from run to run. Stored results change only when a run finishes (it replaces them in the
# transaction that marks it finished; two runs never interleave), so the roll-ups of a subtree are kept in the
# cache under the state of the results: the last finished run, its end, and the newest result (results
# written some other way, as in the tests). Kept 5 minutes at most (a rule set renamed meanwhile).
# A dashboard then reads one small query instead of three grouped ones over the subtree's results.
FIGURES_SECONDS = 300


def results_state() -> tuple:
    """Where the stored results stand: changes whenever a run finishes or a result is written."""
    state = EvaluationRun.objects.filter(status=RunStatus.FINISHED).aggregate(
        run=Max("pk"), finished=Max("finished_at"),
        newest=Max(Subquery(Result.objects.order_by("-pk").values("pk")[:1])))
    return state["run"], state["finished"], state["newest"]


def _kept(kind: str, user, council: Council | None, parts: tuple, compute):
    """``compute()``, kept per user scope, council, ``parts``, language and state of the results."""
    # Sorted: scope_paths keeps the order of a set, which differs from one worker process to the next.
    scope = "*" if scoping.sees_everything(user) else tuple(sorted(scoping.scope_paths(user)))
    signature = repr((scope, council.pk if council is not None else None, parts, get_language(), results_state()))
    key = f"compliance:{kind}:{hashlib.blake2b(signature.encode(), digest_size=16).hexdigest()}"
    found = cache.get(key)
    if found is None:
        found = (compute(),)  # a tuple, so that a computed None is kept too
        cache.set(key, found, FIGURES_SECONDS)
    return found[0]


def dashboard_figures(user, council: Council | None, *, as_of: datetime.date | None = None,
                      previous_as_of: datetime.date | None = None) -> dict:
    """The dashboard's figures, kept from run to run: the ``rollup``, the ``previous`` one as of
    ``previous_as_of`` (a comparison with last year) and the child councils' ``cells``
    (``counts_by_child_and_rule``)."""
    def compute():
        current = rollup(user, council, as_of=as_of)
        previous = rollup(user, council, as_of=previous_as_of) if previous_as_of else None
        for figures in (current, previous or {}):
            figures.pop("council", None)  # kept with the figures, it would keep its name of that time
        return {"rollup": current, "previous": previous,
                "cells": counts_by_child_and_rule(user, council, as_of=current["as_of"])[0]}

    figures = _kept("dashboard", user, council, (as_of, previous_as_of), compute)
    for name in ("rollup", "previous"):
        if figures[name] is not None:
            figures[name]["council"] = council
    return figures


def latest_as_of(user, council: Council | None) -> datetime.date | None:
    """The as-of date of the freshest results in the council's subtree (``None``: the whole country)."""
    return _subtree(results_for(user), council).order_by().aggregate(day=Max("as_of"))["day"]


def _current(user, council: Council | None,
             as_of: datetime.date | None) -> tuple[QuerySet[Result], datetime.date | None]:
    as_of = as_of or latest_as_of(user, council)
    qs = _subtree(Result.objects.for_user(user), council)
    if as_of is None:
        return qs.none(), None
    return qs.filter(period_start__lte=as_of, period_end__gte=as_of), as_of


def rollup(user, council: Council | None, *, as_of: datetime.date | None = None, ruleset=None) -> dict:
    """Per rule, how many subjects of the council and its subtree are met / on track / at risk / missed /
    not applicable in the period containing ``as_of``, with a compliance percentage per rule and overall."""
    qs, as_of = _current(user, council, as_of)
    if ruleset is not None:
        qs = qs.filter(rule__ruleset=ruleset)
    rows = (
        qs.values("rule_id", "rule__code", "rule__title", "rule__obligation", "rule__subject_type",
                  "rule__threshold", "rule__comparison", "rule__ruleset__code", "rule__order", "rule__period")
        .order_by("rule__ruleset__code", "rule__order", "rule__code")
        .annotate(period_label=Max("period_label"), period_start=Max("period_start"), period_end=Max("period_end"),
                  **STATUS_COUNTS)
    )
    rules = []
    overall = dict.fromkeys(STATUSES, 0)
    for row in rows:
        counts = _counts(row)
        for status in STATUSES:
            overall[status] += row[status]
        rules.append({
            "rule_id": row["rule_id"], "code": row["rule__code"], "title": row["rule__title"],
            "ruleset": row["rule__ruleset__code"], "obligation": row["rule__obligation"],
            "subject_type": row["rule__subject_type"], "threshold": row["rule__threshold"],
            "comparison": row["rule__comparison"], "period": row["rule__period"],
            "period_label": labels.stored_period_label(row["rule__period"], row["period_start"], row["period_end"],
                                                       row["period_label"]),
            **counts,
        })
    return {"council": council, "as_of": as_of, "rules": rules, "overall": _counts(overall)}


def _child_path(council: Council | None):
    """The path of the child council of ``council`` whose subtree holds the result: the result's path up to the
    first "/" after the parent's path (the parent's own path for its own results). Codes differ in length from
    level to level (a province's children are communes and retired districts), so it is cut at the "/"."""
    start = len(council.path) if council is not None else 1
    rest = Substr("council__path", start + 1)
    return Substr("council__path", 1, StrIndex(rest, Value("/")) + start)


def children_of(user, council: Council | None) -> list[Council]:
    """The child councils the user sees (for the national view: the provinces), by code."""
    children = Council.objects.for_user(user).select_related("level")
    children = children.filter(parent__isnull=True) if council is None else children.filter(parent=council)
    return list(children.order_by("code"))


def counts_by_child_and_rule(user, council: Council | None, *, as_of: datetime.date | None = None,
                             rules=None) -> tuple[dict, datetime.date | None]:
    """Status counts per (subtree path, rule id): the council's own results under its own path, each child's
    whole subtree under the child's path. One query, grouped in the database, whatever the number of rules
    and of councils below (rows: children × rules)."""
    qs, as_of = _current(user, council, as_of)
    if rules is not None:
        qs = qs.filter(rule__in=rules)
    rows = qs.annotate(subtree=_child_path(council)).values("subtree", "rule_id").order_by().annotate(**STATUS_COUNTS)
    return {(row["subtree"], row["rule_id"]): {status: row[status] for status in STATUSES}
            for row in rows}, as_of


def sum_counts(cells) -> dict:
    """The status counts of several cells added up, with their total and compliance percentage."""
    total = dict.fromkeys(STATUSES, 0)
    for cell in cells:
        for status in STATUSES:
            total[status] += cell.get(status, 0)
    return _counts(total)


def results_by_child(user, council: Council | None, *, as_of: datetime.date | None = None, rule=None) -> list[dict]:
    """The council itself and each child council with the status counts of its whole subtree (two queries,
    three to find the as-of date). In the national view the first row is the country's own (none)."""
    cells, as_of = counts_by_child_and_rule(user, council, as_of=as_of, rules=None if rule is None else [rule])
    by_path: dict[str, list[dict]] = {}
    for (path, _rule), counts in cells.items():
        by_path.setdefault(path, []).append(counts)
    children = children_of(user, council)
    own = by_path.get(council.path, []) if council is not None else []
    return [{"council": council, "own": True, **sum_counts(own)}] + [
        {"council": child, "own": False, **sum_counts(by_path.get(child.path, []))} for child in children
    ]


def trend(user, council: Council | None, *, rule: Rule, limit: int = 8) -> list[dict]:
    """The rule's status counts over the council's subtree for each stored period, oldest first, each period
    named in the reader's language."""
    rows = (
        _subtree(Result.objects.for_user(user), council).filter(rule=rule)
        .values("period_start").order_by("-period_start")
        .annotate(period_end=Max("period_end"), period_label=Max("period_label"), **STATUS_COUNTS)[:limit]
    )
    return [
        {"period_start": row["period_start"], "period_end": row["period_end"],
         "period_label": labels.stored_period_label(rule.period, row["period_start"], row["period_end"],
                                                    row["period_label"]),
         **_counts(row)}
        for row in reversed(list(rows))
    ]
