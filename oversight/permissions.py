"""Who may do what in the oversight app. Services enforce these; pages, the API and the admin ask the same
functions to decide which buttons to show, so a button is there exactly when the service would accept.

- The council's secretariat (an administrator above it, a superuser) maintains everything.
- A deputy may update the recommendations and commitments they follow, and start, complete and report
  progress on the work items assigned to them (staff assignees likewise).
- Party viewers only read.
Each ``can_*`` combines the role with the states the action starts from (the same states the service's
transition accepts), so it answers "would this be accepted now".
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from councils import scoping
from councils.permissions import can_manage, can_manage_object, require, require_manage

from .choices import OPEN_FOLLOW_UP, ActivityStatus, WorkItemStatus

__all__ = [
    "ACTIVITY_CANCEL_FROM", "ACTIVITY_CONCLUDE_FROM", "ACTIVITY_START_FROM", "RECOMMENDATION_ACTIVITY_STATES",
    "WORK_ITEM_CANCEL_FROM", "WORK_ITEM_COMPLETE_FROM", "WORK_ITEM_OPEN", "WORK_ITEM_START_FROM",
    "can_add_recommendation", "can_cancel_activity", "can_cancel_work_item", "can_complete_work_item",
    "can_conclude_activity", "can_edit_activity", "can_edit_work_item", "can_manage", "can_manage_object",
    "can_report_work_item_progress", "can_start_activity", "can_start_work_item", "can_update_follow_up",
    "is_follower", "is_work_item_assignee", "require", "require_follow_up_writer", "require_manage",
    "require_work_item_writer",
]

ACTIVITY_START_FROM = (ActivityStatus.PLANNED,)
ACTIVITY_CONCLUDE_FROM = (ActivityStatus.IN_PROGRESS,)
ACTIVITY_CANCEL_FROM = (ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS)
# A recommendation comes out of a conclusion: being concluded or already concluded.
RECOMMENDATION_ACTIVITY_STATES = (ActivityStatus.IN_PROGRESS, ActivityStatus.CONCLUDED)
WORK_ITEM_START_FROM = (WorkItemStatus.NOT_STARTED,)
WORK_ITEM_COMPLETE_FROM = (WorkItemStatus.IN_PROGRESS,)
WORK_ITEM_OPEN = (WorkItemStatus.NOT_STARTED, WorkItemStatus.IN_PROGRESS)
WORK_ITEM_CANCEL_FROM = WORK_ITEM_OPEN


# --- activities ---------------------------------------------------------------------------------------------

def can_edit_activity(user, activity) -> bool:
    return activity.status != ActivityStatus.CANCELLED and can_manage(user, activity.council)


def can_start_activity(user, activity) -> bool:
    return activity.status in ACTIVITY_START_FROM and can_manage(user, activity.council)


def can_conclude_activity(user, activity) -> bool:
    return activity.status in ACTIVITY_CONCLUDE_FROM and can_manage(user, activity.council)


def can_cancel_activity(user, activity) -> bool:
    return activity.status in ACTIVITY_CANCEL_FROM and can_manage(user, activity.council)


def can_add_recommendation(user, activity) -> bool:
    return activity.status in RECOMMENDATION_ACTIVITY_STATES and can_manage(user, activity.council)


# --- follow-up: recommendations and questioning commitments ------------------------------------------------

def is_follower(user, item) -> bool:
    """Whether one of the user's deputy records follows the item (reads the prefetched followers)."""
    mine = scoping.deputy_ids(user)
    return bool(mine) and any(deputy.pk in mine for deputy in item.followers.all())


def _may_write_follow_up(user, item) -> bool:
    return can_manage_object(user, item) or is_follower(user, item)


def can_update_follow_up(user, item) -> bool:
    """Report the implementation of an open recommendation or commitment."""
    return item.status in OPEN_FOLLOW_UP and _may_write_follow_up(user, item)


def require_follow_up_writer(user, item) -> None:
    require(_may_write_follow_up(user, item), _("Bạn chỉ được cập nhật những nội dung mình theo dõi."))


# --- the work programme ("5 rõ") ---------------------------------------------------------------------------

def is_work_item_assignee(user, item) -> bool:
    """A deputy or staff member the item is assigned to (reads the prefetched assignees)."""
    mine = scoping.deputy_ids(user)
    return any(deputy.pk in mine for deputy in item.assignee_deputies.all()) or any(
        assignee.pk == user.pk for assignee in item.assignee_users.all())


def _may_write_work_item(user, item) -> bool:
    return can_manage(user, item.council) or is_work_item_assignee(user, item)


def require_work_item_writer(user, item) -> None:
    require(_may_write_work_item(user, item), _("Bạn chỉ được cập nhật công việc được giao cho mình."))


def can_start_work_item(user, item) -> bool:
    return item.status in WORK_ITEM_START_FROM and _may_write_work_item(user, item)


def can_complete_work_item(user, item) -> bool:
    return item.status in WORK_ITEM_COMPLETE_FROM and _may_write_work_item(user, item)


def can_report_work_item_progress(user, item) -> bool:
    return item.status in WORK_ITEM_OPEN and _may_write_work_item(user, item)


def can_edit_work_item(user, item) -> bool:
    return can_manage(user, item.council)


def can_cancel_work_item(user, item) -> bool:
    return item.status in WORK_ITEM_CANCEL_FROM and can_manage(user, item.council)
