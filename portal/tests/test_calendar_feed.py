"""Calendar feeds: a secret, revocable .ics address per user, holding exactly what the user's pages show them
(their councils' sessions, the meetings, receptions and trainings they take part in, their open deadlines),
with stable UIDs, in a fixed number of queries."""

import datetime
import hashlib

import icalendar
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from councils import sessions as council_sessions
from councils.choices import Role
from councils.models import AuditEntry
from councils.tests.factories import (
    AgencyFactory,
    DeputyFactory,
    RoleAssignmentFactory,
    SessionFactory,
    UserFactory,
)
from oversight.choices import FollowUpStatus, WorkItemStatus
from oversight.tests.factories import RecommendationFactory, TrainingFactory, WorkItemFactory
from portal import feeds, services
from portal.models import CalendarFeed
from voters.choices import AnswerOutcome, ForwardingStatus
from voters.tests.factories import (
    CitizenReceptionFactory,
    ForwardingFactory,
    PetitionFactory,
    VoterMeetingFactory,
)

pytestmark = pytest.mark.django_db


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _uid(kind, obj):
    return f"{kind}-{obj.pk}@hdnd-portal.local"


def _fetch(client, token):
    response = client.get(reverse("calendar_feed", args=[token]))
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    calendar = icalendar.Calendar.from_ical(response.content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


@pytest.fixture
def scenario(council_a, council_a1, council_b, term, deputy_a_record, other_council_deputy):
    """What deputy_a takes part in, beside what they must not see."""
    me, other = deputy_a_record, DeputyFactory(council=council_a, term=term, full_name="Lê Văn Nam")
    s = {}
    s["session"] = SessionFactory(council=council_a, term=term, number=7, title="Kỳ họp thứ 7",
                                  start_date=_days(10), end_date=_days(12), place="Hội trường Thành ủy")
    SessionFactory(council=council_a, term=term, number=1, start_date=_days(-400), end_date=_days(-399))
    SessionFactory(council=council_a1, term=term, start_date=_days(10), end_date=_days(10))  # below: not theirs
    SessionFactory(council=council_b, term=term, start_date=_days(10), end_date=_days(10))
    s["meeting"] = VoterMeetingFactory(council=council_a, date=_days(3), place="Nhà văn hóa phường Kim Mã")
    s["meeting"].deputies_present.add(me)
    VoterMeetingFactory(council=council_a, date=_days(3)).deputies_present.add(other)
    s["reception"] = CitizenReceptionFactory(council=council_a, deputy=me, date=_days(5), place="Trụ sở tiếp dân")
    CitizenReceptionFactory(council=council_a, deputy=other, date=_days(5))
    s["training"] = TrainingFactory(council=council_a, title="Kỹ năng chất vấn", start_date=_days(20),
                                    end_date=_days(21))
    s["training"].attendances.create(deputy=me)
    TrainingFactory(council=council_b, start_date=_days(20), end_date=_days(21)).attendances.create(
        deputy=other_council_deputy)
    s["work_item"] = WorkItemFactory(council=council_a, title="Chuẩn bị báo cáo thẩm tra", due_date=_days(-2))
    s["work_item"].assignee_deputies.add(me)
    done = WorkItemFactory(council=council_a, due_date=_days(1), status=WorkItemStatus.DONE, done_on=_days(-1))
    done.assignee_deputies.add(me)
    s["recommendation"] = RecommendationFactory(activity__council=council_a, due_date=_days(40))
    s["recommendation"].followers.add(me)
    RecommendationFactory(activity__council=council_a, due_date=_days(40),
                          status=FollowUpStatus.IMPLEMENTED).followers.add(me)
    return s


@pytest.fixture
def other_council_deputy(council_b, term):
    return DeputyFactory(council=council_b, term=term)


def test_the_feed_holds_exactly_the_users_events(client, deputy_a, scenario):
    token = services.calendar_token(user=deputy_a)
    events = _fetch(client, token)
    assert set(events) == {
        _uid("session", scenario["session"]), _uid("voter-meeting", scenario["meeting"]),
        _uid("reception", scenario["reception"]), _uid("training", scenario["training"]),
        _uid("work-item", scenario["work_item"]), _uid("recommendation", scenario["recommendation"]),
    }
    session = events[_uid("session", scenario["session"])]
    assert str(session["SUMMARY"]) == "Kỳ họp thứ 7"
    assert str(session["LOCATION"]) == "Hội trường Thành ủy"
    # All-day: a DATE, and DTEND the day after the last day.
    assert session.decoded("DTSTART") == _days(10) and session.decoded("DTEND") == _days(13)
    assert str(session["URL"]).endswith(reverse("session_detail", args=[scenario["session"].pk]))
    deadline = events[_uid("work-item", scenario["work_item"])]
    assert str(deadline["SUMMARY"]) == "Hạn: Chuẩn bị báo cáo thẩm tra"
    assert deadline.decoded("DTSTART") == _days(-2) and deadline.decoded("DTEND") == _days(-1)
    assert str(events[_uid("voter-meeting", scenario["meeting"])]["SUMMARY"]) == (
        "Tiếp xúc cử tri: Nhà văn hóa phường Kim Mã")


def test_a_clerk_sees_their_councils_sessions_only(client, clerk_a, scenario):
    events = _fetch(client, services.calendar_token(user=clerk_a))
    assert set(events) == {_uid("session", scenario["session"])}


def test_an_agency_user_sees_the_forwardings_addressed_to_their_agency(client, council_a, council_b):
    agency = AgencyFactory(name="Sở Giao thông vận tải", council=council_a)
    user = UserFactory(username="so_gtvt")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.AGENCY_STAFF, agency=agency)
    mine = ForwardingFactory(petition=PetitionFactory(council=council_a, code="KN-12"), agency=agency,
                             due_date=_days(15), document_number="123/HĐND-VP")
    ForwardingFactory(petition=PetitionFactory(council=council_a), agency=agency, status=ForwardingStatus.ANSWERED,
                      answered_on=_days(-1), answer="Đã sửa", outcome=AnswerOutcome.RESOLVED)
    ForwardingFactory(petition=PetitionFactory(council=council_a), agency=AgencyFactory(council=council_a))
    SessionFactory(council=council_a, start_date=_days(10), end_date=_days(10))
    events = _fetch(client, services.calendar_token(user=user))
    assert set(events) == {_uid("forwarding", mine)}
    event = events[_uid("forwarding", mine)]
    assert str(event["SUMMARY"]) == "Hạn trả lời kiến nghị số KN-12"
    assert "123/HĐND-VP" in str(event["DESCRIPTION"]) and "URL" not in event
    assert event.decoded("DTSTART") == _days(15)


def test_uids_are_stable_across_fetches_and_edits(client, clerk_a, deputy_a, scenario):
    token = services.calendar_token(user=deputy_a)
    first = _fetch(client, token)
    second = _fetch(client, token)
    assert set(first) == set(second)
    uid = _uid("session", scenario["session"])
    assert first[uid].to_ical() == second[uid].to_ical()  # nothing changed: byte for byte the same event

    council_sessions.update_session(session=scenario["session"], actor=clerk_a, title="Kỳ họp thứ 7 (bất thường)",
                                    end_date=_days(13))
    after = _fetch(client, token)
    assert set(after) == set(first)
    assert str(after[uid]["SUMMARY"]) == "Kỳ họp thứ 7 (bất thường)"
    assert after[uid].decoded("DTEND") == _days(14)
    assert int(after[uid]["SEQUENCE"]) == int(first[uid]["SEQUENCE"]) + 1


def test_wrong_revoked_and_replaced_tokens_are_404(client, deputy_a, scenario):
    token = services.calendar_token(user=deputy_a)
    assert services.calendar_token(user=deputy_a) == token  # the same address each time it is shown
    assert client.get(reverse("calendar_feed", args=["0" * 64])).status_code == 404
    assert client.get(reverse("calendar_feed", args=["khong-phai-khoa"])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[token.upper()])).status_code == 404

    new = services.regenerate_calendar_token(user=deputy_a)
    assert new != token
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200

    services.revoke_calendar_token(user=deputy_a)
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 404
    assert services.calendar_token(user=deputy_a) is None
    assert list(AuditEntry.objects.filter(object_id=CalendarFeed.objects.get().pk, content_type__model="calendarfeed")
                .order_by("id").values_list("action", flat=True)) == ["create", "regenerate", "revoke"]

    deputy_a.is_active = False
    deputy_a.save()
    again = services.regenerate_calendar_token(user=deputy_a)
    assert client.get(reverse("calendar_feed", args=[again])).status_code == 404  # a disabled account


def test_only_a_hash_of_the_token_is_stored(deputy_a):
    token = services.calendar_token(user=deputy_a)
    feed = CalendarFeed.objects.get(user=deputy_a)
    assert feed.token_hash == hashlib.sha256(token.encode()).hexdigest()
    assert token not in {feed.nonce, feed.token_hash}
    assert feeds.feed_for_token(token) == feed


def test_feed_queries_do_not_grow_with_rows(client, deputy_a, deputy_a_record, council_a, term,
                                            django_assert_num_queries):
    token = services.calendar_token(user=deputy_a)

    def build(n):
        for i in range(n):
            SessionFactory(council=council_a, term=term, start_date=_days(i + 1), end_date=_days(i + 1))
            VoterMeetingFactory(council=council_a, date=_days(i)).deputies_present.add(deputy_a_record)
            CitizenReceptionFactory(council=council_a, deputy=deputy_a_record, date=_days(i))
            TrainingFactory(council=council_a, start_date=_days(i), end_date=_days(i)).attendances.create(
                deputy=deputy_a_record)
            WorkItemFactory(council=council_a, due_date=_days(i)).assignee_deputies.add(deputy_a_record)
            RecommendationFactory(activity__council=council_a, due_date=_days(i)).followers.add(deputy_a_record)

    build(1)
    url = reverse("calendar_feed", args=[token])
    with CaptureQueriesContext(connection) as small:
        assert client.get(url).status_code == 200
    build(5)
    with django_assert_num_queries(len(small.captured_queries)):
        response = client.get(url)
    assert len(icalendar.Calendar.from_ical(response.content).walk("VEVENT")) == 36
    assert len(small.captured_queries) <= 8


def test_the_api_gives_regenerates_and_revokes_the_address(api_as, client, deputy_a, scenario):
    api = api_as(deputy_a)
    first = api.get("/api/v1/calendar/feed-url/").json()
    assert first["active"] is True and first["url"].startswith("http://testserver/lich/")
    assert api.get("/api/v1/calendar/feed-url/").json() == first
    token = first["url"].rsplit("/", 1)[1].removesuffix(".ics")
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 200

    second = api.post("/api/v1/calendar/feed-url/regenerate/").json()
    assert second["active"] is True and second["url"] != first["url"]
    assert client.get(first["url"].removeprefix("http://testserver")).status_code == 404

    revoked = api.post("/api/v1/calendar/feed-url/revoke/").json()
    assert revoked == {"url": None, "active": False}
    assert client.get(second["url"].removeprefix("http://testserver")).status_code == 404
    assert api.get("/api/v1/calendar/feed-url/").json() == {"url": None, "active": False}
    assert api.delete("/api/v1/calendar/feed-url/").status_code == 405


def test_the_api_wants_a_signed_in_user(api_client):
    assert api_client.get("/api/v1/calendar/feed-url/").status_code in (401, 403)
    assert api_client.post("/api/v1/calendar/feed-url/regenerate/").status_code in (401, 403)
    assert not CalendarFeed.objects.exists()


def test_the_account_page_shows_the_address_and_its_buttons(client, deputy_a):
    client.force_login(deputy_a)
    home = client.get(reverse("inbox")).content.decode()
    assert f'href="{reverse("account")}"' in home  # linked from the header
    body = client.get(reverse("account")).content.decode()
    token = services.calendar_token(user=deputy_a)
    assert f'value="http://testserver/lich/{token}.ics"' in body
    assert "Đại biểu HĐND — HĐND thành phố Hà Nội" in body
    assert client.post(reverse("account_calendar_regenerate")).status_code == 302
    body = client.get(reverse("account")).content.decode()
    assert token not in body and "Đã tạo đường dẫn lịch mới" in body
    assert client.post(reverse("account_calendar_revoke")).status_code == 302
    body = client.get(reverse("account")).content.decode()
    assert 'data-testid="feed-revoked"' in body and ".ics" not in body
    assert client.get(reverse("account_calendar_revoke")).status_code == 405


def test_a_new_secret_key_ends_every_address(client, settings, deputy_a):
    token = services.calendar_token(user=deputy_a)
    settings.SECRET_KEY = "another-secret-key-" + "x" * 40
    assert client.get(reverse("calendar_feed", args=[token])).status_code == 404
    assert services.calendar_token(user=deputy_a) is None  # the page offers a new address
    new = services.regenerate_calendar_token(user=deputy_a)
    assert client.get(reverse("calendar_feed", args=[new])).status_code == 200
