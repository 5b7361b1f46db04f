"""The compliance API: scoped reads, filters, evidence, roll-up, asking for a run; fixed query counts."""

from decimal import Decimal

import pytest
from django.urls import reverse

from compliance import services
from compliance.choices import ResultStatus
from compliance.models import EvaluationRun, Result
from councils.tests.factories import UserFactory

from .builders import D

pytestmark = pytest.mark.django_db

RESULTS = "/api/v1/compliance/results/"


@pytest.fixture
def evaluated(hanoi_rules, thanh_hoa_rules, council_a, council_b, populate):
    communes = populate(council_a, 2)
    populate(council_b, 1)
    services.run_evaluation(as_of=D(2026, 9, 15))
    return communes


def test_rules_list_both_rule_sets(api_as, viewer_a, hanoi_rules, thanh_hoa_rules):
    response = api_as(viewer_a).get("/api/v1/compliance/rules/", {"ruleset_code": "thanh-hoa-2026-2031",
                                                                 "page_size": 100})
    assert response.status_code == 200
    rules = {row["code"]: row for row in response.json()["results"]}
    assert set(rules) == {"TH-KNGS-85", "TH-KNGS-80", "TH-KNCT-90", "TH-KNCT-CQ-90", "TH-GT-1", "TH-CV-100"}
    assert rules["TH-KNGS-80"]["levels"] == ["commune"] and rules["TH-KNGS-80"]["threshold"] == "80.00"
    assert rules["TH-KNGS-85"]["scope_council_code"] == "38"


class TestResults:
    def test_scoped_to_the_callers_subtree(self, api_as, clerk_a1, council_a1, clerk_b, evaluated):
        rows = api_as(clerk_a1).get(RESULTS, {"page_size": 100}).json()["results"]
        assert len(rows) == Result.objects.filter(council=council_a1).count() > 0
        assert {row["council"] for row in rows} == {council_a1.pk}
        other = Result.objects.filter(council__path__startswith="/38/").first()
        assert api_as(clerk_b).get(f"{RESULTS}{other.pk}/").status_code == 200
        a_result = Result.objects.filter(council=evaluated[0]).first()
        assert api_as(clerk_b).get(f"{RESULTS}{a_result.pk}/").status_code == 404
        assert api_as(clerk_b).get(f"{RESULTS}{a_result.pk}/evidence/").status_code == 404

    def test_filters(self, api_as, viewer_a, evaluated):
        client = api_as(viewer_a)
        rows = client.get(RESULTS, {"rule_code": "KH-2", "subtree_of": evaluated[0].parent_id}).json()["results"]
        assert {row["council"] for row in rows} == {evaluated[0].parent_id, *(c.pk for c in evaluated)}
        rows = client.get(RESULTS, {"rule_code": "KH-2", "council": evaluated[1].pk}).json()["results"]
        assert [(row["value"], row["status"]) for row in rows] == [("2.00", ResultStatus.MET)]
        rows = client.get(RESULTS, {"subject_type": "committee", "status": "at_risk", "page_size": 100}).json()
        assert rows["count"] == Result.objects.filter(council__path__startswith="/01/", subject_type="committee",
                                                      status="at_risk").count() > 0
        rows = client.get(RESULTS, {"period_contains": "2026-09-15", "rule_code": "GB-Q"}).json()["results"]
        assert {row["period_label"] for row in rows} <= {"Quý III/2026"}
        assert client.get(RESULTS, {"status": "nonsense"}).status_code == 400

    def test_evidence_lists_the_counted_records(self, api_as, viewer_a, evaluated):
        result = Result.objects.get(rule__code="TCD-100", council=evaluated[0])
        body = api_as(viewer_a).get(f"{RESULTS}{result.pk}/evidence/").json()
        assert body["count"] == result.denominator == 3
        assert sum(row["counted"] for row in body["results"]) == result.numerator == 1
        assert {row["model"] for row in body["results"]} == {"councils.deputy"}
        assert result.value == Decimal("33.33")

    def test_query_count_does_not_grow_with_rows(self, api_as, viewer_a, hanoi_rules, council_a, populate,
                                                 django_assert_max_num_queries):
        client = api_as(viewer_a)
        populate(council_a, 1)
        services.run_evaluation(as_of=D(2026, 9, 15))
        with django_assert_max_num_queries(6):
            small = client.get(RESULTS, {"page_size": 100}).json()["count"]
        populate(council_a, 4, start=10)
        services.run_evaluation(as_of=D(2026, 9, 15))
        with django_assert_max_num_queries(6):
            large = client.get(RESULTS, {"page_size": 100}).json()["count"]
        assert large > small


class TestRollup:
    def test_counts_per_rule_over_the_subtree(self, api_as, viewer_a, council_a, evaluated):
        body = api_as(viewer_a).get("/api/v1/compliance/rollup/", {"council": council_a.pk}).json()
        assert body["as_of"] == "2026-09-15"
        rules = {row["code"]: row for row in body["rules"]}
        assert "TH-KNGS-85" not in rules  # Thanh Hóa's rules do not reach Hà Nội
        kh2 = rules["KH-2"]
        # Both communes held 2 regular sessions; the city held none and is behind pace.
        assert (kh2["met"], kh2["at_risk"], kh2["total"]) == (2, 1, 3)
        assert kh2["compliance"] == "66.7"
        overall = body["overall"]
        evaluated_count = overall["met"] + overall["on_track"] + overall["at_risk"] + overall["missed"]
        expected = round(100 * (overall["met"] + overall["on_track"]) / evaluated_count, 1)
        assert Decimal(overall["compliance"]) == Decimal(str(expected))

    def test_another_councils_rollup_is_404_and_council_is_required(self, api_as, clerk_b, council_a, evaluated):
        client = api_as(clerk_b)
        assert client.get("/api/v1/compliance/rollup/", {"council": council_a.pk}).status_code == 404
        response = client.get("/api/v1/compliance/rollup/")
        assert response.status_code == 400 and "council" in response.json()["error"]["fields"]


class TestRuns:
    def test_secretariat_queues_its_council(self, api_as, clerk_a, council_a, hanoi_rules,
                                           django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=True):
            response = api_as(clerk_a).post("/api/v1/compliance/runs/", {"council": council_a.pk}, format="json")
        assert response.status_code == 202 and response.json() == {"council": council_a.pk, "queued": True}
        run = EvaluationRun.objects.get()  # eager in tests: it already ran
        assert (run.council, run.include_subtree) == (council_a, False)
        listed = api_as(clerk_a).get("/api/v1/compliance/runs/").json()["results"]
        assert [row["id"] for row in listed] == [run.pk]

    def test_only_who_manages_the_council(self, api_as, viewer_a, clerk_a, clerk_a1, council_a1, clerk_b, council_a,
                                          hanoi_rules):
        url = "/api/v1/compliance/runs/"
        assert api_as(viewer_a).post(url, {"council": council_a.pk}, format="json").status_code == 403
        assert api_as(clerk_b).post(url, {"council": council_a.pk}, format="json").status_code == 404
        assert api_as(clerk_a1).post(url, {"council": council_a.pk}, format="json").status_code == 404
        # The city's secretariat reads the ward's figures but does not maintain its records.
        assert api_as(clerk_a).post(url, {"council": council_a1.pk}, format="json").status_code == 403
        assert api_as(clerk_a1).post(url, {"council": "x"}, format="json").status_code == 400
        assert not EvaluationRun.objects.exists()

    def test_other_councils_runs_are_hidden(self, api_as, clerk_b, council_a, hanoi_rules):
        services.run_evaluation(as_of=D(2026, 9, 15), council=council_a, include_subtree=False)
        assert api_as(clerk_b).get("/api/v1/compliance/runs/").json()["count"] == 0


    def test_a_clerk_of_b_sees_neither_a_runs_nor_the_all_councils_figures(
            self, api_as, clerk_a, clerk_b, evaluated, council_a, council_b):
        full = EvaluationRun.objects.get()  # the "evaluated" run of every council: A's and B's communes
        council_run = services.run_evaluation(as_of=D(2026, 9, 15), council=council_a, include_subtree=True)
        assert sum(full.counts.values()) > sum(council_run.counts.values()) > 0
        url = "/api/v1/compliance/runs/"

        listed = api_as(clerk_b).get(url).json()["results"]
        assert [(row["id"], row["council"], row["counts"], row["error"]) for row in listed] == [
            (full.pk, None, None, "")]
        assert api_as(clerk_b).get(f"{url}{council_run.pk}/").status_code == 404
        assert api_as(clerk_b).get(f"{url}{full.pk}/").json()["counts"] is None
        assert api_as(clerk_b).get(url, {"full": "true"}).json()["results"][0]["counts"] is None

        # A's clerk reads A's own run in full, and the all-councils run without its country-wide counts.
        listed = {row["id"]: row["counts"] for row in api_as(clerk_a).get(url).json()["results"]}
        assert listed == {council_run.pk: council_run.counts, full.pk: None}

        root = UserFactory(username="root", is_superuser=True)
        listed = {row["id"]: row["counts"] for row in api_as(root).get(url).json()["results"]}
        assert listed == {council_run.pk: council_run.counts, full.pk: full.counts}


def test_schema_documents_the_custom_actions(api_as, clerk_a):
    schema = api_as(clerk_a).get(reverse("schema"), {"format": "json"})
    assert schema.status_code == 200, f"the schema does not build ({schema.status_code}): {schema.content.decode()[:3000]}"
    paths = schema.json()["paths"]
    assert "/api/v1/compliance/results/{id}/evidence/" in paths and "/api/v1/compliance/rollup/" in paths
