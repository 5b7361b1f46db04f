"""Building blocks shared by every HTML page: scoped lists (filters, search, sorting, pagination, htmx
refresh, Excel export), form pages that call a service, detail pages with their history, workflow buttons.

Pages hold no business logic: the queryset comes from a selector (scoped to the user), filtering from the
resource's FilterSet (the same one the API and exports use), writes from a service.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist, PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Model, QuerySet
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView, View

from councils import scoping
from councils.choices import Role
from councils.models import AuditEntry
from hdnd_portal.xlsx import xlsx_response

PAGE_SIZE = 25
# The widest export a page builds in one request; bigger sets are filtered first.
EXPORT_LIMIT = 20000


# --- users and roles ---------------------------------------------------------------------------------

def persona(user, council) -> str:
    """Which home page and tools a user gets on a council: secretariat, deputy or party viewer."""
    if user.is_superuser:
        return "secretariat"
    roles = scoping.roles_for(user, council) if council else set()
    if Role.SECRETARIAT in roles or Role.ADMINISTRATOR in roles:
        return "secretariat"
    if Role.DEPUTY in roles:
        return "deputy"
    return "party_viewer"


def can_write_anywhere(user) -> bool:
    """Whether the user holds a role that may enter records at all (party viewers only read)."""
    if user.is_superuser:
        return True
    return bool(scoping.scope_paths(user, roles=(Role.SECRETARIAT, Role.ADMINISTRATOR)))


def require_manage(user, council) -> None:
    if council is None or not scoping.can_manage(user, council):
        raise PermissionDenied(_("Bạn không có quyền thay đổi dữ liệu của HĐND này."))


# --- forms ---------------------------------------------------------------------------------------------

DATE_PLACEHOLDER = "dd/mm/yyyy"


def style_form(form: forms.BaseForm) -> forms.BaseForm:
    """Give every widget its Bootstrap class, and date fields a dd/mm/yyyy text input."""
    for name, bound_field in form.fields.items():
        widget = bound_field.widget
        if isinstance(bound_field, forms.DateField) and not isinstance(widget, forms.HiddenInput):
            widget = bound_field.widget = forms.DateInput(format="%d/%m/%Y", attrs=widget.attrs)
            widget.attrs.setdefault("placeholder", DATE_PLACEHOLDER)
            widget.attrs.setdefault("inputmode", "numeric")
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
            widget, forms.CheckboxSelectMultiple
        ):
            css = "form-select"
        elif isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
            css = ""
        else:
            css = "form-control"
        if css:
            widget.attrs["class"] = (widget.attrs.get("class", "") + " " + css).strip()
        # Only look at errors already computed: asking for them here would validate the form too early.
        if form.is_bound and form._errors is not None and name in form._errors:
            widget.attrs["class"] = widget.attrs.get("class", "") + " is-invalid"
            widget.attrs["aria-invalid"] = "true"
            widget.attrs["aria-describedby"] = f"{form.auto_id % name if form.auto_id else name}-errors"
    return form


class ScopedForm(forms.Form):
    """A form whose choices are limited to what the acting user may write to, by field name."""

    def __init__(self, *args, user, council=None, **kwargs):
        from councils.models import Body, Council, Deputy, Session
        from councils.selectors import agencies_for

        self.user = user
        super().__init__(*args, **kwargs)
        if council is not None:
            # Editing one record: the choices of its own council (the page has checked the right to edit).
            bodies = Body.objects.filter(council=council)
            sessions = Session.objects.filter(council=council)
            deputies = Deputy.objects.filter(council__path__startswith=council.path)
        else:
            councils = Council.objects.manageable_by(user).select_related("level")
            if "council" in self.fields:
                self.fields["council"].queryset = councils
                primary = scoping.primary_council(user)
                if not self.is_bound and primary is not None and scoping.can_manage(user, primary):
                    self.fields["council"].initial = primary.pk
            bodies, sessions = Body.objects.manageable_by(user), Session.objects.manageable_by(user)
            deputies = Deputy.objects.for_user(user)
        for name, queryset in (("body", bodies), ("responsible_body", bodies), ("session", sessions)):
            if name in self.fields:
                self.fields[name].queryset = queryset.select_related("council")
        for name in ("deputy", "deputies", "assignee_deputies", "followers", "asked_by", "deputies_present"):
            if name in self.fields:
                self.fields[name].queryset = deputies.filter(end_date__isnull=True)
        for name in ("agency", "agencies", "proposed_agencies", "subject_agencies", "answering_agency"):
            if name in self.fields:
                self.fields[name].queryset = agencies_for(user).filter(is_active=True)


def apply_service_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError on the form: field messages beside their field, the rest on top."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            target = name if name in form.fields else None
            for item in errors:
                form.add_error(target, item.messages if hasattr(item, "messages") else item)
    else:
        form.add_error(None, error.messages)
    style_form(form)


# --- history -------------------------------------------------------------------------------------------

def history_for(obj: Model, limit: int = 50) -> list[AuditEntry]:
    """The latest lines of an object's history, with who did it, in one query."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return list(
        AuditEntry.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )


# --- lists ---------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Column:
    """One column of a list page and of its Excel export.

    ``value`` is a dotted attribute path (a choice field shows its label) or a function of the row;
    ``sort`` is the ORDER BY expression the column sorts by (only these are accepted from the URL).
    """

    label: Any
    value: str | Callable[[Any], Any]
    sort: str = ""
    link: bool = False
    css: str = ""

    def resolve(self, obj):
        if callable(self.value):
            return self.value(obj)
        current = obj
        for part in self.value.split("."):
            if current is None:
                return None
            display = getattr(current, f"get_{part}_display", None)
            current = display() if display is not None else getattr(current, part)
        return current() if callable(current) and not isinstance(current, Model) else current


def display_value(value) -> str:
    """A cell as text, the way the pages and exports show it (dates dd/mm/yyyy)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return _("Có") if value else _("Không")
    if isinstance(value, datetime.datetime):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")
    if isinstance(value, datetime.date):
        return formats.date_format(value, "SHORT_DATE_FORMAT")
    return str(value)


def export_value(value):
    """A cell for Excel: dates, numbers and booleans stay typed, anything else becomes its text."""
    if value is None or isinstance(value, bool | int | float | datetime.date):
        return value
    return str(value)


@dataclass
class Link:
    """A button on a page (create, workflow action) that shows only when ``allowed``."""

    label: Any
    url: str
    icon: str = ""
    css: str = "btn-outline-primary"
    method: str = "get"
    confirm: str = ""
    fields: dict = field(default_factory=dict)


@dataclass
class Section:
    """A table of related records on a detail page (recommendations of an activity, attendance...)."""

    title: Any
    columns: Sequence[Column]
    objects: Sequence
    url: Callable[[Any], str] | None = None
    empty: Any = ""
    links: list = field(default_factory=list)

    @property
    def headers(self):
        return [column.label for column in self.columns]

    @property
    def rows(self):
        out = []
        for obj in self.objects:
            url = self.url(obj) if self.url else ""
            out.append([{"value": display_value(column.resolve(obj)), "url": url if column.link else ""}
                        for column in self.columns])
        return out


class PortalPageMixin(LoginRequiredMixin):
    """Every page: signed-in users only, and the council the page is about (the user's primary one)."""

    title: Any = ""

    def portal_council(self):
        if not hasattr(self, "_portal_council"):
            self._portal_council = scoping.primary_council(self.request.user)
        return self._portal_council

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        context["persona"] = persona(self.request.user, self.portal_council())
        return context


class ScopedListView(PortalPageMixin, TemplateView):
    """A list of the user's records: FilterSet form, ``q`` search, sortable columns, pages, htmx, Excel."""

    template_name = "ui/list.html"
    partial_template_name = "ui/_list_results.html"
    selector: Callable | None = None
    filterset_class = None
    # The filters shown above the table (all of the FilterSet's if empty); the others still work from the URL.
    filter_fields: Sequence[str] = ()
    columns: Sequence[Column] = ()
    default_sort: str = ""
    paginate_by = PAGE_SIZE
    detail_url_name: str = ""
    create_url_name: str = ""
    export_filename: str = "danh-sach"
    empty_text: Any = ""

    def get_queryset(self) -> QuerySet:
        return type(self).selector(self.request.user)

    def get_filterset(self, queryset):
        if self.filterset_class is None:
            return None
        return self.filterset_class(self.request.GET or None, queryset=queryset, request=self.request)

    def sort_keys(self) -> dict[str, str]:
        return {column.sort: column.sort for column in self.columns if column.sort}

    def current_sort(self) -> str:
        requested = self.request.GET.get("sort", "")
        if requested.lstrip("-") in self.sort_keys():
            return requested
        return self.default_sort

    def filtered(self):
        filterset = self.get_filterset(self.get_queryset())
        queryset = filterset.qs if filterset is not None else self.get_queryset()
        sort = self.current_sort()
        if sort:
            # The primary key breaks ties, so pages never repeat or skip a row.
            queryset = queryset.order_by(sort, "-pk" if sort.startswith("-") else "pk")
        return filterset, queryset

    def row_url(self, obj) -> str:
        return reverse(self.detail_url_name, args=[obj.pk]) if self.detail_url_name else ""

    def build_rows(self, objects) -> list[dict]:
        rows = []
        for obj in objects:
            url = self.row_url(obj)
            cells = [
                {"value": display_value(column.resolve(obj)), "url": url if column.link else "", "css": column.css}
                for column in self.columns
            ]
            rows.append({"object": obj, "url": url, "cells": cells})
        return rows

    def create_link(self) -> Link | None:
        if self.create_url_name and can_write_anywhere(self.request.user):
            return Link(_("Thêm mới"), reverse(self.create_url_name), icon="plus-lg", css="btn-primary")
        return None

    def extra_links(self) -> list[Link]:
        return []

    def query_without(self, *names) -> str:
        params = self.request.GET.copy()
        for name in names:
            params.pop(name, None)
        return params.urlencode()

    def get(self, request, *args, **kwargs):
        if request.GET.get("export") == "xlsx":
            return self.export()
        return super().get(request, *args, **kwargs)

    def export(self):
        _filterset, queryset = self.filtered()
        rows = ([export_value(column.resolve(obj)) for column in self.columns] for obj in queryset[:EXPORT_LIMIT])
        council = self.portal_council()
        return xlsx_response(
            filename=f"{slugify(self.export_filename)}-{timezone.localdate():%Y%m%d}.xlsx",
            title=str(self.title),
            subtitle=_("%(council)s — xuất ngày %(date)s")
            % {"council": council.name if council else "", "date": display_value(timezone.localdate())},
            columns=[str(column.label) for column in self.columns],
            rows=rows,
        )

    def get_template_names(self):
        htmx = getattr(self.request, "htmx", None)
        if htmx and htmx.target == "list-results" and not htmx.history_restore_request:
            return [self.partial_template_name]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filterset, queryset = self.filtered()
        paginator = Paginator(queryset, self.paginate_by)
        page = paginator.get_page(self.request.GET.get("page"))
        sort = self.current_sort()
        base_query = self.query_without("sort", "page")
        headers = []
        for column in self.columns:
            header = {"label": column.label, "sort_url": "", "direction": ""}
            if column.sort:
                direction = "asc" if sort == column.sort else "desc" if sort == f"-{column.sort}" else ""
                next_sort = f"-{column.sort}" if direction == "asc" else column.sort
                header["sort_url"] = "?" + "&".join(filter(None, [base_query, f"sort={next_sort}"]))
                header["direction"] = direction
            headers.append(header)
        shown_filters = []
        if filterset is not None:
            form = style_form(filterset.form)
            names = [name for name in self.filter_fields if name in form.fields] or list(form.fields)
            shown_filters = [form[name] for name in names]
        context.update(
            filterset=filterset,
            filter_fields=shown_filters,
            page_obj=page,
            paginator=paginator,
            headers=headers,
            rows=self.build_rows(page.object_list),
            page_query=self.query_without("page"),
            export_query=self.query_without("page", "export"),
            create_link=self.create_link(),
            extra_links=self.extra_links(),
            empty_text=self.empty_text or _("Không có bản ghi nào phù hợp."),
        )
        return context


# --- details and actions --------------------------------------------------------------------------------

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
        context["actions"] = self.actions(obj)
        context["fields"] = [(column.label, display_value(column.resolve(obj))) for column in self.fields]
        context["sections"] = self.sections(obj)
        context["list_url"] = reverse(self.list_url_name) if self.list_url_name else ""
        context["list_title"] = self.list_title
        context["history"] = history_for(obj) if self.show_history else []
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
        if not can_write_anywhere(self.request.user):
            raise PermissionDenied(_("Tài khoản của bạn chỉ có quyền xem."))

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.check_permission()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self) -> dict:
        kwargs: dict = {"user": self.request.user} if issubclass(self.form_class, ScopedForm) else {}
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

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form()))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                obj = self.perform(form)
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
    """

    selector: Callable | None = None
    object_kwarg: str = ""

    def check_permission(self) -> None:
        return None

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = get_object_or_404(type(self).selector(self.request.user), pk=self.kwargs["pk"])
        return self._object

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
    # Form field -> model attribute, where their names differ.
    field_sources: dict[str, str] = {}

    def can_edit(self, obj) -> bool:
        return scoping.can_manage(self.request.user, scoping.council_of(obj))

    def check_permission(self) -> None:
        if not self.can_edit(self.get_object()):
            raise PermissionDenied(_("Bạn không có quyền sửa bản ghi này."))

    def current_values(self) -> dict:
        obj, values = self.get_object(), {}
        for name in self.form_class.base_fields:
            value = getattr(obj, self.field_sources.get(name, name))
            values[name] = list(value.all()) if hasattr(value, "all") else value
        return values

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if issubclass(self.form_class, ScopedForm):
            kwargs["council"] = scoping.council_of(self.get_object())
        if self.request.method != "POST":
            kwargs["initial"] = self.current_values()
        return kwargs

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


def edit_link(url_name: str, obj) -> Link:
    return Link(_("Sửa"), reverse(url_name, args=[obj.pk]), icon="pencil")


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


def verbose(model, name: str) -> str:
    """A model field's Vietnamese name, for column headers."""
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name
