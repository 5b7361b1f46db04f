"""Django admin of the voters app, in Vietnamese and scoped to the user's councils.

Petitions are never deleted, and their status is never edited by hand: lifecycle fields are read-only here
and changes go through voters.services (which keep the search text and the history).
"""

from django.contrib import admin
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _

from councils.admin_base import ReadOnlyScopedAdmin, ScopedAdmin, ScopedInlineMixin
from utilities import pagination
from utilities.admin_filters import AutocompleteFilter

from . import services
from .choices import PetitionStatus
from .models import CitizenReception, Forwarding, Petition, PetitionNumbering, VoterFeedback, VoterMeeting
from .search import search_petitions


class ForwardingInline(ScopedInlineMixin, admin.TabularInline):
    """Read-only: forwardings are created, answered and reopened through the petition's services."""

    model = Forwarding
    extra = 0
    can_delete = False
    fields = ["agency", "document_number", "forwarded_on", "due_date", "status", "clarification_since",
              "paused_days", "outcome", "answered_on", "answer"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(VoterMeeting)
class VoterMeetingAdmin(ScopedAdmin):
    create_service = staticmethod(services.record_voter_meeting)
    update_service = staticmethod(services.update_voter_meeting)
    object_kwarg = "meeting"
    argument_names = {"deputies_present": "deputies"}
    list_display = ["date", "kind", "place", "body", "council", "attendance"]
    list_filter = ["kind", "with_fatherland_front", "date"]
    search_fields = ["place", "topic", "notes"]
    date_hierarchy = "date"
    filter_horizontal = ["deputies_present"]
    list_select_related = ["body", "council"]


@admin.register(CitizenReception)
class CitizenReceptionAdmin(ScopedAdmin):
    create_service = staticmethod(services.record_citizen_reception)
    update_service = staticmethod(services.update_citizen_reception)
    object_kwarg = "reception"
    list_display = ["date", "deputy", "place", "scheduled", "people_count", "council"]
    list_filter = ["scheduled", "date"]
    search_fields = ["place", "notes", "deputy__full_name"]
    date_hierarchy = "date"
    list_select_related = ["deputy", "council"]


class CouncilFilter(AutocompleteFilter):
    title = _("HĐND")
    parameter_name = "council"
    source = (Petition, "council")
    lookup = "council_id"


class AgencyFilter(AutocompleteFilter):
    title = _("cơ quan nhận")
    parameter_name = "agency"
    source = (Forwarding, "agency")

    def filter_rows(self, queryset, pk):
        # Exists, not a join: a petition sent to several agencies is listed once.
        return queryset.filter(Exists(Forwarding.objects.filter(petition=OuterRef("pk"), agency_id=pk)))


@admin.register(Petition)
class PetitionAdmin(ScopedAdmin):
    """Kiến nghị cử tri and đơn thư; filter by "loại" to see the letters."""

    update_service = staticmethod(services.update_petition)
    object_kwarg = "petition"

    list_display = ["__str__", "kind", "status", "field", "received_on", "forward_due", "council"]
    # Councils and agencies are picked by autocomplete: thousands of them on a national database.
    list_filter = [CouncilFilter, AgencyFilter, "kind", "status", "channel", "field", "received_on"]
    search_fields = ["search_text", "code"]
    list_select_related = ["field", "council"]
    # The count is bounded (utilities.pagination) and not repeated for the unfiltered total.
    show_full_result_count = False
    inlines = [ForwardingInline]
    readonly_fields = ["status", "forward_due", "forwarded_on", "reported_session", "merged_into",
                       "classification_note", "last_reminded_on", "created_by", "tracking_code", "tracking_key"]
    fields = ["council", "kind", "channel", "code", "content", "field", "meeting", "reception", "sender_name",
              "sender_address", "received_on", "voters_count", "meetings_count", *readonly_fields]

    @property
    def media(self):
        return super().media + AutocompleteFilter.media(self.admin_site)

    def get_paginator(self, request, queryset, per_page, orphans=0, allow_empty_first_page=True):
        return pagination.BoundedPaginator(queryset, per_page, orphans=orphans,
                                           allow_empty_first_page=allow_empty_first_page,
                                           max_pages=max(1, pagination.COUNT_LIMIT // per_page))

    def get_search_results(self, request, queryset, search_term):
        # search_text is accent-free: normalise the term the same way ("duong" and "đường" both match).
        return search_petitions(queryset, search_term), False

    def get_readonly_fields(self, request, obj=None):
        return ["council", "kind", "channel", "meeting", "reception", *self.readonly_fields]

    def has_add_permission(self, request):
        # Intake has its own forms (a meeting's petitions in one go, receptions, letters, Excel import).
        return False

    def has_change_permission(self, request, obj=None):
        if obj is not None and obj.status in (PetitionStatus.MERGED, PetitionStatus.CLOSED):
            return False
        return super().has_change_permission(request, obj)


@admin.register(Forwarding)
class ForwardingAdmin(ReadOnlyScopedAdmin):
    """Overview of forwardings by agency and deadline; changes go through the petition's services."""

    list_display = ["petition", "agency", "forwarded_on", "due_date", "status", "outcome", "answer_public"]
    list_filter = ["status", "outcome", "due_date"]
    search_fields = ["agency__name", "petition__code", "document_number"]
    list_select_related = ["petition", "agency"]


@admin.register(VoterFeedback)
class VoterFeedbackAdmin(ReadOnlyScopedAdmin):
    """Read-only: senders give feedback on the public lookup page; the secretariat reopens from its queue."""

    list_display = ["created_at", "petition", "resolved", "status", "closed_at"]
    list_filter = ["status", "resolved"]
    search_fields = ["petition__tracking_code", "petition__code", "comment"]
    list_select_related = ["petition"]


@admin.register(PetitionNumbering)
class PetitionNumberingAdmin(ScopedAdmin):
    """The pattern of each council's petition numbers; the sequence itself is advanced by the intake services."""

    list_display = ["council", "pattern", "year", "last_number"]
    fields = ["council", "pattern", "year", "last_number"]
    readonly_fields = ["year", "last_number"]
    list_select_related = ["council"]

    def has_delete_permission(self, request, obj=None):
        return False
