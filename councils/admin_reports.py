"""The reports of one-off actions done on the portal's pages (a handover, a term changeover), read-only in the
admin."""

from django.contrib import admin

from .admin_base import ScopedAdmin
from .models import Handover, TermChangeover


class _ReportAdmin(ScopedAdmin):
    """A handover or a term changeover is done on the portal's page, which checks and records it; its report
    is read-only here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Handover)
class HandoverAdmin(_ReportAdmin):
    list_display = ["on_date", "from_council", "to_council", "by"]
    list_select_related = ["from_council", "to_council", "by"]
    exclude = ["report"]


@admin.register(TermChangeover)
class TermChangeoverAdmin(_ReportAdmin):
    list_display = ["created_at", "council", "from_term", "to_term", "by"]
    list_select_related = ["council", "from_term", "to_term", "by"]
    exclude = ["report"]
