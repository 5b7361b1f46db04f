"""One django-filter FilterSet per councils resource, shared by the API, the list pages and the exports.

Choices of related records (``council``, ``body``...) are limited to what the caller sees, so a filter
naming another council's record is refused like a record that does not exist.
Every FilterSet of the project derives from ``BaseFilterSet``; the council-linked ones from
``CouncilScopedFilterSet``, the only definition of ``council`` (exactly that council) and ``subtree_of`` (that
council and every council below it).
"""

from __future__ import annotations

import datetime

import django_filters as filters
from django import forms as django_forms
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q, QuerySet
from django.urls import reverse_lazy
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from utilities import text, ui
from utilities.filters import ChoicesFilter

from .choices import AgencyKind, BodyKind, CommitteeType, Gender, MembershipRole, Role, SessionKind
from .models import (
    AdministrativeLevel,
    Agency,
    Archivable,
    AuditEntry,
    Body,
    Council,
    DayOff,
    Deputy,
    ElectoralUnit,
    Field,
    Membership,
    RoleAssignment,
    Session,
    SessionAgendaItem,
    SessionDocument,
    Term,
)


def visible(model):
    """A ModelChoiceFilter queryset: the rows of ``model`` the requesting user may see."""

    def queryset(request):
        user = getattr(request, "user", None)
        return model.objects.for_user(user) if hasattr(model.objects, "for_user") else model.objects.all()

    return queryset


@extend_schema_field({"type": "integer", "minimum": datetime.MINYEAR, "maximum": datetime.MAXYEAR})
class YearFilter(filters.NumberFilter):
    """A calendar year (1-9999) of a date field: larger numbers cannot be turned into dates and must be a
    400, not a server error."""

    field_class = django_forms.IntegerField

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("lookup_expr", "year")
        kwargs.setdefault("min_value", datetime.MINYEAR)
        kwargs.setdefault("max_value", datetime.MAXYEAR)
        super().__init__(*args, **kwargs)


def _in_force_on(queryset: QuerySet, value: datetime.date, start: str, end: str) -> QuerySet:
    """Rows whose [start, end] range (either end open when empty) contains ``value``."""
    return queryset.filter(
        Q(**{f"{start}__isnull": True}) | Q(**{f"{start}__lte": value}),
        Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gte": value}),
    )


class ArchivedFilter(filters.ChoiceFilter):
    """Archived records are out of the lists unless asked for: ``archived=true`` lists only them,
    ``archived=all`` both; without it (or ``false``) only the records in use."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("label", _("lưu trữ"))
        kwargs.setdefault("choices", [("false", _("Đang dùng")), ("true", _("Đã lưu trữ")), ("all", _("Tất cả"))])
        kwargs.setdefault("empty_label", _("Đang dùng"))
        super().__init__(*args, **kwargs)

    def filter(self, queryset, value):
        if value == "all":
            return queryset
        return queryset.filter(archived_at__isnull=value != "true")


class YesNoSelect(django_forms.NullBooleanSelect):
    """A yes/no filter that starts from "all" (Django's select starts from "Chưa xác định", unknown)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [("", _("Tất cả")), ("true", _("Có")), ("false", _("Không"))]


class BaseFilterSet(filters.FilterSet):
    """The root of every FilterSet of the project, so a parameter means one thing on every resource; on
    records that are archived rather than deleted it adds ``archived``. Labels on the pages start with a capital
    letter and yes/no filters offer "Tất cả / Có / Không", whatever a FilterSet declares."""

    @classmethod
    def get_filters(cls):
        declared = super().get_filters()
        model = cls._meta.model
        if model is not None and issubclass(model, Archivable) and "archived" not in declared:
            declared["archived"] = ArchivedFilter(field_name="archived_at")
        for declared_filter in declared.values():
            if isinstance(declared_filter, filters.BooleanFilter):
                declared_filter.extra["widget"] = YesNoSelect
        return declared

    def get_form_class(self):
        # The list pages' filter labels, from verbose names ("đang hoạt động") or declared ones, start with a
        # capital letter like every other label of the page.
        form_class = super().get_form_class()
        for field in form_class.base_fields.values():
            field.label = capfirst(field.label)
        return form_class

    @property
    def qs(self):
        queryset = super().qs
        if not self.is_bound and "archived" in self.filters:
            # A list opened without parameters: the default of the filter still applies.
            queryset = self.filters["archived"].filter(queryset, "")
        return queryset


def council_choice_label(council: Council) -> str:
    """How a council is named in a remote choice box: its name and, below a province, the area above it (many
    communes of the country share a name)."""
    if council.parent_id is None:
        return council.name
    return f"{council.name} — {council.parent.area_name}"


def agency_choice_label(agency: Agency) -> str:
    """How an agency is named in a remote choice box: its full name and its area (every province has its
    "Sở Tài chính")."""
    area = agency.council.area_name if agency.council_id else _("Cơ quan trung ương")
    return f"{agency.name} — {area}"


def council_widget() -> ui.RemoteSelect:
    # The country's 3,355 councils are never all written into a page: the box asks for them as one types.
    return ui.RemoteSelect(reverse_lazy("council_suggestions"), label=council_choice_label, related=["parent"])


def agency_widget() -> ui.RemoteSelect:
    return ui.RemoteSelect(reverse_lazy("agency_suggestions"), label=agency_choice_label, related=["council"])


class AgencyFilter(filters.ModelChoiceFilter):
    """An agency the caller's councils may address, given by its id; on a page, a box searching them remotely."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", agency_widget())
        super().__init__(*args, **kwargs)


class CouncilFilter(filters.ModelChoiceFilter):
    """A council the caller sees, given by its id; on a page, a box searching them remotely."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("queryset", visible(Council))
        kwargs.setdefault("widget", council_widget())
        super().__init__(*args, **kwargs)
        # The schema says "an id" and keeps the help text (overriding the type alone would drop the description).
        extend_schema_field({"type": "integer", "description": self.extra.get("help_text", self.label)})(self)


class CouncilScopedFilterSet(BaseFilterSet):
    """Filters every council-linked resource has: its council, or a council and everything below it."""

    council = CouncilFilter(
        label=_("HĐND"), method="filter_council",
        help_text=_("Chỉ bản ghi của đúng HĐND này, không gồm HĐND cấp dưới "
                    "(dùng subtree_of để gồm cả cấp dưới)."),
    )
    subtree_of = CouncilFilter(
        label=_("HĐND và cấp dưới"), method="filter_subtree_of",
        help_text=_("Bản ghi của HĐND này và mọi HĐND cấp dưới."),
    )
    # How a row reaches its council: the model's ``council_scope`` unless a FilterSet names the lookup itself.
    council_lookup: str | None = None

    @classmethod
    def council_path(cls) -> str:
        """The lookup prefix from a row to its council ("" when the rows are councils)."""
        lookup = cls._meta.model.council_scope if cls.council_lookup is None else cls.council_lookup
        return f"{lookup}__" if lookup else ""

    def filter_council(self, queryset, name, value: Council):
        return queryset.filter(**{f"{self.council_path()}pk": value.pk})

    def filter_subtree_of(self, queryset, name, value: Council):
        return queryset.filter(**{f"{self.council_path()}path__startswith": value.path})


class AdministrativeLevelFilterSet(BaseFilterSet):
    in_force_on = filters.DateFilter(label=_("còn hiệu lực ngày"), method="filter_in_force_on")

    class Meta:
        model = AdministrativeLevel
        fields = {"code": ["exact"], "rank": ["exact", "lte", "gte"]}

    def filter_in_force_on(self, queryset, name, value: datetime.date):
        return _in_force_on(queryset, value, "valid_from", "valid_to")


class CouncilFilterSet(CouncilScopedFilterSet):
    parent = filters.ModelChoiceFilter(label=_("cấp trên"), queryset=visible(Council), widget=council_widget())
    is_root = filters.BooleanFilter(label=_("không có cấp trên"), field_name="parent", lookup_expr="isnull")
    level = filters.ModelChoiceFilter(label=_("cấp"), queryset=AdministrativeLevel.objects.all())
    level_code = filters.CharFilter(label=_("mã cấp"), field_name="level__code")
    active_on = filters.DateFilter(label=_("hoạt động ngày"), method="filter_active_on")

    class Meta:
        model = Council
        fields = {"code": ["exact", "startswith"], "depth": ["exact", "lte"], "name": ["icontains"]}

    def filter_active_on(self, queryset, name, value: datetime.date):
        return _in_force_on(queryset, value, "valid_from", "valid_to")


class TermFilterSet(BaseFilterSet):
    current_on = filters.DateFilter(label=_("đang diễn ra ngày"), method="filter_current_on")

    class Meta:
        model = Term
        fields = {"name": ["exact"], "start_date": ["gte", "lte"]}

    def filter_current_on(self, queryset, name, value: datetime.date):
        return _in_force_on(queryset, value, "start_date", "end_date")


class ElectoralUnitFilterSet(CouncilScopedFilterSet):
    class Meta:
        model = ElectoralUnit
        fields = {"term": ["exact"], "number": ["exact"], "name": ["icontains"]}


class BodyFilterSet(CouncilScopedFilterSet):
    kind = ChoicesFilter(label=_("loại"), choices=BodyKind.choices)
    committee_type = filters.ChoiceFilter(label=_("loại Ban"), choices=CommitteeType.choices[1:])
    is_dissolved = filters.BooleanFilter(label=_("đã giải thể"), field_name="dissolved_on", lookup_expr="isnull",
                                         exclude=True)
    electoral_unit = filters.ModelChoiceFilter(label=_("đơn vị bầu cử"), field_name="electoral_units",
                                               queryset=visible(ElectoralUnit))

    class Meta:
        model = Body
        fields = {"term": ["exact"], "name": ["icontains"]}


class DeputyFilterSet(CouncilScopedFilterSet):
    gender = filters.ChoiceFilter(label=_("giới tính"), choices=Gender.choices)
    electoral_unit = filters.ModelChoiceFilter(label=_("đơn vị bầu cử"), queryset=visible(ElectoralUnit))
    body = filters.ModelChoiceFilter(label=_("thuộc cơ quan"), queryset=visible(Body), method="filter_body",
                                     help_text=_("Đại biểu đang là thành viên của cơ quan này."))
    is_active = filters.BooleanFilter(label=_("đang là đại biểu"), field_name="end_date", lookup_expr="isnull")
    active_on = filters.DateFilter(label=_("là đại biểu vào ngày"), method="filter_active_on")
    q = filters.CharFilter(label=_("tìm theo họ tên (không cần dấu)"), method="filter_q")

    class Meta:
        model = Deputy
        fields = {
            "term": ["exact"], "is_full_time": ["exact"], "is_party_member": ["exact"],
            "full_name": ["icontains"], "birth_date": ["gte", "lte"],
        }

    def filter_body(self, queryset, name, value: Body):
        # Current members only: a deputy who moved to another committee no longer belongs here.
        return queryset.filter(memberships__body=value, memberships__end_date__isnull=True).distinct()

    def filter_active_on(self, queryset, name, value: datetime.date):
        return _in_force_on(queryset, value, "start_date", "end_date")

    def filter_q(self, queryset, name, value):
        return text.search(queryset, ["full_name"], value)


class MembershipFilterSet(CouncilScopedFilterSet):
    body = filters.ModelChoiceFilter(label=_("cơ quan"), queryset=visible(Body))
    deputy = filters.ModelChoiceFilter(label=_("đại biểu"), queryset=visible(Deputy))
    role = ChoicesFilter(label=_("chức danh"), choices=MembershipRole.choices)
    body_kind = filters.ChoiceFilter(label=_("loại cơ quan"), field_name="body__kind", choices=BodyKind.choices)
    is_current = filters.BooleanFilter(label=_("đang giữ"), field_name="end_date", lookup_expr="isnull")
    current_on = filters.DateFilter(label=_("giữ vào ngày"), method="filter_current_on")

    class Meta:
        model = Membership
        fields = {"start_date": ["gte", "lte"]}

    def filter_current_on(self, queryset, name, value: datetime.date):
        return queryset.filter(start_date__lte=value).filter(Q(end_date__isnull=True) | Q(end_date__gte=value))


class SessionFilterSet(CouncilScopedFilterSet):
    kind = ChoicesFilter(label=_("loại kỳ họp"), choices=SessionKind.choices)
    start_date = filters.DateFromToRangeFilter(label=_("khai mạc"))
    year = YearFilter(label=_("năm"), field_name="start_date")

    class Meta:
        model = Session
        fields = {"term": ["exact"], "number": ["exact"], "title": ["icontains"]}


class SessionAgendaItemFilterSet(CouncilScopedFilterSet):
    session = filters.ModelChoiceFilter(label=_("kỳ họp"), queryset=visible(Session))

    class Meta:
        model = SessionAgendaItem
        fields = {"title": ["icontains"]}


class SessionDocumentFilterSet(CouncilScopedFilterSet):
    session = filters.ModelChoiceFilter(label=_("kỳ họp"), queryset=visible(Session))
    is_sent = filters.BooleanFilter(label=_("đã gửi đại biểu"), field_name="sent_at", lookup_expr="isnull",
                                    exclude=True)

    class Meta:
        model = SessionDocument
        fields = {"title": ["icontains"]}


class AgencyFilterSet(CouncilScopedFilterSet):
    # An agency is seen from the councils below its own too, so the model has no council_scope; its council is
    # the one whose area it belongs to.
    council_lookup = "council"

    kind = ChoicesFilter(label=_("loại cơ quan"), choices=AgencyKind.choices)
    is_central = filters.BooleanFilter(label=_("cơ quan trung ương"), field_name="council", lookup_expr="isnull")
    parent = AgencyFilter(label=_("cơ quan cấp trên"), queryset=Agency.objects.all())
    q = filters.CharFilter(label=_("tìm theo tên (không cần dấu)"), method="filter_q")

    class Meta:
        model = Agency
        fields = {"is_active": ["exact"], "name": ["icontains"], "short_name": ["exact"]}

    def filter_q(self, queryset, name, value):
        return text.search(queryset, ["name", "short_name"], value)


class FieldFilterSet(BaseFilterSet):
    class Meta:
        model = Field
        fields = {"code": ["exact"], "is_active": ["exact"], "name": ["icontains"]}


class DayOffFilterSet(CouncilScopedFilterSet):
    date = filters.DateFromToRangeFilter(label=_("ngày"))
    year = YearFilter(label=_("năm"), field_name="date")
    is_common = filters.BooleanFilter(label=_("áp dụng mọi HĐND"), field_name="council", lookup_expr="isnull")

    class Meta:
        model = DayOff
        fields = []


class RoleAssignmentFilterSet(CouncilScopedFilterSet):
    role = ChoicesFilter(label=_("vai trò"), choices=Role.choices)
    username = filters.CharFilter(label=_("tên đăng nhập"), field_name="user__username")
    # Plain numbers, not choices over every user or deputy: an unknown id finds nothing, and reveals nothing.
    user = filters.NumberFilter(label=_("người dùng"), field_name="user_id")
    deputy = filters.NumberFilter(label=_("đại biểu"), field_name="deputy_id")

    class Meta:
        model = RoleAssignment
        fields = []


class AuditEntryFilterSet(CouncilScopedFilterSet):
    model = filters.CharFilter(label=_("loại bản ghi"), method="filter_model",
                               help_text=_("Dạng ứng_dụng.model, ví dụ voters.petition."))
    at = filters.IsoDateTimeFromToRangeFilter(label=_("lúc"))
    actor_username = filters.CharFilter(label=_("người thực hiện"), field_name="actor__username")

    class Meta:
        model = AuditEntry
        fields = {"object_id": ["exact"], "action": ["exact", "startswith"], "to_status": ["exact"]}

    def filter_model(self, queryset, name, value: str):
        app_label, _dot, model = value.lower().partition(".")
        try:
            content_type = ContentType.objects.get_by_natural_key(app_label, model)
        except ContentType.DoesNotExist:
            return queryset.none()
        return queryset.filter(content_type=content_type)
