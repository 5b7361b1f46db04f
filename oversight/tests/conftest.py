"""Fixtures of the oversight tests, on top of the shared personas in the root conftest."""

import pytest

from councils.choices import BodyKind, CommitteeType, Role
from councils.tests.factories import (
    AgencyFactory,
    BodyFactory,
    DeputyFactory,
    RoleAssignmentFactory,
    UserFactory,
)


@pytest.fixture
def committee_a(council_a, term):
    return BodyFactory(council=council_a, term=term, kind=BodyKind.COMMITTEE,
                       committee_type=CommitteeType.ECONOMY_BUDGET, name="Ban Kinh tế - Ngân sách")


@pytest.fixture
def agency_a(council_a):
    return AgencyFactory(name="Sở Xây dựng Hà Nội", council=council_a)


@pytest.fixture
def agency_b(council_b):
    return AgencyFactory(name="Sở Xây dựng Thanh Hóa", council=council_b)


@pytest.fixture
def other_deputy_a_record(council_a, term):
    return DeputyFactory(council=council_a, term=term, full_name="Lê Văn Nam")


@pytest.fixture
def other_deputy_a(council_a, other_deputy_a_record):
    user = UserFactory(username="deputy_a2")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.DEPUTY, deputy=other_deputy_a_record)
    return user
