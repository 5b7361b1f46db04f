"""Follow-up writes: recommendations of an oversight conclusion and commitments made under questioning, which
share one lifecycle (not started, in progress, partly implemented, implemented, not implemented)."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.agencies import check_addressable
from councils.audit import apply_changes, record_audit, transition
from councils.models import Agency, Council, Deputy

from .. import permissions
from ..choices import FollowUpStatus
from ..models import Commitment, OversightActivity, Question, Recommendation
from ._checks import _check_deputies, _today

# Which statuses each target may be reached from. Implemented is final; a failed or partial one may be
# taken up again (tái giám sát often finds it moving).
FOLLOW_UP_ALLOWED_FROM = {
    FollowUpStatus.IN_PROGRESS: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                 FollowUpStatus.PARTLY_IMPLEMENTED, FollowUpStatus.NOT_IMPLEMENTED],
    FollowUpStatus.PARTLY_IMPLEMENTED: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                        FollowUpStatus.PARTLY_IMPLEMENTED],
    FollowUpStatus.IMPLEMENTED: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                 FollowUpStatus.PARTLY_IMPLEMENTED, FollowUpStatus.NOT_IMPLEMENTED],
    FollowUpStatus.NOT_IMPLEMENTED: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                     FollowUpStatus.PARTLY_IMPLEMENTED],
}


def _update_follow_up_status(item, *, council: Council, status: str, actor, evidence: str, result: str,
                             completed_on: datetime.date | None, note: str):
    permissions.require_follow_up_writer(actor, item)
    if status not in FOLLOW_UP_ALLOWED_FROM:
        raise ValidationError({"status": _("Không thể chuyển về trạng thái “%(status)s”.")
                               % {"status": FollowUpStatus(status).label if status in FollowUpStatus.values else status}})
    errors = {}
    if status == FollowUpStatus.IMPLEMENTED:
        if completed_on is None:
            errors["completed_on"] = _("Phải nhập ngày hoàn thành.")
        if not (evidence or item.evidence).strip():
            errors["evidence"] = _("Phải nêu minh chứng đã thực hiện.")
    if completed_on is not None and completed_on > _today():
        errors["completed_on"] = _("Ngày hoàn thành không được sau hôm nay.")
    if errors:
        raise ValidationError(errors)
    extra = {"completed_on": completed_on}
    if evidence:
        extra["evidence"] = evidence
    if result:
        extra["result"] = result
    transition(item, to=status, allowed_from=FOLLOW_UP_ALLOWED_FROM[status], actor=actor, note=note, extra=extra)
    return item


@transaction.atomic
def create_recommendation(*, activity: OversightActivity, agency: Agency, content: str,
                          due_date: datetime.date | None, actor, followers: Iterable[Deputy] = ()) -> Recommendation:
    """A recommendation comes out of a conclusion: the activity is being concluded or already is."""
    permissions.require_manage(actor, activity.council)
    if activity.status not in permissions.RECOMMENDATION_ACTIVITY_STATES:
        raise ValidationError({"activity": _("Chỉ ghi kiến nghị cho hoạt động đang tiến hành hoặc đã kết luận.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Phải nhập thời hạn thực hiện kiến nghị.")})
    check_addressable(activity.council, [agency], "agency")
    followers = list(followers)
    _check_deputies(followers, activity.council, "followers")
    recommendation = Recommendation(activity=activity, agency=agency, content=content, due_date=due_date)
    recommendation.full_clean()
    recommendation.save()
    recommendation.followers.set(followers)
    record_audit(target=recommendation, council=activity.council, action="create", actor=actor)
    return recommendation


FOLLOW_UP_EDITABLE = ("agency", "content", "due_date")


def _update_follow_up(item, *, council: Council, actor, followers, changes: dict):
    permissions.require_manage(actor, council)
    if "agency" in changes:
        check_addressable(council, [changes["agency"]], "agency")
    diff = apply_changes(item, changes, editable=FOLLOW_UP_EDITABLE)
    if item.due_date is None:
        raise ValidationError({"due_date": _("Phải nhập thời hạn thực hiện.")})
    item.full_clean()
    item.save()
    if followers is not None:
        followers = list(followers)
        _check_deputies(followers, council, "followers")
        item.followers.set(followers)
        diff["followers"] = [d.pk for d in followers]
    record_audit(target=item, council=council, action="update", actor=actor, changes=diff)
    return item


@transaction.atomic
def update_recommendation(*, recommendation: Recommendation, actor, followers: Iterable[Deputy] | None = None,
                          **changes) -> Recommendation:
    return _update_follow_up(recommendation, council=recommendation.activity.council, actor=actor,
                             followers=followers, changes=changes)


def update_recommendation_status(*, recommendation: Recommendation, status: str, actor, evidence: str = "",
                                 result: str = "", completed_on: datetime.date | None = None,
                                 note: str = "") -> Recommendation:
    return _update_follow_up_status(recommendation, council=recommendation.activity.council, status=status,
                                    actor=actor, evidence=evidence, result=result, completed_on=completed_on,
                                    note=note)


@transaction.atomic
def create_commitment(*, question: Question, agency: Agency, content: str, due_date: datetime.date | None, actor,
                      followers: Iterable[Deputy] = ()) -> Commitment:
    council = question.activity.council
    permissions.require_manage(actor, council)
    if due_date is None:
        raise ValidationError({"due_date": _("Phải nhập thời hạn thực hiện cam kết.")})
    check_addressable(council, [agency], "agency")
    followers = list(followers)
    _check_deputies(followers, council, "followers")
    commitment = Commitment(question=question, agency=agency, content=content, due_date=due_date)
    commitment.full_clean()
    commitment.save()
    commitment.followers.set(followers)
    record_audit(target=commitment, council=council, action="create", actor=actor)
    return commitment


@transaction.atomic
def update_commitment(*, commitment: Commitment, actor, followers: Iterable[Deputy] | None = None,
                      **changes) -> Commitment:
    return _update_follow_up(commitment, council=commitment.question.activity.council, actor=actor,
                             followers=followers, changes=changes)


def update_commitment_status(*, commitment: Commitment, status: str, actor, evidence: str = "", result: str = "",
                             completed_on: datetime.date | None = None, note: str = "") -> Commitment:
    return _update_follow_up_status(commitment, council=commitment.question.activity.council, status=status,
                                    actor=actor, evidence=evidence, result=result, completed_on=completed_on,
                                    note=note)
