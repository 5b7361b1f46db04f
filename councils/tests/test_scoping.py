"""One mechanism scopes every queryset: a user sees their councils and those below, nothing else."""

import pytest

from councils import permissions, scoping
from councils.models import Council, Deputy
from councils.tests.factories import DeputyFactory


@pytest.mark.django_db
def test_clerk_sees_own_council_and_communes_below(clerk_a, council_a, council_a1, council_b):
    visible = set(Council.objects.for_user(clerk_a).values_list("code", flat=True))
    assert visible == {"01", "00004"}


@pytest.mark.django_db
def test_commune_clerk_does_not_see_province(clerk_a1, council_a, council_a1):
    assert list(Council.objects.for_user(clerk_a1)) == [council_a1]


@pytest.mark.django_db
def test_scope_is_one_query_whatever_the_rows(clerk_a, council_a, council_b, term, django_assert_num_queries):
    for _ in range(5):
        DeputyFactory(council=council_a, term=term)
        DeputyFactory(council=council_b, term=term)
    scoping.forget(clerk_a)
    # One query for the user's assignments, one for the rows.
    with django_assert_num_queries(2):
        names = list(Deputy.objects.for_user(clerk_a).values_list("council__code", flat=True))
    assert names == ["01"] * 5


@pytest.mark.django_db
def test_anonymous_sees_nothing(council_a):
    from django.contrib.auth.models import AnonymousUser

    assert not Council.objects.for_user(AnonymousUser()).exists()


@pytest.mark.django_db
def test_manage_rights(clerk_a, viewer_a, council_a, council_a1):
    assert permissions.can_manage(clerk_a, council_a)
    assert not permissions.can_manage(clerk_a, council_a1), "a province clerk reads communes but does not edit them"
    assert not permissions.can_manage(viewer_a, council_a)
    assert permissions.can_read(viewer_a, council_a1)


@pytest.mark.django_db
def test_an_agency_staff_role_opens_no_council(council_a, term):
    """Agency staff are placed on their agency's council but see only what is addressed to their agency."""
    from django.core.exceptions import ValidationError

    from councils.choices import Role
    from councils.models import RoleAssignment
    from councils.tests.factories import AgencyFactory, CouncilFactory, UserFactory

    agency = AgencyFactory(council=council_a)
    user = UserFactory()
    RoleAssignment.objects.create(user=user, council=council_a, role=Role.AGENCY_STAFF, agency=agency)
    DeputyFactory(council=council_a, term=term)
    assert list(Deputy.objects.for_user(user)) == []
    assert not permissions.can_read(user, council_a)
    assert scoping.agency_ids(user) == {agency.pk}
    elsewhere = RoleAssignment(user=UserFactory(), council=CouncilFactory(), role=Role.AGENCY_STAFF, agency=agency)
    with pytest.raises(ValidationError, match="địa bàn"):
        elsewhere.full_clean()
