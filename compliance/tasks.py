"""Celery jobs of the compliance engine: the nightly full evaluation, coalesced re-evaluation of one council,
the sweep of councils still pending and of runs left "running". Each takes ids, calls ``compliance.runs``,
and is safe to run twice."""

from __future__ import annotations

import datetime
import logging
import math

from celery import shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils import timezone

from . import runs

logger = logging.getLogger(__name__)

# Database hiccups (a restart, a lock timeout, SQLite "database is locked") are retried with backoff;
# anything else is a bug and fails the task, with the run marked failed.
RETRY = {
    "autoretry_for": (OperationalError, InterfaceError),
    "retry_backoff": 10,
    "retry_backoff_max": 600,
    "retry_jitter": True,
    "max_retries": 5,
    "acks_late": True,
}


def _date(value: str | None, default: datetime.date) -> datetime.date:
    return datetime.date.fromisoformat(value) if value else default


def _lock_holder(task) -> dict:
    """How a run made by ``task`` holds the lock: as long as the task's hard time limit, under its id."""
    return {"time_limit": task.time_limit or task.app.conf.task_time_limit, "owner": task.request.id or ""}


def _wait_for_own_lock(task, busy: runs.EvaluationBusy) -> None:
    """Retry once the lock lapses if it is this very task's: a redelivery after its worker was killed
    (acks_late, task_reject_on_worker_lost) finds the lock of its dead predecessor, and must run rather
    than be acknowledged as "busy" and dropped. Another task's lock is a real "busy"."""
    if busy.owner and busy.owner == task.request.id:
        left = (busy.expires_at - timezone.now()).total_seconds() if busy.expires_at else 0
        countdown = max(math.ceil(left) + 1, 1)
        logger.warning("%s[%s] was redelivered while its dead predecessor's lock lasts; retrying in %d s",
                       task.name, task.request.id, countdown)
        raise task.retry(countdown=countdown)


@shared_task(bind=True, name="compliance.tasks.evaluate_all", **RETRY,
             soft_time_limit=settings.COMPLIANCE_FULL_RUN_SOFT_TIME_LIMIT,
             time_limit=settings.COMPLIANCE_FULL_RUN_TIME_LIMIT)
def evaluate_all(self, as_of: str | None = None) -> dict:
    """Full evaluation of every council. Nightly it runs as of yesterday, the working day that just ended,
    so a period's last day is judged as closed (met or missed) the night after it."""
    day = _date(as_of, timezone.localdate() - datetime.timedelta(days=1))
    try:
        run = runs.run_evaluation(as_of=day, trigger="nightly" if as_of is None else "full", **_lock_holder(self))
    except runs.EvaluationBusy as busy:
        _wait_for_own_lock(self, busy)
        logger.warning("Full compliance evaluation as of %s skipped: another run holds the lock", day)
        return {"status": "busy", "as_of": day.isoformat()}
    except SoftTimeLimitExceeded:
        logger.error("Full compliance evaluation as of %s hit its time limit", day)
        raise
    return {"status": run.status, "run": run.pk, "as_of": day.isoformat(), "counts": run.counts}


@shared_task(bind=True, name="compliance.tasks.evaluate_council", soft_time_limit=300, time_limit=360, **RETRY)
def evaluate_council(self, council_id: int, as_of: str | None = None) -> dict:
    """Re-evaluate one council after its data changed (queued on commit, coalesced per window)."""
    try:
        run = runs.evaluate_pending_council(council_id=council_id, as_of=_date(as_of, runs.default_as_of()),
                                            **_lock_holder(self))
    except runs.EvaluationBusy as busy:
        _wait_for_own_lock(self, busy)
        # The council stays pending; the sweep queues it again once the other run is over.
        return {"status": "busy", "council": council_id}
    if run is None:
        return {"status": "gone", "council": council_id}
    return {"status": run.status, "run": run.pk, "council": council_id, "counts": run.counts}


@shared_task(name="compliance.tasks.flush_pending_councils", soft_time_limit=60, time_limit=90, **RETRY)
def flush_pending_councils() -> dict:
    """Queue the re-evaluation of every council whose edits are older than the coalescing window."""
    queued = [cid for cid in runs.due_pending_council_ids() if queue_council_evaluation(cid)]
    return {"queued": queued}


@shared_task(name="compliance.tasks.fail_abandoned_runs", soft_time_limit=60, time_limit=90, **RETRY)
def fail_abandoned_runs() -> dict:
    """Mark failed the runs left "running" past their time limit (their worker was killed), with a reason."""
    failed = runs.fail_abandoned_runs()
    if failed:
        logger.warning("Compliance runs %s were left running past their time limit: marked failed", failed)
    return {"failed": failed}


# Queueing lives beside the task it queues, so the services can import it: services import tasks, which
# import runs, and nothing imports back.

def _queued_key(council_id: int) -> str:
    return f"compliance:queued:{council_id}"


def queue_council_evaluation(council_id: int, *, countdown: int = 0) -> bool:
    """Queue ``evaluate_council`` unless one was queued for this council in the window.

    The key outlives the task's start on purpose: edits made while it runs keep the council pending
    (newer than the run), and the sweep queues it once the key has expired, so the rate stays one run per
    council per window even when tasks run eagerly.
    """
    if not cache.add(_queued_key(council_id), 1, timeout=runs.REEVALUATION_WINDOW_SECONDS + countdown):
        return False
    try:
        evaluate_council.apply_async(args=[council_id], countdown=countdown)
    except Exception:  # the broker is down: the pending row stays, the sweep retries it
        cache.delete(_queued_key(council_id))
        logger.exception("Could not queue the compliance re-evaluation of council %s", council_id)
        return False
    return True
