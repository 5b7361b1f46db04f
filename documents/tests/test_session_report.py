"""The session report in Word and PDF at the .xlsx's own URL: the state heading, the title, the figures by field
and by agency and each agency's answer; the .xlsx unchanged; the buttons on the session's page."""

from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from .conftest import HEADING, docx_text, pdf_fonts, pdf_text

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _get(client, session, **query):
    return client.get(reverse("voters:session_report", args=[session.pk]), query)


def test_word_has_heading_title_figures_and_answers(client, clerk_a, report_session):
    client.force_login(clerk_a)
    response = _get(client, report_session, format="docx")
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert "bao-cao-kien-nghi-ky-hop-7.docx" in response["Content-Disposition"]
    text = docx_text(response.content)
    for line in HEADING:
        assert line in text
    assert "HĐND THÀNH PHỐ HÀ NỘI" in text and "THƯỜNG TRỰC HĐND" in text
    assert "Số:" in text and "/BC-HĐND" in text
    assert "Hà Nội, ngày " in text
    assert "BÁO CÁO" in text and "Kết quả giải quyết kiến nghị cử tri gửi tới Kỳ họp thứ 7" in text
    # The figures by field, as the .xlsx has them: [group, total, resolved, being resolved, explained, none].
    assert "Đất đai | 1 | 0 | 0 | 0 | 1" in text
    assert "Giao thông | 1 | 0 | 1 | 0 | 0" in text
    assert "Tổng cộng | 2 | 0 | 1 | 0 | 1" in text
    assert "giải quyết 2 kiến nghị" in text
    assert "Sở Giao thông vận tải Hà Nội (Đã giải quyết, 20/11/2026): Đã sửa xong mặt đường Lê Lợi" in text
    assert "Sở Tài nguyên và Môi trường Hà Nội (Đang giải quyết, 21/11/2026): Đang lập dự án thoát nước" in text
    assert "Nơi nhận:" in text and "TM. THƯỜNG TRỰC HĐND" in text and "Nguyễn Ngọc Tuấn" in text


def test_word_by_agency(client, clerk_a, report_session):
    client.force_login(clerk_a)
    text = docx_text(_get(client, report_session, format="docx", group_by="agency").content)
    assert "Cơ quan giải quyết" in text
    assert "Sở GTVT | 2 | 1 | 0 | 0 | 1" in text and "Sở TNMT | 1 | 0 | 1 | 0 | 0" in text
    assert "Tổng cộng | 3 | 1 | 1 | 0 | 1" in text


def test_pdf_has_the_same_content_with_the_font_embedded(client, clerk_a, report_session):
    client.force_login(clerk_a)
    response = _get(client, report_session, format="pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    text = " ".join(pdf_text(response.content).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text  # every diacritic intact
    assert "Độc lập - Tự do - Hạnh phúc" in text
    assert "HĐND THÀNH PHỐ HÀ NỘI" in text and "/BC-HĐND" in text
    assert "Kết quả giải quyết kiến nghị cử tri gửi tới Kỳ họp thứ 7" in text
    assert "Tổng cộng 2 0 1 0 1" in text
    assert "Đã sửa xong mặt đường Lê Lợi" in text
    fonts = pdf_fonts(response.content)
    assert fonts and all(embedded for _name, embedded in fonts)
    assert any("Serif" in name for name, _embedded in fonts)


def test_the_xlsx_is_unchanged_and_the_session_page_offers_all_three(client, clerk_a, report_session):
    client.force_login(clerk_a)
    for query in ({}, {"format": "xlsx"}, {"group_by": "agency"}):
        sheet = load_workbook(BytesIO(_get(client, report_session, **query).content)).active
        assert sheet["A1"].value == "Báo cáo kết quả giải quyết kiến nghị cử tri"
    page = client.get(reverse("session_detail", args=[report_session.pk])).content.decode()
    url = reverse("voters:session_report", args=[report_session.pk])
    assert f'href="{url}"' in page
    assert f'href="{url}?format=docx"' in page and f'href="{url}?format=pdf"' in page


def test_another_councils_session_is_a_404(client, clerk_b, report_session):
    client.force_login(clerk_b)
    for output in ("docx", "pdf", "xlsx"):
        assert _get(client, report_session, format=output).status_code == 404


def test_text_users_typed_stays_text(client, clerk_a, report_session, new_petition):
    petition = report_session.council.petitions.filter(reported_session=report_session).get()
    petition.content = "Đường <b>Lê Lợi</b> & {{ secret }} {% raw %}"
    petition.save()
    client.force_login(clerk_a)
    text = docx_text(_get(client, report_session, format="docx").content)
    assert "Đường <b>Lê Lợi</b> & {{ secret }} {% raw %}" in text
    assert "Đường <b>Lê Lợi</b> &" in pdf_text(_get(client, report_session, format="pdf").content)
