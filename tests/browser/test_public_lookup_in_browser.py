"""The public lookup in a real headless Chromium, on a phone's width and signed out: a sender looks up a demo
petition by its tracking code and key, sees its status and a published answer, says it is not resolved; then
the secretariat finds it in its queue and reopens the petition. Under the Content-Security-Policy, as the
portal's other browser tests."""

import os
import shutil

import pytest
from django.conf import settings
from django.core.management import call_command

from voters.choices import FeedbackStatus, PetitionKind, PetitionStatus
from voters.models import Petition, VoterFeedback

os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

BROWSER = os.environ.get("HDND_BROWSER", "/usr/bin/chromium")
BROWSER_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"]
PASSWORD = settings.HDND_DEMO_PASSWORD

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
    call_command("seed_demo", verbosity=0)


def _tab(browser, server, **options):
    context = browser.new_context(locale="vi-VN", **options)
    context.set_default_timeout(15000)
    tab = context.new_page()
    tab.base = server.url
    tab.refused = []
    tab.on("console", lambda message: tab.refused.append(message.text)
           if "Content Security Policy" in message.text else None)
    tab.on("dialog", lambda dialog: dialog.accept())
    return context, tab


def test_a_sender_follows_the_petition_and_the_secretariat_reopens_it(browser, live_server, demo):
    petition = (Petition.objects.filter(council__code="01", kind=PetitionKind.VOTER_PETITION,
                                        status=PetitionStatus.REPORTED, forwardings__answer_public=True)
                .order_by("pk").first())
    assert petition is not None, "the demo has reported petitions with published answers"

    # The sender, on a phone, signed out.
    context, phone = _tab(browser, live_server, viewport={"width": 375, "height": 740}, is_mobile=True)
    phone.goto(phone.base + "/tra-cuu/")
    assert phone.locator("h1").inner_text() == "Tra cứu kiến nghị, đơn thư"
    phone.fill("#id_code", petition.tracking_code.lower().replace("-", " "))
    phone.fill("#id_key", petition.tracking_key)
    with phone.expect_navigation():
        phone.click("[data-testid=lookup-form] button[type=submit]")
    assert phone.locator("[data-testid=lookup-status]").inner_text() == "Đã báo cáo cử tri"
    answer = phone.locator("[data-testid=published-answer]").first.inner_text()
    assert "Cơ quan đã trả lời bằng văn bản" in answer
    # Nothing wider than the phone: no sideways scrolling.
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")
    # Nobody's name: the staff navigation is not there either.
    assert "vanphong" not in phone.content() and phone.locator("#mainnav").count() == 0

    phone.check("[data-testid=feedback-form] input[value=no]")
    phone.fill("[data-testid=feedback-form] textarea[name=comment]", "Đường vẫn ngập mỗi khi mưa to")
    with phone.expect_navigation():
        phone.click("[data-testid=feedback-form] button[type=submit]")
    assert "Cảm ơn bạn, ý kiến đã được gửi" in phone.locator(".alert-success").inner_text()
    assert phone.locator("[data-testid=feedback-form]").count() == 0
    refused = phone.refused
    context.close()
    assert not refused, refused

    # The secretariat sees it in its queue and reopens the petition.
    context, desk = _tab(browser, live_server, viewport={"width": 1366, "height": 900})
    desk.goto(desk.base + "/dang-nhap/")
    desk.fill("#id_username", "vanphong")
    desk.fill("#id_password", PASSWORD)
    with desk.expect_navigation():
        desk.click("button[type=submit]")
    desk.goto(desk.base + "/cu-tri/kien-nghi/")
    assert "Ý kiến cử tri chưa được giải quyết (1)" in desk.content()
    desk.goto(desk.base + "/cu-tri/y-kien-cu-tri/")
    row = desk.locator("[data-testid=feedback-row]", has_text="Đường vẫn ngập mỗi khi mưa to")
    assert row.count() == 1 and petition.tracking_code in row.inner_text()
    with desk.expect_navigation():
        row.locator("button[type=submit]").click()
    assert "Đã mở lại kiến nghị theo ý kiến của người gửi" in desk.locator(".alert-success").inner_text()
    assert "Không có ý kiến nào đang chờ xử lý" in desk.content()
    refused = desk.refused
    context.close()
    assert not refused, refused

    petition.refresh_from_db()
    assert petition.status == PetitionStatus.FORWARDED
    assert VoterFeedback.objects.get(petition=petition).status == FeedbackStatus.CLOSED
