"""Fixtures of the documents tests: the voters' scenario (fields, agencies, a meeting, petitions), a session
whose report has known figures, and readers that turn a .docx or a PDF back into text."""

import datetime
from io import BytesIO

import docx
import pypdf
import pytest

from councils.choices import BodyKind, MembershipRole
from councils.tests.factories import (
    BodyFactory,
    MembershipFactory,
    SessionFactory,
)
from voters import services
from voters.choices import AnswerOutcome
from voters.tests.conftest import (  # noqa: F401  (fixtures)
    agency_a,
    agency_a2,
    agency_b,
    forwarded_petition,
    group_a,
    land_field,
    meeting_a,
    new_petition,
    reevaluations,
    traffic_field,
)

HEADING = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def docx_text(data: bytes) -> str:
    """Every paragraph and table cell of a Word file, one per line (python-docx opens it)."""
    document = docx.Document(BytesIO(data))
    lines = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            lines.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(lines)


def pdf_text(data: bytes) -> str:
    """The PDF's text with every run of white space as one space (pypdf breaks lines where the PDF wraps)."""
    reader = pypdf.PdfReader(BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def pdf_fonts(data: bytes) -> list[tuple[str, bool]]:
    """(font name, embedded?) of every font the PDF's pages use."""
    reader = pypdf.PdfReader(BytesIO(data))
    fonts = []
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font else font
            descriptor = descendant["/FontDescriptor"].get_object()
            fonts.append((str(font["/BaseFont"]), any(k in descriptor for k in ("/FontFile", "/FontFile2",
                                                                                  "/FontFile3"))))
    return fonts


@pytest.fixture
def chair_a(council_a, term):
    board = BodyFactory(council=council_a, term=term, kind=BodyKind.STANDING_BOARD, name="Thường trực HĐND TP")
    return MembershipFactory(body=board, role=MembershipRole.CHAIR, deputy__full_name="Nguyễn Ngọc Tuấn", deputy__term=term,
                             start_date=datetime.date(2026, 3, 15))


@pytest.fixture
def report_session(forwarded_petition, new_petition, clerk_a, council_a, term, land_field, agency_a,  # noqa: F811
                   chair_a):
    """Session 7 (8/12/2026): a traffic petition answered by both agencies (resolved; being resolved) and a
    land petition forwarded to Sở GTVT, not answered. By field: Đất đai 1 not answered, Giao thông 1 being
    resolved; by agency: Sở GTVT 2 (1 resolved, 1 not answered), Sở TNMT 1 being resolved."""
    session = SessionFactory(council=council_a, term=term, number=7, start_date=datetime.date(2026, 12, 8))
    fw1, fw2 = forwarded_petition.forwardings.order_by("agency__name")
    services.answer_forwarding(forwarding=fw1, actor=clerk_a, answer="Đã sửa xong mặt đường Lê Lợi",
                               outcome=AnswerOutcome.RESOLVED, answered_on=datetime.date(2026, 11, 20))
    services.answer_forwarding(forwarding=fw2, actor=clerk_a, answer="Đang lập dự án thoát nước",
                               answered_on=datetime.date(2026, 11, 21), outcome=AnswerOutcome.BEING_RESOLVED)
    services.report_to_voters(petition=forwarded_petition, session=session, actor=clerk_a)
    second = new_petition("Kiến nghị cấp giấy chứng nhận quyền sử dụng đất")
    services.classify_petition(petition=second, actor=clerk_a, field=land_field, proposed_agencies=[agency_a])
    services.forward_petition(petition=second, actor=clerk_a, forwarded_on=datetime.date(2026, 11, 10))
    second.meeting.session = session
    second.meeting.save()
    return session
