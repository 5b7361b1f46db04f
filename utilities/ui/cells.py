"""What pages are made of: columns of a list or export, cells as text, buttons and related-record tables."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db.models import Model
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _


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


def edit_link(url_name: str, obj) -> Link:
    return Link(_("Sửa"), reverse(url_name, args=[obj.pk]), icon="pencil")


def verbose(model, name: str) -> str:
    """A model field's Vietnamese name, for column headers."""
    try:
        return str(model._meta.get_field(name).verbose_name).capitalize()
    except FieldDoesNotExist:
        return name
