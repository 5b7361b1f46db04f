"""Judging a figure: what one rule's outcome is for one subject (met, on track, at risk, missed or not
applicable), from what its metric measured."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..choices import ResultStatus
from ..metrics import registry
from ..metrics.base import EvidenceRow, Measure, Period, Subject
from ..models import Rule

HUNDRED = Decimal(100)
TWO_PLACES = Decimal("0.01")


@dataclass
class Outcome:
    """What the engine returns for one rule and one subject: the figure, its judgement and its evidence."""

    rule: Rule
    subject: Subject
    period: Period
    status: str
    target: Decimal
    value: Decimal | None = None
    numerator: int | None = None
    denominator: int | None = None
    expected: Decimal | None = None
    reason: str = ""
    evidence: list[EvidenceRow] = field(default_factory=list)


def expected_now(target: Decimal, period: Period, as_of: datetime.date) -> Decimal:
    """The linear pro-rata share of a count target due by ``as_of``."""
    if period.closed:
        return target
    length = (period.end - period.start).days + 1
    elapsed = min(max((as_of - period.start).days + 1, 0), length)
    return (target * elapsed / length).quantize(TWO_PLACES, ROUND_HALF_UP)


def judge(rule: Rule, subject: Subject, period: Period, measure: Measure, as_of: datetime.date) -> Outcome:
    target = rule.threshold
    outcome = Outcome(rule=rule, subject=subject, period=period, status="", target=target,
                      evidence=measure.evidence)
    numerator = measure.numerator  # counted once: for evidence in Python, a pass over its rows
    if rule.is_share:
        outcome.numerator, outcome.denominator = numerator, measure.denominator
        if not outcome.denominator:
            outcome.status = ResultStatus.NOT_APPLICABLE
            outcome.reason = str(registry.get(rule.metric).empty_reason)
            return outcome
        outcome.value = (HUNDRED * numerator / outcome.denominator).quantize(TWO_PLACES, ROUND_HALF_UP)
        # A share must hold all along: what is expected now is the target itself.
        outcome.expected = target
        if outcome.value >= target:
            outcome.status = ResultStatus.MET if period.closed else ResultStatus.ON_TRACK
        else:
            outcome.status = ResultStatus.MISSED if period.closed else ResultStatus.AT_RISK
        return outcome
    outcome.value = Decimal(numerator)
    outcome.numerator = numerator
    outcome.expected = expected_now(target, period, as_of)
    if outcome.value >= target:
        outcome.status = ResultStatus.MET
    elif period.closed:
        outcome.status = ResultStatus.MISSED
    else:
        outcome.status = ResultStatus.ON_TRACK if outcome.value >= outcome.expected else ResultStatus.AT_RISK
    return outcome
