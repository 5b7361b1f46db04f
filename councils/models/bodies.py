"""The bodies of a council (plenary, standing board, committees, deputy groups, office), its deputies, and who
sits on which body when."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from ..choices import BodyKind, CommitteeType, Gender, MembershipRole
from ..scoping import ScopedManager
from .tree import Archivable, Council, ElectoralUnit, Term, TimeStamped, Versioned


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


class Deputy(Archivable, TimeStamped):
    """Đại biểu HĐND: one person's seat on one council in one term."""

    council_scope = "council"

    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("HĐND"))
    term = models.ForeignKey(Term, on_delete=models.PROTECT, related_name="deputies", verbose_name=_("nhiệm kỳ"))
    full_name = models.CharField(_("họ và tên"), max_length=150, db_index=True)
    code = models.CharField(_("mã đại biểu"), max_length=30, blank=True,
                            help_text=_("Mã do Văn phòng đặt, duy nhất trong HĐND và nhiệm kỳ; dùng để nhập lại từ Excel."))
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
            models.UniqueConstraint(
                fields=["council", "term", "code"], condition=~Q(code=""), name="unique_deputy_code",
                violation_error_message=_("Mã đại biểu này đã được dùng trong HĐND và nhiệm kỳ."),
            ),
        ]

    def __str__(self):
        return self.full_name


class Membership(Versioned):
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
