"""The agency scorecard on a scenario computed by hand: every column, period boundaries, scope, sorting, the
drill-down listing exactly the counted forwardings, the Excel export, query counts, and the metric that judges
the same rows in a compliance run."""

import json
from decimal import Decimal
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from compliance.choices import Metric, ResultStatus
from compliance.models import Evidence, Result
from compliance.runs import run_evaluation
from compliance.scorecard import scorecard_for
from compliance.services import load_ruleset
from councils.audit import record_audit
from councils.models import DayOff
from councils.workdays import working_days_between, working_days_counter
from voters.choices import ForwardingStatus
from voters.models import Forwarding

from . import builders as b
from .builders import D
from .conftest import RULESETS

pytestmark = pytest.mark.django_db

TODAY = D(2026, 7, 15)


@pytest.fixture(autouse=True)
def today(monkeypatch):
    """The figures are judged today: fix the day (only the calls without arguments)."""
    real = timezone.localdate

    def localdate(value=None, timezone=None):
        return TODAY if value is None and timezone is None else real(value, timezone)

    monkeypatch.setattr("django.utils.timezone.localdate", localdate)
    return TODAY


def fwd(council, agency, sent, due, answered=None, *, status=None, paused=0):
    pet = b.petition(council, sent, forwarded=sent)
    forwarding = b.forwarding(pet, agency, sent, due, answered=answered)
    if status or paused:
        Forwarding.objects.filter(pk=forwarding.pk).update(status=status or forwarding.status, paused_days=paused)
        forwarding.refresh_from_db()
    return forwarding


@pytest.fixture
def scenario(council_a, council_a1, council_b):
    x = b.agency(council_a, "Sở Xây dựng")
    y = b.agency(council_a, "Sở Giao thông vận tải")
    w = b.agency(council_a1, "UBND phường Ba Đình")
    z = b.agency(council_b, "Sở Tài chính Thanh Hóa")
    DayOff.objects.create(council=council_a, date=D(2026, 3, 20), reason="Nghỉ bù")  # a Friday, A's own
    f = {
        # 2/3 → 10/4: 29 working days, 28 without A's day off; on time.
        "on_time": fwd(council_a, x, D(2026, 3, 2), D(2026, 4, 15), D(2026, 4, 10)),
        # 2/3 → 20/4: 35 working days, 34 without the day off, 2 paused: 32; late.
        "late": fwd(council_a, x, D(2026, 3, 2), D(2026, 4, 15), D(2026, 4, 20), paused=2),
        "overdue": fwd(council_a, x, D(2026, 6, 1), D(2026, 7, 1)),
        "not_due": fwd(council_a, x, D(2026, 6, 1), D(2026, 7, 30)),
        "paused": fwd(council_a, x, D(2026, 6, 1), D(2026, 7, 1), status=ForwardingStatus.CLARIFICATION),
        "last_year": fwd(council_a, x, D(2025, 12, 31), D(2026, 1, 30), D(2026, 1, 20)),
        # 5/1 → 4/2: 22 working days.
        "y": fwd(council_a, y, D(2026, 1, 5), D(2026, 2, 5), D(2026, 2, 4)),
        "commune": fwd(council_a1, w, D(2026, 12, 31), D(2027, 1, 30)),
        "next_year": fwd(council_a, y, D(2027, 1, 1), D(2027, 2, 1)),
        "other_province": fwd(council_b, z, D(2026, 3, 2), D(2026, 4, 1), D(2026, 3, 20)),
    }
    # Answers returned: twice on the on-time one, once on the late one.
    for forwarding in (f["on_time"], f["on_time"], f["late"]):
        record_audit(target=forwarding, action="return_answer", note="Trả lời chưa đầy đủ")
    record_audit(target=f["other_province"], action="return_answer", note="Chưa rõ")
    # Reopened after voters said it was not resolved: only the late one's petition.
    late_petition, on_time_petition = f["late"].petition, f["on_time"].petition
    record_audit(target=late_petition, action="voter_feedback", changes={"resolved": False})
    record_audit(target=late_petition, action="reopen", note="Cử tri chưa đồng ý")
    record_audit(target=on_time_petition, action="reopen", note="Mở lại trước ý kiến")  # before the feedback
    record_audit(target=on_time_petition, action="voter_feedback", changes={"resolved": False})
    record_audit(target=f["y"].petition, action="voter_feedback", changes={"resolved": True})
    record_audit(target=f["y"].petition, action="reopen")  # after a satisfied feedback: not counted
    return {"agencies": {"x": x, "y": y, "w": w, "z": z}, "f": f}


def figures(row):
    return (row.name, row.received, row.answered, row.on_time, row.on_time_rate, row.median_days, row.overdue,
            row.returned, row.reopened)


def test_every_column_of_a_known_scenario(clerk_a, council_a, scenario):
    data = scorecard_for(clerk_a, council_a, kind="year", day=D(2026, 5, 1))
    assert data["period"].label == "Năm 2026"
    by_name = {row.name: figures(row) for row in data["rows"]}
    assert by_name == {
        "Sở Xây dựng": ("Sở Xây dựng", 5, 2, 1, Decimal("33.3"), Decimal("30.0"), 1, 3, 1),
        "Sở Giao thông vận tải": ("Sở Giao thông vận tải", 1, 1, 1, Decimal("100.0"), Decimal("22.0"), 0, 0, 0),
        "UBND phường Ba Đình": ("UBND phường Ba Đình", 1, 0, 0, None, None, 0, 0, 0),
    }
    assert figures(data["total"]) == ("", 7, 3, 2, Decimal("50.0"), Decimal("28.0"), 1, 3, 1)


def test_period_boundaries(clerk_a, council_a, scenario):
    last_year = scorecard_for(clerk_a, council_a, kind="year", day=D(2025, 6, 1))
    assert [figures(row) for row in last_year["rows"]] == [
        ("Sở Xây dựng", 1, 1, 1, Decimal("100.0"), Decimal("13.0"), 0, 0, 0)]  # 31/12/2025 → 20/1/2026
    q1 = scorecard_for(clerk_a, council_a, kind="quarter", day=D(2026, 3, 31))
    assert q1["period"].label == "Quý I/2026"
    assert {row.name: row.received for row in q1["rows"]} == {"Sở Xây dựng": 2, "Sở Giao thông vận tải": 1}
    q2 = scorecard_for(clerk_a, council_a, kind="quarter", day=D(2026, 4, 1))
    assert {row.name: row.received for row in q2["rows"]} == {"Sở Xây dựng": 3}
    half = scorecard_for(clerk_a, council_a, kind="half_year", day=D(2026, 7, 1))
    assert {row.name: row.received for row in half["rows"]} == {"UBND phường Ba Đình": 1}
    # The chart: the on-time rate of the charted agencies over the six quarters ending with Q1/2026.
    assert q1["chart"]["labels"] == ["Quý IV/2024", "Quý I/2025", "Quý II/2025", "Quý III/2025", "Quý IV/2025",
                                     "Quý I/2026"]
    assert q1["chart"]["datasets"] == [
        {"label": "Sở Xây dựng", "data": [None, None, None, None, 100.0, 50.0]},
        {"label": "Sở Giao thông vận tải", "data": [None, None, None, None, None, 100.0]},
    ]
    chosen = scorecard_for(clerk_a, council_a, kind="quarter", day=D(2026, 3, 31),
                           agency=scenario["agencies"]["y"].pk)
    assert [d["label"] for d in chosen["chart"]["datasets"]] == ["Sở Giao thông vận tải"]


def test_scope_another_province_never_appears(client, clerk_a, clerk_b, clerk_a1, council_a, council_b, scenario):
    client.force_login(clerk_a)
    page = client.get(reverse("compliance:agency_scorecard"), {"start": "2026-01-01"}).content.decode()
    assert "Sở Xây dựng" in page and "Sở Tài chính Thanh Hóa" not in page
    assert client.get(reverse("compliance:agency_scorecard"), {"council": council_b.pk}).status_code == 404
    items = client.get(reverse("compliance:scorecard_items"), {"figure": "received"}).content.decode()
    assert "Sở Tài chính Thanh Hóa" not in items
    client.force_login(clerk_b)
    page = client.get(reverse("compliance:agency_scorecard")).content.decode()
    assert "Sở Tài chính Thanh Hóa" in page and "Sở Xây dựng" not in page
    # A commune clerk sees the agencies of their commune's forwardings only.
    rows = scorecard_for(clerk_a1, scenario["f"]["commune"].petition.council, kind="year")["rows"]
    assert [row.name for row in rows] == ["UBND phường Ba Đình"]


@pytest.mark.parametrize(("sort", "expected"), [
    ("name", ["Sở Giao thông vận tải", "Sở Xây dựng", "UBND phường Ba Đình"]),
    ("-received", ["Sở Xây dựng", "Sở Giao thông vận tải", "UBND phường Ba Đình"]),
    ("on_time_rate", ["Sở Xây dựng", "Sở Giao thông vận tải", "UBND phường Ba Đình"]),  # no rate: last
    ("-on_time_rate", ["Sở Giao thông vận tải", "Sở Xây dựng", "UBND phường Ba Đình"]),
    ("median_days", ["Sở Giao thông vận tải", "Sở Xây dựng", "UBND phường Ba Đình"]),
    ("-returned", ["Sở Xây dựng", "Sở Giao thông vận tải", "UBND phường Ba Đình"]),
    ("-overdue", ["Sở Xây dựng", "Sở Giao thông vận tải", "UBND phường Ba Đình"]),
    ("-reopened", ["Sở Xây dựng", "Sở Giao thông vận tải", "UBND phường Ba Đình"]),
])
def test_sort_every_column(client, clerk_a, scenario, sort, expected):
    client.force_login(clerk_a)
    page = client.get(reverse("compliance:agency_scorecard"), {"start": "2026-01-01", "sort": sort}).content.decode()
    body = page[page.index("<tbody>"):page.index("</tbody>")]
    assert [n for _pos, n in sorted((body.index(f">{n}<"), n) for n in expected)] == expected


def test_page_shows_figures_links_and_chart(client, viewer_a, scenario):
    client.force_login(viewer_a)
    page = client.get(reverse("compliance:agency_scorecard"), {"start": "2026-01-01"}).content.decode()
    assert "Theo dõi cơ quan trả lời kiến nghị" in page and "Năm 2026" in page
    assert "33,3" in page and "30,0" in page  # Vietnamese decimals
    assert "vendor/chart.js/chart.umd.min.js" in page and "js/agency_scorecard.js" in page
    assert 'id="scorecard-chart-data"' in page
    # "%" stays outside the translated text: inside {% translate %} it reads "(%%)".
    assert "Tỷ lệ trả lời đúng hạn qua các kỳ (%)" in page and "%%" not in page
    assert reverse("compliance:scorecard_items") + "?" in page
    dashboard = client.get(reverse("compliance:dashboard")).content.decode()
    assert reverse("compliance:agency_scorecard") in dashboard
    # Bad parameters are ignored, never a 500.
    response = client.get(reverse("compliance:agency_scorecard"),
                          {"period": "x", "start": "99999", "sort": "drop", "agency": "abc", "council": "zz"})
    assert response.status_code == 200


@pytest.mark.parametrize(("figure", "keys"), [
    ("received", {"on_time", "late", "overdue", "not_due", "paused"}),
    ("answered", {"on_time", "late"}),
    ("on_time", {"on_time"}),
    ("due", {"on_time", "late", "overdue"}),
    ("late", {"late", "overdue"}),
    ("overdue", {"overdue"}),
    ("returned", {"on_time", "late"}),
    ("reopened", {"late"}),
])
def test_drill_down_lists_exactly_the_counted_items(client, clerk_a, council_a, scenario, figure, keys):
    client.force_login(clerk_a)
    x = scenario["agencies"]["x"]
    page = client.get(reverse("compliance:agency_scorecard"), {"start": "2026-01-01"}).content.decode()
    query = (f"subtree_of={council_a.pk}&amp;forwarded_after=2026-01-01&amp;forwarded_before=2026-12-31"
             f"&amp;figure={figure}&amp;agency={x.pk}")
    assert query in page or figure in ("due", "late")  # "late" has no column; "due" is the rate's link
    response = client.get(reverse("compliance:scorecard_items"), {
        "subtree_of": council_a.pk, "forwarded_after": "2026-01-01", "forwarded_before": "2026-12-31",
        "figure": figure, "agency": x.pk})
    listed = {row["object"].pk for row in response.context["rows"]}
    assert listed == {scenario["f"][key].pk for key in keys}
    assert response.context["paginator"].count == len(keys)
    page = response.content.decode()
    assert "Kiến nghị đã chuyển cơ quan" in page and "Kiến nghị về đường giao thông" in page
    assert reverse("voters:petition_detail", args=[scenario["f"][sorted(keys)[0]].petition_id]) in page


def test_excel_export(client, clerk_a, scenario):
    client.force_login(clerk_a)
    response = client.get(reverse("compliance:agency_scorecard"),
                          {"start": "2026-01-01", "sort": "-received", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(min_row=3, values_only=True)]
    assert rows[0] == ["Cơ quan", "Đã nhận", "Đã trả lời", "Trả lời đúng hạn", "Tỷ lệ đúng hạn (%)",
                       "Số ngày làm việc để trả lời (trung vị)", "Đang quá hạn", "Số lần trả lại câu trả lời",
                       "Mở lại sau ý kiến cử tri"]
    assert rows[1:] == [
        ["Sở Xây dựng", 5, 2, 1, 33.3, 30, 1, 3, 1],
        ["Sở Giao thông vận tải", 1, 1, 1, 100, 22, 0, 0, 0],
        ["UBND phường Ba Đình", 1, 0, 0, None, None, 0, 0, 0],
        ["Tổng cộng", 7, 3, 2, 50, 28, 1, 3, 1],
    ]
    assert "Năm 2026" in sheet["A2"].value


def test_an_agency_name_that_looks_like_a_formula_stays_text(client, clerk_a, council_a):
    fwd(council_a, b.agency(council_a, "=HYPERLINK(\"http://x\")"), D(2026, 3, 2), D(2026, 4, 1))
    client.force_login(clerk_a)
    response = client.get(reverse("compliance:agency_scorecard"), {"export": "xlsx"})
    cell = load_workbook(BytesIO(response.content)).active["A4"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"


def grow(council, count, offset=0):
    for i in range(count):
        agency = b.agency(council, f"Cơ quan {offset + i}")
        answered = fwd(council, agency, D(2026, 2, 2), D(2026, 3, 2), D(2026, 2, 20 + i % 5))
        record_audit(target=answered, action="return_answer")
        fwd(council, agency, D(2026, 5, 4), D(2026, 6, 1))


def test_query_counts_do_not_grow(client, clerk_a, council_a, django_assert_max_num_queries):
    client.force_login(clerk_a)
    url = reverse("compliance:agency_scorecard")
    items = reverse("compliance:scorecard_items")
    grow(council_a, 2)
    client.get(url)  # warm the content types and the session
    counts = []
    for extra in (0, 12):
        grow(council_a, extra, offset=100)
        with django_assert_max_num_queries(40) as page_queries:
            assert client.get(url).status_code == 200
        with django_assert_max_num_queries(40) as export_queries:
            client.get(url, {"export": "xlsx"})
        with django_assert_max_num_queries(40) as list_queries:
            response = client.get(items, {"figure": "returned", "subtree_of": council_a.pk})
        assert response.context["paginator"].count == 2 + extra
        counts.append((len(page_queries), len(export_queries), len(list_queries)))
    assert counts[0] == counts[1], counts


def test_the_metric_in_a_compliance_run(council_b, levels, scenario):
    ruleset, _count = load_ruleset(data=json.loads((RULESETS / "thanh_hoa.json").read_text(encoding="utf-8")))
    rule = ruleset.rules.get(code="TH-KNCT-CQ-90")
    assert rule.metric == Metric.AGENCY_ANSWERS_ON_TIME
    z = scenario["agencies"]["z"]
    z.kind = "department"
    z.save()
    enterprise = b.agency(council_b, "Công ty Điện lực Thanh Hóa")
    enterprise.kind = "enterprise"
    enterprise.save()
    fwd(council_b, enterprise, D(2026, 4, 1), D(2026, 5, 1))  # overdue, but not a department: left out
    late = fwd(council_b, z, D(2026, 4, 1), D(2026, 5, 1), D(2026, 5, 10))
    fwd(council_b, z, D(2026, 6, 20), D(2026, 8, 1))  # not due yet: not judged
    run_evaluation(as_of=TODAY)
    result = Result.objects.get(rule=rule, council=council_b)
    assert (result.numerator, result.denominator, result.value) == (1, 2, Decimal("50.00"))
    assert result.status == ResultStatus.AT_RISK
    evidence = {(e.object_id, e.counted) for e in Evidence.objects.filter(result=result)}
    assert evidence == {(scenario["f"]["other_province"].pk, True), (late.pk, False)}
    # The same figure as the scorecard's on-time rate of the department, judged the same day.
    assert not Result.objects.filter(rule=rule, council__code="01").exists()  # Thanh Hóa's rules only


def test_load_rules_refuses_a_bad_agency_kind(council_b, levels):
    data = {"ruleset": {"code": "x", "name": "X"}, "rules": [{
        "code": "X-1", "title": "X", "subject_type": "council", "metric": "agency_answers_on_time",
        "params": {"agency_kinds": ["bank"]}, "period": "year", "comparison": "share_gte", "threshold": "90",
        "obligation": "required"}]}
    with pytest.raises(ValidationError) as error:
        load_ruleset(data=data)
    assert "bank" in str(error.value)


def test_nav_link(client, viewer_a, clerk_a):
    client.force_login(clerk_a)
    assert reverse("compliance:agency_scorecard") in client.get(reverse("voters:petition_list")).content.decode()



def test_the_working_days_counter_agrees_with_the_one_by_one_count(council_a, council_b):
    DayOff.objects.create(council=council_a, date=D(2026, 3, 20), reason="Nghỉ bù")
    DayOff.objects.create(council=None, date=D(2026, 5, 4), reason="Nghỉ chung")
    count = working_days_counter(D(2026, 1, 1), D(2026, 12, 31))
    for a, c in [(D(2026, 1, 1), D(2026, 12, 31)), (D(2026, 2, 10), D(2026, 2, 25)), (D(2026, 3, 19), D(2026, 5, 5)),
                 (D(2026, 4, 24), D(2026, 5, 1)), (D(2026, 6, 1), D(2026, 6, 1))]:
        for council in (council_a, council_b, None):
            assert count(a, c, council.pk if council else None) == working_days_between(a, c, council=council)


API = "/api/v1/compliance/agency-scorecard/"


def test_api_answers_the_same_figures(api_as, clerk_a, council_a, council_b, scenario):
    client = api_as(clerk_a)
    body = client.get(API, {"start": "2026-05-01", "sort": "-received"}).json()
    assert (body["council"], body["period_kind"], body["period"]) == (
        council_a.pk, "year", {"start": "2026-01-01", "end": "2026-12-31", "label": "Năm 2026"})
    assert body["agencies"][0] == {
        "agency": scenario["agencies"]["x"].pk, "name": "Sở Xây dựng", "received": 5, "answered": 2, "on_time": 1,
        "due": 3, "on_time_rate": "33.3", "median_working_days": "30.0", "overdue": 1, "returned": 3, "reopened": 1}
    assert [row["name"] for row in body["agencies"]] == ["Sở Xây dựng", "Sở Giao thông vận tải", "UBND phường Ba Đình"]
    assert body["total"]["received"] == 7 and body["total"]["agency"] is None
    assert client.get(API, {"council": council_b.pk}).status_code == 404
    bad = client.get(API, {"period": "week", "start": "31/02/2026", "sort": "x"})
    assert bad.status_code == 400 and set(bad.json()["error"]["fields"]) == {"period", "start", "sort"}


def test_api_query_count_does_not_grow(api_as, clerk_a, council_a, django_assert_max_num_queries):
    client = api_as(clerk_a)
    client.get(API)  # the first request of a user reads what later ones find cached
    counts = []
    for extra in (1, 10):
        grow(council_a, extra, offset=len(counts) * 100)
        with django_assert_max_num_queries(20) as queries:
            assert client.get(API).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
