"""Cross-field date rules land next to the later field, all at once, on every path (services validate through the
models' clean); titles are shortened at a word with an ellipsis, never mid-word."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from councils.tests.factories import AgencyFactory, SessionFactory
from oversight import services
from oversight.choices import ActivityStatus
from oversight.tests.factories import ActivityFactory, RecommendationFactory
from utilities.text import shorten

D = datetime.date


def test_a_long_title_is_cut_at_a_word_with_an_ellipsis():
    text = "Kiến nghị rà soát quy hoạch sử dụng đất của phường Ba Đình giai đoạn 2026-2030"
    short = shorten(text, 40)
    assert short == "Kiến nghị rà soát quy hoạch sử dụng đất…"
    assert len(short) <= 40 and text.startswith(short[:-1])
    assert shorten("  ngắn\n gọn ", 40) == "ngắn gọn"
    assert shorten("x" * 50, 10) == "x" * 9 + "…", "a single long word is still cut, with the ellipsis"


@pytest.mark.django_db
def test_a_recommendation_due_before_the_conclusion_is_refused_on_its_deadline(clerk_a, council_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.CONCLUDED, actual_start=D(2026, 5, 4),
                               conclusion_date=D(2026, 6, 15), conclusion="Kết luận")
    agency = AgencyFactory(council=council_a)
    with pytest.raises(ValidationError) as refused:
        services.create_recommendation(activity=activity, agency=agency, content="Rà soát", due_date=D(2026, 6, 1),
                                       actor=clerk_a)
    assert refused.value.message_dict == {
        "due_date": ["Thời hạn thực hiện không được trước ngày kết luận (15/06/2026)."]}
    assert not activity.recommendations.exists()
    recommendation = RecommendationFactory(activity=activity, agency=agency, due_date=D(2026, 9, 30))
    with pytest.raises(ValidationError) as refused:
        services.update_recommendation(recommendation=recommendation, actor=clerk_a, due_date=D(2026, 6, 14))
    assert list(refused.value.message_dict) == ["due_date"]
    recommendation.refresh_from_db()
    assert recommendation.due_date == D(2026, 9, 30)


@pytest.mark.django_db
def test_every_broken_date_order_of_an_activity_is_reported_at_once_next_to_its_field(clerk_a, council_a):
    activity = ActivityFactory(council=council_a)
    with pytest.raises(ValidationError) as refused:
        services.update_activity(activity=activity, actor=clerk_a, planned_end=D(2026, 5, 1),
                                 actual_start=D(2026, 5, 10), actual_end=D(2026, 5, 9))
    assert refused.value.message_dict == {
        "planned_end": ["Ngày dự kiến kết thúc không được trước ngày dự kiến bắt đầu."],
        "actual_end": ["Ngày kết thúc không được trước ngày bắt đầu."],
    }


@pytest.mark.django_db
def test_a_session_closing_before_it_opens_is_refused_on_the_closing_date(council_a, term):
    session = SessionFactory.build(council=council_a, term=term, start_date=D(2026, 7, 10), end_date=D(2026, 7, 8))
    with pytest.raises(ValidationError) as refused:
        session.full_clean()
    assert refused.value.message_dict["end_date"] == ["Ngày bế mạc không được trước ngày khai mạc."]
    assert "__all__" not in refused.value.message_dict, "one message, next to the field, not also the constraint's"
