"""Metrics counting in SQL (``compliance.metrics.records``): each council's records judged within its own period,
the evidence read only when shown, and written by the run with INSERT … SELECT exactly as shown."""

from decimal import Decimal

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from compliance import engine, services
from compliance.choices import Metric, PeriodKind
from compliance.metrics.records import RecordsEvidence
from compliance.models import Evidence, Result
from voters.choices import AnswerOutcome, ForwardingStatus
from voters.models import Forwarding, Petition

from . import builders as b
from .builders import D

pytestmark = pytest.mark.django_db


def _outcomes(code, as_of):
    return {o.subject.council_id: o for o in engine.evaluate(
        as_of=as_of, scope=Q(), rules=[r for r in engine.active_rules() if r.code == code])}


@pytest.fixture
def forwardings(council_a):
    b.rule("TH-KNCT-90", metric=Metric.FORWARDINGS_ANSWERED_ON_TIME, threshold="90", params={})
    coded = b.petition(council_a, D(2026, 5, 1), forwarded=D(2026, 5, 2))
    coded.code = "KN-7"
    coded.save()
    uncoded = b.petition(council_a, D(2026, 5, 1), forwarded=D(2026, 5, 2))
    late = b.forwarding(coded, b.agency(name="Sở Xây dựng"), D(2026, 5, 2), D(2026, 6, 10), answered=D(2026, 6, 20))
    on_time = b.forwarding(uncoded, b.agency(name="Sở Y tế"), D(2026, 5, 2), D(2026, 6, 30), answered=D(2026, 6, 1))
    overdue = b.forwarding(uncoded, b.agency(name="Sở Nội vụ"), D(2026, 5, 2), D(2026, 7, 1))
    return late, on_time, overdue


def test_the_evidence_is_counted_in_sql_and_read_only_when_shown(council_a, forwardings):
    late, on_time, overdue = forwardings
    outcome = _outcomes("TH-KNCT-90", D(2026, 8, 1))[council_a.pk]
    assert isinstance(outcome.evidence, RecordsEvidence)
    assert (outcome.numerator, outcome.denominator, outcome.value) == (1, 3, Decimal("33.33"))
    assert len(outcome.evidence) == 3

    with CaptureQueriesContext(connection) as queries:
        first_two = outcome.evidence[:2]
    assert len(queries) == 1
    # Counted first, then by day: the order the result page shows.
    assert [(row.object_id, row.counted, row.date) for row in first_two] == [
        (on_time.pk, True, D(2026, 6, 30)), (late.pk, False, D(2026, 6, 10))]
    labels = {row.object_id: row.label for row in outcome.evidence}
    assert labels[late.pk] == "KN-7 → Sở Xây dựng"
    assert labels[overdue.pk] == "Kiến nghị về đường giao thông → Sở Nội vụ"
    assert outcome.evidence[5:9] == []


def test_the_run_writes_the_evidence_it_showed(council_a, forwardings):
    shown = {(row.object_id, row.counted, row.label, row.date)
             for row in _outcomes("TH-KNCT-90", D(2026, 8, 1))[council_a.pk].evidence}
    run = services.run_evaluation(as_of=D(2026, 8, 1))
    result = Result.objects.get(run=run, rule__code="TH-KNCT-90")
    stored = Evidence.objects.filter(result=result)
    assert set(stored.values_list("object_id", "counted", "label", "date")) == shown
    assert set(stored.values_list("content_type", flat=True)) == {ContentType.objects.get_for_model(Forwarding).pk}
    assert (result.numerator, result.denominator) == (1, 3)


def test_each_council_is_judged_within_its_own_period(council_a, council_a1, term):
    """Between sessions, every council has its own period: one statement judges them all, each in its own."""
    b.rule("KN-KY", metric=Metric.PETITIONS_FORWARDED, period=PeriodKind.BETWEEN_SESSIONS, threshold="100",
           params={"within_deadline": True, "deadline_days": 10})
    b.session(council_a, term, 1, D(2026, 6, 1))
    b.session(council_a1, term, 1, D(2026, 8, 1))
    for council in (council_a, council_a1):
        b.petition(council, D(2026, 7, 1), forwarded=D(2026, 7, 5))  # in council_a's period only
        b.petition(council, D(2026, 8, 3), forwarded=D(2026, 8, 20))  # in both: late (10-day deadline)
    Petition.objects.filter(council=council_a, received_on=D(2026, 7, 1)).update(code="KN-1")
    with CaptureQueriesContext(connection) as queries:
        outcomes = _outcomes("KN-KY", D(2026, 9, 1))
    assert sum("rec_council" in q["sql"] for q in queries) == 1
    assert (outcomes[council_a.pk].numerator, outcomes[council_a.pk].denominator) == (1, 2)
    assert (outcomes[council_a1.pk].numerator, outcomes[council_a1.pk].denominator) == (0, 1)
    assert [row.date for row in outcomes[council_a1.pk].evidence] == [D(2026, 8, 3)]

    run = services.run_evaluation(as_of=D(2026, 9, 1))
    stored = Evidence.objects.filter(result__run=run, result__rule__code="KN-KY")
    assert set(stored.values_list("result__council", "object_id")) == {
        (council, pk) for council, pk, day in Petition.objects.values_list("council", "pk", "received_on")
        if council == council_a.pk or day == D(2026, 8, 3)}
    assert set(stored.values_list("label", flat=True)) == {"KN-1 — Kiến nghị về đường giao thông",
                                                           "Kiến nghị về đường giao thông"}


def _rows(result) -> dict:
    return {row[0]: row[1:] for row in Evidence.objects.filter(result=result).values_list(
        "object_id", "pk", "counted", "label", "date", "record_version")}


def test_a_later_run_rewrites_only_the_evidence_rows_whose_records_changed(council_a, forwardings):
    """A run a day later keeps the result's id and the rows of the records that did not change; it deletes the
    row of a record no longer judged, rewrites that of a record answered or edited, adds one that fell due."""
    late, on_time, overdue = forwardings
    steady = b.forwarding(on_time.petition, b.agency(name="Sở Công Thương"), D(2026, 5, 2), D(2026, 7, 15),
                          answered=D(2026, 7, 10))
    services.run_evaluation(as_of=D(2026, 8, 1))
    result = Result.objects.get(rule__code="TH-KNCT-90")
    before = _rows(result)
    assert before[overdue.pk][1:] == (False, "Kiến nghị về đường giao thông → Sở Nội vụ", D(2026, 7, 1), 1)

    falls_due = b.forwarding(on_time.petition, b.agency(name="Sở Tài chính"), D(2026, 7, 1), D(2026, 8, 1))
    Forwarding.objects.filter(pk=overdue.pk).update(answered_on=D(2026, 7, 1), status=ForwardingStatus.ANSWERED,
                                                    outcome=AnswerOutcome.RESOLVED, version=overdue.version + 1)
    Forwarding.objects.filter(pk=on_time.pk).update(version=on_time.version + 1)  # edited, same figures
    Forwarding.objects.filter(pk=late.pk).update(  # due next year, not answered: no longer judged
        due_date=D(2027, 1, 5), answered_on=None, status=ForwardingStatus.PENDING, outcome="")
    services.run_evaluation(as_of=D(2026, 8, 2))

    after = _rows(Result.objects.get(pk=result.pk))
    assert set(after) == {steady.pk, on_time.pk, overdue.pk, falls_due.pk}
    assert after[steady.pk] == before[steady.pk]  # the same row
    assert after[on_time.pk][0] != before[on_time.pk][0] and after[on_time.pk][1:] == (
        True, "Kiến nghị về đường giao thông → Sở Y tế", D(2026, 6, 30), 2)
    assert after[overdue.pk][0] != before[overdue.pk][0] and after[overdue.pk][1:] == (
        True, "Kiến nghị về đường giao thông → Sở Nội vụ", D(2026, 7, 1), 2)
    assert after[falls_due.pk][1:] == (False, "Kiến nghị về đường giao thông → Sở Tài chính", D(2026, 8, 1), 1)
    assert (Result.objects.get(pk=result.pk).numerator, Result.objects.get(pk=result.pk).denominator) == (3, 4)
    # What is stored is what a run from nothing stores.
    Evidence.objects.all().delete()
    Result.objects.all().delete()
    services.run_evaluation(as_of=D(2026, 8, 2))
    fresh = _rows(Result.objects.get(rule__code="TH-KNCT-90"))
    assert {pk: row[1:] for pk, row in fresh.items()} == {pk: row[1:] for pk, row in after.items()}
