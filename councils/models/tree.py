"""The council tree: administrative levels, councils (each with its materialized path), terms and electoral
units, and the timestamps every record carries."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..scoping import ScopedManager


class Versioned(models.Model):
    """A record that can be edited: every change recorded in its history makes a new version
    (``councils.audit.record_audit``), so a form or an API client holding an older one is refused instead of
    overwriting the newer data (ETag / If-Match, and the hidden version of the edit pages)."""

    version = models.PositiveIntegerField(_("phiên bản"), default=1, editable=False)

    class Meta:
        abstract = True


class Archivable(models.Model):
    """A record of the domain that is never deleted: archived (lưu trữ) instead, with when and by whom,
    hidden from lists unless asked for (``archived`` filter), restorable by an administrator, and still
    counted wherever the past is counted (the compliance metrics)."""

    archived_at = models.DateTimeField(_("lưu trữ lúc"), null=True, blank=True, editable=False, db_index=True)
    archived_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, editable=False,
        related_name="+", verbose_name=_("người lưu trữ"),
    )

    class Meta:
        abstract = True

    @property
    def is_archived(self) -> bool:
        return self.archived_at is not None


class TimeStamped(Versioned):
    """Created and updated times, and a version (``Versioned``)."""

    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AdministrativeLevel(Versioned):
    """Cấp hành chính: province, district, commune. Data, not code: district was retired on 1/7/2025."""

    code = models.SlugField(_("mã cấp"), max_length=20, unique=True)
    name = models.CharField(_("tên cấp"), max_length=100)
    rank = models.PositiveSmallIntegerField(_("thứ bậc"), help_text=_("1 = cấp tỉnh; số lớn hơn là cấp dưới."))
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True, help_text=_("Để trống nếu còn hiệu lực."))

    class Meta:
        verbose_name = _("cấp hành chính")
        verbose_name_plural = _("cấp hành chính")
        ordering = ["rank"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="level_valid_range",
                violation_error_message=_("Ngày kết thúc hiệu lực phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        # The standard names are in the catalogue (councils.admin_units); a council's own stays as written.
        return gettext(self.name)

    def is_in_force(self, on_date) -> bool:
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_to is None or on_date <= self.valid_to
        )


class Council(Archivable, TimeStamped):
    """Hội đồng nhân dân: one node of the tree of councils, identified by its official administrative code."""

    council_scope = ""

    name = models.CharField(_("tên HĐND"), max_length=200)
    area_name = models.CharField(_("tên đơn vị hành chính"), max_length=150)
    code = models.CharField(
        _("mã đơn vị hành chính"), max_length=20, unique=True, help_text=_("Mã theo danh mục hành chính nhà nước.")
    )
    level = models.ForeignKey(AdministrativeLevel, on_delete=models.PROTECT, verbose_name=_("cấp"))
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("cấp trên")
    )
    # Materialized path of codes, "/01/00004/": the subtree is one indexed prefix condition.
    path = models.CharField(_("đường dẫn"), max_length=255, unique=True, editable=False)
    depth = models.PositiveSmallIntegerField(_("độ sâu"), default=0, editable=False)
    valid_from = models.DateField(_("hoạt động từ"), null=True, blank=True)
    valid_to = models.DateField(
        _("hoạt động đến"), null=True, blank=True, help_text=_("HĐND cấp huyện kết thúc hoạt động ngày 30/6/2025.")
    )
    email = models.EmailField(_("thư điện tử"), blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("Hội đồng nhân dân")
        verbose_name_plural = _("Hội đồng nhân dân")
        ordering = ["path"]
        indexes = [
            models.Index(fields=["path"], name="council_path_like", opclasses=["varchar_pattern_ops"]),
            models.Index(fields=["level", "parent"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_from__isnull=True) | Q(valid_to__gte=F("valid_from")),
                name="council_valid_range",
                violation_error_message=_("Ngày kết thúc hoạt động phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The path is derived data kept with the row; re-parenting a subtree goes through
        # councils.services.move_council, which rewrites the descendants' paths too.
        self.path = self.compute_path()
        self.depth = self.path.count("/") - 2
        super().save(*args, **kwargs)

    def compute_path(self) -> str:
        prefix = self.parent.path if self.parent_id else "/"
        return f"{prefix}{self.code}/"

    def is_active_on(self, on_date) -> bool:
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_to is None or on_date <= self.valid_to
        )


class Term(Versioned):
    """Nhiệm kỳ (khóa): five years, e.g. 2021-2026 (shortened) and 2026-2031."""

    name = models.CharField(_("nhiệm kỳ"), max_length=20, unique=True, help_text=_("Ví dụ: 2026-2031"))
    start_date = models.DateField(_("bắt đầu"))
    end_date = models.DateField(_("kết thúc"))

    class Meta:
        verbose_name = _("nhiệm kỳ")
        verbose_name_plural = _("nhiệm kỳ")
        ordering = ["-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__gt=F("start_date")),
                name="term_dates_order",
                violation_error_message=_("Ngày kết thúc nhiệm kỳ phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.name


class ElectoralUnit(Versioned):
    """Đơn vị bầu cử of a council in a term."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="electoral_units", verbose_name=_("HĐND"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, verbose_name=_("nhiệm kỳ"))
    number = models.PositiveSmallIntegerField(_("số đơn vị"), validators=[MinValueValidator(1)])
    name = models.CharField(_("tên đơn vị bầu cử"), max_length=200)
    area = models.TextField(_("địa bàn"), blank=True)
    seats = models.PositiveSmallIntegerField(_("số đại biểu được bầu"), default=1)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("đơn vị bầu cử")
        verbose_name_plural = _("đơn vị bầu cử")
        ordering = ["council", "term", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "term", "number"],
                name="unique_electoral_unit_number",
                violation_error_message=_("HĐND này đã có đơn vị bầu cử mang số này trong nhiệm kỳ."),
            ),
        ]

    def __str__(self):
        return self.name
