"""Sessions (councils.sessions and its API): numbering, agenda, documents and the lead time before opening."""

import datetime
import zoneinfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from councils import sessions
from councils.choices import SessionKind
from councils.models import SessionDocument
from councils.tests.factories import SessionFactory

pytestmark = pytest.mark.django_db

HCM = zoneinfo.ZoneInfo("Asia/Ho_Chi_Minh")
API = "/api/v1/sessions"


def test_session_number_unique_within_council_and_term(clerk_a, clerk_b, council_a, council_b, term):
    sessions.create_session(council=council_a, term=term, number=3, kind=SessionKind.THEMATIC,
                            start_date=datetime.date(2026, 9, 10), actor=clerk_a)
    with pytest.raises(ValidationError, match="số này"):
        sessions.create_session(council=council_a, term=term, number=3, start_date=datetime.date(2026, 12, 1),
                                actor=clerk_a)
    # Another council may use the same number.
    sessions.create_session(council=council_b, term=term, number=3, kind=SessionKind.URGENT,
                            start_date=datetime.date(2026, 9, 10), actor=clerk_b)
    with pytest.raises(PermissionDenied):
        sessions.create_session(council=council_a, term=term, number=4, start_date=datetime.date(2026, 12, 1),
                                actor=clerk_b)


def test_agenda_items_number_themselves(clerk_a, council_a, term):
    session = SessionFactory(council=council_a, term=term)
    first = sessions.add_agenda_item(session=session, title="Báo cáo kinh tế - xã hội", actor=clerk_a)
    second = sessions.add_agenda_item(session=session, title="Chất vấn", actor=clerk_a)
    assert (first.order, second.order) == (1, 2)


def test_lead_time_is_decided_by_the_latest_document(clerk_a, council_a, term):
    session = SessionFactory(council=council_a, term=term, start_date=datetime.date(2026, 7, 10))
    early = datetime.datetime(2026, 6, 30, 9, 0, tzinfo=HCM)
    # 23:30 on 2/7 in Hà Nội is still 2/7 there, although it is 3/7 nowhere and 2/7 16:30 in UTC.
    late = datetime.datetime(2026, 7, 2, 23, 30, tzinfo=HCM)
    sessions.add_session_document(session=session, title="Tờ trình", sent_at=early, actor=clerk_a)
    sessions.add_session_document(session=session, title="Dự thảo nghị quyết", sent_at=late, actor=clerk_a)
    sessions.add_session_document(session=session, title="Chưa gửi", actor=clerk_a)
    rows = sessions.lead_times(clerk_a)
    assert len(rows) == 1
    row = rows[0]
    assert (row["lead_days"], row["max_lead_days"], row["documents"], row["unsent"]) == (8, 10, 3, 1)


def test_lead_times_in_one_query(clerk_a, council_a, term, django_assert_num_queries):
    for n in range(4):
        session = SessionFactory(council=council_a, term=term, number=n + 1)
        SessionDocument.objects.create(session=session, title="TL",
                                       sent_at=datetime.datetime(2026, 6, 1, tzinfo=HCM))
    sessions.lead_times(clerk_a)  # loads the user's roles once
    with django_assert_num_queries(1):
        assert len(sessions.lead_times(clerk_a)) == 4


def test_sent_at_cannot_be_in_the_future(clerk_a, council_a, term):
    session = SessionFactory(council=council_a, term=term)
    with pytest.raises(ValidationError):
        sessions.add_session_document(session=session, title="x", actor=clerk_a,
                                      sent_at=datetime.datetime(2100, 1, 1, tzinfo=HCM))


def test_session_api(api_as, clerk_a, clerk_b, viewer_a, council_a, term):
    client = api_as(clerk_a)
    response = client.post(f"{API}/", {"council": council_a.pk, "term": term.pk, "number": 5, "kind": "urgent",
                                       "start_date": "2026-08-01"}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["lead_days"] is None
    response = client.post("/api/v1/session-documents/", {
        "session": pk, "title": "Tờ trình", "file": SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 x")},
        format="multipart")
    assert response.status_code == 201, response.json()
    document = response.json()["id"]
    response = client.post(f"/api/v1/session-documents/{document}/mark-sent/",
                           {"sent_at": "2026-07-25T08:00:00+07:00"}, format="json")
    assert response.status_code == 200
    assert client.get(f"{API}/{pk}/").json()["lead_days"] == 7
    assert api_as(clerk_b).get(f"{API}/{pk}/").status_code == 404
    assert api_as(clerk_b).get(f"/api/v1/session-documents/{document}/download/").status_code == 404
    assert api_as(viewer_a).get(f"/api/v1/session-documents/{document}/download/").status_code == 200
    assert api_as(viewer_a).patch(f"{API}/{pk}/", {"title": "x"}, format="json").status_code == 403
    response = api_as(clerk_a).post("/api/v1/session-documents/", {
        "session": pk, "title": "Giả", "file": SimpleUploadedFile("gia.pdf", b"MZ\x90\x00")}, format="multipart")
    assert response.status_code == 400


def test_session_document_without_a_title(api_as, clerk_a, council_a, term):
    """The schema makes the title optional: a POST without one was a 500 (the service required it)."""
    session = SessionFactory(council=council_a, term=term)
    client = api_as(clerk_a)
    response = client.post("/api/v1/session-documents/", {
        "session": session.pk, "file": SimpleUploadedFile("to-trinh.pdf", b"%PDF-1.4 x")}, format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "to-trinh.pdf"
    # Neither a title nor a file to name it after: the model's own refusal, a 400 on the title.
    response = client.post("/api/v1/session-documents/", {"session": session.pk}, format="json")
    assert response.status_code == 400 and list(response.json()["error"]["fields"]) == ["title"]


def test_session_list_query_count(api_as, clerk_a, council_a, term, django_assert_max_num_queries):
    def seed(start, n):
        for number in range(start, start + n):
            session = SessionFactory(council=council_a, term=term, number=number)
            SessionDocument.objects.create(session=session, title="TL")

    client = api_as(clerk_a)
    seed(1, 2)
    with django_assert_max_num_queries(8) as small:
        assert client.get(f"{API}/").json()["count"] == 2
    seed(3, 10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert client.get(f"{API}/").json()["count"] == 12
