"""The compliance dashboard in Chromium: the party committee filters by period and the headline, the table and
the overview charts follow; a child council's page shows the figure of its bar; the administrator gets the
national view; English mode draws the charts in English. Screenshots go to test-artifacts/screenshots/."""

import re

import pytest

from tests.browser.test_portal_in_browser import browser, demo, login, page, server, shot  # noqa: F401

pytestmark = pytest.mark.browser

CHARTS_DRAWN = "['chart-rules', 'chart-children'].every(id => Chart.getChart(document.getElementById(id)))"


def test_dashboard_with_a_period_filter(page):  # noqa: F811
    login(page, "capuy")
    page.select_option("#f-period", label="Quý")
    with page.expect_navigation():
        page.click("[data-testid=filters] button[type=submit]")
    assert "period=quarter" in page.url
    rows = page.locator('[data-testid="rules"] tbody tr')
    assert rows.count() > 0
    # Every rule in the table is a quarterly one, and the headline says it counts exactly those.
    assert all("Quý" in text for text in page.locator('[data-testid="rules"] tbody td:nth-child(2)').all_inner_texts())
    scope = page.locator('[data-testid="overall-scope"]').inner_text()
    assert f"Tính trên {rows.count()} chỉ tiêu" in scope and "Kỳ đánh giá: Quý" in scope
    counts = page.locator('[data-testid="overall-counts"]').inner_text()
    assert not re.search(r"\d,\d\d", counts), counts  # counts are integers ("1", not "1,00")
    page.wait_for_function("Boolean(Chart.getChart(document.getElementById('chart-rules')))")
    # One overview, not a chart per rule; no commune is measured by the city's quarterly rule.
    assert page.locator("canvas").count() == 1
    assert "Không có HĐND cấp dưới được đánh giá" in page.locator("#overview-charts").inner_text()
    shot(page, "compliance-dashboard-quarter")

    # A child council's page shows the figure of its bar on the parent's page (the yearly rules measure them).
    page.select_option("#f-period", label="Năm")
    with page.expect_navigation():
        page.click("[data-testid=filters] button[type=submit]")
    first = page.locator('[data-testid="child-row"]').first
    figure = first.locator('[data-testid="child-compliance"]').inner_text()
    with page.expect_navigation():
        first.locator('[data-testid="child-link"]').click()
    assert "period=year" in page.url
    assert page.locator('[data-testid="overall"]').inner_text() == figure
    assert page.locator(".breadcrumb").inner_text().count("HĐND") >= 2


def test_the_national_view_and_english_charts(page):  # noqa: F811
    login(page, "admin")
    page.goto(page.base + "/tuan-thu/")
    assert "Toàn quốc" in page.locator("h1:visible").first.inner_text()
    assert page.locator('[data-testid="child-row"]').count() >= 2  # the provinces
    page.wait_for_function(CHARTS_DRAWN)
    shot(page, "compliance-dashboard-national")
    page.context.add_cookies([{"name": "django_language", "value": "en", "url": page.base}])
    page.reload()
    page.wait_for_function(CHARTS_DRAWN)
    legend = page.evaluate("Chart.getChart(document.getElementById('chart-rules')).data.datasets.map(d => d.label)")
    assert legend[0] == "Met", legend
    title = page.evaluate("Chart.getChart(document.getElementById('chart-children')).options.plugins.title.text")
    assert title == "Compliance by lower-level council (%)"
    assert "Whole country" in page.locator("h1:visible").first.inner_text()
    shot(page, "compliance-dashboard-national-en")
