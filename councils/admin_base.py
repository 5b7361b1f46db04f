"""The admin is one more interface of the portal, held to the same rules as the pages and the API:

- its lists and lookups are scoped (another council's row is a 404), and the choices of its forms offer only
  the councils and records the user may write to;
- its saves go through the services (``create_service`` / ``update_service`` of each ModelAdmin), or, for
  records without a service of their own, through ``councils.services.save_record``: the same permission
  on the target council, the same validation, a history line, and so the re-evaluation;
- nothing of the domain is deleted here: records are archived, and an administrator restores them;
- inlines are read-only, each row is written on its own page through its own service.
"""

import inspect

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.utils.translation import gettext_lazy as _

from . import permissions, selectors, services
from .models import Agency, Archivable


def restrict_choices(db_field, request, kwargs) -> None:
    """Choices in a form are what the user may write to: no pointing a record at another council's body,
    deputy or agency, and no creating one in a council the user only reads."""
    related = db_field.related_model
    if related is Agency:
        kwargs.setdefault("queryset", selectors.agencies_for(request.user))
    elif hasattr(related, "council_scope") and hasattr(related.objects, "manageable_by"):
        kwargs.setdefault("queryset", related.objects.manageable_by(request.user))


def run_each(modeladmin, request, queryset, service, arg_name, done_message) -> None:
    """Apply a service to each selected row; report refusals instead of failing the batch."""
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


class NoDeleteMixin:
    """Nothing of the domain is hard-deleted, by anyone: no delete button, no bulk delete."""

    def has_delete_permission(self, request, obj=None):
        return False

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)
        return actions


class ServiceAdmin(NoDeleteMixin, admin.ModelAdmin):
    """A ModelAdmin whose saves call services. ``create_service(actor=..., **fields)`` and
    ``update_service(<object_kwarg>=record, actor=..., **changed)``; ``argument_names`` maps a form field to
    the service's argument where their names differ; ``update_takes_data`` for services taking ``data=``.
    Without a service, ``councils.services.save_record`` keeps the same rules."""

    create_service = None
    update_service = None
    object_kwarg = ""
    argument_names: dict[str, str] = {}
    update_takes_data = False

    def _arguments(self, service, values: dict) -> dict:
        values = {self.argument_names.get(name, name): value for name, value in values.items()}
        parameters = inspect.signature(service).parameters
        if any(p.kind is inspect.Parameter.VAR_KEYWORD for p in parameters.values()):
            return values
        return {name: value for name, value in values.items() if name in parameters}

    def _m2m(self, obj, form, names) -> dict:
        return {f.name: list(form.cleaned_data[f.name]) for f in obj._meta.many_to_many
                if f.name in names and f.name in form.cleaned_data}

    def save_model(self, request, obj, form, change):
        user = request.user
        if change:
            changed = {name: form.cleaned_data[name] for name in form.changed_data if name in form.cleaned_data}
            if self.update_service is None:
                saved = services.save_record(record=obj, actor=user, m2m=self._m2m(obj, form, changed))
            else:
                original = type(obj)._base_manager.get(pk=obj.pk)
                changed = {name: list(value) if hasattr(value, "model") else value
                           for name, value in changed.items()}
                if self.update_takes_data:
                    call = {"data": {self.argument_names.get(name, name): v for name, v in changed.items()}}
                else:
                    call = self._arguments(type(self).update_service, changed)
                saved = type(self).update_service(**{self.object_kwarg: original}, actor=user, **call)
        elif self.create_service is None:
            saved = services.save_record(record=obj, actor=user, m2m=self._m2m(obj, form, form.cleaned_data),
                                         created=True)
        else:
            values = {name: list(value) if hasattr(value, "model") else value
                      for name, value in form.cleaned_data.items()}
            saved = type(self).create_service(actor=user, **self._arguments(type(self).create_service, values))
        # The admin goes on with ``obj`` (its messages, its history link, the redirect): give it the saved row.
        for field in type(obj)._meta.concrete_fields:
            setattr(obj, field.attname, getattr(saved, field.attname))
        obj._state.adding, obj._state.db = False, saved._state.db

    def save_related(self, request, form, formsets, change):
        # The service saved the many-to-many choices with the record; inlines are read-only, so they saved
        # nothing (the admin's change message reads these lists).
        for formset in formsets:
            formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as error:
            # A rule the service checks beyond the form (the "5 rõ", a date order, a state): nothing was
            # saved (the admin's transaction rolled back); say why in Vietnamese instead of a server error.
            self.message_user(request, "; ".join(error.messages), messages.ERROR)
            return HttpResponseRedirect(request.get_full_path())


class ScopedAdmin(ServiceAdmin):
    """For models with ``council_scope``: the changelist and every lookup are restricted to the user's
    subtree; adding needs a role that writes, changes need manage rights on the row's council, a record
    stays in its council, and archivable records get archive and restore actions."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.for_user(request.user) if hasattr(qs, "for_user") else qs

    def has_add_permission(self, request):
        return super().has_add_permission(request) and permissions.can_write_anywhere(request.user)

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if not allowed or obj is None or request.user.is_superuser:
            return allowed
        return permissions.can_manage_object(request.user, obj)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        names = {f.name for f in self.model._meta.fields}
        if obj is not None and "council" in names and "council" not in fields:
            fields.append("council")
        return fields

    def get_actions(self, request):
        actions = super().get_actions(request)
        if issubclass(self.model, Archivable):
            for name in ("archive_selected", "restore_selected"):
                actions.setdefault(name, self.get_action(name))
        return actions

    @admin.action(description=_("Lưu trữ các bản ghi đã chọn (không xóa)"))
    def archive_selected(self, request, queryset):
        run_each(self, request, queryset, services.archive_record, "record", _("Đã lưu trữ %(count)d bản ghi."))

    @admin.action(description=_("Khôi phục các bản ghi đã chọn"))
    def restore_selected(self, request, queryset):
        run_each(self, request, queryset, services.restore_record, "record", _("Đã khôi phục %(count)d bản ghi."))

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


class ReadOnlyScopedAdmin(ScopedAdmin):
    """A record written only by its own service (a read receipt, an import, a handover's report): scoped like
    the others, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class ScopedInlineMixin:
    """Inlines of scoped models show the related rows the user may see, read-only: each row is written on
    its own page through its own service (and nothing is deleted)."""

    def get_queryset(self, request):
        qs = super().get_queryset(request)
        return qs.for_user(request.user) if hasattr(qs, "for_user") else qs

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
