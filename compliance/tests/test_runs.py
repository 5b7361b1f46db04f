"""Evaluation runs: applicability, replacement of results, evidence, the lock, and a fixed number of queries."""

import datetime
from decimal import Decimal

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from compliance import engine, services
from compliance.choices import Metric, ResultStatus, RunStatus, SubjectType
from compliance.models import EvaluationLock, EvaluationRun, Evidence, Result, Rule
from councils.choices import BodyKind
from councils.models import Deputy, Session, Term
from councils.tests.factories import CouncilFactory
from oversight.models import Briefing, OversightActivity, Recommendation, WorkItem
from voters.models import Forwarding, Petition, VoterMeeting

from . import builders as b
from .builders import D

pytestmark = pytest.mark.django_db


class TestApplicability:
    def test_levels_and_rule_set_subtree(self, levels, council_a, council_a1, council_b, term):
        b.rule("PROVINCE-ONLY", levels=[levels["province"]], rs=b.ruleset("hn", council_a))
        found = {o.subject.council_id for o in engine.evaluate(as_of=D(2026, 9, 1), scope=Q())}
        # Not the commune (level), not Thanh Hóa (outside the rule set's subtree).
        assert found == {council_a.pk}

    def test_rule_subtree_narrows_the_rule_set(self, council_a, council_a1, council_b, term):
        b.rule("A1-ONLY", council=council_a1)
        assert {o.subject.council_id for o in engine.evaluate(as_of=D(2026, 9, 1), scope=Q())} == {council_a1.pk}

    def test_validity_dates(self, council_a, term):
        b.rule("FROM-TERM", valid_from=D(2026, 3, 15), valid_to=D(2026, 12, 31))
        before = engine.evaluate(as_of=D(2026, 3, 14), scope=Q())[0]
        assert before.status == ResultStatus.NOT_APPLICABLE
        assert before.reason == "Chỉ tiêu chưa có hiệu lực (áp dụng từ 15/03/2026)."
        assert engine.evaluate(as_of=D(2026, 3, 15), scope=Q())[0].status != ResultStatus.NOT_APPLICABLE
        after = engine.evaluate(as_of=D(2027, 1, 1), scope=Q())[0]
        assert after.reason == "Chỉ tiêu đã hết hiệu lực từ 01/01/2027."

    def test_retired_district_level_keeps_its_past_figures(self, levels, council_a):
        term_2021 = Term.objects.create(name="2021-2026", start_date=D(2021, 6, 1), end_date=D(2026, 3, 14))
        district = CouncilFactory(parent=council_a, level=levels["district"], code="001", valid_to=D(2025, 6, 30))
        plenary = b.body(district, term_2021, BodyKind.PLENARY)
        b.activity(district, D(2025, 3, 1), body=plenary)
        b.rule("GS", levels=[levels["district"]], threshold="1")

        past = engine.evaluate(as_of=D(2025, 5, 1), scope=Q())
        assert [(o.subject.id, o.status, o.value) for o in past] == [(district.pk, ResultStatus.MET, 1)]
        now = engine.evaluate(as_of=D(2026, 1, 10), scope=Q())[0]
        assert now.status == ResultStatus.NOT_APPLICABLE
        assert now.reason == "Cấp huyện không còn từ 01/07/2025."


class TestRuns:
    def test_run_stores_results_with_exactly_the_counted_evidence(self, hanoi_rules, council_a, populate):
        communes = populate(council_a, 2)
        run = services.run_evaluation(as_of=D(2026, 9, 15))

        assert run.status == RunStatus.FINISHED and run.finished_at and run.query_count
        assert sum(run.counts.values()) == Result.objects.filter(run=run).count() > 0
        board_rule = Result.objects.get(rule__code="TXCT-CD-1", council=communes[0])
        assert (board_rule.subject_type, board_rule.value, board_rule.status) == (
            SubjectType.STANDING_BOARD, Decimal(1), ResultStatus.MET)
        for result in Result.objects.filter(run=run).exclude(status=ResultStatus.NOT_APPLICABLE):
            counted = Evidence.objects.filter(result=result, counted=True).count()
            assert counted == result.numerator, result
            if result.rule.is_share:
                assert Evidence.objects.filter(result=result).count() == result.denominator
        survey = Result.objects.get(rule__code="GS-BAN-2", subject_name__contains="economy", council=communes[1])
        evidence = Evidence.objects.get(result=survey)
        assert evidence.content_type == ContentType.objects.get_for_model(OversightActivity)
        assert OversightActivity.objects.get(pk=evidence.object_id).body_id == survey.subject_id

    def test_second_run_for_the_same_date_replaces_the_first(self, hanoi_rules, council_a, populate):
        populate(council_a, 2)
        first = services.run_evaluation(as_of=D(2026, 9, 15))
        keys = set(Result.objects.values_list("rule_id", "subject_type", "subject_id", "period_start"))
        second = services.run_evaluation(as_of=D(2026, 9, 15))

        assert not Result.objects.filter(run=first).exists()
        assert set(Result.objects.values_list("rule_id", "subject_type", "subject_id", "period_start")) == keys
        assert Result.objects.filter(run=second).count() == len(keys)
        assert not Evidence.objects.exclude(result__run=second).exists()
        # No foreign key constraint guards Evidence.result: the run itself leaves no evidence behind.
        assert not Evidence.objects.exclude(result_id__in=Result.objects.values("pk")).exists()

    def test_a_closed_period_stays_when_the_next_one_is_evaluated(self, hanoi_rules, council_a, populate):
        populate(council_a, 1)
        services.run_evaluation(as_of=D(2026, 12, 31))
        services.run_evaluation(as_of=D(2027, 1, 2))
        years = set(Result.objects.filter(rule__code="KH-2").values_list("period_start", "status"))
        assert (D(2026, 1, 1), ResultStatus.MET) in years
        assert {start for start, _s in years} == {D(2026, 1, 1), D(2027, 1, 1)}

    def test_council_run_touches_only_that_council(self, hanoi_rules, council_a, populate):
        one, two = populate(council_a, 2)
        services.run_evaluation(as_of=D(2026, 9, 15))
        before_two = set(Result.objects.filter(council=two).values_list("pk", flat=True))
        run = services.run_evaluation(as_of=D(2026, 9, 15), council=one, include_subtree=False)
        assert set(Result.objects.filter(council=two).values_list("pk", flat=True)) == before_two
        assert set(Result.objects.filter(council=one).values_list("run_id", flat=True)) == {run.pk}
        assert not Evidence.objects.exclude(result_id__in=Result.objects.values("pk")).exists()

    def test_a_failed_run_leaves_the_previous_results(self, hanoi_rules, council_a, populate, monkeypatch):
        populate(council_a, 1)
        good = services.run_evaluation(as_of=D(2026, 9, 15))
        count = Result.objects.count()

        def broken(**kwargs):
            raise RuntimeError("hỏng")

        monkeypatch.setattr(engine, "evaluate", broken)
        with pytest.raises(RuntimeError):
            services.run_evaluation(as_of=D(2026, 9, 15))
        failed = EvaluationRun.objects.latest("id")
        assert failed.status == RunStatus.FAILED and "hỏng" in failed.error
        assert Result.objects.count() == count and set(Result.objects.values_list("run", flat=True)) == {good.pk}

    def test_duplicate_results_are_impossible(self, hanoi_rules, council_a, populate):
        populate(council_a, 1)
        run = services.run_evaluation(as_of=D(2026, 9, 15))
        existing = Result.objects.filter(run=run).first()
        existing.pk = None
        with pytest.raises(Exception, match="(?i)unique"):
            existing.save()


class TestLock:
    def test_a_second_run_is_refused_while_the_lock_is_held(self, hanoi_rules, council_a, populate):
        populate(council_a, 1)
        first = services.run_evaluation(as_of=D(2026, 9, 15))
        token = services.acquire_lock()
        assert token and services.acquire_lock() is None
        with pytest.raises(services.EvaluationBusy):
            services.run_evaluation(as_of=D(2026, 9, 15))
        # Nothing half-done: the earlier run's results are the only ones.
        assert set(Result.objects.values_list("run", flat=True)) == {first.pk}
        services.release_lock(token)
        assert services.run_evaluation(as_of=D(2026, 9, 15)).status == RunStatus.FINISHED

    def test_an_expired_lock_is_taken_over(self, db):
        token = services.acquire_lock()
        EvaluationLock.objects.update(expires_at=timezone.now() - datetime.timedelta(seconds=1))
        assert services.acquire_lock() not in (None, token)

    def test_the_lock_lasts_the_time_limit_and_names_its_task_and_run(self, hanoi_rules, council_a, monkeypatch):
        seen = []
        evaluate = engine.evaluate

        def looking(**kwargs):
            seen.append(EvaluationLock.objects.values("owner", "run", "expires_at").get())
            return evaluate(**kwargs)

        monkeypatch.setattr(engine, "evaluate", looking)
        before = timezone.now()
        run = services.run_evaluation(as_of=D(2026, 9, 15), time_limit=1900, owner="task-1")
        lock = seen[0]
        assert (lock["owner"], lock["run"]) == ("task-1", run.pk)
        assert before + datetime.timedelta(seconds=1900) <= lock["expires_at"] <= timezone.now() + datetime.timedelta(
            seconds=1900)
        assert not EvaluationLock.objects.exists()
        # Without a task (a command), the lock lasts as long as the longest task may run.
        services.run_evaluation(as_of=D(2026, 9, 15))
        assert seen[1]["owner"] == "" and seen[1]["expires_at"] >= before + datetime.timedelta(
            seconds=settings.COMPLIANCE_FULL_RUN_TIME_LIMIT)

    def test_a_failed_run_releases_the_lock(self, hanoi_rules, council_a, monkeypatch):
        monkeypatch.setattr(engine, "evaluate", lambda **kwargs: 1 / 0)
        with pytest.raises(ZeroDivisionError):
            services.run_evaluation(as_of=D(2026, 9, 15), time_limit=60, owner="task-1")
        assert EvaluationRun.objects.get().status == RunStatus.FAILED
        assert not EvaluationLock.objects.exists()

    def test_taking_over_an_expired_lock_fails_the_run_it_belonged_to(self, db):
        dead = EvaluationRun.objects.create(as_of=D(2026, 9, 15))
        services.acquire_lock(ttl=60, owner="task-1")
        EvaluationLock.objects.update(run=dead, expires_at=timezone.now() - datetime.timedelta(seconds=1))
        assert services.acquire_lock(ttl=60, owner="task-1")
        dead.refresh_from_db()
        assert dead.status == RunStatus.FAILED and dead.finished_at is not None
        assert dead.error == "Quá thời hạn chạy mà chưa xong: tiến trình tính đã dừng giữa chừng (ví dụ bị tắt)."


class TestSetBased:
    def test_queries_per_run_do_not_grow_with_councils(self, hanoi_rules, thanh_hoa_rules, council_a, council_b,
                                                       populate):
        ContentType.objects.get_for_models(*_evidence_models())
        populate(council_a, 2)
        populate(council_b, 1)
        with CaptureQueriesContext(connection) as small:
            small_run = services.run_evaluation(as_of=D(2026, 9, 15))
        populate(council_a, 6, start=10)
        populate(council_b, 4, start=10)
        with CaptureQueriesContext(connection) as large:
            large_run = services.run_evaluation(as_of=D(2026, 9, 15))

        assert sum(large_run.counts.values()) > 2 * sum(small_run.counts.values())
        # Reading and judging take the same statements whatever the size; only the bulk writes of the
        # results and evidence are split in batches (SQLite caps the parameters of one statement).
        assert _reads(large) == _reads(small), "\n".join(q["sql"][:200] for q in large.captured_queries)
        rows = Result.objects.count() + Evidence.objects.count()
        assert len(large) - len(_reads(large)) <= 5 + rows // 50
        # A fixed handful per rule: subjects, sessions when needed, one per source of records.
        assert large_run.query_count <= 4 * Rule.objects.count() + 20

    def test_engine_queries_per_rule_are_fixed(self, hanoi_rules, council_a, populate,
                                               django_assert_max_num_queries):
        populate(council_a, 1)
        rules = engine.active_rules()
        with CaptureQueriesContext(connection) as small:
            engine.evaluate(as_of=D(2026, 9, 15), scope=Q(), rules=rules)
        populate(council_a, 5, start=10)
        with django_assert_max_num_queries(len(small)):
            engine.evaluate(as_of=D(2026, 9, 15), scope=Q(), rules=rules)


    def test_rules_alike_read_once(self, hanoi_rules, council_a, populate):
        """A second rule of the same metric, parameters and subjects (another target) adds no query, and is
        judged on the same figures; one with other parameters is measured on its own."""
        populate(council_a, 2)
        base = Rule.objects.get(code="GS-BAN-2")
        with CaptureQueriesContext(connection) as before:
            engine.evaluate(as_of=D(2026, 9, 15), scope=Q())
        twin = b.rule("GS-BAN-9", subject_type=base.subject_type, params=base.params, threshold="1",
                      rs=base.ruleset, levels=base.levels.all())
        with CaptureQueriesContext(connection) as with_twin:
            outcomes = engine.evaluate(as_of=D(2026, 9, 15), scope=Q())
        assert len(with_twin) == len(before)
        figures = {(o.rule.code, o.subject.id): (o.value, o.status) for o in outcomes}
        twins = [(key[1], value) for key, value in figures.items() if key[0] == twin.code]
        assert twins and all(figures[(base.code, subject)][0] == value for subject, (value, _status) in twins)
        assert {status for _subject, (_value, status) in twins} != {figures[(base.code, s)][1] for s, _v in twins}

        b.rule("GS-BAN-X", subject_type=base.subject_type, params={"oversight_kinds": ["thematic"]},
               rs=base.ruleset, levels=base.levels.all())
        with CaptureQueriesContext(connection) as with_other:
            engine.evaluate(as_of=D(2026, 9, 15), scope=Q())
        assert len(with_other) == len(before) + 1  # its records; its subjects are the twins' (committees)


    def test_rules_alike_in_sql_each_store_their_evidence(self, hanoi_rules, council_a, populate):
        """Two petition rules measured alike share their records; each result still gets its evidence."""
        populate(council_a, 2)
        base = Rule.objects.get(code="KN-100")
        twin = b.rule("KN-99", metric=base.metric, subject_type=base.subject_type, params=base.params,
                      period=base.period, period_days=base.period_days, threshold="99", rs=base.ruleset,
                      levels=base.levels.all())
        services.run_evaluation(as_of=D(2026, 9, 15))
        for rule in (base, twin):
            results = Result.objects.filter(rule=rule, denominator__gt=0)
            assert results.exists()
            for result in results:
                assert Evidence.objects.filter(result=result).count() == result.denominator, rule.code


def _reads(queries) -> list[str]:
    """The statements that read (writes depend on what changed since the last run: kept results are moved to
    the new run, replaced ones deleted, new ones inserted)."""
    return [q["sql"].split(" ")[0] for q in queries.captured_queries
            if not q["sql"].startswith(("INSERT", "UPDATE", "DELETE"))]


def _evidence_models():
    return [OversightActivity, Deputy, Session, Briefing, Recommendation, WorkItem, Forwarding, Petition, VoterMeeting]


def test_metric_of_a_rule_with_bad_parameters_is_refused(db):
    rule = Rule(ruleset=b.ruleset(), code="BAD", title="Sai", subject_type=SubjectType.DEPUTY,
                metric=Metric.RECOMMENDATIONS_IMPLEMENTED, params={"source": "x", "count_partly": "có"},
                period="year", comparison="count_gte", threshold=Decimal("120"))
    with pytest.raises(Exception) as info:
        rule.full_clean()
    messages = info.value.message_dict
    assert "params" in messages and "subject_type" in messages and "comparison" in messages
    assert any("source" in m for m in messages["params"])


def test_two_dates_on_either_side_of_new_year(hanoi_rules, council_a, populate):
    populate(council_a, 1)
    services.run_evaluation(as_of=datetime.date(2026, 12, 31))
    closed = Result.objects.get(rule__code="GS-BAN-2", subject_name__contains="economy", period_start=D(2026, 1, 1))
    assert closed.status == ResultStatus.MISSED and closed.period_end == D(2026, 12, 31)
