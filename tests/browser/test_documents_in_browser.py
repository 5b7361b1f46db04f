"""The session report downloaded from the session's page in a real Chromium, in its three formats (.xlsx, .docx,
.pdf), each opened by its reader; the Word and PDF carry the state heading with its diacritics."""

from io import BytesIO
from pathlib import Path

import docx
import pypdf
from django.db.models import Count
from openpyxl import load_workbook

from councils.models import Session
from tests.browser.test_portal_in_browser import browser, demo, login, page, pytestmark, server, shot  # noqa: F401  (fixtures)

__all__ = ["pytestmark"]


def _download(tab, selector) -> bytes:
    with tab.expect_download() as download_info:
        tab.click(selector)
    return Path(download_info.value.path()).read_bytes()


def test_the_session_report_downloads_in_three_formats(page, settings):  # noqa: F811  (the fixture)
    settings.DOCUMENTS_ASYNC_PETITIONS = 100_000  # built on the spot, not by a job
    session = (Session.objects.filter(council__code="01").annotate(petitions=Count("voter_meetings__petitions"))
               .order_by("-petitions", "pk").first())
    login(page, "vanphong")
    page.goto(page.base + f"/ky-hop/{session.pk}/")
    shot(page, "session-detail-documents")
    url = f"/cu-tri/bao-cao-ky-hop/{session.pk}/"

    sheet = load_workbook(BytesIO(_download(page, f'a[href="{url}"]'))).active
    assert sheet["A1"].value == "Báo cáo kết quả giải quyết kiến nghị cử tri"

    word = docx.Document(BytesIO(_download(page, f'a[href="{url}?format=docx"]')))
    text = "\n".join([p.text for p in word.paragraphs]
                     + [cell.text for table in word.tables for row in table.rows for cell in row.cells])
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "BÁO CÁO" in text and "Tổng cộng" in text

    pdf = _download(page, f'a[href="{url}?format=pdf"]')
    assert pdf.startswith(b"%PDF")
    text = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(BytesIO(pdf)).pages).split())
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    assert "HĐND THÀNH PHỐ HÀ NỘI" in text
