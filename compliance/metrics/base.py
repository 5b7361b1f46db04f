"""What a metric is (its spec) and what its measuring function is given and returns: the evaluation context,
the subjects and their periods, and the evidence rows a figure is computed from."""

from __future__ import annotations

import bisect
import datetime
import hashlib
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple, Protocol

from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _lazy

from councils.models import Term
from utilities import lookups  # noqa: F401  (registers __any_of, which the narrowed scope uses)

from ..choices import SubjectType


@dataclass(frozen=True)
class Period:
    start: datetime.date
    end: datetime.date
    label: str
    closed: bool

    def contains(self, day: datetime.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


@dataclass(frozen=True)
class Subject:
    type: str
    id: int
    council_id: int
    name: str


class EvidenceRow(NamedTuple):
    """One record a figure was computed from (a tuple: a run builds one per record it reads)."""

    model: type
    object_id: int
    counted: bool
    label: str
    date: datetime.date | None = None


def evidence_digest(evidence: Sequence[EvidenceRow]) -> int:
    """A fingerprint of evidence read into Python (its order aside): a signed 64-bit number that changes when
    a row comes or goes or its counted flag, label or date changes. Evidence left in the database carries its
    own (``records.RecordsEvidence.digest``); no evidence at all is 0 either way."""
    if not evidence:
        return 0
    if isinstance(getattr(evidence, "digest", None), int):
        return evidence.digest
    rows = sorted(f"{row.model._meta.label_lower}|{row.object_id}|{row.counted:d}|{row.date}|{row.label}"
                  for row in evidence)
    return int.from_bytes(hashlib.blake2b("\n".join(rows).encode(), digest_size=8).digest(), "big", signed=True)


@dataclass
class Measure:
    """What a metric found for one subject: counted records, or numerator over denominator records. A metric
    counting in SQL gives the ``counts`` (counted, judged) and evidence read only when shown or written
    (``records.RecordsEvidence``); the others give the evidence rows, counted here."""

    evidence: Sequence[EvidenceRow] = field(default_factory=list)
    counts: tuple[int, int] | None = None

    @property
    def numerator(self) -> int:
        return self.counts[0] if self.counts is not None else sum(row.counted for row in self.evidence)

    @property
    def denominator(self) -> int:
        return self.counts[1] if self.counts is not None else len(self.evidence)


@dataclass
class CouncilInfo:
    id: int
    path: str
    name: str
    level_id: int
    level_name: str
    level_valid_to: datetime.date | None
    valid_to: datetime.date | None
    valid_from: datetime.date | None


@dataclass
class Context:
    """What every rule of one evaluation shares: the date, the councils in scope and how to filter on them."""

    as_of: datetime.date
    councils: dict[int, CouncilInfo]
    scope: Q  # a Q on Council, to be prefixed with the lookup that leads to a council
    parent: Context | None = None  # the evaluation's context, when this one is narrowed to one rule's councils
    council_ids: frozenset[int] | None = None  # those councils (None: every council in scope)
    _shared: dict = field(default_factory=dict, repr=False, compare=False)

    def council_q(self, lookup: str) -> Q:
        """The scope Q rewritten for a model that reaches its council through ``lookup``."""
        return _prefix_q(self.scope, lookup)

    def narrowed(self, council_ids: set[int]) -> Context:
        """This context with its queries restricted to ``council_ids`` (the councils one rule covers), so a
        metric reads the records of those councils only, not of the whole scope."""
        if len(council_ids) == len(self.councils):
            return self
        return Context(as_of=self.as_of, councils=self.councils, scope=Q(pk__any_of=sorted(council_ids)),
                       parent=self.parent or self, council_ids=frozenset(council_ids))

    def shared(self, key: tuple, compute: Callable[[], object]):
        """What ``compute`` reads for these councils, read once for every rule of the evaluation that asks with
        the same ``key`` (the same subjects, the same deputies, the same metric with the same parameters)."""
        store = (self.parent or self)._shared
        key = (*key, self.council_ids)
        if key not in store:
            store[key] = compute()
        return store[key]

    def under(self, prefix: str) -> list[CouncilInfo]:
        """The councils in scope whose path starts with ``prefix``, in path order: a binary search in the
        sorted paths, not a scan of every council for every rule."""
        if self.parent is not None:
            return self.parent.under(prefix)
        paths, infos = self._by_path
        start = end = bisect.bisect_left(paths, prefix)
        while end < len(paths) and paths[end].startswith(prefix):
            end += 1
        return infos[start:end]

    @cached_property
    def _by_path(self) -> tuple[list[str], list[CouncilInfo]]:
        infos = sorted(self.councils.values(), key=lambda info: info.path)
        return [info.path for info in infos], infos

    @cached_property
    def term(self) -> Term | None:
        """The term containing the as-of date, read once per evaluation (only if a rule needs it)."""
        if self.parent is not None:
            return self.parent.term
        return Term.objects.filter(start_date__lte=self.as_of, end_date__gte=self.as_of).first()


def _prefix_q(q: Q, lookup: str) -> Q:
    out = Q()
    out.connector, out.negated = q.connector, q.negated
    for child in q.children:
        if isinstance(child, Q):
            out.children.append(_prefix_q(child, lookup))
        else:
            key, value = child
            out.children.append((f"{lookup}__{key}", value))
    return out


SubjectKey = tuple[str, int]
Periods = dict[SubjectKey, Period]


def window(periods: Periods) -> tuple[datetime.date, datetime.date]:
    """The span covering every subject's period: one query over it serves them all."""
    return min(p.start for p in periods.values()), max(p.end for p in periods.values())


def collect(measures, periods: Periods, key: SubjectKey, row: EvidenceRow, *, in_period_date) -> None:
    """Add ``row`` to the subject's evidence if its date falls in that subject's own period."""
    period = periods.get(key)
    if period is not None and period.contains(in_period_date):
        measures[key].evidence.append(row)


# ---------------------------------------------------------------------------------------------------------
# The spec of a metric.

class MeasuredRule(Protocol):
    """What a measuring function reads of the rule it measures (a ``compliance.models.Rule``)."""

    subject_type: str
    params: dict


# Takes the rule, the context, the subjects and their periods; returns a Measure per subject key, running a
# fixed number of queries whatever the number of subjects.
MeasureFunction = Callable[[MeasuredRule, Context, list[Subject], Periods], dict[SubjectKey, Measure]]


@dataclass(frozen=True)
class Param:
    """A rule parameter a metric accepts: its JSON type, for codes the values it may take (with their labels,
    in order), and the label and help the rule form gives its field."""

    kind: type
    allowed: frozenset[str] | None = None
    label: str | Promise = ""
    help_text: str | Promise = ""
    choices: tuple[tuple[str, str | Promise], ...] = ()

    @classmethod
    def coded(cls, kind: type, choices, *, label, help_text="") -> Param:
        """A parameter taking the codes of ``choices`` (TextChoices, or (code, label) pairs)."""
        pairs = tuple((value, name) for value, name in getattr(choices, "choices", choices) if value)
        return cls(kind, frozenset(value for value, _name in pairs), label=label, help_text=help_text, choices=pairs)


def values_of(choices_cls) -> frozenset[str]:
    return frozenset(value for value in choices_cls.values if value)


@dataclass(frozen=True)
class MetricSpec:
    """One way of measuring a rule: what it accepts, whom it measures, how its figure is judged, how it counts."""

    code: str  # a Metric value; a metric registered only in a test may use a code of its own
    comparison: str  # the only Comparison a rule with this metric may use
    measure: MeasureFunction
    params: Mapping[str, Param] = field(default_factory=dict)
    required: tuple[str, ...] = ()
    subjects: frozenset[str] = frozenset({SubjectType.COUNCIL})
    # Why a share is not applicable to a subject when nothing fell due for it in the period.
    empty_reason: str | Promise = _lazy("Không có bản ghi nào đến hạn trong kỳ.")
    # Rules between parameters, or between parameters and the subject, that their types cannot say:
    # (params, subject_type) -> messages.
    check_params: Callable[[dict, str], list[str]] | None = None
