"""factory_boy factories for the voters app. They build rows directly (for test set-up); the behaviour
under test goes through voters.services."""

import datetime

import factory

from councils.choices import BodyKind
from councils.tests.factories import BodyFactory, CouncilFactory, DeputyFactory, TermFactory
from voters.choices import Channel, FeedbackStatus, ForwardingStatus, MeetingKind, PetitionKind
from voters.models import (
    Attachment,
    CitizenReception,
    Forwarding,
    Petition,
    PetitionNumbering,
    VoterFeedback,
    VoterMeeting,
)
from voters.search import petition_search_text


class VoterMeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoterMeeting
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    body = factory.SubFactory(BodyFactory, council=factory.SelfAttribute("..council"), kind=BodyKind.DEPUTY_GROUP)
    kind = MeetingKind.BEFORE_SESSION
    date = datetime.date(2026, 11, 2)
    place = factory.Sequence(lambda n: f"Nhà văn hóa tổ dân phố {n}")
    attendance = 120


class CitizenReceptionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CitizenReception

    council = factory.SubFactory(CouncilFactory)
    deputy = factory.SubFactory(DeputyFactory, council=factory.SelfAttribute("..council"),
                                term=factory.SubFactory(TermFactory))
    date = datetime.date(2026, 11, 5)
    place = "Trụ sở tiếp công dân"
    people_count = 3


class PetitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Petition
        skip_postgeneration_save = True

    council = factory.SubFactory(CouncilFactory)
    kind = PetitionKind.VOTER_PETITION
    channel = Channel.VOTER_MEETING
    content = factory.Sequence(lambda n: f"Cử tri đề nghị sửa chữa đường giao thông số {n} bị xuống cấp")
    received_on = datetime.date(2026, 11, 2)
    forward_due = datetime.date(2026, 11, 9)
    search_text = factory.LazyAttribute(
        lambda o: petition_search_text(content=o.content, code=o.code, sender_name=o.sender_name))
    code = ""
    sender_name = ""


class ForwardingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Forwarding

    petition = factory.SubFactory(PetitionFactory)
    agency = factory.SubFactory("councils.tests.factories.AgencyFactory")
    forwarded_on = datetime.date(2026, 11, 10)
    due_date = datetime.date(2026, 12, 10)
    status = ForwardingStatus.PENDING


class AttachmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attachment

    petition = factory.SubFactory(PetitionFactory)
    file = factory.django.FileField(filename="ban-quet-don.pdf", data=b"%PDF-1.4 ban quet")
    original_name = "ban-quet-don.pdf"
    size = 17


class VoterFeedbackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VoterFeedback

    petition = factory.SubFactory(PetitionFactory)
    resolved = False
    comment = "Đường vẫn chưa được sửa."
    status = FeedbackStatus.OPEN


class PetitionNumberingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PetitionNumbering

    council = factory.SubFactory(CouncilFactory)
    pattern = "KN-{year}-{seq:04d}"
