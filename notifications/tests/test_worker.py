"""Immediate email through a real Celery worker on the real broker (skipped, saying why, without one)."""

import uuid

import pytest

from compliance.tests.test_tasks import _poll, _send, _start_worker, _stop, worker_env  # noqa: F401
from notifications.choices import NotificationKind
from notifications.models import Notification


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_emails_each_notification_once(worker_env, clerk_a, tmp_path):  # noqa: F811
    notification = Notification.objects.create(recipient=clerk_a, kind=NotificationKind.OVERDUE, title="Quá hạn")
    queue = f"notifications-test-{uuid.uuid4().hex[:8]}"
    worker = _start_worker(worker_env, queue, tmp_path / "worker.log")
    try:
        _send(worker_env, "notifications.tasks.send_emails", [[notification.pk]], queue)
        _send(worker_env, "notifications.tasks.send_emails", [[notification.pk]], queue)
        emailed = _poll(lambda: Notification.objects.filter(pk=notification.pk, emailed_at__isnull=False).first(),
                        seconds=60)
        assert emailed, (tmp_path / "worker.log").read_text(errors="replace")[-3000:]
        first = emailed.emailed_at
        # The second delivery finds it claimed and sends nothing: the time stays the first one.
        _poll(lambda: False, seconds=2)
        assert Notification.objects.get(pk=notification.pk).emailed_at == first
    finally:
        _stop(worker)
