"""load_rules and compute_compliance, and the selectors the dashboard reads (by child council, trend)."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from compliance import selectors, services
from compliance.choices import ResultStatus
from compliance.models import EvaluationRun, Result, Rule, RuleSet
from councils.choices import SessionKind
from councils.tests.factories import UserFactory

from . import builders as b
from .builders import D

pytestmark = pytest.mark.django_db


class TestLoadRules:
    def test_loads_both_rule_sets_idempotently(self, levels, council_a, council_b):
        out = StringIO()
        call_command("load_rules", stdout=out)
        assert "ha-noi-de-an-hdnd: 14 chỉ tiêu" in out.getvalue()
        codes = set(Rule.objects.values_list("code", flat=True))
        assert {"GS-HDND-2", "GS-TT-4", "GS-BAN-2", "GS-TO-1", "TCD-100", "KN-100", "TXCT-CD-1", "GB-Q", "TH-100",
                "KH-2", "TH-KNGS-85", "TH-KNGS-80", "TH-KNCT-90", "TH-GT-1", "TH-CV-100"} <= codes
        edited = Rule.objects.get(code="KH-2")
        edited.threshold = 5
        edited.save()
        call_command("load_rules", stdout=StringIO())
        assert Rule.objects.count() == len(codes) and RuleSet.objects.count() == 2
        assert Rule.objects.get(code="KH-2").threshold == 2  # the file wins again
        assert set(Rule.objects.get(code="TH-KNGS-80").levels.values_list("code", flat=True)) == {"commune"}
        assert RuleSet.objects.get(code="thanh-hoa-2026-2031").council == council_b

    def test_a_third_rule_set_is_data_only(self, levels, council_a1, tmp_path):
        path = tmp_path / "ward.json"
        path.write_text(json.dumps({
            "ruleset": {"code": "ba-dinh", "name": "Phường Ba Đình", "council_code": council_a1.code},
            "rules": [{"code": "BD-TXCT-2", "title": "Tiếp xúc cử tri chuyên đề 2 lần mỗi 6 tháng",
                       "levels": ["commune"], "subject_type": "standing_board", "metric": "activity_count",
                       "params": {"voter_meeting_kinds": ["thematic"]}, "period": "half_year",
                       "comparison": "count_gte", "threshold": "2"}],
        }), encoding="utf-8")
        call_command("load_rules", str(path), stdout=StringIO())
        assert Rule.objects.get(code="BD-TXCT-2").ruleset.council == council_a1

    def test_a_bad_rule_loads_nothing(self, levels, council_a, tmp_path):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({
            "ruleset": {"code": "bad", "name": "Sai"},
            "rules": [{"code": "OK-1", "title": "Đúng", "subject_type": "council", "metric": "activity_count",
                       "params": {"session_kinds": ["regular"]}, "period": "year", "comparison": "count_gte",
                       "threshold": "2"},
                      {"code": "BAD-1", "title": "Sai", "subject_type": "council", "metric": "activity_count",
                       "params": {"oversight_kinds": ["picnic"]}, "period": "year", "comparison": "share_gte",
                       "threshold": "2"}],
        }), encoding="utf-8")
        with pytest.raises(CommandError, match="BAD-1"):
            call_command("load_rules", str(path), stdout=StringIO())
        assert not RuleSet.objects.filter(code="bad").exists() and not Rule.objects.exists()

    def test_missing_council_is_reported_or_skipped(self, levels):
        with pytest.raises(CommandError, match="mã 01"):
            call_command("load_rules", stdout=StringIO())
        err = StringIO()
        call_command("load_rules", "--skip-missing", stdout=StringIO(), stderr=err)
        assert "mã 38" in err.getvalue() and not Rule.objects.exists()


def test_compute_compliance_prints_a_summary(hanoi_rules, council_a, populate):
    commune = populate(council_a, 1)[0]
    out = StringIO()
    call_command("compute_compliance", "--as-of", "2026-12-31", "--council", commune.code, stdout=out)
    text = out.getvalue()
    run = EvaluationRun.objects.get()
    assert (run.as_of, run.council, run.include_subtree, run.trigger) == (D(2026, 12, 31), commune, True, "command")
    assert "Tính đến 31/12/2026" in text
    header = next(line for line in text.splitlines() if line.startswith("Chỉ tiêu"))
    assert header.split("  ")[0] == "Chỉ tiêu" and all(
        word in header for word in ("Đạt", "Đúng tiến độ", "Có nguy cơ không đạt", "Không đạt", "Không áp dụng"))
    assert "K.đạt" not in text and "Đúng TĐ" not in text
    kh2 = next(line for line in text.splitlines() if line.startswith("KH-2"))
    assert kh2.split()[:2] == ["KH-2", "1"] and kh2.endswith("100.0 %")
    with pytest.raises(CommandError):
        call_command("compute_compliance", "--as-of", "31/12/2026", stdout=StringIO())
    with pytest.raises(CommandError):
        call_command("compute_compliance", "--council", "nope", stdout=StringIO())


class TestDashboardSelectors:
    def test_results_by_child_council_sum_each_subtree(self, hanoi_rules, council_a, populate, viewer_a):
        one, two = populate(council_a, 2)
        services.run_evaluation(as_of=D(2026, 9, 15))
        rows = selectors.results_by_child(viewer_a, council_a, rule=Rule.objects.get(code="KH-2"))
        assert [row["council"] for row in rows] == [council_a, one, two]
        assert [(row["met"], row["at_risk"], row["own"]) for row in rows] == [(0, 1, True), (1, 0, False),
                                                                               (1, 0, False)]
        assert rows[1]["compliance"] == 100

    def test_trend_over_past_periods(self, hanoi_rules, council_a, term, viewer_a):
        rule = Rule.objects.get(code="KH-2")
        b.session(council_a, term, 1, D(2026, 4, 10))
        b.session(council_a, term, 2, D(2026, 7, 10))
        b.session(council_a, term, 3, D(2027, 7, 10), kind=SessionKind.REGULAR)
        services.run_evaluation(as_of=D(2026, 12, 31))
        services.run_evaluation(as_of=D(2027, 12, 31))
        trend = selectors.trend(viewer_a, council_a, rule=rule)
        assert [(row["period_label"], row["met"], row["missed"]) for row in trend] == [
            ("Năm 2026", 1, 0), ("Năm 2027", 0, 1)]

    def test_rollup_is_scoped(self, hanoi_rules, council_a, populate):
        populate(council_a, 1)
        services.run_evaluation(as_of=D(2026, 9, 15))
        outsider = UserFactory(username="outsider")
        assert selectors.rollup(outsider, council_a)["rules"] == []
        assert selectors.results_for(outsider).count() == 0
        assert Result.objects.filter(status=ResultStatus.MET).exists()
