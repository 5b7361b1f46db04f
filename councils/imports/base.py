"""What every Excel import of a council's structure shares: a spec per kind of record (its columns, how a row
becomes field values, its natural key, how a record is created or updated through the service), and the run
that checks every row first, then writes them all in one transaction — creating what is new, updating what
changed, leaving the rest — so that importing the same file twice changes nothing."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from utilities import sheets

from ..audit import source
from ..choices import ChangeSource
from ..models import Council, Term

MAX_ROWS = 5000


@dataclass
class Row:
    """One good row: its Excel number, its natural key, the record it matches (if any) and its values."""

    number: int
    key: tuple
    existing: models.Model | None
    values: dict
    refs: dict = field(default_factory=dict)  # what the row points to: many-to-many lists, parent records


@dataclass
class Report:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    # What the rows hand back to be shown once and never kept (the temporary passwords of new accounts).
    issued: list = field(default_factory=list, repr=False)

    def __str__(self):
        return _("tạo mới %(created)s, cập nhật %(updated)s, giữ nguyên %(unchanged)s") % vars(self)


class Spec:
    """One kind of import. Subclasses set ``kind``, ``title``, ``columns``, ``example`` and implement
    ``lookups`` (what the rows are matched against, loaded once), ``prepare`` (a row's key and values, or its
    problems), ``create`` and ``update`` (through the councils' services)."""

    kind: str = ""
    title: str = ""
    columns: Sequence[sheets.Column] = ()
    example: Sequence = ()
    needs_term = True
    many_fields: Sequence[str] = ()  # names in ``refs`` that are many-to-many fields, compared as sets
    max_rows = MAX_ROWS
    # Run in the request that uploads the file, whatever its size (up to ``max_rows``): an import whose
    # result may only be shown once (new accounts' temporary passwords) has no background job to come back to.
    synchronous = False

    def template(self) -> bytes:
        return sheets.template(title=str(self.title), columns=self.columns, example=self.example)

    def lookups(self, council: Council, term: Term | None) -> dict:
        return {}

    def begin(self, rows: list[tuple[int, dict]], ctx: dict) -> None:
        """Look at the whole file before its rows (e.g. the names a later row may refer to)."""

    def prepare(self, cells: dict, ctx: dict) -> tuple[tuple, models.Model | None, dict, dict, list[str]]:
        """(natural key, matching record or None, field values, refs, problems) of one row."""
        raise NotImplementedError

    def create(self, row: Row, ctx: dict, actor) -> models.Model:
        raise NotImplementedError

    def update(self, obj: models.Model, changes: dict, ctx: dict, actor) -> models.Model:
        raise NotImplementedError

    # --- the run ------------------------------------------------------------------------------------------

    def parse(self, *, council: Council, term: Term | None, data: bytes, actor=None) -> tuple[list[Row], dict]:
        """Every row checked; one ValidationError naming each bad row (Excel row number and problems)."""
        cells = sheets.read_rows(data, self.columns, max_rows=self.max_rows)
        ctx = {"council": council, "term": term, "actor": actor, "issued": [], **self.lookups(council, term)}
        self.begin(cells, ctx)
        rows, errors, seen = [], [], {}
        for number, row_cells in cells:
            ctx["row"] = number
            key, existing, values, refs, problems = self.prepare(row_cells, ctx)
            if not problems and key in seen:
                problems.append(_("trùng với dòng %(other)s") % {"other": seen[key]})
            if problems:
                errors.append(_("Dòng %(row)s: %(problems)s.") % {"row": number, "problems": "; ".join(problems)})
                continue
            seen[key] = number
            rows.append(Row(number=number, key=key, existing=existing, values=values, refs=refs))
        if errors:
            raise ValidationError({"rows": errors})
        return rows, ctx

    def changes(self, row: Row) -> dict:
        obj = row.existing
        changed = {name: value for name, value in row.values.items() if getattr(obj, name) != value}
        for name in self.many_fields:
            objects = row.refs.get(name)
            if objects is not None and {o.pk for o in getattr(obj, name).all()} != {o.pk for o in objects}:
                changed[name] = list(objects)
        return changed

    def run(self, *, council: Council, term: Term | None, data: bytes, actor,
            progress: Callable[[int], None] | None = None) -> Report:
        rows, ctx = self.parse(council=council, term=term, data=data, actor=actor)
        report, errors = Report(), []
        with transaction.atomic(), source(ChangeSource.IMPORT):
            for position, row in enumerate(rows, start=1):
                try:
                    with transaction.atomic():
                        if row.existing is None:
                            self.create(row, ctx, actor)
                            report.created += 1
                        elif changes := self.changes(row):
                            self.update(row.existing, changes, ctx, actor)
                            report.updated += 1
                        else:
                            report.unchanged += 1
                except ValidationError as error:
                    errors.append(_("Dòng %(row)s: %(problems)s.") % {
                        "row": row.number, "problems": "; ".join(m.rstrip(".") for m in _messages(error))})
                if progress is not None and position % 50 == 0:
                    progress(int(position * 100 / len(rows)))
            if errors:
                # Nothing is kept: the outer transaction rolls back every row already written.
                raise ValidationError({"rows": errors})
        report.issued = ctx["issued"]
        return report


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [str(m) for messages in error.message_dict.values() for m in messages]
    return [str(m) for m in error.messages]
