"""``__any_of``: the rows whose field is one of the values, the list sent as one parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from councils.models import Council
from councils.tests.factories import CouncilFactory

pytestmark = pytest.mark.django_db


def test_any_of_finds_what_in_finds_through_a_relation_too(province_level, commune_level):
    councils = [CouncilFactory(level=province_level) for _ in range(4)]
    wanted = sorted(c.pk for c in councils[:3])
    assert set(Council.objects.filter(pk__any_of=wanted)) == set(Council.objects.filter(pk__in=wanted))
    assert not Council.objects.filter(pk__any_of=[]).exists()
    children = [CouncilFactory(parent=council, level=commune_level) for council in councils]
    under = Council.objects.filter(Q(parent__pk__any_of=wanted[:2]))
    assert set(under) == {child for child in children if child.parent_id in wanted[:2]}


def test_any_of_is_one_parameter_on_postgresql(province_level, commune_level):
    ids = list(range(1, 200))
    with CaptureQueriesContext(connection) as queries:
        list(Council.objects.filter(pk__any_of=ids))
    sql = queries.captured_queries[-1]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY('{1,2,3," in sql  # the ids as one array literal, not 199 placeholders
    else:
        assert " IN (" in sql
