"""Filters over thousands of records (the country's agencies and councils) are remote boxes: the page writes only
the choice made, and the box asks a scoped, accent-free suggestion endpoint for the others (20 at most)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.tests.factories import AgencyFactory
from utilities.ui.widgets import SUGGESTIONS

pytestmark = pytest.mark.django_db


def test_agency_suggestions_are_scoped_accent_free_and_limited(client, clerk_a, council_a, council_b):
    AgencyFactory(council=council_a, name="Sở Giao thông vận tải")
    AgencyFactory(council=council_b, name="Sở Giao thông vận tải Thanh Hóa")
    for number in range(SUGGESTIONS + 5):
        AgencyFactory(council=council_a, name=f"Phòng số {number}")
    client.force_login(clerk_a)
    found = client.get(reverse("agency_suggestions"), {"q": "giao thong"}).json()["results"]
    assert [row["text"] for row in found] == ["Sở Giao thông vận tải — Thành phố Hà Nội"]
    assert len(client.get(reverse("agency_suggestions"), {"q": "phong"}).json()["results"]) == SUGGESTIONS


def test_council_suggestions_are_scoped(client, clerk_a, council_a, council_a1, council_b):
    client.force_login(clerk_a)
    texts = [row["text"] for row in client.get(reverse("council_suggestions"), {"q": "ba dinh"}).json()["results"]]
    assert texts == ["HĐND phường Ba Đình — Thành phố Hà Nội"]
    assert client.get(reverse("council_suggestions"), {"q": "thanh hoa"}).json()["results"] == []


def test_suggestions_need_a_signed_in_user(client):
    assert client.get(reverse("agency_suggestions")).status_code == 302


def _agency_select(page: str) -> str:
    start = page.index('name="agency"')
    return page[start:page.index("</select>", start)]


@pytest.mark.parametrize("extra", [5, 60])
def test_petition_list_writes_only_the_chosen_agency(client, clerk_a, council_a, extra):
    chosen = AgencyFactory(council=council_a, name="Sở Xây dựng")
    for number in range(extra):
        AgencyFactory(council=council_a, name=f"Phòng số {number}")
    client.force_login(clerk_a)
    client.get(reverse("voters:petition_list"), {"agency": chosen.pk})
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("voters:petition_list"), {"agency": chosen.pk}).content.decode()
    select = _agency_select(page)
    assert f'value="{chosen.pk}" selected' in select and "Sở Xây dựng — Thành phố Hà Nội" in select
    assert "Phòng số" not in select and reverse("agency_suggestions") in select
    # The same queries whatever the number of agencies.
    assert len(queries) == _QUERIES.setdefault("petition list", len(queries))


_QUERIES: dict[str, int] = {}
