"""Django admin of the councils app, in Vietnamese, scoped to the user's councils like every other list."""

from django import forms
from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from . import admin_reports, calendar, permissions, selectors, services  # noqa: F401 (admin_reports registers)
from .admin_base import (
    NoDeleteMixin,
    ReadOnlyScopedAdmin,
    ScopedAdmin,
    ScopedInlineMixin,
    ServiceAdmin,
    run_each,
)
from .models import (
    AdministrativeLevel,
    Agency,
    AuditEntry,
    Body,
    Council,
    DayOff,
    Deputy,
    ElectoralUnit,
    Field,
    ImportJob,
    Membership,
    RoleAssignment,
    Session,
    SessionAgendaItem,
    SessionDocument,
    SessionDocumentRead,
    TemporaryPassword,
    Term,
)
from .sessions import (
    add_agenda_item,
    add_session_document,
    create_session,
    update_agenda_item,
    update_session,
)

User = get_user_model()


@admin.register(AdministrativeLevel)
class AdministrativeLevelAdmin(ServiceAdmin):
    list_display = ["name", "code", "rank", "valid_from", "valid_to"]
    search_fields = ["name", "code"]
    ordering = ["rank"]


class CouncilForm(forms.ModelForm):
    class Meta:
        model = Council
        fields = ["name", "area_name", "code", "level", "parent", "valid_from", "valid_to", "email"]

    def clean_parent(self):
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and parent.path.startswith(self.instance.path):
            raise forms.ValidationError(_("Không thể chuyển một HĐND vào dưới chính nó."))
        return parent


@admin.register(Council)
class CouncilAdmin(ScopedAdmin):
    form = CouncilForm
    list_display = ["name", "code", "level", "parent", "valid_from", "valid_to"]
    list_filter = ["level", ("valid_to", admin.EmptyFieldListFilter)]
    search_fields = ["name", "area_name", "code"]
    autocomplete_fields = ["parent"]
    list_select_related = ["level", "parent"]
    readonly_fields = ["path", "depth", "created_at", "updated_at"]
    list_per_page = 50

    # The tree itself (which councils exist, their codes and parents) is the system administrators' work;
    # a secretariat keeps its own council's name, dates and address.
    def has_add_permission(self, request):
        return request.user.is_superuser

    def get_readonly_fields(self, request, obj=None):
        fields = [name for name in super().get_readonly_fields(request, obj) if name != "council"]
        return fields if request.user.is_superuser else [*fields, "code", "level", "parent"]

    def save_model(self, request, obj, form, change):
        # The materialized path of the whole subtree depends on the parent and the code: a change of
        # either goes through the service that rewrites the descendants' paths.
        if change and {"parent", "code"} & set(form.changed_data):
            services.move_council(council=obj, new_parent=obj.parent, actor=request.user)
        else:
            super().save_model(request, obj, form, change)


@admin.register(Term)
class TermAdmin(ServiceAdmin):
    list_display = ["name", "start_date", "end_date"]
    search_fields = ["name"]


@admin.register(ElectoralUnit)
class ElectoralUnitAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_electoral_unit)
    update_service = staticmethod(services.update_electoral_unit)
    object_kwarg, update_takes_data = "unit", True
    list_display = ["name", "number", "council", "term", "seats"]
    list_filter = ["term", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "area", "council__name"]
    autocomplete_fields = ["council"]
    list_select_related = ["council", "term"]


class MembershipInline(ScopedInlineMixin, admin.TabularInline):
    model = Membership
    extra = 0
    fields = ["deputy", "role", "start_date", "end_date"]
    autocomplete_fields = ["deputy"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("deputy")


@admin.register(Body)
class BodyAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_body)
    update_service = staticmethod(services.update_body)
    object_kwarg, update_takes_data = "body", True
    list_display = ["name", "kind", "committee_type", "council", "term", "dissolved_on"]
    list_filter = ["kind", "committee_type", "term", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["name", "council__name"]
    autocomplete_fields = ["council", "electoral_units"]
    list_select_related = ["council", "term"]
    inlines = [MembershipInline]


@admin.register(Deputy)
class DeputyAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_deputy)
    update_service = staticmethod(services.update_deputy)
    object_kwarg, update_takes_data = "deputy", True
    list_display = ["full_name", "council", "term", "is_full_time", "is_party_member", "electoral_unit", "end_date"]
    list_filter = ["term", "is_full_time", "is_party_member", "gender", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["full_name", "position", "email", "council__name"]
    autocomplete_fields = ["council", "electoral_unit"]
    list_select_related = ["council", "term", "electoral_unit"]
    list_per_page = 50


@admin.register(Membership)
class MembershipAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_membership)
    update_service = staticmethod(services.update_membership)
    object_kwarg, update_takes_data = "membership", True
    list_display = ["deputy", "role", "body", "start_date", "end_date"]
    list_filter = ["role", "body__kind", ("body__council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["deputy__full_name", "body__name"]
    autocomplete_fields = ["body", "deputy"]
    list_select_related = ["deputy", "body"]


class AgendaItemInline(ScopedInlineMixin, admin.TabularInline):
    model = SessionAgendaItem
    extra = 0
    fields = ["order", "title", "presenter"]


class SessionDocumentInline(ScopedInlineMixin, admin.TabularInline):
    model = SessionDocument
    extra = 0
    fields = ["title", "file", "sent_at"]


@admin.register(Session)
class SessionAdmin(ScopedAdmin):
    create_service = staticmethod(create_session)
    update_service = staticmethod(update_session)
    object_kwarg = "session"
    list_display = ["__str__", "number", "kind", "council", "term", "start_date", "end_date"]
    list_filter = ["kind", "term", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "place", "council__name"]
    autocomplete_fields = ["council"]
    list_select_related = ["council", "term"]
    date_hierarchy = "start_date"
    inlines = [AgendaItemInline, SessionDocumentInline]


@admin.register(SessionAgendaItem)
class SessionAgendaItemAdmin(ScopedAdmin):
    create_service = staticmethod(add_agenda_item)
    update_service = staticmethod(update_agenda_item)
    object_kwarg = "item"
    list_display = ["title", "order", "session", "presenter"]
    search_fields = ["title", "presenter", "session__title"]
    autocomplete_fields = ["session"]
    list_select_related = ["session__council"]


@admin.register(SessionDocumentRead)
class SessionDocumentReadAdmin(ReadOnlyScopedAdmin):
    """Read receipts are written by a deputy opening the document (``record_document_opened``): read-only here."""

    list_display = ["document", "deputy", "opened_at"]
    search_fields = ["document__title", "deputy__full_name"]
    list_select_related = ["document__session__council", "deputy"]
    date_hierarchy = "opened_at"


@admin.register(SessionDocument)
class SessionDocumentAdmin(ScopedAdmin):
    create_service = staticmethod(add_session_document)
    list_display = ["title", "session", "sent_at"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    search_fields = ["title", "session__title"]
    autocomplete_fields = ["session"]
    list_select_related = ["session__council"]


@admin.register(Agency)
class AgencyAdmin(ServiceAdmin):
    """The catalogue a user can pick from is the one of the pages (central agencies, those of their councils
    and the councils above); a secretariat maintains only its own council's agencies, central ones are the
    system administrators'."""

    list_display = ["name", "short_name", "kind", "council", "is_active"]
    list_filter = ["kind", "is_active"]
    search_fields = ["name", "short_name", "council__name"]
    autocomplete_fields = ["council", "parent"]
    list_select_related = ["council"]

    def get_queryset(self, request):
        return selectors.agencies_for(request.user)

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def _may_manage(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser:
            return True
        return obj.council_id is not None and permissions.can_manage(request.user, obj.council)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if not request.user.is_superuser and "council" in form.base_fields:
            form.base_fields["council"].required = True
        return form

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "council":
            kwargs["queryset"] = Council.objects.manageable_by(request.user)
        elif db_field.name == "parent":
            kwargs["queryset"] = selectors.agencies_for(request.user)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Field)
class FieldAdmin(ServiceAdmin):
    list_display = ["name", "code", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["name", "code"]
    prepopulated_fields = {"code": ["name"]}


@admin.register(DayOff)
class DayOffAdmin(ScopedAdmin):
    """A changed date or a day off taken back moves the open deadlines it had moved, as on the calendar page;
    a day off taken back is not restored here (declare it again: its deadlines then move again)."""

    update_service = staticmethod(calendar.change_day_off)
    object_kwarg = "day_off"
    list_display = ["date", "reason", "council", "archived_at"]
    list_filter = [("council", admin.EmptyFieldListFilter)]
    search_fields = ["reason", "council__name"]
    autocomplete_fields = ["council"]
    date_hierarchy = "date"

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("restore_selected", None)
        return actions

    @admin.action(description=_("Bỏ các ngày nghỉ đã chọn (lưu trữ, tính lại thời hạn)"))
    def archive_selected(self, request, queryset):
        run_each(self, request, queryset, calendar.remove_day_off, "day_off", _("Đã bỏ %(count)d ngày nghỉ."))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(ScopedAdmin):
    create_service = staticmethod(services.assign_role)
    list_display = ["user", "role", "council", "deputy"]
    list_filter = ["role", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["user__username", "user__first_name", "user__last_name", "council__name", "deputy__full_name"]
    autocomplete_fields = ["user", "council", "deputy"]
    list_select_related = ["user", "council", "deputy"]


@admin.register(AuditEntry)
class AuditEntryAdmin(ReadOnlyScopedAdmin):
    """History is append-only: it can be read here, never added, changed or deleted."""

    list_display = ["at", "action", "content_type", "object_id", "from_status", "to_status", "actor", "council"]
    list_filter = ["action", "content_type", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["action", "note", "actor__username"]
    list_select_related = ["content_type", "actor", "council"]
    date_hierarchy = "at"


class RoleAssignmentInline(ScopedInlineMixin, admin.TabularInline):
    model = RoleAssignment
    fk_name = "user"
    extra = 0
    fields = ["council", "role", "deputy"]
    autocomplete_fields = ["council", "deputy"]
    verbose_name = _("vai trò tại HĐND")
    verbose_name_plural = _("vai trò tại các HĐND")


admin.site.unregister(User)


@admin.register(User)
class UserAdmin(NoDeleteMixin, DjangoUserAdmin):
    inlines = [*DjangoUserAdmin.inlines, RoleAssignmentInline]
    list_display = ["username", "first_name", "last_name", "email", "is_staff", "is_active"]


@admin.register(ImportJob)
class ImportJobAdmin(ScopedAdmin):
    """Excel imports are started on the portal's import page (``councils.imports.services.start_import``), which
    checks and records them: read-only here, without the uploaded file."""

    list_display = ["created_at", "kind", "council", "filename", "status", "created_count", "updated_count",
                    "unchanged_count"]
    list_filter = ["kind", "status"]
    list_select_related = ["council", "term"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(TemporaryPassword)
class TemporaryPasswordAdmin(admin.ModelAdmin):
    """When temporary passwords were issued and changed (never the password): read-only, for superusers; the
    secretariat issues them on the account pages (councils.accounts)."""

    list_display = ["user", "issued_at", "issued_by", "changed_at"]
    list_select_related = ["user", "issued_by"]
    search_fields = ["user__username"]

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

