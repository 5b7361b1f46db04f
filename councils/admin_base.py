"""The admin is scoped like every other list: non-superusers see and edit only their councils' rows."""

from django.contrib import admin
from django.http import Http404

from . import permissions, scoping


def restrict_choices(db_field, request, kwargs) -> None:
    """Choices in a form are scoped too: no picking another council's body or deputy."""
    related = db_field.related_model
    if hasattr(related, "council_scope") and hasattr(related.objects, "for_user"):
        kwargs.setdefault("queryset", related.objects.for_user(request.user))


class ScopedAdmin(admin.ModelAdmin):
    """For models with ``council_scope``: the changelist and every lookup are restricted to the user's
    subtree; changes need manage rights on the row's council."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.for_user(request.user) if hasattr(qs, "for_user") else qs

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or request.user.is_superuser:
            return allowed
        council = scoping.council_of(obj)
        return council is not None and permissions.can_manage(request.user, council)

    def has_delete_permission(self, request, obj=None):
        return self.has_change_permission(request, obj) and super().has_delete_permission(request, obj)

    def get_object(self, request, object_id, from_field=None):
        # Another council's row is a 404, as everywhere else (Django's admin would redirect to its index).
        obj = super().get_object(request, object_id, from_field)
        if obj is None:
            raise Http404
        return obj

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        restrict_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        restrict_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class ScopedInlineMixin:
    """For inlines of scoped models: rows and choices scoped; editing needs manage rights on the parent's
    council."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.for_user(request.user) if hasattr(qs, "for_user") else qs

    def _may_manage(self, request, obj) -> bool:
        if obj is None or request.user.is_superuser or not hasattr(type(obj), "council_scope"):
            return True
        council = scoping.council_of(obj)
        return council is not None and permissions.can_manage(request.user, council)

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and self._may_manage(request, obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and self._may_manage(request, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self._may_manage(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        restrict_choices(db_field, request, kwargs)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        restrict_choices(db_field, request, kwargs)
        return super().formfield_for_manytomany(db_field, request, **kwargs)
