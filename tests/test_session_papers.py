"""Session papers on the page: downloads scoped to the council, the first opening by each deputy recorded
once, the secretariat's who-has-opened list and lead time against the rule, and the deputy's inbox."""

import datetime

import pytest
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from compliance.choices import Metric
from compliance.tests import builders
from councils.models import AuditEntry, SessionDocumentRead
from councils.tests.factories import DeputyFactory, SessionDocumentFactory, SessionFactory, TermFactory
from portal import selectors as portal_selectors

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _sent(days_before_opening, opening):
    """A moment at 09:00 Hanoi time, ``days_before_opening`` days before ``opening``."""
    day = opening - datetime.timedelta(days=days_before_opening)
    return timezone.make_aware(datetime.datetime(day.year, day.month, day.day, 9, 0))


def _paper(session, title, *, sent_days=None, with_file=True):
    document = SessionDocumentFactory(session=session, title=title,
                                      sent_at=_sent(sent_days, session.start_date) if sent_days is not None else None)
    if with_file:
        document.file.save(f"{title[:10]}.pdf", ContentFile(b"%PDF-1.4 to trinh"), save=True)
    return document


@pytest.fixture
def session_a(council_a, term):
    return SessionFactory(council=council_a, term=term, number=5, start_date=_days(10), end_date=_days(12),
                          title="Kỳ họp thứ 5 (chuyên đề)")


def test_a_deputy_downloads_a_paper_and_the_first_opening_is_recorded_once(client, deputy_a, deputy_a_record,
                                                                           session_a):
    document = _paper(session_a, "Tờ trình dự toán ngân sách", sent_days=12)
    client.force_login(deputy_a)
    url = reverse("session_document_download", args=[document.pk])

    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"%PDF-1.4 to trinh"
    assert "attachment" in response["Content-Disposition"]
    receipt = SessionDocumentRead.objects.get()
    assert (receipt.document, receipt.deputy, receipt.user) == (document, deputy_a_record, deputy_a)
    first = receipt.opened_at
    entry = AuditEntry.objects.get(action="open")
    assert entry.actor == deputy_a and entry.council == session_a.council
    assert entry.changes == {"document": document.pk, "deputy": deputy_a_record.pk}
    version = document.version

    # A second opening, this time through the API, changes nothing.
    assert client.get(f"/api/v1/session-documents/{document.pk}/download/").status_code == 200
    assert SessionDocumentRead.objects.count() == 1
    assert SessionDocumentRead.objects.get().opened_at == first
    assert AuditEntry.objects.filter(action="open").count() == 1
    document.refresh_from_db()
    assert document.version == version  # a receipt is not a change of the document


def test_the_api_download_records_the_opening_too(api_as, deputy_a, deputy_a_record, session_a):
    document = _paper(session_a, "Báo cáo kinh tế - xã hội", sent_days=8)
    assert api_as(deputy_a).get(f"/api/v1/session-documents/{document.pk}/download/").status_code == 200
    assert SessionDocumentRead.objects.filter(document=document, deputy=deputy_a_record).exists()


def test_the_secretariat_opening_a_paper_is_no_receipt(client, clerk_a, session_a):
    document = _paper(session_a, "Tờ trình", sent_days=8)
    client.force_login(clerk_a)
    assert client.get(reverse("session_document_download", args=[document.pk])).status_code == 200
    assert not SessionDocumentRead.objects.exists()


def test_another_councils_paper_is_404_on_the_page_and_the_api(client, api_as, clerk_b, session_a):
    document = _paper(session_a, "Tờ trình mật", sent_days=8)
    client.force_login(clerk_b)
    assert client.get(reverse("session_document_download", args=[document.pk])).status_code == 404
    assert api_as(clerk_b).get(f"/api/v1/session-documents/{document.pk}/download/").status_code == 404
    assert not SessionDocumentRead.objects.exists()


def test_a_paper_without_a_file_is_404(client, deputy_a, session_a):
    document = _paper(session_a, "Chỉ có tên", sent_days=8, with_file=False)
    client.force_login(deputy_a)
    assert client.get(reverse("session_document_download", args=[document.pk])).status_code == 404


def test_the_secretariat_sees_who_has_opened_each_paper_and_the_lead_time_against_the_rule(
        client, clerk_a, deputy_a, deputy_a_record, council_a, term, session_a):
    other = DeputyFactory(council=council_a, term=term, full_name="Lê Văn Nam")
    DeputyFactory(council=council_a, term=term, full_name="Đã Thôi", end_date=_days(-30))
    early = _paper(session_a, "Tờ trình sớm", sent_days=9)
    late = _paper(session_a, "Tờ trình muộn", sent_days=3)
    builders.rule("TL-7", metric=Metric.SESSION_DOCUMENTS_LEAD, threshold="100", params={"min_days": 7})
    client.force_login(deputy_a)
    client.get(reverse("session_document_download", args=[early.pk]))

    client.force_login(clerk_a)
    body = client.get(reverse("session_detail", args=[session_a.pk])).content.decode()
    early_row = body[body.index(f'data-testid="document-{early.pk}"'):]
    early_row = early_row[:early_row.index("</tr>")]
    assert "1/2 đại biểu" in early_row
    assert f'data-testid="opened">{deputy_a_record.full_name} (' in early_row
    assert f'data-testid="not-opened">{other.full_name}<' in early_row
    assert "Đã Thôi" not in early_row  # no longer seated on the opening day
    assert '<td class="text-end" data-testid="lead">9 <span class="badge text-bg-success">đạt</span>' in early_row
    late_row = body[body.index(f'data-testid="document-{late.pk}"'):]
    late_row = late_row[:late_row.index("</tr>")]
    assert "0/2 đại biểu" in late_row
    assert '<td class="text-end" data-testid="lead">3 <span class="badge text-bg-danger">chưa đạt</span>' in late_row
    assert "Tài liệu gửi đủ trước khai mạc 3 ngày." in body
    assert "Quy định: gửi trước khai mạc ít nhất 7 ngày (TL-7)." in body
    assert reverse("session_document_download", args=[early.pk]) in body


def test_a_deputy_sees_the_download_links_but_not_the_readers(client, deputy_a, session_a):
    document = _paper(session_a, "Tờ trình", sent_days=9)
    client.force_login(deputy_a)
    body = client.get(reverse("session_detail", args=[session_a.pk])).content.decode()
    assert reverse("session_document_download", args=[document.pk]) in body
    assert 'data-testid="readers"' not in body
    assert "Chưa có chỉ tiêu về số ngày gửi tài liệu trước khai mạc." in body


def test_a_rule_of_another_subtree_or_kind_does_not_apply(client, clerk_a, council_b, session_a):
    _paper(session_a, "Tờ trình", sent_days=9)
    builders.rule("TL-B", metric=Metric.SESSION_DOCUMENTS_LEAD, threshold="100", params={"min_days": 10},
                  rs=builders.ruleset("thanh-hoa", council=council_b))
    builders.rule("TL-BT", metric=Metric.SESSION_DOCUMENTS_LEAD, threshold="100",
                  params={"min_days": 15, "session_kinds": ["urgent"]})
    client.force_login(clerk_a)
    body = client.get(reverse("session_detail", args=[session_a.pk])).content.decode()
    assert "Chưa có chỉ tiêu về số ngày gửi tài liệu trước khai mạc." in body


def test_session_page_queries_do_not_grow_with_papers_and_deputies(client, clerk_a, council_a, term, session_a,
                                                                   django_assert_num_queries):
    def build(n):
        for i in range(n):
            DeputyFactory(council=council_a, term=term)
            document = _paper(session_a, f"Tờ trình {session_a.documents.count()} {i}", sent_days=8)
            SessionDocumentRead.objects.create(document=document, deputy=DeputyFactory(council=council_a, term=term),
                                               opened_at=timezone.now())

    client.force_login(clerk_a)
    url = reverse("session_detail", args=[session_a.pk])
    build(1)
    client.get(url)
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    build(4)
    with django_assert_num_queries(len(small.captured_queries)):
        body = client.get(url).content.decode()
    assert "1/10 đại biểu" in body


def test_the_inbox_lists_unopened_papers_of_upcoming_sessions_only(client, deputy_a, deputy_a_record, council_a,
                                                                    council_b, term, session_a,
                                                                    django_assert_max_num_queries):
    waiting = _paper(session_a, "Tờ trình chờ đọc", sent_days=9)
    opened = _paper(session_a, "Tờ trình đã đọc", sent_days=9)
    _paper(session_a, "Chưa gửi", sent_days=None)
    _paper(session_a, "Không có tệp", sent_days=9, with_file=False)
    SessionDocumentRead.objects.create(document=opened, deputy=deputy_a_record, opened_at=timezone.now())
    past = SessionFactory(council=council_a, term=term, number=4, start_date=_days(-20), end_date=_days(-18))
    _paper(past, "Tờ trình kỳ trước", sent_days=9)
    next_term = TermFactory(name="2031-2036", start_date=datetime.date(2031, 3, 15), end_date=datetime.date(2036, 3, 14))
    other_term = SessionFactory(council=council_a, term=next_term, number=1, start_date=_days(30), end_date=_days(31))
    _paper(other_term, "Tờ trình khóa khác", sent_days=1)
    _paper(SessionFactory(council=council_b, term=term, start_date=_days(5), end_date=_days(6)), "Tỉnh khác",
           sent_days=1)

    # One query more than before the papers: the test of the other kinds now allows 7 (see test_inbox).
    with django_assert_max_num_queries(7):
        entries = portal_selectors.inbox_for(deputy_a)
    papers = [e for e in entries if e.kind == "session_paper"]
    assert [(e.pk, e.url_name, e.due_date, e.overdue) for e in papers] == [
        (waiting.pk, "session_document_download", session_a.start_date, False)]
    assert papers[0].title == "Tờ trình chờ đọc — Kỳ họp thứ 5 (chuyên đề)"

    client.force_login(deputy_a)
    page = client.get(reverse("inbox")).content.decode()
    assert reverse("session_document_download", args=[waiting.pk]) in page and "chưa mở" in page
    client.get(reverse("session_document_download", args=[waiting.pk]))
    assert [e for e in portal_selectors.inbox_for(deputy_a) if e.kind == "session_paper"] == []
