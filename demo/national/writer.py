"""Bulk writing for ``seed_national``: rows as tuples with explicit ids, written with COPY on PostgreSQL
(psycopg ``cursor.copy``) and with ``executemany`` elsewhere (SQLite, for the test at tiny scale).

A ``Table`` knows its model's columns: the columns a builder does not give are filled with the field's
constant default (or NULL), and a column that has neither is refused before any row is written.
"""

from __future__ import annotations

from django.db import connection
from psycopg.copy import QueuedLibpqWriter

BATCH = 50_000


class Table:
    def __init__(self, model, columns: list[str]):
        self.model = model
        self.table = model._meta.db_table
        fields = {f.column: f for f in model._meta.concrete_fields}
        unknown = [c for c in columns if c not in fields]
        if unknown:
            raise ValueError(f"{self.table}: unknown columns {unknown}")
        self.extra = []
        for column, field in fields.items():
            if column in columns:
                continue
            if field.has_default() and not callable(field.default):
                self.extra.append((column, field.get_db_prep_save(field.default, connection)))
            elif field.null:
                self.extra.append((column, None))
            elif field.empty_strings_allowed and not field.has_default():
                self.extra.append((column, ""))
            else:
                raise ValueError(f"{self.table}.{column} needs a value")
        self.columns = [*columns, *(c for c, _v in self.extra)]
        self.fields = [fields[c] for c in self.columns]
        self.tail = tuple(v for _c, v in self.extra)
        self.rows: list[tuple] = []
        self.count = 0
        self.next_id = 1

    def take_id(self) -> int:
        pk = self.next_id
        self.next_id += 1
        return pk

    def add(self, row: tuple) -> None:
        self.rows.append(row)
        if len(self.rows) >= BATCH:
            self.flush()

    def flush(self) -> None:
        if not self.rows:
            return
        tail = self.tail
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                names = ", ".join(f'"{c}"' for c in self.columns)
                raw = cursor.cursor  # the psycopg cursor under Django's wrapper
                # The queued writer sends from a thread: building rows and the server's work overlap.
                with raw.copy(f'COPY "{self.table}" ({names}) FROM STDIN', writer=QueuedLibpqWriter(raw)) as copy:
                    for row in self.rows:
                        copy.write_row(row + tail)
            else:
                names = ", ".join(f'"{c}"' for c in self.columns)
                marks = ", ".join(["%s"] * len(self.columns))
                fields = self.fields
                cursor.executemany(f'INSERT INTO "{self.table}" ({names}) VALUES ({marks})', [
                    [f.get_db_prep_save(v, connection) for f, v in zip(fields, row + tail, strict=True)]
                    for row in self.rows])
        self.count += len(self.rows)
        self.rows = []


def start_ids(tables: list[Table]) -> None:
    """Ids follow whatever is already there (the reference rows a previous command wrote)."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f'SELECT COALESCE(MAX(id), 0) FROM "{table.table}"')
            table.next_id = cursor.fetchone()[0] + 1


def reset_sequences(models) -> None:
    if connection.vendor != "postgresql":
        return  # SQLite takes max(rowid) + 1 by itself
    with connection.cursor() as cursor:
        for model in models:
            table = model._meta.db_table
            cursor.execute(f"SELECT setval(pg_get_serial_sequence('\"{table}\"', 'id'), "
                           f"COALESCE((SELECT MAX(id) FROM \"{table}\"), 1))")


def drop_secondary_indexes(models) -> list[str]:
    """Drop the indexes and unique constraints other than the primary key (rebuilt once, after the load);
    return the DDL that rebuilds them."""
    if connection.vendor != "postgresql":
        return []
    tables = [m._meta.db_table for m in models]
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE contype = 'u' AND conrelid::regclass::text = ANY(%s)", [tables])
        unique = cursor.fetchall()
        for table, name, _definition in unique:
            cursor.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{name}"')
        cursor.execute(
            "SELECT i.indexname, i.indexdef FROM pg_indexes i JOIN pg_class c ON c.relname = i.indexname "
            "WHERE i.schemaname = current_schema() AND i.tablename = ANY(%s) "
            "AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = c.oid)",
            [tables])
        found = cursor.fetchall()
        for name, _ddl in found:
            cursor.execute(f'DROP INDEX "{name}"')
    return [ddl for _name, ddl in found] + [
        f'ALTER TABLE "{table}" ADD CONSTRAINT "{name}" {definition}' for table, name, definition in unique]


def rebuild_indexes(ddls: list[str], progress=None) -> None:
    with connection.cursor() as cursor:
        for ddl in ddls:
            cursor.execute(ddl)
            if progress:
                progress(1)


def fast_session() -> None:
    """Settings of this connection only, for the load: no synchronous commit, memory for index builds, and
    (as a superuser) foreign keys not re-checked row by row — the builder writes only ids it made."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit = off")
        cursor.execute("SET LOCAL maintenance_work_mem = '256MB'")
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if cursor.fetchone()[0]:
            cursor.execute("SET LOCAL session_replication_role = replica")


def analyze() -> None:
    """Statistics for every table of the database, the reference tables (councils, levels, agencies) as much
    as the bulk-loaded ones: without them the planner takes "path LIKE '/01/%'" for one council instead of
    127 and walks the whole petition table for a commune's list (755 ms instead of 2 ms, measured). Autovacuum
    would get there eventually, where it is on; it is off on some machines."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
