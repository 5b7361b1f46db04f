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
    COMPARED_COLUMNS,
    DIGEST_INDEX,
    DIGEST_POSITION,
    EVIDENCE_BATCH,
    EVIDENCE_COLUMNS,
    RESULT_BATCH,
    RESULT_COLUMNS,
    RESULT_KEY,
    batches,
    copy_rows,
    evidence_rows,
    insert_rows,
    next_ids,
    result_rows,
    row_key,
    write_records_evidence,
)
from .choices import RunStatus
from .models import EvaluationLock, EvaluationRun, Evidence, Result, StagedEvidence, StagedResult
from .runs import (
    ID_BATCH,
    RUN_LOCK,
    QueryCounter,
    _drop_staged,
    collector_paused,
    delete_results,
    match_stored,
    period_starts,
    recomputed_results,
    release_lock,
    scope_q,
    stored_results,
)

# ---------------------------------------------------------------------------------------------------------
# A full run split by province: one run, evaluated in parts (each root council's subtree: a province with
# its communes, or a council above none) on several workers, then made current in one transaction.
# compliance.tasks.evaluate_all_by_province drives it: ``start_split_run`` records the run under the lock the
# task took, ``stage_part`` evaluates one part and stages its rows, ``finish_split_run`` makes every part's
# rows current at once (keeping what did not change, as a run in one process does), ``fail_split_run`` marks
# the run failed. The lock lasts until one of
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
        scope = scope_q(root, True)
        outcomes = engine.evaluate(as_of=run.as_of, scope=scope)
        with transaction.atomic():
            if not _hold_running(run_id):
                return {"part": part, "results": 0, "queries": counter.count, "staged": False}
            StagedEvidence.objects.filter(run_id=run_id, part=part).delete()
            StagedResult.objects.filter(run_id=run_id, part=part).delete()
            ids = _staged_ids(len(outcomes))
            rows = list(result_rows(outcomes, run.as_of))
            results = ((pk, run_id, part, *row) for pk, row in zip(ids, rows, strict=True))
            # Evidence is staged only where the stored result's differs (or there is none): the last step
            # keeps the stored rows of the others (the run holds the lock: no other run writes meanwhile).
            digests = _stored_digests(run.as_of, outcomes, scope)
            changed = [position for position, row in enumerate(rows)
                       if digests.get(row_key(row)) != row[DIGEST_POSITION]]  # a new row's is never None
            with_evidence = [outcomes[position] for position in changed]
            evidence_ids = [ids[position] for position in changed]
            evidence = ((run_id, part, *row) for row in evidence_rows(with_evidence, evidence_ids))
            if connection.vendor == "postgresql":
                copy_rows(StagedResult, ("id", "run_id", "part", *RESULT_COLUMNS[1:]), results)
                copy_rows(StagedEvidence, ("run_id", "part", *EVIDENCE_COLUMNS), evidence)
            else:
                insert_rows(StagedResult, ("id", "run_id", "part", *RESULT_COLUMNS[1:]), results, batch=RESULT_BATCH)
                insert_rows(StagedEvidence, ("run_id", "part", *EVIDENCE_COLUMNS), evidence, batch=EVIDENCE_BATCH)
            write_records_evidence(StagedEvidence, (*EVIDENCE_COLUMNS, "run_id", "part"), with_evidence,
                                   evidence_ids, constants=(run_id, part))
    return {"part": part, "results": len(outcomes), "queries": counter.count, "staged": True}


def _stored_digests(as_of: datetime.date, outcomes: list[engine.Outcome], scope: Q) -> dict[tuple, int | None]:
    """{result key: its evidence digest} of the stored results these outcomes recompute."""
    stored = stored_results(recomputed_results(as_of, period_starts(outcomes), scope))
    return {key: figures[DIGEST_INDEX] for key, (_pk, figures) in stored.items()}


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
            run.counts = dict(staged.values_list("status").annotate(n=Count("id")).values_list("status", "n"))
            _make_current(run, starts)
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


PAIRS_PER_STATEMENT = 2000  # (staged id, result id) pairs, two parameters each


def _make_current(run: EvaluationRun, starts: dict[int, set[datetime.date]]) -> None:
    """Make the run's staged rows the current results as a run in one process does (``runs._replace_results``):
    a stored result the run found unchanged stays, with its evidence, and moves to the run; one whose figures
    changed is rewritten from its staged row under its own id, with only the evidence rows that changed; the
    new ones are moved in, and those no longer computed deleted with their evidence."""
    recomputed = recomputed_results(run.as_of, starts, Q())
    stored = stored_results(recomputed)
    consumed: list[int] = []  # staged results kept or rewritten: not moved in
    rewritten: list[tuple[int, int]] = []  # (staged id, result id)
    changed: list[tuple[int, int]] = []  # of those, the ones whose evidence changed
    width = len(RESULT_KEY)
    for row in StagedResult.objects.filter(run_id=run.pk).order_by().values_list(*RESULT_KEY, "id", *COMPARED_COLUMNS):
        staged_id = row[width]
        pk, figures_changed, evidence_changed = match_stored(stored, row[:width], row[width + 1:])
        if pk is None:
            continue
        consumed.append(staged_id)
        if figures_changed:
            rewritten.append((staged_id, pk))
            if evidence_changed:
                changed.append((staged_id, pk))
    delete_results(sorted(pk for pk, _figures in stored.values()))  # no longer computed
    delete_results(sorted(pk for _staged, pk in rewritten), evidence=False)
    recomputed.update(run=run, as_of=run.as_of)  # what is left of them: the results kept
    quote = connection.ops.quote_name
    result, evidence = quote(Result._meta.db_table), quote(Evidence._meta.db_table)
    staged_result, staged_evidence = quote(StagedResult._meta.db_table), quote(StagedEvidence._meta.db_table)
    with connection.cursor() as cursor:
        for chunk in batches(rewritten, PAIRS_PER_STATEMENT):
            cte, params = _pairs(chunk)
            cursor.execute(f"{cte}INSERT INTO {result} ({', '.join(quote(c) for c in ('id', *RESULT_COLUMNS))}) "
                           f"SELECT m.result_id, {', '.join('sr.' + quote(c) for c in RESULT_COLUMNS)} "
                           f"FROM {staged_result} sr JOIN m ON sr.id = m.staged_id", params)
        for chunk in batches(changed, PAIRS_PER_STATEMENT):
            cte, params = _pairs(chunk)
            same = (f"se.content_type_id = {evidence}.content_type_id AND se.object_id = {evidence}.object_id AND "
                    f"se.counted = {evidence}.counted AND se.label = {evidence}.label AND se.record_version = "
                    f"{evidence}.record_version AND (se.date = {evidence}.date OR (se.date IS NULL AND "
                    f"{evidence}.date IS NULL))")
            cursor.execute(f"{cte}DELETE FROM {evidence} WHERE {evidence}.result_id IN (SELECT result_id FROM m) "
                           f"AND NOT EXISTS (SELECT 1 FROM {staged_evidence} se JOIN m ON se.result_id = m.staged_id "
                           f"WHERE se.run_id = %s AND m.result_id = {evidence}.result_id AND {same})",
                           [*params, run.pk])
            columns = ", ".join(quote(c) for c in EVIDENCE_COLUMNS)
            cursor.execute(f"{cte}INSERT INTO {evidence} ({columns}) SELECT m.result_id, "
                           f"{', '.join('se.' + quote(c) for c in EVIDENCE_COLUMNS[1:])} FROM {staged_evidence} se "
                           f"JOIN m ON se.result_id = m.staged_id WHERE se.run_id = %s AND NOT EXISTS (SELECT 1 FROM "
                           f"{evidence} e WHERE e.result_id = m.result_id AND e.content_type_id = se.content_type_id "
                           f"AND e.object_id = se.object_id)", [*params, run.pk])
    for chunk in batches(consumed, ID_BATCH):
        StagedResult.objects.filter(pk__in=chunk).delete()
    _move_staged(run.pk)  # what is left: the new results, with their evidence


def _pairs(pairs: list[tuple[int, int]]) -> tuple[str, list[int]]:
    """The CTE ``m`` (staged_id, result_id) of ``pairs``, and its parameters."""
    return (f"WITH m (staged_id, result_id) AS (VALUES {', '.join(['(%s, %s)'] * len(pairs))}) ",
            [value for pair in pairs for value in pair])


def _move_staged(run_id: int) -> None:
    """INSERT … SELECT the run's staged results, and the evidence of those, into Result and Evidence."""
    quote = connection.ops.quote_name
    result_columns = ", ".join(quote(c) for c in ("id", *RESULT_COLUMNS))
    evidence_columns = ", ".join(quote(c) for c in EVIDENCE_COLUMNS)
    staged_result = quote(StagedResult._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Result._meta.db_table)} ({result_columns}) "
            f"SELECT {result_columns} FROM {staged_result} WHERE {quote('run_id')} = %s",
            [run_id])
        cursor.execute(
            f"INSERT INTO {quote(Evidence._meta.db_table)} ({evidence_columns}) "
            f"SELECT {evidence_columns} FROM {quote(StagedEvidence._meta.db_table)} se WHERE se.run_id = %s "
            f"AND EXISTS (SELECT 1 FROM {staged_result} sr WHERE sr.id = se.result_id)",
            [run_id])
