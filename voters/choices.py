"""Choices of the voters app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MeetingKind(models.TextChoices):
    BEFORE_SESSION = "before_session", _("Trước kỳ họp")
    AFTER_SESSION = "after_session", _("Sau kỳ họp")
    THEMATIC = "thematic", _("Chuyên đề")


class PetitionKind(models.TextChoices):
    """A voter petition, or one of the three kinds of letter (đơn thư)."""

    VOTER_PETITION = "voter_petition", _("Kiến nghị cử tri")
    COMPLAINT = "complaint", _("Đơn khiếu nại")
    DENUNCIATION = "denunciation", _("Đơn tố cáo")
    REQUEST = "request", _("Đơn kiến nghị, phản ánh")


LETTER_KINDS = (PetitionKind.COMPLAINT, PetitionKind.DENUNCIATION, PetitionKind.REQUEST)


def letter_kind_choices():
    """The three letter kinds, for the schema's ENUM_NAME_OVERRIDES (it takes a callable or a choices class)."""
    return [(kind.value, kind.label) for kind in LETTER_KINDS]


class Channel(models.TextChoices):
    VOTER_MEETING = "voter_meeting", _("Tiếp xúc cử tri")
    CITIZEN_RECEPTION = "citizen_reception", _("Tiếp công dân")
    MAIL = "mail", _("Qua bưu điện")
    ONLINE = "online", _("Trực tuyến")
    DIRECT = "direct", _("Gửi trực tiếp")


class PetitionStatus(models.TextChoices):
    RECEIVED = "received", _("Đã tiếp nhận")
    CLASSIFIED = "classified", _("Đã phân loại")
    FORWARDED = "forwarded", _("Đã chuyển")
    ANSWERED = "answered", _("Đã trả lời")
    REPORTED = "reported", _("Đã báo cáo cử tri")
    CLOSED = "closed", _("Đã kết thúc")
    MERGED = "merged", _("Đã gộp")


# The states each step of a petition's life starts from: the services' transitions and the permission
# checks that decide which buttons to show both read these.
CORRECTABLE = (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED)
CLASSIFY_FROM = (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED)
FORWARD_FROM = (PetitionStatus.CLASSIFIED,)
MERGEABLE = (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED, PetitionStatus.FORWARDED)
REOPEN_FROM = (PetitionStatus.ANSWERED, PetitionStatus.REPORTED, PetitionStatus.CLOSED)
# The sender says whether the matter is resolved once it was answered or reported to voters.
FEEDBACK_FROM = (PetitionStatus.ANSWERED, PetitionStatus.REPORTED)

class ForwardingStatus(models.TextChoices):
    PENDING = "pending", _("Chờ trả lời")
    CLARIFICATION = "clarification", _("Cơ quan đề nghị làm rõ")
    ANSWERED = "answered", _("Đã trả lời")


class AnswerReview(models.TextChoices):
    """The secretariat's review of an answer an agency submitted in the portal (blank: none to review; an
    answer the secretariat typed in from paper counts as accepted)."""

    SUBMITTED = "submitted", _("Chờ Văn phòng xem xét")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    RETURNED = "returned", _("Bị trả lại, chờ trả lời lại")


# The forwarding states an agency acts from: it answers or asks for clarification while the forwarding waits.
AGENCY_ANSWER_FROM = (ForwardingStatus.PENDING, ForwardingStatus.CLARIFICATION)


class AnswerOutcome(models.TextChoices):
    RESOLVED = "resolved", _("Đã giải quyết")
    BEING_RESOLVED = "being_resolved", _("Đang giải quyết")
    EXPLAINED = "explained", _("Đã giải trình, thông tin")


class FeedbackStatus(models.TextChoices):
    OPEN = "open", _("Chờ xử lý")
    CLOSED = "closed", _("Đã xử lý")
