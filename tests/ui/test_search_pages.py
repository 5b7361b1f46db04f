"""Accent-insensitive search beyond petitions: typing without Vietnamese marks ("duong", "nguyen") finds the
records written with them, on the list pages and through the shared FilterSets (so the API and exports too)."""

import datetime

import pytest
from django.urls import reverse

from councils.choices import BodyKind
from councils.filtersets import AgencyFilterSet, DeputyFilterSet
from councils.models import Agency, Deputy
from councils.tests.factories import AgencyFactory, BodyFactory, DeputyFactory
from oversight.tests.factories import ActivityFactory, WorkItemFactory
from utilities.text import normalise, search
from voters.search import normalise as petitions_normalise
from voters.tests.factories import VoterMeetingFactory

pytestmark = pytest.mark.django_db


def test_one_normaliser_for_every_search():
    assert petitions_normalise is normalise
    assert normalise("  Đường  LÀNG Nguyễn ") == "duong lang nguyen"


def test_search_matches_every_word_without_marks(council_a, term):
    hoa = DeputyFactory(council=council_a, term=term, full_name="Nguyễn Thị Hòa")
    DeputyFactory(council=council_a, term=term, full_name="Trần Văn Đức")
    deputies = Deputy.objects.filter(council=council_a)
    assert list(search(deputies, ["full_name"], "nguyen hoa")) == [hoa]
    assert list(search(deputies, ["full_name"], "NGUYỄN")) == [hoa]
    assert list(search(deputies, ["full_name"], "duc")) != [hoa]
    assert search(deputies, ["full_name"], "  ").count() == 2
    assert not search(deputies, ["full_name"], "nguyen duc").exists()


def test_deputy_list_finds_nguyen_without_marks(client, clerk_a, council_a, term):
    DeputyFactory(council=council_a, term=term, full_name="Nguyễn Văn Bình")
    DeputyFactory(council=council_a, term=term, full_name="Lê Thị Mai")
    client.force_login(clerk_a)
    page = client.get(reverse("deputy_list"), {"q": "nguyen"}).content.decode()
    assert "Nguyễn Văn Bình" in page and "Lê Thị Mai" not in page
    assert DeputyFilterSet({"q": "binh"}, queryset=Deputy.objects.all()).qs.get().full_name == "Nguyễn Văn Bình"


def test_activity_and_work_item_lists_find_duong(client, clerk_a, council_a):
    ActivityFactory(council=council_a, title="Giám sát đầu tư xây dựng đường giao thông nông thôn")
    ActivityFactory(council=council_a, title="Giám sát an toàn thực phẩm")
    WorkItemFactory(council=council_a, title="Khảo sát tuyến đường tỉnh 419")
    WorkItemFactory(council=council_a, title="Báo cáo công tác dân nguyện")
    client.force_login(clerk_a)
    page = client.get(reverse("oversight:activity_list"), {"q": "duong giao thong"}).content.decode()
    assert "đường giao thông nông thôn" in page and "an toàn thực phẩm" not in page
    page = client.get(reverse("oversight:workitem_list"), {"q": "DUONG"}).content.decode()
    assert "Khảo sát tuyến đường tỉnh 419" in page and "dân nguyện" not in page


def test_meeting_list_finds_place_and_topic(client, clerk_a, council_a, term):
    group = BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP)
    VoterMeetingFactory(council=council_a, body=group, place="Nhà văn hóa phường Đống Đa", topic="",
                        date=datetime.date(2026, 11, 2))
    VoterMeetingFactory(council=council_a, body=group, place="Hội trường xã", topic="Đường điện nông thôn",
                        date=datetime.date(2026, 11, 3))
    VoterMeetingFactory(council=council_a, body=group, place="Trường tiểu học", topic="Giáo dục",
                        date=datetime.date(2026, 11, 4))
    client.force_login(clerk_a)
    page = client.get(reverse("voters:meeting_list"), {"q": "dong da"}).content.decode()
    assert "Đống Đa" in page and "Hội trường xã" not in page and "Trường tiểu học" not in page
    page = client.get(reverse("voters:meeting_list"), {"q": "duong dien"}).content.decode()
    assert "Hội trường xã" in page and "Đống Đa" not in page


def test_agency_list_and_filterset_find_without_marks(client, clerk_a, council_a, council_b):
    AgencyFactory(council=council_a, name="Sở Giao thông vận tải", short_name="SGTVT")
    AgencyFactory(council=council_a, name="Sở Tài nguyên và Môi trường", short_name="STNMT")
    AgencyFactory(council=council_b, name="Sở Giao thông vận tải Thanh Hóa")
    client.force_login(clerk_a)
    page = client.get(reverse("agency_list"), {"q": "giao thong"}).content.decode()
    assert "Sở Giao thông vận tải" in page and "Thanh Hóa" not in page and "Tài nguyên" not in page
    found = AgencyFilterSet({"q": "tai nguyen moi truong"}, queryset=Agency.objects.all()).qs
    assert [a.short_name for a in found] == ["STNMT"]


@pytest.mark.parametrize(("url_name", "query"), [
    ("deputy_list", "nguyen"), ("agency_list", "so"), ("oversight:activity_list", "duong"),
    ("oversight:workitem_list", "duong"), ("voters:meeting_list", "nha van hoa"),
])
def test_searched_lists_query_count_does_not_grow(client, clerk_a, council_a, term, url_name, query,
                                                  django_assert_max_num_queries):
    group = BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP)

    def add(n):
        start = Deputy.objects.count()
        for i in range(start, start + n):
            DeputyFactory(council=council_a, term=term, full_name=f"Nguyễn Văn {i}")
            AgencyFactory(council=council_a, name=f"Sở số {i}")
            ActivityFactory(council=council_a, title=f"Giám sát đường số {i}")
            WorkItemFactory(council=council_a, title=f"Khảo sát đường số {i}")
            VoterMeetingFactory(council=council_a, body=group, place=f"Nhà văn hóa số {i}")

    client.force_login(clerk_a)
    add(2)
    with django_assert_max_num_queries(25) as small:
        response = client.get(reverse(url_name), {"q": query})
    assert response.status_code == 200 and len(response.context["rows"]) == 2
    add(12)
    with django_assert_max_num_queries(25) as large:
        response = client.get(reverse(url_name), {"q": query})
    assert len(response.context["rows"]) == 14
    assert len(large.captured_queries) == len(small.captured_queries)
