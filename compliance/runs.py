"""Evaluation runs: the lock, running the engine and replacing what it recomputes in one transaction, and
re-evaluating a council whose data changed. The tasks call it; ``compliance.services`` offers it to the rest."""

from __future__ import annotations

import datetime
import itertools
import uuid
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, connection, transaction
from django.db.models import Count, Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council

from . import engine
from .choices import PeriodKind, RunStatus
from .models import (
    EvaluationLock,
    EvaluationRun,
    Evidence,
    PendingEvaluation,
    Result,
    StagedEvidence,
    StagedResult,
)

RUN_LOCK = "compliance-evaluation"
# Edits to one council within this window give one re-evaluation.
REEVALUATION_WINDOW_SECONDS = 60
RESULT_BATCH = 2000
EVIDENCE_BATCH = 5000


class EvaluationBusy(Exception):
    """Another evaluation run holds the lock: ``owner`` is the task holding it ("" for a command), and
    ``expires_at`` when it lapses if its holder died."""

    def __init__(self, message: str = "", *, owner: str = "", expires_at: datetime.datetime | None = None):
        super().__init__(message)
        self.owner = owner
        self.expires_at = expires_at


class QueryCounter:
    """Counts the SQL statements of a run (kept on the run, to watch that it stays set-based)."""

    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


# ---------------------------------------------------------------------------------------------------------
# The lock: a row in the database, so it holds across web, worker and command processes on any backend.
# It lasts as long as its holder may run: a task's hard time limit (past it the worker has killed the task),
# or for a command, the longest any task may run.

def acquire_lock(name: str = RUN_LOCK, *, ttl: int | None = None, owner: str = "") -> str | None:
    """A token if the lock was free (or its holder died and it expired), None if someone holds it.

    ``ttl`` is how long the holder may run, in seconds; ``owner`` the id of the task that holds it. A run
    whose lock expired is marked failed on the way.
    """
    now = timezone.now()
    token = uuid.uuid4().hex
    ttl = ttl or settings.COMPLIANCE_FULL_RUN_TIME_LIMIT
    with transaction.atomic():
        expired = EvaluationLock.objects.filter(name=name, expires_at__lt=now)
        _fail_abandoned(EvaluationRun.objects.filter(lock__in=expired), now=now)
        expired.delete()
        try:
            with transaction.atomic():
                EvaluationLock.objects.create(name=name, token=token, owner=owner[:255],
                                              expires_at=now + datetime.timedelta(seconds=ttl))
        except IntegrityError:
            return None
    return token


def release_lock(token: str, name: str = RUN_LOCK) -> None:
    EvaluationLock.objects.filter(name=name, token=token).delete()


@contextmanager
def evaluation_lock(name: str = RUN_LOCK, *, ttl: int | None = None, owner: str = ""):
    token = acquire_lock(name, ttl=ttl, owner=owner)
    if token is None:
        raise EvaluationBusy(_("Đang có một lượt tính chỉ tiêu khác; vui lòng thử lại sau."), **lock_holder(name))
    try:
        yield token
    finally:
        release_lock(token, name)


def _fail_abandoned(runs, *, now: datetime.datetime) -> list[int]:
    """Mark failed those of ``runs`` still "running": whatever ran them stopped without saying so."""
    abandoned = list(runs.filter(status=RunStatus.RUNNING).values_list("pk", flat=True))
    EvaluationRun.objects.filter(pk__in=abandoned, status=RunStatus.RUNNING).update(
        status=RunStatus.FAILED, finished_at=now,
        error=_("Quá thời hạn chạy mà chưa xong: tiến trình tính đã dừng giữa chừng (ví dụ bị tắt)."))
    _drop_staged(abandoned)
    return abandoned


def fail_abandoned_runs(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark failed every run still "running" past its time limit (its lock expired, or is gone); their ids.

    A run is created with its lock in one transaction, and its lock is released only after it finished or
    failed, so a running run without a live lock has no process left to finish it.
    """
    now = now or timezone.now()
    live = EvaluationLock.objects.filter(expires_at__gte=now, run__isnull=False).values("run_id")
    return _fail_abandoned(EvaluationRun.objects.exclude(pk__in=live), now=now)


# ---------------------------------------------------------------------------------------------------------
# Runs.

def scope_q(council: Council | None, include_subtree: bool) -> Q:
    """A Q on Council for the councils a run covers."""
    if council is None:
        return Q()
    return Q(path__startswith=council.path) if include_subtree else Q(pk=council.pk)


def run_evaluation(
    *, as_of: datetime.date, council: Council | None = None, include_subtree: bool = True,
    trigger: str = "", requested_by=None, time_limit: int | None = None, owner: str = "",
) -> EvaluationRun:
    """Evaluate every applicable rule for ``as_of`` over the scope and replace the results it recomputes.

    Raises EvaluationBusy when another run holds the lock: two runs never interleave. The results and
    the run's "finished" status are written in one transaction, so a reader sees the old set or the new
    one, never half of each. A task passes its hard ``time_limit`` (the lock lasts that long) and its id
    as ``owner``.
    """
    with evaluation_lock(ttl=time_limit, owner=owner) as token:
        with transaction.atomic():
            run = EvaluationRun.objects.create(as_of=as_of, council=council, include_subtree=include_subtree,
                                               trigger=trigger[:50], requested_by=requested_by)
            EvaluationLock.objects.filter(name=RUN_LOCK, token=token).update(run=run)
        scope = scope_q(council, include_subtree)
        try:
            counter = QueryCounter()
            with connection.execute_wrapper(counter):
                outcomes = engine.evaluate(as_of=as_of, scope=scope)
                with transaction.atomic():
                    counts = _replace_results(run, outcomes, scope)
                    run.status = RunStatus.FINISHED
                    run.finished_at = timezone.now()
                    run.counts = counts
                    run.save(update_fields=["status", "finished_at", "counts"])
            EvaluationRun.objects.filter(pk=run.pk).update(query_count=counter.count)
            run.query_count = counter.count
        except Exception as exc:
            EvaluationRun.objects.filter(pk=run.pk).update(
                status=RunStatus.FAILED, finished_at=timezone.now(), error=f"{type(exc).__name__}: {exc}"[:2000])
            raise
    return run


def _delete_recomputed(as_of: datetime.date, starts: dict[int, set[datetime.date]], scope: Q) -> None:
    """Delete, with their evidence, the results a run as of ``as_of`` over ``scope`` recomputes; ``starts``
    are the period starts of its new results, per rule."""
    # What a run recomputes: in its scope, every result whose period contains the as-of date (the
    # periods a run evaluates), every rolling-window result (only the latest window is kept), and any
    # result with the same rule and period start as a new one (a between-sessions window whose end moved).
    recomputed = Q(period_start__lte=as_of, period_end__gte=as_of) | Q(rule__period=PeriodKind.ROLLING_DAYS)
    for rule_id, dates in starts.items():
        recomputed |= Q(rule_id=rule_id, period_start__in=sorted(dates))
    stale = Result.objects.filter(engine._prefix_q(scope, "council")).filter(recomputed)
    Evidence.objects.filter(result__in=stale.values("pk")).delete()
    stale.delete()


def _replace_results(run: EvaluationRun, outcomes: list[engine.Outcome], scope: Q) -> dict:
    """Delete the results this run recomputes and insert its own (inside the caller's transaction)."""
    as_of = run.as_of
    starts: dict[int, set[datetime.date]] = {}
    for outcome in outcomes:
        starts.setdefault(outcome.rule.pk, set()).add(outcome.period.start)
    _delete_recomputed(as_of, starts, scope)

    results = ((run.pk, *row) for row in _result_rows(outcomes, as_of))
    if connection.vendor == "postgresql":
        result_ids = _next_ids(Result, len(outcomes))
        _copy_rows(Result, ("id", *RESULT_COLUMNS), (
            (pk, *row) for pk, row in zip(result_ids, results, strict=True)))
    else:
        result_ids = _insert_rows(Result, RESULT_COLUMNS, results, batch=RESULT_BATCH, returning=True)
    evidence = _evidence_rows(outcomes, result_ids)
    if connection.vendor == "postgresql":
        _copy_rows(Evidence, EVIDENCE_COLUMNS, evidence)
    else:
        _insert_rows(Evidence, EVIDENCE_COLUMNS, evidence, batch=EVIDENCE_BATCH)
    return dict(Counter(o.status for o in outcomes))


def _result_rows(outcomes: list[engine.Outcome], as_of: datetime.date):
    """The outcomes as rows of ``RESULT_COLUMNS`` without the run."""
    return (
        (o.rule.pk, o.subject.council_id, o.subject.type, o.subject.id, o.subject.name[:255], as_of,
         o.period.start, o.period.end, o.period.label[:100], o.value, o.numerator, o.denominator, o.target,
         o.expected, o.status, o.reason[:300])
        for o in outcomes
    )


def _evidence_rows(outcomes: list[engine.Outcome], result_ids: list[int]):
    """The outcomes' evidence as rows of ``EVIDENCE_COLUMNS``, each outcome's under its result id."""
    content_types = {
        model: ct.pk for model, ct in ContentType.objects.get_for_models(
            *{row.model for o in outcomes for row in o.evidence}, for_concrete_models=True).items()
    }
    return (
        (result_id, content_types[row.model], row.object_id, row.counted, (row.label or "")[:300], row.date)
        for result_id, o in zip(result_ids, outcomes, strict=True)
        for row in o.evidence
    )


# Results and evidence are plain rows written in bulk: a run writes hundreds of thousands of them, and a model
# instance per row (with its field preparation) cost more than everything else the run did.
RESULT_COLUMNS = ("run_id", "rule_id", "council_id", "subject_type", "subject_id", "subject_name", "as_of",
                  "period_start", "period_end", "period_label", "value", "numerator", "denominator", "target",
                  "expected", "status", "reason")
EVIDENCE_COLUMNS = ("result_id", "content_type_id", "object_id", "counted", "label", "date")


def _insert_rows(model, columns: tuple[str, ...], rows, *, batch: int, returning: bool = False) -> list[int]:
    """INSERT ``rows`` (tuples in ``columns`` order) in multi-row statements; their new ids if ``returning``."""
    quote = connection.ops.quote_name
    head = f"INSERT INTO {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) VALUES "
    tail = f" RETURNING {quote(model._meta.pk.column)}" if returning else ""
    one = "(" + ", ".join(["%s"] * len(columns)) + ")"
    # SQLite caps the parameters of one statement.
    max_params = connection.features.max_query_params or 65535
    size = max(1, min(batch, max_params // len(columns)))
    ids: list[int] = []
    rows = iter(rows)
    with connection.cursor() as cursor:
        while chunk := list(itertools.islice(rows, size)):
            cursor.execute(head + ", ".join([one] * len(chunk)) + tail, [value for row in chunk for value in row])
            if returning:
                ids.extend(row[0] for row in cursor.fetchall())
    return ids


def _next_ids(model, count: int) -> list[int]:
    """``count`` fresh ids from the model's PostgreSQL sequence, in one statement (COPY returns none)."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, count])
        return [row[0] for row in cursor.fetchall()]


def _copy_rows(model, columns: tuple[str, ...], rows) -> None:
    """PostgreSQL's COPY of ``rows`` into the model's table: several times faster than INSERTs."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)


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


def lock_holder(name: str = RUN_LOCK) -> dict:
    """Who holds the lock ``name`` (``owner``, ``expires_at``), or {} if nobody."""
    return EvaluationLock.objects.filter(name=name).values("owner", "expires_at").first() or {}


def _staged_ids(count: int) -> list[int]:
    """Ids for ``count`` staged results: the ids their results will have. On PostgreSQL from Result's
    sequence (safe across concurrent parts); on SQLite, whose writers take turns, past every id in use."""
    if connection.vendor == "postgresql":
        return _next_ids(Result, count)
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
    with connection.execute_wrapper(counter):
        outcomes = engine.evaluate(as_of=run.as_of, scope=scope_q(root, True))
        with transaction.atomic():
            if not _hold_running(run_id):
                return {"part": part, "results": 0, "queries": counter.count, "staged": False}
            StagedEvidence.objects.filter(run_id=run_id, part=part).delete()
            StagedResult.objects.filter(run_id=run_id, part=part).delete()
            ids = _staged_ids(len(outcomes))
            results = ((pk, run_id, part, *row) for pk, row in zip(ids, _result_rows(outcomes, run.as_of),
                                                                    strict=True))
            evidence = ((run_id, part, *row) for row in _evidence_rows(outcomes, ids))
            if connection.vendor == "postgresql":
                _copy_rows(StagedResult, ("id", "run_id", "part", *RESULT_COLUMNS[1:]), results)
                _copy_rows(StagedEvidence, ("run_id", "part", *EVIDENCE_COLUMNS), evidence)
            else:
                _insert_rows(StagedResult, ("id", "run_id", "part", *RESULT_COLUMNS[1:]), results, batch=RESULT_BATCH)
                _insert_rows(StagedEvidence, ("run_id", "part", *EVIDENCE_COLUMNS), evidence, batch=EVIDENCE_BATCH)
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


def _drop_staged(run_ids: list[int]) -> None:
    if run_ids:
        StagedEvidence.objects.filter(run_id__in=run_ids).delete()
        StagedResult.objects.filter(run_id__in=run_ids).delete()


def default_as_of() -> datetime.date:
    return timezone.localdate()


# ---------------------------------------------------------------------------------------------------------
# Re-evaluating a council whose data changed (queued by compliance.services, coalesced).

def evaluate_pending_council(*, council_id: int, as_of: datetime.date | None = None, time_limit: int | None = None,
                             owner: str = "") -> EvaluationRun | None:
    """Re-evaluate one council (not its subtree) and clear its pending mark if no edit came meanwhile.

    Returns None when the council no longer exists. Raises EvaluationBusy when another run holds the lock;
    the council then stays pending for the sweep.
    """
    council = Council.objects.filter(pk=council_id).first()
    if council is None:
        PendingEvaluation.objects.filter(council_id=council_id).delete()
        return None
    started = timezone.now()
    run = run_evaluation(as_of=as_of or default_as_of(), council=council, include_subtree=False,
                         trigger="council", time_limit=time_limit, owner=owner)
    PendingEvaluation.objects.filter(council_id=council_id, requested_at__lte=started).delete()
    return run


def due_pending_council_ids(*, now: datetime.datetime | None = None) -> list[int]:
    cutoff = (now or timezone.now()) - datetime.timedelta(seconds=REEVALUATION_WINDOW_SECONDS)
    return list(PendingEvaluation.objects.filter(requested_at__lte=cutoff).order_by("requested_at")
                .values_list("council_id", flat=True))

