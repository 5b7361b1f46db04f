"""The morning overdue job, and the admin's scoped pages."""

import datetime

import pytest

from oversight.choices import FollowUpStatus, WorkItemStatus
from oversight.tasks import flag_overdue
from oversight.tests.factories import (
    ActivityFactory,
    CommitmentFactory,
    RecommendationFactory,
    WorkItemFactory,
)

pytestmark = pytest.mark.django_db


def test_flag_overdue_counts_per_council_and_is_safe_to_run_twice(council_a, council_b):
    due = datetime.date(2026, 6, 30)
    RecommendationFactory(activity__council=council_a, due_date=due)
    RecommendationFactory(activity__council=council_a, due_date=due, status=FollowUpStatus.IMPLEMENTED)
    RecommendationFactory(activity__council=council_a, due_date=datetime.date(2026, 7, 1))  # due that day: not yet
    CommitmentFactory(question__activity__council=council_b, due_date=due)
    WorkItemFactory(council=council_b, due_date=due)
    WorkItemFactory(council=council_b, due_date=due, status=WorkItemStatus.DONE, done_on=due)
    first = flag_overdue.delay("2026-07-01").get()
    second = flag_overdue.delay("2026-07-01").get()
    assert first == second == {"councils": 2, "recommendations": 1, "commitments": 1, "work_items": 1}


def test_admin_activity_pages_are_scoped(client, clerk_a, clerk_b, council_a):
    for user in (clerk_a, clerk_b):
        user.is_staff = True
        user.save()
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(content_type__app_label="oversight")
    clerk_a.user_permissions.set(perms)
    clerk_b.user_permissions.set(perms)
    activity = ActivityFactory(council=council_a, title="Giám sát đất đai phường")
    client.force_login(clerk_a)
    assert "Giám sát đất đai phường" in client.get("/admin/oversight/oversightactivity/").content.decode()
    assert client.get(f"/admin/oversight/oversightactivity/{activity.pk}/change/").status_code == 200
    client.force_login(clerk_b)
    assert "Giám sát đất đai phường" not in client.get("/admin/oversight/oversightactivity/").content.decode()
    assert client.get(f"/admin/oversight/oversightactivity/{activity.pk}/change/").status_code == 404
