"""The secretariat's bulk forward in a real Chromium: tick classified petitions on the list, forward them under
one letter, read the confirmation; and at phone width (390 px) the list's rows are cards that keep the status on
screen, and no home page scrolls sideways."""

from tests.browser.test_portal_in_browser import browser, demo, login, page, pytestmark, server, shot  # noqa: F401
from voters.models import Forwarding

NO_SIDEWAYS = "document.scrollingElement.scrollWidth <= window.innerWidth"


def test_bulk_forward_from_the_list(page):  # noqa: F811
    login(page, "vanphong")
    page.goto(page.base + "/cu-tri/kien-nghi/?status=classified")
    boxes = page.locator("input.bulk-row")
    assert boxes.count() >= 2
    forward = page.locator("button.bulk-action", has_text="Chuyển cơ quan")
    assert forward.is_disabled(), "nothing ticked yet"
    boxes.nth(0).check()
    boxes.nth(1).check()
    assert page.locator("#bulk-status").inner_text() == "Số kiến nghị đã chọn: 2"
    with page.expect_navigation():
        forward.click()
    assert "2 kiến nghị đã chọn" in page.locator("[data-testid=bulk-chosen]").inner_text()
    page.fill("#id_document_number", "999/HĐND-VP")
    page.select_option("#id_agencies", index=0)
    shot(page, "bulk-forward")
    with page.expect_navigation():
        page.click("[data-testid=service-form] button[type=submit]")
    assert "Đã chuyển 2 kiến nghị." in page.locator("body").inner_text()
    assert Forwarding.objects.filter(document_number="999/HĐND-VP").values("petition").distinct().count() == 2


def test_phone_width_lists_are_cards_and_homes_do_not_scroll_sideways(page):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    login(page, "vanphong")
    assert page.evaluate(NO_SIDEWAYS), "the secretariat's home scrolls sideways"
    page.goto(page.base + "/cu-tri/kien-nghi/")
    status = page.locator("[data-testid=list-table] tbody tr").first.locator("td[data-label='Trạng thái']")
    assert status.is_visible() and status.bounding_box()["x"] + status.bounding_box()["width"] <= 390
    assert page.evaluate(NO_SIDEWAYS), "the petition list scrolls sideways"
    shot(page, "petitions-390")
    for username in ("daibieu", "capuy"):
        page.context.clear_cookies()
        login(page, username)
        assert page.evaluate(NO_SIDEWAYS), f"{username}'s home scrolls sideways"
        shot(page, f"home-{username}-390")
