"""A council's own Word templates for the official documents, and the background jobs that build large ones."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.models import Archivable, Council, TimeStamped
from councils.scoping import ScopedManager

from .choices import DocumentKind, JobStatus, OutputFormat


class DocumentTemplate(Archivable, TimeStamped):
    """Mẫu văn bản Word của một HĐND: replaces the built-in template of one kind for that council only.

    Never deleted: uploading another archives it, and an archived one stays with its history. The file is
    kept in the database so that the web server and the Celery workers read the same bytes.
    """

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="document_templates",
                                verbose_name=_("HĐND"))
    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentKind.choices)
    filename = models.CharField(_("tên tệp"), max_length=255)
    content = models.BinaryField(_("nội dung tệp"))
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="+", verbose_name=_("người tải lên"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("mẫu văn bản")
        verbose_name_plural = _("mẫu văn bản")
        ordering = ["council", "kind", "-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["council", "kind"], condition=Q(archived_at__isnull=True),
                                    name="one_active_document_template",
                                    violation_error_message=_("HĐND đã có mẫu đang dùng cho loại văn bản này.")),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.filename}"


class DocumentJob(TimeStamped):
    """Một lượt tạo văn bản lớn chạy nền: its progress, and the finished file for whoever may see the record."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="document_jobs",
                                verbose_name=_("HĐND"))
    kind = models.CharField(_("loại văn bản"), max_length=30, choices=DocumentKind.choices)
    output = models.CharField(_("định dạng"), max_length=10, choices=OutputFormat.choices)
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    params = models.JSONField(_("tham số"), default=dict, blank=True)
    status = models.CharField(_("trạng thái"), max_length=20, choices=JobStatus.choices, default=JobStatus.QUEUED,
                              db_index=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content = models.BinaryField(_("tệp kết quả"), null=True, blank=True)
    error = models.TextField(_("lỗi"), blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("người yêu cầu"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("lượt tạo văn bản")
        verbose_name_plural = _("lượt tạo văn bản")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="document_job_progress_percent"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} ({self.get_output_display()}) — {self.get_status_display()}"
