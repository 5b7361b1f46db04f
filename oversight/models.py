"""Oversight (giám sát) with its recommendations, questioning, the work programme, briefings, trainings."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from councils.models import Agency, Archivable, Body, Council, Deputy, Field, Session, TimeStamped
from councils.scoping import ScopedManager
from utilities.dates import check_order
from utilities.text import shorten

from .choices import (
    ActivityKind,
    ActivityStatus,
    DocumentKind,
    FollowUpStatus,
    ParticipantRole,
    WorkItemOrigin,
    WorkItemStatus,
)


class OversightProgramme(TimeStamped):
    """Chương trình giám sát năm của HĐND."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="oversight_programmes",
                                verbose_name=_("HĐND"))
    year = models.PositiveSmallIntegerField(_("năm"))
    title = models.CharField(_("tên chương trình"), max_length=255)
    decision_number = models.CharField(_("số nghị quyết/quyết định"), max_length=100, blank=True)
    approved_on = models.DateField(_("ngày thông qua"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("chương trình giám sát")
        verbose_name_plural = _("chương trình giám sát")
        ordering = ["council", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year"], name="unique_programme_year",
                                    violation_error_message=_("HĐND đã có chương trình giám sát của năm này.")),
        ]

    def __str__(self):
        return self.title


class OversightActivity(Archivable, TimeStamped):
    """Hoạt động giám sát: thematic oversight, survey, questioning, hearing, review, re-oversight."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="oversight_activities",
                                verbose_name=_("HĐND"))
    body = models.ForeignKey(Body, on_delete=models.PROTECT, null=True, blank=True, related_name="oversight_activities",
                             verbose_name=_("chủ thể giám sát"),
                             help_text=_("HĐND, Thường trực, Ban hoặc Tổ đại biểu; để trống nếu đại biểu giám sát."))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="own_oversight_activities", verbose_name=_("đại biểu giám sát"))
    programme = models.ForeignKey(OversightProgramme, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="activities", verbose_name=_("thuộc chương trình"))
    kind = models.CharField(_("hình thức"), max_length=30, choices=ActivityKind.choices, db_index=True)
    title = models.CharField(_("nội dung, chủ đề"), max_length=500)
    field = models.ForeignKey(Field, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("lĩnh vực"))
    subject_agencies = models.ManyToManyField(Agency, blank=True, related_name="overseen_in",
                                              verbose_name=_("cơ quan chịu giám sát"))
    session = models.ForeignKey(Session, on_delete=models.PROTECT, null=True, blank=True,
                                related_name="oversight_activities", verbose_name=_("tại kỳ họp"))
    planned_start = models.DateField(_("dự kiến bắt đầu"), null=True, blank=True)
    planned_end = models.DateField(_("dự kiến kết thúc"), null=True, blank=True)
    actual_start = models.DateField(_("bắt đầu"), null=True, blank=True, db_index=True)
    actual_end = models.DateField(_("kết thúc"), null=True, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=ActivityStatus.choices,
                              default=ActivityStatus.PLANNED, db_index=True)
    conclusion = models.TextField(_("kết luận"), blank=True)
    conclusion_date = models.DateField(_("ngày kết luận"), null=True, blank=True)
    rechecked_recommendations = models.ManyToManyField(
        "Recommendation", blank=True, related_name="rechecked_by", verbose_name=_("kiến nghị được tái giám sát"))
    participants = models.ManyToManyField(Deputy, through="Participant", blank=True,
                                          related_name="oversight_activities", verbose_name=_("thành phần"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="+", verbose_name=_("người tạo"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("hoạt động giám sát")
        verbose_name_plural = _("hoạt động giám sát")
        ordering = ["council", "-actual_start", "-planned_start", "-id"]
        indexes = [models.Index(fields=["council", "kind", "status", "actual_start"])]
        constraints = [
            models.CheckConstraint(condition=Q(body__isnull=False) | Q(deputy__isnull=False),
                                   name="activity_has_actor",
                                   violation_error_message=_("Phải chọn chủ thể giám sát hoặc đại biểu giám sát.")),
            models.CheckConstraint(
                condition=Q(planned_end__isnull=True) | Q(planned_start__isnull=True) | Q(planned_end__gte=F("planned_start")),
                name="activity_planned_order",
                violation_error_message=_("Ngày dự kiến kết thúc không được trước ngày dự kiến bắt đầu.")),
            models.CheckConstraint(
                condition=Q(actual_end__isnull=True) | Q(actual_start__isnull=True) | Q(actual_end__gte=F("actual_start")),
                name="activity_actual_order",
                violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu.")),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        check_order(self, [
            ("planned_start", "planned_end", _("Ngày dự kiến kết thúc không được trước ngày dự kiến bắt đầu.")),
            ("actual_start", "actual_end", _("Ngày kết thúc không được trước ngày bắt đầu.")),
            ("actual_start", "conclusion_date", _("Ngày kết luận không được trước ngày bắt đầu.")),
        ])


class Participant(models.Model):
    """Thành phần đoàn giám sát."""

    council_scope = "activity__council"

    activity = models.ForeignKey(OversightActivity, on_delete=models.CASCADE, related_name="participations",
                                 verbose_name=_("hoạt động"))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="participations",
                               verbose_name=_("đại biểu"))
    role = models.CharField(_("vai trò"), max_length=20, choices=ParticipantRole.choices, default=ParticipantRole.MEMBER)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("thành viên đoàn giám sát")
        verbose_name_plural = _("thành viên đoàn giám sát")
        constraints = [
            models.UniqueConstraint(fields=["activity", "deputy"], name="unique_participant",
                                    violation_error_message=_("Đại biểu đã có trong đoàn.")),
        ]

    def __str__(self):
        return f"{self.deputy} ({self.get_role_display()})"


class ActivityDocument(TimeStamped):
    """Tài liệu của hoạt động giám sát (kế hoạch, báo cáo, kết luận). Served only to who may see the activity."""

    council_scope = "activity__council"

    activity = models.ForeignKey(OversightActivity, on_delete=models.CASCADE, related_name="documents",
                                 verbose_name=_("hoạt động"))
    kind = models.CharField(_("loại tài liệu"), max_length=20, choices=DocumentKind.choices, default=DocumentKind.REPORT)
    title = models.CharField(_("tên tài liệu"), max_length=255)
    file = models.FileField(_("tệp"), upload_to="oversight/%Y/")
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("người tải lên"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("tài liệu giám sát")
        verbose_name_plural = _("tài liệu giám sát")
        ordering = ["activity", "-created_at"]

    def __str__(self):
        return self.title


class FollowUp(Archivable, TimeStamped):
    """What recommendations and questioning commitments share: an addressee, a deadline, a status."""

    content = models.TextField(_("nội dung"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="+", verbose_name=_("cơ quan thực hiện"))
    due_date = models.DateField(_("thời hạn"), null=True, blank=True, db_index=True)
    status = models.CharField(_("tình trạng thực hiện"), max_length=20, choices=FollowUpStatus.choices,
                              default=FollowUpStatus.NOT_STARTED, db_index=True)
    result = models.TextField(_("kết quả thực hiện"), blank=True)
    evidence = models.TextField(_("minh chứng"), blank=True)
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    followers = models.ManyToManyField(Deputy, blank=True, related_name="+", verbose_name=_("đại biểu theo dõi"))

    class Meta:
        abstract = True


class Recommendation(FollowUp):
    """Kiến nghị giám sát: addressed to an agency, with a deadline, followed to the end."""

    council_scope = "activity__council"

    activity = models.ForeignKey(OversightActivity, on_delete=models.PROTECT, related_name="recommendations",
                                 verbose_name=_("hoạt động giám sát"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="recommendations",
                               verbose_name=_("cơ quan được kiến nghị"))
    followers = models.ManyToManyField(Deputy, blank=True, related_name="followed_recommendations",
                                       verbose_name=_("đại biểu theo dõi"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("kiến nghị giám sát")
        verbose_name_plural = _("kiến nghị giám sát")
        ordering = ["due_date", "id"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return shorten(self.content, 80)

    def clean(self):
        concluded = self.activity.conclusion_date if self.activity_id else None
        if self.due_date and concluded and self.due_date < concluded:
            raise ValidationError({"due_date": _("Thời hạn thực hiện không được trước ngày kết luận (%(date)s).")
                                   % {"date": concluded.strftime("%d/%m/%Y")}})


class Question(TimeStamped):
    """Câu hỏi chất vấn: who asked, who answered, the answer."""

    council_scope = "activity__council"

    activity = models.ForeignKey(OversightActivity, on_delete=models.PROTECT, related_name="questions",
                                 verbose_name=_("phiên chất vấn"))
    asked_by = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="questions_asked",
                                 verbose_name=_("đại biểu chất vấn"))
    answering_agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="questions",
                                         verbose_name=_("cơ quan trả lời"))
    answering_official = models.CharField(_("người trả lời"), max_length=200, blank=True)
    question = models.TextField(_("nội dung chất vấn"))
    answer = models.TextField(_("nội dung trả lời"), blank=True)
    answered_on = models.DateField(_("ngày trả lời"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("câu hỏi chất vấn")
        verbose_name_plural = _("câu hỏi chất vấn")
        ordering = ["activity", "id"]

    def __str__(self):
        return shorten(self.question, 80)


class Commitment(FollowUp):
    """Lời hứa, cam kết khi trả lời chất vấn, followed like a recommendation."""

    council_scope = "question__activity__council"

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="commitments",
                                 verbose_name=_("câu hỏi chất vấn"))
    agency = models.ForeignKey(Agency, on_delete=models.PROTECT, related_name="commitments",
                               verbose_name=_("cơ quan cam kết"))
    followers = models.ManyToManyField(Deputy, blank=True, related_name="followed_commitments",
                                       verbose_name=_("đại biểu theo dõi"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("cam kết sau chất vấn")
        verbose_name_plural = _("cam kết sau chất vấn")
        ordering = ["due_date", "id"]

    def __str__(self):
        return shorten(self.content, 80)


class WorkItem(Archivable, TimeStamped):
    """Nội dung chương trình công tác, "5 rõ": rõ người, rõ việc, rõ thời gian, rõ trách nhiệm, rõ sản phẩm."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="work_items", verbose_name=_("HĐND"))
    year = models.PositiveSmallIntegerField(_("năm"), db_index=True)
    origin = models.CharField(_("nguồn"), max_length=10, choices=WorkItemOrigin.choices, default=WorkItemOrigin.PLANNED)
    title = models.CharField(_("rõ việc: nội dung công việc"), max_length=500)
    lead = models.CharField(_("rõ người: người chủ trì"), max_length=200)
    responsible_body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="work_items",
                                         verbose_name=_("rõ trách nhiệm: cơ quan chịu trách nhiệm"))
    due_date = models.DateField(_("rõ thời gian: thời hạn"), db_index=True)
    deliverable = models.CharField(_("rõ kết quả: sản phẩm"), max_length=500)
    assignee_deputies = models.ManyToManyField(Deputy, blank=True, related_name="work_items",
                                               verbose_name=_("đại biểu được giao"))
    assignee_users = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="work_items",
                                            verbose_name=_("chuyên viên được giao"))
    status = models.CharField(_("trạng thái"), max_length=20, choices=WorkItemStatus.choices,
                              default=WorkItemStatus.NOT_STARTED, db_index=True)
    progress_note = models.TextField(_("tiến độ"), blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("nội dung chương trình công tác")
        verbose_name_plural = _("chương trình công tác")
        ordering = ["council", "due_date", "id"]
        indexes = [models.Index(fields=["council", "year", "status"])]
        constraints = [
            models.CheckConstraint(condition=~Q(status=WorkItemStatus.DONE) | Q(done_on__isnull=False),
                                   name="work_item_done_has_date",
                                   violation_error_message=_("Công việc hoàn thành phải có ngày hoàn thành.")),
        ]

    def __str__(self):
        return self.title


class Briefing(TimeStamped):
    """Giao ban chuyên đề giữa Thường trực HĐND hai cấp."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="briefings",
                                verbose_name=_("HĐND chủ trì"))
    topic = models.CharField(_("chủ đề"), max_length=500)
    date = models.DateField(_("ngày"), db_index=True)
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)
    participating_councils = models.ManyToManyField(Council, blank=True, related_name="briefings_attended",
                                                    verbose_name=_("HĐND tham dự"))
    summary = models.TextField(_("kết quả"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("giao ban chuyên đề")
        verbose_name_plural = _("giao ban chuyên đề")
        ordering = ["council", "-date"]

    def __str__(self):
        return self.topic


class Training(TimeStamped):
    """Tập huấn, bồi dưỡng đại biểu."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="trainings", verbose_name=_("HĐND"))
    title = models.CharField(_("tên lớp"), max_length=255)
    organizer = models.CharField(_("đơn vị tổ chức"), max_length=255, blank=True)
    start_date = models.DateField(_("từ ngày"), db_index=True)
    end_date = models.DateField(_("đến ngày"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("lớp tập huấn")
        verbose_name_plural = _("tập huấn, bồi dưỡng")
        ordering = ["council", "-start_date"]
        constraints = [
            models.CheckConstraint(condition=Q(end_date__gte=F("start_date")), name="training_dates_order",
                                   violation_error_message=_("Ngày kết thúc không được trước ngày bắt đầu.")),
        ]

    def __str__(self):
        return self.title

    def clean(self):
        check_order(self, [("start_date", "end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))])


class TrainingAttendance(models.Model):
    """Điểm danh tập huấn."""

    council_scope = "training__council"

    training = models.ForeignKey(Training, on_delete=models.CASCADE, related_name="attendances",
                                 verbose_name=_("lớp tập huấn"))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="training_attendances",
                               verbose_name=_("đại biểu"))
    attended = models.BooleanField(_("có mặt"), default=True)
    note = models.CharField(_("ghi chú"), max_length=255, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("điểm danh tập huấn")
        verbose_name_plural = _("điểm danh tập huấn")
        constraints = [
            models.UniqueConstraint(fields=["training", "deputy"], name="unique_training_attendance",
                                    violation_error_message=_("Đại biểu đã được điểm danh ở lớp này.")),
        ]

    def __str__(self):
        return f"{self.deputy} — {self.training}"
