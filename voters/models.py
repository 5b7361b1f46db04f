"""Voter meetings, citizen receptions, petitions and letters, and their forwarding to agencies."""

import os
import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.models import Agency, Archivable, Body, Council, Deputy, Field, Session, TimeStamped
from councils.scoping import ScopedManager, ScopedQuerySet
from utilities.text import shorten

from .choices import (
    LETTER_KINDS,
    AnswerOutcome,
    AnswerReview,
    Channel,
    FeedbackStatus,
    ForwardingStatus,
    MeetingKind,
    PetitionKind,
    PetitionStatus,
)
from .numbering import DEFAULT_PATTERN, validate_pattern
from .tracking import FORMATTED_LENGTH, new_tracking_code, new_tracking_key


class VoterMeeting(TimeStamped):
    """Tiếp xúc cử tri: before or after a session, or thematic; with the Fatherland Front."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="voter_meetings", verbose_name=_("HĐND"))
    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="voter_meetings",
                             verbose_name=_("Tổ đại biểu / Thường trực"))
    kind = models.CharField(_("hình thức"), max_length=20, choices=MeetingKind.choices, db_index=True)
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True, related_name="voter_meetings",
                                verbose_name=_("kỳ họp"))
    topic = models.CharField(_("chủ đề"), max_length=255, blank=True)
    date = models.DateField(_("ngày"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=255)
    attendance = models.PositiveIntegerField(_("số cử tri tham dự"), default=0)
    with_fatherland_front = models.BooleanField(_("phối hợp với MTTQ"), default=True)
    deputies_present = models.ManyToManyField(Deputy, blank=True, related_name="voter_meetings",
                                              verbose_name=_("đại biểu dự"))
    notes = models.TextField(_("ghi chú"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("cuộc tiếp xúc cử tri")
        verbose_name_plural = _("tiếp xúc cử tri")
        ordering = ["council", "-date"]
        indexes = [models.Index(fields=["council", "kind", "date"])]
        constraints = [
            models.CheckConstraint(condition=~Q(kind=MeetingKind.THEMATIC) | ~Q(topic=""),
                                   name="thematic_meeting_has_topic",
                                   violation_error_message=_("Tiếp xúc cử tri chuyên đề phải có chủ đề.")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.place} ({self.date:%d/%m/%Y})"


class CitizenReception(TimeStamped):
    """Tiếp công dân: a deputy receives citizens, by the standing board's schedule or otherwise."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="citizen_receptions",
                                verbose_name=_("HĐND"))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="citizen_receptions",
                               verbose_name=_("đại biểu tiếp"))
    date = models.DateField(_("ngày tiếp"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=255)
    scheduled = models.BooleanField(_("theo lịch của Thường trực"), default=True)
    people_count = models.PositiveIntegerField(_("số lượt công dân"), default=0)
    notes = models.TextField(_("nội dung chính"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("buổi tiếp công dân")
        verbose_name_plural = _("tiếp công dân")
        ordering = ["council", "-date"]
        indexes = [models.Index(fields=["deputy", "date"])]

    def __str__(self):
        return f"{self.deputy} — {self.date:%d/%m/%Y}"


class PetitionQuerySet(ScopedQuerySet):
    def petitions(self):
        return self.filter(kind=PetitionKind.VOTER_PETITION)

    def letters(self):
        return self.filter(kind__in=LETTER_KINDS)

    def live(self):
        """Not merged away: the rows that count."""
        return self.exclude(status=PetitionStatus.MERGED)


class Petition(Archivable, TimeStamped):
    """Kiến nghị cử tri or đơn thư: forwarded to competent agencies and tracked until answered.

    Never hard-deleted: a duplicate is merged into another petition and keeps pointing at it.
    """

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="petitions", verbose_name=_("HĐND"))
    kind = models.CharField(_("loại"), max_length=20, choices=PetitionKind.choices, default=PetitionKind.VOTER_PETITION,
                            db_index=True)
    code = models.CharField(_("số hiệu"), max_length=30, blank=True)
    content = models.TextField(_("nội dung"))
    # Lower-case, accent-free copy of the content for accent-insensitive search ("duong" finds "đường").
    search_text = models.TextField(_("nội dung tìm kiếm"), blank=True, editable=False)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
                              verbose_name=_("lĩnh vực"))
    channel = models.CharField(_("nguồn tiếp nhận"), max_length=20, choices=Channel.choices, default=Channel.VOTER_MEETING)
    meeting = models.ForeignKey(VoterMeeting, on_delete=models.PROTECT, null=True, blank=True, related_name="petitions",
                                verbose_name=_("cuộc tiếp xúc cử tri"))
    reception = models.ForeignKey(CitizenReception, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="letters", verbose_name=_("buổi tiếp công dân"))
    sender_name = models.CharField(_("người gửi"), max_length=200, blank=True)
    sender_address = models.CharField(_("địa chỉ người gửi"), max_length=300, blank=True)
    received_on = models.DateField(_("ngày tiếp nhận"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=PetitionStatus.choices,
                              default=PetitionStatus.RECEIVED, db_index=True)
    forward_due = models.DateField(_("hạn chuyển"), null=True, blank=True, db_index=True)
    forwarded_on = models.DateField(_("ngày chuyển"), null=True, blank=True)
    reported_session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True,
                                         related_name="reported_petitions", verbose_name=_("báo cáo tại kỳ họp"))
    merged_into = models.ForeignKey("self", on_delete=models.PROTECT, null=True, blank=True, related_name="merged_sources",
                                    verbose_name=_("gộp vào"))
    voters_count = models.PositiveIntegerField(_("số lượt cử tri nêu"), default=1, validators=[MinValueValidator(1)])
    meetings_count = models.PositiveIntegerField(_("số cuộc TXCT nêu"), default=1, validators=[MinValueValidator(1)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("người nhập"))
    proposed_agencies = models.ManyToManyField(Agency, blank=True, related_name="proposed_petitions",
                                               verbose_name=_("cơ quan đề xuất chuyển"))
    classification_note = models.TextField(_("ghi chú phân loại"), blank=True)
    last_reminded_on = models.DateField(_("nhắc hạn chuyển lần cuối"), null=True, blank=True)
    # A denunciation's sender is hidden from the agencies until the secretariat releases it (Law on Denunciations).
    identity_released_on = models.DateField(_("ngày cho cơ quan biết danh tính người tố cáo"), null=True, blank=True)
    # What the sender holds to follow the petition (voters.tracking): a public code and a secret key.
    tracking_code = models.CharField(_("mã tra cứu"), max_length=FORMATTED_LENGTH, unique=True,
                                     default=new_tracking_code, editable=False)
    tracking_key = models.CharField(_("mã bí mật tra cứu"), max_length=FORMATTED_LENGTH, default=new_tracking_key,
                                    editable=False)

    objects = PetitionQuerySet.as_manager()

    class Meta:
        verbose_name = _("kiến nghị, đơn thư")
        verbose_name_plural = _("kiến nghị, đơn thư")
        ordering = ["council", "-received_on", "-id"]
        indexes = [
            models.Index(fields=["council", "status", "received_on"]),
            models.Index(fields=["council", "kind", "received_on"]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["council", "code"], condition=~Q(code=""), name="unique_petition_code",
                                    violation_error_message=_("Số hiệu đã được dùng cho kiến nghị khác của HĐND.")),
            models.CheckConstraint(
                condition=(Q(status=PetitionStatus.MERGED) & Q(merged_into__isnull=False))
                | (~Q(status=PetitionStatus.MERGED) & Q(merged_into__isnull=True)),
                name="merged_iff_merged_into",
                violation_error_message=_("Kiến nghị đã gộp phải chỉ rõ gộp vào kiến nghị nào."),
            ),
            models.CheckConstraint(condition=~Q(merged_into=F("pk")), name="not_merged_into_self",
                                   violation_error_message=_("Không thể gộp kiến nghị vào chính nó.")),
        ]

    def __str__(self):
        return (self.code + " — " if self.code else "") + shorten(self.content, 80)

    @property
    def is_letter(self) -> bool:
        return self.kind in LETTER_KINDS


class PetitionNumbering(TimeStamped):
    """Cách đánh số kiến nghị của một HĐND: the pattern of the number given at intake, and the last one given.

    The services lock this row while they number new petitions, so two intakes at once never share a number,
    and a rolled-back intake gives its numbers back."""

    council_scope = "council"

    council = models.OneToOneField(Council, on_delete=models.PROTECT, related_name="petition_numbering",
                                   verbose_name=_("HĐND"))
    pattern = models.CharField(
        _("mẫu số hiệu"), max_length=60, default=DEFAULT_PATTERN, validators=[validate_pattern],
        help_text=_("{year}: năm tiếp nhận vào sổ; {seq:04d}: số thứ tự (4 chữ số), đánh lại từ 1 mỗi năm nếu mẫu "
                    "có {year}. Ví dụ KN-{year}-{seq:04d} cho KN-2026-0001."))
    year = models.PositiveSmallIntegerField(_("năm đang đánh số"), default=0, editable=False)
    last_number = models.PositiveIntegerField(_("số thứ tự đã cấp gần nhất"), default=0, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("cách đánh số kiến nghị")
        verbose_name_plural = _("cách đánh số kiến nghị")
        ordering = ["council"]

    def __str__(self):
        return f"{self.council} — {self.pattern}"


class Forwarding(TimeStamped):
    """Chuyển kiến nghị tới một cơ quan: its own deadline, answer and outcome. One per petition and agency."""

    council_scope = "council"

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="forwardings",
                                 verbose_name=_("kiến nghị"))
    # The petition's council, kept here too (set on save from the petition, moved with it by a handover): a
    # council's forwardings are then read from their own index, not by probing each of its petitions, for
    # the secretariat's overdue counts and the compliance metrics (issue 13: Hà Nội's home, 50,000 probes).
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="forwardings",
                                editable=False, verbose_name=_("HĐND"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="forwardings",
                               verbose_name=_("cơ quan nhận"))
    document_number = models.CharField(_("số công văn chuyển"), max_length=100, blank=True)
    forwarded_on = models.DateField(_("ngày chuyển"), db_index=True)
    due_date = models.DateField(_("hạn trả lời"), db_index=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=ForwardingStatus.choices,
                              default=ForwardingStatus.PENDING, db_index=True)
    clarification_since = models.DateField(_("đề nghị làm rõ từ"), null=True, blank=True)
    paused_days = models.PositiveIntegerField(_("số ngày tạm dừng"), default=0,
                                              help_text=_("Ngày làm việc tạm dừng tính hạn khi cơ quan đề nghị làm rõ."))
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    outcome = models.CharField(_("kết quả"), max_length=20, choices=AnswerOutcome.choices, blank=True)
    last_reminded_on = models.DateField(_("nhắc hạn lần cuối"), null=True, blank=True)
    # The agency's side, when it answers in the portal: receipt, the reply's number, the secretariat's review.
    acknowledged_on = models.DateField(_("ngày cơ quan xác nhận đã nhận"), null=True, blank=True)
    reply_number = models.CharField(_("số văn bản trả lời"), max_length=100, blank=True)
    review = models.CharField(_("xem xét trả lời"), max_length=20, choices=AnswerReview.choices, blank=True)
    returned_on = models.DateField(_("ngày trả lại câu trả lời"), null=True, blank=True)
    return_reason = models.TextField(_("lý do trả lại"), blank=True)
    # Công khai trả lời: the secretariat publishes the answer to voters (voters.services.publish_answer).
    answer_public = models.BooleanField(_("đã công khai trả lời"), default=False, db_index=True)
    answer_published_on = models.DateField(_("ngày công khai trả lời"), null=True, blank=True)
    # Accent-free copy of the petition's content and the answer, searched on the public pages (no sender name).
    public_search_text = models.TextField(_("nội dung tìm kiếm công khai"), blank=True, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("chuyển kiến nghị")
        verbose_name_plural = _("chuyển kiến nghị")
        ordering = ["petition", "agency"]
        indexes = [
            models.Index(fields=["agency", "status", "due_date"]),
            models.Index(fields=["council", "status", "due_date"]),
            # The secretariat's "answers to review" (an agency's answer waiting on the portal): a handful of rows
            # among a million, found from this index instead of probing every petition of the subtree (Hà Nội's
            # home: 134 ms → 0.1 ms for that count).
            models.Index(fields=["petition"], condition=Q(review=AnswerReview.SUBMITTED),
                         name="forwarding_review_submitted"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["petition", "agency"], name="unique_forwarding_per_agency",
                                    violation_error_message=_("Kiến nghị đã được chuyển tới cơ quan này.")),
            models.CheckConstraint(condition=Q(due_date__gte=F("forwarded_on")), name="forwarding_due_after_sent",
                                   violation_error_message=_("Hạn trả lời không được trước ngày chuyển.")),
            models.CheckConstraint(
                condition=(Q(status=ForwardingStatus.ANSWERED) & ~Q(outcome="") & Q(answered_on__isnull=False))
                | (~Q(status=ForwardingStatus.ANSWERED) & Q(outcome="")),
                name="forwarding_answer_complete",
                violation_error_message=_("Câu trả lời phải có ngày trả lời và kết quả."),
            ),
        ]

    def __str__(self):
        return f"{self.petition_id} → {self.agency}"

    def save(self, *args, **kwargs):
        if self.council_id is None and self.petition_id is not None:
            self.council_id = self.petition.council_id
        super().save(*args, **kwargs)


def attachment_path(instance, filename: str) -> str:
    """A random stored name under MEDIA_ROOT (never served as static): the original name is kept in the row."""
    return f"voters/attachments/{timezone.localdate():%Y}/{uuid.uuid4().hex}{os.path.splitext(filename)[1].lower()}"


class Attachment(Archivable, TimeStamped):
    """Tệp đính kèm: the scanned letter or photos of a petition, or an agency's reply document (``forwarding``
    set). Checked like every upload, served only to who may see the record, never deleted (archived)."""

    council_scope = "petition__council"

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="attachments",
                                 verbose_name=_("kiến nghị"))
    forwarding = models.ForeignKey(Forwarding, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="attachments", verbose_name=_("văn bản trả lời của lần chuyển"))
    file = models.FileField(_("tệp"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("người tải lên"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")
        ordering = ["petition", "created_at", "pk"]

    def __str__(self):
        return self.original_name


class VoterFeedback(TimeStamped):
    """Ý kiến phản hồi của người gửi: is the matter resolved? Given with the tracking code and key, no sign-in.

    A "not resolved" one waits in the secretariat's queue (open) until it reopens the petition (closed)."""

    council_scope = "petition__council"

    petition = models.ForeignKey(Petition, on_delete=models.PROTECT, related_name="feedback",
                                 verbose_name=_("kiến nghị"))
    resolved = models.BooleanField(_("đã được giải quyết"))
    comment = models.TextField(_("ý kiến"), blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=FeedbackStatus.choices,
                              default=FeedbackStatus.CLOSED, db_index=True)
    closed_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    closed_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("người xử lý"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("ý kiến phản hồi của cử tri")
        verbose_name_plural = _("ý kiến phản hồi của cử tri")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["status", "created_at"])]
        constraints = [
            models.CheckConstraint(condition=Q(resolved=False) | Q(status=FeedbackStatus.CLOSED),
                                   name="only_unresolved_feedback_waits",
                                   violation_error_message=_("Chỉ ý kiến “chưa được giải quyết” chờ Văn phòng xử lý.")),
        ]

    def __str__(self):
        return f"{self.petition.tracking_code} — {self.get_status_display()}"
