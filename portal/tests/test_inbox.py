"""The deputy's inbox ("Việc của tôi"): what is in it, in which order, and what stays out."""

import datetime

import pytest
from django.utils import timezone

from councils.choices import BodyKind
from councils.tests.factories import BodyFactory
from oversight.choices import ActivityStatus, FollowUpStatus, WorkItemStatus
from oversight.tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    RecommendationFactory,
    WorkItemFactory,
)
from portal import selectors
from voters.choices import MeetingKind, PetitionStatus
from voters.models import Petition, VoterMeeting

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def test_inbox_gathers_every_kind_overdue_first_then_by_deadline(deputy_a, deputy_a_record, other_deputy_a_record,
                                                                  council_a, term, django_assert_max_num_queries):
    me = deputy_a_record
    item = WorkItemFactory(council=council_a, due_date=_days(10), title="Việc còn hạn")
    item.assignee_deputies.add(me)
    late_item = WorkItemFactory(council=council_a, due_date=_days(-1), title="Việc quá hạn")
    late_item.assignee_deputies.add(me)
    done = WorkItemFactory(council=council_a, due_date=_days(-5), status=WorkItemStatus.DONE, done_on=_days(-6))
    done.assignee_deputies.add(me)
    WorkItemFactory(council=council_a, due_date=_days(-9)).assignee_deputies.add(other_deputy_a_record)

    rec = RecommendationFactory(activity__council=council_a, due_date=_days(0))
    rec.followers.add(me)
    RecommendationFactory(activity__council=council_a, due_date=_days(-3),
                          status=FollowUpStatus.IMPLEMENTED).followers.add(me)
    commitment = CommitmentFactory(question__activity__council=council_a, due_date=_days(-2))
    commitment.followers.add(me)

    activity = ActivityFactory(council=council_a, planned_start=_days(3), planned_end=_days(5))
    activity.participations.create(deputy=me)
    ActivityFactory(council=council_a, status=ActivityStatus.CONCLUDED).participations.create(deputy=me)

    group = BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP)
    meeting = VoterMeeting.objects.create(council=council_a, body=group, kind=MeetingKind.BEFORE_SESSION,
                                          date=_days(-30), place="Nhà văn hóa phường")
    meeting.deputies_present.add(me)
    petition = Petition.objects.create(council=council_a, content="Đề nghị sửa đường ngõ 12", meeting=meeting,
                                       received_on=_days(-30), forward_due=_days(-20))
    Petition.objects.create(council=council_a, content="Đã xong", meeting=meeting, received_on=_days(-30),
                            status=PetitionStatus.CLOSED)

    # The roles, then one query per kind: work items, recommendations, commitments, activities, petitions
    # and session papers not yet opened.
    with django_assert_max_num_queries(7):
        entries = selectors.inbox_for(deputy_a)

    assert [(e.kind, e.pk, e.overdue) for e in entries] == [
        ("petition", petition.pk, True),
        ("commitment", commitment.pk, True),
        ("work_item", late_item.pk, True),
        ("recommendation", rec.pk, False),  # due today: not overdue yet
        ("activity", activity.pk, False),
        ("work_item", item.pk, False),
    ]
    assert entries[0].url_name == "voters:petition_detail"


def test_inbox_of_a_user_without_deputy_record_is_only_their_staff_items(clerk_a, council_a):
    item = WorkItemFactory(council=council_a)
    item.assignee_users.add(clerk_a)
    WorkItemFactory(council=council_a)
    assert [e.pk for e in selectors.inbox_for(clerk_a)] == [item.pk]


def test_inbox_stays_within_the_users_scope(clerk_b, council_a, deputy_a_record):
    # Even a stale assignment cannot leak another council's items into someone's inbox.
    item = WorkItemFactory(council=council_a)
    item.assignee_users.add(clerk_b)
    assert selectors.inbox_for(clerk_b) == []


def test_inbox_entries_link_to_existing_pages(deputy_a, deputy_a_record, council_a):
    from django.urls import reverse

    item = WorkItemFactory(council=council_a)
    item.assignee_deputies.add(deputy_a_record)
    rec = RecommendationFactory(activity__council=council_a)
    rec.followers.add(deputy_a_record)
    commitment = CommitmentFactory(question__activity__council=council_a)
    commitment.followers.add(deputy_a_record)
    ActivityFactory(council=council_a).participations.create(deputy=deputy_a_record)
    entries = selectors.inbox_for(deputy_a)
    assert {e.kind for e in entries} == {"work_item", "recommendation", "commitment", "activity"}
    for entry in entries:
        assert reverse(entry.url_name, args=[entry.pk])
