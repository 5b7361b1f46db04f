"""Each role's home in a real Chromium, on the demo data: the secretariat's queue (each count a link to the
list that shows as many), the deputy's items with their next step and overdue badge, the party committee's
dashboard, the agency's forwardings; at 390 px nothing scrolls sideways; the 404 and 403 pages in the portal's
layout, in Vietnamese. Screenshots go to test-artifacts/screenshots/ like the other browser tests."""

import re

from tests.browser.test_portal_in_browser import browser, demo, login, page, pytestmark, server, shot  # noqa: F401  (fixtures)

__all__ = ["pytestmark"]

PHONE = {"width": 390, "height": 844}


def _number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def _no_sideways_scroll(tab):
    width = tab.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{tab.url} is {width}px wide at {PHONE['width']}px"


def test_the_secretariats_queue_counts_what_its_lists_show(page):  # noqa: F811  (the fixture)
    login(page, "vanphong")
    assert page.locator("h1:visible").first.inner_text() == "HĐND thành phố Hà Nội"
    assert page.get_by_role("heading", name="Việc hôm nay").is_visible()
    shot(page, "home-vanphong-queue")
    cards = {}
    for key in ("to_classify", "to_forward", "overdue", "work_items_late"):
        link = page.locator(f'[data-testid="home-queue"] a[data-count="{key}"]')
        cards[key] = (_number(link.inner_text()), link.get_attribute("href"))
    assert cards["to_classify"][0] > 0 and cards["overdue"][0] > 0, cards
    for key, (count, href) in cards.items():
        page.goto(page.base + href)
        shown = page.locator('[data-testid="result-count"]').inner_text() if count else "0"
        assert _number(shown) == count, (key, href, shown)
    page.set_viewport_size(PHONE)
    page.goto(page.base + "/")
    _no_sideways_scroll(page)
    shot(page, "home-vanphong-390")


def test_the_deputys_items_say_the_next_step_and_which_are_overdue(page):  # noqa: F811
    login(page, "daibieu")
    assert page.locator("h1:visible").first.inner_text() == "Việc của tôi"
    items = page.locator('[data-testid="inbox"] > li')
    assert items.count() > 0
    summary = page.locator('[data-testid="inbox-summary"]').inner_text()
    assert f"{items.count()} việc đang theo dõi" in summary
    assert page.locator('[data-testid="next-action"]').count() > 0
    assert page.locator('[data-testid="next-action"]').first.inner_text().strip()
    overdue = page.locator('[data-testid="overdue-badge"]')
    assert overdue.count() > 0 and overdue.first.inner_text() == "Quá hạn"
    assert f"{overdue.count()} việc quá hạn" in summary
    shot(page, "home-daibieu-items")
    page.set_viewport_size(PHONE)
    page.reload()
    _no_sideways_scroll(page)
    assert page.locator('[data-testid="overdue-badge"]').first.is_visible()
    shot(page, "home-daibieu-390")


def test_the_party_committee_lands_on_the_dashboard(page):  # noqa: F811
    login(page, "capuy")
    assert page.url.rstrip("/") == page.base.rstrip("/")
    assert "Tuân thủ chỉ tiêu" in page.locator("h1:visible").first.inner_text()
    assert page.locator('[data-testid="rules"] tbody tr').count() > 0
    assert page.locator('[data-testid="recompute"]').count() == 0
    assert "%%" not in page.content()
    shot(page, "home-capuy")


def test_the_agency_sees_its_forwardings_as_cards_on_a_phone(page):  # noqa: F811
    login(page, "coquan")
    assert page.locator("h1:visible").first.inner_text() == "Kiến nghị chuyển tới cơ quan"
    rows = page.locator('[data-testid="agency-forwardings"] tbody tr')
    assert rows.count() >= 6
    assert page.locator('[data-testid="agency-forwardings"] .badge', has_text="quá hạn").count() > 0
    shot(page, "home-coquan")
    page.set_viewport_size(PHONE)
    page.reload()
    _no_sideways_scroll(page)
    # Each row is a card; each cell is labelled by its column (the header row is hidden).
    assert not page.locator('[data-testid="agency-forwardings"] thead').is_visible()
    label = page.locator('[data-testid="agency-forwardings"] tbody tr').first.locator("td").nth(2)
    assert label.evaluate("td => getComputedStyle(td, '::before').content") == '"Hạn trả lời"'
    shot(page, "home-coquan-390")


def test_error_pages_in_the_portals_layout(page):  # noqa: F811
    login(page, "capuy")
    response = page.goto(page.base + "/khong-co-trang-nay/")
    assert response.status == 404
    assert page.locator("html").get_attribute("lang") == "vi"
    assert page.locator("h1").inner_text().strip() == "Không tìm thấy trang"
    assert page.locator("nav.navbar").is_visible() and "Mã lỗi 404" in page.content()
    assert page.get_by_role("link", name="Về trang làm việc").is_visible()
    shot(page, "error-404")

    response = page.goto(page.base + "/cu-tri/don-thu/them/")
    assert response.status == 403
    assert page.locator("h1").inner_text().strip() == "Bạn không có quyền thực hiện việc này"
    assert "Tài khoản của bạn chỉ có quyền xem." in page.content()
    assert page.locator("nav.navbar").is_visible() and "Mã lỗi 403" in page.content()
    shot(page, "error-403")
    page.get_by_role("link", name="Về trang làm việc").click()
    assert "Tuân thủ chỉ tiêu" in page.locator("h1:visible").first.inner_text()
