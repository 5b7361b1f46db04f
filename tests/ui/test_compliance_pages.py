"""The compliance dashboard on real results: status counts and %, drill-down council → child → subject →
evidence records, export, print heading, recompute only for the secretariat, bounded queries."""

import datetime
import json
from io import BytesIO

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from openpyxl import load_workbook

from compliance.models import PendingEvaluation, Result
from compliance.services import load_ruleset, run_evaluation
from compliance.tests import builders as b
from councils.choices import BodyKind
from councils.tests.factories import CouncilFactory, LevelFactory
from oversight.choices import ActivityKind

pytestmark = pytest.mark.django_db
AS_OF = datetime.date(2026, 11, 20)


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def hanoi_rules(province_level, commune_level, council_a):
    LevelFactory(code="district")
    path = settings.BASE_DIR / "compliance" / "rulesets" / "hanoi.json"
    return load_ruleset(data=json.loads(path.read_text(encoding="utf-8")))[0]


def add_communes(parent, term, level, count, start=1):
    for index in range(start, start + count):
        council = CouncilFactory(parent=parent, level=level, code=f"{parent.code}{index:04d}",
                                 area_name=f"Phường số {index}", name=f"HĐND phường số {index}")
        board = b.body(council, term, BodyKind.STANDING_BOARD)
        b.body(council, term, BodyKind.PLENARY)
        for month in (3, 5, 8):
            b.activity(council, datetime.date(2026, month, 2), body=board, kind=ActivityKind.SURVEY)


@pytest.fixture
def evaluated(hanoi_rules, council_a, council_a1, term, commune_level):
    b.body(council_a, term, BodyKind.STANDING_BOARD)
    plenary = b.body(council_a, term, BodyKind.PLENARY)
    b.activity(council_a, datetime.date(2026, 4, 6), body=plenary, title="Giám sát chuyên đề về trật tự đô thị")
    add_communes(council_a, term, commune_level, 2)
    run_evaluation(as_of=AS_OF)
    return council_a


def test_dashboard_shows_rules_with_counts_and_percent(client, viewer_a, evaluated):
    client.force_login(viewer_a)
    page = client.get(reverse("home")).content.decode()  # the party viewer's home page
    assert "Tuân thủ chỉ tiêu" in page and "GS-HDND-2" in page
    assert "20/11/2026" in page  # as of
    assert "Tính lần cuối lúc" in page
    rule_results = Result.objects.filter(rule__code="GS-HDND-2", council__path__startswith=evaluated.path)
    met = rule_results.filter(status="met").count()
    assert f'<td class="text-end status-met">{met}</td>' in page
    assert 'data-testid="recompute"' not in page  # read-only
    assert "vendor/chart.js/chart.umd.min.js" in page
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page and "Độc lập - Tự do - Hạnh phúc" in page


def test_drill_down_to_evidence(client, viewer_a, evaluated):
    client.force_login(viewer_a)
    rule = Result.objects.filter(rule__code="GS-HDND-2").first().rule
    page = client.get(reverse("compliance:rule_detail", args=[rule.pk]), {"council": evaluated.pk}).content.decode()
    assert "HĐND phường số 1" in page  # a child council to drill into
    result = Result.objects.get(rule=rule, council=evaluated)
    assert reverse("compliance:result_detail", args=[result.pk]) in page
    evidence = client.get(reverse("compliance:result_detail", args=[result.pk])).content.decode()
    assert "Giám sát chuyên đề về trật tự đô thị" in evidence
    activity = evaluated.oversight_activities.get(title="Giám sát chuyên đề về trật tự đô thị")
    assert reverse("oversight:activity_detail", args=[activity.pk]) in evidence


def test_other_councils_results_are_404(client, clerk_b, evaluated):
    client.force_login(clerk_b)
    result = Result.objects.filter(council=evaluated).first()
    assert client.get(reverse("compliance:result_detail", args=[result.pk])).status_code == 404
    assert client.get(reverse("compliance:dashboard"), {"council": evaluated.pk}).status_code == 404


def test_recompute_is_for_the_secretariat(client, clerk_a, viewer_a, evaluated):
    client.force_login(viewer_a)
    assert client.post(reverse("compliance:recompute"), {"council": evaluated.pk}).status_code == 403
    assert not PendingEvaluation.objects.exists()
    client.force_login(clerk_a)
    page = client.get(reverse("compliance:dashboard")).content.decode()
    assert 'data-testid="recompute"' in page
    response = client.post(reverse("compliance:recompute"), {"council": evaluated.pk})
    assert response.status_code == 302
    assert PendingEvaluation.objects.filter(council=evaluated).exists()


def test_dashboard_export_and_filters(client, viewer_a, evaluated):
    client.force_login(viewer_a)
    response = client.get(reverse("compliance:dashboard"), {"export": "xlsx"})
    sheet = load_workbook(BytesIO(response.content)).active
    codes = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert "GS-HDND-2" in codes
    page = client.get(reverse("compliance:dashboard"), {"period": "quarter"}).content.decode()
    assert "GS-HDND-2" not in page
    # Bad filter values are ignored, never a 500.
    assert client.get(reverse("compliance:dashboard"), {"year": "abc", "period": "x", "council": "zz"}).status_code == 200


def test_dashboard_query_count_does_not_grow(client, viewer_a, hanoi_rules, council_a, term, commune_level,
                                            django_assert_max_num_queries):
    client.force_login(viewer_a)
    add_communes(council_a, term, commune_level, 1)
    run_evaluation(as_of=AS_OF)
    with django_assert_max_num_queries(80) as small:
        client.get(reverse("compliance:dashboard"))
    add_communes(council_a, term, commune_level, 6, start=10)
    run_evaluation(as_of=AS_OF)
    with django_assert_max_num_queries(80) as large:
        client.get(reverse("compliance:dashboard"))
    assert len(large.captured_queries) == len(small.captured_queries)
    rule = Result.objects.first().rule
    with django_assert_max_num_queries(15):
        client.get(reverse("compliance:rule_detail", args=[rule.pk]))


@pytest.mark.parametrize(("language", "trend_label"), [("vi", "Qua các kỳ (%)"), ("en", "Over periods (%)")])
def test_the_charts_labels_follow_the_language(client, viewer_a, evaluated, language, trend_label):
    # The charts' script (static/js/compliance_dashboard.js) reads its labels from the page.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    client.force_login(viewer_a)
    page = client.get(reverse("home")).content.decode()
    assert f'data-trend-label="{trend_label}"' in page
    assert "js/compliance_dashboard.js" in page and 'id="chart-data"' in page
