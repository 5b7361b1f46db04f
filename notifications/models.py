"""Notifications (in the portal and by email), each user's email choice, and the escalation ladder: its
steps (data, per council with a national default) and what each step has sent, once per item."""

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import AuditEntry, Council
from councils.models.tree import Versioned

from .choices import Audience, EmailMode, ItemKind, NotificationKind


class EscalationStep(Versioned):
    """Bậc nhắc hạn: so many working days before (negative) or after (positive) an item's deadline, tell an
    audience (and every audience below it). A council with steps of its own uses them; others the national
    default (no council)."""

    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("HĐND"), help_text=_("Để trống: mặc định toàn quốc."))
    item_kind = models.CharField(_("loại việc"), max_length=20, choices=ItemKind.choices, blank=True,
                                 help_text=_("Để trống: mọi loại việc có thời hạn."))
    days = models.SmallIntegerField(
        _("số ngày làm việc so với hạn"), validators=[MinValueValidator(-60), MaxValueValidator(250)],
        help_text=_("Số âm: trước hạn (−3 là còn 3 ngày làm việc); số dương: quá hạn bấy nhiêu ngày làm việc."))
    audience = models.CharField(_("báo tới"), max_length=20, choices=Audience.choices)
    is_active = models.BooleanField(_("đang áp dụng"), default=True)

    class Meta:
        verbose_name = _("bậc nhắc hạn")
        verbose_name_plural = _("thang nhắc hạn")
        ordering = ["council_id", "item_kind", "days"]
        constraints = [
            models.UniqueConstraint(fields=["council", "item_kind", "days"], condition=Q(council__isnull=False),
                                    name="unique_escalation_step",
                                    violation_error_message=_("HĐND đã có bậc nhắc hạn này.")),
            models.UniqueConstraint(fields=["item_kind", "days"], condition=Q(council__isnull=True),
                                    name="unique_national_escalation_step",
                                    violation_error_message=_("Thang mặc định đã có bậc nhắc hạn này.")),
        ]

    def __str__(self):
        if self.days < 0:
            when = _("còn %(n)s ngày làm việc") % {"n": -self.days}
        elif self.days == 0:
            when = _("đến hạn")
        else:
            when = _("quá hạn %(n)s ngày làm việc") % {"n": self.days}
        return f"{when} → {self.get_audience_display()}"


class EscalationSent(models.Model):
    """Một bậc nhắc hạn đã gửi cho một việc. Unique per (step, item): two runs, even concurrent, send once.
    A step passed while an item was first seen later is recorded as skipped (``notified`` false)."""

    step = models.ForeignKey(EscalationStep, on_delete=models.PROTECT, related_name="sent", verbose_name=_("bậc"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("loại bản ghi"))
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="+", verbose_name=_("HĐND"))
    as_of = models.DateField(_("ngày chạy"))
    notified = models.BooleanField(_("đã gửi thông báo"), default=True)
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần nhắc hạn")
        verbose_name_plural = _("các lần nhắc hạn")
        ordering = ["-as_of", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["step", "content_type", "object_id"], name="escalation_once_per_item"),
        ]
        indexes = [models.Index(fields=["content_type", "object_id"])]

    def __str__(self):
        return f"{self.step} — {self.content_type.model} #{self.object_id} — {self.as_of:%d/%m/%Y}"


class Notification(models.Model):
    """Thông báo cho một người dùng: what happened, on which record, read or not, emailed or not."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications",
                                  verbose_name=_("người nhận"))
    kind = models.CharField(_("loại"), max_length=30, choices=NotificationKind.choices)
    title = models.CharField(_("tiêu đề"), max_length=300)
    body = models.TextField(_("nội dung"), blank=True)
    url = models.CharField(_("đường dẫn"), max_length=500, blank=True)
    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                verbose_name=_("HĐND"))
    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, null=True, blank=True,
                                     verbose_name=_("loại bản ghi"))
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"), null=True, blank=True)
    entry = models.ForeignKey(AuditEntry, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                              verbose_name=_("dòng nhật ký"))
    escalation = models.ForeignKey(EscalationSent, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="notifications", verbose_name=_("lần nhắc hạn"))
    created_at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    read_at = models.DateTimeField(_("đọc lúc"), null=True, blank=True)
    emailed_at = models.DateTimeField(_("gửi thư lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"]), models.Index(fields=["recipient", "created_at"])]
        constraints = [
            # The history listener may hear of a line twice (a retried commit hook): one notification each.
            models.UniqueConstraint(fields=["recipient", "entry"], condition=Q(entry__isnull=False),
                                    name="notification_once_per_entry"),
            models.UniqueConstraint(fields=["recipient", "escalation"], condition=Q(escalation__isnull=False),
                                    name="notification_once_per_escalation"),
        ]

    def __str__(self):
        return self.title

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class EmailPreference(Versioned):
    """Cách nhận thư thông báo của một người dùng; with no row, every notification is emailed at once."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="email_preference",
                                verbose_name=_("người dùng"))
    mode = models.CharField(_("nhận thư thông báo"), max_length=20, choices=EmailMode.choices,
                            default=EmailMode.IMMEDIATE)

    class Meta:
        verbose_name = _("cách nhận thư thông báo")
        verbose_name_plural = _("cách nhận thư thông báo")

    def __str__(self):
        return f"{self.user} — {self.get_mode_display()}"


class ResultSeen(models.Model):
    """The last status the watch saw for a compliance result (a run replaces results, so the previous one is
    kept here to notice a fall from met / on track to at risk / missed)."""

    rule_id = models.PositiveBigIntegerField(_("mã chỉ tiêu"))
    subject_type = models.CharField(_("loại đối tượng"), max_length=20)
    subject_id = models.PositiveBigIntegerField(_("mã đối tượng"))
    period_start = models.DateField(_("kỳ từ ngày"))
    status = models.CharField(_("đánh giá"), max_length=20)

    class Meta:
        verbose_name = _("kết quả chỉ tiêu đã xem")
        verbose_name_plural = _("kết quả chỉ tiêu đã xem")
        constraints = [models.UniqueConstraint(fields=["rule_id", "subject_type", "subject_id", "period_start"],
                                               name="unique_result_seen")]

    def __str__(self):
        return f"{self.rule_id}/{self.subject_type}/{self.subject_id}/{self.period_start}: {self.status}"
