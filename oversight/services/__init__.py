"""Writes of the oversight app: programmes, activities and their follow-up, questioning, the "5 rõ" work
programme, trainings and briefings. Every status change goes through ``councils.audit.transition``.

Who may write: the council's secretariat (or an administrator above it) maintains everything; a deputy
may only move and report progress on the items assigned to them or that they follow.
"""

from .activities import (
    ACTIVITY_EDITABLE,
    add_participant,
    cancel_activity,
    conclude_activity,
    create_activity,
    link_rechecked_recommendations,
    remove_participant,
    start_activity,
    update_activity,
    upload_activity_document,
)
from .follow_up import (
    FOLLOW_UP_ALLOWED_FROM,
    FOLLOW_UP_EDITABLE,
    create_commitment,
    create_recommendation,
    update_commitment,
    update_commitment_status,
    update_recommendation,
    update_recommendation_status,
)
from .programmes import PROGRAMME_EDITABLE, create_programme, update_programme
from .questioning import QUESTION_EDITABLE, create_question, update_question
from .trainings import (
    BRIEFING_EDITABLE,
    TRAINING_EDITABLE,
    create_briefing,
    create_training,
    mark_attendance,
    update_briefing,
    update_training,
)
from .work_items import (
    WORK_ITEM_EDITABLE,
    cancel_work_item,
    complete_work_item,
    create_work_item,
    report_work_item_progress,
    start_work_item,
    update_work_item,
)

__all__ = [
    # Programme
    "PROGRAMME_EDITABLE", "create_programme", "update_programme",
    # Activities
    "ACTIVITY_EDITABLE", "create_activity", "update_activity", "start_activity", "conclude_activity",
    "cancel_activity", "add_participant", "remove_participant", "link_rechecked_recommendations",
    "upload_activity_document",
    # Follow-up: recommendations and questioning commitments
    "FOLLOW_UP_ALLOWED_FROM", "FOLLOW_UP_EDITABLE", "create_recommendation", "update_recommendation",
    "update_recommendation_status", "create_commitment", "update_commitment", "update_commitment_status",
    # Questioning
    "QUESTION_EDITABLE", "create_question", "update_question",
    # Work programme ("5 rõ")
    "WORK_ITEM_EDITABLE", "create_work_item", "update_work_item", "start_work_item", "complete_work_item",
    "cancel_work_item", "report_work_item_progress",
    # Trainings and briefings
    "TRAINING_EDITABLE", "create_training", "update_training", "mark_attendance", "BRIEFING_EDITABLE",
    "create_briefing", "update_briefing",
]
