"""Pages of the agency answer flow: the agency's home (theirs only, overdue first, each with its next step), the
forwarding page and its buttons, a denunciation's hidden sender, the secretariat's petition page (receipt date,
reply number and file, accept / return), attachments downloaded only in scope."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from voters import services
from voters.choices import AnswerReview, ForwardingStatus, PetitionKind

TODAY = datetime.date(2026, 12, 2)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr("voters.services.agency._today", lambda: TODAY)
    monkeypatch.setattr("voters.selectors._today", lambda: TODAY)


def _forward(new_petition, clerk_a, field, agencies, content, on=datetime.date(2026, 11, 10), due=None):
    petition = new_petition(content=content)
    services.classify_petition(petition=petition, actor=clerk_a, field=field, proposed_agencies=agencies)
    services.forward_petition(petition=petition, actor=clerk_a, forwarded_on=on,
                              due_dates={a.pk: due for a in agencies} if due else None)
    return petition


def test_agency_home_lists_only_theirs_overdue_first(client, new_petition, clerk_a, traffic_field, agency_a,
                                                     agency_a2, gtvt_staff):
    later = _forward(new_petition, clerk_a, traffic_field, [agency_a], "Cử tri đề nghị lắp đèn tín hiệu ngã tư",
                     due=datetime.date(2027, 1, 30))
    late = _forward(new_petition, clerk_a, traffic_field, [agency_a], "Cử tri phản ánh đường Láng ngập úng",
                    due=datetime.date(2026, 11, 30))
    _forward(new_petition, clerk_a, traffic_field, [agency_a2], "Cử tri phản ánh ô nhiễm sông Tô Lịch")
    client.force_login(gtvt_staff)
    page = client.get("/").content.decode()
    assert "Kiến nghị chuyển tới cơ quan" in page
    assert "sông Tô Lịch" not in page
    assert page.index("đường Láng ngập úng") < page.index("lắp đèn tín hiệu")
    assert "quá hạn" in page and "Xác nhận đã nhận" in page
    assert f'data-forwarding="{late.forwardings.get().pk}"' in page
    assert f'data-forwarding="{later.forwardings.get().pk}"' in page
    # At phone width each row is a card whose cells say what they are (static/css/portal.css).
    assert 'table-stack" data-testid="agency-forwardings"' in page
    assert 'data-label="Hạn trả lời"' in page and 'data-label="Việc cần làm"' in page
    # The council's own pages stay closed.
    assert client.get(reverse("voters:petition_detail", args=[late.pk])).status_code == 404


def test_agency_home_query_count_does_not_grow(client, new_petition, clerk_a, traffic_field, agency_a, gtvt_staff):
    def add(n):
        for i in range(n):
            _forward(new_petition, clerk_a, traffic_field, [agency_a], f"Cử tri phản ánh vỉa hè số {n}-{i}")

    client.force_login(gtvt_staff)
    add(2)
    with CaptureQueriesContext(connection) as small:
        assert client.get("/").status_code == 200
    add(6)
    with CaptureQueriesContext(connection) as large:
        page = client.get("/").content.decode()
    assert page.count("data-forwarding=") == 8
    assert len(large) == len(small)


def test_forwarding_page_of_another_agency_is_404(client, forwarded_petition, gtvt_staff, agency_a2):
    theirs = forwarded_petition.forwardings.get(agency=agency_a2)
    client.force_login(gtvt_staff)
    for name in ("forwarding_detail", "forwarding_answer", "forwarding_clarification"):
        assert client.get(reverse(f"voters:{name}", args=[theirs.pk])).status_code == 404
    assert client.post(reverse("voters:forwarding_acknowledge", args=[theirs.pk])).status_code == 404


def test_agency_answer_flow_on_pages(client, forwarded_petition, gtvt_staff, clerk_a, agency_a, pdf):
    forwarding = forwarded_petition.forwardings.get(agency=agency_a)
    client.force_login(gtvt_staff)
    detail = reverse("voters:forwarding_detail", args=[forwarding.pk])
    assert "Xác nhận đã nhận" in client.get(detail).content.decode()
    client.post(reverse("voters:forwarding_acknowledge", args=[forwarding.pk]))
    forwarding.refresh_from_db()
    assert forwarding.acknowledged_on == TODAY
    url = reverse("voters:forwarding_answer", args=[forwarding.pk])
    refused = client.post(url, {"answer": "Đã sửa xong.", "outcome": "resolved", "reply_number": "77/SGTVT",
                                "version": forwarding.version})
    assert refused.status_code == 400 and "Phải chọn tệp đính kèm." in refused.content.decode()
    done = client.post(url, {"answer": "Đã sửa xong.", "outcome": "resolved", "reply_number": "77/SGTVT",
                             "version": forwarding.version, "file": pdf()})
    assert done.status_code == 302
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.review) == (ForwardingStatus.ANSWERED, AnswerReview.SUBMITTED)
    # The secretariat's petition page: receipt date, reply number, the file, and the review buttons.
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_detail", args=[forwarded_petition.pk])).content.decode()
    assert "02/12/2026" in page and "77/SGTVT" in page and "cong-van-tra-loi.pdf" in page
    assert reverse("voters:forwarding_accept", args=[forwarding.pk]) in page
    assert reverse("voters:forwarding_return", args=[forwarding.pk]) in page
    empty = client.post(reverse("voters:forwarding_return", args=[forwarding.pk]),
                        {"reason": "", "version": forwarding.version})
    assert empty.status_code == 400 and "Phải ghi lý do trả lại câu trả lời." in empty.content.decode()
    client.post(reverse("voters:forwarding_accept", args=[forwarding.pk]))
    forwarding.refresh_from_db()
    assert forwarding.review == AnswerReview.ACCEPTED
    # The agency cannot review its own answer.
    client.force_login(gtvt_staff)
    assert client.get(reverse("voters:forwarding_return", args=[forwarding.pk])).status_code == 403


def test_denunciation_sender_hidden_on_the_agency_page(client, clerk_a, council_a, agency_a, land_field, gtvt_staff,
                                                       pdf):
    letter = services.register_letter(council=council_a, kind=PetitionKind.DENUNCIATION, channel="mail",
                                      content="Tố cáo sai phạm trong cấp phép xây dựng.",
                                      received_on=datetime.date(2026, 11, 3), actor=clerk_a,
                                      sender_name="Trần Thị Tố Cáo", sender_address="5 Phố Huế")
    services.classify_petition(petition=letter, actor=clerk_a, field=land_field, proposed_agencies=[agency_a])
    services.forward_petition(petition=letter, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 10))
    scan = services.add_attachment(petition=letter, actor=clerk_a, file=pdf("ban-quet-don.pdf"))
    forwarding = letter.forwardings.get()
    client.force_login(gtvt_staff)
    page = client.get(reverse("voters:forwarding_detail", args=[forwarding.pk])).content.decode()
    assert "Trần Thị Tố Cáo" not in page and "5 Phố Huế" not in page and "giữ bí mật" in page
    assert client.get(reverse("voters:attachment_download", args=[scan.pk])).status_code == 404
    client.force_login(clerk_a)
    assert "Cho cơ quan biết danh tính" in client.get(reverse("voters:petition_detail", args=[letter.pk])).content.decode()
    client.post(reverse("voters:petition_release_identity", args=[letter.pk]))
    client.force_login(gtvt_staff)
    assert "Trần Thị Tố Cáo" in client.get(reverse("voters:forwarding_detail", args=[forwarding.pk])).content.decode()
    assert client.get(reverse("voters:attachment_download", args=[scan.pk])).status_code == 200


def test_attachment_page_upload_and_download_scope(client, forwarded_petition, clerk_a, clerk_b, pdf):
    client.force_login(clerk_a)
    url = reverse("voters:petition_attach", args=[forwarded_petition.pk])
    bad = client.post(url, {"file": pdf("anh.exe"), "version": forwarded_petition.version})
    assert bad.status_code == 400 and "Loại tệp “exe” không được phép" in bad.content.decode()
    assert client.post(url, {"file": pdf("anh-hien-truong.pdf"),
                             "version": forwarded_petition.version}).status_code == 302
    attachment = forwarded_petition.attachments.get()
    page = client.get(reverse("voters:petition_detail", args=[forwarded_petition.pk])).content.decode()
    assert "anh-hien-truong.pdf" in page
    download = client.get(reverse("voters:attachment_download", args=[attachment.pk]))
    assert download.status_code == 200 and 'filename="anh-hien-truong.pdf"' in download["Content-Disposition"]
    client.force_login(clerk_b)
    assert client.get(reverse("voters:attachment_download", args=[attachment.pk])).status_code == 404
    assert client.get(url).status_code == 404
