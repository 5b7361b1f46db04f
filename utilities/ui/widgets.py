"""Select boxes people can search (Tom Select, from node_modules, started by static/js/searchable_select.js) whose
options are grouped (by council, body, ...) and sorted naturally ("Tổ đại biểu số 2" before "số 10").

The domain says how to group and name its records (``register_grouping``, from its AppConfig); this module never
names an app. Every form field that offers such records, in a page form or a list's filters, is grouped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import JsonResponse

from .. import text
from ..text import natural_key

# The attributes static/js/searchable_select.js looks for: a searchable box, and where a remote one asks for its
# options (``?q=...`` answers ``{"results": [{"value": ..., "text": ...}]}``).
SEARCHABLE_ATTR = "data-searchable"
REMOTE_ATTR = "data-remote-url"


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


class RemoteSelect(forms.Select):
    """A select box for a choice among thousands (every agency or council of the country): the page renders only
    the empty choice and the one selected, and the searchable box asks ``url`` for the others as the user types.

    The field's queryset still validates what is sent; the options are never all read. Without JavaScript the box
    offers the current choice and "all" (another is chosen with the script, or from the record's own page)."""

    def __init__(self, url, *, label: Callable[[Any], str] | None = None, related: Sequence[str] = (), attrs=None):
        super().__init__(attrs)
        self.url = url
        self.label = label
        self.related = list(related)

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"][REMOTE_ATTR] = str(self.url)
        context["widget"]["attrs"][SEARCHABLE_ATTR] = "true"
        return context

    def optgroups(self, name, value, attrs=None):
        choices = self.choices
        selected = [str(item) for item in value if item not in (None, "")]
        options = []
        if getattr(choices, "field", None) is not None and getattr(choices.field, "empty_label", None) is not None:
            options.append(("", choices.field.empty_label))
        if selected and hasattr(choices, "queryset"):
            field = choices.field
            key = field.to_field_name or "pk"
            try:
                rows = list(choices.queryset.order_by().select_related(*self.related).filter(
                    **{f"{key}__in": selected}))
            except (ValueError, TypeError, ValidationError):
                rows = []  # a value that is not an id: the form's own error says so
            label = self.label or field.label_from_instance
            options += [(field.prepare_value(row), label(row)) for row in rows]
        groups = []
        for index, (option_value, label) in enumerate(options):
            option_value = "" if option_value is None else str(option_value)
            groups.append((None, [self.create_option(name, option_value, label, option_value in selected, index,
                                                     attrs=attrs)], index))
        return groups


# How many options a remote box receives per search: enough to pick from, small enough to stay fast.
SUGGESTIONS = 20


def suggestion_response(request, queryset: QuerySet, *, fields: Sequence[str],
                        label: Callable[[Any], str] = str) -> JsonResponse:
    """The answer to a ``RemoteSelect``'s search: the first ``SUGGESTIONS`` rows of ``queryset`` (already scoped to
    the user, in its own order) whose ``fields`` contain every word of ``?q=``, accents and case ignored."""
    query = request.GET.get("q", "")[:100]
    rows = text.search(queryset, fields, query)[:SUGGESTIONS]
    return JsonResponse({"results": [{"value": row.pk, "text": label(row)} for row in rows]})


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
