"""Who may write what in the voters app. The services call these, so pages, API and imports agree.

- Secretariat staff of the council (administrators above it, superusers) may do everything.
- A deputy may record a voter meeting of their own council that they attended (they must be among the
  deputies present), edit it, and enter the petitions raised at it; and record their own citizen
  receptions with the letters taken in. Classifying, forwarding, answering, reporting, merging and
  importing stay with the secretariat.
- An agency's staff (role ``agency_staff``) see only the forwardings addressed to their agency: they
  acknowledge receipt, ask for clarification and submit the answer; the secretariat returns or accepts it.
  A denunciation's sender stays hidden from them until the secretariat releases it.
- Everyone else (party viewers included) only reads.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import gettext as _

from councils import scoping
from councils.permissions import can_manage, can_read, can_write_anywhere, is_deputy_of, require

from .choices import (
    AGENCY_ANSWER_FROM,
    CLASSIFY_FROM,
    CORRECTABLE,
    FORWARD_FROM,
    LETTER_KINDS,
    MERGEABLE,
    REOPEN_FROM,
    AnswerReview,
    FeedbackStatus,
    ForwardingStatus,
    PetitionKind,
    PetitionStatus,
)

__all__ = [
    "can_accept_answer", "can_acknowledge", "can_add_attachment", "can_agency_answer", "can_answer",
    "can_classify", "can_release_identity", "can_request_clarification", "can_return_answer",
    "identity_hidden", "is_agency_staff",
    "can_close", "can_correct_petition", "can_edit_meeting", "can_forward", "can_manage", "can_merge",
    "can_publish_answer", "can_reopen_from_feedback", "can_record_meeting", "can_see_tracking_key", "can_record_own_work", "can_record_reception", "can_reopen", "can_report",
    "can_write_anywhere", "close_from", "deputy_may_correct", "require", "require_manage",
]



def can_record_meeting(user, council, deputies: Iterable) -> bool:
    if can_manage(user, council):
        return True
    return is_deputy_of(user, council) and bool(scoping.deputy_ids(user) & {d.pk for d in deputies})


def can_edit_meeting(user, meeting) -> bool:
    if can_manage(user, meeting.council):
        return True
    return (is_deputy_of(user, meeting.council)
            and meeting.deputies_present.filter(pk__in=scoping.deputy_ids(user)).exists())


def can_record_reception(user, council, deputy) -> bool:
    if can_manage(user, council):
        return True
    return is_deputy_of(user, council) and deputy.pk in scoping.deputy_ids(user)


def can_record_own_work(user) -> bool:
    """The secretariat records anything; a deputy records their own meetings and receptions."""
    return can_write_anywhere(user) or bool(scoping.deputy_ids(user))


def deputy_may_correct(user, petition) -> bool:
    """A deputy corrects what was entered from their own meeting while it still waits."""
    return (petition.status == PetitionStatus.RECEIVED and petition.meeting_id is not None
            and can_edit_meeting(user, petition.meeting))


def can_correct_petition(user, petition) -> bool:
    if petition.status not in CORRECTABLE:
        return False
    return can_manage(user, petition.council) or deputy_may_correct(user, petition)


def can_classify(user, petition) -> bool:
    return petition.status in CLASSIFY_FROM and can_manage(user, petition.council)


def can_forward(user, petition) -> bool:
    return petition.status in FORWARD_FROM and can_manage(user, petition.council)


def can_answer(user, petition) -> bool:
    return petition.status == PetitionStatus.FORWARDED and can_manage(user, petition.council)


def can_report(user, petition) -> bool:
    """Reporting back to voters is for voter petitions; a letter is closed once answered."""
    return (petition.status == PetitionStatus.ANSWERED and petition.kind not in LETTER_KINDS
            and can_manage(user, petition.council))


def close_from(petition) -> tuple[str, ...]:
    """A voter petition is closed once reported to voters; a letter once answered."""
    if petition.kind in LETTER_KINDS:
        return (PetitionStatus.REPORTED, PetitionStatus.ANSWERED)
    return (PetitionStatus.REPORTED,)


def can_close(user, petition) -> bool:
    return petition.status in close_from(petition) and can_manage(user, petition.council)


def can_reopen(user, petition) -> bool:
    return petition.status in REOPEN_FROM and can_manage(user, petition.council)


def can_merge(user, petition) -> bool:
    return petition.status in MERGEABLE and can_manage(user, petition.council)


def can_publish_answer(user, forwarding) -> bool:
    """An agency's answer, once recorded (and accepted, when the agency submitted it in the portal), may be
    published to voters by the petition council's secretariat."""
    return (forwarding.status == ForwardingStatus.ANSWERED and forwarding.review != AnswerReview.SUBMITTED
            and not forwarding.answer_public and can_manage(user, forwarding.petition.council))


def can_see_tracking_key(user, petition) -> bool:
    """The secret key is given to the sender: by the council's secretariat, or by whoever entered it."""
    return can_manage(user, petition.council) or (
        bool(user and user.is_authenticated) and petition.created_by_id == user.pk)


def can_reopen_from_feedback(user, feedback) -> bool:
    return feedback.status == FeedbackStatus.OPEN and can_reopen(user, feedback.petition)


def require_manage(user, council) -> None:
    require(can_manage(user, council),
            _("Chỉ Văn phòng của HĐND mới được xử lý kiến nghị, đơn thư (phân loại, chuyển, trả lời, gộp, nhập)."))


# --- agencies answering in the portal ----------------------------------------------------------------------

# The petition states in which the secretariat still reviews an agency's answer (after reporting, reopen it).
REVIEW_PETITION_FROM = (PetitionStatus.FORWARDED, PetitionStatus.ANSWERED)


def is_agency_staff(user, forwarding) -> bool:
    return forwarding.agency_id in scoping.agency_ids(user)


def can_acknowledge(user, forwarding) -> bool:
    """Receipt is confirmed once, by the agency, while the forwarding waits for its answer."""
    return (forwarding.acknowledged_on is None and forwarding.status in AGENCY_ANSWER_FROM
            and forwarding.petition.status == PetitionStatus.FORWARDED and is_agency_staff(user, forwarding))


def can_request_clarification(user, forwarding) -> bool:
    """The agency (or the secretariat, told on paper) asks for clarification: the clock stops."""
    return (forwarding.status == ForwardingStatus.PENDING and forwarding.petition.status == PetitionStatus.FORWARDED
            and (is_agency_staff(user, forwarding) or can_manage(user, forwarding.petition.council)))


def can_agency_answer(user, forwarding) -> bool:
    return (forwarding.status in AGENCY_ANSWER_FROM and forwarding.petition.status == PetitionStatus.FORWARDED
            and is_agency_staff(user, forwarding))


def _reviewable(forwarding) -> bool:
    return (forwarding.status == ForwardingStatus.ANSWERED and forwarding.review == AnswerReview.SUBMITTED
            and forwarding.petition.status in REVIEW_PETITION_FROM)


def can_return_answer(user, forwarding) -> bool:
    return _reviewable(forwarding) and can_manage(user, forwarding.petition.council)


def can_accept_answer(user, forwarding) -> bool:
    return _reviewable(forwarding) and can_manage(user, forwarding.petition.council)


def identity_hidden(user, petition) -> bool:
    """A denunciation's sender is hidden from whoever reads it only as an addressed agency, until released."""
    return (petition.kind == PetitionKind.DENUNCIATION and petition.identity_released_on is None
            and not can_read(user, petition.council))


def can_release_identity(user, petition) -> bool:
    return (petition.kind == PetitionKind.DENUNCIATION and petition.identity_released_on is None
            and can_manage(user, petition.council))


def can_add_attachment(user, petition) -> bool:
    """The scanned letter and photos are added by the secretariat; a reply document comes with the answer."""
    return petition.status != PetitionStatus.MERGED and can_manage(user, petition.council)


def require_agency_staff(user, forwarding) -> None:
    require(is_agency_staff(user, forwarding),
            _("Chỉ cán bộ của cơ quan nhận mới được thực hiện việc này."))
