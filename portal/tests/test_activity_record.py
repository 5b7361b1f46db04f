"""A deputy's activity record (portal/selectors.py::activity_record_for): what it lists, and a fixed
number of queries whatever the number of records, on its own and on the deputy's page."""

import datetime

import pytest
from django.urls import reverse

from councils import scoping
from councils.choices import BodyKind
from councils.tests.factories import BodyFactory, DeputyFactory, MembershipFactory
from oversight.models import Participant, TrainingAttendance
from oversight.tests.factories import ActivityFactory, TrainingFactory
from portal.selectors import RECORD_LIMIT, activity_record_for
from voters.tests.factories import CitizenReceptionFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db


def _grow(deputy, council, term, n):
    for i in range(n):
        body = BodyFactory(council=council, term=term, kind=BodyKind.DEPUTY_GROUP)
        MembershipFactory(body=body, deputy=deputy, start_date=datetime.date(2021, 7, 1))
        Participant.objects.create(activity=ActivityFactory(council=council), deputy=deputy)
        VoterMeetingFactory(council=council, body=body).deputies_present.add(deputy)
        CitizenReceptionFactory(council=council, deputy=deputy)
        TrainingAttendance.objects.create(training=TrainingFactory(council=council), deputy=deputy, attended=i % 2 == 0)


def test_record_lists_only_the_deputys_own_work(clerk_a, council_a, term, deputy_a_record):
    other = DeputyFactory(council=council_a, term=term)
    _grow(deputy_a_record, council_a, term, 2)
    _grow(other, council_a, term, 3)
    record = activity_record_for(clerk_a, deputy_a_record)
    assert {key: len(rows) for key, rows in record.items()} == {
        "memberships": 2, "oversight": 2, "meetings": 2, "receptions": 2, "trainings": 2}
    assert all(row.deputy_id == deputy_a_record.pk for row in record["oversight"] + record["receptions"])


def test_record_query_count_does_not_grow(client, clerk_a, council_a, term, deputy_a_record,
                                          django_assert_num_queries, django_assert_max_num_queries):
    _grow(deputy_a_record, council_a, term, 2)
    scoping.scope_paths(clerk_a)  # the user's roles are read once per request, before the record
    with django_assert_num_queries(5):
        activity_record_for(clerk_a, deputy_a_record)
    client.force_login(clerk_a)
    url = reverse("deputy_detail", args=[deputy_a_record.pk])
    client.get(url)  # fills the per-process content-type cache, so both sizes are measured alike
    with django_assert_max_num_queries(20) as small:
        assert client.get(url).status_code == 200
    _grow(deputy_a_record, council_a, term, 12)
    with django_assert_num_queries(5):
        record = activity_record_for(clerk_a, deputy_a_record)
    assert len(record["meetings"]) == 14 <= RECORD_LIMIT
    with django_assert_max_num_queries(20) as large:
        page = client.get(url).content.decode()
    assert len(large.captured_queries) == len(small.captured_queries)
    assert record["oversight"][0].activity.title in page


def test_record_shows_only_what_the_user_may_see(clerk_a, clerk_a1, council_a, council_a1, term):
    """A commune deputy on a mission of the province: the commune's clerk sees the deputy, not the mission."""
    deputy = DeputyFactory(council=council_a1, term=term)
    province_mission = ActivityFactory(council=council_a, title="Giám sát của HĐND thành phố")
    Participant.objects.create(activity=province_mission, deputy=deputy)
    commune_mission = ActivityFactory(council=council_a1, title="Giám sát của HĐND phường")
    Participant.objects.create(activity=commune_mission, deputy=deputy)
    seen = [row.activity.title for row in activity_record_for(clerk_a1, deputy)["oversight"]]
    assert seen == ["Giám sát của HĐND phường"]
    assert len(activity_record_for(clerk_a, deputy)["oversight"]) == 2
