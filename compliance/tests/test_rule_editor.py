"""The rule editor: who may edit which rule set (every persona), the form's parameter fields from the metric's
spec with their Vietnamese messages, a preview on a scenario computed by hand that stores nothing, versions
of a rule that has results, copying a set to another province, stale edits, and the JSON loader beside it."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from compliance import engine, rules_admin
from compliance.choices import Comparison, Metric, PeriodKind, ResultStatus, SubjectType
from compliance.models import Result, Rule, RuleSet
from compliance.services import run_evaluation
from councils.choices import BodyKind, Role
from councils.models import AuditEntry
from councils.tests.factories import RoleAssignmentFactory, UserFactory

from . import builders as b
from .builders import D
from .conftest import load_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def sets(council_a, council_b):
    return {"a": b.ruleset("hn", council=council_a), "b": b.ruleset("th", council=council_b),
            "national": b.ruleset("quoc-gia", council=None)}


@pytest.fixture
def people(request):
    def get(name):
        if name == "superuser":
            return UserFactory(username="root", is_superuser=True, is_staff=True)
        return request.getfixturevalue(name)
    return get


# Who gets what on the "add a rule" page of each set: 200 edits, 403 reads only, 404 does not see the set.
EDIT_MATRIX = {
    "superuser": {"a": 200, "b": 200, "national": 200},
    "admin_a": {"a": 200, "b": 404, "national": 403},
    "clerk_a": {"a": 403, "b": 404, "national": 403},
    "deputy_a": {"a": 403, "b": 404, "national": 403},
    "viewer_a": {"a": 403, "b": 404, "national": 403},
    "clerk_a1": {"a": 403, "b": 404, "national": 403},
    "clerk_b": {"a": 404, "b": 403, "national": 403},
}


@pytest.mark.parametrize("persona", list(EDIT_MATRIX))
def test_who_edits_which_rule_set(client, people, sets, persona):
    user = people(persona)
    client.force_login(user)
    for key, expected in EDIT_MATRIX[persona].items():
        ruleset = sets[key]
        assert client.get(reverse("compliance:rule_create", args=[ruleset.pk])).status_code == expected, key
        assert client.get(reverse("compliance:ruleset_edit", args=[ruleset.pk])).status_code == expected, key
        detail = client.get(reverse("compliance:ruleset_detail", args=[ruleset.pk]))
        assert detail.status_code == (404 if expected == 404 else 200), key
        if expected != 404:
            assert ('data-testid="rule-create"' in detail.content.decode()) is (expected == 200), key
        # The service asks the same question: a page is never the only guard.
        if expected != 200:
            with pytest.raises(PermissionDenied):
                rules_admin.update_ruleset(ruleset=ruleset, actor=user, name="Đổi tên")
    listed = {row["ruleset"].code for row in client.get(reverse("compliance:ruleset_list")).context["rows"]}
    assert listed == {sets[key].code for key, code in EDIT_MATRIX[persona].items() if code != 404}


def _rule_data(**overrides):
    data = {"code": "GS-1", "title": "Giám sát chuyên đề", "subject_type": SubjectType.COUNCIL,
            "metric": Metric.ACTIVITY_COUNT, "period": PeriodKind.YEAR, "comparison": Comparison.COUNT_AT_LEAST,
            "threshold": "2", "obligation": "required", "order": "1", "is_active": "on",
            "param_oversight_kinds": ["thematic"], "legal_document": "Đề án 01", "valid_from": "01/01/2026"}
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_the_parameter_fields_follow_the_metric(client, admin_a, sets):
    client.force_login(admin_a)
    url = reverse("compliance:rule_create", args=[sets["a"].pk])
    page = client.get(url, {"metric": Metric.SESSION_DOCUMENTS_LEAD})
    fields = page.context["form"].fields
    assert {"param_min_days", "param_session_kinds"} <= set(fields) and "param_oversight_kinds" not in fields
    assert fields["param_min_days"].label == "Số ngày tối thiểu gửi tài liệu trước khai mạc"
    # Its metric's only comparison is chosen with it.
    assert page.context["form"].initial["comparison"] == Comparison.SHARE_AT_LEAST
    assert f'hx-get="{url}"' in page.content.decode()
    # Without script: the reload button redraws the form for the chosen metric, keeping what was typed.
    reloaded = client.post(url, _rule_data(metric=Metric.DEPUTIES_WITH_MIN, _reload="1", title="Tiếp công dân"))
    assert reloaded.status_code == 200 and not reloaded.context["form"].errors
    assert "param_source" in reloaded.context["form"].fields
    assert 'value="Tiếp công dân"' in reloaded.content.decode()
    assert not Rule.objects.exists()


def test_each_parameter_error_stands_beside_its_field_in_vietnamese(client, admin_a, sets):
    client.force_login(admin_a)
    url = reverse("compliance:rule_create", args=[sets["a"].pk])
    response = client.post(url, _rule_data(metric=Metric.SESSION_DOCUMENTS_LEAD, comparison=Comparison.SHARE_AT_LEAST,
                                           param_oversight_kinds=None, param_min_days="-3"))
    assert response.status_code == 400
    errors = response.context["form"].errors
    assert "param_min_days" in errors and "lớn hơn hoặc bằng 0" in errors["param_min_days"][0]
    response = client.post(url, _rule_data(metric=Metric.SESSION_DOCUMENTS_LEAD, comparison=Comparison.SHARE_AT_LEAST,
                                           param_oversight_kinds=None))
    assert response.context["form"].errors["param_min_days"] == ["Thiếu tham số “min_days”."]
    # A comparison the metric does not use, a subject it does not measure, an inverted validity: each on its field.
    response = client.post(url, _rule_data(metric=Metric.DEPUTIES_WITH_MIN, param_source="training",
                                           subject_type=SubjectType.COMMITTEE, valid_to="31/12/2025"))
    errors = response.context["form"].errors
    assert errors["comparison"] == ["Cách đo này phải so sánh theo: Tỷ lệ ≥ X %."]
    assert errors["subject_type"] == ["Cách đo này không áp dụng cho đối tượng đã chọn."]
    assert errors["valid_to"] == ["Ngày hết hiệu lực phải sau ngày có hiệu lực."]
    # A rule between parameters (count at least one kind of activity) is said on top of the form.
    response = client.post(url, _rule_data(param_oversight_kinds=None))
    assert "Phải chọn ít nhất một loại hoạt động để đếm." in response.context["form"].non_field_errors()
    assert not Rule.objects.exists() and not AuditEntry.objects.exists()


def test_a_rule_is_created_with_its_parameters_levels_and_history(client, admin_a, sets, commune_level):
    client.force_login(admin_a)
    response = client.post(reverse("compliance:rule_create", args=[sets["a"].pk]),
                           _rule_data(levels=[commune_level.pk], param_body_kinds=["plenary"]))
    assert response.status_code == 302
    rule = Rule.objects.get(code="GS-1")
    assert rule.params == {"oversight_kinds": ["thematic"], "body_kinds": ["plenary"]}
    assert (rule.ruleset, rule.revision, rule.valid_from, list(rule.levels.all())) == (
        sets["a"], 1, D(2026, 1, 1), [commune_level])
    assert AuditEntry.objects.filter(object_id=rule.pk, action="create", actor=admin_a).exists()
    # A second rule with the same code is refused on its field.
    again = client.post(reverse("compliance:rule_create", args=[sets["a"].pk]), _rule_data())
    assert again.status_code == 400 and "code" in again.context["form"].errors


# ---------------------------------------------------------------------------------------------------------
# Preview.

@pytest.fixture
def scenario(council_a, term):
    """Council A held one thematic oversight mission this year (10/5/2026) and one survey; a rule asks for two
    thematic missions a year."""
    plenary = b.body(council_a, term, BodyKind.PLENARY)
    b.activity(council_a, D(2026, 5, 10), body=plenary, title="Giám sát đất đai")
    b.activity(council_a, D(2026, 5, 20), body=plenary, kind="survey", title="Khảo sát")
    return council_a


def test_preview_of_a_new_rule_on_a_known_scenario_stores_nothing(client, admin_a, sets, scenario):
    client.force_login(admin_a)
    url = reverse("compliance:rule_create", args=[sets["a"].pk])
    data = _rule_data(**{"_preview": "1", "preview-council": scenario.pk, "preview-on": "02/07/2026"})
    response = client.post(url, data)
    assert response.status_code == 200
    [row] = response.context["preview"]["rows"]
    # 2 July is day 183 of 365: 2 x 183 / 365 -> 1.00 expected by now; 1 held -> on track.
    outcome = row["outcome"]
    assert (outcome.value, outcome.expected, outcome.target, outcome.status) == (
        Decimal(1), Decimal("1.00"), Decimal(2), ResultStatus.ON_TRACK)
    assert [item.label for item in row["evidence"]] == ["Giám sát đất đai"]
    page = response.content.decode()
    assert 'data-testid="preview-status">Đúng tiến độ' in page
    # At the year's end the same rule is missed; a survey counts once the parameter says so.
    response = client.post(url, {**data, "preview-on": "31/12/2026"})
    assert response.context["preview"]["rows"][0]["outcome"].status == ResultStatus.MISSED
    response = client.post(url, {**data, "preview-on": "31/12/2026", "param_oversight_kinds": ["thematic", "survey"]})
    outcome = response.context["preview"]["rows"][0]["outcome"]
    assert (outcome.value, outcome.status) == (Decimal(2), ResultStatus.MET)
    assert not Rule.objects.exists() and not Result.objects.exists() and not AuditEntry.objects.exists()


def test_preview_of_a_change_and_of_an_inactive_saved_rule(client, admin_a, sets, scenario, council_b):
    rule = b.rule("GS-1", rs=sets["a"], threshold="1", is_active=False, valid_from=D(2027, 1, 1))
    client.force_login(admin_a)
    # The saved rule, inactive and not yet valid, previewed as if it applied: 1 held of 1 -> met.
    response = client.get(reverse("compliance:rule_preview", args=[rule.pk]),
                          {"preview-council": scenario.pk, "preview-on": "31/12/2026"})
    assert response.context["preview"]["rows"][0]["outcome"].status == ResultStatus.MET
    # The page's change, before saving: a threshold of 3 is missed; the rule itself is unchanged.
    edit = reverse("compliance:rule_edit", args=[rule.pk])
    response = client.post(edit, _rule_data(code=None, threshold="3", is_active=None, valid_from="01/01/2027",
                                            **{"_preview": "1", "preview-council": scenario.pk,
                                               "preview-on": "31/12/2026"}))
    assert response.context["preview"]["rows"][0]["outcome"].status == ResultStatus.MISSED
    rule.refresh_from_db()
    assert (rule.threshold, rule.is_active, rule.valid_from, rule.version) == (Decimal(1), False, D(2027, 1, 1), 1)
    # A council outside the user's scope is not offered.
    response = client.get(reverse("compliance:rule_preview", args=[rule.pk]),
                          {"preview-council": council_b.pk, "preview-on": "31/12/2026"})
    assert response.status_code == 400 and "council" in response.context["preview_form"].errors
    assert not Result.objects.exists()


# ---------------------------------------------------------------------------------------------------------
# Versions.

@pytest.fixture
def evaluated_rule(sets, scenario):
    rule = b.rule("GS-1", rs=sets["a"], threshold="2", valid_from=D(2025, 1, 1))
    run_evaluation(as_of=D(2025, 12, 31))
    run_evaluation(as_of=D(2026, 6, 30))
    assert Result.objects.filter(rule=rule).exists()
    return rule


def test_changing_a_rule_with_results_makes_a_new_version(client, admin_a, evaluated_rule, monkeypatch):
    monkeypatch.setattr(timezone, "localdate", lambda *args, **kwargs: D(2026, 7, 1))
    old = evaluated_rule
    old_results = set(Result.objects.filter(rule=old).values_list("pk", flat=True))
    client.force_login(admin_a)
    response = client.post(reverse("compliance:rule_edit", args=[old.pk]),
                           _rule_data(code=None, threshold="1", valid_from="01/01/2025", version=old.version))
    assert response.status_code == 302, response.context["form"].errors
    old.refresh_from_db()
    new = Rule.objects.get(code="GS-1", revision=2)
    # The old version ends the day before the new one (today by default) and keeps its figures.
    assert (old.valid_to, old.threshold, new.valid_from, new.threshold, new.previous) == (
        D(2026, 6, 30), Decimal(2), D(2026, 7, 1), Decimal(1), old)
    assert set(Result.objects.filter(rule=old).values_list("pk", flat=True)) == old_results
    assert AuditEntry.objects.filter(object_id=old.pk, action="rule_superseded").exists()
    # Only the version valid on a day is evaluated.
    assert [r.pk for r in engine.active_rules(D(2026, 6, 30))] == [old.pk]
    assert [r.pk for r in engine.active_rules(D(2026, 7, 1))] == [new.pk]
    run_evaluation(as_of=D(2026, 7, 1))
    # The year containing 1/7 is recomputed by the version valid then (1 held of 1: met); the old version keeps
    # its figures of 2025.
    assert set(Result.objects.values_list("rule__revision", "period_start", "status")) == {
        (1, D(2025, 1, 1), ResultStatus.MISSED), (2, D(2026, 1, 1), ResultStatus.MET)}
    # Both versions on the rule page, the older one no longer editable.
    page = client.get(reverse("compliance:rule_detail", args=[new.pk])).content.decode()
    assert page.count('data-testid="version"') == 2
    assert client.get(reverse("compliance:rule_edit", args=[old.pk])).status_code == 403


def test_a_later_start_date_is_kept_and_an_earlier_one_refused(admin_a, evaluated_rule):
    with pytest.raises(ValidationError) as error:
        rules_admin.update_rule(rule=evaluated_rule, actor=admin_a, threshold=Decimal(3), valid_from=D(2024, 1, 1))
    assert "valid_from" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        rules_admin.update_rule(rule=evaluated_rule, actor=admin_a, valid_from=D(2026, 9, 1))
    assert "valid_from" in error.value.message_dict
    assert Rule.objects.count() == 1 and Rule.objects.get().valid_to is None
    new = rules_admin.update_rule(rule=evaluated_rule, actor=admin_a, threshold=Decimal(3), valid_from=D(2026, 9, 1))
    evaluated_rule.refresh_from_db()
    assert (new.revision, new.valid_from, evaluated_rule.valid_to) == (2, D(2026, 9, 1), D(2026, 8, 31))


def test_a_rule_without_results_or_a_wording_change_is_edited_in_place(admin_a, sets, evaluated_rule):
    fresh = b.rule("GS-2", rs=sets["a"])
    same = rules_admin.update_rule(rule=fresh, actor=admin_a, threshold=Decimal(5))
    assert same.pk == fresh.pk and Rule.objects.get(pk=fresh.pk).threshold == Decimal(5)
    renamed = rules_admin.update_rule(rule=evaluated_rule, actor=admin_a, title="Tên mới", is_active=False)
    assert renamed.pk == evaluated_rule.pk and Rule.objects.filter(code="GS-1").count() == 1
    entry = AuditEntry.objects.filter(object_id=fresh.pk, action="update").get()
    assert entry.changes["threshold"] == ["2", "5"]


def test_a_stale_edit_is_refused_and_nothing_is_saved(client, admin_a, sets):
    rule = b.rule("GS-1", rs=sets["a"])
    client.force_login(admin_a)
    rendered = rule.version
    rules_admin.update_rule(rule=rule, actor=admin_a, title="Sửa trước")
    response = client.post(reverse("compliance:rule_edit", args=[rule.pk]),
                           _rule_data(code=None, threshold="9", version=rendered))
    assert response.status_code == 400
    assert "Bản ghi đã được thay đổi sau khi bạn mở trang này" in " ".join(response.context["form"].non_field_errors())
    rule.refresh_from_db()
    assert (rule.threshold, rule.title) == (Decimal(2), "Sửa trước")


# ---------------------------------------------------------------------------------------------------------
# Copying a set.

def test_a_rule_set_is_copied_to_another_province_to_adjust(client, sets, council_b, people, evaluated_rule,
                                                            commune_level):
    b.rule("GS-OLD", rs=sets["a"], valid_to=D(2025, 12, 31))  # ended: not copied
    rules_admin.update_rule(rule=evaluated_rule, actor=people("superuser"), threshold=Decimal(4),
                            valid_from=D(2026, 7, 1))
    user = UserFactory(username="admin_b")
    RoleAssignmentFactory(user=user, council=council_b, role=Role.ADMINISTRATOR)
    client.force_login(user)
    url = reverse("compliance:ruleset_copy", args=[sets["a"].pk])
    assert client.get(url).status_code == 404  # another province's set is not even seen
    superuser = people("superuser")
    client.force_login(superuser)
    response = client.post(url, {"council": council_b.pk, "code": "th-copy", "name": "Bộ của Thanh Hóa",
                                 "code_suffix": "TH"})
    assert response.status_code == 302
    copied = RuleSet.objects.get(code="th-copy")
    assert copied.council == council_b
    [rule] = copied.rules.all()
    assert (rule.code, rule.threshold, rule.revision, rule.is_active, rule.previous) == (
        "GS-1-TH", Decimal(4), 1, False, None)
    # The same suffix again collides with the copies' codes: said on its field, nothing half-saved.
    response = client.post(url, {"council": council_b.pk, "code": "th-copy-2", "name": "Lần hai", "code_suffix": "TH"})
    assert response.status_code == 400 and "code_suffix" in response.context["form"].errors
    assert not RuleSet.objects.filter(code="th-copy-2").exists()
    # An administrator copies only to a council they administer.
    with pytest.raises(PermissionDenied):
        rules_admin.copy_ruleset(ruleset=copied, actor=user, council=sets["a"].council, code="x", name="x",
                                 code_suffix="X")


# ---------------------------------------------------------------------------------------------------------
# The JSON loader beside the editor.

def test_loading_the_json_again_after_a_new_version_updates_the_newest_and_stays_idempotent(levels, council_a):
    load_file("hanoi.json")
    run_evaluation(as_of=D(2026, 6, 30))
    rule = Rule.objects.filter(results__isnull=False).distinct().order_by("code").first()
    superuser = UserFactory(username="root", is_superuser=True)
    new = rules_admin.update_rule(rule=rule, actor=superuser, threshold=rule.threshold + 1, valid_from=D(2026, 7, 1))
    count = Rule.objects.count()
    load_file("hanoi.json")
    load_file("hanoi.json")
    assert Rule.objects.count() == count
    new.refresh_from_db()
    # The file's values win on the newest version; its start (the editor's) and the old version stay.
    assert (new.revision, new.threshold, new.valid_from) == (2, rule.threshold, D(2026, 7, 1))
    assert Rule.objects.get(pk=rule.pk).valid_to == D(2026, 6, 30)


def test_the_dashboard_and_rule_page_link_to_the_editor(client, admin_a, viewer_a, evaluated_rule):
    client.force_login(viewer_a)
    assert reverse("compliance:ruleset_list") in client.get(reverse("compliance:dashboard")).content.decode()
    assert 'data-testid="rule-edit"' not in client.get(
        reverse("compliance:rule_detail", args=[evaluated_rule.pk])).content.decode()
    client.force_login(admin_a)
    page = client.get(reverse("compliance:rule_detail", args=[evaluated_rule.pk])).content.decode()
    assert reverse("compliance:rule_edit", args=[evaluated_rule.pk]) in page


def test_version_start_defaults_to_today(admin_a, evaluated_rule):
    new = rules_admin.update_rule(rule=evaluated_rule, actor=admin_a, threshold=Decimal(3))
    assert new.valid_from == timezone.localdate()
    assert Rule.objects.get(pk=evaluated_rule.pk).valid_to == timezone.localdate() - datetime.timedelta(days=1)
