"""Pages about one record: its detail with history and allowed buttons, create and edit forms whose save is
one service call, and workflow buttons (POST) that call one service."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from .cells import Column, Link, Section, display_value
from .extras import page_links, record_key
from .forms import ActorForm, apply_service_errors, style_form
from .lists import PortalPageMixin
from .policy import policy

# The hidden field of a form about one record that carries the version it was rendered with.
VERSION_FIELD = "version"


class ScopedDetailView(PortalPageMixin, TemplateView):
    """One record the user may see (another council's is a 404), its history and allowed buttons."""

    template_name = "ui/detail.html"
    selector: Callable | None = None
    context_object_name = "object"
    show_history = True
    list_url_name: str = ""
    list_title: Any = ""
    # The record's own fields, shown as a definition list by the generic template.
    fields: Sequence[Column] = ()

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(type(self).selector(self.request.user), pk=self.kwargs["pk"])
        return self._object

    def actions(self, obj) -> list[Link]:
        return []

    def sections(self, obj) -> list[Section]:
        return []

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        obj = self.get_object()
        context[self.context_object_name] = obj
        context["object"] = obj
        context["actions"] = self.actions(obj) + page_links(record_key(obj), self.request.user, obj)
        context["fields"] = [(column.label, display_value(column.resolve(obj))) for column in self.fields]
        context["sections"] = self.sections(obj)
        context["list_url"] = reverse(self.list_url_name) if self.list_url_name else ""
        context["list_title"] = self.list_title
        context["history"] = policy.history(obj) if self.show_history else []
        context["title"] = self.title or str(obj)
        return context


class ServiceFormView(PortalPageMixin, TemplateView):
    """A create or edit page whose save is one service call; the service's messages show inline.

    Subclasses give ``form_class`` and ``perform(form) -> object``. A service ValidationError becomes form
    errors; the service's own transaction means nothing is half-saved.
    """

    template_name = "ui/form.html"
    form_class: type[forms.BaseForm] | None = None
    success_message: Any = ""
    cancel_url_name: str = ""
    # A create page gives the service that saves and the page to show the new record on.
    service: Callable | None = None
    detail_url_name: str = ""

    def check_permission(self) -> None:
        if not policy.can_write_anywhere(self.request.user):
            raise PermissionDenied(_("Tài khoản của bạn chỉ có quyền xem."))

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict:
        kwargs: dict = {"user": self.request.user} if issubclass(self.form_class, ActorForm) else {}
        if self.request.method == "POST":
            kwargs.update(data=self.request.POST, files=self.request.FILES)
        return kwargs

    def get_form(self):
        return style_form(self.form_class(**self.get_form_kwargs()))

    def perform(self, form):
        return type(self).service(actor=self.request.user, **form.cleaned_data)

    def success_url(self, obj) -> str:
        return reverse(self.detail_url_name, args=[obj.pk]) if self.detail_url_name else reverse("home")

    def cancel_url(self) -> str:
        return reverse(self.cancel_url_name) if self.cancel_url_name else reverse("home")

    def save(self, form):
        return self.perform(form)

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                obj = self.save(form)
            except ValidationError as error:
                apply_service_errors(form, error)
            else:
                if self.success_message:
                    messages.success(request, self.success_message)
                return HttpResponseRedirect(self.success_url(obj))
        style_form(form)
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = self.cancel_url()
        return context


class ObjectFormView(ServiceFormView):
    """A form about one record (conclude, answer, update status): ``service(<object_kwarg>=obj, actor, **data)``.

    Who may do it is the service's decision (a deputy may update the items they follow): refusals are 403.
    A step that sets fields of the record itself (classify, conclude, update status) says ``prefill``: its form
    starts from the record's current values, so a save that changes one field does not wipe the others.
    """

    selector: Callable | None = None
    object_kwarg: str = ""
    prefill = False
    # Form field -> model attribute, where their names differ.
    field_sources: dict[str, str] = {}

    def check_permission(self) -> None:
        return None

    def current_values(self) -> dict:
        obj, values = self.get_object(), {}
        for name in self.form_class.base_fields:
            source = self.field_sources.get(name, name)
            if not hasattr(obj, source):
                continue
            value = getattr(obj, source)
            values[name] = list(value.all()) if hasattr(value, "all") else value
        return values

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, ActorForm):
            # The choices of the form are those of the record's own council.
            kwargs["instance"] = self.get_object()
        if self.prefill and self.request.method != "POST":
            kwargs["initial"] = self.current_values()
        return kwargs

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(type(self).selector(self.request.user), pk=self.kwargs["pk"])
        return self._object

    def get_form(self):
        form = super().get_form()
        obj = self.get_object()
        if hasattr(obj, "version") and hasattr(form, "fields"):
            # The version the page was rendered with: a save against a newer one is refused (see save()).
            form.fields[VERSION_FIELD] = forms.IntegerField(widget=forms.HiddenInput, required=False,
                                                            initial=obj.version)
        return form

    def save(self, form):
        """The service call, under a lock on the record, refused if the record changed since the form was
        rendered: a stale edit never overwrites a newer one."""
        obj = self.get_object()
        rendered = form.cleaned_data.pop(VERSION_FIELD, None) if hasattr(form, "cleaned_data") else None
        if rendered is None or not hasattr(obj, "version"):
            return self.perform(form)
        with transaction.atomic():
            current = type(obj)._base_manager.select_for_update().values_list("version", flat=True).get(pk=obj.pk)
            if current != rendered:
                raise ValidationError(policy.stale_message(obj, rendered), code="stale")
            return self.perform(form)

    def perform(self, form):
        return type(self).service(**{self.object_kwarg: self.get_object()}, actor=self.request.user,
                                  **form.cleaned_data)

    def success_url(self, obj) -> str:
        return reverse(self.detail_url_name, args=[self.get_object().pk])

    def cancel_url(self) -> str:
        return reverse(self.detail_url_name, args=[self.get_object().pk])

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["object"] = self.get_object()
        return context


class ObjectEditView(ObjectFormView):
    """An edit page: the form starts from the record's current values and the service gets only what changed.

    Who may edit is ``can_edit`` (the secretariat of the record's council unless a page says otherwise): the
    record of another council is a 404 (the selector), a reader without the right a 403. The choices of the
    form are those of the record's own council.
    """

    title = _("Sửa")
    success_message = _("Đã lưu thay đổi.")
    prefill = True

    def can_edit(self, obj) -> bool:
        return policy.can_edit(self.request.user, obj)

    def check_permission(self) -> None:
        if not self.can_edit(self.get_object()):
            raise PermissionDenied(_("Bạn không có quyền sửa bản ghi này."))

    def changed_data(self, form) -> dict:
        """The fields whose value differs from the record's, so the history names exactly what changed."""
        current = self.current_values()
        changed = {}
        for name, value in form.cleaned_data.items():
            old = current.get(name)
            if isinstance(old, list):
                if {o.pk for o in old} != {v.pk for v in value or ()}:
                    changed[name] = list(value or ())
            elif old != value:
                changed[name] = value
        return changed

    def perform(self, form):
        return type(self).service(**{self.object_kwarg: self.get_object()}, actor=self.request.user,
                                  **self.changed_data(form))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.title}: {self.get_object()}"
        return context


class ServiceActionView(LoginRequiredMixin, View):
    """A workflow button (POST only): loads the scoped object, calls one service, reports the outcome."""

    selector: Callable | None = None
    service: Callable | None = None
    object_kwarg: str = ""
    detail_url_name: str = ""
    success_message: Any = ""
    http_method_names = ["post"]

    def get_object(self):
        return get_object_or_404(type(self).selector(self.request.user), pk=self.kwargs["pk"])

    def perform(self, obj):
        note = self.request.POST.get("note", "")
        return type(self).service(**{self.object_kwarg: obj}, actor=self.request.user,
                                  **({"note": note} if note else {}))

    def redirect_url(self, obj) -> str:
        target = self.request.POST.get("next", "")
        if target.startswith("/") and not target.startswith("//"):
            return target
        return reverse(self.detail_url_name, args=[obj.pk]) if self.detail_url_name else "/"

    def post(self, request, *args, **kwargs):
        obj = self.get_object()
        try:
            self.perform(obj)
        except ValidationError as error:
            for text in error.messages:
                messages.error(request, text)
        except Http404:
            raise
        else:
            if self.success_message:
                messages.success(request, self.success_message)
        return HttpResponseRedirect(self.redirect_url(obj))
