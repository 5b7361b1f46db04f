"""An activity's and a session's history read as sentences and show their children's events (issue 15 §2)."""

import datetime

from django.urls import reverse

from councils.tests.factories import SessionFactory
from oversight import services
from oversight.choices import ActivityKind


def _sentences(client, user, url):
    client.force_login(user)
    page = client.get(url)
    assert page.status_code == 200
    return [" ".join(line.sentence.split()) for line in page.context["history"]], " ".join(page.content.decode().split())


def test_activity_history_shows_its_recommendations(client, clerk_a, council_a, agency_a, standing_board_a):
    activity = services.create_activity(council=council_a, kind=ActivityKind.THEMATIC, title="Giám sát cấp nước",
                                        actor=clerk_a, body=standing_board_a, planned_start=datetime.date(2026, 10, 1))
    services.start_activity(activity=activity, actor=clerk_a, started_on=datetime.date(2026, 10, 2))
    services.create_recommendation(activity=activity, agency=agency_a, content="Bổ sung trạm bơm tăng áp",
                                   due_date=datetime.date(2027, 3, 31), actor=clerk_a)
    lines, html = _sentences(client, clerk_a, reverse("oversight:activity_detail", args=[activity.pk]))
    who = clerk_a.get_full_name() or clerk_a.username
    assert f"{who} tạo hoạt động giám sát" in lines
    assert f"{who} bắt đầu thực hiện hoạt động giám sát" in lines
    assert f"{who} thêm kiến nghị giám sát “Bổ sung trạm bơm tăng áp”" in lines
    assert "status:" not in html and "in_progress" not in html


def test_session_history_shows_questions_and_commitments(client, clerk_a, council_a, term, agency_a, deputy_a_record,
                                                         standing_board_a):
    session = SessionFactory(council=council_a, term=term)
    activity = services.create_activity(council=council_a, kind=ActivityKind.QUESTIONING_SESSION,
                                        title="Chất vấn về giao thông", actor=clerk_a, session=session,
                                        body=standing_board_a)
    question = services.create_question(activity=activity, asked_by=deputy_a_record, answering_agency=agency_a,
                                        question="Khi nào xong cầu vượt?", actor=clerk_a)
    services.create_commitment(question=question, agency=agency_a, content="Hoàn thành cầu vượt quý II/2027",
                               due_date=datetime.date(2027, 6, 30), actor=clerk_a)
    lines, _ = _sentences(client, clerk_a, reverse("session_detail", args=[session.pk]))
    who = clerk_a.get_full_name() or clerk_a.username
    assert f"{who} ghi nhận câu hỏi chất vấn “Khi nào xong cầu vượt?”" in lines
    assert f"{who} ghi nhận cam kết sau chất vấn “Hoàn thành cầu vượt quý II/2027”" in lines
    assert f"{who} tạo hoạt động giám sát “Chất vấn về giao thông”" in lines
