"""Oversight pages: lists and details show real data, forms show the services' Vietnamese messages and save
nothing on error, workflow buttons show only when allowed, the inbox is the deputy's home page."""

import datetime

import pytest
from django.urls import reverse

from councils.choices import BodyKind
from councils.models import AuditEntry
from councils.tests.factories import AgencyFactory, BodyFactory, DeputyFactory
from oversight.choices import ActivityStatus, WorkItemStatus
from oversight.models import WorkItem
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


@pytest.fixture
def group_a(council_a, term):
    return BodyFactory(council=council_a, term=term, kind=BodyKind.DEPUTY_GROUP, name="Tổ đại biểu số 3")


def test_work_item_form_with_missing_five_clear_shows_message_and_saves_nothing(client, clerk_a, council_a, group_a):
    client.force_login(clerk_a)
    response = client.post(reverse("oversight:workitem_create"), {
        "council": council_a.pk, "year": 2026, "origin": "planned", "title": "Giám sát việc thu gom rác",
        "lead": "", "responsible_body": group_a.pk, "due_date": "30/06/2026", "deliverable": "Báo cáo",
    })
    assert response.status_code == 400
    body = response.content.decode()
    assert "Công việc chưa đủ “5 rõ”: thiếu rõ người (người chủ trì)." in body
    assert WorkItem.objects.count() == 0


def test_work_item_form_saves_through_the_service(client, clerk_a, council_a, group_a):
    client.force_login(clerk_a)
    response = client.post(reverse("oversight:workitem_create"), {
        "council": council_a.pk, "year": 2026, "origin": "planned", "title": "Giám sát việc thu gom rác",
        "lead": "Phó Chủ tịch HĐND", "responsible_body": group_a.pk, "due_date": "30/06/2026",
        "deliverable": "Báo cáo kết quả",
    })
    item = WorkItem.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("oversight:workitem_detail", args=[item.pk])
    assert item.due_date == datetime.date(2026, 6, 30)
    page = client.get(response["Location"]).content.decode()
    assert "Giám sát việc thu gom rác" in page and "30/06/2026" in page
    assert AuditEntry.objects.filter(object_id=item.pk, action="create").exists()


def test_party_viewer_cannot_open_a_create_form(client, viewer_a):
    client.force_login(viewer_a)
    assert client.get(reverse("oversight:workitem_create")).status_code == 403
    page = client.get(reverse("oversight:workitem_list")).content.decode()
    assert reverse("oversight:workitem_create") not in page


def test_activity_buttons_follow_status_and_role(client, clerk_a, viewer_a, council_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.PLANNED, title="Giám sát an toàn thực phẩm")
    start_url = reverse("oversight:activity_start", args=[activity.pk])
    conclude_url = reverse("oversight:activity_conclude", args=[activity.pk])
    client.force_login(clerk_a)
    page = client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    assert "Giám sát an toàn thực phẩm" in page
    assert start_url in page and conclude_url not in page
    client.post(start_url)
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IN_PROGRESS
    page = client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    assert start_url not in page and conclude_url in page
    assert "bắt đầu thực hiện hoạt động giám sát" in page and "status:in_progress" not in page  # history, as a sentence
    client.force_login(viewer_a)
    page = client.get(reverse("oversight:activity_detail", args=[activity.pk])).content.decode()
    assert conclude_url not in page
    assert client.post(reverse("oversight:activity_cancel", args=[activity.pk])).status_code == 403


def test_conclude_without_text_shows_the_services_messages(client, clerk_a, council_a):
    activity = ActivityFactory(council=council_a, status=ActivityStatus.IN_PROGRESS)
    client.force_login(clerk_a)
    response = client.post(reverse("oversight:activity_conclude", args=[activity.pk]), {"conclusion": ""})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Phải nhập nội dung kết luận." in body and "Phải nhập ngày kết luận." in body
    activity.refresh_from_db()
    assert activity.status == ActivityStatus.IN_PROGRESS


def test_deputy_home_is_the_inbox(client, deputy_a, deputy_a_record, council_a):
    item = WorkItemFactory(council=council_a, title="Chuẩn bị báo cáo thẩm tra", due_date=datetime.date(2020, 1, 1))
    item.assignee_deputies.add(deputy_a_record)
    client.force_login(deputy_a)
    page = client.get(reverse("home")).content.decode()
    assert "Việc của tôi" in page
    assert "Chuẩn bị báo cáo thẩm tra" in page
    assert reverse("oversight:workitem_detail", args=[item.pk]) in page
    assert "quá hạn" in page
    # The assignee may start it, but not cancel it (only the secretariat drops items).
    detail = client.get(reverse("oversight:workitem_detail", args=[item.pk])).content.decode()
    assert reverse("oversight:workitem_start", args=[item.pk]) in detail
    assert reverse("oversight:workitem_cancel", args=[item.pk]) not in detail
    client.post(reverse("oversight:workitem_start", args=[item.pk]))
    item.refresh_from_db()
    assert item.status == WorkItemStatus.IN_PROGRESS


def test_other_councils_oversight_records_are_404(client, clerk_b, council_a):
    activity = ActivityFactory(council=council_a)
    rec = RecommendationFactory(activity=ActivityFactory(council=council_a, status=ActivityStatus.CONCLUDED))
    item = WorkItemFactory(council=council_a)
    client.force_login(clerk_b)
    for url in (reverse("oversight:activity_detail", args=[activity.pk]),
                reverse("oversight:recommendation_detail", args=[rec.pk]),
                reverse("oversight:workitem_detail", args=[item.pk]),
                reverse("oversight:activity_start", args=[activity.pk])):
        response = client.post(url) if url.endswith("bat-dau/") else client.get(url)
        assert response.status_code == 404, url


def _populate(council, n):
    agency = AgencyFactory(council=council)
    for _ in range(n):
        activity = ActivityFactory(council=council, status=ActivityStatus.CONCLUDED)
        RecommendationFactory(activity=activity, agency=agency, due_date=datetime.date(2020, 1, 1))
        question = QuestionFactory(activity=ActivityFactory(council=council, kind="questioning_session"),
                                   answering_agency=agency)
        CommitmentFactory(question=question, agency=agency)
        item = WorkItemFactory(council=council)
        item.assignee_deputies.add(DeputyFactory(council=council))
        TrainingFactory(council=council)
        BriefingFactory(council=council)
    ProgrammeFactory(council=council, year=2000 + n)


LIST_PAGES = ["activity_list", "recommendation_list", "question_list", "commitment_list", "workitem_list",
              "training_list", "briefing_list", "programme_list"]


@pytest.mark.parametrize("name", LIST_PAGES)
def test_oversight_lists_show_rows_with_bounded_queries(client, clerk_a, council_a, name,
                                                        django_assert_max_num_queries):
    client.force_login(clerk_a)
    _populate(council_a, 2)
    with django_assert_max_num_queries(25) as small:
        response = client.get(reverse(f"oversight:{name}"))
    assert response.status_code == 200
    assert 'data-testid="list-table"' in response.content.decode()
    _populate(council_a, 15)
    with django_assert_max_num_queries(25) as large:
        client.get(reverse(f"oversight:{name}"))
    assert len(large.captured_queries) == len(small.captured_queries)


def test_overdue_filter_and_export(client, clerk_a, council_a):
    from io import BytesIO

    from openpyxl import load_workbook

    late = RecommendationFactory(activity=ActivityFactory(council=council_a, status=ActivityStatus.CONCLUDED),
                                 content="Sửa chữa trường học xuống cấp", due_date=datetime.date(2020, 1, 1))
    RecommendationFactory(activity=late.activity, content="Lắp đèn chiếu sáng", due_date=datetime.date(2099, 1, 1))
    client.force_login(clerk_a)
    page = client.get(reverse("oversight:recommendation_list"), {"overdue": "true"}).content.decode()
    assert "Sửa chữa trường học xuống cấp" in page and "Lắp đèn chiếu sáng" not in page
    response = client.get(reverse("oversight:recommendation_list"), {"overdue": "true", "export": "xlsx"})
    rows = list(load_workbook(BytesIO(response.content)).active.iter_rows(min_row=4, values_only=True))
    assert [row[0] for row in rows] == ["Sửa chữa trường học xuống cấp"]


def test_detail_pages_query_count_does_not_grow(client, clerk_a, council_a, django_assert_max_num_queries):
    from oversight.models import Participant

    activity = ActivityFactory(council=council_a, status=ActivityStatus.CONCLUDED)
    item = WorkItemFactory(council=council_a)
    client.force_login(clerk_a)

    def grow(n):
        agency = AgencyFactory(council=council_a)
        for _ in range(n):
            deputy = DeputyFactory(council=council_a)
            Participant.objects.create(activity=activity, deputy=deputy)
            RecommendationFactory(activity=activity, agency=agency).followers.add(deputy)
            activity.subject_agencies.add(AgencyFactory(council=council_a))
            item.assignee_deputies.add(deputy)

    urls = [reverse("oversight:activity_detail", args=[activity.pk]),
            reverse("oversight:workitem_detail", args=[item.pk])]
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


@pytest.mark.parametrize("url_name", ["oversight:question_list", "oversight:commitment_list"])
def test_question_and_commitment_lists_say_which_council(client, clerk_a, council_a, council_a1, url_name):
    """Lists that span a council and those below it name the HĐND of each row (issue 15 §6)."""
    for council in (council_a, council_a1):
        QuestionFactory(activity__council=council)
        CommitmentFactory(question__activity__council=council)
    client.force_login(clerk_a)
    page = client.get(reverse(url_name)).content.decode()
    rows = page[page.index("<tbody"):page.index("</tbody>")]
    assert council_a.name in rows and council_a1.name in rows
