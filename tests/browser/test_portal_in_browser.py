"""The portal in a real headless Chromium (Playwright from PyPI, Debian's chromium): each demo role reaches its
home page, the party committee drills down from the dashboard to the evidence, a form shows its Vietnamese
error, a list exports a valid .xlsx, the petitions formset adds rows; screenshots of the main pages go to
test-artifacts/screenshots/. Every page runs under the Content-Security-Policy, and a test fails if the browser
reports that it refused anything."""

import os
import shutil
from io import BytesIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

# live_server and Playwright's sync API share this process; Django must allow ORM calls from it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER = os.environ.get("HDND_BROWSER", "/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(settings.BASE_DIR) / "test-artifacts" / "screenshots"
PASSWORD = settings.HDND_DEMO_PASSWORD
SAVE = "[data-testid=service-form] button[type=submit]"

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not (os.path.exists(BROWSER) or shutil.which(BROWSER)),
                       reason=f"Chromium not found at {BROWSER} (set HDND_BROWSER, or apt-get install chromium)"),
]


@pytest.fixture(scope="module")
def browser():
    sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed")
    with sync_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=BROWSER, args=BROWSER_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def demo(transactional_db):
    """The demo data every newcomer sees, with the quota rules loaded and computed once."""
    call_command("seed_demo", verbosity=0)
    call_command("load_rules", verbosity=0)
    call_command("compute_compliance", verbosity=0)


@pytest.fixture(scope="module")
def server(live_server):
    return live_server


@pytest.fixture
def page(browser, server, demo):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1366, "height": 900}, accept_downloads=True)
    context.set_default_timeout(15000)
    tab = context.new_page()
    tab.base = server.url
    # Chromium reports each thing the Content-Security-Policy refused (an inline script or style, an eval) on
    # the console. Redoc's bundle fetches its footer logo from its CDN: refused, as the portal wants it.
    refused = []
    tab.on("console", lambda message: refused.append(f"{message.text} [at {message.location}, page {tab.url}]")
           if "Content Security Policy" in message.text and "https://cdn.redoc.ly/" not in message.text else None)
    yield tab
    context.close()
    for line in refused:
        print("CSP:", line)
    assert not refused, refused


def login(page, username):
    page.goto(page.base + "/dang-nhap/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("button[type=submit]")
    assert "/dang-nhap/" not in page.url, f"{username} could not sign in"


def shot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_each_role_reaches_its_home_page(page):
    login(page, "vanphong")
    assert page.locator("h1:visible").first.inner_text() == "HĐND thành phố Hà Nội"
    assert page.locator('[data-count="petitions"]').inner_text().strip() != "0"
    shot(page, "home-vanphong")
    page.click("text=Đăng xuất")

    login(page, "daibieu")
    assert page.locator("h1:visible").first.inner_text() == "Việc của tôi"
    assert page.locator('[data-testid="inbox"] > li').count() > 0
    shot(page, "home-daibieu")
    page.click("text=Đăng xuất")

    login(page, "capuy")
    assert "Tuân thủ chỉ tiêu" in page.locator("h1:visible").first.inner_text()
    assert page.locator('[data-testid="rules"] tbody tr').count() > 0
    # Read-only: no recompute button, no create buttons.
    assert page.locator('[data-testid="recompute"]').count() == 0
    page.wait_for_function("document.querySelectorAll('canvas').length > 0")
    # The charts are drawn (static/js/compliance_dashboard.js) and the bars sized (static/js/portal.js).
    page.wait_for_function("[...document.querySelectorAll('canvas')].some(c => Chart.getChart(c))")
    widths = page.locator("[data-bar-width]").evaluate_all("bars => bars.map(b => [b.dataset.barWidth, b.style.width])")
    assert widths and all(float(style.removesuffix("%")) == float(width) for width, style in widths), widths
    shot(page, "home-capuy-dashboard")
    # The printable report: the official heading shows, the navigation and buttons do not.
    page.emulate_media(media="print")
    assert page.locator(".print-heading").first.is_visible()
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in page.locator(".print-heading").first.inner_text()
    assert not page.locator("nav.navbar").is_visible()
    shot(page, "compliance-print")
    page.emulate_media(media="screen")


def test_dashboard_drill_down_to_evidence(page):
    login(page, "capuy")
    page.locator('[data-testid="rule-link"]', has_text="GS-TT-4").click()
    assert "GS-TT-4" in page.locator("h1:visible").first.inner_text()
    shot(page, "compliance-rule")
    if page.locator('[data-testid="child-link"]').count():
        page.locator('[data-testid="child-link"]').first.click()
        assert page.locator(".breadcrumb").inner_text().count("HĐND") >= 2
        page.go_back()
    page.locator('[data-testid="result-link"]').first.click()
    assert page.locator('[data-testid="status"]').is_visible()
    rows = page.locator('[data-testid="evidence"] tbody tr')
    assert rows.count() > 0
    shot(page, "compliance-evidence")
    link = rows.first.locator("a")
    if link.count():
        link.click()
        assert page.locator("h1, h4").first.is_visible()


def test_form_with_an_error_shows_the_vietnamese_message(page):
    login(page, "vanphong")
    page.goto(page.base + "/giam-sat/cong-viec/them/")
    page.fill("#id_title", "Giám sát việc thu gom rác thải sinh hoạt")
    page.select_option("#id_responsible_body", index=1)
    page.fill("#id_due_date", "30/06/2026")
    page.fill("#id_deliverable", "Báo cáo kết quả giám sát")
    page.click(SAVE)
    error = page.locator("#id_lead-errors")
    assert "Công việc chưa đủ “5 rõ”: thiếu rõ người (người chủ trì)." in error.inner_text()
    assert page.locator("#form-errors").is_visible()
    shot(page, "form-error-work-item")
    page.fill("#id_lead", "Phó Chủ tịch HĐND")
    page.click(SAVE)
    assert "Giám sát việc thu gom rác thải sinh hoạt" in page.locator("h1:visible").first.inner_text()


def test_petition_list_filters_and_exports_xlsx(page):
    from openpyxl import load_workbook

    login(page, "vanphong")
    page.goto(page.base + "/cu-tri/kien-nghi/")
    total = page.locator('[data-testid="result-count"]').inner_text()
    page.fill("#id_q", "duong")  # accent-insensitive: finds "đường"
    page.wait_for_function(
        "t => document.querySelector('[data-testid=result-count]').innerText !== t", arg=total)
    shot(page, "petitions-list")
    with page.expect_download() as download_info:
        page.click('[data-testid="export-xlsx"]')
    data = Path(download_info.value.path()).read_bytes()
    sheet = load_workbook(BytesIO(data)).active
    shown = int(page.locator('[data-testid="result-count"]').inner_text().split()[0].replace(".", ""))
    # The export carries the search on screen: one row per petition found, under three heading rows.
    assert sheet.max_row - 3 == shown > 0
    page.locator('[data-testid="list-table"] tbody tr a').first.click()
    shot(page, "petition-detail")
    page.goto(page.base + "/cu-tri/qua-han/")
    shot(page, "overdue-board")
    page.goto(page.base + "/giam-sat/hoat-dong/")
    shot(page, "oversight-activities")


def test_a_list_refreshed_by_htmx_applies_no_inline_style(page):
    # A script (or the screenshot's caret hiding) styles an element of the list through the DOM, which the policy
    # allows; htmx must not copy that style attribute onto the new list with setAttribute, which it refuses
    # (the page fixture fails on any refusal).
    login(page, "vanphong")
    page.goto(page.base + "/cu-tri/kien-nghi/")
    total = page.locator('[data-testid="result-count"]').inner_text()
    page.evaluate("document.getElementById('bulk-all').style.setProperty('outline', '1px solid red')")
    page.fill("#id_q", "duong")
    page.wait_for_function(
        "t => document.querySelector('[data-testid=result-count]').innerText !== t", arg=total)
    assert page.locator("#bulk-all").get_attribute("style") is None


def test_the_petitions_formset_adds_rows(page):
    from voters.models import VoterMeeting

    login(page, "vanphong")
    meeting = VoterMeeting.objects.filter(council__name="HĐND thành phố Hà Nội").order_by("pk").first()
    page.goto(page.base + f"/cu-tri/tiep-xuc/{meeting.pk}/kien-nghi/")
    rows = page.locator("#petition-rows tbody tr")
    before = rows.count()
    page.click("#add-row")
    assert rows.count() == before + 1
    # The new row is numbered and named after the formset's count, and has the focus.
    assert page.locator("#id_items-TOTAL_FORMS").input_value() == str(before + 1)
    new_content = page.locator(f"#id_items-{before}-content")
    assert new_content.evaluate("el => el === document.activeElement")
    new_content.fill("Đề nghị sửa chữa tuyến đường liên xã bị sạt lở")
    page.click(SAVE)
    assert "Đã lưu các kiến nghị." in page.locator(".alert").first.inner_text()


def test_a_confirmation_refused_sends_nothing(page):
    from oversight.choices import ActivityStatus
    from oversight.models import OversightActivity

    login(page, "vanphong")
    activity = OversightActivity.objects.filter(
        council__name="HĐND thành phố Hà Nội", status=ActivityStatus.PLANNED).order_by("pk").first()
    page.goto(page.base + f"/giam-sat/hoat-dong/{activity.pk}/")
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("form[data-confirm] button[type=submit]").first.click()
    assert asked == ["Hủy hoạt động giám sát này?"]
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


def test_the_api_docs_and_the_admin_run_under_the_policy(page):
    page.goto(page.base + "/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30000)
    page.goto(page.base + "/api/redoc/")
    page.wait_for_selector("text=HĐND portal API", timeout=30000)
    page.goto(page.base + "/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", PASSWORD)
    with page.expect_navigation():
        page.click("input[type=submit]")
    assert page.url.endswith("/admin/")
    page.goto(page.base + "/admin/auth/user/add/")
    assert page.locator("#id_username").is_visible()


def test_agency_answers_secretariat_returns_then_accepts(page, tmp_path):
    """coquan acknowledges and answers with a file; vanphong returns it; coquan answers again; vanphong accepts."""
    from voters.choices import AnswerReview, ForwardingStatus, PetitionStatus
    from voters.models import Forwarding

    forwarding = (Forwarding.objects.filter(agency__name="Ủy ban nhân dân thành phố Hà Nội",
                                            status=ForwardingStatus.PENDING, acknowledged_on__isnull=True,
                                            review="", petition__status=PetitionStatus.FORWARDED,
                                            petition__council__code="01")
                  .order_by("due_date", "pk").first())
    reply = tmp_path / "cong-van-tra-loi.pdf"
    reply.write_bytes(b"%PDF-1.4\n% tra loi\n")
    detail = f"{page.base}/cu-tri/chuyen/{forwarding.pk}/"

    def answer(number):
        page.goto(detail)
        page.get_by_role("link", name="Gửi trả lời").click()
        page.fill("#id_answer", "UBND thành phố đã giao Sở Xây dựng sửa chữa trong quý I/2027.")
        page.select_option("#id_outcome", "being_resolved")
        page.fill("#id_reply_number", number)
        page.set_input_files("#id_file", str(reply))
        with page.expect_navigation():
            page.click(SAVE)
        assert "Đã gửi trả lời" in page.inner_text("body")

    login(page, "coquan")
    assert "Kiến nghị chuyển tới cơ quan" in page.inner_text("h1")
    page.goto(detail)
    with page.expect_navigation():
        page.get_by_role("button", name="Xác nhận đã nhận").click()
    assert "Đã xác nhận đã nhận kiến nghị" in page.inner_text("body")
    answer("2501/UBND-ĐT")
    shot(page, "agency-answered")

    page.context.clear_cookies()
    login(page, "vanphong")
    page.goto(detail)
    page.get_by_role("link", name="Trả lại câu trả lời").click()
    page.fill("#id_reason", "Chưa nêu rõ thời hạn hoàn thành.")
    with page.expect_navigation():
        page.click(SAVE)
    assert "Đã trả lại câu trả lời" in page.inner_text("body")
    forwarding.refresh_from_db()
    assert forwarding.review == AnswerReview.RETURNED

    page.context.clear_cookies()
    login(page, "coquan")
    answer("2533/UBND-ĐT")

    page.context.clear_cookies()
    login(page, "vanphong")
    page.goto(f"{page.base}/cu-tri/kien-nghi/{forwarding.petition_id}/")
    review = page.locator(f"[data-testid=answers-to-review] [data-forwarding='{forwarding.pk}']")
    assert "2533/UBND-ĐT" in review.inner_text()
    with page.expect_navigation():
        review.get_by_role("button", name="Chấp nhận trả lời").click()
    shot(page, "secretariat-accepted")
    forwarding.refresh_from_db()
    assert (forwarding.status, forwarding.review) == (ForwardingStatus.ANSWERED, AnswerReview.ACCEPTED)
