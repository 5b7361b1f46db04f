"""A run keeps the stored results whose figures and evidence it finds unchanged (with their evidence rows) and
rewrites only the others, and what it leaves is exactly what a run from nothing would store."""

import pytest
from django.db import connection
from django.db.models import F
from django.test.utils import CaptureQueriesContext

from compliance import services
from compliance.metrics.base import EvidenceRow, evidence_digest
from compliance.models import Evidence, Result
from oversight.models import OversightActivity
from voters.models import Petition

from .builders import D

pytestmark = pytest.mark.django_db

AS_OF = D(2026, 9, 15)


def stored() -> dict:
    """Every stored result by its key: its figures and its evidence (what a reader of the results sees)."""
    evidence: dict[int, set] = {}
    for row in Evidence.objects.values_list("result_id", "content_type_id", "object_id", "counted", "label", "date"):
        evidence.setdefault(row[0], set()).add(row[1:])
    return {
        (rule, kind, subject, start): (tuple(figures), frozenset(evidence.get(pk, ())))
        for pk, rule, kind, subject, start, *figures in Result.objects.values_list(
            "pk", "rule_id", "subject_type", "subject_id", "period_start", "council_id", "subject_name", "as_of",
            "period_end", "period_label", "value", "numerator", "denominator", "target", "expected", "status",
            "reason", "evidence_digest")
    }


def from_nothing(as_of=AS_OF) -> dict:
    """What a run stores when no result was stored before it (the results are put back afterwards)."""
    Evidence.objects.all().delete()
    Result.objects.all().delete()
    services.run_evaluation(as_of=as_of)
    return stored()


def ids_by_key() -> dict:
    return {tuple(key): pk for pk, *key in Result.objects.values_list("pk", "rule_id", "subject_type", "subject_id",
                                                                       "period_start")}


def test_an_unchanged_country_keeps_every_result_and_evidence_row(hanoi_rules, council_a, populate):
    populate(council_a, 2)
    first = services.run_evaluation(as_of=AS_OF)
    results = ids_by_key()
    evidence = set(Evidence.objects.values_list("pk", flat=True))
    assert evidence and Result.objects.filter(evidence_digest__isnull=True).count() == 0

    with CaptureQueriesContext(connection) as queries:
        second = services.run_evaluation(as_of=AS_OF)

    assert ids_by_key() == results
    assert set(Evidence.objects.values_list("pk", flat=True)) == evidence
    # Moved to the new run, with its date; nothing deleted, no result or evidence row written.
    assert set(Result.objects.values_list("run_id", "as_of")) == {(second.pk, AS_OF)}
    assert second.counts == first.counts
    writes = [q["sql"] for q in queries.captured_queries
              if "compliance_evidence" in q["sql"] and q["sql"].lstrip().startswith(("INSERT", "DELETE", "WITH"))]
    assert writes == []


def evidence_ids_by_result() -> dict:
    ids: dict[int, set] = {}
    for result_id, pk in Evidence.objects.values_list("result_id", "pk"):
        ids.setdefault(result_id, set()).add(pk)
    return ids


def test_a_changed_record_rewrites_only_the_results_it_changes(hanoi_rules, council_a, populate):
    one, two = populate(council_a, 2)
    services.run_evaluation(as_of=AS_OF)
    before, figures_before, evidence_before = ids_by_key(), stored(), evidence_ids_by_result()

    # A petition of the first commune not forwarded after all: its forwarding share changes; an oversight
    # activity of the second renamed: the evidence label of the results counting it changes.
    Petition.objects.filter(council=one).update(forwarded_on=None, version=F("version") + 1)
    counted = Evidence.objects.filter(content_type__model="oversightactivity").values("object_id")
    survey = OversightActivity.objects.filter(council=two, pk__in=counted).first()
    OversightActivity.objects.filter(pk=survey.pk).update(title="Giám sát đã đổi tên")
    services.run_evaluation(as_of=AS_OF)

    # Every result keeps its id, rewritten or not: a link to one still opens it.
    assert ids_by_key() == before
    figures_after, evidence_after = stored(), evidence_ids_by_result()
    changed = {key for key in before if figures_after[key] != figures_before[key]}
    assert changed, "the edits changed nothing"
    rules = set(Result.objects.filter(pk__in=[before[key] for key in changed]).values_list("rule__code", flat=True))
    assert "KN-100" in rules
    assert Evidence.objects.filter(object_id=survey.pk, label="Giám sát đã đổi tên").exists()
    assert not Evidence.objects.filter(object_id=survey.pk, label=survey.title).exists()
    # The evidence the edits did not change is the same rows (test_records_evidence: the rows of one result).
    unchanged = [pk for key, pk in before.items() if figures_after[key][1] == figures_before[key][1]]
    assert unchanged and all(evidence_after.get(pk) == evidence_before.get(pk) for pk in unchanged)
    untouched = Result.objects.filter(council=two, rule__code="KN-100").get()
    assert (untouched.rule_id, untouched.subject_type, untouched.subject_id, untouched.period_start) not in changed
    # And what is stored is what a run from nothing stores.
    kept = stored()
    assert kept == from_nothing()


def test_an_edit_that_changes_no_figure_still_refreshes_the_evidence(hanoi_rules, council_a, populate):
    """A petition's content edited (a new version, same figures): its evidence label is rewritten."""
    one, = populate(council_a, 1)
    services.run_evaluation(as_of=AS_OF)
    petition = Petition.objects.get(council=one)
    Petition.objects.filter(pk=petition.pk).update(content="Nội dung đã sửa", version=F("version") + 1)
    services.run_evaluation(as_of=AS_OF)

    labels = set(Evidence.objects.filter(object_id=petition.pk, result__rule__code="KN-100")
                 .values_list("label", flat=True))
    assert labels and all("Nội dung đã sửa" in label for label in labels)
    assert stored() == from_nothing()


def test_the_next_day_matches_a_run_from_nothing(hanoi_rules, thanh_hoa_rules, council_a, council_b, populate):
    """A day later the pro-rata targets and the rolling window move: whatever the run kept or rewrote, the
    stored results are those of a run from nothing."""
    populate(council_a, 2)
    populate(council_b, 1)
    services.run_evaluation(as_of=AS_OF)
    before, figures_before, evidence_before = ids_by_key(), stored(), evidence_ids_by_result()
    services.run_evaluation(as_of=D(2026, 9, 16))
    after, figures_after = ids_by_key(), stored()
    same_key = set(before) & set(after)
    assert {key for key in same_key if figures_after[key][0] != figures_before[key][0]}, "nothing was rewritten"
    assert set(after) - set(before), "no new period (the rolling window's) was written"
    # Results whose figures moved but not their evidence (a pro-rata target) keep their id and evidence rows.
    moved_only = [key for key in same_key
                  if figures_after[key][0] != figures_before[key][0] and figures_after[key][1] == figures_before[key][1]
                  and figures_before[key][1]]
    assert moved_only, "no result kept its evidence through a change of figures"
    assert all(after[key] == before[key] for key in same_key)
    evidence_after = evidence_ids_by_result()
    assert all(evidence_after[before[key]] == evidence_before[before[key]] for key in moved_only)
    assert stored() == from_nothing(D(2026, 9, 16))


def test_a_council_run_keeps_its_unchanged_results_too(hanoi_rules, council_a, populate):
    one, two = populate(council_a, 2)
    services.run_evaluation(as_of=AS_OF)
    before = ids_by_key()
    run = services.run_evaluation(as_of=AS_OF, council=one, include_subtree=False)
    assert ids_by_key() == before
    assert set(Result.objects.filter(council=one).values_list("run_id", flat=True)) == {run.pk}
    assert run.pk not in set(Result.objects.filter(council=two).values_list("run_id", flat=True))


def test_the_digest_of_evidence_in_python_ignores_order_and_sees_every_part():
    rows = [EvidenceRow(Petition, 1, True, "a", D(2026, 1, 1)), EvidenceRow(Petition, 2, False, "b", None)]
    digest = evidence_digest(rows)
    assert digest == evidence_digest(rows[::-1]) and evidence_digest([]) == 0
    changed = [
        [rows[0]._replace(counted=False), rows[1]], [rows[0]._replace(label="c"), rows[1]],
        [rows[0]._replace(date=D(2026, 1, 2)), rows[1]], [rows[0]._replace(object_id=3), rows[1]],
        [rows[0]._replace(model=OversightActivity), rows[1]], rows[:1],
    ]
    assert len({digest, *(evidence_digest(variant) for variant in changed)}) == len(changed) + 1
