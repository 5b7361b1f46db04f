"""The councils API: the tree, scoping of reads, writes through the services, who may write what."""

import datetime

import pytest
from django.contrib.contenttypes.models import ContentType

from councils.choices import BodyKind, CommitteeType, MembershipRole, Role
from councils.models import AuditEntry, Body, Deputy, Membership
from councils.tests.factories import (
    AgencyFactory,
    BodyFactory,
    DeputyFactory,
    ElectoralUnitFactory,
    FieldFactory,
    RoleAssignmentFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1"


def ids(response):
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


# Reads: the council tree --------------------------------------------------------------------------


def test_councils_list_shows_own_subtree_with_tree_info(api_as, clerk_a, council_a, council_a1, council_b):
    response = api_as(clerk_a).get(f"{API}/councils/")
    assert ids(response) == {council_a.pk, council_a1.pk}
    by_id = {row["id"]: row for row in response.json()["results"]}
    assert by_id[council_a1.pk]["parent"] == council_a.pk
    assert by_id[council_a1.pk]["path"] == "/01/00004/"
    assert by_id[council_a1.pk]["depth"] == 1
    assert by_id[council_a1.pk]["level_code"] == "commune"
    assert by_id[council_a.pk]["parent"] is None


def test_council_filters_parent_level_subtree(api_as, clerk_a, council_a, council_a1, council_b, commune_level):
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/councils/", {"parent": council_a.pk})) == {council_a1.pk}
    assert ids(client.get(f"{API}/councils/", {"level": commune_level.pk})) == {council_a1.pk}
    assert ids(client.get(f"{API}/councils/", {"level_code": "province"})) == {council_a.pk}
    assert ids(client.get(f"{API}/councils/", {"subtree_of": council_a1.pk})) == {council_a1.pk}
    assert ids(client.get(f"{API}/councils/", {"is_root": "true"})) == {council_a.pk}
    assert ids(client.get(f"{API}/councils/", {"search": "Ba Đình"})) == {council_a1.pk}
    # Another province is not a valid choice for this user: refused like an unknown id.
    response = client.get(f"{API}/councils/", {"subtree_of": council_b.pk})
    assert response.status_code == 400
    assert "subtree_of" in response.json()["error"]["fields"]


def test_council_ordering(api_as, clerk_a, council_a, council_a1):
    rows = api_as(clerk_a).get(f"{API}/councils/", {"ordering": "-depth"}).json()["results"]
    assert [r["id"] for r in rows] == [council_a1.pk, council_a.pk]


def test_another_councils_record_is_404_in_the_error_format(api_as, clerk_b, council_a, standing_board_a):
    client = api_as(clerk_b)
    for url in (f"{API}/councils/{council_a.pk}/", f"{API}/bodies/{standing_board_a.pk}/"):
        response = client.get(url)
        assert response.status_code == 404
        assert response.json()["error"]["code"] == "not_found"


def test_lower_council_staff_do_not_see_the_province(api_as, clerk_a1, council_a, council_a1):
    assert ids(api_as(clerk_a1).get(f"{API}/councils/")) == {council_a1.pk}


def test_pagination_is_capped_at_100(api_as, clerk_a):
    FieldFactory.create_batch(105)
    body = api_as(clerk_a).get(f"{API}/fields/", {"page_size": 1000}).json()
    assert body["count"] == 105
    assert len(body["results"]) == 100


# Writes: bodies --------------------------------------------------------------------------------------


def _body_payload(council, term, **extra):
    return {"council": council.pk, "term": term.pk, "kind": BodyKind.COMMITTEE,
            "committee_type": CommitteeType.LEGAL, "name": "Ban Pháp chế", **extra}


def test_secretariat_creates_a_body_of_its_council_with_audit(api_as, clerk_a, council_a, term):
    response = api_as(clerk_a).post(f"{API}/bodies/", _body_payload(council_a, term), format="json")
    assert response.status_code == 201, response.content
    body = Body.objects.get(pk=response.json()["id"])
    assert body.council == council_a and body.committee_type == CommitteeType.LEGAL
    entry = AuditEntry.objects.get(content_type=ContentType.objects.get_for_model(Body), object_id=body.pk)
    assert entry.action == "create" and entry.actor == clerk_a and entry.council == council_a


@pytest.mark.parametrize("persona", ["viewer_a", "deputy_a"])
def test_readers_cannot_write_bodies(request, api_as, persona, council_a, term):
    user = request.getfixturevalue(persona)
    response = api_as(user).post(f"{API}/bodies/", _body_payload(council_a, term), format="json")
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "permission_denied"
    assert not Body.objects.exists()


def test_secretariat_cannot_write_a_lower_councils_body(api_as, clerk_a, council_a1, term):
    """Secretariat staff see the councils below but maintain only their own."""
    response = api_as(clerk_a).post(f"{API}/bodies/", _body_payload(council_a1, term), format="json")
    assert response.status_code == 403
    assert not Body.objects.exists()


def test_administrator_writes_in_the_subtree(api_as, council_a, council_a1, term):
    admin = UserFactory(username="admin_a")
    RoleAssignmentFactory(user=admin, council=council_a, role=Role.ADMINISTRATOR)
    response = api_as(admin).post(f"{API}/bodies/", _body_payload(council_a1, term), format="json")
    assert response.status_code == 201, response.content


def test_naming_another_provinces_council_is_a_field_error(api_as, clerk_b, council_a, term):
    response = api_as(clerk_b).post(f"{API}/bodies/", _body_payload(council_a, term), format="json")
    assert response.status_code == 400
    assert "council" in response.json()["error"]["fields"]


def test_model_rule_is_a_400_with_vietnamese_message(api_as, clerk_a, council_a, term):
    payload = _body_payload(council_a, term, committee_type="")
    response = api_as(clerk_a).post(f"{API}/bodies/", payload, format="json")
    assert response.status_code == 400
    messages = response.json()["error"]["fields"]["non_field_errors"]
    assert any("loại Ban" in m for m in messages)


def test_duplicate_body_is_a_400(api_as, clerk_a, council_a, term):
    client = api_as(clerk_a)
    assert client.post(f"{API}/bodies/", _body_payload(council_a, term), format="json").status_code == 201
    response = client.post(f"{API}/bodies/", _body_payload(council_a, term), format="json")
    assert response.status_code == 400
    assert Body.objects.count() == 1


def test_lost_race_on_a_unique_constraint_is_a_409(api_as, clerk_a, council_a, term, monkeypatch):
    """Two clerks pass validation at the same moment; the database's constraint stops the second."""
    client = api_as(clerk_a)
    assert client.post(f"{API}/bodies/", _body_payload(council_a, term), format="json").status_code == 201
    monkeypatch.setattr(Body, "validate_constraints", lambda self, exclude=None: None)
    monkeypatch.setattr(Body, "validate_unique", lambda self, exclude=None: None)
    response = client.post(f"{API}/bodies/", _body_payload(council_a, term), format="json")
    assert response.status_code == 409
    assert response.json()["error"]["code"] == "conflict"
    assert Body.objects.count() == 1


def test_update_body_keeps_council_and_records_changes(api_as, clerk_a, council_a, council_b, standing_board_a):
    response = api_as(clerk_a).patch(f"{API}/bodies/{standing_board_a.pk}/",
                                     {"name": "Thường trực HĐND thành phố", "council": council_b.pk},
                                     format="json")
    assert response.status_code == 200, response.content
    standing_board_a.refresh_from_db()
    assert standing_board_a.name == "Thường trực HĐND thành phố"
    assert standing_board_a.council == council_a
    entry = AuditEntry.objects.filter(object_id=standing_board_a.pk, action="update").get()
    assert entry.changes["name"] == ["Thường trực HĐND TP", "Thường trực HĐND thành phố"]


def test_other_province_cannot_update_and_gets_404(api_as, clerk_b, standing_board_a):
    response = api_as(clerk_b).patch(f"{API}/bodies/{standing_board_a.pk}/", {"name": "x"}, format="json")
    assert response.status_code == 404
    standing_board_a.refresh_from_db()
    assert standing_board_a.name == "Thường trực HĐND TP"


def test_put_and_delete_are_not_offered(api_as, clerk_a, standing_board_a):
    client = api_as(clerk_a)
    assert client.delete(f"{API}/bodies/{standing_board_a.pk}/").status_code == 405
    assert Body.objects.filter(pk=standing_board_a.pk).exists()


# Writes: deputies and memberships -------------------------------------------------------------------


def test_create_deputy_checks_the_electoral_unit_council(api_as, clerk_a, council_a, council_a1, term):
    foreign_unit = ElectoralUnitFactory(council=council_a1, term=term)
    own_unit = ElectoralUnitFactory(council=council_a, term=term)
    client = api_as(clerk_a)
    payload = {"council": council_a.pk, "term": term.pk, "full_name": "Lê Văn Nam",
               "electoral_unit": foreign_unit.pk, "start_date": "2026-03-15"}
    response = client.post(f"{API}/deputies/", payload, format="json")
    assert response.status_code == 400
    assert "electoral_unit" in response.json()["error"]["fields"]
    response = client.post(f"{API}/deputies/", {**payload, "electoral_unit": own_unit.pk}, format="json")
    assert response.status_code == 201, response.content
    assert Deputy.objects.get(full_name="Lê Văn Nam").electoral_unit == own_unit


def test_deputy_end_before_start_is_a_400(api_as, clerk_a, deputy_a_record):
    response = api_as(clerk_a).patch(f"{API}/deputies/{deputy_a_record.pk}/", {"end_date": "2020-01-01"},
                                     format="json")
    assert response.status_code == 400
    deputy_a_record.refresh_from_db()
    assert deputy_a_record.end_date is None


def test_deputy_cannot_edit_their_own_record_through_the_councils_api(api_as, deputy_a, deputy_a_record):
    """Seats are maintained by the secretariat; deputies write only their own work items elsewhere."""
    response = api_as(deputy_a).patch(f"{API}/deputies/{deputy_a_record.pk}/", {"phone": "0900"}, format="json")
    assert response.status_code == 403


def test_membership_create_and_cross_council_refusal(api_as, clerk_a, council_a, council_a1, term,
                                                     standing_board_a, deputy_a_record):
    client = api_as(clerk_a)
    payload = {"body": standing_board_a.pk, "deputy": deputy_a_record.pk, "role": MembershipRole.CHAIR,
               "start_date": "2026-03-20"}
    response = client.post(f"{API}/memberships/", payload, format="json")
    assert response.status_code == 201, response.content
    assert Membership.objects.get().role == MembershipRole.CHAIR
    lower_deputy = DeputyFactory(council=council_a1, term=term)
    response = client.post(f"{API}/memberships/", {**payload, "deputy": lower_deputy.pk}, format="json")
    assert response.status_code == 400
    assert "deputy" in response.json()["error"]["fields"]


# Catalogues, roles and history ---------------------------------------------------------------------


def test_agencies_are_central_or_of_own_councils(api_as, clerk_a, council_a, council_b):
    central = AgencyFactory(council=None)
    own = AgencyFactory(council=council_a)
    AgencyFactory(council=council_b)
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/agencies/")) == {central.pk, own.pk}
    assert ids(client.get(f"{API}/agencies/", {"is_central": "true"})) == {central.pk}


def test_days_off_common_and_own(api_as, clerk_a, council_a, council_b):
    from councils.models import DayOff

    common = DayOff.objects.create(council=None, date=datetime.date(2026, 9, 3), reason="Nghỉ bù")
    own = DayOff.objects.create(council=council_a, date=datetime.date(2026, 10, 10), reason="Giải phóng Thủ đô")
    DayOff.objects.create(council=council_b, date=datetime.date(2026, 10, 11), reason="Khác")
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/day-offs/")) == {common.pk, own.pk}
    assert ids(client.get(f"{API}/day-offs/", {"date_after": "2026-10-01"})) == {own.pk}
    assert ids(client.get(f"{API}/day-offs/", {"is_common": "true"})) == {common.pk}


def test_role_assignments_own_or_administrated(api_as, clerk_a, viewer_a, council_a, council_a1, clerk_a1):
    client = api_as(clerk_a)
    rows = client.get(f"{API}/role-assignments/").json()["results"]
    assert {r["username"] for r in rows} == {"clerk_a"}
    admin = UserFactory(username="admin_a")
    RoleAssignmentFactory(user=admin, council=council_a, role=Role.ADMINISTRATOR)
    rows = api_as(admin).get(f"{API}/role-assignments/", {"subtree_of": council_a1.pk}).json()["results"]
    assert {r["username"] for r in rows} == {"clerk_a1"}


def test_audit_entries_scoped_to_staff(api_as, clerk_a, clerk_b, viewer_a, council_a, term):
    assert api_as(clerk_a).post(f"{API}/bodies/", _body_payload(council_a, term), format="json").status_code == 201
    rows = api_as(clerk_a).get(f"{API}/audit-entries/", {"model": "councils.body"}).json()["results"]
    assert [(r["action"], r["actor_username"]) for r in rows] == [("create", "clerk_a")]
    assert ids(api_as(clerk_b).get(f"{API}/audit-entries/")) == set()
    assert ids(api_as(viewer_a).get(f"{API}/audit-entries/")) == set()


def test_party_viewer_reads(api_as, viewer_a, standing_board_a):
    assert ids(api_as(viewer_a).get(f"{API}/bodies/")) == {standing_board_a.pk}


def test_bodies_filters(api_as, clerk_a, council_a, council_a1, term, standing_board_a):
    committee = BodyFactory(council=council_a, term=term, kind=BodyKind.COMMITTEE,
                            committee_type=CommitteeType.URBAN, name="Ban Đô thị")
    dissolved = BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ 1",
                            dissolved_on=datetime.date(2026, 6, 1))
    lower = BodyFactory(council=council_a1, term=term, kind=BodyKind.STANDING_BOARD, name="Thường trực phường")
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/bodies/", {"council": council_a.pk})) == {standing_board_a.pk, committee.pk,
                                                                             dissolved.pk}
    assert ids(client.get(f"{API}/bodies/", {"kind": ["committee", "deputy_group"]})) == {committee.pk,
                                                                                          dissolved.pk}
    assert ids(client.get(f"{API}/bodies/", {"committee_type": "urban"})) == {committee.pk}
    assert ids(client.get(f"{API}/bodies/", {"is_dissolved": "true"})) == {dissolved.pk}
    assert ids(client.get(f"{API}/bodies/", {"subtree_of": council_a1.pk})) == {lower.pk}
    assert ids(client.get(f"{API}/bodies/", {"search": "Đô thị"})) == {committee.pk}


def test_deputies_filters(api_as, clerk_a, council_a, term, standing_board_a, deputy_a_record):
    left = DeputyFactory(council=council_a, term=term, full_name="Phạm Văn Cũ", is_full_time=True,
                         end_date=datetime.date(2027, 1, 1))
    Membership.objects.create(body=standing_board_a, deputy=deputy_a_record, start_date=datetime.date(2026, 3, 20))
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/deputies/", {"is_active": "true"})) == {deputy_a_record.pk}
    assert ids(client.get(f"{API}/deputies/", {"is_full_time": "true"})) == {left.pk}
    assert ids(client.get(f"{API}/deputies/", {"body": standing_board_a.pk})) == {deputy_a_record.pk}
    assert ids(client.get(f"{API}/deputies/", {"active_on": "2027-06-01"})) == {deputy_a_record.pk}
    assert ids(client.get(f"{API}/deputies/", {"full_name__icontains": "hoa"})) == {deputy_a_record.pk}
    rows = client.get(f"{API}/deputies/", {"ordering": "-full_name"}).json()["results"]
    assert [r["id"] for r in rows] == [deputy_a_record.pk, left.pk]


def test_memberships_and_units_filters(api_as, clerk_a, council_a, term, standing_board_a, deputy_a_record):
    old = Membership.objects.create(body=standing_board_a, deputy=deputy_a_record, role=MembershipRole.MEMBER,
                                    start_date=datetime.date(2026, 3, 20), end_date=datetime.date(2026, 6, 30))
    new = Membership.objects.create(body=standing_board_a, deputy=deputy_a_record, role=MembershipRole.VICE_CHAIR,
                                    start_date=datetime.date(2026, 7, 1))
    unit = ElectoralUnitFactory(council=council_a, term=term, number=7)
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/memberships/", {"is_current": "true"})) == {new.pk}
    assert ids(client.get(f"{API}/memberships/", {"current_on": "2026-05-01"})) == {old.pk}
    assert ids(client.get(f"{API}/memberships/", {"role": "vice_chair"})) == {new.pk}
    assert ids(client.get(f"{API}/electoral-units/", {"number": 7})) == {unit.pk}


def test_levels_and_terms_filters(api_as, clerk_a, term, province_level, commune_level):
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/levels/", {"code": "commune"})) == {commune_level.pk}
    assert ids(client.get(f"{API}/terms/", {"current_on": "2027-01-01"})) == {term.pk}
    assert ids(client.get(f"{API}/terms/", {"current_on": "2020-01-01"})) == set()


def test_catalogue_and_history_filters(api_as, clerk_a, council_a, council_a1, term):
    from councils.choices import AgencyKind

    committee = AgencyFactory(council=council_a, kind=AgencyKind.PEOPLES_COMMITTEE, name="UBND thành phố")
    AgencyFactory(council=council_a, kind=AgencyKind.DEPARTMENT, name="Sở Xây dựng", is_active=False)
    active_field = FieldFactory(name="Đất đai", code="dat-dai")
    FieldFactory(name="Giao thông", code="giao-thong", is_active=False)
    council_a1.valid_to = datetime.date(2025, 6, 30)
    council_a1.save()
    client = api_as(clerk_a)
    assert ids(client.get(f"{API}/agencies/", {"kind": "peoples_committee"})) == {committee.pk}
    assert ids(client.get(f"{API}/agencies/", {"is_active": "true"})) == {committee.pk}
    assert ids(client.get(f"{API}/fields/", {"is_active": "true"})) == {active_field.pk}
    assert ids(client.get(f"{API}/fields/", {"search": "dat"})) == {active_field.pk}
    assert ids(client.get(f"{API}/councils/", {"active_on": "2026-01-01"})) == {council_a.pk}

    client.post(f"{API}/bodies/", _body_payload(council_a, term), format="json")
    body_id = Body.objects.get().pk
    client.patch(f"{API}/bodies/{body_id}/", {"name": "Ban Pháp chế HĐND"}, format="json")
    rows = client.get(f"{API}/audit-entries/", {"action": "update", "object_id": body_id}).json()["results"]
    assert [r["action"] for r in rows] == ["update"]
    assert ids(client.get(f"{API}/audit-entries/", {"at_after": "2000-01-01T00:00:00Z", "model": "voters.petition"})) == set()
    assert ids(client.get(f"{API}/role-assignments/", {"role": "deputy"})) == set()
    assert len(ids(client.get(f"{API}/role-assignments/", {"role": "secretariat"}))) == 1


def test_body_with_another_councils_electoral_unit_is_refused(api_as, clerk_a, council_a, council_a1, term):
    lower_unit = ElectoralUnitFactory(council=council_a1, term=term)
    payload = _body_payload(council_a, term, kind=BodyKind.DEPUTY_GROUP, committee_type="", name="Tổ 2",
                            electoral_units=[lower_unit.pk])
    response = api_as(clerk_a).post(f"{API}/bodies/", payload, format="json")
    assert response.status_code == 400
    assert "electoral_units" in response.json()["error"]["fields"]
    assert not Body.objects.exists()
