"""The API's large lists (petitions, letters, forwardings) page by cursor in their default order, newest
first: following next and previous gives every row once, in the order page numbers give; any page costs the
same queries however many rows lie before it; a cursor with another ordering, or a broken one, is a 400."""

import datetime
from urllib.parse import parse_qs, urlparse

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from voters.models import Petition
from voters.tests.factories import ForwardingFactory, PetitionFactory

pytestmark = pytest.mark.django_db

PETITIONS = "/api/v1/voters/petitions/"
FORWARDINGS = "/api/v1/voters/forwardings/"


def _petitions(council, n, start=datetime.date(2026, 3, 1)):
    # Two petitions a day, so rows tie on the date and the id breaks the tie.
    return [PetitionFactory(council=council, received_on=start + datetime.timedelta(days=i // 2)) for i in range(n)]


def _cursor(link):
    return parse_qs(urlparse(link).query)["cursor"][0]


def _walk(client, url, size, **params):
    pages, body = [], client.get(url, {"page_size": size, **params}).json()
    pages.append([row["id"] for row in body["results"]])
    while body["next"]:
        assert "cursor=" in body["next"] and "page=" not in body["next"].replace("page_size", "")
        body = client.get(body["next"]).json()
        pages.append([row["id"] for row in body["results"]])
    return pages, body


def test_next_links_walk_the_petitions_by_cursor_newest_first(api_as, clerk_a, council_a):
    rows = _petitions(council_a, 11)
    client = api_as(clerk_a)
    expected = [p.pk for p in sorted(rows, key=lambda p: (p.received_on, p.pk), reverse=True)]
    pages, last = _walk(client, PETITIONS, 4)
    assert pages == [expected[0:4], expected[4:8], expected[8:11]]
    # Page numbers give the same order.
    assert [r["id"] for r in client.get(PETITIONS, {"page_size": 4, "page": 2}).json()["results"]] == expected[4:8]
    # And back, by previous links.
    back = client.get(last["previous"]).json()
    assert [r["id"] for r in back["results"]] == expected[4:8]
    first = client.get(back["previous"]).json()
    assert [r["id"] for r in first["results"]] == expected[0:4] and first["previous"] is None
    assert (last["count"], last["count_exact"]) == (11, True)


def test_page_numbers_keep_page_links_and_other_orderings_keep_page_numbers(api_as, clerk_a, council_a):
    _petitions(council_a, 5)
    client = api_as(clerk_a)
    second = client.get(PETITIONS, {"page_size": 2, "page": 2}).json()
    assert "page=3" in second["next"] and "cursor" not in second["next"]
    ordered = client.get(PETITIONS, {"page_size": 2, "ordering": "voters_count"}).json()
    assert "page=2" in ordered["next"] and "cursor" not in ordered["next"]


def test_a_cursor_with_another_ordering_or_a_broken_cursor_is_a_400(api_as, clerk_a, council_a):
    _petitions(council_a, 3)
    client = api_as(clerk_a)
    cursor = _cursor(client.get(PETITIONS, {"page_size": 1}).json()["next"])
    response = client.get(PETITIONS, {"cursor": cursor, "ordering": "status"})
    assert response.status_code == 400 and "cursor" in response.json()["error"]["fields"]
    for broken in ("nonsense", "WzEsIDJd", "WzAsICJub3QtYS1kYXRlIiwgMV0"):
        response = client.get(PETITIONS, {"cursor": broken})
        assert response.status_code == 400, broken
        assert "cursor" in response.json()["error"]["fields"]


def test_another_councils_petitions_never_come_through_a_cursor(api_as, clerk_a, council_a, council_b):
    _petitions(council_a, 3)
    _petitions(council_b, 3)
    pages, _ = _walk(api_as(clerk_a), PETITIONS, 2)
    assert sorted(pk for page in pages for pk in page) == sorted(
        Petition.objects.filter(council=council_a).values_list("pk", flat=True))


def test_forwardings_walk_by_cursor_newest_first(api_as, clerk_a, council_a):
    forwardings = [ForwardingFactory(petition=p, forwarded_on=p.received_on) for p in _petitions(council_a, 5)]
    expected = [f.pk for f in sorted(forwardings, key=lambda f: (f.forwarded_on, f.pk), reverse=True)]
    pages, _ = _walk(api_as(clerk_a), FORWARDINGS, 2)
    assert [pk for page in pages for pk in page] == expected and len(pages) == 3


@pytest.mark.parametrize("url", [PETITIONS, FORWARDINGS])
def test_a_cursor_page_costs_the_same_queries_whatever_lies_before_it(api_as, clerk_a, council_a, url):
    client = api_as(clerk_a)
    client.get(url)  # one-off queries (content types) before measuring
    counts = []
    for total in (6, 18):
        for petition in _petitions(council_a, total - Petition.objects.count()):
            ForwardingFactory(petition=petition, forwarded_on=petition.received_on)
        body = client.get(url, {"page_size": 2}).json()
        for _ in range(total // 2 - 2):  # to the page before the last
            body = client.get(body["next"]).json()
        with CaptureQueriesContext(connection) as captured:
            response = client.get(body["next"])
        assert response.status_code == 200 and len(response.json()["results"]) == 2
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
