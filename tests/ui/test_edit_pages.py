"""Edit pages: each saves through its service and records exactly the changed fields in the history; bad input
shows the service's Vietnamese message and changes nothing; the Sửa button shows only to who may edit;
another council's record is a 404, a party viewer gets a 403."""

import datetime

import pytest
from django.urls import reverse

from councils.choices import BodyKind
from councils.models import AuditEntry
from councils.tests.factories import AgencyFactory, BodyFactory, DeputyFactory, FieldFactory, SessionFactory
from oversight.choices import ActivityStatus
from oversight.tests.factories import ActivityFactory, WorkItemFactory
from voters.choices import Channel, PetitionKind, PetitionStatus
from voters.tests.factories import PetitionFactory, VoterMeetingFactory

pytestmark = pytest.mark.django_db


def _update_entry(obj):
    return AuditEntry.objects.filter(object_id=obj.pk, action="update").latest("pk")


def _form_data(page_response):
    """The edit form's current values, as the browser would post them back."""
    form = page_response.context["form"]
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, list):
            data[name] = [getattr(v, "pk", v) for v in value]
        elif isinstance(value, datetime.date):
            data[name] = value.strftime("%d/%m/%Y")
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = getattr(value, "pk", value)
    return data


@pytest.fixture
def group_a(council_a, term):
    return BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ đại biểu số 2")


# --- oversight activity ----------------------------------------------------------------------------------------

def test_activity_edit_saves_and_records_the_changed_fields(client, clerk_a, council_a, group_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.PLANNED, title="Giám sát cũ")
    agency = AgencyFactory(council=council_a, name="Sở Xây dựng")
    url = reverse("oversight:activity_edit", args=[activity.pk])
    client.force_login(clerk_a)
    detail = client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    assert url in detail
    data = _form_data(client.get(url))
    data.update(title="Giám sát việc quản lý đường giao thông", body=group_a.pk, subject_agencies=[agency.pk],
                planned_start="01/12/2026", planned_end="15/12/2026")
    response = client.post(url, data)
    assert response.status_code == 302
    activity.refresh_from_db()
    assert activity.title == "Giám sát việc quản lý đường giao thông"
    assert activity.planned_end == datetime.date(2026, 12, 15)
    assert list(activity.subject_agencies.all()) == [agency]
    changes = _update_entry(activity).changes
    assert {"title", "body", "planned_start", "planned_end", "subject_agencies"} <= set(changes)
    assert "kind" not in changes


def test_activity_edit_with_bad_dates_changes_nothing(client, clerk_a, council_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.PLANNED, title="Giám sát cũ")
    url = reverse("oversight:activity_edit", args=[activity.pk])
    client.force_login(clerk_a)
    data = _form_data(client.get(url))
    data.update(title="Tên mới", planned_start="20/12/2026", planned_end="01/12/2026")
    response = client.post(url, data)
    assert response.status_code == 400
    assert "is-invalid" in response.content.decode() or response.context["form"].errors
    activity.refresh_from_db()
    assert activity.title == "Giám sát cũ"
    assert not AuditEntry.objects.filter(object_id=activity.pk, action="update").exists()


def test_activity_edit_is_404_for_another_council_and_403_for_a_viewer(client, clerk_b, viewer_a, council_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.PLANNED)
    url = reverse("oversight:activity_edit", args=[activity.pk])
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404
    assert client.post(url, {"title": "x"}).status_code == 404
    client.force_login(viewer_a)
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()


# --- work item ("5 rõ") -----------------------------------------------------------------------------------------

def test_work_item_edit_refuses_a_missing_five_clear_field_by_name(client, clerk_a, council_a, group_a):
    item = WorkItemFactory(council=council_a, responsible_body=group_a, lead="Phó Chủ tịch HĐND")
    url = reverse("oversight:workitem_edit", args=[item.pk])
    client.force_login(clerk_a)
    assert url in client.get(reverse("oversight:workitem_detail", args=[item.pk])).content.decode()
    data = _form_data(client.get(url))
    data["lead"] = ""
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Công việc chưa đủ “5 rõ”: thiếu rõ người (người chủ trì)." in response.content.decode()
    item.refresh_from_db()
    assert item.lead == "Phó Chủ tịch HĐND"


def test_work_item_edit_saves_deadline_and_assignees(client, clerk_a, council_a, group_a, deputy_a_record):
    item = WorkItemFactory(council=council_a, responsible_body=group_a)
    url = reverse("oversight:workitem_edit", args=[item.pk])
    client.force_login(clerk_a)
    data = _form_data(client.get(url))
    data.update(due_date="31/12/2026", assignee_deputies=[deputy_a_record.pk])
    assert client.post(url, data).status_code == 302
    item.refresh_from_db()
    assert item.due_date == datetime.date(2026, 12, 31)
    assert list(item.assignee_deputies.all()) == [deputy_a_record]
    assert set(_update_entry(item).changes) == {"due_date", "assignee_deputies"}


# --- voter meeting ----------------------------------------------------------------------------------------------

def test_deputy_edits_their_own_meeting_but_not_anothers(client, deputy_a, deputy_a_record, council_a, term,
                                                           group_a):
    mine = VoterMeetingFactory(council=council_a, body=group_a, place="Nhà văn hóa thôn Đông", attendance=80)
    mine.deputies_present.add(deputy_a_record)
    other = VoterMeetingFactory(council=council_a, body=group_a)
    other.deputies_present.add(DeputyFactory(council=council_a, term=term))
    client.force_login(deputy_a)
    mine_url = reverse("voters:meeting_edit", args=[mine.pk])
    assert mine_url in client.get(reverse("voters:meeting_detail", args=[mine.pk])).content.decode()
    other_url = reverse("voters:meeting_edit", args=[other.pk])
    assert other_url not in client.get(reverse("voters:meeting_detail", args=[other.pk])).content.decode()
    assert client.get(other_url).status_code == 403
    data = _form_data(client.get(mine_url))
    data.update(place="Hội trường UBND xã", attendance="120", date="05/11/2026")
    assert client.post(mine_url, data).status_code == 302
    mine.refresh_from_db()
    assert (mine.place, mine.attendance, mine.date) == ("Hội trường UBND xã", 120, datetime.date(2026, 11, 5))
    assert set(_update_entry(mine).changes) == {"place", "attendance", "date"}


def test_meeting_edit_bad_attendance_changes_nothing(client, clerk_a, council_a, group_a):
    meeting = VoterMeetingFactory(council=council_a, body=group_a, attendance=80)
    url = reverse("voters:meeting_edit", args=[meeting.pk])
    client.force_login(clerk_a)
    data = _form_data(client.get(url))
    data.update(attendance="-5", place="Chỗ khác")
    response = client.post(url, data)
    assert response.status_code == 400
    meeting.refresh_from_db()
    assert meeting.attendance == 80 and meeting.place != "Chỗ khác"


def test_meeting_edit_is_404_for_another_council(client, clerk_b, council_a, group_a):
    meeting = VoterMeetingFactory(council=council_a, body=group_a)
    client.force_login(clerk_b)
    assert client.get(reverse("voters:meeting_edit", args=[meeting.pk])).status_code == 404


# --- petition ---------------------------------------------------------------------------------------------------

def test_letter_edit_before_forwarding_then_refused_after(client, clerk_a, viewer_a, council_a):
    letter = PetitionFactory(council=council_a, kind=PetitionKind.REQUEST, channel=Channel.MAIL, meeting=None,
                             content="Đề nghị sửa đường làng", status=PetitionStatus.RECEIVED)
    field = FieldFactory(name="Giao thông")
    url = reverse("voters:petition_edit", args=[letter.pk])
    client.force_login(clerk_a)
    assert url in client.get(reverse("voters:petition_detail", args=[letter.pk])).content.decode()
    data = _form_data(client.get(url))
    data.update(content="Đề nghị sửa chữa đường liên thôn", field=field.pk, channel=Channel.ONLINE)
    assert client.post(url, data).status_code == 302
    letter.refresh_from_db()
    assert (letter.content, letter.field, letter.channel) == ("Đề nghị sửa chữa đường liên thôn", field, Channel.ONLINE)
    assert {"content", "field", "channel"} <= set(_update_entry(letter).changes)

    letter.status = PetitionStatus.FORWARDED
    letter.save(update_fields=["status"])
    assert url not in client.get(reverse("voters:petition_detail", args=[letter.pk])).content.decode()
    data = _form_data(client.get(url))  # the page as it is now (an old copy would be refused as stale)
    data["content"] = "Nội dung khác"
    response = client.post(url, data)
    assert response.status_code == 400
    assert "Kiến nghị đã chuyển tới cơ quan có thẩm quyền" in response.content.decode()
    letter.refresh_from_db()
    assert letter.content == "Đề nghị sửa chữa đường liên thôn"

    client.force_login(viewer_a)
    assert client.get(url).status_code == 403


def test_meeting_petition_keeps_its_channel(client, clerk_a, council_a, group_a):
    meeting = VoterMeetingFactory(council=council_a, body=group_a)
    petition = PetitionFactory(council=council_a, meeting=meeting, channel=Channel.VOTER_MEETING,
                               status=PetitionStatus.RECEIVED)
    url = reverse("voters:petition_edit", args=[petition.pk])
    client.force_login(clerk_a)
    data = _form_data(client.get(url))
    data["channel"] = Channel.MAIL
    response = client.post(url, data)
    assert response.status_code == 400
    assert "giữ nguồn tiếp nhận đó" in response.content.decode()
    petition.refresh_from_db()
    assert petition.channel == Channel.VOTER_MEETING


# --- deputy and session ----------------------------------------------------------------------------------------

def test_deputy_record_edit(client, clerk_a, clerk_b, viewer_a, deputy_a_record):
    url = reverse("deputy_edit", args=[deputy_a_record.pk])
    client.force_login(clerk_a)
    assert url in client.get(reverse("deputy_detail", args=[deputy_a_record.pk])).content.decode()
    data = _form_data(client.get(url))
    data.update(position="Phó Trưởng ban Kinh tế - Ngân sách", email="khong-phai-email")
    response = client.post(url, data)
    assert response.status_code == 400
    deputy_a_record.refresh_from_db()
    assert deputy_a_record.position != "Phó Trưởng ban Kinh tế - Ngân sách"
    data["email"] = "hoa@hanoi.gov.vn"
    assert client.post(url, data).status_code == 302
    deputy_a_record.refresh_from_db()
    assert deputy_a_record.position == "Phó Trưởng ban Kinh tế - Ngân sách"
    assert set(_update_entry(deputy_a_record).changes) == {"position", "email"}
    client.force_login(viewer_a)
    assert client.get(url).status_code == 403
    assert url not in client.get(reverse("deputy_detail", args=[deputy_a_record.pk])).content.decode()
    client.force_login(clerk_b)
    assert client.get(url).status_code == 404


def test_session_edit(client, clerk_a, council_a, term):
    session = SessionFactory(council=council_a, term=term, start_date=datetime.date(2026, 12, 8),
                             end_date=datetime.date(2026, 12, 10))
    url = reverse("session_edit", args=[session.pk])
    client.force_login(clerk_a)
    assert url in client.get(reverse("session_detail", args=[session.pk])).content.decode()
    data = _form_data(client.get(url))
    data.update(end_date="01/12/2026")
    assert client.post(url, data).status_code == 400
    session.refresh_from_db()
    assert session.end_date == datetime.date(2026, 12, 10)
    data.update(end_date="11/12/2026", place="Hội trường HĐND thành phố")
    assert client.post(url, data).status_code == 302
    session.refresh_from_db()
    assert (session.end_date, session.place) == (datetime.date(2026, 12, 11), "Hội trường HĐND thành phố")
    assert set(_update_entry(session).changes) == {"end_date", "place"}


# --- a deputy records a voter meeting of their own group -----------------------------------------------------------

def test_deputy_records_a_meeting_of_their_own_group(client, deputy_a, deputy_a_record, council_a, term, group_a):
    from councils.tests.factories import MembershipFactory
    from voters.models import VoterMeeting

    MembershipFactory(body=group_a, deputy=deputy_a_record)
    other_group = BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ đại biểu số 9")
    client.force_login(deputy_a)
    url = reverse("voters:meeting_create")
    assert url in client.get(reverse("voters:meeting_list")).content.decode()
    form = client.get(url).context["form"]
    assert list(form.fields["body"].queryset) == [group_a]
    assert form["deputies"].value() == [deputy_a_record.pk]
    data = {"council": council_a.pk, "body": group_a.pk, "kind": "before_session", "date": "02/11/2026",
            "place": "Nhà văn hóa thôn Đoài", "attendance": "95", "deputies": [deputy_a_record.pk]}
    response = client.post(url, dict(data, body=other_group.pk))
    assert response.status_code == 400 and not VoterMeeting.objects.exists()
    response = client.post(url, dict(data, deputies=[]))
    assert response.status_code == 400 and not VoterMeeting.objects.exists()
    assert "Đại biểu chỉ ghi nhận được cuộc tiếp xúc cử tri mà mình dự." in response.content.decode()
    response = client.post(url, data)
    meeting = VoterMeeting.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("voters:meeting_detail", args=[meeting.pk])
    assert list(meeting.deputies_present.all()) == [deputy_a_record] and meeting.body == group_a
    assert AuditEntry.objects.filter(object_id=meeting.pk, action="create", actor=deputy_a).exists()
    page = client.get(response["Location"]).content.decode()
    assert reverse("voters:meeting_petitions", args=[meeting.pk]) in page


def test_party_viewer_cannot_record_a_meeting(client, viewer_a):
    client.force_login(viewer_a)
    assert client.get(reverse("voters:meeting_create")).status_code == 403
    assert reverse("voters:meeting_create") not in client.get(reverse("voters:meeting_list")).content.decode()


def test_edit_pages_query_count_does_not_grow(client, clerk_a, council_a, term, group_a, deputy_a_record,
                                              django_assert_max_num_queries):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.PLANNED)
    item = WorkItemFactory(council=council_a, responsible_body=group_a)
    meeting = VoterMeetingFactory(council=council_a, body=group_a)
    letter = PetitionFactory(council=council_a, kind=PetitionKind.REQUEST, channel=Channel.MAIL, meeting=None,
                             status=PetitionStatus.RECEIVED)
    session = SessionFactory(council=council_a, term=term)
    urls = [reverse("oversight:activity_edit", args=[activity.pk]), reverse("oversight:workitem_edit", args=[item.pk]),
            reverse("voters:meeting_edit", args=[meeting.pk]), reverse("voters:petition_edit", args=[letter.pk]),
            reverse("deputy_edit", args=[deputy_a_record.pk]), reverse("session_edit", args=[session.pk])]

    def grow(n):
        for _ in range(n):
            deputy = DeputyFactory(council=council_a, term=term)
            agency = AgencyFactory(council=council_a)
            activity.subject_agencies.add(agency)
            item.assignee_deputies.add(deputy)
            meeting.deputies_present.add(deputy)
            BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP)

    client.force_login(clerk_a)
    for url in urls:
        client.get(url)  # fills the per-process content-type cache
    grow(2)
    small = []
    for url in urls:
        with django_assert_max_num_queries(20) as captured:
            assert client.get(url).status_code == 200
        small.append(len(captured.captured_queries))
    grow(12)
    for url, before in zip(urls, small, strict=True):
        with django_assert_max_num_queries(20) as captured:
            client.get(url)
        assert len(captured.captured_queries) == before, url


def test_deputy_corrects_a_petition_of_their_meeting_while_it_waits(client, deputy_a, deputy_a_record, council_a,
                                                                    group_a):
    meeting = VoterMeetingFactory(council=council_a, body=group_a)
    meeting.deputies_present.add(deputy_a_record)
    petition = PetitionFactory(council=council_a, meeting=meeting, channel=Channel.VOTER_MEETING,
                               content="Đề nghị làm đường", status=PetitionStatus.RECEIVED)
    url = reverse("voters:petition_edit", args=[petition.pk])
    client.force_login(deputy_a)
    assert url in client.get(reverse("voters:petition_detail", args=[petition.pk])).content.decode()
    data = _form_data(client.get(url))
    data["content"] = "Đề nghị làm đường liên xã"
    assert client.post(url, data).status_code == 302
    petition.refresh_from_db()
    assert petition.content == "Đề nghị làm đường liên xã"
    petition.status = PetitionStatus.CLASSIFIED
    petition.save(update_fields=["status"])
    assert client.get(url).status_code == 403
