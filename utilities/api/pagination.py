"""Page-number pagination of every API list, capped at 100 rows per page, costing the same at any depth.

Clients keep ``?page=N`` and the ``next`` / ``previous`` links. ``count`` is exact up to
``utilities.pagination.COUNT_LIMIT`` rows and ``count_exact`` says so; beyond, ``count`` is that limit,
``count_exact`` is false, and the pages go on as long as there are rows (follow ``next``). A deep page reads
its primary keys first, so page 19,000 costs about what page 2 does.
"""

from rest_framework.pagination import PageNumberPagination
from rest_framework.response import Response

from ..pagination import COUNT_LIMIT, BoundedPaginator


class StandardPagination(PageNumberPagination):
    page_size = 25
    page_size_query_param = "page_size"
    max_page_size = 100
    django_paginator_class = BoundedPaginator
    # "last" would need the exact count of a list that may have millions of rows.
    last_page_strings = ()

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
            f"Số bản ghi: chính xác khi không quá {COUNT_LIMIT:,}".replace(",", ".")
            + "; lớn hơn thì bằng giới hạn đó và count_exact là false.")
        response["properties"] = {
            "count": response["properties"]["count"],
            "count_exact": {"type": "boolean", "example": True,
                            "description": "count là số chính xác (false: còn nhiều hơn, theo liên kết next)."},
            **{k: v for k, v in response["properties"].items() if k != "count"},
        }
        response["required"] = ["count", "count_exact", "results"]
        return response
