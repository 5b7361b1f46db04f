"""Personas of the notifications tests, on top of the root ones: the staff of two agencies of province A, a
standing board member of A with a user, and a forwarding of A due on Wednesday 29/4/2026 (Hùng Kings observed
on Monday 27/4, then 30/4 and 1/5 and a weekend right after it)."""

import datetime
import importlib

import pytest

from councils.choices import Role
from councils.tests.factories import (
    AgencyFactory,
    DeputyFactory,
    MembershipFactory,
    RoleAssignmentFactory,
    UserFactory,
)
from notifications.models import EscalationStep
from voters.tests.factories import ForwardingFactory, PetitionFactory

DUE = datetime.date(2026, 4, 29)
NATIONAL = importlib.import_module("notifications.migrations.0002_national_ladder").NATIONAL


@pytest.fixture(autouse=True)
def national_ladder():
    """The data migration's ladder, put back if a transactional test flushed the tables before this one (every
    test here uses the database; pytest-django's own autouse fixture has opened it by now)."""
    for days, audience in NATIONAL:
        EscalationStep.objects.get_or_create(council=None, item_kind="", days=days, defaults={"audience": audience})


@pytest.fixture
def agency_a(council_a):
    return AgencyFactory(name="Sở Giao thông vận tải", council=council_a)


@pytest.fixture
def other_agency_a(council_a):
    return AgencyFactory(name="Sở Tài nguyên và Môi trường", council=council_a)


def _staff(username, agency):
    user = UserFactory(username=username)
    RoleAssignmentFactory(user=user, council=agency.council, role=Role.AGENCY_STAFF, agency=agency)
    return user


@pytest.fixture
def agency_staff(agency_a):
    return _staff("sogtvt", agency_a)


@pytest.fixture
def other_agency_staff(other_agency_a):
    return _staff("sotnmt", other_agency_a)


@pytest.fixture
def board_member_a(council_a, term, standing_board_a):
    deputy = DeputyFactory(council=council_a, term=term, full_name="Nguyễn Văn Thường Trực")
    MembershipFactory(body=standing_board_a, deputy=deputy, start_date=datetime.date(2026, 1, 1))
    user = UserFactory(username="thuongtruc_a")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.DEPUTY, deputy=deputy)
    return user


@pytest.fixture
def forwarding(council_a, agency_a):
    petition = PetitionFactory(council=council_a, code="KN-01", status="forwarded",
                               forward_due=datetime.date(2026, 4, 1))
    return ForwardingFactory(petition=petition, agency=agency_a, forwarded_on=datetime.date(2026, 4, 1),
                             due_date=DUE)
