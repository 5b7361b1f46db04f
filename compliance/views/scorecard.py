"""Pages of the agency scorecard: the table per agency for a period (sortable on every column), its chart of
on-time rates over the last periods, its Excel export, and the drill-down to the forwardings a figure counts."""

from __future__ import annotations

import datetime
from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from councils import selectors as council_selectors
from utilities import ui
from utilities.xlsx import xlsx_response
from voters import selectors as voter_selectors
from voters.choices import ForwardingStatus

from .. import permissions as compliance_permissions
from ..answer_figures import annotate_figures
from ..choices import PeriodKind
from ..filtersets import ScorecardForwardingFilterSet
from ..scorecard import SCORECARD_PERIODS, SORT_KEYS, period_of, periods_back, scorecard_for
from .dashboard import chosen_council

# The table's columns: sort key, heading, the figure its cells drill down to (None: no list of its own).
COLUMNS = (
    ("name", _lazy("Cơ quan"), None),
    ("received", _lazy("Đã nhận"), "received"),
    ("answered", _lazy("Đã trả lời"), "answered"),
    ("on_time", _lazy("Trả lời đúng hạn"), "on_time"),
    ("on_time_rate", _lazy("Tỷ lệ đúng hạn (%)"), "due"),
    ("median_days", _lazy("Số ngày làm việc để trả lời (trung vị)"), "answered"),
    ("overdue", _lazy("Đang quá hạn"), "overdue"),
    ("returned", _lazy("Số lần trả lại câu trả lời"), "returned"),
    ("reopened", _lazy("Mở lại sau ý kiến cử tri"), "reopened"),
)
PERIOD_CHOICES_SHOWN = 8


def _params(request) -> dict:
    """Period kind, a day of the period, sort and charted agency from the query string; bad values are ignored."""
    kind = request.GET.get("period", "")
    kind = kind if kind in SCORECARD_PERIODS else PeriodKind.YEAR
    try:
        day = datetime.date.fromisoformat(request.GET.get("start", ""))
    except ValueError:
        day = None
    today = timezone.localdate()
    if day is not None and not (datetime.date(2000, 1, 1) <= day <= today):
        day = None
    sort = request.GET.get("sort", "name")
    sort = sort if sort.lstrip("-") in SORT_KEYS else "name"
    agency = request.GET.get("agency", "")
    return {"kind": kind, "day": day, "sort": sort, "agency": int(agency) if agency.isdigit() else None}


def _scorecard(request):
    council = chosen_council(request)
    compliance_permissions.require_read_scorecard(request.user, council)
    return scorecard_for(request.user, council, **_params(request))


def _value(row, key):
    value = getattr(row, key)
    return float(value) if value is not None and key in ("on_time_rate", "median_days") else value


def drilldown_url(data, agency_id, figure) -> str:
    period = data["period"]
    query = {"subtree_of": data["council"].pk, "forwarded_after": period.start.isoformat(),
             "forwarded_before": period.end.isoformat(), "figure": figure}
    if agency_id is not None:
        query["agency"] = agency_id
    return reverse("compliance:scorecard_items") + "?" + urlencode(query)


@login_required
def agency_scorecard(request):
    """Bảng theo dõi cơ quan trả lời kiến nghị cử tri."""
    data = _scorecard(request)
    if request.GET.get("export") == "xlsx":
        return _export(data)
    base = {key: value for key, value in request.GET.items() if key in ("council", "period", "start", "agency")}
    headers = []
    for key, label, _figure in COLUMNS:
        direction = "asc" if data["sort"] == key else "desc" if data["sort"] == f"-{key}" else ""
        next_sort = f"-{key}" if direction == "asc" else key
        headers.append({"label": label, "direction": direction, "numeric": key != "name",
                        "url": "?" + urlencode({**base, "sort": next_sort})})
    rows = [_cells(data, row) for row in data["rows"]]
    total = _cells(data, data["total"]) if data["rows"] else None
    current = period_of(data["kind"], timezone.localdate(), data["as_of"])
    return render(request, "compliance/agency_scorecard.html", {
        **data, "title": _("Theo dõi cơ quan trả lời kiến nghị"), "headers": headers, "table": rows, "total": total,
        "kinds": [(kind, PeriodKind(kind).label) for kind in SCORECARD_PERIODS],
        "period_choices": list(reversed(periods_back(data["kind"], current, data["as_of"], PERIOD_CHOICES_SHOWN))),
        "chosen_agency": _params(request)["agency"],
        "ancestors": council_selectors.ancestors_for(request.user, data["council"]),
        "export_query": urlencode({**base, "sort": data["sort"], "export": "xlsx"}),
    })


def _cells(data, row) -> dict:
    cells = []
    for key, _label, figure in COLUMNS:
        value = getattr(row, key)
        shown = value if key == "name" else formats.localize(value) if value is not None else "—"
        cells.append({"value": shown or _("Tổng cộng"), "testid": key,
                      "url": drilldown_url(data, row.agency_id, figure) if figure and value else ""})
    return {"agency_id": row.agency_id, "cells": cells}


def _export(data):
    council, period = data["council"], data["period"]
    rows = [[_value(row, key) for key, _label, _figure in COLUMNS] for row in data["rows"]]
    if data["rows"]:
        rows.append([_("Tổng cộng"), *(_value(data["total"], key) for key, _label, _figure in COLUMNS[1:])])
    return xlsx_response(
        filename=f"theo-doi-co-quan-{council.code}-{period.start:%Y%m%d}.xlsx",
        title=_("Theo dõi cơ quan trả lời kiến nghị — %(council)s") % {"council": council.name},
        subtitle=_("%(period)s; số liệu tính đến ngày %(date)s")
        % {"period": period.label, "date": ui.display_value(data["as_of"])},
        columns=[str(label) for _key, label, _figure in COLUMNS], rows=rows,
    )


def _scorecard_forwardings(user):
    return annotate_figures(voter_selectors.forwardings_for(user))


def _answered_on(forwarding):
    return forwarding.answered_on if forwarding.status == ForwardingStatus.ANSWERED else None


class ScorecardForwardingListView(ui.ScopedListView):
    """The forwardings one figure of the scorecard counts (agency, period of receipt, figure from the URL)."""

    title = _lazy("Kiến nghị đã chuyển cơ quan")
    selector = staticmethod(_scorecard_forwardings)
    filterset_class = ScorecardForwardingFilterSet
    filter_fields = ("subtree_of", "agency", "forwarded_after", "forwarded_before", "figure", "status")
    default_sort = "forwarded_on"
    export_filename = "kien-nghi-da-chuyen-co-quan"
    columns = (
        ui.Column(_lazy("Kiến nghị"), lambda f: f.petition.code or f.petition.content[:120], link=True),
        ui.Column(_lazy("HĐND"), "petition.council.name", sort="petition__council__path"),
        ui.Column(_lazy("Cơ quan nhận"), "agency", sort="agency__name"),
        ui.Column(_lazy("Ngày chuyển"), "forwarded_on", sort="forwarded_on"),
        ui.Column(_lazy("Hạn trả lời"), "due_date", sort="due_date"),
        ui.Column(_lazy("Ngày trả lời"), _answered_on, sort="answered_on"),
        ui.Column(_lazy("Trạng thái"), "status", sort="status"),
        ui.Column(_lazy("Số lần trả lại câu trả lời"), "returned_count", sort="returned_count"),
        ui.Column(_lazy("Mở lại sau ý kiến cử tri"), "reopened", sort="reopened"),
    )

    def row_url(self, obj) -> str:
        return reverse("voters:petition_detail", args=[obj.petition_id])

    def extra_links(self):
        return [ui.Link(_("Theo dõi cơ quan"), reverse("compliance:agency_scorecard"), icon="bar-chart")]
