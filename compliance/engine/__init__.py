"""The compliance engine: evaluates every applicable rule for every subject over the period containing a date.

Set-based by construction: for one rule the engine runs a fixed number of queries (its subjects, its
periods' sessions when needed, and one query per source of records), whatever the number of councils and
subjects; per-subject figures are then computed in memory from those rows. The rows a figure was computed
from are exactly the evidence stored with it, so the number and its evidence can never disagree.

The engine only reads. ``compliance.runs.run_evaluation`` stores what it returns. What each metric
measures lives in ``compliance.metrics``, one module per metric.
"""

from ..metrics.base import (
    Context,
    CouncilInfo,
    EvidenceRow,
    Measure,
    Period,
    Periods,
    Subject,
    SubjectKey,
    _prefix_q,
)
from ..metrics.validation import validate_rule
from .evaluation import (
    active_rules,
    councils_under_rule,
    evaluate,
    evaluate_rule,
    inactive_reason,
    load_councils,
)
from .judging import HUNDRED, TWO_PLACES, Outcome, expected_now, judge
from .periods import (
    DEFAULT_SESSION_GAP_DAYS,
    SESSION_LOOKBACK_DAYS,
    between_sessions_periods,
    calendar_period,
)
from .subjects import BODY_NOUNS, SUBJECT_BODY_KIND, subjects_for

__all__ = [
    "BODY_NOUNS", "DEFAULT_SESSION_GAP_DAYS", "HUNDRED", "SESSION_LOOKBACK_DAYS", "SUBJECT_BODY_KIND", "TWO_PLACES",
    "Context", "CouncilInfo", "EvidenceRow", "Measure", "Outcome", "Period", "Periods", "Subject", "SubjectKey",
    "_prefix_q", "active_rules", "between_sessions_periods", "calendar_period", "councils_under_rule", "evaluate",
    "evaluate_rule", "expected_now", "inactive_reason", "judge", "load_councils", "subjects_for", "validate_rule",
]
