"""The receipt of a citizen's letter, an oversight activity's result report and the compliance report, in Word and
PDF from a button on their page; another council's record is a 404 for every one of them."""

import datetime
import json

import pytest
from django.conf import settings
from django.core.cache import cache
from django.urls import reverse

from compliance import selectors as compliance_selectors
from compliance.models import Evidence, Result
from compliance.services import load_ruleset, run_evaluation
from compliance.tests import builders as b
from councils.choices import BodyKind, CommitteeType
from councils.tests.factories import AgencyFactory, LevelFactory
from documents import rendering
from documents.choices import DocumentKind
from oversight.choices import ActivityKind, ActivityStatus
from oversight.tests.factories import ActivityFactory, RecommendationFactory
from voters import services
from voters.choices import Channel, PetitionKind

from .conftest import HEADING, docx_text, pdf_text

pytestmark = pytest.mark.django_db


def _both(client, url, **query):
    """The document as Word text and as PDF text (white space folded, so a wrapped line still matches)."""
    word = client.get(url, {**query, "format": "docx"})
    pdf = client.get(url, {**query, "format": "pdf"})
    assert word.status_code == pdf.status_code == 200
    return " ".join(docx_text(word.content).split()), pdf_text(pdf.content)


@pytest.fixture
def letter(council_a, clerk_a):
    return services.register_letter(council=council_a, kind=PetitionKind.REQUEST, channel=Channel.DIRECT,
                                    content="Đề nghị giải quyết việc lấn chiếm vỉa hè trước số nhà 5 phố Đội Cấn",
                                    received_on=datetime.date(2026, 11, 30), actor=clerk_a, code="DT-15",
                                    sender_name="Lê Văn Bình", sender_address="Số 5 phố Đội Cấn, Ba Đình")


def test_receipt(client, clerk_a, letter):
    client.force_login(clerk_a)
    url = reverse("documents:receipt", args=[letter.pk])
    assert url in client.get(reverse("voters:petition_detail", args=[letter.pk])).content.decode()
    for text in _both(client, url):
        for line in HEADING:
            assert line in text
        assert "HĐND THÀNH PHỐ HÀ NỘI" in text and "VĂN PHÒNG HĐND" in text and "Số: DT-15/BN-VP" in text
        assert "GIẤY BIÊN NHẬN" in text
        assert "Lê Văn Bình" in text and "Số 5 phố Đội Cấn, Ba Đình" in text
        assert "Ngày tiếp nhận: 30/11/2026" in text and "Đơn kiến nghị, phản ánh" in text
        assert "lấn chiếm vỉa hè" in text
        assert letter.forward_due.strftime("%d/%m/%Y") in text
        flat = " ".join(text.split())
        assert f"Mã tra cứu: {letter.tracking_code}" in flat and f"Mã bí mật: {letter.tracking_key}" in flat


def test_a_receipt_printed_by_a_reader_holds_the_code_but_not_the_secret_key(client, viewer_a, letter):
    client.force_login(viewer_a)
    for text in _both(client, reverse("documents:receipt", args=[letter.pk])):
        assert letter.tracking_code in text and letter.tracking_key not in text and "Mã bí mật" not in text


def test_receipt_prints_the_tracking_code_when_the_context_has_it(letter):
    context = {**rendering.receipt_context(letter), "tracking_code": "HN-7K3M-Q9TX"}
    for text in (docx_text(rendering.render_docx(DocumentKind.RECEIPT, context)),
                 pdf_text(rendering.render_pdf(DocumentKind.RECEIPT, context))):
        assert "Mã tra cứu: HN-7K3M-Q9TX" in " ".join(text.split())


@pytest.fixture
def activity(council_a, term):
    activity = ActivityFactory(council=council_a, body__name="Ban Đô thị", body__kind=BodyKind.COMMITTEE,
                               body__committee_type=CommitteeType.URBAN,
                               body__term=term, title="Việc quản lý trật tự xây dựng năm 2026",
                               status=ActivityStatus.CONCLUDED, actual_start=datetime.date(2026, 10, 1),
                               actual_end=datetime.date(2026, 10, 30), conclusion_date=datetime.date(2026, 11, 15),
                               conclusion="Công tác quản lý có chuyển biến; còn vi phạm kéo dài.")
    agency = AgencyFactory(name="Sở Xây dựng Hà Nội", council=council_a)
    activity.subject_agencies.add(agency)
    RecommendationFactory(activity=activity, agency=agency, content="Rà soát, xử lý dứt điểm công trình vi phạm",
                          due_date=datetime.date(2027, 3, 31))
    RecommendationFactory(activity=activity, agency=agency, content="Công khai danh sách công trình vi phạm",
                          due_date=datetime.date(2027, 1, 15))
    return activity


def test_activity_report(client, clerk_a, activity):
    client.force_login(clerk_a)
    url = reverse("documents:activity_report", args=[activity.pk])
    assert url in client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    for text in _both(client, url):
        for line in HEADING:
            assert line in text
        assert "HĐND THÀNH PHỐ HÀ NỘI" in text and "BAN ĐÔ THỊ" in text and "/BC-ĐGS" in text
        assert "BÁO CÁO" in text and "Kết quả giám sát chuyên đề: Việc quản lý trật tự xây dựng năm 2026" in text
        assert "Công tác quản lý có chuyển biến; còn vi phạm kéo dài." in text and "15/11/2026" in text
        assert "KIẾN NGHỊ (2)" in text
        assert "Rà soát, xử lý dứt điểm công trình vi phạm" in text and "31/03/2027" in text
        assert "Sở Xây dựng Hà Nội" in text
        # Deadlines first: the January recommendation is listed before the March one.
        assert text.index("Công khai danh sách") < text.index("Rà soát, xử lý")


AS_OF = datetime.date(2026, 11, 20)


@pytest.fixture
def evaluated(province_level, commune_level, council_a, council_a1, term):
    cache.clear()
    LevelFactory(code="district")
    path = settings.BASE_DIR / "compliance" / "rulesets" / "hanoi.json"
    load_ruleset(data=json.loads(path.read_text(encoding="utf-8")))
    b.body(council_a, term, BodyKind.STANDING_BOARD)
    plenary = b.body(council_a, term, BodyKind.PLENARY)
    b.activity(council_a, datetime.date(2026, 4, 6), body=plenary, kind=ActivityKind.THEMATIC)
    run_evaluation(as_of=AS_OF)
    yield council_a
    cache.clear()


def test_compliance_report(client, viewer_a, evaluated):
    client.force_login(viewer_a)
    dashboard = client.get(reverse("compliance:dashboard")).content.decode()
    assert reverse("documents:compliance_report") + f"?council={evaluated.pk}&amp;year=" in dashboard
    rollup = compliance_selectors.rollup(viewer_a, evaluated)
    rule = next(r for r in rollup["rules"] if r["code"] == "GS-HDND-2")
    assert rule["total"] > 0
    results = Result.objects.filter(rule__code="GS-HDND-2", council__path__startswith=evaluated.path,
                                    period_start__lte=AS_OF, period_end__gte=AS_OF)
    figures = [rule[key] for key in ("met", "on_track", "at_risk", "missed")]
    assert sum(figures) + rule["not_applicable"] == results.count()
    evidence = Evidence.objects.filter(result__in=results)
    for text in _both(client, reverse("documents:compliance_report"), council=evaluated.pk):
        for line in HEADING:
            assert line in text
        assert "HĐND THÀNH PHỐ HÀ NỘI" in text and "/BC-HĐND" in text
        assert "Kết quả thực hiện chỉ tiêu hoạt động của HĐND thành phố Hà Nội và HĐND cấp dưới" in text
        assert "Số liệu tính đến ngày 20/11/2026" in text
        assert "GS-HDND-2" in text and "KH-2" in text
        row = text[text.index("GS-HDND-2"):]
        assert (" | " if "|" in text else " ").join(map(str, figures)) in row
        assert (f"{evidence.count()} ({evidence.filter(counted=True).count()})") in text


def test_another_councils_record_is_a_404_for_every_document(client, clerk_b, letter, activity, evaluated):
    client.force_login(clerk_b)
    for url, query in ((reverse("documents:receipt", args=[letter.pk]), {}),
                       (reverse("documents:activity_report", args=[activity.pk]), {}),
                       (reverse("documents:compliance_report"), {"council": evaluated.pk})):
        for output in ("docx", "pdf"):
            assert client.get(url, {**query, "format": output}).status_code == 404, url
    assert client.get(reverse("documents:receipt", args=[letter.pk]), {"format": "odt"}).status_code == 404
