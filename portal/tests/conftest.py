"""Fixtures of the portal tests, on top of the shared personas in the root conftest."""

import pytest

from councils.tests.factories import DeputyFactory


@pytest.fixture
def other_deputy_a_record(council_a, term):
    return DeputyFactory(council=council_a, term=term, full_name="Lê Văn Nam")
