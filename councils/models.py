"""Councils and their parts: levels, the council tree, terms, bodies, deputies, sessions, catalogues."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from .choices import AgencyKind, BodyKind, CommitteeType, Gender, MembershipRole, Role, SessionKind
from .scoping import ScopedManager


class TimeStamped(models.Model):
    created_at = models.DateTimeField(_("tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AdministrativeLevel(models.Model):
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
        return self.name

    def is_in_force(self, on_date) -> bool:
        return (self.valid_from is None or self.valid_from <= on_date) and (
            self.valid_to is None or on_date <= self.valid_to
        )


class Council(TimeStamped):
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


class Term(models.Model):
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


class ElectoralUnit(models.Model):
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


class Body(TimeStamped):
    """Cơ quan của HĐND: the plenary, the standing board, a committee, a deputy group or the office."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("HĐND"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="bodies", verbose_name=_("nhiệm kỳ"))
    kind = models.CharField(_("loại"), max_length=20, choices=BodyKind.choices, db_index=True)
    committee_type = models.CharField(
        _("loại Ban"), max_length=20, choices=CommitteeType.choices, blank=True, default=CommitteeType.NONE
    )
    name = models.CharField(_("tên"), max_length=200)
    electoral_units = models.ManyToManyField(
        ElectoralUnit, blank=True, related_name="deputy_groups", verbose_name=_("đơn vị bầu cử")
    )
    dissolved_on = models.DateField(_("giải thể ngày"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("cơ quan của HĐND")
        verbose_name_plural = _("cơ quan của HĐND")
        ordering = ["council", "kind", "name"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind=BodyKind.COMMITTEE) & ~Q(committee_type=""))
                | (~Q(kind=BodyKind.COMMITTEE) & Q(committee_type="")),
                name="body_committee_type_iff_committee",
                violation_error_message=_("Chỉ Ban của HĐND mới có loại Ban, và Ban phải có loại Ban."),
            ),
            models.UniqueConstraint(
                fields=["council", "term", "kind", "committee_type"],
                condition=Q(kind__in=[BodyKind.PLENARY, BodyKind.STANDING_BOARD, BodyKind.COMMITTEE, BodyKind.OFFICE]),
                name="unique_body_per_council_term",
                violation_error_message=_("HĐND này đã có cơ quan này trong nhiệm kỳ."),
            ),
            models.UniqueConstraint(
                fields=["council", "term", "name"],
                name="unique_body_name",
                violation_error_message=_("Tên cơ quan đã được dùng trong HĐND và nhiệm kỳ này."),
            ),
        ]

    def __str__(self):
        return self.name


class Deputy(TimeStamped):
    """Đại biểu HĐND: one person's seat on one council in one term."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("HĐND"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("nhiệm kỳ"))
    full_name = models.CharField(_("họ và tên"), max_length=150, db_index=True)
    gender = models.CharField(_("giới tính"), max_length=10, choices=Gender.choices, blank=True)
    birth_date = models.DateField(_("ngày sinh"), null=True, blank=True)
    is_full_time = models.BooleanField(_("chuyên trách"), default=False)
    is_party_member = models.BooleanField(_("đảng viên"), default=True)
    electoral_unit = models.ForeignKey(
        ElectoralUnit, on_delete=models.PROTECT, null=True, blank=True, related_name="deputies",
        verbose_name=_("đơn vị bầu cử"),
    )
    position = models.CharField(_("chức vụ, nơi công tác"), max_length=255, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    start_date = models.DateField(_("bắt đầu"), null=True, blank=True)
    end_date = models.DateField(_("thôi làm đại biểu từ"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("đại biểu HĐND")
        verbose_name_plural = _("đại biểu HĐND")
        ordering = ["council", "full_name"]
        indexes = [models.Index(fields=["council", "term"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(start_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="deputy_dates_order",
                violation_error_message=_("Ngày thôi làm đại biểu phải sau ngày bắt đầu."),
            ),
        ]

    def __str__(self):
        return self.full_name


class Membership(models.Model):
    """Thành viên của một cơ quan, có thời hạn: a deputy can move between committees."""

    council_scope = "body__council"

    body = models.ForeignKey(Body, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("cơ quan"))
    deputy = models.ForeignKey(Deputy, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("đại biểu"))
    role = models.CharField(_("chức danh"), max_length=20, choices=MembershipRole.choices, default=MembershipRole.MEMBER)
    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(_("đến ngày"), null=True, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("thành viên cơ quan")
        verbose_name_plural = _("thành viên cơ quan")
        ordering = ["body", "role", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=F("start_date")),
                name="membership_dates_order",
                violation_error_message=_("Ngày kết thúc phải sau ngày bắt đầu."),
            ),
            models.UniqueConstraint(
                fields=["body", "deputy", "start_date"],
                name="unique_membership_start",
                violation_error_message=_("Đại biểu đã là thành viên cơ quan này từ ngày đó."),
            ),
        ]

    def __str__(self):
        return f"{self.deputy} — {self.get_role_display()} — {self.body}"


class Session(TimeStamped):
    """Kỳ họp: numbered within the council's term (khóa XVIII, kỳ họp thứ 24)."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("HĐND"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="sessions", verbose_name=_("nhiệm kỳ"))
    number = models.PositiveSmallIntegerField(_("kỳ họp thứ"), validators=[MinValueValidator(1)])
    kind = models.CharField(_("loại kỳ họp"), max_length=20, choices=SessionKind.choices, default=SessionKind.REGULAR)
    title = models.CharField(_("tên kỳ họp"), max_length=255, blank=True)
    start_date = models.DateField(_("khai mạc"), db_index=True)
    end_date = models.DateField(_("bế mạc"))
    place = models.CharField(_("địa điểm"), max_length=255, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("kỳ họp")
        verbose_name_plural = _("kỳ họp")
        ordering = ["council", "-start_date"]
        indexes = [models.Index(fields=["council", "kind", "start_date"])]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "term", "number"],
                name="unique_session_number",
                violation_error_message=_("HĐND đã có kỳ họp mang số này trong nhiệm kỳ."),
            ),
            models.CheckConstraint(
                condition=Q(end_date__gte=F("start_date")),
                name="session_dates_order",
                violation_error_message=_("Ngày bế mạc không được trước ngày khai mạc."),
            ),
        ]

    def __str__(self):
        return self.title or f"Kỳ họp thứ {self.number} — {self.council}"


class SessionAgendaItem(models.Model):
    """Nội dung chương trình kỳ họp."""

    council_scope = "session__council"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="agenda_items", verbose_name=_("kỳ họp"))
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    title = models.CharField(_("nội dung"), max_length=500)
    presenter = models.CharField(_("cơ quan trình"), max_length=255, blank=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("nội dung kỳ họp")
        verbose_name_plural = _("nội dung kỳ họp")
        ordering = ["session", "order"]

    def __str__(self):
        return self.title


class SessionDocument(TimeStamped):
    """Tài liệu kỳ họp, with the moment it reached deputies (to measure the lead time before opening)."""

    council_scope = "session__council"

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="documents", verbose_name=_("kỳ họp"))
    title = models.CharField(_("tên tài liệu"), max_length=500)
    file = models.FileField(_("tệp"), upload_to="sessions/%Y/", blank=True)
    sent_at = models.DateTimeField(_("gửi đại biểu lúc"), null=True, blank=True, db_index=True)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("tài liệu kỳ họp")
        verbose_name_plural = _("tài liệu kỳ họp")
        ordering = ["session", "title"]

    def __str__(self):
        return self.title


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


class Field(models.Model):
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


class DayOff(models.Model):
    """Ngày nghỉ do HĐND bổ sung (beyond weekends and public holidays), for working-day deadlines."""

    council_scope = "council"

    council = models.ForeignKey(
        Council, on_delete=models.CASCADE, null=True, blank=True, related_name="days_off",
        verbose_name=_("HĐND"), help_text=_("Để trống nếu áp dụng cho mọi HĐND."),
    )
    date = models.DateField(_("ngày"))
    reason = models.CharField(_("lý do"), max_length=200)

    objects = ScopedManager()

    class Meta:
        verbose_name = _("ngày nghỉ bổ sung")
        verbose_name_plural = _("ngày nghỉ bổ sung")
        ordering = ["date"]
        constraints = [
            models.UniqueConstraint(
                fields=["council", "date"], name="unique_day_off",
                violation_error_message=_("Ngày nghỉ này đã được khai báo."),
            ),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.reason}"


class RoleAssignment(models.Model):
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
        ]

    def __str__(self):
        return f"{self.user} — {self.get_role_display()} — {self.council}"

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.deputy_id and self.council_id and self.deputy.council_id != self.council_id:
            raise ValidationError({"deputy": _("Đại biểu phải thuộc đúng HĐND được phân quyền.")})


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

    council_scope = "council"
    objects = ScopedManager()

    class Meta:
        verbose_name = _("nhật ký thay đổi")
        verbose_name_plural = _("nhật ký thay đổi")
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["content_type", "object_id", "at"])]

    def __str__(self):
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"
