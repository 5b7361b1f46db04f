"""Results and evidence written in bulk, as plain rows: a run writes hundreds of thousands of them, and a model
instance per row (with its field preparation) cost more than everything else the run did (issue 13). COPY on
PostgreSQL, multi-row INSERTs elsewhere; the evidence left in the database by the metrics counting in SQL is
written with INSERT … SELECT."""

from __future__ import annotations

import datetime
import itertools

from django.contrib.contenttypes.models import ContentType
from django.db import connection

from . import engine
from .metrics.base import evidence_digest
from .metrics.records import RecordsEvidence
from .models import Evidence

RESULT_BATCH = 2000
EVIDENCE_BATCH = 5000


def result_rows(outcomes: list[engine.Outcome], as_of: datetime.date):
    """The outcomes as rows of ``RESULT_COLUMNS`` without the run."""
    return (
        (o.rule.pk, o.subject.council_id, o.subject.type, o.subject.id, o.subject.name[:255], as_of,
         o.period.start, o.period.end, o.period.label[:100], o.value, o.numerator, o.denominator, o.target,
         o.expected, o.status, o.reason[:300], evidence_digest(o.evidence))
        for o in outcomes
    )


def evidence_rows(outcomes: list[engine.Outcome], result_ids: list[int]):
    """The outcomes' evidence read into Python, as rows of ``EVIDENCE_COLUMNS``, each outcome's under its
    result id (evidence left in the database is written by ``write_records_evidence``)."""
    in_python = [(result_id, o) for result_id, o in zip(result_ids, outcomes, strict=True)
                 if not isinstance(o.evidence, RecordsEvidence)]
    content_types = {
        model: ct.pk for model, ct in ContentType.objects.get_for_models(
            *{row.model for _id, o in in_python for row in o.evidence}, for_concrete_models=True).items()
    }
    return (
        (result_id, content_types[row.model], row.object_id, row.counted, (row.label or "")[:300], row.date, 0)
        for result_id, o in in_python
        for row in o.evidence
    )


def _by_records(outcomes: list[engine.Outcome], result_ids: list[int]) -> list[tuple]:
    """(records, content type id, {council id: result id}) of the outcomes whose evidence the metrics left in
    the database, per rule: two rules measured alike share their records (engine.evaluate_rule)."""
    by_records: dict[tuple, tuple] = {}
    for result_id, o in zip(result_ids, outcomes, strict=True):
        if isinstance(o.evidence, RecordsEvidence) and o.evidence.total:
            records = o.evidence.records
            by_records.setdefault((id(records), o.rule.pk), (records, {}))[1][o.evidence.council_id] = result_id
    if not by_records:
        return []
    content_types = ContentType.objects.get_for_models(*{records.model for records, _ids in by_records.values()},
                                                        for_concrete_models=True)
    return [(records, content_types[records.model].pk, ids) for records, ids in by_records.values()]


def write_records_evidence(model, columns: tuple[str, ...], outcomes: list[engine.Outcome], result_ids: list[int],
                           constants: tuple = ()) -> None:
    """INSERT … SELECT the evidence the metrics left in the database, one statement per rule, into ``model``
    (Evidence, or StagedEvidence with ``constants`` for its extra ``columns``)."""
    for records, content_type_id, ids in _by_records(outcomes, result_ids):
        records.insert(model._meta.db_table, columns, content_type_id, ids, constants)


def sync_records_evidence(outcomes: list[engine.Outcome], result_ids: list[int]) -> None:
    """Bring the stored evidence of these results (kept under their ids) to the records their metrics left in
    the database: two statements per rule, which write only the rows that changed."""
    for records, content_type_id, ids in _by_records(outcomes, result_ids):
        records.sync(Evidence._meta.db_table, EVIDENCE_COLUMNS, content_type_id, ids)


RESULT_COLUMNS = ("run_id", "rule_id", "council_id", "subject_type", "subject_id", "subject_name", "as_of",
                  "period_start", "period_end", "period_label", "value", "numerator", "denominator", "target",
                  "expected", "status", "reason", "evidence_digest")
# What identifies a result across runs.
RESULT_KEY = ("rule_id", "subject_type", "subject_id", "period_start")
# What must be the same for a stored result to be kept by a run (all but its run, as-of date and key).
COMPARED_COLUMNS = ("council_id", "subject_name", "period_end", "period_label", "value", "numerator", "denominator",
                    "target", "expected", "status", "reason", "evidence_digest")
COMPARED_INDEXES = tuple(RESULT_COLUMNS.index(name) - 1 for name in COMPARED_COLUMNS)  # in a row without the run
DIGEST_INDEX = COMPARED_COLUMNS.index("evidence_digest")
DIGEST_POSITION = RESULT_COLUMNS.index("evidence_digest") - 1  # in a row without the run
KEY_INDEXES = tuple(RESULT_COLUMNS.index(name) - 1 for name in RESULT_KEY)
EVIDENCE_COLUMNS = ("result_id", "content_type_id", "object_id", "counted", "label", "date", "record_version")


def batches(items: list, size: int):
    """``items`` in consecutive slices of ``size``."""
    return (items[start:start + size] for start in range(0, len(items), size))


def row_key(row: tuple) -> tuple:
    """The ``RESULT_KEY`` of a row of ``result_rows``."""
    return tuple(row[index] for index in KEY_INDEXES)


def insert_rows(model, columns: tuple[str, ...], rows, *, batch: int, returning: bool = False) -> list[int]:
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


def next_ids(model, count: int) -> list[int]:
    """``count`` fresh ids from the model's PostgreSQL sequence, in one statement (COPY returns none)."""
    if not count:
        return []
    with connection.cursor() as cursor:
        cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, %s)) FROM generate_series(1, %s)",
                       [model._meta.db_table, model._meta.pk.column, count])
        return [row[0] for row in cursor.fetchall()]


def copy_rows(model, columns: tuple[str, ...], rows) -> None:
    """PostgreSQL's COPY of ``rows`` into the model's table: several times faster than INSERTs."""
    quote = connection.ops.quote_name
    sql = f"COPY {quote(model._meta.db_table)} ({', '.join(quote(c) for c in columns)}) FROM STDIN"
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            copy.write_row(row)
