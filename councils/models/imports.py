"""One Excel import of a council's structure: what was asked, how far it got, and what it did (created /
updated / unchanged counts, or each bad row with its problem). Kept, never deleted: the result page to come
back to, and the record of who imported what."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import ImportKind, ImportStatus
from ..scoping import ScopedManager
from .tree import Council, Term, TimeStamped


class ImportJob(TimeStamped):
    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="import_jobs",
                                verbose_name=_("HĐND"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                             verbose_name=_("nhiệm kỳ"))
    kind = models.CharField(_("loại dữ liệu"), max_length=30, choices=ImportKind.choices)
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content = models.BinaryField(_("tệp đã tải lên"), null=True, blank=True)
    rows = models.PositiveIntegerField(_("số dòng"), default=0)
    status = models.CharField(_("trạng thái"), max_length=20, choices=ImportStatus.choices,
                              default=ImportStatus.QUEUED, db_index=True)
    progress = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    created_count = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated_count = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged_count = models.PositiveIntegerField(_("giữ nguyên"), default=0)
    errors = models.JSONField(_("lỗi"), default=list, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("người nhập"))

    objects = ScopedManager()

    class Meta:
        verbose_name = _("lượt nhập từ Excel")
        verbose_name_plural = _("lượt nhập từ Excel")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(condition=Q(progress__lte=100), name="import_job_progress_percent"),
        ]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.filename} — {self.get_status_display()}"
