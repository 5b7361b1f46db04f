"""Forms in a real headless Chromium: a searchable, grouped select (Tom Select, served by the portal under the
Content-Security-Policy) finds an agency by its full name; a workflow form starts from the record's current
values, and a save against a record someone changed meanwhile is refused with the Vietnamese conflict message."""

from tests.browser.test_portal_in_browser import (  # noqa: F401  (fixtures)
    SAVE,
    browser,
    demo,
    login,
    page,
    pytestmark,
    server,
    shot,
)


def test_classify_starts_from_the_current_field_and_a_stale_save_is_refused(page):  # noqa: F811
    from councils.models import Field
    from voters import services
    from voters.choices import PetitionStatus
    from voters.models import Petition

    petition = Petition.objects.filter(council__name="HĐND thành phố Hà Nội",
                                       status=PetitionStatus.RECEIVED).order_by("pk").first()
    assert petition is not None, "the demo has a petition waiting to be classified"
    fields = list(Field.objects.filter(is_active=True).order_by("pk")[:2])
    clerk = _secretariat_of(petition)
    # Its field was given at intake; the classifier only has to confirm it and propose agencies.
    services.update_petition(petition=petition, actor=clerk, field=fields[0])
    petition.refresh_from_db()
    login(page, "vanphong")
    page.goto(page.base + f"/cu-tri/kien-nghi/{petition.pk}/phan-loai/")
    # The field the petition has now is the one shown (the form used to start empty).
    field_box = page.locator("#id_field").locator("xpath=following-sibling::div[contains(@class,'ts-wrapper')]")
    assert petition.field.name in field_box.inner_text()

    # Tom Select: typing part of a full name finds the agency; the options are grouped by area.
    agencies = page.locator("#id_proposed_agencies-ts-control")
    agencies.click()
    agencies.fill("xay dung")
    option = page.locator(".ts-dropdown .option", has_text="Sở Xây dựng").first
    option.wait_for()
    assert page.locator(".ts-dropdown .optgroup-header").count() >= 1
    shot(page, "classify-searchable-agencies")
    option.click()
    assert "Sở Xây dựng" in page.locator("#id_proposed_agencies").locator(
        "xpath=following-sibling::div[contains(@class,'ts-wrapper')]").inner_text()

    # Someone else changes the petition's field while the page is open: this save must not overwrite it.
    other = fields[1]
    services.update_petition(petition=petition, actor=clerk, field=other)
    page.click(SAVE)
    alert = page.locator("#form-errors")
    assert "Bản ghi đã được thay đổi sau khi bạn mở trang này" in alert.inner_text()
    assert "Chưa lưu gì" in alert.inner_text()
    shot(page, "classify-stale-refused")
    petition.refresh_from_db()
    assert petition.status == PetitionStatus.RECEIVED and petition.field_id == other.pk


def _secretariat_of(petition):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="vanphong")
