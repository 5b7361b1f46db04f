"""The daily deadline reminders: one email per recipient per day, safe to run twice."""

import datetime

import pytest
from django.core import mail

from councils.choices import Role
from councils.tests.factories import RoleAssignmentFactory, UserFactory
from voters import services
from voters.models import Forwarding, Petition
from voters.tasks import send_deadline_reminders

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_clerk_a(council_a):
    user = UserFactory(username="clerk_a_2")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.SECRETARIAT)
    return user


def test_reminders_sent_once_per_day(forwarded_petition, new_petition, clerk_a, second_clerk_a, viewer_a,
                                     clerk_b):
    no_email = UserFactory(username="clerk_a_no_mail", email="")
    RoleAssignmentFactory(user=no_email, council=forwarded_petition.council, role=Role.SECRETARIAT)
    waiting = new_petition("Kiến nghị chưa chuyển")  # forward due 9/11/2026
    # 24/12/2026: the two forwardings (due 23/12) and the waiting petition are overdue.
    assert send_deadline_reminders.delay("2026-12-24").get() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["clerk_a@example.vn", "clerk_a_2@example.vn"]
    body = mail.outbox[0].body
    assert "Sở GTVT" in body and "Sở TNMT" in body and "Kiến nghị chưa chuyển" in body
    assert "24/12/2026" in mail.outbox[0].subject

    # A second run the same day sends nothing.
    assert send_deadline_reminders("2026-12-24") == 0
    assert len(mail.outbox) == 2
    assert set(Forwarding.objects.values_list("last_reminded_on", flat=True)) == {datetime.date(2026, 12, 24)}
    assert Petition.objects.get(pk=waiting.pk).last_reminded_on == datetime.date(2026, 12, 24)

    # The next day they are reminded again.
    assert send_deadline_reminders("2026-12-25") == 2
    assert len(mail.outbox) == 4


def test_claim_is_conditional(forwarded_petition):
    forwarding = forwarded_petition.forwardings.first()
    today = datetime.date(2026, 12, 24)
    assert services.claim_reminder(Forwarding, forwarding.pk, today) is True
    # A concurrent run that read the item before the first claimed it loses the race.
    assert services.claim_reminder(Forwarding, forwarding.pk, today) is False


def test_nothing_due_sends_nothing(forwarded_petition, clerk_a):
    assert send_deadline_reminders("2026-11-12") == 0
    assert mail.outbox == []


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_runs_send_once(forwarded_petition, clerk_a):
    import threading

    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("concurrent runs need a real server database (set DATABASE_URL to PostgreSQL)")
    barrier, results = threading.Barrier(2), []

    def run():
        try:
            barrier.wait(timeout=10)
            results.append(services.send_deadline_reminders(today=datetime.date(2026, 12, 24)))
        finally:
            connection.close()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(results) == [0, 1]
    assert len(mail.outbox) == 1
