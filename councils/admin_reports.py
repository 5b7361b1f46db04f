"""The reports of one-off actions done on the portal's pages, which check and record them (a handover, a term
changeover): read-only in the admin."""

from django.contrib import admin

from .admin_base import ReadOnlyScopedAdmin
from .models import Handover, TermChangeover


@admin.register(Handover)
class HandoverAdmin(ReadOnlyScopedAdmin):
    list_display = ["on_date", "from_council", "to_council", "by"]
    list_select_related = ["from_council", "to_council", "by"]
    exclude = ["report"]


@admin.register(TermChangeover)
class TermChangeoverAdmin(ReadOnlyScopedAdmin):
    list_display = ["created_at", "council", "from_term", "to_term", "by"]
    list_select_related = ["council", "from_term", "to_term", "by"]
    exclude = ["report"]
