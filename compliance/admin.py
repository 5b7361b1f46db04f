"""Admin of the compliance app: rule sets and rules are edited here; runs and results are read-only."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from councils.admin_base import ReadOnlyScopedAdmin, ServiceAdmin

from .models import EvaluationRun, Evidence, PendingEvaluation, Result, Rule, RuleSet


class RuleInline(admin.TabularInline):
    """The rules of a set at a glance; each is edited on its own page (validated, with its history)."""

    model = Rule
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    fields = ["order", "code", "title", "subject_type", "metric", "period", "comparison", "threshold", "obligation",
              "is_active"]
    show_change_link = True


@admin.register(RuleSet)
class RuleSetAdmin(ServiceAdmin):
    list_display = ["code", "name", "council", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["code", "name"]
    autocomplete_fields = ["council"]
    inlines = [RuleInline]


@admin.register(Rule)
class RuleAdmin(ServiceAdmin):
    list_display = ["code", "title", "ruleset", "subject_type", "metric", "period", "comparison", "threshold",
                    "obligation", "valid_from", "valid_to", "is_active"]
    list_filter = ["ruleset", "subject_type", "metric", "period", "obligation", "is_active", "levels"]
    search_fields = ["code", "title", "legal_document"]
    filter_horizontal = ["levels"]
    autocomplete_fields = ["council"]
    fieldsets = [
        (None, {"fields": ["ruleset", "code", "title", "description", "order", "is_active"]}),
        (_("Căn cứ"), {"fields": ["legal_document", "legal_article", "valid_from", "valid_to"]}),
        (_("Phạm vi"), {"fields": ["levels", "council", "subject_type", "committee_type"]}),
        (_("Cách đo"), {
            "fields": ["metric", "params", "period", "period_days", "comparison", "threshold", "obligation"],
            "description": _(
                "Tham số theo cách đo (JSON). Đếm hoạt động: oversight_kinds, voter_meeting_kinds, session_kinds, "
                "briefing, body_kinds. Chuyển kiến nghị: kinds, within_deadline, deadline_days. Đại biểu đạt số "
                "lần tối thiểu: source (citizen_reception | training), min_count, scheduled_only. Kiến nghị giám "
                "sát: count_partly. Chương trình công tác: origins. Tài liệu kỳ họp: min_days, session_kinds. "
                "Kỳ họp có hoạt động: session_kinds, activity_kinds."
            ),
        }),
    ]


# Figures come only from evaluation runs: nobody edits them by hand.
@admin.register(EvaluationRun)
class EvaluationRunAdmin(ReadOnlyScopedAdmin):
    list_display = ["id", "as_of", "council", "include_subtree", "status", "trigger", "started_at", "finished_at",
                    "query_count"]
    list_filter = ["status", "trigger"]
    date_hierarchy = "started_at"


class EvidenceInline(admin.TabularInline):
    model = Evidence
    fields = ["counted", "date", "label", "content_type", "object_id"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Result)
class ResultAdmin(ReadOnlyScopedAdmin):
    list_display = ["rule", "council", "subject_type", "subject_name", "period_label", "value", "target", "expected",
                    "status"]
    list_filter = ["status", "subject_type", "rule__ruleset", "rule"]
    search_fields = ["subject_name", "council__name", "rule__code"]
    list_select_related = ["rule", "council"]
    inlines = [EvidenceInline]


@admin.register(PendingEvaluation)
class PendingEvaluationAdmin(ReadOnlyScopedAdmin):
    list_display = ["council", "requested_at"]
