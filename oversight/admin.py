"""Django admin of the oversight app, in Vietnamese and scoped to the user's councils.

Status changes are admin actions that call the same services as the API and the pages, so the history
(AuditEntry) and the transition rules hold here too.
"""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext_lazy as _

from councils.admin_base import ScopedAdmin, ScopedInlineMixin
from utilities.uploads import UploadValidator

from . import services
from .models import (
    ActivityDocument,
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Participant,
    Question,
    Recommendation,
    Training,
    TrainingAttendance,
    WorkItem,
)


def _run_each(modeladmin, request, queryset, service, arg_name, done_message):
    """Apply a transition service to each selected row; report refusals instead of failing the batch."""
    done = 0
    for obj in queryset:
        try:
            service(**{arg_name: obj}, actor=request.user)
            done += 1
        except (ValidationError, PermissionDenied) as error:
            text = "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            modeladmin.message_user(request, f"{obj}: {text}", messages.WARNING)
    if done:
        modeladmin.message_user(request, done_message % {"count": done}, messages.SUCCESS)


class DocumentForm(forms.ModelForm):
    file = forms.FileField(label=_("tệp"), validators=[UploadValidator()])

    class Meta:
        model = ActivityDocument
        fields = ["kind", "title", "file"]


class ParticipantInline(ScopedInlineMixin, admin.TabularInline):
    model = Participant
    extra = 0
    autocomplete_fields = ["deputy"]


class RecommendationInline(ScopedInlineMixin, admin.TabularInline):
    model = Recommendation
    extra = 0
    fields = ["content", "agency", "due_date", "status", "completed_on"]
    readonly_fields = ["status", "completed_on"]
    autocomplete_fields = ["agency"]
    show_change_link = True


class DocumentInline(ScopedInlineMixin, admin.TabularInline):
    model = ActivityDocument
    form = DocumentForm
    extra = 0


@admin.register(OversightProgramme)
class ProgrammeAdmin(ScopedAdmin):
    list_display = ["title", "council", "year", "decision_number", "approved_on"]
    list_filter = ["year"]
    search_fields = ["title", "decision_number", "council__name"]
    autocomplete_fields = ["council"]
    list_select_related = ["council"]


@admin.register(OversightActivity)
class ActivityAdmin(ScopedAdmin):
    list_display = ["title", "kind", "council", "body", "deputy", "status", "planned_start", "actual_start"]
    list_filter = ["kind", "status", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "conclusion", "council__name"]
    autocomplete_fields = ["council", "body", "deputy", "subject_agencies", "session"]
    list_select_related = ["council", "body", "deputy"]
    readonly_fields = ["status", "created_by", "created_at", "updated_at"]
    filter_horizontal = ["rechecked_recommendations"]
    date_hierarchy = "planned_start"
    inlines = [ParticipantInline, RecommendationInline, DocumentInline]
    actions = ["start_selected", "cancel_selected"]

    @admin.action(description=_("Bắt đầu các hoạt động đã chọn"))
    def start_selected(self, request, queryset):
        _run_each(self, request, queryset, services.start_activity, "activity", _("Đã bắt đầu %(count)d hoạt động."))

    @admin.action(description=_("Hủy các hoạt động đã chọn"))
    def cancel_selected(self, request, queryset):
        _run_each(self, request, queryset, services.cancel_activity, "activity", _("Đã hủy %(count)d hoạt động."))


@admin.register(Recommendation)
class RecommendationAdmin(ScopedAdmin):
    list_display = ["__str__", "activity", "agency", "due_date", "status", "completed_on"]
    list_filter = ["status", ("activity__council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["content", "agency__name", "activity__title"]
    autocomplete_fields = ["activity", "agency", "followers"]
    list_select_related = ["activity", "agency"]
    readonly_fields = ["status", "created_at", "updated_at"]
    date_hierarchy = "due_date"


class CommitmentInline(ScopedInlineMixin, admin.TabularInline):
    model = Commitment
    extra = 0
    fields = ["content", "agency", "due_date", "status", "completed_on"]
    readonly_fields = ["status", "completed_on"]
    autocomplete_fields = ["agency"]
    show_change_link = True


@admin.register(Question)
class QuestionAdmin(ScopedAdmin):
    list_display = ["__str__", "activity", "asked_by", "answering_agency", "answered_on"]
    search_fields = ["question", "answer", "asked_by__full_name", "answering_agency__name"]
    autocomplete_fields = ["activity", "asked_by", "answering_agency"]
    list_select_related = ["activity", "asked_by", "answering_agency"]
    inlines = [CommitmentInline]


@admin.register(Commitment)
class CommitmentAdmin(ScopedAdmin):
    list_display = ["__str__", "question", "agency", "due_date", "status", "completed_on"]
    list_filter = ["status"]
    search_fields = ["content", "agency__name"]
    autocomplete_fields = ["question", "agency", "followers"]
    list_select_related = ["question", "agency"]
    readonly_fields = ["status", "created_at", "updated_at"]


@admin.register(WorkItem)
class WorkItemAdmin(ScopedAdmin):
    list_display = ["title", "council", "responsible_body", "lead", "due_date", "origin", "status", "done_on"]
    list_filter = ["status", "origin", "year", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "lead", "deliverable", "responsible_body__name"]
    autocomplete_fields = ["council", "responsible_body", "assignee_deputies"]
    filter_horizontal = ["assignee_users"]
    list_select_related = ["council", "responsible_body"]
    readonly_fields = ["status", "done_on", "created_at", "updated_at"]
    date_hierarchy = "due_date"
    actions = ["cancel_selected"]

    @admin.action(description=_("Hủy các công việc đã chọn"))
    def cancel_selected(self, request, queryset):
        _run_each(self, request, queryset, services.cancel_work_item, "item", _("Đã hủy %(count)d công việc."))


class AttendanceInline(ScopedInlineMixin, admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    autocomplete_fields = ["deputy"]


@admin.register(Training)
class TrainingAdmin(ScopedAdmin):
    list_display = ["title", "council", "start_date", "end_date", "organizer"]
    search_fields = ["title", "organizer", "council__name"]
    autocomplete_fields = ["council"]
    list_select_related = ["council"]
    date_hierarchy = "start_date"
    inlines = [AttendanceInline]


@admin.register(Briefing)
class BriefingAdmin(ScopedAdmin):
    list_display = ["topic", "council", "date", "place"]
    search_fields = ["topic", "summary", "council__name"]
    autocomplete_fields = ["council", "participating_councils"]
    list_select_related = ["council"]
    date_hierarchy = "date"
