"""A full run split by province: the parts the tasks run, staging, and the one transaction that makes a split
run current (``compliance.tasks.evaluate_all_by_province`` drives it)."""

from __future__ import annotations

import datetime
from collections import Counter

from django.db import connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone

from councils.models import Council

from . import engine
from .bulk import (
    EVIDENCE_BATCH,
    EVIDENCE_COLUMNS,
    RESULT_BATCH,
    RESULT_COLUMNS,
    copy_rows,
    evidence_rows,
    insert_rows,
    next_ids,
    result_rows,
    write_records_evidence,
)
from .choices import RunStatus
from .models import EvaluationLock, EvaluationRun, Evidence, Result, StagedEvidence, StagedResult
from .runs import (
    RUN_LOCK,
    QueryCounter,
    _delete_recomputed,
    _drop_staged,
    collector_paused,
    release_lock,
    scope_q,
)

# ---------------------------------------------------------------------------------------------------------
# A full run split by province: one run, evaluated in parts (each root council's subtree: a province with
# its communes, or a council above none) on several workers, then made current in one transaction.
# compliance.tasks.evaluate_all_by_province drives it: ``start_split_run`` records the run under the lock the
# task took, ``stage_part`` evaluates one part and stages its rows, ``finish_split_run`` moves every part's
# rows into Result and Evidence at once, ``fail_split_run`` marks the run failed. The lock lasts until one of
# the last two; a part or step that finds the run no longer running, or the lock no longer its, does nothing.

def split_parts() -> list[int]:
    """The root councils some active rule reaches (a part with none would evaluate nothing), the largest
    subtree first, so the workers finish at about the same time."""
    reach = [[c.path for c in (rule.ruleset.council, rule.council) if c is not None] for rule in engine.active_rules()]
    sizes: Counter = Counter()
    roots: dict[str, int] = {}
    for pk, path, parent_id in Council.objects.order_by().values_list("pk", "path", "parent_id"):
        top = path.split("/")[1]
        sizes[top] += 1
        if parent_id is None and any(all(path.startswith(p) or p.startswith(path) for p in paths) for paths in reach):
            roots[top] = pk
    return [roots[top] for top in sorted(roots, key=lambda top: (-sizes[top], top))]


def start_split_run(*, as_of: datetime.date, token: str, trigger: str = "") -> EvaluationRun:
    """The run of every council, "running" and tied to the lock ``token`` the caller holds."""
    with transaction.atomic():
        run = EvaluationRun.objects.create(as_of=as_of, council=None, include_subtree=True, trigger=trigger[:50])
        EvaluationLock.objects.filter(name=RUN_LOCK, token=token).update(run=run)
    return run


def _still_running(run_id: int, token: str) -> EvaluationRun | None:
    """The run if it is still running under the live lock ``token``; None if it failed or lost its lock."""
    live = EvaluationLock.objects.filter(name=RUN_LOCK, token=token, run_id=run_id, expires_at__gte=timezone.now())
    if not live.exists():
        return None
    return EvaluationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).first()


def _hold_running(run_id: int) -> bool:
    """Inside a part's transaction: whether the run is still running, holding it so until the commit. Parts
    share the hold; marking the run failed waits for them, then drops what they staged, so a part finishing
    after another failed leaves nothing behind. (SQLite's writers take turns anyway.)"""
    if connection.vendor != "postgresql":
        return EvaluationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).exists()
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT status FROM {connection.ops.quote_name(EvaluationRun._meta.db_table)} "
                       "WHERE id = %s FOR SHARE", [run_id])
        row = cursor.fetchone()
    return bool(row) and row[0] == RunStatus.RUNNING


def record_part_failure(*, run_id: int, part: int, exc: BaseException) -> None:
    """A part failed for good: the run is failed, saying which part and why (its staged rows are dropped and
    its lock released by the chord's error callback, ``fail_split_run``)."""
    name = Council.objects.filter(pk=part).values_list("name", flat=True).first() or part
    EvaluationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED, finished_at=timezone.now(), error=f"{name}: {type(exc).__name__}: {exc}"[:2000])


def _staged_ids(count: int) -> list[int]:
    """Ids for ``count`` staged results: the ids their results will have. On PostgreSQL from Result's
    sequence (safe across concurrent parts); on SQLite, whose writers take turns, past every id in use."""
    if connection.vendor == "postgresql":
        return next_ids(Result, count)
    top = max(Result.objects.aggregate(top=Max("id"))["top"] or 0,
              StagedResult.objects.aggregate(top=Max("id"))["top"] or 0)
    return list(range(top + 1, top + 1 + count))


def stage_part(*, run_id: int, part: int, token: str) -> dict:
    """Evaluate the subtree of root council ``part`` for the run and stage its rows (replacing what an
    earlier attempt of the same part staged). Nothing is staged for a run that is no longer running."""
    run = _still_running(run_id, token)
    root = Council.objects.filter(pk=part).first()
    if run is None or root is None:
        return {"part": part, "results": 0, "queries": 0, "staged": False}
    counter = QueryCounter()
    with connection.execute_wrapper(counter), collector_paused():
        outcomes = engine.evaluate(as_of=run.as_of, scope=scope_q(root, True))
        with transaction.atomic():
            if not _hold_running(run_id):
                return {"part": part, "results": 0, "queries": counter.count, "staged": False}
            StagedEvidence.objects.filter(run_id=run_id, part=part).delete()
            StagedResult.objects.filter(run_id=run_id, part=part).delete()
            ids = _staged_ids(len(outcomes))
            results = ((pk, run_id, part, *row) for pk, row in zip(ids, result_rows(outcomes, run.as_of),
                                                                    strict=True))
            evidence = ((run_id, part, *row) for row in evidence_rows(outcomes, ids))
            if connection.vendor == "postgresql":
                copy_rows(StagedResult, ("id", "run_id", "part", *RESULT_COLUMNS[1:]), results)
                copy_rows(StagedEvidence, ("run_id", "part", *EVIDENCE_COLUMNS), evidence)
            else:
                insert_rows(StagedResult, ("id", "run_id", "part", *RESULT_COLUMNS[1:]), results, batch=RESULT_BATCH)
                insert_rows(StagedEvidence, ("run_id", "part", *EVIDENCE_COLUMNS), evidence, batch=EVIDENCE_BATCH)
            write_records_evidence(StagedEvidence, (*EVIDENCE_COLUMNS, "run_id", "part"), outcomes, ids,
                                   constants=(run_id, part))
    return {"part": part, "results": len(outcomes), "queries": counter.count, "staged": True}


def finish_split_run(*, run_id: int, token: str, queries: int = 0) -> EvaluationRun | None:
    """Make the staged rows of every part the current results, in one transaction with the run's "finished",
    then release the lock. A run no longer running (failed, or its lock lapsed) only loses its staged rows."""
    try:
        if _still_running(run_id, token) is None:
            _drop_staged([run_id])
            return EvaluationRun.objects.filter(pk=run_id).first()
        counter = QueryCounter()
        with connection.execute_wrapper(counter), transaction.atomic():
            run = EvaluationRun.objects.select_for_update().get(pk=run_id)
            if run.status != RunStatus.RUNNING:
                _drop_staged([run_id])
                return run
            staged = StagedResult.objects.filter(run_id=run_id).order_by()
            starts: dict[int, set[datetime.date]] = {}
            for rule_id, start in staged.values_list("rule_id", "period_start").distinct():
                starts.setdefault(rule_id, set()).add(start)
            _delete_recomputed(run.as_of, starts, Q())
            _move_staged(run_id)
            run.counts = dict(staged.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
            _drop_staged([run_id])
            run.status = RunStatus.FINISHED
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "finished_at", "counts"])
        run.query_count = queries + counter.count
        EvaluationRun.objects.filter(pk=run.pk).update(query_count=run.query_count)
        return run
    finally:
        release_lock(token)


def fail_split_run(*, run_id: int, token: str, error: str) -> None:
    """Mark the run failed with ``error`` (its results stay the previous run's), drop its staged rows and
    release its lock."""
    try:
        EvaluationRun.objects.filter(pk=run_id, status=RunStatus.RUNNING).update(
            status=RunStatus.FAILED, finished_at=timezone.now(), error=error[:2000])
        _drop_staged([run_id])
    finally:
        release_lock(token)


def _move_staged(run_id: int) -> None:
    """INSERT … SELECT the run's staged results and evidence into Result and Evidence."""
    quote = connection.ops.quote_name
    result_columns = ", ".join(quote(c) for c in ("id", *RESULT_COLUMNS))
    evidence_columns = ", ".join(quote(c) for c in EVIDENCE_COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Result._meta.db_table)} ({result_columns}) "
            f"SELECT {result_columns} FROM {quote(StagedResult._meta.db_table)} WHERE {quote('run_id')} = %s",
            [run_id])
        cursor.execute(
            f"INSERT INTO {quote(Evidence._meta.db_table)} ({evidence_columns}) "
            f"SELECT {evidence_columns} FROM {quote(StagedEvidence._meta.db_table)} WHERE {quote('run_id')} = %s",
            [run_id])
