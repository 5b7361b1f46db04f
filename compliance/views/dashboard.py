"""Pages of the compliance app: the dashboard of quota rules for the user's council (status counts,
compliance %, charts by child council and over past periods), drill-down province → commune → subject →
the evidence records, the Excel export and the printable report, and the secretariat's "recompute now"."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from councils import permissions
from councils import selectors as council_selectors
from councils.models import AdministrativeLevel
from councils.selectors import council_for
from utilities import ui
from utilities.xlsx import xlsx_response

from .. import permissions as compliance_permissions
from .. import selectors, services
from ..choices import Obligation, PeriodKind, ResultStatus

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


def _filters(request, council):
    """Year, period kind and level from the query string; unknown values are ignored, never a 500."""
    today = timezone.localdate()
    try:
        year = int(request.GET.get("year") or 0)
    except ValueError:
        year = 0
    as_of = None
    if 2000 <= year < today.year:
        # A past year is shown as it stood at its end.
        as_of = datetime.date(year, 12, 31)
    period = request.GET.get("period", "")
    period = period if period in PeriodKind.values else ""
    level = request.GET.get("level", "")
    return {"year": year or today.year, "as_of": as_of, "period": period, "level": level}


def chosen_council(request):
    council = council_selectors.primary_council(request.user)
    if council is None:
        raise PermissionDenied(_("Tài khoản của bạn chưa được phân quyền cho HĐND nào."))
    pk = request.GET.get("council")
    if pk and pk.isdigit():
        council = council_for(request.user, int(pk))
    return council


def _bars(counts: dict) -> list[dict]:
    evaluated = sum(counts.get(status, 0) for status, _css in BAR_STATUSES)
    return [
        {"status": status, "label": ResultStatus(status).label, "css": css, "count": counts.get(status, 0),
         "width": round(100 * counts.get(status, 0) / evaluated, 1) if evaluated else 0}
        for status, css in BAR_STATUSES
    ]


def _dashboard_context(request):
    user = request.user
    council = chosen_council(request)
    filters = _filters(request, council)
    rollup = selectors.rollup(user, council, as_of=filters["as_of"])
    periods = dict(selectors.rules_for(user).values_list("pk", "period"))
    rules = [rule for rule in rollup["rules"] if not filters["period"] or periods.get(rule["rule_id"]) == filters["period"]]
    rule_objects = {rule.pk: rule for rule in selectors.rules_for(user).filter(pk__in=[r["rule_id"] for r in rules])}
    charts = []
    for rule in rules:
        rule["bars"] = _bars(rule)
        rule["obligation_label"] = dict(Obligation.choices).get(rule["obligation"], "")
        children = [row for row in selectors.results_by_child(user, council, as_of=rollup["as_of"],
                                                                rule=rule_objects[rule["rule_id"]])
                    if not row["own"] and (not filters["level"] or row["council"].level.code == filters["level"])]
        history = selectors.trend(user, council, rule=rule_objects[rule["rule_id"]])
        charts.append({
            "id": rule["rule_id"],
            "children": {"labels": [row["council"].area_name for row in children],
                         "values": [float(row["compliance"]) if row["compliance"] is not None else None
                                    for row in children]},
            "trend": {"labels": [row["period_label"] for row in history],
                      "values": [float(row["compliance"]) if row["compliance"] is not None else None
                                 for row in history]},
        })
    last_run = selectors.latest_run(user)
    return {
        "council": council, "rollup": rollup, "rules": rules, "charts": charts, "filters": filters,
        "overall_bars": _bars(rollup["overall"]), "last_run": last_run,
        "pending": selectors.pending_for(user).filter(council=council).exists(),
        "can_recompute": compliance_permissions.can_request_run(user, council),
        "periods": PeriodKind.choices, "levels": AdministrativeLevel.objects.order_by("rank"),
        "years": list(range(timezone.localdate().year, timezone.localdate().year - 6, -1)),
        "ancestors": council_selectors.ancestors_for(user, council),
        "title": _("Tuân thủ chỉ tiêu"), "report_title": _("Báo cáo kết quả thực hiện chỉ tiêu"),
    }


@login_required
def dashboard(request):
    """Tuân thủ chỉ tiêu: the party committee's home page, and every role's view of the quotas."""
    context = _dashboard_context(request)
    if request.GET.get("export") == "xlsx":
        return _export(context)
    context["persona"] = permissions.persona(request.user, context["council"])
    # Buttons of the apps above (the documents app's Word / PDF report), for this council and year.
    context["page_links"] = ui.page_links("compliance.dashboard", request.user,
                                          {"council": context["council"].pk, "year": context["filters"]["year"]})
    return render(request, "compliance/dashboard.html", context)


def _export(context):
    council, rollup = context["council"], context["rollup"]
    columns = [_("Mã"), _("Chỉ tiêu"), _("Mức độ"), _("Kỳ"), _("Đạt"), _("Đúng tiến độ"), _("Có nguy cơ"),
               _("Không đạt"), _("Không áp dụng"), _("Tỷ lệ tuân thủ (%)")]
    rows = [[rule["code"], rule["title"], str(rule["obligation_label"]), rule["period_label"], rule["met"],
             rule["on_track"], rule["at_risk"], rule["missed"], rule["not_applicable"],
             float(rule["compliance"]) if rule["compliance"] is not None else None] for rule in context["rules"]]
    as_of = rollup["as_of"]
    return xlsx_response(
        filename=f"tuan-thu-chi-tieu-{council.code}-{timezone.localdate():%Y%m%d}.xlsx",
        title=_("Kết quả thực hiện chỉ tiêu — %(council)s") % {"council": council.name},
        subtitle=_("Tính đến ngày %(date)s") % {"date": ui.display_value(as_of) if as_of else "—"},
        columns=columns, rows=rows,
    )


@login_required
def rule_detail(request, pk):
    """One rule over the chosen council: its child councils (drill down), then its own subjects' results."""
    user = request.user
    council = chosen_council(request)
    rule = get_object_or_404(selectors.rules_for(user), pk=pk)
    filters = _filters(request, council)
    as_of = filters["as_of"] or selectors.latest_as_of(user, council)
    by_child = selectors.results_by_child(user, council, as_of=as_of, rule=rule)
    for row in by_child:
        row["bars"] = _bars(row)
    results = []
    if as_of is not None:
        results = list(selectors.results_for(user).filter(
            rule=rule, council=council, period_start__lte=as_of, period_end__gte=as_of,
        ).order_by("subject_type", "subject_name"))
    return render(request, "compliance/rule_detail.html", {
        "council": council, "rule": rule, "own": by_child[0], "children": by_child[1:], "results": results,
        "as_of": as_of, "ancestors": council_selectors.ancestors_for(user, council), "title": rule.title,
        "query": request.GET.urlencode(),
    })


@login_required
def result_detail(request, pk):
    """One result and the exact records it counted, each linked to its page."""
    result = selectors.result_for(request.user, pk)
    evidence = []
    for item in selectors.evidence_for(request.user, result):
        name = EVIDENCE_PAGES.get((item.content_type.app_label, item.content_type.model))
        try:
            url = reverse(name, args=[item.object_id]) if name else ""
        except NoReverseMatch:
            url = ""
        evidence.append({"item": item, "url": url})
    return render(request, "compliance/result_detail.html", {
        "result": result, "evidence": evidence, "title": str(result),
        "counted": sum(1 for e in evidence if e["item"].counted),
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
