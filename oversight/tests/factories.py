"""factory_boy factories for the oversight app."""

import datetime

import factory

from councils.choices import BodyKind
from councils.tests.factories import AgencyFactory, BodyFactory, CouncilFactory, DeputyFactory
from oversight.choices import ActivityKind, ActivityStatus, WorkItemOrigin
from oversight.models import (
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Question,
    Recommendation,
    Training,
    WorkItem,
)


class ProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightProgramme

    council = factory.SubFactory(CouncilFactory)
    year = 2026
    title = factory.LazyAttribute(lambda o: f"Chương trình giám sát năm {o.year}")


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = OversightActivity

    council = factory.SubFactory(CouncilFactory)
    # Deputy groups: a council may have many, so each activity can get its own.
    body = factory.SubFactory(BodyFactory, council=factory.SelfAttribute("..council"), kind=BodyKind.DEPUTY_GROUP)
    kind = ActivityKind.THEMATIC
    title = factory.Sequence(lambda n: f"Giám sát chuyên đề số {n}")
    planned_start = datetime.date(2026, 5, 4)
    planned_end = datetime.date(2026, 5, 29)
    status = ActivityStatus.PLANNED


class RecommendationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Recommendation

    activity = factory.SubFactory(ActivityFactory, status=ActivityStatus.CONCLUDED)
    agency = factory.SubFactory(AgencyFactory)
    content = factory.Sequence(lambda n: f"Kiến nghị số {n}: đẩy nhanh tiến độ giải phóng mặt bằng")
    due_date = datetime.date(2026, 12, 31)


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question

    activity = factory.SubFactory(ActivityFactory, kind=ActivityKind.QUESTIONING_SESSION)
    asked_by = factory.SubFactory(DeputyFactory, council=factory.SelfAttribute("..activity.council"))
    answering_agency = factory.SubFactory(AgencyFactory)
    question = factory.Sequence(lambda n: f"Câu hỏi chất vấn số {n}")


class CommitmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commitment

    question = factory.SubFactory(QuestionFactory)
    agency = factory.SubFactory(AgencyFactory)
    content = factory.Sequence(lambda n: f"Cam kết số {n}")
    due_date = datetime.date(2026, 12, 31)


class WorkItemFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = WorkItem

    council = factory.SubFactory(CouncilFactory)
    year = factory.LazyAttribute(lambda o: o.due_date.year)
    origin = WorkItemOrigin.PLANNED
    title = factory.Sequence(lambda n: f"Công việc số {n}")
    lead = "Phó Chủ tịch HĐND"
    responsible_body = factory.SubFactory(BodyFactory, council=factory.SelfAttribute("..council"),
                                          kind=BodyKind.DEPUTY_GROUP)
    due_date = datetime.date(2026, 6, 30)
    deliverable = "Báo cáo"


class TrainingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Training

    council = factory.SubFactory(CouncilFactory)
    title = factory.Sequence(lambda n: f"Lớp bồi dưỡng kỹ năng số {n}")
    start_date = datetime.date(2026, 6, 10)
    end_date = datetime.date(2026, 6, 11)


class BriefingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Briefing

    council = factory.SubFactory(CouncilFactory)
    topic = factory.Sequence(lambda n: f"Giao ban chuyên đề số {n}")
    date = datetime.date(2026, 6, 20)
