"""Celery jobs: coalesced re-evaluation, the sweep, the nightly run, the lock, retries, a real worker on Redis,
and two concurrent full runs."""

import datetime
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import OperationalError, connection, connections
from django.utils import timezone

from compliance import runs, services, tasks
from compliance.choices import RunStatus
from compliance.models import EvaluationLock, EvaluationRun, PendingEvaluation, Result
from hdnd_portal.celery import app

from .builders import D

PROJECT_ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.django_db
class TestCoalescing:
    def test_a_hundred_edits_give_one_run(self, hanoi_rules, council_a, populate,
                                          django_capture_on_commit_callbacks):
        commune = populate(council_a, 1)[0]
        with django_capture_on_commit_callbacks(execute=True) as callbacks:
            for _ in range(100):
                services.request_reevaluation(council_id=commune.pk)
        assert len(callbacks) == 100
        runs = EvaluationRun.objects.filter(council=commune)
        assert runs.count() == 1
        run = runs.get()
        assert (run.include_subtree, run.status, run.trigger) == (False, RunStatus.FINISHED, "council")
        assert set(Result.objects.values_list("council", flat=True)) == {commune.pk}
        assert not PendingEvaluation.objects.exists()

    def test_nothing_is_queued_before_the_transaction_commits(self, council_a, django_capture_on_commit_callbacks):
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            services.request_reevaluation(council_id=council_a.pk)
        assert len(callbacks) == 1
        assert PendingEvaluation.objects.filter(council=council_a).exists()
        assert not EvaluationRun.objects.exists()

    def test_an_edit_during_the_run_stays_pending(self, hanoi_rules, council_a, monkeypatch):
        original = runs.run_evaluation

        def edit_meanwhile(**kwargs):
            run = original(**kwargs)
            PendingEvaluation.objects.filter(council=council_a).update(
                requested_at=timezone.now() + datetime.timedelta(seconds=1))
            return run

        PendingEvaluation.objects.create(council=council_a, requested_at=timezone.now())
        monkeypatch.setattr(runs, "run_evaluation", edit_meanwhile)
        tasks.evaluate_council.delay(council_a.pk)
        assert PendingEvaluation.objects.filter(council=council_a).exists()

    def test_the_sweep_runs_councils_pending_past_the_window(self, hanoi_rules, council_a, council_a1):
        old = timezone.now() - datetime.timedelta(seconds=services.REEVALUATION_WINDOW_SECONDS + 5)
        PendingEvaluation.objects.create(council=council_a, requested_at=old)
        PendingEvaluation.objects.create(council=council_a1, requested_at=timezone.now())  # still in its window

        assert tasks.flush_pending_councils.delay().get() == {"queued": [council_a.pk]}
        assert list(EvaluationRun.objects.values_list("council", flat=True)) == [council_a.pk]
        assert list(PendingEvaluation.objects.values_list("council", flat=True)) == [council_a1.pk]

    def test_a_council_that_is_gone_is_dropped(self, db):
        assert tasks.evaluate_council.delay(987654).get() == {"status": "gone", "council": 987654}


@pytest.mark.django_db
class TestFullRun:
    def test_nightly_run_judges_yesterday(self, hanoi_rules, council_a, populate):
        populate(council_a, 1)
        outcome = tasks.evaluate_all.delay().get()
        run = EvaluationRun.objects.get()
        assert run.as_of == timezone.localdate() - datetime.timedelta(days=1)
        assert (outcome["status"], outcome["run"], run.council, run.trigger) == ("finished", run.pk, None, "nightly")

    def test_a_second_full_run_never_interleaves(self, hanoi_rules, council_a, populate):
        populate(council_a, 1)
        token = services.acquire_lock()  # a first run is in progress
        assert tasks.evaluate_all.delay("2026-09-15").get() == {"status": "busy", "as_of": "2026-09-15"}
        assert tasks.evaluate_council.delay(council_a.pk).get()["status"] == "busy"
        assert not EvaluationRun.objects.exists() and not Result.objects.exists()
        services.release_lock(token)
        assert tasks.evaluate_all.delay("2026-09-15").get()["status"] == "finished"

    def test_database_errors_are_retried(self, hanoi_rules, council_a, monkeypatch):
        calls = []
        original = runs.run_evaluation

        def flaky(**kwargs):
            calls.append(kwargs["as_of"])
            if len(calls) == 1:
                raise OperationalError("database is locked")
            return original(**kwargs)

        monkeypatch.setattr(runs, "run_evaluation", flaky)
        # Eagerly, Celery re-applies a retried task at once when exceptions are not propagated.
        tasks.evaluate_all.apply(args=["2026-09-15"], throw=False)
        assert len(calls) == 2
        assert EvaluationRun.objects.filter(status=RunStatus.FINISHED).count() == 1

    def test_a_redelivery_waits_for_its_own_dead_lock_then_runs(self, hanoi_rules, council_a, populate, monkeypatch):
        """Its worker was killed mid-run: the lock of that attempt, under the same task id, still lasts."""
        populate(council_a, 1)
        services.acquire_lock(ttl=30, owner="nightly-1")
        waits = []
        retry = tasks.evaluate_all.retry

        def lapse_then_retry(**kwargs):
            waits.append(kwargs["countdown"])
            EvaluationLock.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
            return retry(**kwargs)

        monkeypatch.setattr(tasks.evaluate_all, "retry", lapse_then_retry)
        # Eagerly, a retry is applied at once (hence the lock is made to lapse first); throw=False lets it.
        outcome = tasks.evaluate_all.apply(args=["2026-09-15"], task_id="nightly-1", throw=False).get()
        assert 29 <= waits[0] <= 31 and len(waits) == 1
        assert outcome["status"] == "finished"
        assert EvaluationRun.objects.get().status == RunStatus.FINISHED

    def test_runs_left_running_past_their_time_limit_are_marked_failed(self, db):
        abandoned = EvaluationRun.objects.create(as_of=D(2026, 9, 15))  # its lock expired
        services.acquire_lock(ttl=60)
        EvaluationLock.objects.update(run=abandoned, expires_at=timezone.now() - datetime.timedelta(seconds=1))
        lockless = EvaluationRun.objects.create(as_of=D(2026, 9, 15))
        running = EvaluationRun.objects.create(as_of=D(2026, 9, 15))
        EvaluationLock.objects.create(name="other", token="t", run=running,
                                      expires_at=timezone.now() + datetime.timedelta(seconds=60))

        assert sorted(tasks.fail_abandoned_runs.delay().get()["failed"]) == [abandoned.pk, lockless.pk]
        states = dict(EvaluationRun.objects.values_list("pk", "status"))
        assert states == {abandoned.pk: RunStatus.FAILED, lockless.pk: RunStatus.FAILED, running.pk: RunStatus.RUNNING}
        assert "Quá thời hạn chạy" in EvaluationRun.objects.get(pk=abandoned.pk).error
        assert tasks.fail_abandoned_runs.delay().get() == {"failed": []}

    def test_the_visibility_timeout_outlasts_every_task(self):
        """Else Redis hands a task still running to a second worker (acks_late)."""
        app.loader.import_default_modules()  # what a worker does: every app's tasks module is registered
        limits = {name: task.time_limit or app.conf.task_time_limit for name, task in app.tasks.items()}
        assert {"compliance.tasks.evaluate_all", "notifications.tasks.run_escalations"} <= limits.keys()
        assert limits["compliance.tasks.evaluate_all"] == settings.COMPLIANCE_FULL_RUN_TIME_LIMIT == max(limits.values())
        assert app.conf.broker_transport_options["visibility_timeout"] > max(limits.values())

    def test_a_visibility_timeout_shorter_than_a_task_refuses_to_start(self):
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings.test",
               "COMPLIANCE_FULL_RUN_TIME_LIMIT": "1900", "CELERY_VISIBILITY_TIMEOUT": "1900"}
        result = subprocess.run([sys.executable, "-c", "import django; django.setup()"], cwd=PROJECT_ROOT, env=env,
                                capture_output=True, text=True, timeout=60)
        assert result.returncode != 0
        assert "CELERY_VISIBILITY_TIMEOUT must be longer than the longest task time limit (1900 s)" in result.stderr

    def test_task_options(self):
        for task in (tasks.evaluate_all, tasks.evaluate_council, tasks.flush_pending_councils,
                     tasks.evaluate_all_by_province, tasks.evaluate_part, tasks.finish_split_run,
                     tasks.fail_split_run):
            assert task.acks_late and OperationalError in task.autoretry_for
            assert task.soft_time_limit < task.time_limit
        schedule = {entry["task"] for entry in app.conf.beat_schedule.values()}
        # The nightly full run is the one split by province (compliance/tests/test_split_run.py).
        assert {"compliance.tasks.evaluate_all_by_province", "compliance.tasks.flush_pending_councils",
                "notifications.tasks.run_escalations", "notifications.tasks.send_digests"} <= schedule
        assert "compliance.tasks.fail_abandoned_runs" in schedule


def _result_keys():
    return list(Result.objects.values_list("rule_id", "subject_type", "subject_id", "period_start"))


@pytest.mark.django_db(transaction=True)
def test_two_concurrent_full_runs_leave_one_consistent_set(hanoi_rules, council_a, populate):
    if connection.vendor != "postgresql":
        pytest.skip("Threads need a server database (PostgreSQL): SQLite's in-memory test database is one "
                    "connection. The overlap is covered on SQLite by test_a_second_full_run_never_interleaves.")
    populate(council_a, 3)
    outcomes = []
    barrier = threading.Barrier(2)

    def full_run():
        try:
            barrier.wait(timeout=10)
            outcomes.append(tasks.evaluate_all.run("2026-09-15"))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=full_run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert sorted(o["status"] for o in outcomes) in (["busy", "finished"], ["finished", "finished"])
    keys = _result_keys()
    assert len(keys) == len(set(keys)) > 0
    latest = EvaluationRun.objects.filter(status=RunStatus.FINISHED).latest("finished_at")
    assert set(Result.objects.values_list("run", flat=True)) == {latest.pk}
    assert sum(latest.counts.values()) == len(keys)


def _worker_database_url() -> str | None:
    """The test database as a URL the worker process can open, or None if it cannot be shared."""
    db = connection.settings_dict
    if connection.vendor == "postgresql":
        auth = db["USER"] + (f":{db['PASSWORD']}" if db.get("PASSWORD") else "")
        return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    if connection.vendor == "sqlite" and not connection.is_in_memory_db():
        return f"sqlite:///{db['NAME']}"
    return None


@pytest.fixture
def worker_env():
    """The environment of a Celery worker subprocess on the real broker, sharing the test database; or a skip
    saying why there is none."""
    broker = settings.TEST_CELERY_BROKER_URL
    if not broker:
        pytest.skip("No broker configured: set CELERY_BROKER_URL (CI uses redis://127.0.0.1:6379/5) to run a real "
                    "Celery worker; everything else runs eagerly.")
    database_url = _worker_database_url()
    if database_url is None:
        pytest.skip("The test database is SQLite in memory, which another process cannot open; run with "
                    "DATABASE_URL=postgres://... so the worker shares the test database.")
    eager = app.conf.task_always_eager
    app.conf.task_always_eager = False
    yield {**os.environ, "DJANGO_SETTINGS_MODULE": "hdnd_portal.settings.test", "DATABASE_URL": database_url,
           "CELERY_BROKER_URL": broker, "CELERY_TASK_ALWAYS_EAGER": "False", "PYTHONPATH": str(PROJECT_ROOT)}
    app.conf.task_always_eager = eager


def _start_worker(env: dict, queue: str, log: Path, *, app_module: str = "hdnd_portal", pool: str = "solo"):
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", app_module, "worker", f"--pool={pool}", "--concurrency=1",
         "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )


def _stop(*workers) -> None:
    for worker in workers:
        if worker is not None and worker.poll() is None:
            worker.terminate()
            try:
                worker.wait(timeout=15)
            except subprocess.TimeoutExpired:
                worker.kill()
                worker.wait(timeout=5)


def _send(env: dict, name: str, args: list, queue: str) -> str:
    with app.connection_for_write(env["CELERY_BROKER_URL"]) as broker_connection:
        return app.send_task(name, args=args, queue=queue, connection=broker_connection).id


def _poll(condition, *, seconds: float):
    """The first truthy value of ``condition()`` within ``seconds``, or None."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    return None


def _in_broker(env: dict, queue: str, task_id: str) -> bool:
    """Whether the broker still holds the task: waiting in its queue or delivered and not acknowledged."""
    with app.connection_for_write(env["CELERY_BROKER_URL"]) as broker_connection:
        client = broker_connection.default_channel.client
        waiting = client.lrange(queue, 0, -1)
        unacked = client.hvals(broker_connection.default_channel.unacked_key)
    return any(task_id.encode() in message for message in [*waiting, *unacked])


def _logs(*paths: Path) -> str:
    return "\n".join(f"--- {path.name}\n{path.read_text(errors='replace')[-3000:]}" for path in paths if path.exists())


# A worker that evaluates slowly (compliance/tests/slow_worker.py), with limits short enough for a test: the
# run takes 3 s; the hard limit, so the lock, 6 s; Redis redelivers what nobody acknowledged after 8 s.
# (Only evaluate_all runs in these workers; the other tasks' fixed limits do not matter here.)
SLOW_WORKER = "compliance.tests.slow_worker"
SHORT_LIMITS = {
    "HDND_TEST_EVALUATION_SECONDS": "3",
    "CELERY_TASK_SOFT_TIME_LIMIT": "5", "CELERY_TASK_TIME_LIMIT": "6",
    "COMPLIANCE_FULL_RUN_SOFT_TIME_LIMIT": "5", "COMPLIANCE_FULL_RUN_TIME_LIMIT": "6",
    "CELERY_VISIBILITY_TIMEOUT": "8",
}
ABANDONED = "Quá thời hạn chạy mà chưa xong: tiến trình tính đã dừng giữa chừng (ví dụ bị tắt)."


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_on_the_broker_evaluates_and_stores(worker_env, hanoi_rules, council_a, populate, tmp_path):
    commune = populate(council_a, 1)[0]
    queue = f"compliance-test-{uuid.uuid4().hex[:8]}"
    worker = _start_worker(worker_env, queue, tmp_path / "worker.log")
    try:
        _send(worker_env, "compliance.tasks.evaluate_council", [commune.pk, "2026-09-15"], queue)
        run = _poll(lambda: worker.poll() is None
                    and EvaluationRun.objects.filter(council=commune, status=RunStatus.FINISHED).first(), seconds=60)
        assert run, f"the worker stored no run within 60 s: {_logs(tmp_path / 'worker.log')}"
        assert run.as_of == D(2026, 9, 15) and run.trigger == "council"
        results = Result.objects.filter(run=run)
        assert results.count() == sum(run.counts.values()) > 0
        assert results.get(rule__code="KH-2").value == 2
    finally:
        _stop(worker)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_run_leaves_the_run_to_another_which_completes_it_once(
        worker_env, hanoi_rules, council_a, populate, tmp_path):
    populate(council_a, 1)
    env = {**worker_env, **SHORT_LIMITS}
    queue = f"compliance-test-{uuid.uuid4().hex[:8]}"
    logs = (tmp_path / "first.log", tmp_path / "second.log")
    first, second = _start_worker(env, queue, logs[0], app_module=SLOW_WORKER), None
    try:
        task_id = _send(env, "compliance.tasks.evaluate_all", ["2026-09-15"], queue)
        killed_run = _poll(lambda: EvaluationRun.objects.filter(status=RunStatus.RUNNING).first(), seconds=30)
        assert killed_run, f"the first worker started no run within 30 s: {_logs(*logs)}"
        first.send_signal(signal.SIGKILL)
        first.wait(timeout=5)
        killed = time.monotonic()
        second = _start_worker(env, queue, logs[1], app_module=SLOW_WORKER)

        done = _poll(lambda: EvaluationRun.objects.filter(status=RunStatus.FINISHED).first(), seconds=30)
        took = time.monotonic() - killed
        assert done, f"no run finished within 30 s of the kill: {_logs(*logs)}"
        # Once the second worker acknowledged the task, nothing is left that could run it again.
        assert _poll(lambda: not _in_broker(env, queue, task_id), seconds=10), _logs(*logs)
        assert list(EvaluationRun.objects.filter(status=RunStatus.FINISHED)) == [done]
        assert (done.as_of, done.trigger, done.council) == (D(2026, 9, 15), "full", None)
        assert set(Result.objects.values_list("run", flat=True)) == {done.pk}
        killed_run.refresh_from_db()
        assert (killed_run.status, killed_run.error) == (RunStatus.FAILED, ABANDONED)
        assert not EvaluationLock.objects.exists()
        print(f"\nkilled mid-run; completed {took:.1f} s later on the second worker; finished runs: 1")
    finally:
        _stop(first, second)


def _children(pid: int) -> list[int]:
    children = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            children.append(int(stat.parent.name))
    return children


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_task_redelivered_after_its_process_died_waits_for_its_lock_instead_of_being_dropped(
        worker_env, hanoi_rules, council_a, populate, tmp_path):
    """The pool process running the run is killed (the OOM killer, say): task_reject_on_worker_lost hands the
    task straight back, while its lock still lasts. It must wait for it, not end as "busy"."""
    if not Path("/proc/self/stat").exists():
        pytest.skip("Finding the worker's pool process reads /proc (Linux).")
    populate(council_a, 1)
    env = {**worker_env, **SHORT_LIMITS}
    queue = f"compliance-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    worker = _start_worker(env, queue, log, app_module=SLOW_WORKER, pool="prefork")
    try:
        _send(env, "compliance.tasks.evaluate_all", ["2026-09-15"], queue)
        killed_run = _poll(lambda: EvaluationRun.objects.filter(status=RunStatus.RUNNING).first(), seconds=30)
        assert killed_run, f"the worker started no run within 30 s: {_logs(log)}"
        (child,) = _children(worker.pid)
        os.kill(child, signal.SIGKILL)
        killed = time.monotonic()

        done = _poll(lambda: EvaluationRun.objects.filter(status=RunStatus.FINISHED).first(), seconds=30)
        took = time.monotonic() - killed
        assert done, f"no run finished within 30 s of the kill: {_logs(log)}"
        output = log.read_text(errors="replace")
        assert "lock lasts; retrying" in output and "another run holds the lock" not in output, output
        killed_run.refresh_from_db()
        assert killed_run.status == RunStatus.FAILED
        assert EvaluationRun.objects.filter(status=RunStatus.FINISHED).count() == 1
        print(f"\npool process killed mid-run; redelivered, waited for its lock, completed {took:.1f} s later")
    finally:
        _stop(worker)
