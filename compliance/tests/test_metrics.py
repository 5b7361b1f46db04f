"""Each metric on a small scenario computed by hand: the exact value, the expected value now and the status."""

import datetime
from decimal import Decimal

import pytest
from django.db.models import Q

from compliance import engine
from compliance.choices import Metric, PeriodKind, ResultStatus, SubjectType
from councils.choices import BodyKind, CommitteeType, SessionKind
from councils.models import Term
from oversight.choices import ActivityKind, ActivityStatus, FollowUpStatus, WorkItemStatus
from voters.choices import MeetingKind, PetitionKind

from . import builders as b
from .builders import D

pytestmark = pytest.mark.django_db


def outcomes(code, as_of, scope=None):
    rules = [r for r in engine.active_rules() if r.code == code]
    return engine.evaluate(as_of=as_of, scope=scope or Q(), rules=rules)


def only(code, as_of, **match):
    found = [o for o in outcomes(code, as_of)
             if all(getattr(o.subject, k) == v for k, v in match.items())]
    assert len(found) == 1, found
    return found[0]


class TestActivityCount:
    def test_council_oversight_missions_by_the_plenary_only(self, council_a, term):
        plenary = b.body(council_a, term, BodyKind.PLENARY)
        board = b.body(council_a, term, BodyKind.STANDING_BOARD)
        b.rule("GS-HDND-2", params={"oversight_kinds": ["thematic"], "body_kinds": ["plenary"]})
        counted = b.activity(council_a, D(2026, 5, 10), body=plenary)
        b.activity(council_a, D(2026, 5, 11), body=board)  # the standing board's, not the council's
        b.activity(council_a, D(2026, 5, 12), body=plenary, status=ActivityStatus.CANCELLED)
        b.activity(council_a, D(2026, 5, 13), body=plenary, kind=ActivityKind.SURVEY)
        b.activity(council_a, D(2025, 12, 31), body=plenary)  # last year

        # 2 July is day 183 of 365: 2 x 183 / 365 = 1.0027 -> 1.00 expected; 1 held -> on track.
        result = only("GS-HDND-2", D(2026, 7, 2))
        assert (result.value, result.expected, result.status) == (Decimal(1), Decimal("1.00"), ResultStatus.ON_TRACK)
        assert [row.object_id for row in result.evidence] == [counted.pk]
        # 1 October: 2 x 274 / 365 = 1.50 expected, still 1 -> at risk.
        result = only("GS-HDND-2", D(2026, 10, 1))
        assert (result.expected, result.status) == (Decimal("1.50"), ResultStatus.AT_RISK)
        # 31 December closes the year.
        assert only("GS-HDND-2", D(2026, 12, 31)).status == ResultStatus.MISSED

    def test_year_boundary_31_december_vs_1_january(self, council_a, term):
        plenary = b.body(council_a, term, BodyKind.PLENARY)
        b.rule("GS-HDND-2", params={"oversight_kinds": ["thematic"]})
        b.activity(council_a, D(2026, 6, 1), body=plenary)
        b.activity(council_a, D(2026, 12, 31), body=plenary)
        b.activity(council_a, D(2027, 1, 1), body=plenary)

        last_day = only("GS-HDND-2", D(2026, 12, 31))
        assert (last_day.period.start, last_day.period.end, last_day.value) == (D(2026, 1, 1), D(2026, 12, 31), 2)
        assert last_day.status == ResultStatus.MET and last_day.period.closed
        first_day = only("GS-HDND-2", D(2027, 1, 1))
        assert (first_day.period.start, first_day.value, first_day.period.closed) == (D(2027, 1, 1), 1, False)
        # 1 of 2 on the first day: ahead of the pace (2 x 1/365 = 0.01), not yet met.
        assert (first_day.expected, first_day.status) == (Decimal("0.01"), ResultStatus.ON_TRACK)

    def test_standing_board_between_two_regular_sessions(self, council_a, term):
        board = b.body(council_a, term, BodyKind.STANDING_BOARD)
        b.rule("GS-TT-4", subject_type=SubjectType.STANDING_BOARD, period=PeriodKind.BETWEEN_SESSIONS, threshold="4",
               params={"oversight_kinds": ["thematic", "survey", "questioning_between", "explanation_hearing"]})
        b.session(council_a, term, 2, D(2026, 7, 10))
        b.session(council_a, term, 3, D(2026, 9, 1), kind=SessionKind.THEMATIC)  # does not split the window
        b.session(council_a, term, 4, D(2026, 12, 8))
        b.activity(council_a, D(2026, 7, 9), body=board)  # before the window
        first = b.activity(council_a, D(2026, 7, 10), body=board)
        second = b.activity(council_a, D(2026, 9, 15), body=board, kind=ActivityKind.QUESTIONING_BETWEEN)
        b.activity(council_a, D(2026, 12, 7), body=board)
        next_window = b.activity(council_a, D(2026, 12, 8), body=board)

        # Window 10/07-07/12 (151 days); 9 October is day 92: 4 x 92 / 151 = 2.44 expected; 2 held.
        result = only("GS-TT-4", D(2026, 10, 9))
        assert (result.period.start, result.period.end) == (D(2026, 7, 10), D(2026, 12, 7))
        assert (result.value, result.expected, result.status) == (2, Decimal("2.44"), ResultStatus.AT_RISK)
        assert {row.object_id for row in result.evidence} == {first.pk, second.pk}
        # The last day of the window closes it with 3 of 4.
        closing = only("GS-TT-4", D(2026, 12, 7))
        assert (closing.value, closing.status) == (3, ResultStatus.MISSED)
        # The next session opens a new window; with no later session scheduled it is assumed to last 182 days.
        opened = only("GS-TT-4", D(2026, 12, 8))
        assert (opened.period.start, opened.period.end, opened.value) == (D(2026, 12, 8), D(2027, 6, 8), 1)
        assert [row.object_id for row in opened.evidence] == [next_window.pk]

    def test_between_sessions_without_any_regular_session_is_not_applicable(self, council_a, term):
        b.body(council_a, term, BodyKind.STANDING_BOARD)
        b.rule("GS-TT-4", subject_type=SubjectType.STANDING_BOARD, period=PeriodKind.BETWEEN_SESSIONS, threshold="4")
        result = only("GS-TT-4", D(2026, 10, 9))
        assert result.status == ResultStatus.NOT_APPLICABLE
        assert "kỳ họp thường lệ" in result.reason

    def test_each_committee_and_the_legal_committee_filter(self, council_a, council_a1, term):
        legal = b.body(council_a, term, BodyKind.COMMITTEE, CommitteeType.LEGAL)
        economy = b.body(council_a, term, BodyKind.COMMITTEE, CommitteeType.ECONOMY_BUDGET)
        b.body(council_a1, term, BodyKind.COMMITTEE, CommitteeType.ECONOMY_BUDGET)
        b.rule("GS-BAN-2", subject_type=SubjectType.COMMITTEE, params={"oversight_kinds": ["thematic", "survey"]})
        b.rule("GS-PC-1", subject_type=SubjectType.COMMITTEE, committee_type=CommitteeType.LEGAL, threshold="1",
               params={"oversight_kinds": ["survey"]})
        b.activity(council_a, D(2026, 4, 1), body=legal, kind=ActivityKind.SURVEY)
        b.activity(council_a, D(2026, 5, 1), body=legal)
        b.activity(council_a, D(2026, 5, 2), body=economy)

        as_of = D(2026, 12, 31)
        committees = {o.subject.id: o for o in outcomes("GS-BAN-2", as_of) if o.subject.type == SubjectType.COMMITTEE}
        assert committees[legal.pk].status == ResultStatus.MET and committees[legal.pk].value == 2
        assert committees[economy.pk].status == ResultStatus.MISSED and committees[economy.pk].value == 1
        legal_rule = {o.subject.council_id: o for o in outcomes("GS-PC-1", as_of)}
        assert legal_rule[council_a.pk].status == ResultStatus.MET
        # Communes have no Legal committee since 2025.
        assert legal_rule[council_a1.pk].status == ResultStatus.NOT_APPLICABLE
        assert legal_rule[council_a1.pk].reason == "HĐND không có Ban Pháp chế trong nhiệm kỳ."

    def test_deputy_groups_and_thematic_voter_meetings(self, council_a, term):
        board = b.body(council_a, term, BodyKind.STANDING_BOARD)
        group_1 = b.body(council_a, term, BodyKind.DEPUTY_GROUP, name="Tổ 1")
        group_2 = b.body(council_a, term, BodyKind.DEPUTY_GROUP, name="Tổ 2")
        b.rule("GS-TO-1", subject_type=SubjectType.DEPUTY_GROUP, threshold="1", params={"oversight_kinds": ["survey"]})
        b.rule("TXCT-CD-1", subject_type=SubjectType.STANDING_BOARD, threshold="1",
               params={"voter_meeting_kinds": [MeetingKind.THEMATIC]})
        b.activity(council_a, D(2026, 6, 1), body=group_1, kind=ActivityKind.SURVEY)
        b.meeting(council_a, board, D(2026, 6, 5), kind=MeetingKind.BEFORE_SESSION)
        thematic = b.meeting(council_a, board, D(2026, 8, 5))

        groups = {o.subject.id: o for o in outcomes("GS-TO-1", D(2026, 12, 31))}
        assert (groups[group_1.pk].value, groups[group_1.pk].status) == (1, ResultStatus.MET)
        assert (groups[group_2.pk].value, groups[group_2.pk].status) == (0, ResultStatus.MISSED)
        board_result = only("TXCT-CD-1", D(2026, 9, 1))
        assert (board_result.value, board_result.status) == (1, ResultStatus.MET)
        assert [row.object_id for row in board_result.evidence] == [thematic.pk]

    def test_briefings_each_quarter(self, council_a, term):
        b.body(council_a, term, BodyKind.STANDING_BOARD)
        b.rule("GB-Q", subject_type=SubjectType.STANDING_BOARD, period=PeriodKind.QUARTER, threshold="1",
               params={"briefing": True})
        b.briefing(council_a, D(2026, 9, 30))
        fourth = b.briefing(council_a, D(2026, 10, 1))

        third_quarter = only("GB-Q", D(2026, 9, 30))
        assert (third_quarter.period.label, third_quarter.value, third_quarter.status) == (
            "Quý III/2026", 1, ResultStatus.MET)
        fourth_quarter = only("GB-Q", D(2026, 11, 15))
        assert (fourth_quarter.period.start, fourth_quarter.period.end) == (D(2026, 10, 1), D(2026, 12, 31))
        assert [row.object_id for row in fourth_quarter.evidence] == [fourth.pk]

    def test_regular_sessions_a_year(self, council_a, term):
        b.rule("KH-2", params={"session_kinds": [SessionKind.REGULAR]})
        b.session(council_a, term, 2, D(2026, 7, 10))
        b.session(council_a, term, 3, D(2026, 9, 1), kind=SessionKind.THEMATIC)
        assert only("KH-2", D(2026, 11, 1)).status == ResultStatus.AT_RISK  # 1 < 2 x 305/365 = 1.67
        b.session(council_a, term, 4, D(2026, 12, 8))
        result = only("KH-2", D(2026, 12, 31))
        assert (result.value, result.status) == (2, ResultStatus.MET)


class TestPetitionsForwarded:
    @pytest.fixture
    def scenario(self, council_a):
        b.petition(council_a, D(2026, 6, 1), due=D(2026, 6, 11), forwarded=D(2026, 6, 5))  # on time
        b.petition(council_a, D(2026, 6, 1), due=D(2026, 6, 11), forwarded=D(2026, 6, 20))  # late
        b.petition(council_a, D(2026, 6, 20))  # 10-day deadline 30/06 passed, not forwarded
        b.petition(council_a, D(2026, 7, 5))  # deadline 15/07 not reached: not judged yet
        b.petition(council_a, D(2026, 1, 5), forwarded=D(2026, 1, 6))  # outside the 90-day window
        target = b.petition(council_a, D(2026, 6, 2), due=D(2026, 6, 12), forwarded=D(2026, 6, 3))
        b.petition(council_a, D(2026, 6, 2), merged_into=target)  # merged: not counted
        b.petition(council_a, D(2026, 6, 3), due=D(2026, 6, 13), forwarded=D(2026, 6, 10), kind=PetitionKind.COMPLAINT)

    def test_share_forwarded_within_deadline(self, council_a, scenario):
        b.rule("KN-100", metric=Metric.PETITIONS_FORWARDED, period=PeriodKind.ROLLING_DAYS, period_days=90,
               threshold="100", params={"within_deadline": True, "deadline_days": 10})
        result = only("KN-100", D(2026, 7, 10))
        assert (result.period.start, result.period.end) == (D(2026, 4, 12), D(2026, 7, 10))
        # Judged: on time, late, unforwarded, the other on time, the letter: 3 of 5 within the deadline.
        assert (result.numerator, result.denominator, result.value) == (3, 5, Decimal("60.00"))
        assert result.status == ResultStatus.MISSED  # a rolling window is judged, not forecast

    def test_share_forwarded_at_all(self, council_a, scenario):
        b.rule("KN-ALL", metric=Metric.PETITIONS_FORWARDED, period=PeriodKind.ROLLING_DAYS, period_days=90,
               threshold="75", params={})
        result = only("KN-ALL", D(2026, 7, 10))
        assert (result.numerator, result.denominator, result.value) == (4, 5, Decimal("80.00"))
        assert result.status == ResultStatus.MET


def test_forwardings_answered_on_time(council_a):
    b.rule("TH-KNCT-90", metric=Metric.FORWARDINGS_ANSWERED_ON_TIME, threshold="90", params={})
    agency = b.agency()
    pet = b.petition(council_a, D(2026, 5, 1), forwarded=D(2026, 5, 2))
    b.forwarding(pet, b.agency(name="A1"), D(2026, 5, 2), D(2026, 6, 30), answered=D(2026, 6, 25))  # on time
    b.forwarding(pet, b.agency(name="A2"), D(2026, 5, 2), D(2026, 7, 15), answered=D(2026, 7, 20))  # late
    b.forwarding(pet, b.agency(name="A3"), D(2026, 5, 2), D(2026, 7, 20))  # overdue, no answer
    b.forwarding(pet, b.agency(name="A4"), D(2026, 5, 2), D(2026, 9, 30))  # not due yet: not judged
    b.forwarding(pet, agency, D(2026, 5, 2), D(2026, 9, 30), answered=D(2026, 7, 25))  # answered early

    result = only("TH-KNCT-90", D(2026, 8, 1))
    assert (result.numerator, result.denominator, result.value) == (2, 4, Decimal("50.00"))
    assert (result.expected, result.status) == (Decimal("90"), ResultStatus.AT_RISK)
    assert sorted(row.counted for row in result.evidence) == [False, False, True, True]


class TestDeputiesWithMinimum:
    @pytest.fixture
    def deputies(self, council_a, term):
        people = [b.deputy(council_a, term, f"Đại biểu {i}") for i in range(1, 5)]
        gone = b.deputy(council_a, term, "Đã thôi")
        gone.end_date = D(2026, 6, 30)
        gone.save()
        return people

    def test_citizen_receptions_as_scheduled(self, council_a, deputies):
        b.rule("TCD-100", metric=Metric.DEPUTIES_WITH_MIN, threshold="100",
               params={"source": "citizen_reception", "min_count": 1, "scheduled_only": True})
        d1, d2, d3, _d4 = deputies
        b.reception(council_a, d1, D(2026, 4, 1))
        b.reception(council_a, d1, D(2026, 5, 1))
        b.reception(council_a, d2, D(2026, 5, 2))
        b.reception(council_a, d3, D(2026, 5, 3), scheduled=False)
        b.reception(council_a, d3, D(2025, 5, 3))  # last year

        result = only("TCD-100", D(2026, 9, 1))
        assert (result.numerator, result.denominator, result.value) == (2, 4, Decimal("50.00"))
        assert result.status == ResultStatus.AT_RISK
        assert {row.object_id for row in result.evidence if row.counted} == {d1.pk, d2.pk}

    def test_at_least_two_receptions(self, council_a, deputies):
        b.rule("TCD-2", metric=Metric.DEPUTIES_WITH_MIN, threshold="25",
               params={"source": "citizen_reception", "min_count": 2})
        b.reception(council_a, deputies[0], D(2026, 4, 1))
        b.reception(council_a, deputies[0], D(2026, 5, 1))
        b.reception(council_a, deputies[1], D(2026, 5, 2))
        result = only("TCD-2", D(2026, 12, 31))
        assert (result.value, result.status) == (Decimal("25.00"), ResultStatus.MET)

    def test_trainings(self, council_a, deputies):
        b.rule("TH-100", metric=Metric.DEPUTIES_WITH_MIN, threshold="100", params={"source": "training"})
        b.training(council_a, D(2026, 4, 20), deputies[:3])
        result = only("TH-100", D(2026, 12, 31))
        assert (result.numerator, result.denominator, result.value) == (3, 4, Decimal("75.00"))
        assert result.status == ResultStatus.MISSED


class TestRecommendationsImplemented:
    @pytest.fixture
    def scenario(self, council_b, term):
        board = b.body(council_b, term)
        act = b.activity(council_b, D(2026, 2, 1), body=board)
        agency = b.agency()
        b.recommendation(act, agency, D(2026, 3, 1), FollowUpStatus.IMPLEMENTED)
        b.recommendation(act, agency, D(2026, 5, 1), FollowUpStatus.IMPLEMENTED)
        b.recommendation(act, agency, D(2026, 6, 1), FollowUpStatus.PARTLY_IMPLEMENTED)
        b.recommendation(act, agency, D(2026, 11, 30), FollowUpStatus.NOT_STARTED)
        b.recommendation(act, agency, D(2027, 2, 1), FollowUpStatus.NOT_STARTED)  # not due in 2026

    def test_share_implemented(self, scenario):
        b.rule("TH-KNGS-85", metric=Metric.RECOMMENDATIONS_IMPLEMENTED, threshold="85", params={})
        result = only("TH-KNGS-85", D(2026, 12, 31))
        assert (result.numerator, result.denominator, result.value) == (2, 4, Decimal("50.00"))
        assert result.status == ResultStatus.MISSED

    def test_partly_implemented_may_count(self, scenario):
        b.rule("KNGS-PART", metric=Metric.RECOMMENDATIONS_IMPLEMENTED, threshold="75", params={"count_partly": True})
        result = only("KNGS-PART", D(2026, 7, 1))  # only the three due by 1 July are judged
        assert (result.numerator, result.denominator, result.status) == (3, 3, ResultStatus.ON_TRACK)


def test_work_programme_seed_001_figure(council_a):
    """Seed 001: the 2019 work programme had 273 items, 248 done by their deadline: 90.8 %."""
    old_term = Term.objects.create(name="2016-2021", start_date=D(2016, 7, 1), end_date=D(2021, 6, 30))
    board = b.body(council_a, old_term)
    b.rule("CTCT-DH", metric=Metric.WORK_ITEMS_ON_TIME, threshold="90", params={})
    for i in range(273):
        due = D(2019, 1, 15) + (D(2019, 12, 20) - D(2019, 1, 15)) * i // 272
        if i < 248:
            b.work_item(council_a, board, due, done_on=due)  # done on the deadline day itself
        elif i < 260:
            b.work_item(council_a, board, due, done_on=due + datetime.timedelta(days=3))  # done late
        else:
            b.work_item(council_a, board, due)  # not done
    b.work_item(council_a, board, D(2019, 6, 1), status=WorkItemStatus.CANCELLED)  # not counted

    result = only("CTCT-DH", D(2019, 12, 31))
    assert (result.numerator, result.denominator) == (248, 273)
    assert result.value == Decimal("90.84") and f"{result.value:.1f}" == "90.8"
    assert result.status == ResultStatus.MET
    assert len(result.evidence) == 273


def test_session_documents_lead_time(council_a, term):
    b.rule("TL-7", metric=Metric.SESSION_DOCUMENTS_LEAD, threshold="100", params={"min_days": 7})
    on_time = b.session(council_a, term, 1, D(2026, 7, 10))
    b.document(on_time, D(2026, 7, 1))
    b.document(on_time, D(2026, 7, 3))  # the last one reached deputies exactly 7 days ahead
    late = b.session(council_a, term, 2, D(2026, 9, 8))
    b.document(late, D(2026, 9, 5))
    b.session(council_a, term, 3, D(2026, 10, 8))  # no documents at all
    unsent = b.session(council_a, term, 4, D(2026, 11, 8))
    b.document(unsent, D(2026, 10, 1))
    b.document(unsent, None)
    b.session(council_a, term, 5, D(2026, 12, 20))  # after the as-of date

    result = only("TL-7", D(2026, 12, 1))
    assert (result.numerator, result.denominator, result.value) == (1, 4, Decimal("25.00"))
    assert result.status == ResultStatus.AT_RISK
    assert [row.object_id for row in result.evidence if row.counted] == [on_time.pk]


def test_questioning_at_every_regular_session(council_b, term):
    b.rule("TH-CV-100", metric=Metric.SESSIONS_WITH_ACTIVITY, threshold="100",
           params={"session_kinds": ["regular"], "activity_kinds": ["questioning_session"]})
    board = b.body(council_b, term)
    first = b.session(council_b, term, 1, D(2026, 7, 10))
    b.session(council_b, term, 2, D(2026, 12, 8))
    thematic = b.session(council_b, term, 3, D(2026, 9, 1), kind=SessionKind.THEMATIC)
    b.activity(council_b, D(2026, 7, 11), body=board, kind=ActivityKind.QUESTIONING_SESSION, session=first)
    b.activity(council_b, D(2026, 9, 1), body=board, kind=ActivityKind.QUESTIONING_SESSION, session=thematic)

    assert only("TH-CV-100", D(2026, 8, 1)).status == ResultStatus.ON_TRACK  # 1 of 1 so far
    result = only("TH-CV-100", D(2026, 12, 31))
    assert (result.numerator, result.denominator, result.value) == (1, 2, Decimal("50.00"))
    assert result.status == ResultStatus.MISSED


def test_a_share_with_nothing_due_is_not_applicable(council_a):
    b.rule("CTCT-DH", metric=Metric.WORK_ITEMS_ON_TIME, threshold="90", params={})
    result = only("CTCT-DH", D(2026, 12, 31))
    assert result.status == ResultStatus.NOT_APPLICABLE
    assert result.reason == "Không có bản ghi nào đến hạn trong kỳ."


def test_term_and_half_year_periods(council_a, term):
    plenary = b.body(council_a, term, BodyKind.PLENARY)
    b.rule("TERM-10", period=PeriodKind.TERM, threshold="10")
    b.rule("HALF-1", period=PeriodKind.HALF_YEAR, threshold="1")
    b.activity(council_a, D(2026, 6, 30), body=plenary)
    b.activity(council_a, D(2026, 7, 1), body=plenary)

    whole = only("TERM-10", D(2026, 9, 14))
    assert (whole.period.start, whole.period.end, whole.period.label) == (D(2026, 3, 15), D(2031, 3, 14),
                                                                          "Nhiệm kỳ 2026-2031")
    assert whole.value == 2 and whole.status == ResultStatus.ON_TRACK  # 10 x 184/1826 = 1.01 expected
    first_half = only("HALF-1", D(2026, 6, 30))
    assert (first_half.period.label, first_half.value, first_half.status) == (
        "6 tháng đầu năm 2026", 1, ResultStatus.MET)
    assert only("HALF-1", D(2026, 7, 1)).period.start == D(2026, 7, 1)
    # Before the term began no term contains the date.
    assert only("TERM-10", D(2026, 3, 1)).reason == "Không có nhiệm kỳ chứa ngày tính."


def test_each_deputy_counts_own_oversight_and_meetings_attended(council_a, term):
    board = b.body(council_a, term)
    hoa, nam = b.deputy(council_a, term, "Trần Thị Hoa"), b.deputy(council_a, term, "Lê Văn Nam")
    b.rule("DB-2", subject_type=SubjectType.DEPUTY, threshold="2",
           params={"oversight_kinds": ["survey"], "voter_meeting_kinds": ["before_session", "thematic"]})
    b.activity(council_a, D(2026, 5, 1), deputy=hoa, kind=ActivityKind.SURVEY)
    attended = b.meeting(council_a, board, D(2026, 6, 1), kind=MeetingKind.BEFORE_SESSION)
    attended.deputies_present.set([hoa, nam])

    deputies = {o.subject.id: o for o in outcomes("DB-2", D(2026, 12, 31))}
    assert (deputies[hoa.pk].value, deputies[hoa.pk].status) == (2, ResultStatus.MET)
    assert (deputies[nam.pk].value, deputies[nam.pk].status) == (1, ResultStatus.MISSED)


def test_a_council_without_deputies_is_not_applicable_for_deputy_shares(council_a):
    b.rule("TH-100", metric=Metric.DEPUTIES_WITH_MIN, threshold="100", params={"source": "training"})
    result = only("TH-100", D(2026, 12, 31))
    assert (result.status, result.reason) == (ResultStatus.NOT_APPLICABLE, "HĐND chưa có đại biểu trong nhiệm kỳ.")
