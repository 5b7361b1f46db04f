"""The working-day calendar: make-up working Saturdays count, a council's year page and who may add a day off,
"how a deadline was computed", and a day off declared later moving the open forwardings it falls within."""

import datetime
import re

import holidays
import pytest
from django.urls import reverse

from councils import calendar
from councils.choices import CalendarEvent
from councils.models import AuditEntry, DayOff
from councils.tasks import move_deadlines
from councils.workdays import (
    MAKEUP_WORKING_DAYS,
    add_working_days,
    explain_span,
    is_working_day,
    working_days_between,
)
from voters.choices import AnswerOutcome, ForwardingStatus
from voters.tests.factories import ForwardingFactory, PetitionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def test_the_makeup_table_agrees_with_the_holidays_data_for_2025_to_2027():
    named = set()
    for _day, name in holidays.Vietnam(years=[2025, 2026, 2027], language="en_US").items():
        if match := re.search(r"substituted from (\d\d)/(\d\d)/(\d{4})", name):
            month, dom, year = map(int, match.groups())
            named.add(D(year, month, dom))
    assert named == {D(2025, 4, 26), D(2026, 8, 22)}
    assert {day for day in MAKEUP_WORKING_DAYS if 2025 <= day.year <= 2027} == named
    assert all(day.weekday() == 5 and is_working_day(day) for day in named)


def test_the_22_8_2026_makeup_saturday_counts_in_a_deadline():
    # Friday 21/8/2026 + 1 working day is the make-up Saturday 22/8, not Monday 24/8.
    assert add_working_days(D(2026, 8, 21), 1) == D(2026, 8, 22)
    # 5 working days from Thursday 20/8: 21, 22 (Sat, make-up), 24, 25, 26.
    assert add_working_days(D(2026, 8, 20), 5) == D(2026, 8, 26)
    # ... while 31/8 (the day off it pays for), 1/9 and 2/9 (National Day) are skipped.
    assert add_working_days(D(2026, 8, 28), 1) == D(2026, 9, 3)
    assert working_days_between(D(2026, 8, 20), D(2026, 9, 3)) == 8
    assert add_working_days(D(2025, 4, 25), 1) == D(2025, 4, 26)
    # The Sunday after it stays a day off.
    assert not is_working_day(D(2026, 8, 23))


def test_explain_span_says_why_each_day_counts_or_not(council_a):
    DayOff.objects.create(council=council_a, date=D(2026, 8, 25), reason="Bầu cử bổ sung")
    days = {day.date: day for day in explain_span(D(2026, 8, 21), D(2026, 9, 3), council=council_a)}
    assert days[D(2026, 8, 22)].counted and "làm bù" in days[D(2026, 8, 22)].reason
    assert not days[D(2026, 8, 23)].counted and days[D(2026, 8, 23)].reason == "Chủ nhật"
    assert not days[D(2026, 8, 25)].counted and "Bầu cử bổ sung" in days[D(2026, 8, 25)].reason
    assert not days[D(2026, 8, 31)].counted and "22/08/2026" in days[D(2026, 8, 31)].reason
    assert not days[D(2026, 9, 2)].counted and "Quốc khánh" in days[D(2026, 9, 2)].reason
    assert [day.date for day in days.values() if day.counted] == [
        D(2026, 8, 22), D(2026, 8, 24), D(2026, 8, 26), D(2026, 8, 27), D(2026, 8, 28), D(2026, 9, 3)]


def _forwarding(council, **kwargs):
    return ForwardingFactory(petition=PetitionFactory(council=council), **kwargs)


def test_a_day_off_added_later_moves_the_open_deadlines_it_falls_within(
        client, clerk_a, council_a, council_b, django_capture_on_commit_callbacks):
    # Sent Monday 2/11/2026, due Monday 16/11; a day off on Tuesday 10/11 moves it to Tuesday 17/11.
    open_a = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 16))
    paused_a = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 10),
                           status=ForwardingStatus.CLARIFICATION)
    answered_a = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 16),
                             status=ForwardingStatus.ANSWERED, outcome=AnswerOutcome.RESOLVED,
                             answered_on=D(2026, 11, 5))
    earlier_a = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 9))
    later_a = _forwarding(council_a, forwarded_on=D(2026, 11, 10), due_date=D(2026, 11, 20))
    open_b = _forwarding(council_b, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 16))

    client.force_login(clerk_a)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("council_calendar", args=[council_a.pk]),
                               {"date": "10/11/2026", "reason": "Nghỉ bù ngày hội"})
    assert response.status_code == 302
    for forwarding in (open_a, paused_a, answered_a, earlier_a, later_a, open_b):
        forwarding.refresh_from_db()
    assert open_a.due_date == D(2026, 11, 17) and paused_a.due_date == D(2026, 11, 11)
    assert (answered_a.due_date, earlier_a.due_date, later_a.due_date, open_b.due_date) == (
        D(2026, 11, 16), D(2026, 11, 9), D(2026, 11, 20), D(2026, 11, 16))
    line = AuditEntry.objects.filter(object_id=open_a.pk, content_type__model="forwarding").latest("id")
    assert line.action == CalendarEvent.DEADLINE_RECOMPUTED and line.actor == clerk_a
    assert line.changes == {"due_date": ["2026-11-16", "2026-11-17"]} and "10/11/2026" in line.note
    assert line.council == council_a
    day_off = DayOff.objects.get(council=council_a, date=D(2026, 11, 10))
    assert AuditEntry.objects.filter(object_id=day_off.pk, content_type__model="dayoff",
                                     action=CalendarEvent.DAY_OFF_ADDED).exists()
    # The task is safe to run twice: nothing moves again.
    assert move_deadlines.apply(args=[day_off.pk, clerk_a.pk]).get() == 0
    open_a.refresh_from_db()
    assert open_a.due_date == D(2026, 11, 17)


def test_a_day_off_on_a_day_already_off_moves_nothing(clerk_a, council_a, django_capture_on_commit_callbacks):


    forwarding = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 30))
    with django_capture_on_commit_callbacks(execute=True):
        calendar.add_day_off(council=council_a, date=D(2026, 11, 24), reason="Trùng ngày lễ", actor=clerk_a)
        calendar.add_day_off(council=council_a, date=D(2026, 11, 14), reason="Thứ Bảy", actor=clerk_a)
    forwarding.refresh_from_db()
    assert forwarding.due_date == D(2026, 11, 30)


@pytest.mark.parametrize(("persona", "council", "get", "post"), [
    ("clerk_a", "council_a", 200, 302),
    ("admin_a", "council_a1", 200, 302),
    ("clerk_a", "council_a1", 200, 403),  # the province's secretariat reads the commune's calendar only
    ("viewer_a", "council_a", 200, 403),
    ("deputy_a", "council_a", 200, 403),
    ("clerk_a1", "council_a", 404, 404),
    ("clerk_b", "council_a", 404, 404),
])
def test_the_calendar_page_is_scoped(client, request, persona, council, get, post):
    user, council = request.getfixturevalue(persona), request.getfixturevalue(council)
    client.force_login(user)
    url = reverse("council_calendar", args=[council.pk])
    response = client.get(url + "?nam=2026")
    assert response.status_code == get
    if get == 200:
        html = response.content.decode()
        assert "Ngày Văn hóa Việt Nam" in html and "22/08/2026" in html
        assert ('data-testid="day-off-form"' in html) == (post == 302)
    assert client.post(url, {"date": "11/11/2026", "reason": "Nghỉ"}).status_code == post
    assert DayOff.objects.filter(date=D(2026, 11, 11)).exists() == (post == 302)


def test_a_bad_day_off_is_refused_next_to_its_field(client, clerk_a, council_a):
    client.force_login(clerk_a)
    url = reverse("council_calendar", args=[council_a.pk])
    DayOff.objects.create(council=council_a, date=D(2026, 11, 11), reason="Nghỉ")
    for data in ({"date": "31/02/2026", "reason": "x"}, {"date": "11/11/2026", "reason": "Trùng"},
                 {"date": "12/11/2026", "reason": ""}):
        response = client.post(url, data)
        assert response.status_code == 400 and 'class="invalid-feedback' in response.content.decode()
    assert DayOff.objects.filter(council=council_a).count() == 1


def test_how_a_deadline_was_computed(client, clerk_a, clerk_b, council_a, django_assert_max_num_queries):
    forwarding = _forwarding(council_a, forwarded_on=D(2026, 8, 20), due_date=D(2026, 8, 26))
    client.force_login(clerk_a)
    page = client.get(reverse("voters:forwarding_detail", args=[forwarding.pk])).content.decode()
    match = re.search(r'href="([^"]*cach-tinh-thoi-han[^"]*)"', page)
    assert match, "the forwarding's page links to how its deadline was computed"
    url = match.group(1).replace("&amp;", "&")
    response = client.get(url)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'data-date="2026-08-22" data-counted="1"' in html and 'data-date="2026-08-23" data-counted="0"' in html
    assert "5 ngày làm việc được tính" in html
    # Query count does not grow with the span.
    for end in ("2026-08-26", "2027-06-30"):
        with django_assert_max_num_queries(8):
            assert client.get(reverse("deadline_explain"), {"tu": "2026-08-20", "den": end,
                                                            "hdnd": council_a.pk}).status_code == 200
    for bad in ({"tu": "2026-08-20", "den": "2026-08-01"}, {"tu": "x", "den": "2026-08-01"},
                {"tu": "2020-01-01", "den": "2026-08-01"}):
        assert client.get(reverse("deadline_explain"), bad).status_code == 400
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404
