"""Who may see and do what (role assignments of users on councils), and the history of every write."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from ..choices import ChangeSource, Role
from ..scoping import ScopedManager
from .bodies import Deputy
from .catalogues import Agency
from .tree import Council, Versioned


class RoleAssignment(Versioned):
    """Phân quyền: a user holds a role on a council, and through it sees that council and those below."""

    council_scope = "council"

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_roles", verbose_name=_("người dùng")
    )
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="role_assignments", verbose_name=_("HĐND"))
    role = models.CharField(_("vai trò"), max_length=20, choices=Role.choices)
    deputy = models.ForeignKey(
        Deputy, on_delete=models.CASCADE, null=True, blank=True, related_name="role_assignments",
        verbose_name=_("đại biểu"), help_text=_("Bắt buộc với vai trò đại biểu."),
    )
    agency = models.ForeignKey(
        Agency, on_delete=models.PROTECT, null=True, blank=True, related_name="staff_roles",
        verbose_name=_("cơ quan"), help_text=_("Bắt buộc với vai trò cán bộ cơ quan."),
    )

    objects = ScopedManager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user", "council"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "council", "role"], name="unique_role_assignment",
                violation_error_message=_("Người dùng đã có vai trò này ở HĐND này."),
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.DEPUTY) & Q(deputy__isnull=False)) | (~Q(role=Role.DEPUTY) & Q(deputy__isnull=True)),
                name="deputy_role_has_deputy",
                violation_error_message=_("Vai trò đại biểu phải gắn với một đại biểu; vai trò khác thì không."),
            ),
            models.CheckConstraint(
                condition=(Q(role=Role.AGENCY_STAFF) & Q(agency__isnull=False))
                | (~Q(role=Role.AGENCY_STAFF) & Q(agency__isnull=True)),
                name="agency_role_has_agency",
                violation_error_message=_("Vai trò cán bộ cơ quan phải gắn với một cơ quan; vai trò khác thì không."),
            ),
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.council}"

    def clean(self):
        if self.deputy_id and self.council_id and self.deputy.council_id != self.council_id:
            raise ValidationError({"deputy": _("Đại biểu phải thuộc đúng HĐND được phân quyền.")})
        if self.agency_id and self.council_id and self.agency.council_id != self.council_id:
            raise ValidationError({"agency": _("Cơ quan phải thuộc địa bàn của HĐND được phân quyền.")})


class TemporaryPassword(models.Model):
    """Mật khẩu tạm: a password the secretariat issued (new account or reset), to be changed at the next sign-in.

    Only when it was issued and whether it was changed are kept, never the password itself."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="temporary_password",
                                verbose_name=_("người dùng"))
    issued_at = models.DateTimeField(_("cấp lúc"))
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                                  related_name="+", verbose_name=_("người cấp"))
    changed_at = models.DateTimeField(_("đã đổi lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("mật khẩu tạm")
        verbose_name_plural = _("mật khẩu tạm")

    def __str__(self):
        return str(self.user)

    @property
    def must_change(self) -> bool:
        return self.changed_at is None


class AuditEntry(models.Model):
    """Nhật ký: who changed what and when, for every workflow transition and edit. Never deleted."""

    content_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, verbose_name=_("loại bản ghi"))
    object_id = models.PositiveBigIntegerField(_("mã bản ghi"))
    target = GenericForeignKey("content_type", "object_id")
    council = models.ForeignKey(Council, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("HĐND"))
    action = models.CharField(_("thao tác"), max_length=50)
    from_status = models.CharField(_("từ trạng thái"), max_length=30, blank=True)
    to_status = models.CharField(_("sang trạng thái"), max_length=30, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("người thực hiện")
    )
    at = models.DateTimeField(_("lúc"), auto_now_add=True, db_index=True)
    source = models.CharField(_("nguồn thay đổi"), max_length=10, choices=ChangeSource.choices,
                              default=ChangeSource.COMMAND)

    council_scope = "council"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"
