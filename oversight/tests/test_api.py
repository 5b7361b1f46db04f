"""The oversight API: status codes, scoping, transitions as actions, uploads, and query counts of lists."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from councils.tests.factories import AgencyFactory, DeputyFactory
from oversight.choices import ActivityKind, ActivityStatus, FollowUpStatus, WorkItemStatus
from oversight.models import ActivityDocument, OversightActivity, WorkItem
from oversight.tests.factories import (
    ActivityFactory,
    BriefingFactory,
    CommitmentFactory,
    ProgrammeFactory,
    QuestionFactory,
    RecommendationFactory,
    TrainingFactory,
    WorkItemFactory,
)

pytestmark = pytest.mark.django_db

API = "/api/v1/oversight"
PDF = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 64


def _upload(client, activity, name, content, content_type="application/pdf"):
    return client.post(f"{API}/documents/", {"activity": activity.pk, "title": "Báo cáo kết quả giám sát",
                                            "kind": "report", "file": SimpleUploadedFile(name, content, content_type)},
                       format="multipart")


# ---------------------------------------------------------------------------------------------------------
# Activities


def test_clerk_creates_and_moves_an_activity_through_its_states(api_as, clerk_a, council_a, standing_board_a,
                                                                 agency_a):
    client = api_as(clerk_a)
    response = client.post(f"{API}/activities/", {
        "council": council_a.pk, "body": standing_board_a.pk, "kind": ActivityKind.THEMATIC,
        "title": "Giám sát việc thu hồi đất", "subject_agencies": [agency_a.pk], "planned_start": "2026-05-04",
        "planned_end": "2026-05-29"}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    assert response.json()["status"] == "planned" and response.json()["subject_agencies"] == [agency_a.pk]

    response = client.post(f"{API}/activities/{pk}/conclude/", {"conclusion": "x", "conclusion_date": "2026-06-01"},
                           format="json")
    assert response.status_code == 400 and response.json()["error"]["code"] == "invalid_transition"

    assert client.post(f"{API}/activities/{pk}/start/", {"started_on": "2026-05-04"}, format="json").json()[
        "status"] == "in_progress"
    response = client.post(f"{API}/activities/{pk}/conclude/", {"conclusion": ""}, format="json")
    assert response.status_code == 400
    assert set(response.json()["error"]["fields"]) == {"conclusion", "conclusion_date"}
    response = client.post(f"{API}/activities/{pk}/conclude/",
                           {"conclusion": "Cơ bản đạt yêu cầu", "conclusion_date": "2026-06-01"}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "concluded"
    assert client.post(f"{API}/activities/{pk}/cancel/", {}, format="json").status_code == 400


def test_activity_scoping_and_permissions(api_as, clerk_b, viewer_a, deputy_a, council_a, standing_board_a):
    activity = ActivityFactory(council=council_a)
    assert api_as(clerk_b).get(f"{API}/activities/{activity.pk}/").status_code == 404
    assert api_as(clerk_b).post(f"{API}/activities/{activity.pk}/start/", {}, format="json").status_code == 404
    assert api_as(viewer_a).get(f"{API}/activities/{activity.pk}/").status_code == 200
    assert api_as(viewer_a).post(f"{API}/activities/{activity.pk}/start/", {}, format="json").status_code == 403
    response = api_as(viewer_a).post(f"{API}/activities/", {
        "council": council_a.pk, "body": standing_board_a.pk, "kind": "survey", "title": "x"}, format="json")
    assert response.status_code == 403
    assert api_as(deputy_a).post(f"{API}/activities/{activity.pk}/cancel/", {}, format="json").status_code == 403
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.PLANNED


def test_clerk_b_cannot_point_at_a_council_it_does_not_see(api_as, clerk_b, council_a, standing_board_a):
    response = api_as(clerk_b).post(f"{API}/activities/", {
        "council": council_a.pk, "body": standing_board_a.pk, "kind": "survey", "title": "x"}, format="json")
    assert response.status_code == 400
    assert {"council", "body"} <= set(response.json()["error"]["fields"])
    assert not OversightActivity.objects.exists()


def test_participants_action(api_as, clerk_a, council_a, term):
    activity = ActivityFactory(council=council_a)
    deputy = DeputyFactory(council=council_a, term=term)
    client = api_as(clerk_a)
    response = client.post(f"{API}/activities/{activity.pk}/participants/", {"deputy": deputy.pk, "role": "lead"},
                           format="json")
    assert response.status_code == 201
    assert client.get(f"{API}/activities/{activity.pk}/participants/").json()[0]["deputy_name"] == deputy.full_name
    assert client.post(f"{API}/activities/{activity.pk}/participants/", {"deputy": deputy.pk},
                       format="json").status_code == 400


def test_activity_filters(api_as, clerk_a, council_a, council_a1, agency_a):
    thematic = ActivityFactory(council=council_a, kind=ActivityKind.THEMATIC, planned_start=datetime.date(2026, 3, 1))
    thematic.subject_agencies.add(agency_a)
    ActivityFactory(council=council_a, kind=ActivityKind.SURVEY, status=ActivityStatus.CANCELLED,
                    planned_start=datetime.date(2025, 3, 1))
    below = ActivityFactory(council=council_a1, kind=ActivityKind.SURVEY, planned_start=datetime.date(2026, 4, 1))
    client = api_as(clerk_a)

    def ids(query):
        return {row["id"] for row in client.get(f"{API}/activities/?{query}").json()["results"]}

    assert ids("kind=thematic") == {thematic.pk}
    assert ids(f"agency={agency_a.pk}") == {thematic.pk}
    assert ids("year=2026") == {thematic.pk, below.pk}
    assert ids(f"council={council_a1.pk}") == {below.pk}
    assert ids("status=planned&date_from=2026-03-15") == {below.pk}


# ---------------------------------------------------------------------------------------------------------
# Uploads


def test_upload_and_download_only_for_who_sees_the_activity(api_as, clerk_a, clerk_b, deputy_a, council_a):
    activity = ActivityFactory(council=council_a)
    response = _upload(api_as(clerk_a), activity, "bao-cao.pdf", PDF)
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    download = api_as(deputy_a).get(f"{API}/documents/{pk}/download/")
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert "attachment" in download["Content-Disposition"]
    assert api_as(clerk_b).get(f"{API}/documents/{pk}/download/").status_code == 404
    assert api_as(clerk_b).get(f"{API}/documents/{pk}/").status_code == 404


@pytest.mark.parametrize("name,content,message", [
    ("virus.exe", EXE, "không được phép"),
    ("virus.pdf", EXE, "không đúng định dạng"),
    ("anh.png", PDF, "không đúng định dạng"),
    ("script.js", b"alert(1)", "không được phép"),
])
def test_upload_of_a_disallowed_or_disguised_file_is_refused(api_as, clerk_a, council_a, name, content, message):
    activity = ActivityFactory(council=council_a)
    response = _upload(api_as(clerk_a), activity, name, content)
    assert response.status_code == 400
    assert message in " ".join(response.json()["error"]["fields"]["file"])
    assert not ActivityDocument.objects.exists()


def test_oversize_upload_is_refused(api_as, clerk_a, council_a, settings):
    settings.UPLOAD_MAX_BYTES = 1024
    activity = ActivityFactory(council=council_a)
    response = _upload(api_as(clerk_a), activity, "lon.pdf", PDF + b"0" * 2048)
    assert response.status_code == 400
    assert "quá lớn" in " ".join(response.json()["error"]["fields"]["file"])


def test_upload_without_a_title_is_named_after_its_file(api_as, clerk_a, council_a):
    """The schema makes the title optional: a POST without one was a 500 (the service required it)."""
    activity = ActivityFactory(council=council_a)
    response = api_as(clerk_a).post(f"{API}/documents/", {
        "activity": activity.pk, "file": SimpleUploadedFile("ke-hoach.pdf", PDF, "application/pdf")},
        format="multipart")
    assert response.status_code == 201, response.json()
    assert response.json()["title"] == "ke-hoach.pdf"


def test_other_council_cannot_upload_to_an_activity(api_as, clerk_b, council_a):
    activity = ActivityFactory(council=council_a)
    assert _upload(api_as(clerk_b), activity, "a.pdf", PDF).status_code == 400
    assert not ActivityDocument.objects.exists()


# ---------------------------------------------------------------------------------------------------------
# Recommendations, questions, commitments


def test_recommendation_create_and_follower_updates_status(api_as, clerk_a, deputy_a, deputy_a_record,
                                                           other_deputy_a, council_a, agency_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.CONCLUDED)
    response = api_as(clerk_a).post(f"{API}/recommendations/", {
        "activity": activity.pk, "agency": agency_a.pk, "content": "Hoàn thành cấp giấy chứng nhận",
        "due_date": "2026-12-31", "followers": [deputy_a_record.pk]}, format="json")
    assert response.status_code == 201, response.json()
    pk = response.json()["id"]
    body = {"status": FollowUpStatus.IN_PROGRESS, "evidence": "Văn bản đôn đốc số 5"}
    assert api_as(other_deputy_a).post(f"{API}/recommendations/{pk}/update-status/", body,
                                       format="json").status_code == 403
    response = api_as(deputy_a).post(f"{API}/recommendations/{pk}/update-status/", body, format="json")
    assert response.status_code == 200 and response.json()["status"] == "in_progress"
    # A follower reports on the status; editing the recommendation itself is the secretariat's.
    assert api_as(deputy_a).patch(f"{API}/recommendations/{pk}/", {"content": "x"}, format="json").status_code == 403


def test_recommendation_overdue_filter_at_the_boundary(api_as, clerk_a, council_a):
    today = timezone.localdate()
    due_today = RecommendationFactory(activity__council=council_a, due_date=today)
    late = RecommendationFactory(activity__council=council_a, due_date=today - datetime.timedelta(days=1))
    rows = api_as(clerk_a).get(f"{API}/recommendations/?overdue=true").json()["results"]
    assert [r["id"] for r in rows] == [late.pk] and rows[0]["is_overdue"] is True
    rows = api_as(clerk_a).get(f"{API}/recommendations/?overdue=false").json()["results"]
    assert [r["id"] for r in rows] == [due_today.pk]


def test_question_and_commitment_endpoints(api_as, clerk_a, council_a, term, agency_a):
    activity = ActivityFactory(council=council_a, kind=ActivityKind.QUESTIONING_BETWEEN)
    asker = DeputyFactory(council=council_a, term=term)
    client = api_as(clerk_a)
    response = client.post(f"{API}/questions/", {"activity": activity.pk, "asked_by": asker.pk,
                                                 "answering_agency": agency_a.pk, "question": "Tiến độ?"},
                           format="json")
    assert response.status_code == 201, response.json()
    question = response.json()["id"]
    response = client.patch(f"{API}/questions/{question}/", {"answer": "Quý III xong", "answered_on": "2026-07-01"},
                            format="json")
    assert response.json()["answer"] == "Quý III xong"
    # The text itself can be corrected: the service's own ``question`` argument used to swallow it (a 500).
    response = client.patch(f"{API}/questions/{question}/", {"question": "Tiến độ giải ngân?"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["question"] == "Tiến độ giải ngân?"
    response = client.put(f"{API}/questions/{question}/", {
        "activity": activity.pk, "asked_by": asker.pk, "answering_agency": agency_a.pk,
        "question": "Tiến độ giải ngân vốn?", "answer": "Quý III xong", "answered_on": "2026-07-01"}, format="json")
    assert response.status_code == 200, response.json()
    assert response.json()["question"] == "Tiến độ giải ngân vốn?"
    response = client.post(f"{API}/commitments/", {"question": question, "agency": agency_a.pk,
                                                   "content": "Hoàn thành quý III", "due_date": "2026-09-30"},
                           format="json")
    assert response.status_code == 201
    commitment = response.json()["id"]
    response = client.post(f"{API}/commitments/{commitment}/update-status/", {"status": "implemented"},
                           format="json")
    assert response.status_code == 400 and "completed_on" in response.json()["error"]["fields"]


# ---------------------------------------------------------------------------------------------------------
# Work items


def test_work_item_missing_field_refused_with_its_name(api_as, clerk_a, council_a, standing_board_a):
    response = api_as(clerk_a).post(f"{API}/work-items/", {
        "council": council_a.pk, "title": "Báo cáo 6 tháng", "lead": "Chánh Văn phòng",
        "responsible_body": standing_board_a.pk, "due_date": "2026-06-30"}, format="json")
    assert response.status_code == 400
    fields = response.json()["error"]["fields"]
    assert list(fields) == ["deliverable"] and "rõ kết quả" in fields["deliverable"][0]
    assert not WorkItem.objects.exists()


def test_deputy_progresses_own_item_but_not_anothers(api_as, deputy_a, deputy_a_record, other_deputy_a_record,
                                                     council_a):
    mine = WorkItemFactory(council=council_a)
    mine.assignee_deputies.add(deputy_a_record)
    theirs = WorkItemFactory(council=council_a)
    theirs.assignee_deputies.add(other_deputy_a_record)
    client = api_as(deputy_a)
    assert client.post(f"{API}/work-items/{mine.pk}/start/", {}, format="json").status_code == 200
    response = client.post(f"{API}/work-items/{mine.pk}/progress/", {"progress_note": "Đã xong 70%"}, format="json")
    assert response.status_code == 200 and response.json()["progress_note"] == "Đã xong 70%"
    assert client.post(f"{API}/work-items/{theirs.pk}/progress/", {"progress_note": "x"},
                       format="json").status_code == 403
    assert client.post(f"{API}/work-items/{theirs.pk}/start/", {}, format="json").status_code == 403
    assert client.patch(f"{API}/work-items/{mine.pk}/", {"title": "Đổi tên"}, format="json").status_code == 403
    theirs.refresh_from_db()
    assert (theirs.status, theirs.progress_note) == (WorkItemStatus.NOT_STARTED, "")
    done_on = timezone.localdate().isoformat()
    response = client.post(f"{API}/work-items/{mine.pk}/complete/", {"done_on": done_on}, format="json")
    assert response.status_code == 200 and response.json()["status"] == "done"


def test_work_item_scoping_and_viewer(api_as, clerk_b, viewer_a, council_a):
    item = WorkItemFactory(council=council_a)
    assert api_as(clerk_b).post(f"{API}/work-items/{item.pk}/progress/", {"progress_note": "x"},
                                format="json").status_code == 404
    assert api_as(viewer_a).post(f"{API}/work-items/{item.pk}/progress/", {"progress_note": "x"},
                                 format="json").status_code == 403
    assert api_as(viewer_a).post(f"{API}/work-items/{item.pk}/cancel/", {}, format="json").status_code == 403


def test_work_item_filters(api_as, clerk_a, council_a, deputy_a_record):
    today = timezone.localdate()
    late = WorkItemFactory(council=council_a, due_date=today - datetime.timedelta(days=3))
    late.assignee_deputies.add(deputy_a_record)
    WorkItemFactory(council=council_a, due_date=today + datetime.timedelta(days=3), origin="arising")
    client = api_as(clerk_a)
    assert [r["id"] for r in client.get(f"{API}/work-items/?overdue=true").json()["results"]] == [late.pk]
    assert [r["id"] for r in client.get(f"{API}/work-items/?assignee={deputy_a_record.pk}").json()["results"]] == [
        late.pk]
    assert len(client.get(f"{API}/work-items/?origin=arising").json()["results"]) == 1


# ---------------------------------------------------------------------------------------------------------
# Trainings, briefings, inbox


def test_training_attendance_action(api_as, clerk_a, council_a, term):
    training = TrainingFactory(council=council_a)
    d1, d2 = DeputyFactory(council=council_a, term=term), DeputyFactory(council=council_a, term=term)
    response = api_as(clerk_a).post(f"{API}/trainings/{training.pk}/attendance/",
                                    {"present": [d1.pk], "absent": [d2.pk]}, format="json")
    assert response.status_code == 200
    assert {r["deputy"]: r["attended"] for r in response.json()} == {d1.pk: True, d2.pk: False}
    assert api_as(clerk_a).get(f"{API}/trainings/{training.pk}/").json()["attended_count"] == 1


def test_briefing_create(api_as, clerk_a, council_a, council_a1):
    response = api_as(clerk_a).post(f"{API}/briefings/", {
        "council": council_a.pk, "topic": "Giao ban quý III", "date": "2026-09-20",
        "participating_councils": [council_a1.pk]}, format="json")
    assert response.status_code == 201 and response.json()["participating_councils"] == [council_a1.pk]


def test_inbox_endpoint_lists_the_deputys_items_overdue_first(api_as, deputy_a, deputy_a_record, council_a):
    today = timezone.localdate()
    soon = WorkItemFactory(council=council_a, due_date=today + datetime.timedelta(days=2), title="Sắp đến hạn")
    late = WorkItemFactory(council=council_a, due_date=today - datetime.timedelta(days=2), title="Quá hạn")
    WorkItemFactory(council=council_a, title="Của người khác")
    for item in (soon, late):
        item.assignee_deputies.add(deputy_a_record)
    rows = api_as(deputy_a).get(f"{API}/inbox/").json()
    assert [(r["title"], r["overdue"]) for r in rows] == [("Quá hạn", True), ("Sắp đến hạn", False)]


# ---------------------------------------------------------------------------------------------------------
# Query counts of every list do not grow with rows


def _seed(council, n, term):
    agency = AgencyFactory(council=council)
    for _ in range(n):
        deputy = DeputyFactory(council=council, term=term)
        activity = ActivityFactory(council=council, status=ActivityStatus.CONCLUDED,
                                   programme=ProgrammeFactory(council=council, year=2000 + _seed.counter))
        _seed.counter += 1
        activity.subject_agencies.add(agency)
        activity.participations.create(deputy=deputy)
        ActivityDocument.objects.create(activity=activity, title="BC", file=SimpleUploadedFile("a.pdf", PDF))
        rec = RecommendationFactory(activity=activity, agency=agency)
        rec.followers.add(deputy)
        commitment = CommitmentFactory(question=QuestionFactory(activity__council=council, asked_by=deputy),
                                       agency=agency)
        commitment.followers.add(deputy)
        item = WorkItemFactory(council=council)
        item.assignee_deputies.add(deputy)
        TrainingFactory(council=council).attendances.create(deputy=deputy)
        BriefingFactory(council=council).participating_councils.add(council)


_seed.counter = 0


@pytest.mark.parametrize("resource", ["programmes", "activities", "documents", "recommendations", "questions",
                                      "commitments", "work-items", "trainings", "briefings"])
def test_list_query_count_does_not_grow(api_as, clerk_a, council_a, term, resource, django_assert_max_num_queries):
    client = api_as(clerk_a)
    _seed(council_a, 2, term)
    with django_assert_max_num_queries(12) as small:
        assert len(client.get(f"{API}/{resource}/").json()["results"]) >= 2
    _seed(council_a, 8, term)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(f"{API}/{resource}/").json()["results"]) >= 10


def test_inbox_query_count_does_not_grow(api_as, deputy_a, deputy_a_record, council_a, term,
                                         django_assert_max_num_queries):
    def give(n):
        for _ in range(n):
            item = WorkItemFactory(council=council_a)
            item.assignee_deputies.add(deputy_a_record)
            rec = RecommendationFactory(activity__council=council_a)
            rec.followers.add(deputy_a_record)
            ActivityFactory(council=council_a).participations.create(deputy=deputy_a_record)

    client = api_as(deputy_a)
    give(2)
    with django_assert_max_num_queries(8) as small:
        assert len(client.get(f"{API}/inbox/").json()) == 6
    give(10)
    with django_assert_max_num_queries(len(small.captured_queries)):
        assert len(client.get(f"{API}/inbox/").json()) == 36


def test_rate_endpoints_use_the_list_filters(api_as, clerk_a, council_a, standing_board_a, committee_a):
    for status, done_on in [(WorkItemStatus.DONE, datetime.date(2025, 6, 1))] * 3 + [
            (WorkItemStatus.DONE, datetime.date(2025, 7, 5)), (WorkItemStatus.IN_PROGRESS, None)]:
        WorkItemFactory(council=council_a, responsible_body=standing_board_a, year=2025,
                        due_date=datetime.date(2025, 6, 30), status=status, done_on=done_on)
    WorkItemFactory(council=council_a, responsible_body=committee_a, year=2024, due_date=datetime.date(2024, 6, 30))
    client = api_as(clerk_a)
    rows = client.get(f"{API}/work-items/on-time-rates/?year=2025").json()
    assert [(r["body_id"], r["due"], r["on_time"], r["rate"]) for r in rows] == [(standing_board_a.pk, 5, 3, 60.0)]
    assert client.get(f"{API}/work-items/on-time-rates/?year=abc").status_code == 400

    RecommendationFactory(activity__council=council_a, activity__body=committee_a, status="implemented",
                          due_date=datetime.date(2025, 1, 1))
    RecommendationFactory(activity__council=council_a, activity__body=committee_a, due_date=datetime.date(2025, 1, 1))
    rows = client.get(f"{API}/recommendations/rates/?by_body=false").json()
    assert [(r["council_id"], r["implemented"], r["due"], r["rate"]) for r in rows] == [(council_a.pk, 1, 2, 50.0)]
