"""The full compliance run split by province: a chord of one part per root council whose result is one run,
with the same figures and evidence as the run of every council in one process; a part that fails fails the
run and leaves the previous results as they were."""

import subprocess
import sys
import uuid
from pathlib import Path

import pytest
from django.db.models import F

from compliance import engine, runs, selectors, split_runs, tasks
from compliance.choices import RunStatus
from compliance.models import (
    EvaluationLock,
    EvaluationRun,
    Evidence,
    Result,
    RuleSet,
    StagedEvidence,
    StagedResult,
)
from councils.tests.factories import CouncilFactory
from oversight.models import OversightActivity

from .builders import D
from .test_tasks import PROJECT_ROOT, _logs, _poll, _send, _stop, worker_env  # noqa: F401 (a fixture)

AS_OF = D(2026, 9, 15)


@pytest.fixture
def two_provinces(hanoi_rules, thanh_hoa_rules, council_a, council_b, populate):
    """Hà Nội with three communes and Thanh Hóa with two, each under its own rule set."""
    populate(council_a, 3)
    populate(council_b, 2)
    return council_a, council_b


def _figures() -> set[tuple]:
    return set(Result.objects.values_list(
        "rule__code", "council_id", "subject_type", "subject_id", "subject_name", "period_start", "period_end",
        "period_label", "value", "numerator", "denominator", "target", "expected", "status", "reason"))


def _evidence() -> set[tuple]:
    return set(Evidence.objects.values_list(
        "result__rule__code", "result__subject_type", "result__subject_id", "result__period_start",
        "content_type_id", "object_id", "counted", "label", "date"))


def _single_process_run() -> tuple[EvaluationRun, set, set]:
    run = runs.run_evaluation(as_of=AS_OF, trigger="full")
    return run, _figures(), _evidence()


def _nothing_left_over():
    assert not StagedResult.objects.exists() and not StagedEvidence.objects.exists()
    assert not EvaluationLock.objects.exists()


@pytest.mark.django_db
class TestSplitRunEagerly:
    def test_one_part_per_root_council_a_rule_reaches_the_largest_first(self, two_provinces, province_level):
        hanoi, thanh_hoa = two_provinces
        CouncilFactory(code="79", name="HĐND thành phố Hồ Chí Minh", level=province_level)  # no rule set
        assert split_runs.split_parts() == [hanoi.pk, thanh_hoa.pk]
        RuleSet.objects.filter(council=thanh_hoa).update(is_active=False)
        assert split_runs.split_parts() == [hanoi.pk]

    def test_the_split_run_is_one_run_with_the_figures_of_the_single_process_run(self, two_provinces, admin_user):
        single, figures, evidence = _single_process_run()
        assert len(figures) > 20 and len(evidence) > 20
        assert {row[1] for row in figures} >= {council.pk for council in two_provinces}

        outcome = tasks.evaluate_all_by_province.delay(AS_OF.isoformat()).get()

        assert (outcome["status"], outcome["parts"]) == ("queued", 2)
        run = EvaluationRun.objects.get(pk=outcome["run"])
        assert (run.status, run.council, run.trigger, run.as_of) == (RunStatus.FINISHED, None, "full", AS_OF)
        assert run.counts == single.counts and run.query_count > 0
        assert _figures() == figures
        assert _evidence() == evidence
        assert set(Result.objects.values_list("run", flat=True)) == {run.pk}
        assert selectors.latest_run(admin_user) == run
        _nothing_left_over()

    def test_a_split_run_keeps_what_it_finds_unchanged_and_rewrites_the_rest_under_their_ids(self, two_provinces):
        """As a run in one process does: the same day, every result and evidence row stays and moves to the
        run; the next day, the results keep their ids, the evidence of those whose evidence did not change is
        the same rows, and what is stored is what a run from nothing stores."""
        runs.run_evaluation(as_of=AS_OF, trigger="full")
        ids = set(Result.objects.values_list("pk", flat=True))
        evidence_ids = set(Evidence.objects.values_list("pk", flat=True))
        run = EvaluationRun.objects.get(pk=tasks.evaluate_all_by_province.delay(AS_OF.isoformat()).get()["run"])
        assert set(Result.objects.values_list("pk", flat=True)) == ids
        assert set(Evidence.objects.values_list("pk", flat=True)) == evidence_ids
        assert set(Result.objects.values_list("run", flat=True)) == {run.pk}

        def keyed():
            return {(r.rule_id, r.subject_type, r.subject_id, r.period_start): (r.pk, r.evidence_digest,
                                                                                  r.expected, r.value)
                    for r in Result.objects.all()}

        def rows_of():
            rows: dict[int, set] = {}
            for result_id, pk in Evidence.objects.values_list("result_id", "pk"):
                rows.setdefault(result_id, set()).add(pk)
            return rows

        before, rows_before = keyed(), rows_of()
        # An oversight activity counted as evidence renamed: the evidence of the results counting it changes.
        counted = Evidence.objects.filter(content_type__model="oversightactivity").values("object_id")
        OversightActivity.objects.filter(pk__in=counted[:1]).update(title="Giám sát đã đổi tên",
                                                                    version=F("version") + 1)
        next_day = D(2026, 9, 16)
        tasks.evaluate_all_by_province.delay(next_day.isoformat()).get()
        after, rows_after = keyed(), rows_of()
        same = set(before) & set(after)
        assert all(after[key][0] == before[key][0] for key in same)
        moved = [key for key in same if after[key][2:] != before[key][2:] and after[key][1] == before[key][1]]
        assert moved, "no result's figures moved with its evidence unchanged"
        assert all(rows_after.get(before[key][0]) == rows_before.get(before[key][0]) for key in moved)
        assert any(after[key][1] != before[key][1] for key in same), "no result's evidence changed"
        figures, evidence = _figures(), _evidence()
        Evidence.objects.all().delete()
        Result.objects.all().delete()
        runs.run_evaluation(as_of=next_day, trigger="full")
        assert (_figures(), _evidence()) == (figures, evidence)
        _nothing_left_over()

    def test_a_part_stages_the_evidence_only_of_results_whose_evidence_changed(self, two_provinces):
        runs.run_evaluation(as_of=AS_OF, trigger="full")
        hanoi = two_provinces[0]
        renamed = Evidence.objects.filter(content_type__model="oversightactivity",
                                          result__council__path__startswith=hanoi.path).first().object_id
        OversightActivity.objects.filter(pk=renamed).update(title="Giám sát đã đổi tên", version=F("version") + 1)
        changed = set(Evidence.objects.filter(content_type__model="oversightactivity", object_id=renamed)
                      .values_list("result_id", flat=True))
        token = runs.acquire_lock()
        run = split_runs.start_split_run(as_of=AS_OF, token=token)
        split_runs.stage_part(run_id=run.pk, part=hanoi.pk, token=token)

        staged = StagedResult.objects.filter(run_id=run.pk)
        assert staged.count() == Result.objects.filter(council__path__startswith=hanoi.path).count()
        with_evidence = set(StagedEvidence.objects.filter(run_id=run.pk).values_list("result_id", flat=True))
        assert len(with_evidence) == len(changed)  # the results counting the renamed activity, and no other
        assert StagedEvidence.objects.filter(run_id=run.pk, object_id=renamed, label="Giám sát đã đổi tên").exists()
        split_runs.finish_split_run(run_id=run.pk, token=token)
        assert Evidence.objects.filter(object_id=renamed, label="Giám sát đã đổi tên").count() == len(changed)
        assert not Evidence.objects.filter(content_type__model="oversightactivity", object_id=renamed).exclude(
            label="Giám sát đã đổi tên").exists()
        _nothing_left_over()

    def test_a_part_that_fails_fails_the_run_and_leaves_the_previous_results(self, two_provinces, monkeypatch,
                                                                           admin_user):
        single, figures, evidence = _single_process_run()
        evaluate = engine.evaluate

        def failing(**arguments):
            if two_provinces[1].path in str(arguments["scope"]):
                raise RuntimeError("a part that fails")
            return evaluate(**arguments)

        monkeypatch.setattr(engine, "evaluate", failing)
        with pytest.raises(RuntimeError):
            tasks.evaluate_all_by_province.delay(AS_OF.isoformat())

        run = EvaluationRun.objects.exclude(pk=single.pk).get()
        assert run.status == RunStatus.FAILED
        assert run.error == "HĐND tỉnh Thanh Hóa: RuntimeError: a part that fails"
        assert _figures() == figures and _evidence() == evidence
        assert set(Result.objects.values_list("run", flat=True)) == {single.pk}
        assert selectors.latest_run(admin_user) == single
        _nothing_left_over()

    def test_a_split_run_waits_for_no_one_while_another_run_holds_the_lock(self, two_provinces):
        token = runs.acquire_lock(owner="someone-else")
        try:
            assert tasks.evaluate_all_by_province.delay(AS_OF.isoformat()).get()["status"] == "busy"
        finally:
            runs.release_lock(token)
        assert not EvaluationRun.objects.exists() and not Result.objects.exists()

    def test_a_part_of_a_run_that_lost_its_lock_stages_nothing(self, two_provinces):
        token = runs.acquire_lock()
        run = split_runs.start_split_run(as_of=AS_OF, token=token)
        split_runs.fail_split_run(run_id=run.pk, token=token, error="stopped")
        staged = split_runs.stage_part(run_id=run.pk, part=two_provinces[0].pk, token=token)
        assert staged["staged"] is False
        assert split_runs.finish_split_run(run_id=run.pk, token=token).status == RunStatus.FAILED
        assert not Result.objects.exists()
        _nothing_left_over()

    def test_a_part_staged_twice_is_staged_once(self, two_provinces):
        token = runs.acquire_lock()
        run = split_runs.start_split_run(as_of=AS_OF, token=token)
        first = split_runs.stage_part(run_id=run.pk, part=two_provinces[0].pk, token=token)
        again = split_runs.stage_part(run_id=run.pk, part=two_provinces[0].pk, token=token)
        assert first["results"] == again["results"] == StagedResult.objects.count() > 0
        split_runs.finish_split_run(run_id=run.pk, token=token)
        assert Result.objects.count() == first["results"]
        _nothing_left_over()


def _start_worker(env: dict, queue: str, log: Path, *, app_module: str = "hdnd_portal"):
    """Two worker processes on ``queue``, as in production (``-c 2``)."""
    return subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", app_module, "worker", "--pool=prefork", "--concurrency=2",
         "-Q", queue, "--without-gossip", "--without-mingle", "--without-heartbeat", "--loglevel=WARNING"],
        cwd=PROJECT_ROOT, env=env, stdout=log.open("wb"), stderr=subprocess.STDOUT,
    )


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_real_worker_runs_the_chord_into_one_run_equal_to_the_single_process_run(
        worker_env, two_provinces, tmp_path):  # noqa: F811
    single, figures, evidence = _single_process_run()
    queue = f"compliance-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    worker = _start_worker(worker_env, queue, log)
    try:
        _send(worker_env, "compliance.tasks.evaluate_all_by_province", [AS_OF.isoformat()], queue)
        run = _poll(lambda: EvaluationRun.objects.exclude(pk=single.pk).exclude(status=RunStatus.RUNNING).first(),
                    seconds=60)
        assert run, f"the split run did not end within 60 s: {_logs(log)}"
        assert run.status == RunStatus.FINISHED, (run.error, _logs(log))
        assert run.counts == single.counts
        assert _figures() == figures and _evidence() == evidence
        assert set(Result.objects.values_list("run", flat=True)) == {run.pk}
        _nothing_left_over()
    finally:
        _stop(worker)


@pytest.mark.celery_worker
@pytest.mark.django_db(transaction=True)
def test_a_part_failing_on_a_real_worker_fails_the_run_through_the_chord_error_callback(
        worker_env, two_provinces, admin_user, tmp_path):  # noqa: F811
    single, figures, evidence = _single_process_run()
    queue = f"compliance-test-{uuid.uuid4().hex[:8]}"
    log = tmp_path / "worker.log"
    env = {**worker_env, "HDND_TEST_FAILING_PATH": two_provinces[1].path}
    worker = _start_worker(env, queue, log, app_module="compliance.tests.failing_worker")
    try:
        _send(env, "compliance.tasks.evaluate_all_by_province", [AS_OF.isoformat()], queue)
        # Failed, and the error callback has dropped what the other part staged and released the lock.
        assert _poll(lambda: EvaluationRun.objects.filter(status=RunStatus.FAILED).exists()
                     and not EvaluationLock.objects.exists(), seconds=60), _logs(log)
        run = EvaluationRun.objects.get(status=RunStatus.FAILED)
        assert run.error == "HĐND tỉnh Thanh Hóa: RuntimeError: a part that fails"
        assert _poll(lambda: not StagedResult.objects.exists(), seconds=10), _logs(log)
        assert _figures() == figures and _evidence() == evidence
        assert selectors.latest_run(admin_user) == single
        _nothing_left_over()
    finally:
        _stop(worker)
