"""A petition's history reads as sentences and shows its forwardings' events (issue 15 §2)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from councils import history
from voters import services
from voters.choices import AnswerOutcome

RAW_CODES = ("create (", "classify (", "status:", "received →", "→ forwarded", "forward (", "answer (")


@pytest.fixture
def answered(forwarded_petition, gtvt_staff, clerk_a, pdf):
    forwarding = forwarded_petition.forwardings.get(agency__short_name="Sở GTVT")
    services.submit_answer(forwarding=forwarding, actor=gtvt_staff, answer="Đã lên kế hoạch sửa đường.",
                           outcome=AnswerOutcome.BEING_RESOLVED, reply_number="12/SGTVT", file=pdf())
    services.accept_answer(forwarding=forwarding, actor=clerk_a)
    return forwarded_petition


def _lines(client, user, petition):
    client.force_login(user)
    page = client.get(reverse("voters:petition_detail", args=[petition.pk]))
    assert page.status_code == 200
    return [" ".join(line.sentence.split()) for line in page.context["history"]], page.content.decode()


def test_petition_history_is_sentences_with_the_forwardings_and_answers(client, clerk_a, answered):
    clerk_a.first_name, clerk_a.last_name = "Thu Trang", "Lê"
    clerk_a.save()
    lines, html = _lines(client, clerk_a, answered)
    name = clerk_a.get_full_name()
    assert f"{name} tiếp nhận kiến nghị" in lines
    assert f"{name} phân loại kiến nghị" in lines
    # The forwardings of one call are one sentence naming every agency.
    forward = next(line for line in lines if line.startswith(f"{name} chuyển kiến nghị đến"))
    assert "Sở Giao thông vận tải Hà Nội" in forward and "Sở Tài nguyên và Môi trường Hà Nội" in forward
    assert not any(line == f"{name} chuyển kiến nghị đến Sở Giao thông vận tải Hà Nội" for line in lines)
    assert any("ghi nhận trả lời của Sở Giao thông vận tải Hà Nội" in line for line in lines)
    assert f"{name} chấp nhận câu trả lời của Sở Giao thông vận tải Hà Nội" in lines
    assert "Đã tiếp nhận → Đã phân loại" in " ".join(html.split())
    for code in RAW_CODES:
        assert code not in html, code


def test_petition_history_in_english(client, clerk_a, answered):
    client.force_login(clerk_a)
    with translation.override("en"):
        page = client.get(reverse("voters:petition_detail", args=[answered.pk]), HTTP_ACCEPT_LANGUAGE="en")
    html = " ".join(page.content.decode().split())
    assert "forwarded the petition to" in html
    assert "accepted the answer of" in html
    assert "tiếp nhận kiến nghị" not in html and "chuyển kiến nghị đến" not in html


def test_petition_history_query_count_does_not_grow(clerk_a, new_petition, agency_a, agency_a2, traffic_field):
    def count(petition):
        with CaptureQueriesContext(connection) as queries:
            lines = history.history_lines(petition)
        assert lines
        return len(queries)

    small = new_petition(content="Đề nghị lắp đèn chiếu sáng ngõ 12")
    services.classify_petition(petition=small, actor=clerk_a, field=traffic_field, proposed_agencies=[agency_a])
    services.forward_petition(petition=small, actor=clerk_a)
    big = new_petition(content="Đề nghị nạo vét mương thoát nước khu dân cư")
    services.classify_petition(petition=big, actor=clerk_a, field=traffic_field,
                               proposed_agencies=[agency_a, agency_a2])
    services.forward_petition(petition=big, actor=clerk_a)
    for forwarding in big.forwardings.all():
        services.request_clarification(forwarding=forwarding, actor=clerk_a, note="Cần bổ sung địa chỉ")
        services.clarify(forwarding=forwarding, actor=clerk_a, note="Ngõ 12 phố Lê Lợi")
    count(small)  # the content types are cached from here on
    assert count(big) == count(small) == 2
