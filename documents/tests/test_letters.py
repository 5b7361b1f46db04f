"""The forwarding letter: issue_forwarding_letter fills every listed forwarding's document_number with one
history line each, or none; the page to pick the forwardings; the letter in Word and PDF; its scope."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from councils.models import AuditEntry
from councils.tests.factories import AgencyFactory
from voters import services
from voters.models import Forwarding
from voters.tests.factories import ForwardingFactory, PetitionFactory

from .conftest import HEADING, docx_text, pdf_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def two_to_gtvt(forwarded_petition, new_petition, clerk_a, agency_a, traffic_field):
    """Two petitions forwarded to Sở GTVT (and the first also to Sở TNMT)."""
    second = new_petition("Cử tri đề nghị lắp đèn tín hiệu tại ngã tư Đào Tấn", code="KN-02")
    services.classify_petition(petition=second, actor=clerk_a, field=traffic_field, proposed_agencies=[agency_a])
    services.forward_petition(petition=second, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 12))
    return list(Forwarding.objects.filter(agency=agency_a).order_by("pk"))


def _lines(forwarding):
    return list(AuditEntry.objects.filter(object_id=forwarding.pk, content_type__model="forwarding",
                                          action="forwarding_letter"))


def test_the_letter_fills_document_number_with_a_history_line_each(two_to_gtvt, clerk_a, agency_a):
    done = services.issue_forwarding_letter(agency=agency_a, forwardings=two_to_gtvt, document_number=" 318/HĐND-VP ",
                                            actor=clerk_a)
    assert [f.document_number for f in done] == ["318/HĐND-VP", "318/HĐND-VP"]
    for forwarding in two_to_gtvt:
        forwarding.refresh_from_db()
        assert forwarding.document_number == "318/HĐND-VP"
        (line,) = _lines(forwarding)
        assert line.changes == {"document_number": [None, "318/HĐND-VP"]} and line.actor == clerk_a
    # The same number again changes nothing and writes no line.
    services.issue_forwarding_letter(agency=agency_a, forwardings=two_to_gtvt, document_number="318/HĐND-VP",
                                     actor=clerk_a)
    assert all(len(_lines(f)) == 1 for f in two_to_gtvt)


def test_all_or_nothing(two_to_gtvt, forwarded_petition, clerk_a, agency_a, agency_a2, council_b):
    other_agency = forwarded_petition.forwardings.get(agency=agency_a2)
    with pytest.raises(ValidationError) as error:
        services.issue_forwarding_letter(agency=agency_a, forwardings=[*two_to_gtvt, other_agency],
                                         document_number="318/HĐND-VP", actor=clerk_a)
    assert "được chuyển tới Sở TNMT, không phải cơ quan nhận công văn" in str(error.value)
    assert not Forwarding.objects.exclude(document_number="").exists()

    first, second = two_to_gtvt
    services.issue_forwarding_letter(agency=agency_a, forwardings=[first], document_number="300/HĐND-VP",
                                     actor=clerk_a)
    with pytest.raises(ValidationError) as error:
        services.issue_forwarding_letter(agency=agency_a, forwardings=[second, first], document_number="318/HĐND-VP",
                                         actor=clerk_a)
    assert "đã có trong công văn số 300/HĐND-VP" in str(error.value)
    second.refresh_from_db()
    assert second.document_number == ""

    elsewhere = ForwardingFactory(petition=PetitionFactory(council=council_b), agency=agency_a)
    with pytest.raises(ValidationError, match="cùng một HĐND"):
        services.issue_forwarding_letter(agency=agency_a, forwardings=[second, elsewhere],
                                         document_number="318/HĐND-VP", actor=clerk_a)
    with pytest.raises(ValidationError, match="Phải nhập số công văn"):
        services.issue_forwarding_letter(agency=agency_a, forwardings=[second], document_number=" ", actor=clerk_a)
    with pytest.raises(ValidationError, match="ít nhất một"):
        services.issue_forwarding_letter(agency=agency_a, forwardings=[], document_number="1/HĐND", actor=clerk_a)
    second.refresh_from_db()
    assert second.document_number == ""


def test_only_the_secretariat_issues_it(two_to_gtvt, viewer_a, clerk_b, agency_a):
    for user in (viewer_a, clerk_b):
        with pytest.raises(PermissionDenied):
            services.issue_forwarding_letter(agency=agency_a, forwardings=two_to_gtvt, document_number="1/HĐND",
                                             actor=user)
    assert not Forwarding.objects.exclude(document_number="").exists()


def test_pick_issue_and_download(client, clerk_a, council_a, agency_a, two_to_gtvt, forwarded_petition, chair_a):
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_detail", args=[forwarded_petition.pk])).content.decode()
    issue_url = reverse("documents:letter_issue", args=[agency_a.pk]) + f"?council={council_a.pk}"
    assert issue_url.replace("&", "&amp;") in page and "Lập công văn chuyển — Sở GTVT" in page
    index = client.get(reverse("documents:letter_index")).content.decode()
    assert "Sở Giao thông vận tải Hà Nội" in index and 'data-count="pending">2<' in index

    form = client.get(issue_url).content.decode()
    assert "Cử tri đề nghị lắp đèn tín hiệu tại ngã tư Đào Tấn" in form and "KN-02" in form
    refused = client.post(issue_url, {"document_number": "", "forwardings": [two_to_gtvt[0].pk]})
    assert refused.status_code == 400 and "This field is required" not in refused.content.decode()
    assert not Forwarding.objects.exclude(document_number="").exists()

    response = client.post(issue_url, {"document_number": "318/HĐND-VP", "forwardings": [f.pk for f in two_to_gtvt]})
    assert response.status_code == 302
    assert set(Forwarding.objects.filter(agency=agency_a).values_list("document_number", flat=True)) == {"318/HĐND-VP"}
    detail = client.get(response["Location"])
    assert "Công văn số 318/HĐND-VP gửi Sở Giao thông vận tải Hà Nội" in detail.content.decode()

    word = docx_text(client.get(response["Location"] + "&format=docx").content)
    pdf = pdf_text(client.get(response["Location"] + "&format=pdf").content)
    due = two_to_gtvt[1].due_date.strftime("%d/%m/%Y")
    for text in (" ".join(word.split()), pdf):
        for line in HEADING:
            assert line in text
        assert "HĐND THÀNH PHỐ HÀ NỘI" in text and "Số: 318/HĐND-VP" in text
        assert "V/v chuyển kiến nghị của cử tri" in text
        assert "Kính gửi: Sở Giao thông vận tải Hà Nội" in text
        assert "chuyển tới Sở Giao thông vận tải Hà Nội 2 kiến nghị" in text
        assert "Cử tri đề nghị lắp đèn tín hiệu tại ngã tư Đào Tấn" in text and due in text
        assert "Nguyễn Ngọc Tuấn" in text
    # The petition's page now links the letter instead.
    page = client.get(reverse("voters:petition_detail", args=[forwarded_petition.pk])).content.decode()
    assert "Công văn 318/HĐND-VP — Sở GTVT" in page


def test_scope(client, clerk_a, clerk_b, viewer_a, council_a, agency_a, two_to_gtvt):
    services.issue_forwarding_letter(agency=agency_a, forwardings=two_to_gtvt, document_number="318/HĐND-VP",
                                     actor=clerk_a)
    detail = reverse("documents:letter_detail", args=[agency_a.pk])
    issue = reverse("documents:letter_issue", args=[agency_a.pk])
    client.force_login(clerk_b)
    for query in ({"council": council_a.pk, "so": "318/HĐND-VP", "format": "pdf"},
                  {"council": council_a.pk, "so": "318/HĐND-VP", "format": "docx"},
                  {"council": council_a.pk, "so": "318/HĐND-VP"}):
        assert client.get(detail, query).status_code == 404
    assert client.get(issue, {"council": council_a.pk}).status_code == 404
    assert "Sở Giao thông vận tải Hà Nội" not in client.get(reverse("documents:letter_index")).content.decode()
    client.force_login(viewer_a)  # reads the letter, may not issue one
    assert client.get(detail, {"council": council_a.pk, "so": "318/HĐND-VP", "format": "pdf"}).status_code == 200
    assert client.get(issue, {"council": council_a.pk}).status_code == 403
    client.force_login(clerk_a)
    assert client.get(detail, {"council": council_a.pk, "so": "999/HĐND"}).status_code == 404


def test_the_index_counts_in_the_same_queries_at_any_size(client, clerk_a, council_a, agency_a, two_to_gtvt,
                                                          django_assert_num_queries):
    client.force_login(clerk_a)
    url = reverse("documents:letter_index")
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        client.get(url)
    for index in range(6):
        agency = agency_a if index % 2 else AgencyFactory(name=f"Sở số {index}", council=council_a)
        ForwardingFactory(petition=PetitionFactory(council=council_a), agency=agency)
    with django_assert_num_queries(len(small)):
        page = client.get(url).content.decode()
    assert "Sở số 4" in page
