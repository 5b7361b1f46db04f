"""The voters admin: scoped, no deletion of petitions, edits through the service, accent-free search."""

import pytest
from django.contrib.admin.sites import site
from django.test import Client

from voters.models import Petition
from voters.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_clerk(clerk_a):
    from django.contrib.auth.models import Permission

    clerk_a.is_staff = True
    clerk_a.save()
    clerk_a.user_permissions.add(*Permission.objects.filter(content_type__app_label="voters"))
    client = Client()
    client.force_login(clerk_a)
    return client


def test_petition_admin_scoped_searchable_and_never_deletes(staff_clerk, new_petition, council_b, rf, clerk_a):
    mine = new_petition("Sửa chữa đường Lê Lợi")
    theirs = PetitionFactory(council=council_b, content="Đường tỉnh B")
    response = staff_clerk.get("/admin/voters/petition/", {"q": "duong"})
    assert response.status_code == 200
    assert list(response.context["cl"].result_list) == [mine]
    assert staff_clerk.get(f"/admin/voters/petition/{theirs.pk}/change/").status_code == 404
    request = rf.get("/")
    request.user = clerk_a
    assert site._registry[Petition].has_delete_permission(request, mine) is False


def test_petition_admin_edit_goes_through_service(staff_clerk, new_petition):
    petition = new_petition("Nội dung cũ")
    page = staff_clerk.get(f"/admin/voters/petition/{petition.pk}/change/")
    form = page.context["adminform"].form
    data = {name: form.initial.get(name) or "" for name in form.fields}
    data.update({"content": "Ô nhiễm tiếng ồn", "received_on": "02/11/2026", "voters_count": 1, "meetings_count": 1,
                 "forwardings-TOTAL_FORMS": 0, "forwardings-INITIAL_FORMS": 0})
    response = staff_clerk.post(f"/admin/voters/petition/{petition.pk}/change/", data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    petition.refresh_from_db()
    assert petition.search_text == f"o nhiem tieng on {petition.code.lower()}".strip()


def test_petition_admin_filters_council_and_agency_by_autocomplete(staff_clerk, forwarded_petition, new_petition,
                                                                    agency_a, agency_b):
    other = new_petition("Kiến nghị chưa chuyển")
    page = staff_clerk.get("/admin/voters/petition/")
    html = page.content.decode()
    # An autocomplete select per filter, not a link per council or agency.
    assert 'data-autocomplete-filter="agency"' in html and 'data-autocomplete-filter="council"' in html
    assert f"agency={agency_b.pk}" not in html and "js/admin_autocomplete_filter.js" in html
    assert list(staff_clerk.get("/admin/voters/petition/", {"agency": agency_a.pk}).context["cl"].result_list) == [
        forwarded_petition]
    council_rows = staff_clerk.get("/admin/voters/petition/", {"council": other.council_id}).context["cl"].result_list
    assert set(council_rows) == {forwarded_petition, other}
    assert list(staff_clerk.get("/admin/voters/petition/", {"agency": "x"}).context["cl"].result_list) == []


@pytest.mark.parametrize("size", [2, 12])
def test_petition_admin_list_queries_do_not_grow(staff_clerk, meeting_a, size, django_assert_max_num_queries):
    PetitionFactory.create_batch(size, council=meeting_a.council, meeting=meeting_a)
    with django_assert_max_num_queries(12):
        response = staff_clerk.get("/admin/voters/petition/")
    assert response.context["cl"].result_count == size
