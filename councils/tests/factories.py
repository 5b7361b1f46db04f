"""factory_boy factories for the councils app."""

import datetime

import factory
from django.contrib.auth import get_user_model

from councils.choices import BodyKind, CommitteeType, Role, SessionKind
from councils.models import (
    AdministrativeLevel,
    Agency,
    Body,
    Council,
    Deputy,
    ElectoralUnit,
    Field,
    Handover,
    Membership,
    RoleAssignment,
    Session,
    SessionDocument,
    SessionDocumentRead,
    Term,
    TermChangeover,
)


class LevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AdministrativeLevel
        django_get_or_create = ("code",)

    code = "province"
    name = factory.LazyAttribute(lambda o: {"province": "Cấp tỉnh", "district": "Cấp huyện"}.get(o.code, "Cấp xã"))
    rank = factory.LazyAttribute(lambda o: {"province": 1, "district": 2}.get(o.code, 3))


class CouncilFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Council

    code = factory.Sequence(lambda n: f"{n + 100:05d}")
    area_name = factory.Sequence(lambda n: f"Đơn vị {n}")
    name = factory.LazyAttribute(lambda o: f"HĐND {o.area_name}")
    level = factory.SubFactory(LevelFactory)
    parent = None


class TermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Term
        django_get_or_create = ("name",)

    name = "2026-2031"
    start_date = datetime.date(2026, 3, 15)
    end_date = datetime.date(2031, 3, 14)


class ElectoralUnitFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ElectoralUnit

    council = factory.SubFactory(CouncilFactory)
    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    name = factory.LazyAttribute(lambda o: f"Đơn vị bầu cử số {o.number}")


class BodyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Body

    council = factory.SubFactory(CouncilFactory)
    term = factory.SubFactory(TermFactory)
    kind = BodyKind.STANDING_BOARD
    committee_type = CommitteeType.NONE
    name = factory.Sequence(lambda n: f"Cơ quan {n}")


class DeputyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Deputy

    council = factory.SubFactory(CouncilFactory)
    term = factory.SubFactory(TermFactory)
    full_name = factory.Sequence(lambda n: f"Nguyễn Văn {n}")
    start_date = datetime.date(2026, 3, 15)


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    body = factory.SubFactory(BodyFactory)
    deputy = factory.SubFactory(DeputyFactory, council=factory.SelfAttribute("..body.council"))
    start_date = datetime.date(2026, 3, 15)


class SessionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Session

    council = factory.SubFactory(CouncilFactory)
    term = factory.SubFactory(TermFactory)
    number = factory.Sequence(lambda n: n + 1)
    kind = SessionKind.REGULAR
    start_date = datetime.date(2026, 7, 1)
    end_date = factory.LazyAttribute(lambda o: o.start_date + datetime.timedelta(days=2))


class SessionDocumentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionDocument

    session = factory.SubFactory(SessionFactory)
    title = factory.Sequence(lambda n: f"Tờ trình số {n}")


class SessionDocumentReadFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SessionDocumentRead

    document = factory.SubFactory(SessionDocumentFactory)
    deputy = factory.SubFactory(DeputyFactory, council=factory.SelfAttribute("..document.session.council"))
    opened_at = factory.LazyFunction(lambda: datetime.datetime(2026, 6, 20, 3, 0, tzinfo=datetime.UTC))


class AgencyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Agency

    name = factory.Sequence(lambda n: f"Sở số {n}")
    council = None


class FieldFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Field
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"field-{n}")
    name = factory.Sequence(lambda n: f"Lĩnh vực {n}")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    email = factory.LazyAttribute(lambda o: f"{o.username}@example.vn")
    password = factory.PostGenerationMethodCall("set_password", "hdnd-test-pass")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class RoleAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    council = factory.SubFactory(CouncilFactory)
    role = Role.SECRETARIAT


class HandoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Handover

    from_council = factory.SubFactory(CouncilFactory)
    to_council = factory.SubFactory(CouncilFactory)
    on_date = datetime.date(2025, 7, 1)


class TermChangeoverFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = TermChangeover

    council = factory.SubFactory(CouncilFactory)
    from_term = factory.SubFactory(TermFactory, name="2021-2026", start_date=datetime.date(2021, 6, 1),
                                   end_date=datetime.date(2026, 3, 14))
    to_term = factory.SubFactory(TermFactory)
