"""Lists at national scale: a count exact up to a limit and "more than" beyond it, HTML pages served up to the
limit with a message past it, deep pages read through their ids with the same rows and a fixed number of
queries, the API's page numbers kept with ``count_exact``, and short search words matched on the rows."""

import pytest
from django.urls import reverse

from councils.tests.factories import UserFactory
from utilities import pagination
from voters import search
from voters.models import Petition
from voters.tests.factories import ForwardingFactory, PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def small_limit(monkeypatch):
    """A count limit of 10 rows and deep pages from the 5th row on, so a dozen rows show both."""
    monkeypatch.setattr(pagination, "COUNT_LIMIT", 10)
    monkeypatch.setattr(pagination, "DEFERRED_FROM", 5)


def _petitions(council, n, content="Cử tri đề nghị sửa đường đất đai"):
    return [PetitionFactory(council=council, content=content) for _ in range(n)]


def test_bounded_count_is_exact_up_to_the_limit(council_a):
    _petitions(council_a, 4)
    assert pagination.bounded_count(Petition.objects.all(), 4) == (4, True)
    assert pagination.bounded_count(Petition.objects.all(), 3) == (3, False)
    assert pagination.bounded_count([1, 2, 3], 2) == (2, False)


def test_deep_pages_read_through_ids_give_the_same_rows(council_a, small_limit, django_assert_num_queries):
    _petitions(council_a, 12)
    queryset = Petition.objects.order_by("-received_on", "-pk")
    expected = list(queryset[6:9])
    with django_assert_num_queries(2):  # the page's ids, then its rows
        assert pagination.page_rows(queryset, 6, 9) == expected
    first = list(queryset[:3])
    with django_assert_num_queries(1):
        assert pagination.page_rows(queryset, 0, 3) == first


def test_html_list_says_more_than_and_caps_its_pages(client, clerk_a, council_a, small_limit):
    _petitions(council_a, 14)
    client.force_login(clerk_a)
    url = reverse("voters:petition_list")
    first = client.get(url)
    assert "Hơn 10 bản ghi" in first.content.decode()
    # 25 rows a page: the one page that holds the first ten rows, and the message under it.
    assert (first.context["paginator"].count_exact, first.context["paginator"].num_pages) == (False, 1)
    # Past the last page served: the last one, with the message that says how to reach the others.
    last = client.get(url, {"page": 9999})
    assert last.status_code == 200
    assert last.context["page_obj"].number == last.context["paginator"].num_pages
    assert 'data-testid="page-cap"' in last.content.decode()
    assert "Danh sách chỉ mở được" in last.content.decode()


def test_html_list_with_an_exact_count(client, clerk_a, council_a):
    _petitions(council_a, 3)
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_list")).content.decode()
    assert "3 bản ghi" in page and "Hơn" not in page and 'data-testid="page-cap"' not in page


def test_api_count_exact_and_deep_pages(api_as, clerk_a, council_a, small_limit):
    _petitions(council_a, 12)
    client = api_as(clerk_a)
    url = "/api/v1/voters/petitions/"
    body = client.get(url, {"page_size": 3}).json()
    assert (body["count"], body["count_exact"], len(body["results"])) == (10, False, 3)
    assert body["next"]
    ids = [row["id"] for row in client.get(url, {"page_size": 12}).json()["results"]]
    # Page 4 lies past the count and reads its ids first: the same rows, and page 5 is the end.
    deep = client.get(url, {"page_size": 3, "page": 4}).json()
    assert [row["id"] for row in deep["results"]] == ids[9:12] and deep["next"] is None
    assert client.get(url, {"page_size": 3, "page": 5}).status_code == 404
    exact = client.get(url, {"page_size": 100, "status": "closed"}).json()
    assert (exact["count"], exact["count_exact"]) == (0, True)


@pytest.mark.parametrize("who", ["clerk", "superuser"])
def test_search_and_deep_page_queries_do_not_grow(api_as, client, clerk_a, council_a, small_limit, who,
                                                  django_assert_max_num_queries):
    user = clerk_a if who == "clerk" else UserFactory(username="root", is_superuser=True, is_staff=True)
    api = api_as(user)
    api.get("/api/v1/voters/petitions/")  # one-off queries (content types) before measuring
    counts = []
    for size in (6, 14):
        for petition in _petitions(council_a, size - Petition.objects.count()):
            ForwardingFactory(petition=petition)
        for params in ({"q": "dat dai"}, {"q": "duong", "page": 2, "page_size": 5}):
            with django_assert_max_num_queries(12) as captured:
                assert api.get("/api/v1/voters/petitions/", params).status_code == 200
            counts.append((tuple(params), len(captured.captured_queries)))
        client.force_login(user)
        with django_assert_max_num_queries(30) as captured:
            assert client.get(reverse("voters:petition_list"), {"q": "dat dai", "page": 2}).status_code == 200
        counts.append(("page", len(captured.captured_queries)))
    assert counts[:3] == counts[3:]


def test_short_words_are_matched_on_the_rows_and_long_ones_by_like(council_a):
    wanted, = _petitions(council_a, 1, "Tranh chấp đất đai ở xã Đông")
    _petitions(council_a, 1, "Sửa đường ở thôn Đoài")
    queryset = search.search_petitions(Petition.objects.all(), "DAT dai dong")
    assert list(queryset) == [wanted]
    sql = str(queryset.query).lower()
    assert "instr" in sql or "strpos" in sql
    assert "like" in str(search.search_petitions(Petition.objects.all(), "duong").query).lower()


def test_a_search_reads_its_matches_once_for_the_count_and_the_page(council_a, small_limit,
                                                                    django_assert_num_queries):
    """``ids_first``: the ordered ids of up to COUNT_LIMIT + 1 matches are the count and the page's slice —
    the same count, pages and rows as counting and paging separately, in one query fewer."""
    _petitions(council_a, 8)
    _petitions(council_a, 3, "Sửa trường học")
    queryset = search.search_petitions(Petition.objects.order_by("-received_on", "-pk"), "dat dai")
    plain = pagination.BoundedPaginator(queryset, 3)
    once = pagination.BoundedPaginator(queryset, 3, ids_first=True)
    with django_assert_num_queries(2):  # the ids, then page 2's rows by id
        page = once.page(2)
        assert (once.count, once.count_exact) == (8, True)
    assert list(page) == list(plain.page(2)) and page.has_next() == plain.page(2).has_next()
    assert list(once.page(3)) == list(plain.page(3)) == list(queryset[6:8])
    # More matches than the limit: "more than", as the plain count says, and the pages still agree.
    _petitions(council_a, 5)
    many = pagination.BoundedPaginator(queryset, 3, ids_first=True)
    assert (many.count, many.count_exact) == (10, False)
    assert list(many.page(4)) == list(pagination.BoundedPaginator(queryset, 3).page(4))


def test_list_and_api_searches_count_without_a_count_query(api_as, client, clerk_a, council_a):
    """Searching, the list page and the API's first page read the matches once: no COUNT(*) over petitions."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _petitions(council_a, 4)
    _petitions(council_a, 2, "Sửa trường học")
    client.force_login(clerk_a)
    api = api_as(clerk_a)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("voters:petition_list"), {"q": "dat dai"})
        body = api.get("/api/v1/voters/petitions/", {"q": "dat dai"}).json()
    assert page.context["paginator"].count == 4 and "4 bản ghi" in page.content.decode()
    assert (body["count"], body["count_exact"], len(body["results"])) == (4, True, 4)
    assert not [q for q in queries.captured_queries
                if q["sql"].startswith("SELECT COUNT(*)") and 'FROM "voters_petition"' in q["sql"] and "'dai'" in q["sql"]]


def test_a_search_over_every_council_counts_and_pages_as_before(client, council_a, django_assert_num_queries):
    """Who sees every council searches the whole country: the count stops at its limit and the first page
    walks the date index, cheaper there than sorting every match's id, so no ``ids_first``."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _petitions(council_a, 3)
    client.force_login(UserFactory(username="root", is_superuser=True, is_staff=True))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("voters:petition_list"), {"q": "dat dai"})
    assert page.context["paginator"].count == 3 and not page.context["paginator"].ids_first
    assert [q for q in queries.captured_queries
            if q["sql"].startswith("SELECT COUNT(*)") and 'FROM "voters_petition"' in q["sql"] and "'dai'" in q["sql"]]


def test_a_searchs_list_page_counts_to_the_search_limit(client, clerk_a, council_a, monkeypatch):
    """A list page's search says "more than" past SEARCH_COUNT_LIMIT (a reader refines a search rather than
    paging through it) and serves the pages up to it; the same list unsearched counts to COUNT_LIMIT."""
    monkeypatch.setattr(pagination, "SEARCH_COUNT_LIMIT", 3)
    _petitions(council_a, 5)
    client.force_login(clerk_a)
    searched = client.get(reverse("voters:petition_list"), {"q": "dat dai"})
    assert "Hơn 3 bản ghi" in searched.content.decode()
    assert (searched.context["paginator"].count, searched.context["paginator"].count_exact) == (3, False)
    plain = client.get(reverse("voters:petition_list"))
    assert "5 bản ghi" in plain.content.decode() and plain.context["paginator"].count_exact


@pytest.mark.parametrize("who", ["clerk", "superuser"])
@pytest.mark.parametrize("params", [{}, {"page": 2, "page_size": 2}])
def test_an_api_search_counts_to_the_search_limit(api_as, clerk_a, council_a, monkeypatch, who, params):
    """The API says the same as the page: a ``q`` search counts to SEARCH_COUNT_LIMIT, by cursor (first page)
    or page number, for a scoped user (ids first) and a superuser (bounded count) alike."""
    monkeypatch.setattr(pagination, "SEARCH_COUNT_LIMIT", 3)
    _petitions(council_a, 5)
    user = clerk_a if who == "clerk" else UserFactory(username="root", is_superuser=True, is_staff=True)
    api = api_as(user)
    body = api.get("/api/v1/voters/petitions/", {"q": "dat dai", **params}).json()
    assert (body["count"], body["count_exact"]) == (3, False)
    assert api.get("/api/v1/voters/petitions/", params).json()["count"] == 5
