"""Changing or taking back a council's day off (issue 16 §4): the open deadlines it had moved move back, with a
history line on each; a new date moves those it now falls within; the day off itself is archived, never
deleted; a stale form is refused; another council's day off is a 404; a date out of range is refused in
Vietnamese."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from councils import calendar
from councils.choices import CalendarEvent
from councils.models import AuditEntry, DayOff
from councils.workdays import add_working_days, previous_working_day
from voters.choices import ForwardingStatus
from voters.tests.factories import ForwardingFactory, PetitionFactory

pytestmark = pytest.mark.django_db

D = datetime.date


def _forwarding(council, **kwargs):
    return ForwardingFactory(petition=PetitionFactory(council=council), **kwargs)


def _lines(forwarding):
    return list(AuditEntry.objects.filter(object_id=forwarding.pk, content_type__model="forwarding",
                                          action__in=[CalendarEvent.DEADLINE_RECOMPUTED, CalendarEvent.DEADLINE_RESTORED])
                .order_by("id").values_list("action", "changes"))


@pytest.fixture
def declared(client, clerk_a, council_a, django_capture_on_commit_callbacks):
    """Sent Monday 2/11/2026: one due Monday 16/11, one due Friday 20/11; a day off on Tuesday 10/11 moves them
    to Tuesday 17/11 and Monday 23/11."""
    due_16 = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 16))
    due_20 = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 20))
    with django_capture_on_commit_callbacks(execute=True):
        day_off = calendar.add_day_off(council=council_a, date=D(2026, 11, 10), reason="Nghỉ bù", actor=clerk_a)
    for forwarding in (due_16, due_20):
        forwarding.refresh_from_db()
    assert (due_16.due_date, due_20.due_date) == (D(2026, 11, 17), D(2026, 11, 23))
    client.force_login(clerk_a)
    return DayOff.objects.get(pk=day_off.pk), due_16, due_20


def test_taking_a_day_off_back_moves_its_deadlines_back(client, declared, clerk_a, council_a):
    day_off, due_16, due_20 = declared
    page = client.get(reverse("council_calendar", args=[council_a.pk]) + "?nam=2026").content.decode()
    remove = reverse("day_off_remove", args=[council_a.pk, day_off.pk])
    assert remove in page and reverse("day_off_edit", args=[council_a.pk, day_off.pk]) in page
    response = client.post(remove, {"version": day_off.version})
    assert response.status_code == 302 and response["Location"].endswith("?nam=2026")
    for forwarding in (due_16, due_20):
        forwarding.refresh_from_db()
    assert (due_16.due_date, due_20.due_date) == (D(2026, 11, 16), D(2026, 11, 20))
    assert _lines(due_16) == [(CalendarEvent.DEADLINE_RECOMPUTED, {"due_date": ["2026-11-16", "2026-11-17"]}),
                              (CalendarEvent.DEADLINE_RESTORED, {"due_date": ["2026-11-17", "2026-11-16"]})]
    restored = AuditEntry.objects.filter(object_id=due_16.pk, action=CalendarEvent.DEADLINE_RESTORED).get()
    assert restored.actor == clerk_a and "10/11/2026" in restored.note
    # Archived, not deleted; it counts nowhere and leaves the page; the same date may be declared again.
    day_off.refresh_from_db()
    assert day_off.archived_at is not None and day_off.archived_by == clerk_a
    assert AuditEntry.objects.filter(object_id=day_off.pk, content_type__model="dayoff",
                                     action=CalendarEvent.DAY_OFF_REMOVED).exists()
    assert add_working_days(D(2026, 11, 9), 1, council=council_a) == D(2026, 11, 10)
    assert remove not in client.get(reverse("council_calendar", args=[council_a.pk]) + "?nam=2026").content.decode()
    assert client.post(remove, {"version": day_off.version}).status_code == 404
    calendar.add_day_off(council=council_a, date=D(2026, 11, 10), reason="Lại nghỉ", actor=clerk_a)


def test_a_new_date_moves_back_the_old_one_and_on_the_new_one(client, declared, council_a,
                                                              django_capture_on_commit_callbacks):
    day_off, due_16, due_20 = declared
    url = reverse("day_off_edit", args=[council_a.pk, day_off.pk])
    form = client.get(url).content.decode()
    assert 'value="10/11/2026"' in form and f'name="version" value="{day_off.version}"' in form
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"date": "18/11/2026", "reason": "Nghỉ bù", "version": day_off.version})
    assert response.status_code == 302, response.content.decode()
    for forwarding in (due_16, due_20):
        forwarding.refresh_from_db()
    # 16/11 lies before Wednesday 18/11: back to where it was; 20/11 still holds a day off, so it stays a day later.
    assert (due_16.due_date, due_20.due_date) == (D(2026, 11, 16), D(2026, 11, 23))
    assert [action for action, _changes in _lines(due_20)] == [
        CalendarEvent.DEADLINE_RECOMPUTED, CalendarEvent.DEADLINE_RESTORED, CalendarEvent.DEADLINE_RECOMPUTED]
    day_off.refresh_from_db()
    assert (day_off.date, day_off.archived_at) == (D(2026, 11, 18), None)
    change = AuditEntry.objects.filter(object_id=day_off.pk, action=CalendarEvent.DAY_OFF_CHANGED).get()
    assert change.changes == {"date": ["10/11/2026", "18/11/2026"]}
    # A new reason alone moves nothing.
    with django_capture_on_commit_callbacks(execute=True):
        assert client.post(url, {"date": "18/11/2026", "reason": "Bầu cử bổ sung",
                                 "version": day_off.version}).status_code == 302
    due_20.refresh_from_db()
    assert due_20.due_date == D(2026, 11, 23) and len(_lines(due_20)) == 3


def test_a_stale_form_is_refused_and_nothing_is_saved(client, declared, clerk_a, council_a):
    day_off, due_16, _due_20 = declared
    seen = day_off.version
    calendar.change_day_off(day_off=day_off, actor=clerk_a, reason="Người khác sửa")
    response = client.post(reverse("day_off_edit", args=[council_a.pk, day_off.pk]),
                           {"date": "12/11/2026", "reason": "Nghỉ bù", "version": seen})
    assert response.status_code == 400 and "sau khi bạn mở trang này" in response.content.decode()
    response = client.post(reverse("day_off_remove", args=[council_a.pk, day_off.pk]), {"version": seen},
                           follow=True)
    assert "sau khi bạn mở trang này" in response.content.decode()
    day_off.refresh_from_db()
    due_16.refresh_from_db()
    assert (day_off.date, day_off.archived_at, due_16.due_date) == (D(2026, 11, 10), None, D(2026, 11, 17))


@pytest.mark.parametrize(("persona", "status"), [
    ("clerk_b", 404),   # another council's day off
    ("clerk_a1", 404),  # a commune's clerk does not see the province
    ("viewer_a", 403),  # sees it, may not change it
])
def test_another_councils_day_off_is_a_404(client, request, persona, status, council_a):
    day_off = DayOff.objects.create(council=council_a, date=D(2026, 11, 11), reason="Nghỉ")
    client.force_login(request.getfixturevalue(persona))
    assert client.get(reverse("day_off_edit", args=[council_a.pk, day_off.pk])).status_code == status
    assert client.post(reverse("day_off_remove", args=[council_a.pk, day_off.pk]),
                       {"version": day_off.version}).status_code == status
    day_off.refresh_from_db()
    assert day_off.archived_at is None


def test_a_shared_day_off_or_one_under_another_councils_address_is_a_404(client, clerk_a, council_a, council_a1):
    shared = DayOff.objects.create(council=None, date=D(2026, 11, 12), reason="Nghỉ chung")
    own = DayOff.objects.create(council=council_a, date=D(2026, 11, 11), reason="Nghỉ")
    client.force_login(clerk_a)
    assert client.get(reverse("day_off_edit", args=[council_a.pk, shared.pk])).status_code == 404
    assert client.get(reverse("day_off_edit", args=[council_a1.pk, own.pk])).status_code == 404
    assert client.post(reverse("day_off_remove", args=[council_a.pk, shared.pk])).status_code == 404


def test_a_date_out_of_range_is_refused_in_vietnamese(client, clerk_a, council_a):
    day_off = DayOff.objects.create(council=council_a, date=D(2026, 11, 11), reason="Nghỉ")
    DayOff.objects.create(council=council_a, date=D(2026, 11, 13), reason="Khác")
    client.force_login(clerk_a)
    url = reverse("day_off_edit", args=[council_a.pk, day_off.pk])
    for data, message in (({"date": "01/01/1900", "reason": "x"}, "1945"),
                          ({"date": "13/11/2026", "reason": "x"}, "Ngày nghỉ này đã được khai báo."),
                          ({"date": "31/02/2026", "reason": "x"}, 'class="invalid-feedback')):
        response = client.post(url, {**data, "version": day_off.version})
        assert response.status_code == 400 and message in response.content.decode(), data
    with pytest.raises(ValidationError, match="2000–2100"):
        calendar.change_day_off(day_off=day_off, actor=clerk_a, date=D(1999, 12, 31))
    day_off.refresh_from_db()
    assert day_off.date == D(2026, 11, 11)


def test_previous_working_day_skips_weekends_holidays_and_days_off(council_a):
    assert previous_working_day(D(2026, 8, 24)) == D(2026, 8, 22)  # the make-up Saturday counts
    assert previous_working_day(D(2026, 9, 3)) == D(2026, 8, 28)   # 31/8, 1/9 and 2/9 off, then the weekend
    DayOff.objects.create(council=council_a, date=D(2026, 8, 28), reason="Nghỉ")
    assert previous_working_day(D(2026, 9, 3), council=council_a) == D(2026, 8, 27)


def test_a_paused_forwarding_moves_back_too(clerk_a, council_a, django_capture_on_commit_callbacks):
    paused = _forwarding(council_a, forwarded_on=D(2026, 11, 2), due_date=D(2026, 11, 10),
                         status=ForwardingStatus.CLARIFICATION)
    with django_capture_on_commit_callbacks(execute=True):
        day_off = calendar.add_day_off(council=council_a, date=D(2026, 11, 10), reason="Nghỉ", actor=clerk_a)
    paused.refresh_from_db()
    assert paused.due_date == D(2026, 11, 11)
    calendar.remove_day_off(day_off=DayOff.objects.get(pk=day_off.pk), actor=clerk_a)
    paused.refresh_from_db()
    assert paused.due_date == D(2026, 11, 10)
