"""Metrics whose records stay in the database: a metric gives one queryset of the records it judges, and the
engine counts them per subject in SQL while the run writes them as evidence with one INSERT … SELECT. On the
national data the three petition metrics judge some 90,000 records a run: read into Python one tuple each,
they cost five times what the same figures cost in SQL (issue 13).

A records queryset selects, under the names of ``COLUMNS``: the council of the record (its subject), its id,
whether it is counted, the evidence label and the day that must fall in the subject's period (also the
evidence date). It is restricted to the span of all periods; the join with the subjects' own periods is
added here, and so is the record's version (``rec_version``), which the evidence digest covers.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property

from django.db import connection
from django.db.models import Expression, F, QuerySet, Value
from django.db.models.functions import Coalesce, Concat, Left, NullIf

from councils.models import Versioned

from .base import Context, EvidenceRow, Measure, MeasuredRule, Periods, SubjectKey, window

COLUMNS = ("rec_council", "rec_id", "rec_counted", "rec_label", "rec_day", "rec_version")
UNLABELLED = tuple(name for name in COLUMNS if name != "rec_label")
# The evidence digest of a group of records (``base.evidence_digest`` for evidence read into Python): a sum of
# one hash per record of its id, counted flag, day and version, so it does not depend on the order of the
# rows, and any record coming, going, or being counted, moved or edited changes it. PostgreSQL's own 64-bit
# hash; SQLite, which has none, a polynomial modulo the prime 2**31 - 1 (its products stay within 64 bits).
DIGEST_SQL = {
    "postgresql": ("(SUM(hashint8extended(q.rec_id::bigint * 2 + CASE WHEN q.rec_counted THEN 1 ELSE 0 END, "
                   "(q.rec_day - DATE '2000-01-01')::bigint * 1000003 + q.rec_version)) %% 9223372036854775807)::bigint"),
    "sqlite": ("SUM(((q.rec_id * 2 + q.rec_counted) %% 2147483647) * ((q.rec_id * 2 + q.rec_counted) %% 2147483647)"
               " %% 2147483647 * 1000003 %% 2147483647"
               " + (CAST(julianday(q.rec_day) AS INTEGER) * 100003 + q.rec_version) %% 2147483647 * 7919)"),
}
LABEL_LENGTH = 300  # Evidence.label's max_length
# Subjects per statement: their periods are sent as parameters (four each; SQLite takes 32,766 at most).
SUBJECTS_PER_STATEMENT = 5000


@dataclass(frozen=True)
class Records:
    """The records one rule judges, as SQL, with the period of every council it measures."""

    model: type
    sql: str  # the records without their label, which the counts do not need (nor its joins)
    params: tuple
    labelled: QuerySet  # the records with their label, compiled only when evidence is written or shown
    periods: dict[int, tuple]  # council id -> (period start, period end)

    @cached_property
    def _labelled(self) -> tuple[str, tuple]:
        sql, params = self.labelled.query.sql_with_params()
        return sql, tuple(params)

    def _with_subjects(self, subjects: list[tuple]) -> tuple[str, list]:
        """The CTE ``s`` of the subjects: (council id, extra value, period start, period end) rows, the extra
        value (a result id, or 0) readable as ``s.extra``."""
        values = ", ".join(["(%s, %s, %s, %s)"] * len(subjects))
        return (f"WITH s (council_id, extra, p_start, p_end) AS (VALUES {values}) ",
                [value for row in subjects for value in row])

    @staticmethod
    def _from(sql: str) -> str:
        """The records of ``sql``, each kept only within its own council's period."""
        return (f" FROM ({sql}) q JOIN s ON s.council_id = q.rec_council"
                " AND q.rec_day >= s.p_start AND q.rec_day <= s.p_end")

    def _subjects(self, result_ids: dict[int, int] | None = None) -> list[list[tuple]]:
        rows = [(council_id, (result_ids or {}).get(council_id, 0), *period)
                for council_id, period in self.periods.items() if result_ids is None or council_id in result_ids]
        return [rows[i:i + SUBJECTS_PER_STATEMENT] for i in range(0, len(rows), SUBJECTS_PER_STATEMENT)]

    def counts(self) -> dict[int, tuple[int, int, int]]:
        """(counted, judged, evidence digest) per council, in one statement (per 5,000 councils). When every
        council shares one period (a calendar period), the records are grouped by their council without the
        join with the subjects, whose row estimates made PostgreSQL loop over every record's joins."""
        figures = (f"SUM(CASE WHEN q.rec_counted THEN 1 ELSE 0 END), COUNT(*), "
                   f"{DIGEST_SQL.get(connection.vendor, 'NULL')}")
        shared = set(self.periods.values())
        out: dict[int, tuple[int, int, int]] = {}
        with connection.cursor() as cursor:
            if len(shared) == 1:
                (start, end), = shared
                cursor.execute(f"SELECT q.rec_council, {figures} FROM ({self.sql}) q"
                               " WHERE q.rec_day >= %s AND q.rec_day <= %s GROUP BY q.rec_council",
                               [*self.params, start, end])
                rows = cursor.fetchall()
            else:
                rows = []
                for chunk in self._subjects():
                    cte, params = self._with_subjects(chunk)
                    cursor.execute(f"{cte}SELECT s.council_id, {figures}{self._from(self.sql)} GROUP BY s.council_id",
                                   [*params, *self.params])
                    rows.extend(cursor.fetchall())
        out.update((council_id, (int(n or 0), int(d), int(digest or 0))) for council_id, n, d, digest in rows)
        return out

    @staticmethod
    def _insert_into(table: str, columns: Sequence[str], constants: Sequence) -> str:
        """INSERT INTO ``table`` (``columns``: the result, content type, record, counted, label, date and record
        version, then those of the ``constants``) SELECT …, the first parameter the content type."""
        quote = connection.ops.quote_name
        return (f"INSERT INTO {quote(table)} ({', '.join(quote(c) for c in columns)}) "
                f"SELECT s.extra, %s, q.rec_id, q.rec_counted, SUBSTR(q.rec_label, 1, {LABEL_LENGTH}), q.rec_day, "
                f"q.rec_version{', %s' * len(constants)}")

    def insert(self, table: str, columns: Sequence[str], content_type_id: int, result_ids: dict[int, int],
               constants: Sequence = ()) -> None:
        """Write these records as the evidence of ``result_ids`` (council id -> result id) into ``table`` (then
        the ``constants``: a staged row's run and part): WITH … INSERT … SELECT, which PostgreSQL and SQLite take."""
        into = self._insert_into(table, columns, constants)
        labelled, labelled_params = self._labelled
        with connection.cursor() as cursor:
            for chunk in self._subjects(result_ids):
                cte, params = self._with_subjects(chunk)
                cursor.execute(f"{cte}{into}{self._from(labelled)}",
                               [*params, content_type_id, *constants, *labelled_params])

    def sync(self, table: str, columns: Sequence[str], content_type_id: int, result_ids: dict[int, int]) -> None:
        """Bring the evidence stored in ``table`` for ``result_ids`` (council id -> result id) to these records:
        delete the rows of records no longer among them, or counted, dated or edited otherwise since, then write
        the records missing. A result whose records barely changed (the next day: the forwardings that fell
        due) so writes a few rows instead of all of them."""
        t = connection.ops.quote_name(table)
        same = (f" WHERE s.extra = {t}.result_id AND {t}.content_type_id = %s AND q.rec_id = {t}.object_id"
                f" AND q.rec_counted = {t}.counted AND q.rec_day = {t}.date AND q.rec_version = {t}.record_version")
        into = self._insert_into(table, columns, ())
        labelled, labelled_params = self._labelled
        with connection.cursor() as cursor:
            for chunk in self._subjects(result_ids):
                cte, params = self._with_subjects(chunk)
                cursor.execute(f"{cte}DELETE FROM {t} WHERE {t}.result_id IN (SELECT extra FROM s)"
                               f" AND NOT EXISTS (SELECT 1{self._from(self.sql)}{same})",
                               [*params, *self.params, content_type_id])
                cursor.execute(f"{cte}{into}{self._from(labelled)} WHERE NOT EXISTS (SELECT 1 FROM {t} e"
                               " WHERE e.result_id = s.extra AND e.content_type_id = %s AND e.object_id = q.rec_id)",
                               [*params, content_type_id, *labelled_params, content_type_id])

    def rows_of(self, council_id: int, limit: int) -> list[EvidenceRow]:
        """The first ``limit`` records of one council, in the order evidence is shown."""
        cte, params = self._with_subjects([(council_id, 0, *self.periods[council_id])])
        with connection.cursor() as cursor:
            labelled, labelled_params = self._labelled
            cursor.execute(f"{cte}SELECT q.rec_id, q.rec_counted, q.rec_label, q.rec_day{self._from(labelled)}"
                           " ORDER BY q.rec_counted DESC, q.rec_day, q.rec_id LIMIT %s",
                           [*params, *labelled_params, limit])
            return [EvidenceRow(self.model, pk, bool(counted), (label or "")[:LABEL_LENGTH], day)
                    for pk, counted, label, day in cursor.fetchall()]


@dataclass(frozen=True)
class RecordsEvidence(Sequence):
    """One subject's evidence left in the database: its length is known, its rows are read when sliced."""

    records: Records
    council_id: int
    total: int
    digest: int = 0  # of the records (``DIGEST_SQL``)

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, index):
        if isinstance(index, slice):
            start, stop, step = index.indices(self.total)
            return self.records.rows_of(self.council_id, stop)[start::step] if stop > start else []
        position = range(self.total)[index]  # an IndexError past the end, as a list gives; negatives count back
        return self.records.rows_of(self.council_id, position + 1)[position]

    def __iter__(self):
        return iter(self[:self.total])


RecordsFunction = Callable[[MeasuredRule, Context, datetime.date, datetime.date], QuerySet]


def measured_in_sql(records: RecordsFunction, label: Callable[[], Expression]) -> Callable:
    """A measuring function (``MetricSpec.measure``) from a records queryset (``COLUMNS`` but the label) and
    the expression of their ``label``: per subject, the counts from SQL and the records as
    ``RecordsEvidence``, in one query whatever the number of subjects. For metrics measuring councils."""

    def measure(rule: MeasuredRule, ctx: Context, subjects, periods: Periods) -> dict[SubjectKey, Measure]:
        start, end = window(periods)
        queryset = records(rule, ctx, start, end).order_by()
        queryset = queryset.annotate(rec_version=F("version") if issubclass(queryset.model, Versioned) else Value(0))
        sql, params = queryset.values_list(*UNLABELLED).query.sql_with_params()
        by_council = {subject.council_id: periods[(subject.type, subject.id)] for subject in subjects}
        found = Records(queryset.model, sql, tuple(params), queryset.annotate(rec_label=label()).values_list(*COLUMNS),
                        {council_id: (p.start, p.end) for council_id, p in by_council.items()})
        counts = found.counts()
        measures = {}
        for subject in subjects:
            counted, judged, digest = counts.get(subject.council_id, (0, 0, 0))
            measures[(subject.type, subject.id)] = Measure(
                counts=(counted, judged), evidence=RecordsEvidence(found, subject.council_id, judged, digest))
        return measures

    return measure


def forwarding_label() -> Expression:
    """A forwarding's evidence label: "<petition code, or its content's start> → <agency>"."""
    return Concat(Coalesce(NullIf(F("petition__code"), Value("")), Left("petition__content", 120)), Value(" → "),
                  F("agency__name"))
