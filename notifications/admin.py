"""Admin of the notifications app, read only: notifications are written by the events and the ladder, the
ladder's steps by its data migration (a change of the ladder is a migration, reviewed like code). A staff
member who is not a superuser sees their own notifications and the steps and sends of their councils."""

from django.contrib import admin
from django.db.models import Q

from councils import scoping

from .models import EscalationSent, EscalationStep, Notification


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Notification)
class NotificationAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "recipient", "kind", "title", "read_at", "emailed_at"]
    list_filter = ["kind"]
    search_fields = ["title", "recipient__username"]
    list_select_related = ["recipient"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        return queryset if scoping.sees_everything(request.user) else queryset.filter(recipient=request.user)


@admin.register(EscalationStep)
class EscalationStepAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "council", "item_kind", "days", "audience", "is_active"]
    list_select_related = ["council"]

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if scoping.sees_everything(request.user):
            return queryset
        return queryset.filter(Q(council__isnull=True) | scoping.scope_q(request.user, "council"))


@admin.register(EscalationSent)
class EscalationSentAdmin(ReadOnlyAdmin):
    list_display = ["as_of", "step", "content_type", "object_id", "council", "notified"]
    list_filter = ["notified"]
    list_select_related = ["step", "content_type", "council"]

    def get_queryset(self, request):
        return super().get_queryset(request).filter(scoping.scope_q(request.user, "council"))
