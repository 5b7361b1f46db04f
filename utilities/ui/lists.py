"""List pages: the user's records with FilterSet filters, search, sortable columns, pages, htmx refresh and
the same rows as an Excel export."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Sequence
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.mixins import LoginRequiredMixin
from django.db.models import QuerySet
from django.http import QueryDict
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from utilities import pagination
from utilities.xlsx import xlsx_response

from .cells import Column, Link, display_value, export_value
from .forms import style_form
from .policy import policy

PAGE_SIZE = 25
# The widest export a page builds in one request; bigger sets are filtered first.
EXPORT_LIMIT = 20000


# Filters that change the rows even without a value (``archived``: the records in use only), kept in every count.
DEFAULT_FILTERS = frozenset({"archived"})


@functools.lru_cache(maxsize=256)
def narrowed_filterset(filterset_class, names: frozenset):
    """``filterset_class`` with only the filters ``names`` (and ``DEFAULT_FILTERS``): the others do nothing to a
    query without their parameter, yet a FilterSet deep-copies, builds and validates all of them; a home page's
    thirteen counts spent more on that than on their SQL."""
    narrowed = type(f"Narrowed{filterset_class.__name__}", (filterset_class,), {"__module__": __name__})
    narrowed.base_filters = {name: f for name, f in filterset_class.base_filters.items()
                             if name in names or name in DEFAULT_FILTERS}
    return narrowed


class PortalPageMixin(LoginRequiredMixin):
    """Every page: signed-in users only, and the council the page is about (the user's primary one)."""

    title: Any = ""

    def portal_council(self):
        if not hasattr(self, "_portal_council"):
            self._portal_council = policy.home_council(self.request.user)
        return self._portal_council

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("title", self.title)
        context["persona"] = policy.persona(self.request.user, self.portal_council())
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
    # The id of the page's bulk-action form: rows get a checkbox that belongs to it (see ``bulk_actions``).
    bulk_form_id: str = "bulk-form"

    def get_queryset(self) -> QuerySet:
        return type(self).selector(self.request.user)

    # Set by ``count_for``: only a count is wanted, so the FilterSet holds only the filters its query names.
    counting = False

    def get_filterset(self, queryset):
        if self.filterset_class is None:
            return None
        return self.build_filterset(self.request.GET or None, queryset)

    def build_filterset(self, data, queryset):
        filterset_class = self.filterset_class
        if self.counting and data is not None:
            filterset_class = narrowed_filterset(filterset_class, frozenset(data))
        return filterset_class(data, queryset=queryset, request=self.request)

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

    @classmethod
    def count_for(cls, request, params: dict) -> int:
        """How many rows this list shows ``request.user`` for the query ``params``: the list's own query, so
        a figure that links to the list (a home page's card) always agrees with it."""
        listing = copy.copy(request)
        listing.GET = QueryDict(urlencode(params, doseq=True))
        view = cls()
        view.setup(listing)
        view.counting = True
        return view.filtered()[1].order_by().count()

    def row_url(self, obj) -> str:
        return reverse(self.detail_url_name, args=[obj.pk]) if self.detail_url_name else ""

    def build_rows(self, objects) -> list[dict]:
        rows = []
        # Each cell repeats its column's label (the phone layout shows it): translated once, not once a cell.
        labels = [str(column.label) for column in self.columns]
        for obj in objects:
            url = self.row_url(obj)
            cells = [
                {"value": display_value(column.resolve(obj)), "url": url if column.link else "", "css": column.css,
                 "label": label}
                for column, label in zip(self.columns, labels, strict=True)
            ]
            rows.append({"object": obj, "url": url, "cells": cells})
        return rows

    def create_link(self) -> Link | None:
        if self.create_url_name and policy.can_write_anywhere(self.request.user):
            return Link(_("Thêm mới"), reverse(self.create_url_name), icon="plus-lg", css="btn-primary")
        return None

    def extra_links(self) -> list[Link]:
        return []

    def bulk_actions(self) -> list[Link]:
        """Actions on the rows ticked (or on all rows matching the filters); none: the rows have no checkbox."""
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
        # The deepest page served holds the COUNT_LIMIT-th row: past it, the user narrows the filters or sorts
        # the other way (a deep OFFSET costs as much as every row it skips, and nobody reads page 4,000).
        # A search counts to SEARCH_COUNT_LIMIT ("hơn 1.000"): its matches are found row by row, and a reader
        # refines a search rather than paging through a thousand results.
        limit = pagination.count_limit(self.request.GET)
        once = pagination.reads_matches_once(self.request.GET,
                                             sees_everything=policy.sees_everything(self.request.user))
        paginator = pagination.BoundedPaginator(queryset, self.paginate_by, count_limit=limit, ids_first=once,
                                                max_pages=max(1, limit // self.paginate_by))
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
            if "archived" in form.fields and "archived" not in names:
                names.append("archived")  # records archived instead of deleted are one filter away
            shown_filters = [form[name] for name in names]
        context.update(
            filterset=filterset,
            filter_fields=shown_filters,
            page_obj=page,
            paginator=paginator,
            last_page_capped=paginator.capped and page.number == paginator.num_pages,
            shown_limit=paginator.num_pages * self.paginate_by,
            headers=headers,
            rows=self.build_rows(page.object_list),
            page_query=self.query_without("page"),
            export_query=self.query_without("page", "export"),
            create_link=self.create_link(),
            extra_links=self.extra_links(),
            bulk_actions=(bulk := self.bulk_actions()),
            bulk_form_id=self.bulk_form_id if bulk else "",
            empty_text=self.empty_text or _("Không có bản ghi nào phù hợp."),
        )
        return context
