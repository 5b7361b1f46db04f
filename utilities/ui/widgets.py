"""Select boxes people can search (Tom Select, from node_modules, started by static/js/searchable_select.js) whose
options are grouped (by council, body, ...) and sorted naturally ("Tổ đại biểu số 2" before "số 10").

The domain says how to group and name its records (``register_grouping``, from its AppConfig); this module never
names an app. Every form field that offers such records, in a page form or a list's filters, is grouped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django import forms
from django.db.models import QuerySet

from ..text import natural_key

# The attribute static/js/searchable_select.js looks for.
SEARCHABLE_ATTR = "data-searchable"


_GROUPINGS: dict[type, dict] = {}


def register_grouping(model: type, *, group: Callable[[Any], tuple[Any, str]],
                      label: Callable[[Any], str] | None = None, prefetch: Iterable = ()) -> None:
    """How the choices of ``model`` are grouped and named wherever a form offers them (see ``group_choices``)."""
    _GROUPINGS[model] = {"group": group, "label": label, "prefetch": list(prefetch)}


def apply_registered_grouping(field: forms.Field) -> None:
    if not isinstance(field, forms.ModelChoiceField) or getattr(field, "group_of", None) is not None:
        return
    spec = _GROUPINGS.get(field.queryset.model)
    if spec is not None:
        group_choices(field, queryset=field.queryset, **spec)


def make_searchable(widget: forms.Widget) -> None:
    widget.attrs[SEARCHABLE_ATTR] = "true"


def is_choice_widget(widget: forms.Widget) -> bool:
    return isinstance(widget, forms.Select | forms.SelectMultiple) and not isinstance(
        widget, forms.CheckboxSelectMultiple | forms.RadioSelect)


class GroupedChoiceIterator(forms.models.ModelChoiceIterator):
    """The options of a model choice field as ``<optgroup>``s: ``field.group_of(obj)`` gives a group's
    (sort key, label); groups come in sort-key order and options in natural order of their label."""

    def __init__(self, field):
        super().__init__(field)
        # Applied here so that a form narrowing the queryset later keeps what the groups read.
        if field.group_prefetch:
            self.queryset = self.queryset.prefetch_related(*field.group_prefetch)

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups: dict[Any, tuple[str, list]] = {}
        for obj in self.queryset:
            key, label = self.field.group_of(obj)
            groups.setdefault(key, (label, []))[1].append(self.choice(obj))
        for key in sorted(groups, key=_sortable):
            label, choices = groups[key]
            yield (label, sorted(choices, key=lambda choice: natural_key(str(choice[1]))))

    def __len__(self):
        return self.queryset.count() + (1 if self.field.empty_label is not None else 0)


def _sortable(key):
    return key if isinstance(key, tuple) else (key,)


def group_choices(field: forms.ModelChoiceField, *, queryset: QuerySet,
                  group: Callable[[Any], tuple[Any, str]],
                  label: Callable[[Any], str] | None = None,
                  prefetch: Iterable = ()) -> None:
    """Offer ``queryset`` in ``field`` grouped by ``group(obj) -> (sort key, group label)``, each option named
    ``label(obj)`` (the record's full name rather than its abbreviation), in a searchable box.

    The queryset stays the one that validates the choice: grouping changes only how the options are shown."""
    field.iterator = GroupedChoiceIterator
    field.group_of = group
    field.group_prefetch = list(prefetch)
    if label is not None:
        field.label_from_instance = label
    make_searchable(field.widget)
    field.queryset = queryset
