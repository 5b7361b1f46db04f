"""A list filter of the Django admin that picks its value with the admin's own autocomplete (select2, served
by Django's static files) instead of a link per choice: a filter by council or agency on a national database
would otherwise render every one of 13,000 agencies on each changelist page."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.admin.widgets import AutocompleteSelect


class AutocompleteFilter(admin.SimpleListFilter):
    """Set ``title``, ``parameter_name``, ``source`` (the model and foreign key whose admin autocomplete
    lists the choices, e.g. ``(Forwarding, "agency")``) and ``lookup`` (how the changelist's rows reach it)."""

    template = "admin/autocomplete_filter.html"
    source: tuple = ()
    lookup = ""

    def __init__(self, request, params, model, model_admin):
        super().__init__(request, params, model, model_admin)
        self.admin_site = model_admin.admin_site

    @property
    def source_field(self):
        model, name = self.source
        return model._meta.get_field(name)

    def lookups(self, request, model_admin):
        return ()

    def has_output(self):
        return True

    def selected_pk(self) -> int | None:
        value = self.value()
        return int(value) if value and value.isdigit() and len(value) < 19 else None

    def queryset(self, request, queryset):
        pk = self.selected_pk()
        if self.value() and pk is None:
            return queryset.none()
        return queryset if pk is None else self.filter_rows(queryset, pk)

    def filter_rows(self, queryset, pk):
        return queryset.filter(**{self.lookup: pk})

    def widget_html(self) -> str:
        field = self.source_field
        choice = forms.ModelChoiceField(
            queryset=field.remote_field.model._default_manager.all(), required=False,
            widget=AutocompleteSelect(field, self.admin_site,
                                      attrs={"data-autocomplete-filter": self.parameter_name,
                                             "data-allow-clear": "true", "data-placeholder": "—"}))
        return choice.widget.render(self.parameter_name, self.selected_pk(), attrs={"id": f"filter-{self.parameter_name}"})

    def choices(self, changelist):
        yield {"widget": self.widget_html(), "clear_url": changelist.get_query_string(remove=[self.parameter_name])}

    @classmethod
    def media(cls, admin_site) -> forms.Media:
        return AutocompleteSelect(None, admin_site).media + forms.Media(js=["js/admin_autocomplete_filter.js"])
