"""Django admin of the oversight app, in Vietnamese and scoped to the user's councils.

Status changes are admin actions that call the same services as the API and the pages, so the history
(AuditEntry) and the transition rules hold here too.
"""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from councils.admin_base import ScopedAdmin, ScopedInlineMixin, run_each
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
    create_service = staticmethod(services.create_programme)
    update_service = staticmethod(services.update_programme)
    object_kwarg = "programme"
    list_display = ["title", "council", "year", "decision_number", "approved_on"]
    list_filter = ["year"]
    search_fields = ["title", "decision_number", "council__name"]
    autocomplete_fields = ["council"]
    list_select_related = ["council"]


@admin.register(OversightActivity)
class ActivityAdmin(ScopedAdmin):
    """Description and dates here; the status, the conclusion and re-checked recommendations have their own
    steps (the actions below, the pages and the API)."""

    create_service = staticmethod(services.create_activity)
    update_service = staticmethod(services.update_activity)
    object_kwarg = "activity"
    list_display = ["title", "kind", "council", "body", "deputy", "status", "planned_start", "actual_start"]
    list_filter = ["kind", "status", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "conclusion", "council__name"]
    autocomplete_fields = ["council", "body", "deputy", "subject_agencies", "session"]
    list_select_related = ["council", "body", "deputy"]
    readonly_fields = ["status", "conclusion", "conclusion_date", "rechecked_recommendations", "created_by",
                       "created_at", "updated_at"]
    date_hierarchy = "planned_start"
    inlines = [ParticipantInline, RecommendationInline, DocumentInline]
    actions = ["start_selected", "cancel_selected"]

    @admin.action(description=_("Bắt đầu các hoạt động đã chọn"))
    def start_selected(self, request, queryset):
        run_each(self, request, queryset, services.start_activity, "activity", _("Đã bắt đầu %(count)d hoạt động."))

    @admin.action(description=_("Hủy các hoạt động đã chọn"))
    def cancel_selected(self, request, queryset):
        run_each(self, request, queryset, services.cancel_activity, "activity", _("Đã hủy %(count)d hoạt động."))


@admin.register(Recommendation)
class RecommendationAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_recommendation)
    update_service = staticmethod(services.update_recommendation)
    object_kwarg = "recommendation"
    list_display = ["__str__", "activity", "agency", "due_date", "status", "completed_on"]
    list_filter = ["status", ("activity__council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["content", "agency__name", "activity__title"]
    autocomplete_fields = ["activity", "agency", "followers"]
    list_select_related = ["activity", "agency"]
    readonly_fields = ["status", "result", "evidence", "completed_on", "created_at", "updated_at"]
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
    create_service = staticmethod(services.create_question)
    update_service = staticmethod(services.update_question)
    object_kwarg = "item"
    list_display = ["__str__", "activity", "asked_by", "answering_agency", "answered_on"]
    search_fields = ["question", "answer", "asked_by__full_name", "answering_agency__name"]
    autocomplete_fields = ["activity", "asked_by", "answering_agency"]
    list_select_related = ["activity", "asked_by", "answering_agency"]
    inlines = [CommitmentInline]


@admin.register(Commitment)
class CommitmentAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_commitment)
    update_service = staticmethod(services.update_commitment)
    object_kwarg = "commitment"
    list_display = ["__str__", "question", "agency", "due_date", "status", "completed_on"]
    list_filter = ["status"]
    search_fields = ["content", "agency__name"]
    autocomplete_fields = ["question", "agency", "followers"]
    list_select_related = ["question", "agency"]
    readonly_fields = ["status", "result", "evidence", "completed_on", "created_at", "updated_at"]


@admin.register(WorkItem)
class WorkItemAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_work_item)
    update_service = staticmethod(services.update_work_item)
    object_kwarg = "item"
    list_display = ["title", "council", "responsible_body", "lead", "due_date", "origin", "status", "done_on"]
    list_filter = ["status", "origin", "year", ("council", admin.RelatedOnlyFieldListFilter)]
    search_fields = ["title", "lead", "deliverable", "responsible_body__name"]
    autocomplete_fields = ["council", "responsible_body", "assignee_deputies"]
    filter_horizontal = ["assignee_users"]
    list_select_related = ["council", "responsible_body"]
    readonly_fields = ["status", "done_on", "progress_note", "created_at", "updated_at"]
    date_hierarchy = "due_date"
    actions = ["cancel_selected"]

    @admin.action(description=_("Hủy các công việc đã chọn"))
    def cancel_selected(self, request, queryset):
        run_each(self, request, queryset, services.cancel_work_item, "item", _("Đã hủy %(count)d công việc."))


class AttendanceInline(ScopedInlineMixin, admin.TabularInline):
    model = TrainingAttendance
    extra = 0
    autocomplete_fields = ["deputy"]


@admin.register(Training)
class TrainingAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_training)
    update_service = staticmethod(services.update_training)
    object_kwarg = "training"
    list_display = ["title", "council", "start_date", "end_date", "organizer"]
    search_fields = ["title", "organizer", "council__name"]
    autocomplete_fields = ["council"]
    list_select_related = ["council"]
    date_hierarchy = "start_date"
    inlines = [AttendanceInline]


@admin.register(Briefing)
class BriefingAdmin(ScopedAdmin):
    create_service = staticmethod(services.create_briefing)
    update_service = staticmethod(services.update_briefing)
    object_kwarg = "briefing"
    list_display = ["topic", "council", "date", "place"]
    search_fields = ["topic", "summary", "council__name"]
    autocomplete_fields = ["council", "participating_councils"]
    list_select_related = ["council"]
    date_hierarchy = "date"
