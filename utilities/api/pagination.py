"""Page-number pagination of every API list, capped at 100 rows per page, costing the same at any depth.

Clients keep ``?page=N`` and the ``next`` / ``previous`` links. ``count`` is exact up to
``utilities.pagination.COUNT_LIMIT`` rows (``SEARCH_COUNT_LIMIT`` for a ``q`` search) and ``count_exact`` says
so; beyond, ``count`` is that limit, ``count_exact`` is false, and the pages go on as long as there are rows (follow ``next``). A deep page reads
its primary keys first, so page 19,000 costs about what page 2 does.
"""

import base64
import binascii
import datetime
import json

from django.core.exceptions import ValidationError as DjangoValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response
from rest_framework.utils.urls import remove_query_param, replace_query_param

from ..pagination import (
    COUNT_LIMIT,
    SEARCH_COUNT_LIMIT,
    BoundedPaginator,
    bounded,
    bounded_count,
    count_limit,
    ordered_ids,
    reads_matches_once,
    rows_by_ids,
)
from ..ui.policy import policy


class StandardPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    # "last" would need the exact count of a list that may have millions of rows.
    last_page_strings = ()

    def paginate_queryset(self, queryset, request, view=None):
        self.plan_reads(request)
        return super().paginate_queryset(queryset, request, view)

    def plan_reads(self, request) -> None:
        """How this request's list is counted: to ``SEARCH_COUNT_LIMIT`` for a search, and with its matches'
        ids read once (``ids_first``) for a search by a user whose lists a scope narrows."""
        self.count_limit = count_limit(request.query_params)
        self.ids_first = reads_matches_once(request.query_params,
                                            sees_everything=policy.sees_everything(request.user))

    def django_paginator_class(self, queryset, page_size):
        """What DRF calls to make the page's paginator: a search counts to ``SEARCH_COUNT_LIMIT`` and reads
        its ordered ids once (``ids_first``)."""
        return BoundedPaginator(queryset, page_size, count_limit=getattr(self, "count_limit", None),
                                ids_first=getattr(self, "ids_first", False))

    def get_paginated_response(self, data):
        paginator = self.page.paginator
        return Response({
            "count": paginator.count,
            "count_exact": paginator.count_exact,
            "next": self.get_next_link(),
            "previous": self.get_previous_link(),
            "results": data,
        })

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"]["description"] = (
            f"Số bản ghi: chính xác khi không quá {COUNT_LIMIT:,} ({SEARCH_COUNT_LIMIT:,} khi tìm theo q)"
            .replace(",", ".") + "; lớn hơn thì bằng giới hạn đó và count_exact là false.")
        response["properties"] = {
            "count": response["properties"]["count"],
            "count_exact": {"type": "boolean", "example": True,
                            "description": "count là số chính xác (false: còn nhiều hơn, theo liên kết next)."},
            **{k: v for k, v in response["properties"].items() if k != "count"},
        }
        response["required"] = ["count", "count_exact", "results"]
        return response


class KeysetPagination(StandardPagination):
    """Page numbers, as ``StandardPagination``, and keyset ("cursor") pages on the view's ``keyset_ordering``
    (its default ordering, ending with a unique field): a page then reads only its own rows, wherever it is
    in the list, because it starts from where the previous one ended instead of skipping rows.

    - Without ``page`` and ``cursor`` (the first page) in that ordering, ``next`` is a ``?cursor=`` link;
      following ``next`` / ``previous`` walks the list by cursor.
    - ``?page=N`` still works, as before, and its ``next`` / ``previous`` are page links.
    - Another ``?ordering=`` pages by number; a cursor with it (or a cursor that is not one) is a 400.
    """

    cursor_query_param = "cursor"

    def paginate_queryset(self, queryset, request, view=None):
        self.request = request
        self.keyset = tuple(getattr(view, "keyset_ordering", ()) or ())
        self.keyset_page = None
        cursor = request.query_params.get(self.cursor_query_param)
        in_order = bool(self.keyset) and tuple(queryset.query.order_by) == self.keyset
        if cursor is None and (not in_order or request.query_params.get(self.page_query_param) not in (None, "", "1")):
            return super().paginate_queryset(queryset, request, view)
        if cursor is not None and not in_order:
            raise ValidationError({self.cursor_query_param: [
                _("Chỉ phân trang theo con trỏ (cursor) với thứ tự mặc định; bỏ tham số ordering hoặc dùng page.")]})
        self.plan_reads(request)
        size, limit = self.get_page_size(request), self.count_limit
        if cursor is None and self.ids_first:
            # The first page of a search: its ordered ids give the count and the page (see ``ids_first``).
            ids = ordered_ids(queryset, limit + 1)
            self.count, self.count_exact = bounded(len(ids), limit)
            rows, backwards = rows_by_ids(queryset, ids[: size + 1]), False
        elif cursor is None:
            self.count, self.count_exact = bounded_count(queryset, limit)
            rows, backwards = list(queryset[: size + 1]), False
        else:
            self.count, self.count_exact = bounded_count(queryset, limit)
            backwards, values = self._decode(cursor, queryset.model)
            order = [_flip(field) for field in self.keyset] if backwards else list(self.keyset)
            rows = list(queryset.filter(_after(order, values)).order_by(*order)[: size + 1])
        more = len(rows) > size
        rows = rows[:size]
        if backwards:
            rows.reverse()
        self.keyset_page = {
            "rows": rows,
            "next": rows[-1] if rows and (more or backwards) else None,
            "previous": rows[0] if rows and cursor is not None and (not backwards or more) else None,
        }
        return rows

    def get_paginated_response(self, data):
        if self.keyset_page is None:
            return super().get_paginated_response(data)
        return Response({
            "count": self.count,
            "count_exact": self.count_exact,
            "next": self._link(self.keyset_page["next"], backwards=False),
            "previous": self._link(self.keyset_page["previous"], backwards=True),
            "results": data,
        })

    def _link(self, row, *, backwards: bool) -> str | None:
        if row is None:
            return None
        values = [_value(row, field.lstrip("-")) for field in self.keyset]
        token = base64.urlsafe_b64encode(json.dumps([int(backwards), *values]).encode()).decode().rstrip("=")
        url = remove_query_param(self.request.build_absolute_uri(), self.page_query_param)
        return replace_query_param(url, self.cursor_query_param, token)

    def _decode(self, cursor: str, model) -> tuple[bool, list]:
        try:
            raw = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
            backwards, *values = raw
            if backwards not in (0, 1) or len(values) != len(self.keyset):
                raise ValueError(cursor)
            fields = [model._meta.get_field(field.lstrip("-")) for field in self.keyset]
            return bool(backwards), [field.to_python(value) for field, value in zip(fields, values, strict=True)]
        except (ValueError, TypeError, DjangoValidationError, binascii.Error) as exc:
            raise ValidationError({self.cursor_query_param: [_("Con trỏ trang (cursor) không hợp lệ.")]}) from exc

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        if getattr(view, "keyset_ordering", None):
            parameters.append({
                "name": self.cursor_query_param, "required": False, "in": "query",
                "description": "Con trỏ trang, lấy từ liên kết next/previous: mỗi trang chỉ đọc các bản ghi "
                               "của nó, sâu đến đâu cũng vậy. Chỉ dùng với thứ tự mặc định (không ordering).",
                "schema": {"type": "string"},
            })
        return parameters


def _flip(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _after(order: list[str], values: list) -> Q:
    """The rows that come after ``values`` in ``order``: (a, b, c) > (x, y, z) spelled out, each field in
    its direction, with the first field's bound on its own too so an index on it is walked from there."""
    condition = Q()
    for index in reversed(range(len(order))):
        name = order[index].lstrip("-")
        beyond = Q(**{f"{name}__{'lt' if order[index].startswith('-') else 'gt'}": values[index]})
        condition = beyond if index == len(order) - 1 else beyond | (Q(**{name: values[index]}) & condition)
    first = order[0].lstrip("-")
    return Q(**{f"{first}__{'lte' if order[0].startswith('-') else 'gte'}": values[0]}) & condition


def _value(row, name: str):
    value = getattr(row, name)
    return value.isoformat() if isinstance(value, datetime.date | datetime.datetime) else value
