"""Forms that fit the job (issue 15 §4): searchable boxes grouped by council and body with full names, in natural
order; a meeting offers the deputies of its own council; workflow forms start from the record's current values;
the "5 rõ" fields are starred; every mistake of a form is reported at once."""

import datetime
import re
from html import unescape

import pytest
from django.urls import reverse

from councils.choices import BodyKind
from councils.tests.factories import (
    AgencyFactory,
    BodyFactory,
    DeputyFactory,
    FieldFactory,
    MembershipFactory,
)
from oversight.choices import ActivityStatus
from oversight.tests.factories import ActivityFactory
from utilities.text import natural_key, natural_text
from voters.choices import PetitionStatus
from voters.tests.factories import PetitionFactory, VoterMeetingFactory

D = datetime.date
GROUP = re.compile(r'<optgroup label="([^"]*)">')


def select_html(html: str, name: str) -> str:
    match = re.search(rf'<select name="{name}"[^>]*>.*?</select>', html, re.S)
    assert match, f"no select {name}"
    return unescape(match.group(0))


def test_numbered_names_sort_by_their_numbers():
    names = ["Tổ đại biểu số 10", "Tổ đại biểu số 2", "Đơn vị 1", "Tổ đại biểu số 1", "Ban Dân tộc"]
    assert sorted(names, key=natural_key) == [
        "Ban Dân tộc", "Đơn vị 1", "Tổ đại biểu số 1", "Tổ đại biểu số 2", "Tổ đại biểu số 10"]
    assert natural_text("Kỳ họp thứ 7, khóa 16") == "Kỳ họp thứ 0000000007, khóa 0000000016"


def _groups(council, numbers, term):
    bodies = {}
    for number in numbers:
        bodies[number] = BodyFactory(council=council, term=term, kind=BodyKind.DEPUTY_GROUP,
                                     name=f"Tổ đại biểu số {number}")
        MembershipFactory(body=bodies[number], deputy=DeputyFactory(council=council, term=term,
                                                                    full_name=f"Đại biểu tổ {number}"))
    return bodies


@pytest.mark.django_db
def test_the_meeting_form_groups_deputies_by_council_then_group_in_natural_order(
        client, clerk_a, council_a, council_a1, term):
    _groups(council_a, [10, 2], term)
    DeputyFactory(council=council_a, term=term, full_name="Lê Thị Không Tổ")
    DeputyFactory(council=council_a1, term=term, full_name="Trần Văn Phường")
    client.force_login(clerk_a)
    deputies = select_html(client.get(reverse("voters:meeting_create")).content.decode(), "deputies")
    assert "data-searchable" in deputies and "multiple" in deputies
    assert GROUP.findall(deputies) == [
        "HĐND thành phố Hà Nội — Tổ đại biểu số 2",
        "HĐND thành phố Hà Nội — Tổ đại biểu số 10",
        "HĐND thành phố Hà Nội — Chưa thuộc tổ đại biểu",
        "HĐND phường Ba Đình — Chưa thuộc tổ đại biểu",
    ]
    assert deputies.index("Đại biểu tổ 2") < deputies.index("Đại biểu tổ 10") < deputies.index("Lê Thị Không Tổ")


@pytest.mark.django_db
def test_a_meeting_offers_and_accepts_only_the_deputies_of_its_council(client, clerk_a, council_a, council_a1, term):
    own = DeputyFactory(council=council_a, term=term, full_name="Nguyễn Thị Thành Phố")
    below = DeputyFactory(council=council_a1, term=term, full_name="Trần Văn Phường")
    meeting = VoterMeetingFactory(council=council_a, body=BodyFactory(council=council_a, term=term,
                                                                      kind=BodyKind.DEPUTY_GROUP))
    client.force_login(clerk_a)
    edit = select_html(client.get(reverse("voters:meeting_edit", args=[meeting.pk])).content.decode(), "deputies")
    assert own.full_name in edit and below.full_name not in edit

    # On the create page, a deputy of another council and a missing place are both reported, at once.
    response = client.post(reverse("voters:meeting_create"), {
        "council": council_a.pk, "body": meeting.body_id, "kind": "before_session", "date": "10/11/2026",
        "place": "", "attendance": "40", "deputies": [own.pk, below.pk]})
    assert response.status_code == 400
    form = response.context["form"]
    assert form.errors["deputies"] == ["Đại biểu dự phải là đại biểu của HĐND thành phố Hà Nội."]
    assert "place" in form.errors


@pytest.mark.django_db
def test_agencies_are_offered_by_full_name_grouped_by_area(client, clerk_a, council_a):
    AgencyFactory(council=council_a, name="Sở Xây dựng", short_name="Sở XD")
    AgencyFactory(council=None, name="Bộ Xây dựng", short_name="BXD")
    petition = PetitionFactory(council=council_a)
    client.force_login(clerk_a)
    html = client.get(reverse("voters:petition_classify", args=[petition.pk])).content.decode()
    agencies = select_html(html, "proposed_agencies")
    assert GROUP.findall(agencies) == ["Cơ quan trung ương", "Thành phố Hà Nội"]
    assert ">Sở Xây dựng<" in agencies and ">Bộ Xây dựng<" in agencies
    assert "Sở XD" not in agencies and "BXD" not in agencies


@pytest.mark.django_db
def test_classify_starts_from_the_current_field_and_agencies(client, clerk_a, council_a):
    field = FieldFactory(name="Giao thông")
    agency = AgencyFactory(council=council_a, name="Sở Xây dựng")
    petition = PetitionFactory(council=council_a, status=PetitionStatus.CLASSIFIED, field=field,
                               classification_note="Chuyển Sở Xây dựng")
    petition.proposed_agencies.set([agency])
    client.force_login(clerk_a)
    form = client.get(reverse("voters:petition_classify", args=[petition.pk])).context["form"]
    assert form["field"].value() == field.pk
    assert [getattr(a, "pk", a) for a in form["proposed_agencies"].value()] == [agency.pk]
    assert form["note"].value() == "Chuyển Sở Xây dựng"


@pytest.mark.django_db
@pytest.mark.parametrize("size", [3, 20])
def test_the_classify_page_costs_the_same_queries_whatever_the_number_of_agencies(
        client, clerk_a, council_a, size, django_assert_max_num_queries):
    for number in range(size):
        AgencyFactory(council=council_a, name=f"Sở số {number}")
    petition = PetitionFactory(council=council_a)
    client.force_login(clerk_a)
    client.get(reverse("voters:petition_classify", args=[petition.pk]))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("voters:petition_classify", args=[petition.pk])).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 12])
def test_the_meeting_page_costs_the_same_queries_whatever_the_number_of_deputies(
        client, clerk_a, council_a, term, size, django_assert_max_num_queries):
    _groups(council_a, range(1, size + 1), term)
    client.force_login(clerk_a)
    client.get(reverse("voters:meeting_create"))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("voters:meeting_create")).status_code == 200


@pytest.mark.django_db
def test_the_conclude_form_starts_from_the_activity_and_reports_every_mistake_at_once(client, clerk_a, council_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.IN_PROGRESS, actual_start=D(2026, 5, 4),
                               actual_end=D(2026, 5, 20))
    client.force_login(clerk_a)
    url = reverse("oversight:activity_conclude", args=[activity.pk])
    assert client.get(url).context["form"]["ended_on"].value() == D(2026, 5, 20)
    response = client.post(url, {"conclusion": "", "conclusion_date": "", "ended_on": "01/05/2026",
                                 "version": activity.version})
    assert response.status_code == 400
    assert set(response.context["form"].errors) == {"conclusion", "conclusion_date", "ended_on"}
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IN_PROGRESS


@pytest.mark.django_db
def test_the_five_clear_fields_are_starred(client, clerk_a):
    client.force_login(clerk_a)
    html = client.get(reverse("oversight:workitem_create")).content.decode()
    for name in ("title", "lead", "responsible_body", "due_date", "deliverable"):
        label = re.search(rf'<label[^>]*for="id_{name}"[^>]*>(.*?)</label>', html, re.S).group(1)
        assert 'class="text-danger"' in label, name
        tag = re.search(rf'<(?:input|select|textarea)[^>]*id="id_{name}"[^>]*>', html).group(0)
        assert 'aria-required="true"' in tag, name
    assignees = re.search(r'<label[^>]*for="id_assignee_deputies"[^>]*>(.*?)</label>', html, re.S).group(1)
    assert "text-danger" not in assignees


@pytest.mark.django_db
def test_the_bodies_list_sorts_numbered_names_naturally(client, clerk_a, council_a, term):
    for number in (10, 2, 1):
        BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name=f"Tổ đại biểu số {number}")
    client.force_login(clerk_a)
    html = client.get(reverse("body_list") + "?sort=name_key").content.decode()
    found = re.findall(r"Tổ đại biểu số \d+", html)
    assert found == ["Tổ đại biểu số 1", "Tổ đại biểu số 2", "Tổ đại biểu số 10"]
