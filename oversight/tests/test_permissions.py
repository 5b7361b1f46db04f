"""Oversight buttons are shown exactly when the service would accept the step: for every status and
persona, ``oversight.permissions.can_*`` answers what the service then does."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction

from councils.tests.factories import AgencyFactory
from oversight import permissions, services
from oversight.choices import ActivityStatus, FollowUpStatus, WorkItemStatus
from oversight.models import OversightActivity, Recommendation, WorkItem
from oversight.tests.factories import ActivityFactory, RecommendationFactory, WorkItemFactory

pytestmark = pytest.mark.django_db


class _Undo(Exception):
    """Raised inside a savepoint to roll back what an accepted step wrote."""


def accepted(step) -> bool:
    try:
        with transaction.atomic():
            step()
            raise _Undo
    except _Undo:
        return True
    except (ValidationError, PermissionDenied):
        return False


def _compare(steps, users, fresh):
    """``steps``: name -> (can_*, service call of (user, obj)); each asked on a freshly read object."""
    mismatches = []
    for user in users:
        for name, (shown, call) in steps.items():
            obj = fresh()
            button = shown(user, obj)
            service = accepted(lambda: call(user, obj))  # noqa: B023 - called at once
            if button != service:
                mismatches.append(f"{user.username}/{name}: button {button}, service {service}")
    return mismatches


ACTIVITY_STEPS = {
    "start": (permissions.can_start_activity,
              lambda user, a: services.start_activity(activity=a, actor=user)),
    "conclude": (permissions.can_conclude_activity,
                 lambda user, a: services.conclude_activity(activity=a, actor=user, conclusion="Kết luận giám sát",
                                                            conclusion_date=datetime.date(2026, 6, 1))),
    "cancel": (permissions.can_cancel_activity, lambda user, a: services.cancel_activity(activity=a, actor=user)),
    "edit": (permissions.can_edit_activity,
             lambda user, a: services.update_activity(activity=a, actor=user, title="Tên mới của hoạt động")),
}


@pytest.mark.parametrize("status", ActivityStatus.values)
def test_activity_buttons_match_the_services(status, council_a, clerk_a, viewer_a, clerk_b, deputy_a):
    activity = ActivityFactory(council=council_a, status=status, actual_start=datetime.date(2026, 5, 4))
    agency = AgencyFactory(council=council_a)
    steps = {**ACTIVITY_STEPS, "recommend": (
        permissions.can_add_recommendation,
        lambda user, a: services.create_recommendation(activity=a, agency=agency, content="Kiến nghị",
                                                       due_date=datetime.date(2026, 12, 31), actor=user))}
    assert _compare(steps, (clerk_a, viewer_a, clerk_b, deputy_a),
                    lambda: OversightActivity.objects.get(pk=activity.pk)) == []


WORK_ITEM_STEPS = {
    "start": (permissions.can_start_work_item, lambda user, w: services.start_work_item(item=w, actor=user)),
    "complete": (permissions.can_complete_work_item,
                 lambda user, w: services.complete_work_item(item=w, actor=user,
                                                             done_on=datetime.date(2026, 6, 1))),
    "progress": (permissions.can_report_work_item_progress,
                 lambda user, w: services.report_work_item_progress(item=w, actor=user, progress_note="Đang làm")),
    "cancel": (permissions.can_cancel_work_item, lambda user, w: services.cancel_work_item(item=w, actor=user)),
}


@pytest.mark.parametrize("status", WorkItemStatus.values)
def test_work_item_buttons_match_the_services(status, council_a, clerk_a, viewer_a, clerk_b, deputy_a,
                                              deputy_a_record):
    item = WorkItemFactory(council=council_a, status=status,
                           done_on=datetime.date(2026, 6, 1) if status == WorkItemStatus.DONE else None)
    item.assignee_deputies.add(deputy_a_record)
    assert _compare(WORK_ITEM_STEPS, (clerk_a, viewer_a, clerk_b, deputy_a),
                    lambda: WorkItem.objects.get(pk=item.pk)) == []


@pytest.mark.parametrize("status", FollowUpStatus.values)
def test_follow_up_button_matches_the_service(status, council_a, clerk_a, viewer_a, clerk_b, deputy_a,
                                              deputy_a_record):
    recommendation = RecommendationFactory(activity__council=council_a, status=status)
    recommendation.followers.add(deputy_a_record)
    # The button opens the status form; the service is asked with the one target every open item may reach.
    steps = {"update": (permissions.can_update_follow_up, lambda user, r: services.update_recommendation_status(
        recommendation=r, status=FollowUpStatus.PARTLY_IMPLEMENTED, actor=user, result="Đã làm một phần"))}
    assert _compare(steps, (clerk_a, viewer_a, clerk_b, deputy_a),
                    lambda: Recommendation.objects.get(pk=recommendation.pk)) == []
