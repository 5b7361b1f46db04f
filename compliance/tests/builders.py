"""Small builders for the records the compliance engine counts (kept here so these tests read on their own)."""

import datetime
from decimal import Decimal

from django.utils import timezone

from compliance.choices import Comparison, Metric, Obligation, PeriodKind, SubjectType
from compliance.models import Rule, RuleSet
from councils.choices import BodyKind, CommitteeType, SessionKind
from councils.models import Agency, Body, Deputy, Session, SessionDocument
from oversight.choices import ActivityKind, ActivityStatus, FollowUpStatus, WorkItemStatus
from oversight.models import (
    Briefing,
    OversightActivity,
    Recommendation,
    Training,
    TrainingAttendance,
    WorkItem,
)
from voters.choices import AnswerOutcome, ForwardingStatus, MeetingKind, PetitionKind, PetitionStatus
from voters.models import CitizenReception, Forwarding, Petition, VoterMeeting

D = datetime.date


def ruleset(code="test", council=None) -> RuleSet:
    return RuleSet.objects.get_or_create(code=code, defaults={"name": f"Bộ {code}", "council": council})[0]


def rule(code, *, metric=Metric.ACTIVITY_COUNT, subject_type=SubjectType.COUNCIL, period=PeriodKind.YEAR,
         threshold="2", params=None, levels=(), rs=None, **extra) -> Rule:
    comparison = Comparison.COUNT_AT_LEAST if metric == Metric.ACTIVITY_COUNT else Comparison.SHARE_AT_LEAST
    obj = Rule(ruleset=rs or ruleset(), code=code, title=f"Chỉ tiêu {code}", subject_type=subject_type, metric=metric,
               params=params if params is not None else {"oversight_kinds": [ActivityKind.THEMATIC]},
               period=period, comparison=comparison, threshold=Decimal(threshold),
               obligation=Obligation.REQUIRED, **extra)
    obj.full_clean()
    obj.save()
    obj.levels.set(levels)
    return obj


def body(council, term, kind=BodyKind.STANDING_BOARD, committee_type=CommitteeType.NONE, name=None) -> Body:
    return Body.objects.create(council=council, term=term, kind=kind, committee_type=committee_type,
                               name=name or f"{kind} {committee_type} {council.code}")


def deputy(council, term, name="Đại biểu") -> Deputy:
    return Deputy.objects.create(council=council, term=term, full_name=name, start_date=term.start_date)


def activity(council, day, *, body=None, deputy=None, kind=ActivityKind.THEMATIC, status=ActivityStatus.CONCLUDED,
             session=None, title="Giám sát") -> OversightActivity:
    return OversightActivity.objects.create(council=council, body=body, deputy=deputy, kind=kind, title=title,
                                            actual_start=day, status=status, session=session)


def session(council, term, number, start, kind=SessionKind.REGULAR) -> Session:
    return Session.objects.create(council=council, term=term, number=number, kind=kind, start_date=start,
                                  end_date=start + datetime.timedelta(days=2))


def document(sess, sent_on: datetime.date | None, title="Tờ trình") -> SessionDocument:
    sent_at = None
    if sent_on is not None:
        sent_at = timezone.make_aware(datetime.datetime.combine(sent_on, datetime.time(9)))
    return SessionDocument.objects.create(session=sess, title=title, sent_at=sent_at)


def meeting(council, body, day, kind=MeetingKind.THEMATIC) -> VoterMeeting:
    return VoterMeeting.objects.create(council=council, body=body, kind=kind, topic="Đất đai", date=day, place="Nhà văn hóa")


def briefing(council, day, topic="Giao ban quý") -> Briefing:
    return Briefing.objects.create(council=council, topic=topic, date=day)


def reception(council, dep, day, scheduled=True) -> CitizenReception:
    return CitizenReception.objects.create(council=council, deputy=dep, date=day, place="Trụ sở", scheduled=scheduled)


def training(council, day, attendees) -> Training:
    obj = Training.objects.create(council=council, title="Kỹ năng giám sát", start_date=day, end_date=day)
    for dep in attendees:
        TrainingAttendance.objects.create(training=obj, deputy=dep)
    return obj


def petition(council, received, *, forwarded=None, due=None, kind=PetitionKind.VOTER_PETITION, merged_into=None):
    status = PetitionStatus.FORWARDED if forwarded else PetitionStatus.CLASSIFIED
    if merged_into is not None:
        status = PetitionStatus.MERGED
    return Petition.objects.create(council=council, kind=kind, content="Kiến nghị về đường giao thông",
                                   received_on=received, forward_due=due, forwarded_on=forwarded, status=status,
                                   merged_into=merged_into)


def agency(council=None, name="Sở Xây dựng") -> Agency:
    return Agency.objects.get_or_create(council=council, name=name)[0]


def forwarding(pet, ag, sent, due, answered=None) -> Forwarding:
    return Forwarding.objects.create(
        petition=pet, agency=ag, forwarded_on=sent, due_date=due,
        status=ForwardingStatus.ANSWERED if answered else ForwardingStatus.PENDING,
        answered_on=answered, outcome=AnswerOutcome.RESOLVED if answered else "",
    )


def recommendation(act, ag, due, status=FollowUpStatus.NOT_STARTED) -> Recommendation:
    return Recommendation.objects.create(activity=act, agency=ag, content="Kiến nghị giám sát", due_date=due,
                                         status=status)


def work_item(council, responsible, due, done_on=None, status=None) -> WorkItem:
    if status is None:
        status = WorkItemStatus.DONE if done_on else WorkItemStatus.IN_PROGRESS
    return WorkItem.objects.create(council=council, year=due.year, title="Nội dung công tác", lead="Phó Chủ tịch",
                                   responsible_body=responsible, due_date=due, deliverable="Báo cáo",
                                   status=status, done_on=done_on)
