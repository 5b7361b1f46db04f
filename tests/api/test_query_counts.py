"""Every list endpoint of API v1 costs the same number of queries for 2 rows as for 12 rows of everything.

Endpoints are discovered from the OpenAPI schema (a GET without path parameters whose answer is a page
of ``results``) and rows from every app's factory_boy factories, so a new endpoint or a new factory is
covered without editing this file. The caller is a superuser, who sees the rows of every council.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from councils.tests.factories import UserFactory

from .bulk import all_factories, grow, list_endpoints

pytestmark = pytest.mark.django_db

SMALL, LARGE = 2, 12


def measure(client, endpoints) -> dict[str, tuple[int, int]]:
    """(queries, rows) per endpoint."""
    out = {}
    for path in endpoints:
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(path, {"page_size": 100})
        assert response.status_code == 200, (path, response.content[:300])
        out[path] = (len(ctx.captured_queries), response.json()["count"])
    return out


def test_discovery_finds_the_lists_of_every_app():
    endpoints = list_endpoints()
    assert "/api/v1/councils/" in endpoints and "/api/v1/deputies/" in endpoints
    assert any(p.startswith("/api/v1/oversight/") for p in endpoints)
    assert len(all_factories()) >= 10


def test_list_query_counts_do_not_grow_with_rows(api_as, django_assert_max_num_queries):
    admin = UserFactory(username="root", is_superuser=True, is_staff=True)
    client = api_as(admin)
    endpoints = list_endpoints()
    factories = all_factories()
    # Pay for one-off queries (content types, sessions) before measuring.
    grow(factories, SMALL)
    measure(client, endpoints)

    small = measure(client, endpoints)
    broken = grow(factories, LARGE - SMALL)
    large = measure(client, endpoints)

    grew = {path for path in endpoints if large[path][1] > small[path][1]}
    report = "\n".join(
        f"{path:55} {small[path][0]:3} queries / {small[path][1]:3} rows -> "
        f"{large[path][0]:3} queries / {large[path][1]:3} rows{'' if path in grew else '   (rows did not grow)'}"
        for path in endpoints
    )
    print(f"\nList endpoints, {SMALL} then {LARGE} rows of every factory:\n{report}")
    assert not broken, "Rows could not be built:\n" + "\n".join(broken)
    worse = [path for path in endpoints if large[path][0] > small[path][0]]
    assert not worse, f"Query count grows with rows on: {worse}\n{report}"
    # Most lists must really have grown, or this test proves nothing.
    assert len(grew) >= len(endpoints) * 2 // 3, f"Too few lists grew:\n{report}"
    # The same as an assertion that prints the SQL on failure, for the largest list.
    biggest = max(endpoints, key=lambda p: large[p][1])
    with django_assert_max_num_queries(small[biggest][0]):
        client.get(biggest, {"page_size": 100})
