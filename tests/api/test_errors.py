"""One JSON error format: bad input is a 4xx with field messages, never a 500."""

import pytest

from councils.choices import BodyKind
from councils.models import Body, Deputy

pytestmark = pytest.mark.django_db

API = "/api/v1"


def _error(response, status):
    assert response.status_code == status, response.content
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"code", "message", "fields"}
    return body["error"]


def test_malformed_json(api_as, clerk_a):
    response = api_as(clerk_a).post(f"{API}/bodies/", data='{"name": ', content_type="application/json")
    assert _error(response, 400)["code"] == "parse_error"


def test_wrong_types_give_field_messages(api_as, clerk_a, council_a, term):
    payload = {"council": "abc", "term": [1], "kind": "nonsense", "name": 5, "dissolved_on": 12}
    fields = _error(api_as(clerk_a).post(f"{API}/bodies/", payload, format="json"), 400)["fields"]
    assert {"council", "term", "kind", "dissolved_on"} <= set(fields)
    assert all(isinstance(m, str) for messages in fields.values() for m in messages)
    assert not Body.objects.exists()


def test_unknown_foreign_keys(api_as, clerk_a, term):
    payload = {"council": 999999, "term": 999999, "kind": BodyKind.OFFICE, "name": "Văn phòng"}
    fields = _error(api_as(clerk_a).post(f"{API}/bodies/", payload, format="json"), 400)["fields"]
    assert set(fields) == {"council", "term"}


@pytest.mark.parametrize("value", ["2026-02-30", "10000-01-01", "0000-01-01", "hôm qua"])
def test_impossible_dates(api_as, clerk_a, council_a, term, value):
    payload = {"council": council_a.pk, "term": term.pk, "full_name": "Ngô Thị Lan", "birth_date": value}
    fields = _error(api_as(clerk_a).post(f"{API}/deputies/", payload, format="json"), 400)["fields"]
    assert list(fields) == ["birth_date"]
    assert not Deputy.objects.exists()


@pytest.mark.parametrize("params", [
    {"depth": "abc"}, {"parent": "x"}, {"active_on": "2026-13-01"}, {"page": "0"}, {"page": "99999"},
    {"level": "99999999999999999999999"}, {"subtree_of": "-1"},
])
def test_bad_query_parameters(api_as, clerk_a, council_a, params):
    response = api_as(clerk_a).get(f"{API}/councils/", params)
    assert response.status_code in (400, 404)
    _error(response, response.status_code)


def test_huge_id_in_the_path_is_404(api_as, clerk_a):
    _error(api_as(clerk_a).get(f"{API}/councils/99999999999999999999999/"), 404)


def test_service_rule_surfaces_as_400(api_as, clerk_a, deputy_a_record):
    response = api_as(clerk_a).patch(f"{API}/deputies/{deputy_a_record.pk}/", {"end_date": "2026-01-01"},
                                     format="json")
    error = _error(response, 400)
    assert error["message"] == "Dữ liệu không hợp lệ."
    assert error["fields"]["non_field_errors"] == ["Ngày thôi làm đại biểu phải sau ngày bắt đầu."]


def test_too_long_text_is_a_field_error(api_as, clerk_a, council_a, term):
    payload = {"council": council_a.pk, "term": term.pk, "kind": BodyKind.OFFICE, "name": "x" * 500}
    fields = _error(api_as(clerk_a).post(f"{API}/bodies/", payload, format="json"), 400)["fields"]
    assert list(fields) == ["name"]


def test_forbidden_and_method_not_allowed_in_the_same_format(api_as, viewer_a, clerk_a, council_a, term):
    client = api_as(viewer_a)
    payload = {"council": council_a.pk, "term": term.pk, "kind": BodyKind.OFFICE, "name": "Văn phòng"}
    assert _error(client.post(f"{API}/bodies/", payload, format="json"), 403)["code"] == "permission_denied"
    assert _error(api_as(clerk_a).delete(f"{API}/councils/{council_a.pk}/"), 405)["code"] == "method_not_allowed"


@pytest.mark.parametrize("resource", ["levels", "councils", "terms", "agencies", "fields", "day-offs",
                                      "role-assignments", "audit-entries", "compliance/results"])
def test_read_only_resources_refuse_put(api_as, clerk_a, resource):
    """A read-only resource has no update: a PUT was routed to one that did not exist (a 500)."""
    row = api_as(clerk_a).get(f"{API}/{resource}/").json()["results"]
    pk = row[0]["id"] if row else 1
    assert _error(api_as(clerk_a).put(f"{API}/{resource}/{pk}/", {}, format="json"), 405)["code"] == \
        "method_not_allowed"


def test_a_body_over_the_upload_cap_is_a_400_in_the_same_format(api_as, clerk_a, council_a, term, settings):
    """Django refuses it before any view runs; the API still answers in JSON, not with an HTML page."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    payload = {"council": council_a.pk, "term": term.pk, "kind": BodyKind.OFFICE, "name": "x" * 2048}
    assert _error(api_as(clerk_a).post(f"{API}/bodies/", payload, format="json"), 400)["code"] == "request_too_large"
    assert not Body.objects.exists()


@pytest.mark.parametrize("params", [{"search": "a\x00b"}, {"code": "\x00"}, {"name__icontains": "\x00"}])
def test_nul_characters_in_filters_are_a_400(api_as, clerk_a, council_a, params):
    """PostgreSQL cannot take NUL in text; the filter refuses it before any query is made."""
    _error(api_as(clerk_a).get(f"{API}/councils/", params), 400)


def test_nul_characters_in_a_body_are_a_field_error(api_as, clerk_a, council_a, term):
    payload = {"council": council_a.pk, "term": term.pk, "kind": BodyKind.OFFICE, "name": "Văn\x00phòng"}
    assert list(_error(api_as(clerk_a).post(f"{API}/bodies/", payload, format="json"), 400)["fields"]) == ["name"]


@pytest.mark.parametrize("year", ["-8.3e+80", "99999999999999999999", "0", "10000", "2026.5"])
def test_impossible_years_are_a_400(api_as, clerk_a, council_a, year):
    error = _error(api_as(clerk_a).get(f"{API}/day-offs/", {"year": year}), 400)
    assert list(error["fields"]) == ["year"]


def test_out_of_range_values_that_slip_past_validation_are_a_400(api_as, clerk_a, monkeypatch):
    """Defence in depth: a filter without bounds must not turn a huge number into a 500."""
    from councils import filtersets

    unbounded = filtersets.filters.NumberFilter(field_name="date", lookup_expr="year")
    monkeypatch.setitem(filtersets.DayOffFilterSet.base_filters, "year", unbounded)
    error = _error(api_as(clerk_a).get(f"{API}/day-offs/", {"year": "-8.3e+80"}), 400)
    assert error["fields"] == {"non_field_errors": ["Giá trị vượt quá giới hạn cho phép."]}
