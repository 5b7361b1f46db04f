"""The metrics registry: every stored code has one spec, and a metric registered only here is validated,
evaluated and stored like a shipped one."""

from collections import defaultdict
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from compliance import services
from compliance.choices import Comparison, Metric, PeriodKind, ResultStatus, SubjectType
from compliance.metrics import registry
from compliance.metrics.base import EvidenceRow, Measure, MetricSpec, Param, collect, window
from compliance.models import Result, Rule
from oversight.models import Briefing

from . import builders as b
from .builders import D

pytestmark = pytest.mark.django_db

ON_TOPIC = "test_briefings_on_topic"  # not a Metric choice: the registry alone makes it valid


def briefings_on_topic(rule, ctx, subjects, periods) -> dict:
    """Of the council's briefings held by now in its period, those whose topic contains the rule's topic."""
    start, end = window(periods)
    measures = defaultdict(Measure)
    rows = Briefing.objects.filter(ctx.council_q("council"), date__gte=start, date__lte=min(end, ctx.as_of))
    for council_id, pk, topic, day in rows.values_list("council_id", "id", "topic", "date"):
        counted = rule.params["topic"].lower() in topic.lower()
        collect(measures, periods, (SubjectType.COUNCIL, council_id), EvidenceRow(Briefing, pk, counted, topic, day),
                in_period_date=day)
    return measures


@pytest.fixture
def on_topic():
    spec = registry.register(MetricSpec(
        code=ON_TOPIC, comparison=Comparison.SHARE_AT_LEAST, measure=briefings_on_topic,
        params={"topic": Param(str)}, required=("topic",), empty_reason="Không có buổi giao ban nào trong kỳ.",
    ))
    yield spec
    registry.unregister(spec.code)


def _rule(**fields) -> Rule:
    values = {"ruleset": b.ruleset(), "code": "GB-CD", "title": "Giao ban đúng chủ đề", "metric": ON_TOPIC,
              "subject_type": SubjectType.COUNCIL, "params": {"topic": "giao ban quý"}, "period": PeriodKind.YEAR,
              "comparison": Comparison.SHARE_AT_LEAST, "threshold": Decimal("60")}
    return Rule(**{**values, **fields})


def test_every_stored_metric_code_has_one_spec_in_the_order_of_the_choices():
    assert [spec.code for spec in registry.all()] == Metric.values


def test_a_code_is_registered_once(on_topic):
    with pytest.raises(ValueError, match=ON_TOPIC):
        registry.register(on_topic)


def test_a_metric_registered_in_a_test_is_evaluated_and_stored(on_topic, council_a, council_b):
    first = b.briefing(council_a, D(2026, 3, 2), topic="Giao ban quý I")
    second = b.briefing(council_a, D(2026, 6, 1), topic="Giao ban quý II")
    other = b.briefing(council_a, D(2026, 8, 3), topic="Chuẩn bị kỳ họp thứ ba")
    b.briefing(council_a, D(2025, 12, 1), topic="Giao ban quý IV")  # last year
    b.briefing(council_a, D(2026, 10, 1), topic="Giao ban quý III")  # not held yet on the as-of date
    rule = b.rule("GB-CD", metric=ON_TOPIC, threshold="60", params={"topic": "giao ban quý"})

    run = services.run_evaluation(as_of=D(2026, 9, 15))

    assert run.counts == {ResultStatus.ON_TRACK: 1, ResultStatus.NOT_APPLICABLE: 1}
    held = Result.objects.get(rule=rule, council=council_a)
    # 2 of the 3 briefings held in 2026 by 15 September were on the topic: 66.67 % >= 60 %, the year still open.
    assert (held.value, held.numerator, held.denominator, held.expected, held.status, held.period_label) == (
        Decimal("66.67"), 2, 3, Decimal("60.00"), ResultStatus.ON_TRACK, "Năm 2026")
    assert {(row.object_id, row.counted) for row in held.evidence.all()} == {
        (first.pk, True), (second.pk, True), (other.pk, False)}
    none = Result.objects.get(rule=rule, council=council_b)
    assert (none.status, none.reason, none.value, none.denominator) == (
        ResultStatus.NOT_APPLICABLE, "Không có buổi giao ban nào trong kỳ.", None, 0)


def test_rules_using_it_are_checked_against_its_spec(on_topic):
    _rule().full_clean()
    with pytest.raises(ValidationError) as info:
        _rule(params={"subject": "x"}, subject_type=SubjectType.DEPUTY,
              comparison=Comparison.COUNT_AT_LEAST).full_clean()
    messages = info.value.message_dict
    assert messages["params"] == ["Tham số “subject” không dùng cho cách đo này.", "Thiếu tham số “topic”."]
    assert set(messages) == {"params", "subject_type", "comparison"}


def test_once_unregistered_its_code_is_refused():
    with pytest.raises(ValidationError) as info:
        _rule().full_clean()
    assert "Cách đo không hợp lệ." in info.value.message_dict["metric"]
