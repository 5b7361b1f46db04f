"""Each role's home says what to do next (issue 15 §1): the secretariat's cards count exactly the lists they
link to; the deputy's items carry the deadline that matters now, an overdue mark and a next step."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from councils.choices import BodyKind
from councils.tests.factories import AgencyFactory, BodyFactory, CouncilFactory, DeputyFactory, SessionFactory
from oversight.choices import ActivityStatus
from oversight.tests.factories import ActivityFactory, RecommendationFactory, WorkItemFactory
from portal import selectors
from voters.choices import (
    AnswerOutcome,
    AnswerReview,
    FeedbackStatus,
    ForwardingStatus,
    MeetingKind,
    PetitionStatus,
)
from voters.models import VoterFeedback, VoterMeeting
from voters.tests.factories import ForwardingFactory, PetitionFactory

pytestmark = pytest.mark.django_db
ANSWER = {"outcome": AnswerOutcome.BEING_RESOLVED, "answered_on": datetime.date(2026, 11, 20), "answer": "Đang làm"}


def _days(n):
    return timezone.localdate() + datetime.timedelta(days=n)


def _seed(council, n):
    """``n`` rows of every kind a card counts, plus rows of another council that no card may count."""
    other = CouncilFactory(name="HĐND tỉnh khác")
    for target in (council, other):
        for i in range(n):
            PetitionFactory(council=target, status=PetitionStatus.RECEIVED, forward_due=_days(-1 if i % 2 else 1))
            # Archived: no card counts it (a count builds only the filters it names, and the archived default).
            PetitionFactory(council=target, status=PetitionStatus.RECEIVED, forward_due=_days(-1),
                            archived_at=timezone.now())
            kept = PetitionFactory(council=target, status=PetitionStatus.CLASSIFIED, forward_due=_days(30))
            PetitionFactory(council=target, status=PetitionStatus.MERGED, merged_into=kept)
            forwarded = PetitionFactory(council=target, status=PetitionStatus.FORWARDED)
            ForwardingFactory(petition=forwarded, due_date=_days(-3 if i % 2 else 2))
            answered = PetitionFactory(council=target, status=PetitionStatus.ANSWERED)
            ForwardingFactory(petition=answered, status=ForwardingStatus.ANSWERED, review=AnswerReview.SUBMITTED,
                              **ANSWER)
            VoterFeedback.objects.create(petition=answered, resolved=False, comment="Chưa sửa xong",
                                         status=FeedbackStatus.OPEN)
            RecommendationFactory(activity__council=target, activity__status=ActivityStatus.CONCLUDED,
                                  due_date=_days(-5))
            WorkItemFactory(council=target, due_date=_days(-2))


def _list_count(client, url) -> int:
    page = client.get(url)
    assert page.status_code == 200
    return page.context["paginator"].count


def test_every_card_counts_what_its_list_shows(client, clerk_a, council_a, term):
    _seed(council_a, 3)
    DeputyFactory.create_batch(2, council=council_a, term=term)
    SessionFactory(council=council_a, term=term, start_date=_days(0), end_date=_days(1))
    client.force_login(clerk_a)
    page = client.get(reverse("home"))
    cards = page.context["queue"] + page.context["overview"]
    assert {card.key for card in cards} >= {"to_classify", "to_forward", "to_review", "feedback", "due_soon",
                                            "overdue", "recommendations_overdue", "work_items_late", "petitions"}
    html = page.content.decode()
    for card in cards:
        assert card.url in html.replace("&amp;", "&")
        assert card.count == _list_count(client, card.url), card.key
    by_key = {card.key: card.count for card in cards}
    assert by_key["to_classify"] == 3 and by_key["to_forward"] == 3 and by_key["to_review"] == 3
    assert by_key["feedback"] == 3 and by_key["recommendations_overdue"] == 3 and by_key["work_items_late"] == 3
    assert by_key["petitions"] == 12  # the list leaves merged petitions out, as the card says
    assert "Không gồm kiến nghị đã gộp" in html


def test_home_query_count_does_not_grow(client, clerk_a, council_a, django_assert_max_num_queries):
    client.force_login(clerk_a)
    _seed(council_a, 1)
    with django_assert_max_num_queries(45) as small:
        client.get(reverse("home"))
    _seed(council_a, 6)
    with django_assert_max_num_queries(45) as large:
        client.get(reverse("home"))
    assert len(large.captured_queries) == len(small.captured_queries)


def _deputy_petition(council, term, deputy, **kwargs):
    group = BodyFactory(council=council, term=term, kind=BodyKind.DEPUTY_GROUP)
    meeting = VoterMeeting.objects.create(council=council, body=group, kind=MeetingKind.BEFORE_SESSION,
                                          date=_days(-120), place="Nhà văn hóa phường")
    meeting.deputies_present.add(deputy)
    return PetitionFactory(council=council, meeting=meeting, received_on=_days(-120), **kwargs)


def test_a_forwarded_petition_is_due_by_the_agencys_answer_and_says_to_urge_it(deputy_a, deputy_a_record,
                                                                                council_a, term):
    petition = _deputy_petition(council_a, term, deputy_a_record, status=PetitionStatus.FORWARDED,
                                forward_due=_days(-110))
    agency = AgencyFactory(council=council_a, name="Sở Nông nghiệp và Môi trường")
    ForwardingFactory(petition=petition, agency=agency, forwarded_on=_days(-112), due_date=_days(-90))
    ForwardingFactory(petition=petition, status=ForwardingStatus.ANSWERED, forwarded_on=_days(-112),
                      due_date=_days(-100), **ANSWER)
    [entry] = selectors.inbox_for(deputy_a)
    assert entry.due_date == _days(-90) and entry.overdue
    assert entry.next_action == "Đôn đốc Sở Nông nghiệp và Môi trường trả lời"
    assert entry.due_label == "Hạn cơ quan trả lời"


def test_deputy_home_marks_overdue_items_with_next_steps_and_shows_what_is_coming(client, deputy_a, deputy_a_record,
                                                                                  council_a, term):
    petition = _deputy_petition(council_a, term, deputy_a_record, status=PetitionStatus.FORWARDED)
    ForwardingFactory(petition=petition, agency=AgencyFactory(council=council_a, name="Sở Xây dựng"),
                      due_date=_days(-1))
    item = WorkItemFactory(council=council_a, due_date=_days(5), title="Chuẩn bị báo cáo thẩm tra")
    item.assignee_deputies.add(deputy_a_record)
    activity = ActivityFactory(council=council_a, planned_start=_days(3), planned_end=_days(4),
                               title="Giám sát trường học")
    activity.participations.create(deputy=deputy_a_record)
    SessionFactory(council=council_a, term=term, title="Kỳ họp thứ năm", start_date=_days(6), end_date=_days(8))
    SessionFactory(council=council_a, term=term, title="Kỳ họp đã qua", start_date=_days(-60), end_date=_days(-59))
    client.force_login(deputy_a)
    html = " ".join(client.get(reverse("home")).content.decode().split())
    assert html.count('data-testid="overdue-badge"') == 1
    assert "Đôn đốc Sở Xây dựng trả lời" in html
    assert "Báo cáo tiến độ" in html and "Tham gia hoạt động giám sát" in html
    assert "Kỳ họp thứ năm" in html and "Kỳ họp đã qua" not in html
    assert html.index("Đôn đốc Sở Xây dựng") < html.index("Tham gia hoạt động giám sát") < html.index(
        "Chuẩn bị báo cáo thẩm tra")


def test_a_province_clerks_cards_state_the_subtree_once(client, clerk_a, council_a, admin_user):
    """The clerk's scope already is the province: the cards' counts leave the same ``path`` condition out the
    second time (the planner squared its estimate) and still agree with their lists (test above). Who sees
    every council keeps it: for them it is what narrows the rows to the province."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    _seed(council_a, 1)
    client.force_login(clerk_a)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home"))
    counts = [q["sql"] for q in queries.captured_queries
              if q["sql"].startswith("SELECT COUNT(*)") and 'FROM "voters_petition"' in q["sql"]]
    # Conditions on the ids of the scope's councils, read once in their own subquery (the late and due-soon
    # counts' two sides), are not a second ``path`` condition on the join.
    joined = [re.sub(r'SELECT U0\."id" AS "pk" FROM "councils_council" U0 WHERE U0\."path"[^)]*', "", sql) for sql in counts]
    assert counts and all(sql.count(f"{council_a.path}%") <= 1 for sql in joined)
    # Late or due soon: one UNION of the two indexed sides, no EXISTS probing the forwardings of every petition.
    assert not [sql for sql in counts if 'EXISTS(SELECT 1 AS "a" FROM "voters_forwarding"' in sql and "due_date" in sql]
    assert sum(" UNION " in sql for sql in counts) == 2
    assert {card.key: card.count for card in page.context["queue"]}["to_classify"] == 1
    client.force_login(admin_user)
    with CaptureQueriesContext(connection) as queries:
        page = client.get(reverse("home"), {"council": council_a.pk})
    assert page.status_code == 200
    # Both sides of the late / due-soon UNION narrowed to the province too, not the whole country's.
    unions = [q["sql"] for q in queries.captured_queries if " UNION " in q["sql"] and q["sql"].startswith("SELECT COUNT(*)")]
    paths = [re.findall(r"LIKE '(/[0-9/]+)%'", sql) for sql in unions]
    assert len(unions) == 2 and all(len(found) == 3 and len(set(found)) == 1 for found in paths)  # each side, the list


def test_late_badges_count_up_to_their_limit_then_say_more_than(client, clerk_a, council_a, monkeypatch):
    """The "N late" badges stop counting at ``BADGE_LIMIT`` (the overdue board lists them all): exact below it,
    "hơn N" above, in both languages."""
    from portal import views

    for _ in range(3):
        forwarded = PetitionFactory(council=council_a, status=PetitionStatus.FORWARDED)
        ForwardingFactory(petition=forwarded, due_date=_days(-3))
        PetitionFactory(council=council_a, status=PetitionStatus.RECEIVED, forward_due=_days(-1))
    client.force_login(clerk_a)
    page = client.get(reverse("home"))
    assert page.context["overdue_forwardings"] == {"count": 3, "exact": True}
    assert "3 quá hạn" in page.content.decode()
    monkeypatch.setattr(views, "BADGE_LIMIT", 2)
    html = client.get(reverse("home")).content.decode()
    assert "hơn 2 quá hạn" in html and "3 quá hạn" not in html
    from django.conf import settings

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "more than 2 overdue" in client.get(reverse("home")).content.decode()
