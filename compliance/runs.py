"""Evaluation runs: the lock, running the engine and replacing what it recomputes in one transaction, and
re-evaluating a council whose data changed. The tasks call it; ``compliance.services`` offers it to the rest."""

from __future__ import annotations

import datetime
import gc
import uuid
from collections import Counter
from contextlib import contextmanager

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council

from . import engine
from .bulk import (
    COMPARED_COLUMNS,
    COMPARED_INDEXES,
    DIGEST_INDEX,
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
    sync_records_evidence,
    write_records_evidence,
)
from .choices import PeriodKind, RunStatus
from .metrics.records import RecordsEvidence
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
ID_BATCH = 5000  # ids per IN (…) list


@contextmanager
def collector_paused():
    """Python's cyclic garbage collector paused for the block (as Mercurial's ``nogc`` does), then resumed.

    The collector runs each time some hundreds of container objects more were created than freed, and walks
    every object younger than its generation: a run creates hundreds of thousands of rows, outcomes and
    evidence tuples that stay alive until it ends, walked again and again for nothing: a third of a national
    run (issue 13). Reference counting frees them anyway; any cycle is collected once the collector resumes.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


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


def lock_holder(name: str = RUN_LOCK) -> dict:
    """Who holds the lock ``name`` (``owner``, ``expires_at``), or {} if nobody."""
    return EvaluationLock.objects.filter(name=name).values("owner", "expires_at").first() or {}


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
            with connection.execute_wrapper(counter), collector_paused():
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


def recomputed_results(as_of: datetime.date, starts: dict[int, set[datetime.date]], scope: Q):
    """The results a run as of ``as_of`` over ``scope`` recomputes; ``starts`` are the period starts of its
    new results, per rule."""
    # What a run recomputes: in its scope, every result whose period contains the as-of date (the
    # periods a run evaluates), every rolling-window result (only the latest window is kept), and any
    # result with the same rule and period start as a new one (a between-sessions window whose end moved).
    recomputed = Q(period_start__lte=as_of, period_end__gte=as_of) | Q(rule__period=PeriodKind.ROLLING_DAYS)
    for rule_id, dates in starts.items():
        recomputed |= Q(rule_id=rule_id, period_start__in=sorted(dates))
    return Result.objects.filter(engine._prefix_q(scope, "council")).filter(recomputed)


def stored_results(results) -> dict[tuple, tuple[int, tuple]]:
    """{(rule, subject type, subject id, period start): (id, the ``COMPARED_COLUMNS``)} of ``results``."""
    width = len(RESULT_KEY)
    return {row[:width]: (row[width], row[width + 1:])
            for row in results.order_by().values_list(*RESULT_KEY, "pk", *COMPARED_COLUMNS)}


def period_starts(outcomes: list[engine.Outcome]) -> dict[int, set[datetime.date]]:
    """The period starts of ``outcomes``, per rule (what ``recomputed_results`` takes)."""
    starts: dict[int, set[datetime.date]] = {}
    for outcome in outcomes:
        starts.setdefault(outcome.rule.pk, set()).add(outcome.period.start)
    return starts


def match_stored(stored: dict, key: tuple, figures: tuple) -> tuple[int | None, bool, bool]:
    """Pop ``key`` from ``stored`` (``stored_results``): the stored result's id (None if there is none), whether
    its ``COMPARED_COLUMNS`` differ from ``figures`` and whether its evidence digest does."""
    pk, old = stored.pop(key, (None, None))
    if pk is None:
        return None, True, True
    return pk, old != figures, old[DIGEST_INDEX] != figures[DIGEST_INDEX]


def delete_results(ids: list[int], *, evidence: bool = True) -> None:
    """Delete these results, with their evidence unless ``evidence`` is False (evidence first: it has no foreign
    key to cascade)."""
    for chunk in batches(ids, ID_BATCH):
        if evidence:
            Evidence.objects.filter(result_id__in=chunk).delete()
        Result.objects.filter(pk__in=chunk).delete()


def _replace_results(run: EvaluationRun, outcomes: list[engine.Outcome], scope: Q) -> dict:
    """Replace the results this run recomputes by its own (inside the caller's transaction).

    A stored result whose figures and evidence digest are what the run found stays, with its evidence: it
    only moves to this run. One whose figures changed is rewritten under its own id, so a link to it still
    opens it the next day. Its evidence rows stay if their digest did not change (a pro-rata target moved);
    if it did, the evidence counted in SQL is brought up to date row by row (the next day, most of a
    council's forwardings are the same) and the evidence read into Python written anew. Results no longer
    computed are deleted with their evidence. A nightly run over a country whose data barely changed so
    writes a few results and evidence rows instead of every result and some 100,000 rows (issue 13).
    """
    as_of = run.as_of
    rows = list(result_rows(outcomes, as_of))
    recomputed = recomputed_results(as_of, period_starts(outcomes), scope)
    stored = stored_results(recomputed)
    fresh: list[int] = []  # positions in ``outcomes`` of results not stored before
    rewritten: dict[int, int] = {}  # position -> id of the stored result it rewrites (its figures changed)
    new_evidence: list[int] = []  # positions whose evidence is written whole: the fresh and some rewritten
    synced: list[int] = []  # rewritten positions whose evidence counted in SQL is brought up to date
    for position, row in enumerate(rows):
        pk, figures_changed, evidence_changed = match_stored(
            stored, row_key(row), tuple(row[index] for index in COMPARED_INDEXES))
        if pk is None:
            fresh.append(position)
            new_evidence.append(position)
        elif figures_changed:
            rewritten[position] = pk
            if evidence_changed:
                evidence = outcomes[position].evidence
                in_sql = isinstance(evidence, RecordsEvidence) and evidence.total
                (synced if in_sql else new_evidence).append(position)
    delete_results(sorted(pk for pk, _figures in stored.values()))  # no longer computed
    rewritten_whole = {rewritten[position] for position in new_evidence if position in rewritten}
    delete_results(sorted(rewritten_whole))
    delete_results(sorted(set(rewritten.values()) - rewritten_whole), evidence=False)
    # What is left of the recomputed results is what this run keeps.
    recomputed.update(run=run, as_of=as_of)

    ids = dict(zip(fresh, _write_results(run, [rows[position] for position in fresh]), strict=True))
    _write_results(run, [rows[position] for position in rewritten], ids=list(rewritten.values()))
    ids.update(rewritten)
    written = [outcomes[position] for position in new_evidence]
    result_ids = [ids[position] for position in new_evidence]
    evidence = evidence_rows(written, result_ids)
    if connection.vendor == "postgresql":
        copy_rows(Evidence, EVIDENCE_COLUMNS, evidence)
    else:
        insert_rows(Evidence, EVIDENCE_COLUMNS, evidence, batch=EVIDENCE_BATCH)
    write_records_evidence(Evidence, EVIDENCE_COLUMNS, written, result_ids)
    sync_records_evidence([outcomes[position] for position in synced], [ids[position] for position in synced])
    return dict(Counter(o.status for o in outcomes))


def _write_results(run: EvaluationRun, rows: list[tuple], *, ids: list[int] | None = None) -> list[int]:
    """Write ``rows`` (``RESULT_COLUMNS`` without the run) as results of ``run``, under ``ids`` if given, else
    under new ids; the ids, in the order of the rows."""
    if not rows:
        return []
    results = ((run.pk, *row) for row in rows)
    if connection.vendor == "postgresql":
        ids = ids if ids is not None else next_ids(Result, len(rows))
        copy_rows(Result, ("id", *RESULT_COLUMNS), ((pk, *row) for pk, row in zip(ids, results, strict=True)))
        return ids
    if ids is not None:
        insert_rows(Result, ("id", *RESULT_COLUMNS), ((pk, *row) for pk, row in zip(ids, results, strict=True)),
                     batch=RESULT_BATCH)
        return ids
    return insert_rows(Result, RESULT_COLUMNS, results, batch=RESULT_BATCH, returning=True)


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

