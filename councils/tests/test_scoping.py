"""One mechanism scopes every queryset: a user sees their councils and those below, nothing else."""

import pytest
from django.db.models import Q

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


@pytest.mark.django_db
def test_subtree_ids_keep_the_same_rows_as_the_scope(clerk_a, clerk_a1, council_a, council_a1, council_b, term,
                                                      admin_user):
    """``subtree_ids_q`` states the scope as council ids read by one subquery (PostgreSQL: ``= ANY(ARRAY(…))``,
    read once before the rows): the rows kept are exactly those of ``scope_q``, for a province, a commune and
    a superuser (no condition at all)."""
    for council in (council_a, council_a1, council_b):
        DeputyFactory(council=council, term=term)
    for user in (clerk_a, clerk_a1, admin_user):
        by_path = set(Deputy.objects.filter(scoping.scope_q(user, "council")).values_list("pk", flat=True))
        by_ids = set(Deputy.objects.filter(scoping.subtree_ids_q(user, "council")).values_list("pk", flat=True))
        assert by_ids == by_path
    assert {d.council.code for d in Deputy.objects.filter(scoping.subtree_ids_q(clerk_a, "council"))} == {"01", "00004"}
    assert scoping.subtree_ids_q(admin_user, "council") == Q()
    sql = str(Deputy.objects.filter(scoping.subtree_ids_q(clerk_a1, "council")).query)
    assert "council_id" in sql and "SELECT" in sql.split("WHERE", 1)[1]


@pytest.mark.django_db
def test_no_council_no_rows_by_ids(council_a, term):
    from django.contrib.auth import get_user_model

    DeputyFactory(council=council_a, term=term)
    nobody = get_user_model().objects.create_user("khong-phan-quyen")
    assert not Deputy.objects.filter(scoping.subtree_ids_q(nobody, "council")).exists()


@pytest.mark.django_db
def test_scope_within_says_when_a_subtree_adds_nothing(clerk_a, clerk_a1, council_a, council_a1, council_b,
                                                       admin_user):
    assert scoping.scope_within(clerk_a, council_a.path)  # the province's clerk, the province
    assert not scoping.scope_within(clerk_a, council_a1.path)  # … a commune of it narrows the rows
    assert scoping.scope_within(clerk_a1, council_a.path)  # a commune clerk sees only inside the province
    assert not scoping.scope_within(clerk_a, council_b.path)
    assert not scoping.scope_within(admin_user, council_a.path)  # sees every council: the subtree narrows


@pytest.mark.django_db
def test_primary_council_is_read_once_per_user_and_forgotten_with_the_assignments(
        clerk_a, council_a, council_b, django_assert_num_queries):
    from councils.choices import Role
    from councils.models import RoleAssignment
    from councils.selectors import primary_council

    scoping.forget(clerk_a)
    with django_assert_num_queries(2):  # the assignments, then the council
        assert primary_council(clerk_a) == council_a
        assert primary_council(clerk_a) == council_a
    RoleAssignment.objects.filter(user=clerk_a).delete()
    RoleAssignment.objects.create(user=clerk_a, council=council_b, role=Role.SECRETARIAT)
    assert primary_council(clerk_a) == council_a  # the same request's answer
    scoping.forget(clerk_a)
    assert primary_council(clerk_a) == council_b
