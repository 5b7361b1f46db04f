"""Writes of the questions asked in a questioning activity (chất vấn) and their answers."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.agencies import check_addressable
from councils.audit import apply_changes, record_audit
from councils.models import Agency, Deputy

from .. import permissions
from ..choices import QUESTIONING_KINDS, ActivityStatus
from ..models import OversightActivity, Question
from ._checks import _check_deputies


@transaction.atomic
def create_question(*, activity: OversightActivity, asked_by: Deputy, answering_agency: Agency, question: str,
                    actor, answering_official: str = "", answer: str = "",
                    answered_on: datetime.date | None = None) -> Question:
    """A question belongs to a questioning activity (at a session or between sessions)."""
    permissions.require_manage(actor, activity.council)
    if activity.kind not in QUESTIONING_KINDS:
        raise ValidationError({"activity": _("Câu hỏi chất vấn chỉ ghi cho hoạt động chất vấn.")})
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError({"activity": _("Phiên chất vấn đã hủy.")})
    _check_deputies([asked_by], activity.council, "asked_by")
    check_addressable(activity.council, [answering_agency], "answering_agency")
    item = Question(activity=activity, asked_by=asked_by, answering_agency=answering_agency, question=question,
                    answering_official=answering_official, answer=answer,
                    answered_on=answered_on if answer else None)
    item.full_clean()
    item.save()
    record_audit(target=item, council=activity.council, action="create", actor=actor)
    return item


QUESTION_EDITABLE = ("asked_by", "answering_agency", "answering_official", "question", "answer", "answered_on")


@transaction.atomic
def update_question(*, item: Question, actor, **changes) -> Question:
    """Edit a question; its text is the change ``question``, so the record itself is ``item``."""
    council = item.activity.council
    permissions.require_manage(actor, council)
    if "asked_by" in changes:
        _check_deputies([changes["asked_by"]], council, "asked_by")
    if "answering_agency" in changes:
        check_addressable(council, [changes["answering_agency"]], "answering_agency")
    diff = apply_changes(item, changes, editable=QUESTION_EDITABLE)
    if item.answered_on and not item.answer.strip():
        raise ValidationError({"answer": _("Có ngày trả lời thì phải có nội dung trả lời.")})
    item.full_clean()
    item.save()
    record_audit(target=item, council=council, action="update", actor=actor, changes=diff)
    return item
