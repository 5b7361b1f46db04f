"""Forms of the councils app."""

from django import forms
from django.contrib.admin.forms import AdminAuthenticationForm
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from utilities import ui
from utilities.lockout import LockoutFormMixin
from utilities.text import natural_key

from . import permissions, scoping, selectors
from .choices import BodyKind, Gender, Role, SessionKind
from .models import Agency, Body, Council, Deputy, ElectoralUnit, Membership, Session, Term


class LoginForm(LockoutFormMixin, AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại (mật khẩu phân biệt chữ hoa, chữ thường)."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class AdminLoginForm(LockoutFormMixin, AdminAuthenticationForm):
    """The admin's sign-in, which says so when the lock-out refuses it."""


class ScopedForm(ui.ActorForm):
    """A form whose choices, by field name, are limited to what the acting user may write to; on an edit
    page (``instance``) to the choices of the record's own council."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.council = scoping.council_of(self.instance) if self.instance is not None else None
        user, council = self.user, self.council
        if council is not None:
            # The page has checked the right to edit this record.
            bodies = Body.objects.filter(council=council)
            sessions = Session.objects.filter(council=council)
            deputies = Deputy.objects.filter(council__path__startswith=council.path)
        else:
            if "council" in self.fields:
                self.fields["council"].queryset = Council.objects.manageable_by(user).select_related("level")
                primary = selectors.primary_council(user)
                if not self.is_bound and permissions.can_manage(user, primary):
                    self.fields["council"].initial = primary.pk
            bodies, sessions = Body.objects.manageable_by(user), Session.objects.manageable_by(user)
            deputies = Deputy.objects.for_user(user)
        # How the choices are grouped and named: register_groupings() below, applied by ui.style_form.
        for name, queryset in (("body", bodies), ("responsible_body", bodies), ("session", sessions)):
            if name in self.fields:
                self.fields[name].queryset = queryset.select_related("council")
        for name in ("deputy", "deputies", "assignee_deputies", "followers", "asked_by", "deputies_present"):
            if name in self.fields:
                self.fields[name].queryset = deputies.filter(end_date__isnull=True).select_related("council")
        for name in ("agency", "agencies", "proposed_agencies", "subject_agencies", "answering_agency"):
            if name in self.fields:
                self.fields[name].queryset = selectors.agencies_for(user).filter(is_active=True)


# --- how choices of council records are grouped and named in every form's searchable boxes ------------------------

def by_council(obj) -> tuple:
    """A body's or a session's group: its council, the councils in tree order."""
    return (obj.council.path,), obj.council.name


def _deputy_group(deputy) -> tuple:
    council = deputy.council
    groups = sorted((m.body.name for m in deputy.current_groups), key=natural_key)
    body = groups[0] if groups else _("Chưa thuộc tổ đại biểu")
    # Deputies without a group come after the groups of their council.
    return (council.path, not groups, natural_key(str(body))), f"{council.name} — {body}"


def _current_groups() -> Prefetch:
    return Prefetch("memberships", to_attr="current_groups", queryset=Membership.objects.filter(
        end_date__isnull=True, body__kind=BodyKind.DEPUTY_GROUP, body__dissolved_on__isnull=True,
    ).select_related("body"))


def _agency_group(agency) -> tuple:
    if agency.council is None:
        return ("",), _("Cơ quan trung ương")
    return (agency.council.path,), agency.council.area_name


def register_groupings() -> None:
    """Deputies by council, then by the deputy group they sit in now; bodies and sessions by council; agencies by
    full name (not their abbreviation), grouped by the area they belong to, central ones first."""
    ui.register_grouping(Deputy, group=_deputy_group, prefetch=["council", _current_groups()])
    ui.register_grouping(Body, group=by_council, prefetch=["council"])
    ui.register_grouping(Session, group=by_council, prefetch=["council"])
    ui.register_grouping(Agency, group=_agency_group, label=lambda agency: agency.name, prefetch=["council"])


class SessionForm(ScopedForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    term = forms.ModelChoiceField(label=_("Nhiệm kỳ"), queryset=Term.objects.all())
    number = forms.IntegerField(label=_("Kỳ họp thứ"), min_value=1)
    kind = forms.ChoiceField(label=_("Loại kỳ họp"), choices=SessionKind.choices, initial=SessionKind.REGULAR)
    title = forms.CharField(label=_("Tên kỳ họp"), max_length=255, required=False)
    start_date = ui.PlausibleDateField(label=_("Khai mạc"))
    end_date = ui.PlausibleDateField(label=_("Bế mạc"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    presenter = forms.CharField(label=_("Cơ quan trình"), max_length=255, required=False)


class SessionDocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=500, required=False)
    file = forms.FileField(label=_("Tệp"), required=False)
    sent_at = ui.PlausibleDateTimeField(label=_("Gửi đại biểu lúc"), required=False,
                                        widget=forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
                                        help_text=_("Để trống nếu chưa gửi."))


class SessionEditForm(forms.Form):
    number = SessionForm.base_fields["number"]
    kind = SessionForm.base_fields["kind"]
    title = SessionForm.base_fields["title"]
    start_date = SessionForm.base_fields["start_date"]
    end_date = SessionForm.base_fields["end_date"]
    place = SessionForm.base_fields["place"]


class DeputyEditForm(ScopedForm):
    """Sửa thông tin đại biểu, or end their seat (thôi làm đại biểu)."""

    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    gender = forms.ChoiceField(label=_("Giới tính"), choices=[("", "---------"), *Gender.choices], required=False)
    birth_date = ui.PlausibleDateField(label=_("Ngày sinh"), required=False)
    is_full_time = forms.BooleanField(label=_("Chuyên trách"), required=False)
    is_party_member = forms.BooleanField(label=_("Đảng viên"), required=False)
    electoral_unit = forms.ModelChoiceField(label=_("Đơn vị bầu cử"), queryset=ElectoralUnit.objects.none(),
                                            required=False)
    position = forms.CharField(label=_("Chức vụ, nơi công tác"), max_length=255, required=False)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)
    phone = forms.CharField(label=_("Điện thoại"), max_length=30, required=False)
    start_date = ui.PlausibleDateField(label=_("Bắt đầu"), required=False)
    end_date = ui.PlausibleDateField(label=_("Thôi làm đại biểu từ"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["electoral_unit"].queryset = ElectoralUnit.objects.filter(council=self.council)


# --- accounts (councils.accounts) --------------------------------------------------------------------------

class AccountRoleForm(ui.ActorForm):
    """A role to give: on a council the acting user gives roles on, linked to a deputy or an agency of it."""

    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    role = forms.ChoiceField(label=_("Vai trò"), choices=Role.choices)
    deputy = forms.ModelChoiceField(label=_("Đại biểu"), queryset=Deputy.objects.none(), required=False,
                                    help_text=_("Bắt buộc với vai trò đại biểu."))
    agency = forms.ModelChoiceField(label=_("Cơ quan"), queryset=Agency.objects.none(), required=False,
                                    help_text=_("Bắt buộc với vai trò cán bộ cơ quan."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        councils = selectors.manageable_councils_for(self.user)
        self.fields["council"].queryset = councils
        self.fields["deputy"].queryset = Deputy.objects.filter(
            council__in=councils, end_date__isnull=True, archived_at__isnull=True).select_related("council")
        self.fields["agency"].queryset = Agency.objects.filter(council__in=councils, is_active=True)
        primary = selectors.primary_council(self.user)
        if not self.is_bound and primary is not None and permissions.grantable_roles(self.user, primary):
            self.fields["council"].initial = primary.pk

    def clean(self):
        data = super().clean()
        council, role = data.get("council"), data.get("role")
        if council is not None and role and not permissions.can_grant(self.user, council, role):
            self.add_error("role", _("Bạn không được cấp vai trò này ở HĐND này: chỉ trong phạm vi và dưới vai trò "
                                     "của chính bạn."))
        return data


class AccountCreateForm(AccountRoleForm):
    username = forms.CharField(label=_("Tên đăng nhập"), max_length=150,
                               validators=[UnicodeUsernameValidator()])
    full_name = forms.CharField(label=_("Họ và tên"), max_length=150)
    email = forms.EmailField(label=_("Thư điện tử"), required=False)

    field_order = ["username", "full_name", "email", "council", "role", "deputy", "agency"]


class CouncilChoiceForm(ui.ActorForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = selectors.manageable_councils_for(self.user)
