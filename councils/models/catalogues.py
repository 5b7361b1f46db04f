"""Catalogues the other apps pick from: competent agencies, subject fields, and the extra days off that
working-day deadlines skip."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from ..choices import AgencyKind
from ..scoping import ScopedManager
from .tree import Archivable, Council, TimeStamped, Versioned


class Agency(TimeStamped):
    """Cơ quan có thẩm quyền: where petitions and recommendations go (UBND, sở, ngành...)."""

    name = models.CharField(_("tên cơ quan"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    kind = models.CharField(_("loại cơ quan"), max_length=30, choices=AgencyKind.choices, default=AgencyKind.DEPARTMENT)
    council = models.ForeignKey(
        Council, on_delete=models.PROTECT, null=True, blank=True, related_name="agencies",
        verbose_name=_("thuộc địa bàn HĐND"), help_text=_("Để trống cho cơ quan trung ương."),
    )
    parent = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="children", verbose_name=_("cơ quan cấp trên")
    )
    email = models.EmailField(_("thư điện tử"), blank=True)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)

    class Meta:
        verbose_name = _("cơ quan có thẩm quyền")
        verbose_name_plural = _("cơ quan có thẩm quyền")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "name"],
                name="unique_agency_name",
                violation_error_message=_("Cơ quan có tên này đã có trong danh mục của địa bàn."),
            ),
        ]

    def __str__(self):
        return self.short_name or self.name


class Field(Versioned):
    """Lĩnh vực: the subject area of a petition or an oversight topic (đất đai, giao thông...)."""

    code = models.SlugField(_("mã lĩnh vực"), max_length=50, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=150, unique=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")
        ordering = ["name"]

    def __str__(self):
        return self.name


class DayOff(Archivable, Versioned):
    """Ngày nghỉ do HĐND bổ sung (beyond weekends and public holidays), for working-day deadlines.

    A day off taken back is archived (``councils.calendar.remove_day_off``), not deleted: it no longer counts
    anywhere, and its history says which deadlines moved back."""

    council_scope = "council"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="days_off",
        verbose_name=_("HĐND"), help_text=_("Để trống nếu áp dụng cho mọi HĐND."),
    )
    date = models.DateField(_("ngày"))
    reason = models.CharField(_("lý do"), max_length=200)
    # Set once the open deadlines this day off falls within were moved (councils.calendar): a second run of
    # the task moves nothing.
    deadlines_moved_at = models.DateTimeField(_("đã tính lại thời hạn lúc"), null=True, blank=True, editable=False)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("ngày nghỉ bổ sung")
        verbose_name_plural = _("ngày nghỉ bổ sung")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "date"], condition=models.Q(archived_at__isnull=True), name="unique_day_off",
                violation_error_message=_("Ngày nghỉ này đã được khai báo."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.reason}"
