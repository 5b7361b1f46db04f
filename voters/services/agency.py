"""Agencies answer in the portal: they acknowledge receipt, ask for clarification (``lifecycle``), and submit
the answer with its outcome, the reply's number and the reply document; the secretariat accepts it or returns
it as insufficient. The petition's status follows the forwardings as it always has: answered once every
forwarding is answered (an answer awaiting review counts), back to forwarded when one is returned. A
denunciation's sender is released to the agencies by the secretariat.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.audit import record_audit, transition
from councils.workdays import add_working_days, working_days_between

from .. import permissions
from ..choices import (
    AGENCY_ANSWER_FROM,
    AnswerOutcome,
    AnswerReview,
    ForwardingStatus,
    PetitionKind,
    PetitionStatus,
)
from ..models import Forwarding, Petition
from ._helpers import _lock, _refresh, _today
from .attachments import check_file, store_attachment
from .lifecycle import mark_answered_if_complete


def _locked(forwarding: Forwarding) -> Forwarding:
    return Forwarding.objects.select_for_update().select_related("petition__council").get(pk=forwarding.pk)


@transaction.atomic
def acknowledge_forwarding(*, forwarding: Forwarding, actor, on: datetime.date | None = None) -> Forwarding:
    """Cơ quan xác nhận đã nhận: the date is recorded and shown to the secretariat."""
    permissions.require_agency_staff(actor, forwarding)
    on = on or _today()
    locked = _locked(forwarding)
    if locked.acknowledged_on is not None:
        raise ValidationError(_("Cơ quan đã xác nhận nhận kiến nghị này ngày %(date)s.")
                              % {"date": f"{locked.acknowledged_on:%d/%m/%Y}"})
    if locked.status not in AGENCY_ANSWER_FROM or locked.petition.status != PetitionStatus.FORWARDED:
        raise ValidationError(_("Chỉ xác nhận đã nhận khi kiến nghị đang chờ cơ quan trả lời."))
    if on < locked.forwarded_on:
        raise ValidationError({"on": _("Ngày xác nhận không được trước ngày chuyển.")})
    locked.acknowledged_on = on
    locked.save(update_fields=["acknowledged_on", "updated_at"])
    record_audit(target=locked, council=locked.petition.council, action="acknowledge", actor=actor,
                 changes={"acknowledged_on": on.isoformat()})
    _refresh(forwarding, locked)
    return forwarding


@transaction.atomic
def submit_answer(*, forwarding: Forwarding, actor, answer: str, outcome: str, reply_number: str, file,
                  note: str = "") -> Forwarding:
    """Cơ quan gửi trả lời: its outcome, the reply's document number and the reply file. The answer waits for
    the secretariat's review; the petition is answered once every agency has answered."""
    permissions.require_agency_staff(actor, forwarding)
    petition = _lock(forwarding.petition)
    if petition.status != PetitionStatus.FORWARDED:
        raise ValidationError(_("Chỉ gửi trả lời khi kiến nghị đang ở trạng thái “Đã chuyển”."))
    answered_on = _today()
    errors = {}
    if not (answer or "").strip():
        errors["answer"] = _("Phải nhập nội dung trả lời.")
    if outcome not in AnswerOutcome.values:
        errors["outcome"] = _("Kết quả phải là: đã giải quyết, đang giải quyết hoặc đã giải trình.")
    if not (reply_number or "").strip():
        errors["reply_number"] = _("Phải ghi số văn bản trả lời của cơ quan.")
    try:
        check_file(file)
    except ValidationError as error:
        errors.update(error.message_dict)
    if answered_on < forwarding.forwarded_on:
        errors["answer"] = _("Ngày trả lời không được trước ngày chuyển.")
    if errors:
        raise ValidationError(errors)
    transition(forwarding, to=ForwardingStatus.ANSWERED, allowed_from=AGENCY_ANSWER_FROM, actor=actor, note=note,
               action="answer", extra={"answer": answer.strip(), "outcome": outcome, "answered_on": answered_on,
                                       "clarification_since": None, "reply_number": reply_number.strip(),
                                       "review": AnswerReview.SUBMITTED})
    store_attachment(petition=petition, forwarding=forwarding, file=file, actor=actor)
    mark_answered_if_complete(petition=forwarding.petition, actor=actor)
    return forwarding


def _reviewable(forwarding: Forwarding) -> tuple[Forwarding, Petition]:
    petition = _lock(forwarding.petition)
    locked = _locked(forwarding)
    if locked.status != ForwardingStatus.ANSWERED or locked.review != AnswerReview.SUBMITTED:
        raise ValidationError(_("Chỉ xem xét câu trả lời cơ quan đã gửi và đang chờ Văn phòng xem xét."))
    if petition.status not in permissions.REVIEW_PETITION_FROM:
        raise ValidationError(_("Kiến nghị đã báo cáo hoặc kết thúc: hãy mở lại kiến nghị nếu cần cơ quan trả lời "
                                "lại."))
    return locked, petition


@transaction.atomic
def return_answer(*, forwarding: Forwarding, actor, reason: str, on: datetime.date | None = None) -> Forwarding:
    """Trả lại câu trả lời chưa đạt: the forwarding goes back to the agency, and the working days the answer sat
    under review are added to its deadline (as clarification does). The petition goes back to forwarded."""
    permissions.require_manage(actor, forwarding.petition.council)
    if not (reason or "").strip():
        raise ValidationError({"reason": _("Phải ghi lý do trả lại câu trả lời.")})
    locked, petition = _reviewable(forwarding)
    on = on or _today()
    if on < locked.answered_on:
        raise ValidationError({"on": _("Ngày trả lại không được trước ngày cơ quan trả lời.")})
    council = petition.council
    review_days = working_days_between(locked.answered_on, on, council=council)
    previous = {"answer": locked.answer, "outcome": locked.outcome, "reply_number": locked.reply_number,
                "answered_on": locked.answered_on.isoformat()}
    transition(forwarding, to=ForwardingStatus.PENDING, allowed_from=[ForwardingStatus.ANSWERED], actor=actor,
               note=reason.strip(), action="return_answer",
               extra={"answer": "", "outcome": "", "answered_on": None, "review": AnswerReview.RETURNED,
                      "returned_on": on, "return_reason": reason.strip(), "last_reminded_on": None,
                      "paused_days": locked.paused_days + review_days,
                      "due_date": add_working_days(locked.due_date, review_days, council=council)})
    record_audit(target=forwarding, council=council, action="previous_answer", actor=actor, changes=previous)
    if petition.status == PetitionStatus.ANSWERED:
        transition(forwarding.petition, to=PetitionStatus.FORWARDED, allowed_from=[PetitionStatus.ANSWERED],
                   actor=actor, note=reason.strip(), action="answer_returned")
    return forwarding


@transaction.atomic
def accept_answer(*, forwarding: Forwarding, actor, note: str = "") -> Forwarding:
    """Chấp nhận câu trả lời của cơ quan."""
    permissions.require_manage(actor, forwarding.petition.council)
    _reviewable(forwarding)
    transition(forwarding, to=AnswerReview.ACCEPTED, allowed_from=[AnswerReview.SUBMITTED], field="review",
               actor=actor, note=note, action="accept_answer")
    return forwarding


@transaction.atomic
def release_identity(*, petition: Petition, actor, note: str = "", on: datetime.date | None = None) -> Petition:
    """Cho cơ quan biết danh tính người tố cáo (Law on Denunciations: hidden from the agencies until then)."""
    permissions.require_manage(actor, petition.council)
    locked = _lock(petition)
    if locked.kind != PetitionKind.DENUNCIATION:
        raise ValidationError(_("Chỉ đơn tố cáo mới giữ bí mật danh tính người gửi."))
    if locked.identity_released_on is not None:
        raise ValidationError(_("Danh tính người tố cáo đã được cho cơ quan biết ngày %(date)s.")
                              % {"date": f"{locked.identity_released_on:%d/%m/%Y}"})
    locked.identity_released_on = on or _today()
    locked.save(update_fields=["identity_released_on", "updated_at"])
    record_audit(target=locked, council=locked.council, action="release_identity", actor=actor, note=note,
                 changes={"identity_released_on": locked.identity_released_on.isoformat()})
    _refresh(petition, locked)
    return petition
