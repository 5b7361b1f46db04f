"""Celery jobs of the compliance engine: the nightly full evaluation, coalesced re-evaluation of one council,
the sweep of councils still pending and of runs left "running". Each takes ids, calls ``compliance.runs``,
and is safe to run twice."""

from __future__ import annotations

import datetime
import logging
import math

from celery import chord, shared_task
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.core.cache import cache
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from django.utils.translation import gettext as _

from . import runs, split_runs

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


@shared_task(bind=True, name="compliance.tasks.evaluate_all_by_province", **RETRY, soft_time_limit=60,
             time_limit=90)
def evaluate_all_by_province(self, as_of: str | None = None) -> dict:
    """The full evaluation split by province across the workers: one run, recorded "running" here, a chord
    of one task per root council (a province and its communes) that stages its results, and a last task
    that makes them all current at once. A part that fails marks the run failed, and the previous results
    stay. Parts and the last step go to the queue this task came from (the compliance queue)."""
    day = _date(as_of, timezone.localdate() - datetime.timedelta(days=1))
    token = runs.acquire_lock(ttl=settings.COMPLIANCE_FULL_RUN_TIME_LIMIT, owner=self.request.id or "")
    if token is None:
        _wait_for_own_lock(self, runs.EvaluationBusy(**runs.lock_holder()))
        logger.warning("Split compliance evaluation as of %s skipped: another run holds the lock", day)
        return {"status": "busy", "as_of": day.isoformat()}
    run = split_runs.start_split_run(as_of=day, token=token, trigger="nightly" if as_of is None else "full")
    queue = (self.request.delivery_info or {}).get("routing_key") or None
    options = {"queue": queue} if queue else {}
    parts = split_runs.split_parts()
    try:
        chord(
            [evaluate_part.si(run.pk, part, token).set(**options) for part in parts],
            finish_split_run.s(run.pk, token).set(**options).on_error(
                fail_split_run.si(run.pk, token).set(**options)),
        ).apply_async()
    except Exception as exc:  # the broker refused the chord, or (run eagerly) a part raised
        split_runs.fail_split_run(run_id=run.pk, token=token, error=f"{type(exc).__name__}: {exc}")
        raise
    return {"status": "queued", "run": run.pk, "as_of": day.isoformat(), "parts": len(parts)}


@shared_task(bind=True, name="compliance.tasks.evaluate_part", **RETRY,
             soft_time_limit=settings.COMPLIANCE_FULL_RUN_SOFT_TIME_LIMIT,
             time_limit=settings.COMPLIANCE_FULL_RUN_TIME_LIMIT)
def evaluate_part(self, run_id: int, part: int, token: str) -> dict:
    """One part of a split run: evaluate root council ``part``'s subtree and stage its rows."""
    try:
        return split_runs.stage_part(run_id=run_id, part=part, token=token)
    except (OperationalError, InterfaceError):
        raise  # retried (RETRY); once they run out, the chord's error callback fails the run
    except Exception as exc:
        split_runs.record_part_failure(run_id=run_id, part=part, exc=exc)
        raise


@shared_task(bind=True, name="compliance.tasks.finish_split_run", **RETRY, soft_time_limit=600, time_limit=720)
def finish_split_run(self, parts: list[dict], run_id: int, token: str) -> dict:
    """The chord's last step: every part staged its rows; make them the current results and finish the run."""
    run = split_runs.finish_split_run(run_id=run_id, token=token, queries=sum(p.get("queries", 0) for p in parts))
    if run is None:
        return {"status": "gone", "run": run_id}
    return {"status": run.status, "run": run.pk, "as_of": run.as_of.isoformat(), "counts": run.counts}


@shared_task(bind=True, name="compliance.tasks.fail_split_run", **RETRY, soft_time_limit=60, time_limit=90)
def fail_split_run(self, run_id: int, token: str, *args) -> dict:
    """The chord's error callback: a part failed (after its retries); the run is marked failed, its staged
    rows dropped, its lock released. (Bound, so Celery calls it with the failed task's id as ``args``.)"""
    split_runs.fail_split_run(run_id=run_id, token=token,
                        error=_("Một phần của lượt tính (một tỉnh) bị lỗi; lượt tính không được ghi."))
    return {"status": "failed", "run": run_id}


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
