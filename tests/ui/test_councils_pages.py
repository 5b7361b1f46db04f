"""Pages of the council records: real data shows, other councils' records are 404, queries stay bounded."""

import pytest
from django.urls import reverse

from councils.choices import BodyKind
from councils.tests.factories import (
    AgencyFactory,
    BodyFactory,
    DeputyFactory,
    MembershipFactory,
    SessionFactory,
)

pytestmark = pytest.mark.django_db


def test_secretariat_home_shows_council_figures(client, clerk_a, council_a, council_a1, term):
    DeputyFactory.create_batch(3, council=council_a, term=term)
    client.force_login(clerk_a)
    response = client.get(reverse("home"))
    body = response.content.decode()
    assert "HĐND thành phố Hà Nội" in body
    assert 'data-count="deputies">3<' in body
    assert reverse("deputy_list") in body


def test_deputy_list_shows_rows_and_filters(client, clerk_a, council_a, council_b, term):
    DeputyFactory(council=council_a, term=term, full_name="Lê Văn Quyết")
    DeputyFactory(council=council_a, term=term, full_name="Phạm Thị Mai")
    DeputyFactory(council=council_b, term=term, full_name="Hoàng Văn Thanh")
    client.force_login(clerk_a)
    body = client.get(reverse("deputy_list")).content.decode()
    assert "Lê Văn Quyết" in body and "Phạm Thị Mai" in body
    assert "Hoàng Văn Thanh" not in body
    body = client.get(reverse("deputy_list"), {"full_name__icontains": "Mai"}).content.decode()
    assert "Phạm Thị Mai" in body and "Lê Văn Quyết" not in body


def test_list_sorting_accepts_only_allowed_columns(client, clerk_a, council_a, term):
    DeputyFactory(council=council_a, term=term, full_name="An")
    DeputyFactory(council=council_a, term=term, full_name="Yến")
    client.force_login(clerk_a)
    body = client.get(reverse("deputy_list"), {"sort": "-full_name"}).content.decode()
    assert body.index("Yến") < body.index(">An<")
    # An unknown sort key falls back to the default order instead of failing.
    body = client.get(reverse("deputy_list"), {"sort": "password"}).content.decode()
    assert body.index(">An<") < body.index("Yến")


def test_htmx_refresh_returns_only_the_table(client, clerk_a, council_a, term):
    DeputyFactory(council=council_a, term=term, full_name="Lê Văn Quyết")
    client.force_login(clerk_a)
    response = client.get(reverse("deputy_list"), HTTP_HX_REQUEST="true", HTTP_HX_TARGET="list-results")
    body = response.content.decode()
    assert "Lê Văn Quyết" in body
    assert "<html" not in body


def test_another_councils_records_are_404(client, clerk_b, council_a, term):
    deputy = DeputyFactory(council=council_a, term=term)
    body = BodyFactory(council=council_a, term=term)
    session = SessionFactory(council=council_a, term=term)
    client.force_login(clerk_b)
    for url in (reverse("deputy_detail", args=[deputy.pk]), reverse("body_detail", args=[body.pk]),
                reverse("session_detail", args=[session.pk]), reverse("council_detail", args=[council_a.pk])):
        assert client.get(url).status_code == 404, url


def test_council_detail_drills_down_to_children(client, clerk_a, council_a, council_a1, term):
    DeputyFactory.create_batch(2, council=council_a1, term=term)
    client.force_login(clerk_a)
    body = client.get(reverse("council_detail", args=[council_a.pk])).content.decode()
    assert "HĐND phường Ba Đình" in body
    assert reverse("council_detail", args=[council_a1.pk]) in body
    child = client.get(reverse("council_detail", args=[council_a1.pk])).content.decode()
    assert "HĐND thành phố Hà Nội" in child  # breadcrumb back up


def test_body_detail_lists_members(client, clerk_a, council_a, term):
    committee = BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ đại biểu số 1")
    MembershipFactory(body=committee, deputy=DeputyFactory(council=council_a, term=term, full_name="Đỗ Minh Khang"))
    client.force_login(clerk_a)
    body = client.get(reverse("body_detail", args=[committee.pk])).content.decode()
    assert "Đỗ Minh Khang" in body


def test_export_xlsx_uses_the_same_filters(client, clerk_a, council_a, term):
    from io import BytesIO

    from openpyxl import load_workbook

    DeputyFactory(council=council_a, term=term, full_name="Lê Văn Quyết")
    DeputyFactory(council=council_a, term=term, full_name="Phạm Thị Mai")
    client.force_login(clerk_a)
    response = client.get(reverse("deputy_list"), {"full_name__icontains": "Mai", "export": "xlsx"})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(BytesIO(response.content)).active
    names = [row[0] for row in sheet.iter_rows(min_row=4, values_only=True)]
    assert names == ["Phạm Thị Mai"]


@pytest.mark.parametrize("url_name", ["home", "council_list", "deputy_list", "body_list", "session_list",
                                      "agency_list"])
def test_list_pages_query_count_does_not_grow(client, clerk_a, council_a, term, url_name,
                                              django_assert_max_num_queries):
    client.force_login(clerk_a)

    def add(n):
        for _ in range(n):
            deputy = DeputyFactory(council=council_a, term=term)
            MembershipFactory(body=BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP),
                              deputy=deputy)
            SessionFactory(council=council_a, term=term)
            AgencyFactory(council=council_a)

    # The home's cards each run their list's own count (and its council filter's lookup): many, but fixed.
    limit = 45 if url_name == "home" else 20
    add(2)
    with django_assert_max_num_queries(limit) as small:
        assert client.get(reverse(url_name)).status_code == 200
    add(20)
    with django_assert_max_num_queries(limit) as large:
        assert client.get(reverse(url_name)).status_code == 200
    assert len(large.captured_queries) == len(small.captured_queries)


def test_secretariat_home_lists_petitions_due_soon(client, clerk_a, council_a):
    import datetime

    from django.utils import timezone

    from voters.tests.factories import PetitionFactory

    soon = timezone.localdate() + datetime.timedelta(days=1)
    PetitionFactory(council=council_a, content="Đề nghị nạo vét kênh tiêu", forward_due=soon)
    PetitionFactory(council=council_a, content="Đã quá hạn chuyển", forward_due=datetime.date(2020, 1, 1))
    client.force_login(clerk_a)
    body = client.get(reverse("home")).content.decode()
    assert "Đề nghị nạo vét kênh tiêu" in body
    assert "1 quá hạn" in body


def test_session_forms_and_document_lead_time(client, clerk_a, viewer_a, council_a, term):
    from councils.models import Session

    SessionFactory(council=council_a, term=term, number=3)
    client.force_login(clerk_a)
    data = {"council": council_a.pk, "term": term.pk, "number": 3, "kind": "regular",
            "start_date": "10/12/2026", "end_date": "12/12/2026"}
    response = client.post(reverse("session_create"), data)
    assert response.status_code == 400
    assert "HĐND đã có kỳ họp mang số này trong nhiệm kỳ." in response.content.decode()
    assert Session.objects.count() == 1
    response = client.post(reverse("session_create"), {**data, "number": 4})
    session = Session.objects.get(number=4)
    assert response["Location"] == reverse("session_detail", args=[session.pk])
    client.post(reverse("session_document_add", args=[session.pk]), {"title": "Tờ trình dự toán ngân sách"})
    document = session.documents.get()
    page = client.get(reverse("session_detail", args=[session.pk])).content.decode()
    assert "Tờ trình dự toán ngân sách" in page and "chưa gửi" in page
    sent_url = reverse("session_document_sent", args=[document.pk])
    assert sent_url in page
    client.post(sent_url, {"next": reverse("session_detail", args=[session.pk])})
    document.refresh_from_db()
    assert document.sent_at is not None
    client.force_login(viewer_a)
    assert client.post(reverse("session_document_add", args=[session.pk]), {"title": "X"}).status_code == 403
    assert reverse("session_document_add", args=[session.pk]) not in client.get(
        reverse("session_detail", args=[session.pk])).content.decode()
