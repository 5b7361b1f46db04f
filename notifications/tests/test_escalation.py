"""The escalation ladder: each step once per item (two runs, the unique constraint), the working-day
boundaries of --as-of across a weekend and holidays, who each step tells, and the item page's summary."""

import datetime
from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse

from notifications import services
from notifications.choices import Audience, NotificationKind
from notifications.models import EscalationSent, EscalationStep, Notification
from notifications.tasks import run_escalations
from oversight.tests.factories import WorkItemFactory

pytestmark = pytest.mark.django_db
D = datetime.date


def kinds(user):
    return sorted(Notification.objects.filter(recipient=user).values_list("kind", flat=True))


def test_the_national_ladder_comes_from_the_data_migration():
    steps = EscalationStep.objects.filter(council__isnull=True).order_by("days")
    assert [(s.days, s.audience) for s in steps] == [
        (-3, Audience.RESPONSIBLE), (1, Audience.SECRETARIAT), (10, Audience.STANDING_BOARD), (20, Audience.PARTY)]


def test_each_step_is_sent_once_over_two_runs(forwarding, agency_staff, clerk_a):
    first = services.run_escalations(as_of=D(2026, 5, 4))
    assert [(row.step.days, row.items) for row in first.values()] == [(1, 1)]
    assert services.run_escalations(as_of=D(2026, 5, 4)) == {}
    assert run_escalations.delay("2026-05-04").get() == {"compliance": 0}
    # The due-soon step was passed before the item was first seen: recorded, not sent.
    sent = EscalationSent.objects.order_by("step__days")
    assert [(s.step.days, s.notified) for s in sent] == [(-3, False), (1, True)]
    assert kinds(agency_staff) == [NotificationKind.OVERDUE] and kinds(clerk_a) == [NotificationKind.OVERDUE]


def test_the_unique_constraint_refuses_a_second_send(forwarding):
    step = EscalationStep.objects.get(council__isnull=True, days=1)
    fields = {"step": step, "content_type": ContentType.objects.get_for_model(forwarding),
              "object_id": forwarding.pk, "council": forwarding.petition.council, "as_of": D(2026, 5, 4)}
    EscalationSent.objects.create(**fields)
    with pytest.raises(IntegrityError), transaction.atomic():
        EscalationSent.objects.create(**fields)


@pytest.mark.parametrize(("as_of", "expected"), [
    # Due Wed 29/4; Mon 27/4 is a holiday (Hùng Kings observed): on Wed 22/4 four working days remain.
    (D(2026, 4, 22), []),
    (D(2026, 4, 23), [-3]),
    # 30/4 and 1/5 are holidays, 2-3/5 a weekend: the first working day overdue is Mon 4/5.
    (D(2026, 5, 3), [-3]),
    (D(2026, 5, 4), [-3, 1]),
    (D(2026, 5, 14), [-3, 1]),
    (D(2026, 5, 15), [-3, 1, 10]),
])
def test_as_of_counts_working_days(forwarding, agency_staff, as_of, expected):
    for day in (D(2026, 4, 22), D(2026, 4, 23), D(2026, 5, 3), D(2026, 5, 4), D(2026, 5, 14), D(2026, 5, 15)):
        if day <= as_of:
            services.run_escalations(as_of=day)
    assert sorted(EscalationSent.objects.filter(notified=True).values_list("step__days", flat=True)) == expected


def test_who_each_step_tells(forwarding, agency_staff, other_agency_staff, clerk_a, board_member_a, viewer_a, clerk_b,
                             deputy_a):
    for day in (D(2026, 4, 24), D(2026, 5, 4), D(2026, 5, 15), D(2026, 5, 29)):
        services.run_escalations(as_of=day)
    assert kinds(agency_staff) == sorted([NotificationKind.DUE_SOON, NotificationKind.OVERDUE,
                                          NotificationKind.ESCALATED, NotificationKind.ESCALATED])
    assert kinds(clerk_a) == sorted([NotificationKind.OVERDUE, NotificationKind.ESCALATED, NotificationKind.ESCALATED])
    assert kinds(board_member_a) == [NotificationKind.ESCALATED, NotificationKind.ESCALATED]
    assert kinds(viewer_a) == [NotificationKind.ESCALATED]
    assert kinds(other_agency_staff) == kinds(clerk_b) == kinds(deputy_a) == []
    party = Notification.objects.get(recipient=viewer_a)
    assert party.title.startswith("Đã báo cáo Cấp ủy — quá hạn 20 ngày làm việc: Kiến nghị KN-01 chuyển Sở Giao thông")
    assert party.url == reverse("voters:forwarding_detail", args=[forwarding.pk])


def test_a_council_ladder_replaces_the_national_one(council_a, clerk_a, deputy_a, deputy_a_record):
    EscalationStep.objects.create(council=council_a, days=2, audience=Audience.SECRETARIAT)
    item = WorkItemFactory(council=council_a, due_date=D(2026, 6, 30))
    item.assignee_deputies.set([deputy_a_record])
    assert services.run_escalations(as_of=D(2026, 7, 1)) == {}  # one working day late: no step of A's yet
    report = services.run_escalations(as_of=D(2026, 7, 2))
    assert [(row.step.council, row.step.days, row.notifications) for row in report.values()] == [(council_a, 2, 2)]
    assert kinds(deputy_a) == kinds(clerk_a) == [NotificationKind.OVERDUE]


def test_the_command_prints_by_step_and_a_second_run_sends_nothing(forwarding, agency_staff, clerk_a):
    out = StringIO()
    call_command("run_escalations", "--as-of", "2026-05-04", stdout=out)
    assert "national | quá hạn 1 ngày làm việc → Văn phòng HĐND: 1 item(s), 2 notification(s)" in out.getvalue()
    again = StringIO()
    call_command("run_escalations", "--as-of", "2026-05-04", stdout=again)
    assert again.getvalue().startswith("Nothing to send.")


def test_the_item_page_shows_what_was_sent(client, forwarding, agency_staff, clerk_a, board_member_a):
    for day in (D(2026, 4, 24), D(2026, 5, 4), D(2026, 5, 15)):
        services.run_escalations(as_of=day)
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_detail", args=[forwarding.petition_id]))
    assert "Sở Giao thông vận tải: Đã nhắc 3 lần, đã báo cáo Thường trực ngày 15/05/2026." in page.content.decode()


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_once(forwarding, agency_staff, clerk_a):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent runs need a real server database (set DATABASE_URL to PostgreSQL)")
    barrier, results = threading.Barrier(2), []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(sum(r.notifications for r in services.run_escalations(as_of=D(2026, 5, 4)).values()))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [0, 2]
    assert Notification.objects.count() == 2
