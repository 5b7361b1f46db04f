"""What the public side of a petition needs written: publishing an agency's answer to voters, the sender's
feedback given with their tracking code and key, and the secretariat reopening a petition from that feedback."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import record_audit
from utilities.limits import LONG_TEXT_MAX_LENGTH
from utilities.text import normalise

from .. import permissions
from ..choices import FEEDBACK_FROM, AnswerReview, FeedbackStatus, ForwardingStatus
from ..models import Forwarding, Petition, VoterFeedback
from ..tracking import key_matches
from ._helpers import _lock, _today
from .lifecycle import reopen_petition


@transaction.atomic
def publish_answer(*, forwarding: Forwarding, actor, note: str = "") -> Forwarding:
    """Công khai trả lời: the agency's answer is shown to the sender (tracking lookup) and, for a voter
    petition, on the council's public page."""
    permissions.require_manage(actor, forwarding.petition.council)
    locked = Forwarding.objects.select_for_update().select_related("petition__council").get(pk=forwarding.pk)
    if locked.status != ForwardingStatus.ANSWERED or not locked.answer.strip():
        raise ValidationError(_("Chỉ công khai được câu trả lời đã ghi nhận của cơ quan."))
    if locked.review == AnswerReview.SUBMITTED:
        raise ValidationError(_("Câu trả lời đang chờ Văn phòng xem xét: chấp nhận trước khi công khai."))
    if locked.answer_public:
        raise ValidationError(_("Câu trả lời này đã được công khai."))
    locked.answer_public = True
    locked.answer_published_on = _today()
    locked.public_search_text = normalise(f"{locked.petition.content} {locked.answer}")
    locked.save(update_fields=["answer_public", "answer_published_on", "public_search_text", "updated_at"])
    record_audit(target=locked, council=locked.petition.council, action="publish_answer", actor=actor, note=note,
                 changes={"answer_public": [False, True]})
    for f in Forwarding._meta.concrete_fields:
        setattr(forwarding, f.attname, getattr(locked, f.attname))
    return forwarding


@transaction.atomic
def record_voter_feedback(*, petition: Petition, key: str, resolved: bool, comment: str = "",
                          actor=None) -> VoterFeedback:
    """Ý kiến của người gửi, given with the petition's tracking key (no account): resolved or not, with a
    comment. A "not resolved" one waits in the secretariat's queue until it reopens the petition."""
    if not key_matches(petition.tracking_key, key):
        raise PermissionDenied(_("Mã tra cứu hoặc mã bí mật không đúng."))
    locked = _lock(petition)
    comment = (comment or "").strip()
    if locked.status not in FEEDBACK_FROM:
        raise ValidationError(_("Chỉ gửi ý kiến khi kiến nghị đã có trả lời của cơ quan có thẩm quyền."))
    if not resolved and not comment:
        raise ValidationError({"comment": _("Xin cho biết nội dung nào chưa được giải quyết.")})
    if len(comment) > LONG_TEXT_MAX_LENGTH:
        raise ValidationError({"comment": _("Ý kiến dài quá %(limit)s ký tự.") % {"limit": LONG_TEXT_MAX_LENGTH}})
    if VoterFeedback.objects.filter(petition=locked, status=FeedbackStatus.OPEN).exists():
        raise ValidationError(_("Ý kiến trước của bạn đã được ghi nhận và đang chờ Văn phòng HĐND xem xét."))
    feedback = VoterFeedback(petition=locked, resolved=bool(resolved), comment=comment,
                             status=FeedbackStatus.CLOSED if resolved else FeedbackStatus.OPEN)
    feedback.full_clean()
    feedback.save()
    record_audit(target=locked, council=locked.council, action="voter_feedback", actor=actor, note=comment,
                 changes={"resolved": bool(resolved), "feedback": feedback.pk})
    return feedback


@transaction.atomic
def reopen_from_feedback(*, feedback: VoterFeedback, actor, note: str = "") -> VoterFeedback:
    """The secretariat reopens the petition a sender says is not resolved; the feedback item is closed."""
    locked = VoterFeedback.objects.select_for_update().select_related("petition__council").get(pk=feedback.pk)
    permissions.require_manage(actor, locked.petition.council)
    if locked.status != FeedbackStatus.OPEN:
        raise ValidationError(_("Ý kiến này đã được xử lý."))
    reason = (note or "").strip() or _("Người gửi phản hồi chưa được giải quyết: %(comment)s") % {
        "comment": locked.comment}
    reopen_petition(petition=locked.petition, actor=actor, note=reason)
    locked.status = FeedbackStatus.CLOSED
    locked.closed_at = timezone.now()
    locked.closed_by = actor
    locked.save(update_fields=["status", "closed_at", "closed_by", "updated_at"])
    record_audit(target=locked, council=locked.petition.council, action="reopen", actor=actor, note=reason,
                 from_status=FeedbackStatus.OPEN, to_status=FeedbackStatus.CLOSED)
    for f in VoterFeedback._meta.concrete_fields:
        setattr(feedback, f.attname, getattr(locked, f.attname))
    return feedback
