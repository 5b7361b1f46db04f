"""Pages of the compliance app: the dashboard of quota rules for the user's council (status counts,
compliance %, charts by child council and over past periods), drill-down province → commune → subject →
the evidence records, the Excel export and the printable report, and the secretariat's "recompute now"."""

from __future__ import annotations

import datetime
import functools

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import formats, timezone
from django.utils.dateparse import parse_date
from django.utils.http import urlencode
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from councils import permissions
from councils import selectors as council_selectors
from councils.models import AdministrativeLevel
from councils.scoping import scope_paths
from councils.selectors import council_for
from utilities import ui
from utilities.xlsx import xlsx_response

from .. import permissions as compliance_permissions
from .. import selectors, services
from ..choices import Comparison, Obligation, PeriodKind, ResultStatus

# The statuses drawn in the progress bars and charts, in order, with their Bootstrap colour.
BAR_STATUSES = (
    (ResultStatus.MET, "success"), (ResultStatus.ON_TRACK, "primary"),
    (ResultStatus.AT_RISK, "warning"), (ResultStatus.MISSED, "danger"),
)

# Where each kind of evidence record is shown, so a person can open the record that was counted.
EVIDENCE_PAGES = {
    ("voters", "petition"): "voters:petition_detail",
    ("voters", "votermeeting"): "voters:meeting_detail",
    ("oversight", "oversightactivity"): "oversight:activity_detail",
    ("oversight", "recommendation"): "oversight:recommendation_detail",
    ("oversight", "workitem"): "oversight:workitem_detail",
    ("oversight", "training"): "oversight:training_detail",
    ("oversight", "briefing"): "oversight:briefing_detail",
    ("councils", "session"): "session_detail",
    ("councils", "deputy"): "deputy_detail",
    ("councils", "body"): "body_detail",
}


# ``?council=all``: the national view, for who sees every council (their default when assigned to none).
NATIONAL = "all"
# The compliance bar chart of the child councils and the evidence of a result are cut in pages of this size.
EVIDENCE_PAGE_SIZE = 50


def _filters(request):
    """Year, period kind, level, the drill-down's as-of date and the comparison with the year before, from the
    query string; unknown values are ignored, never a 500."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    year = year if 2000 <= year <= today.year else today.year
    as_of = None
    if year < today.year:
        # A past year is shown as it stood at its end.
        as_of = datetime.date(year, 12, 31)
    try:
        on = parse_date(request.GET.get("on") or "")
    except ValueError:
        on = None
    if on is not None and on.year == year and on <= today:
        # A drill-down keeps the date of the page it came from, so the council shows its parent's figure.
        as_of = on
    period = request.GET.get("period", "")
    period = period if period in PeriodKind.values else ""
    level = request.GET.get("level", "")
    return {"year": year, "as_of": as_of, "period": period, "level": level,
            "compare": request.GET.get("compare") == "1"}


def chosen_council(request):
    council = council_selectors.primary_council(request.user)
    if council is None:
        raise PermissionDenied(_("Tài khoản của bạn chưa được phân quyền cho HĐND nào."))
    pk = request.GET.get("council")
    if pk and pk.isdigit():
        council = council_for(request.user, int(pk))
    return council


def chosen_scope(request):
    """The council whose figures are shown, or ``None`` for the national view."""
    pk = request.GET.get("council", "")
    if compliance_permissions.can_read_national(request.user) and not pk.isdigit() and (
            pk == NATIONAL or not scope_paths(request.user)):
        return None
    return chosen_council(request)


@functools.lru_cache(maxsize=8)
def _bar_labels(language: str) -> dict[str, str]:
    """The statuses' names in one language, translated once (a province's dashboard draws 500 bars)."""
    return {status: str(ResultStatus(status).label) for status, _css in BAR_STATUSES}


@functools.lru_cache(maxsize=4096)
def _count_text(count: int, language: str) -> str:
    """A count as the reader's language writes it, formatted once per language (500 bars, few distinct counts)."""
    return formats.number_format(count)


def _bars(counts: dict) -> list[dict]:
    evaluated = sum(counts.get(status, 0) for status, _css in BAR_STATUSES)
    language = get_language() or ""
    labels = _bar_labels(language)
    return [
        {"status": status, "label": labels[status], "css": css, "count": counts.get(status, 0),
         "text": _count_text(counts.get(status, 0), language),
         "width": round(100 * counts.get(status, 0) / evaluated, 1) if evaluated else 0}
        for status, css in BAR_STATUSES
    ]


def _percent(value) -> float | None:
    return float(value) if value is not None else None


def _is_retired(council, as_of) -> bool:
    return council.valid_to is not None and as_of is not None and council.valid_to < as_of


def _child_rows(user, council, rule_ids, cells, *, as_of, level=""):
    """Each child council with its subtree's counts over the rules on screen (``cells``: per child path and
    rule), sorted by compliance, best first. A council none of these rules measures is left out (the communes
    under a province-only rule); a retired one (the districts, ended 30/6/2025) is kept only where a rule on
    screen applies to it, that is where it has a result that is not "not applicable"."""
    rows = []
    for child in selectors.children_of(user, council):
        if level and child.level.code != level:
            continue
        counts = selectors.sum_counts(cells[(child.path, rule_id)] for rule_id in rule_ids
                                      if (child.path, rule_id) in cells)
        retired = _is_retired(child, as_of)
        if not counts["total"] or (retired and counts["total"] == counts[ResultStatus.NOT_APPLICABLE]):
            continue
        bars = _bars(counts)
        rows.append({"council": child, "retired": retired, "bars": bars, **counts,
                     "texts": {bar["status"]: bar["text"] for bar in bars}})
    rows.sort(key=lambda row: (row["compliance"] is None, -(row["compliance"] or 0), row["council"].code))
    return rows


def _chart_data(rules, children) -> dict:
    """The overview charts' figures and their labels in the user's language (the script holds no text)."""
    evaluated = [row for row in children if row["compliance"] is not None]
    return {
        "labels": {
            "byRule": _("Kết quả theo chỉ tiêu (số đối tượng)"),
            "byChild": _("Tỷ lệ tuân thủ theo HĐND cấp dưới (%)"),
            "compliance": _("Tỷ lệ tuân thủ (%)"),
            "noChildren": _("Không có HĐND cấp dưới được đánh giá theo các chỉ tiêu này."),
        },
        "rules": {
            "labels": [rule["code"] for rule in rules],
            "datasets": [{"label": str(ResultStatus(status).label), "css": css,
                          "data": [rule[status] for rule in rules]} for status, css in BAR_STATUSES],
        },
        "children": {"labels": [row["council"].area_name for row in evaluated],
                     "values": [_percent(row["compliance"]) for row in evaluated]},
    }


def _dashboard_context(request):
    user = request.user
    council = chosen_scope(request)
    filters = _filters(request)
    # This year against the last (``compare``): the same rules as they stood at the end of the year before.
    figures = selectors.dashboard_figures(
        user, council, as_of=filters["as_of"],
        previous_as_of=datetime.date(filters["year"] - 1, 12, 31) if filters["compare"] else None)
    rollup = figures["rollup"]
    as_of = rollup["as_of"]
    rules = [rule for rule in rollup["rules"] if not filters["period"] or rule["period"] == filters["period"]]
    previous = {}
    if figures["previous"] is not None:
        previous = {rule["rule_id"]: rule for rule in figures["previous"]["rules"]
                    if not filters["period"] or rule["period"] == filters["period"]}
    for rule in rules:
        rule["bars"] = _bars(rule)
        rule["obligation_label"] = dict(Obligation.choices).get(rule["obligation"], "")
        rule["previous"] = previous.get(rule["rule_id"])
    # The headline sums exactly the rules in the table.
    overall = selectors.sum_counts(rules)
    children = _child_rows(user, council, [rule["rule_id"] for rule in rules], figures["cells"], as_of=as_of,
                           level=filters["level"])
    drill = {"year": filters["year"], "period": filters["period"], "compare": "1" if filters["compare"] else ""}
    if as_of is not None:
        drill["on"] = as_of.isoformat()
    return {
        "council": council, "scope_name": council.name if council else _("Toàn quốc"),
        "scope_param": council.pk if council else NATIONAL, "national": council is None,
        "rollup": rollup, "rules": rules, "overall": overall, "overall_bars": _bars(overall),
        "previous_overall": selectors.sum_counts(previous.values()) if filters["compare"] else None,
        "children": children, "charts": _chart_data(rules, children), "filters": filters,
        "drill_query": urlencode({key: value for key, value in drill.items() if value}),
        "last_run": selectors.latest_run(user),
        "pending": council is not None and selectors.pending_for(user).filter(council=council).exists(),
        "can_recompute": council is not None and compliance_permissions.can_request_run(user, council),
        "can_read_national": compliance_permissions.can_read_national(user),
        "periods": PeriodKind.choices, "levels": AdministrativeLevel.objects.order_by("rank"),
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
        "ancestors": council_selectors.ancestors_for(user, council) if council else [],
        "title": _("Tuân thủ chỉ tiêu"), "report_title": _("Báo cáo kết quả thực hiện chỉ tiêu"),
    }


@login_required
def dashboard(request):
    """Tuân thủ chỉ tiêu: the party committee's home page, and every role's view of the quotas."""
    context = _dashboard_context(request)
    if request.GET.get("export") == "xlsx":
        return _export(context)
    council = context["council"]
    context["persona"] = permissions.persona(request.user, council) if council else ""
    # Buttons of the apps above (the documents app's Word / PDF report), for this council and year.
    context["page_links"] = ui.page_links("compliance.dashboard", request.user,
                                          {"council": council.pk, "year": context["filters"]["year"]}) if council else []
    return render(request, "compliance/dashboard.html", context)


def _export(context):
    rollup = context["rollup"]
    columns = [_("Mã"), _("Chỉ tiêu"), _("Mức độ"), _("Kỳ"), _("Đạt"), _("Đúng tiến độ"), _("Có nguy cơ"),
               _("Không đạt"), _("Không áp dụng"), _("Tỷ lệ tuân thủ (%)")]
    rows = [[rule["code"], rule["title"], str(rule["obligation_label"]), rule["period_label"], rule["met"],
             rule["on_track"], rule["at_risk"], rule["missed"], rule["not_applicable"],
             float(rule["compliance"]) if rule["compliance"] is not None else None] for rule in context["rules"]]
    as_of = rollup["as_of"]
    return xlsx_response(
        filename=f"tuan-thu-chi-tieu-{context['council'].code if context['council'] else 'toan-quoc'}"
                 f"-{timezone.localdate():%Y%m%d}.xlsx",
        title=_("Kết quả thực hiện chỉ tiêu — %(council)s") % {"council": context["scope_name"]},
        subtitle=_("Tính đến ngày %(date)s") % {"date": ui.display_value(as_of) if as_of else "—"},
        columns=columns, rows=rows,
    )


def _figure(value, comparison) -> str:
    """A count as an integer, a share as a percentage ("1", not "1,00"; "85,5 %")."""
    if value is None:
        return "—"
    if comparison == Comparison.SHARE_AT_LEAST:
        return f"{formats.number_format(value, 1)} %"
    return formats.number_format(value, 0 if value == value.to_integral_value() else 2)


@login_required
def rule_detail(request, pk):
    """One rule over the chosen council (or the country): its child councils to drill into, its own subjects'
    results, and its trend over the stored periods (the per-rule detail the dashboard opens on demand)."""
    user = request.user
    council = chosen_scope(request)
    rule = get_object_or_404(selectors.rules_for(user).select_related("ruleset__council", "next_version"),
                             pk=pk)
    filters = _filters(request)
    as_of = filters["as_of"] or selectors.latest_as_of(user, council)
    children = []
    if as_of:
        cells, _as_of = selectors.counts_by_child_and_rule(user, council, as_of=as_of, rules=[rule])
        children = _child_rows(user, council, [rule.pk], cells, as_of=as_of)
    children.sort(key=lambda row: row["council"].code)
    results = []
    if as_of is not None and council is not None:
        results = list(selectors.results_for(user).filter(
            rule=rule, council=council, period_start__lte=as_of, period_end__gte=as_of,
        ).order_by("subject_type", "subject_name"))
        for result in results:
            result.shown_value = _figure(result.value, rule.comparison)
            result.shown_target = _figure(result.target, rule.comparison)
    history = selectors.trend(user, council, rule=rule)
    drill = {"year": filters["year"]}
    if as_of is not None:
        drill["on"] = as_of.isoformat()
    return render(request, "compliance/rule_detail.html", {
        "council": council, "scope_name": council.name if council else _("Toàn quốc"),
        "scope_param": council.pk if council else NATIONAL, "national": council is None,
        "can_read_national": compliance_permissions.can_read_national(user),
        "rule": rule, "children": children, "results": results, "as_of": as_of,
        "versions": selectors.rule_versions(rule),
        "can_edit_rule": compliance_permissions.can_edit_ruleset(user, rule.ruleset),
        "ancestors": council_selectors.ancestors_for(user, council) if council else [], "title": rule.title,
        "drill_query": urlencode(drill),
        "trend": {"labels": {"trend": _("Tỷ lệ tuân thủ qua các kỳ (%)")},
                  "periods": [row["period_label"] for row in history],
                  "values": [_percent(row["compliance"]) for row in history]},
    })


@login_required
def result_detail(request, pk):
    """One result and the records it counted, each linked to its page: counted exactly, shown a page at a
    time (a result of the whole country may have ten thousand)."""
    result = selectors.result_for(request.user, pk)
    counts = selectors.evidence_counts(request.user, result)
    paginator = Paginator(selectors.evidence_for(request.user, result), EVIDENCE_PAGE_SIZE)
    paginator.count = counts["total"]  # already counted, with the numerator, in one query
    page = paginator.get_page(request.GET.get("page"))
    evidence = []
    for item in page.object_list:
        name = EVIDENCE_PAGES.get((item.content_type.app_label, item.content_type.model))
        try:
            url = reverse(name, args=[item.object_id]) if name else ""
        except NoReverseMatch:
            url = ""
        evidence.append({"item": item, "url": url})
    return render(request, "compliance/result_detail.html", {
        "result": result, "evidence": evidence, "title": str(result), "page_obj": page,
        "total": counts["total"], "counted": counts["counted"],
        "shown_value": _figure(result.value, result.rule.comparison),
        "shown_target": _figure(result.target, result.rule.comparison),
        "shown_expected": _figure(result.expected, result.rule.comparison) if result.expected is not None else "",
    })


@login_required
@require_POST
def recompute(request):
    """Tính lại ngay: the secretariat queues a recomputation of their council through the compliance service."""
    pk = request.POST.get("council", "")
    council = council_for(request.user, int(pk)) if pk.isdigit() else chosen_council(request)
    queued = services.request_run(user=request.user, council=council)
    if queued:
        messages.success(request, _("Đã yêu cầu tính lại chỉ tiêu cho %(council)s.") % {"council": council.name})
    else:
        messages.info(request, _("Việc tính lại chỉ tiêu cho %(council)s đã có trong hàng đợi.")
                      % {"council": council.name})
    return HttpResponseRedirect(reverse("compliance:dashboard") + f"?council={council.pk}")
