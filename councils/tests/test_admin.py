"""The admin is scoped like every list: a clerk sees their council and those below, another council's row
is a 404, history is read-only, and moving a council rewrites the paths of its subtree."""

import datetime

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from councils.audit import record_audit
from councils.choices import BodyKind
from councils.models import AuditEntry, Council, Deputy
from councils.tests.factories import (
    BodyFactory,
    CouncilFactory,
    DeputyFactory,
    LevelFactory,
    MembershipFactory,
    SessionFactory,
)


def make_staff(user):
    """What seed_demo gives secretariat staff: the admin, with add/change/view on the councils app."""
    user.is_staff = True
    user.save()
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="councils").exclude(
        codename__startswith="delete_"))
    return user


@pytest.fixture
def staff_clerk_a(client, clerk_a):
    client.force_login(make_staff(clerk_a))
    return clerk_a


def change_url(obj):
    return reverse(f"admin:{obj._meta.app_label}_{obj._meta.model_name}_change", args=[obj.pk])


@pytest.mark.django_db
def test_clerk_gets_404_on_another_councils_rows(client, staff_clerk_a, council_a, council_b, term):
    theirs = DeputyFactory(council=council_b, term=term, full_name="Lê Văn Bình")
    mine = DeputyFactory(council=council_a, term=term, full_name="Trần Thị Hoa")
    assert client.get(change_url(theirs)).status_code == 404
    assert client.get(change_url(council_b)).status_code == 404
    assert client.post(change_url(theirs), {"full_name": "Đổi tên"}).status_code == 404
    theirs.refresh_from_db()
    assert theirs.full_name == "Lê Văn Bình"
    page = client.get(change_url(mine))
    assert page.status_code == 200
    assert "Trần Thị Hoa" in page.content.decode()


@pytest.mark.django_db
def test_province_clerk_changelist_shows_its_communes_not_other_provinces(client, staff_clerk_a, council_a,
                                                                         council_a1, council_b):
    response = client.get(reverse("admin:councils_council_changelist"))
    assert response.status_code == 200
    shown = {c.code for c in response.context["cl"].result_list}
    assert shown == {"01", "00004"}
    assert "HĐND tỉnh Thanh Hóa" not in response.content.decode()


@pytest.mark.django_db
def test_deputy_changelist_is_scoped_and_its_query_count_does_not_grow(
        client, staff_clerk_a, council_a, council_a1, council_b, term, django_assert_max_num_queries):
    url = reverse("admin:councils_deputy_changelist")

    def add(n):
        for _ in range(n):
            DeputyFactory(council=council_a, term=term)
            DeputyFactory(council=council_a1, term=term)
            DeputyFactory(council=council_b, term=term)

    add(2)
    with django_assert_max_num_queries(14):
        small = client.get(url)
    add(10)
    with django_assert_max_num_queries(14):
        large = client.get(url)
    assert {d.council_id for d in small.context["cl"].result_list} == {council_a.pk, council_a1.pk}
    assert large.context["cl"].result_count == Deputy.objects.exclude(council=council_b).count() == 24


@pytest.mark.django_db
def test_province_clerk_reads_but_does_not_edit_a_commune(client, staff_clerk_a, council_a1, term):
    deputy = DeputyFactory(council=council_a1, term=term, full_name="Phạm Văn Long")
    page = client.get(change_url(deputy))
    assert page.status_code == 200, "the province clerk reads the commune's records"
    assert 'name="_save"' not in page.content.decode()
    assert client.post(change_url(deputy), {"full_name": "Khác"}).status_code == 403


@pytest.mark.django_db
def test_commune_clerk_cannot_reach_the_province(client, clerk_a1, council_a, term):
    client.force_login(make_staff(clerk_a1))
    province_deputy = DeputyFactory(council=council_a, term=term)
    assert client.get(change_url(province_deputy)).status_code == 404


@pytest.mark.django_db
def test_autocomplete_offers_only_the_users_councils(client, staff_clerk_a, council_a, council_a1, council_b):
    response = client.get(reverse("admin:autocomplete"), {
        "app_label": "councils", "model_name": "deputy", "field_name": "council", "term": "HĐND"})
    assert response.status_code == 200
    assert {row["text"] for row in response.json()["results"]} == {council_a.name, council_a1.name}


@pytest.mark.django_db
def test_audit_history_is_read_only(admin_client, council_a):
    entry = record_audit(target=council_a, action="create")
    assert admin_client.get(reverse("admin:councils_auditentry_add")).status_code == 403
    assert admin_client.post(reverse("admin:councils_auditentry_delete", args=[entry.pk]),
                             {"post": "yes"}).status_code == 403
    page = admin_client.get(change_url(entry))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


@pytest.mark.django_db
def test_adding_a_council_in_the_admin_sets_its_path(admin_client, council_a, commune_level):
    response = admin_client.post(reverse("admin:councils_council_add"), {
        "name": "HĐND phường Hoàn Kiếm", "area_name": "Phường Hoàn Kiếm", "code": "00070",
        "level": commune_level.pk, "parent": council_a.pk,
    })
    assert response.status_code == 302, response.content.decode()[:2000]
    council = Council.objects.get(code="00070")
    assert (council.path, council.depth) == ("/01/00070/", 1)
    assert AuditEntry.objects.filter(object_id=council.pk, action="create").exists()


@pytest.mark.django_db
def test_moving_a_council_in_the_admin_moves_its_subtree(admin_client, council_a, council_b):
    district_level = LevelFactory(code="district")
    district = CouncilFactory(code="777", area_name="Huyện X", level=district_level, parent=council_a)
    commune = CouncilFactory(code="77701", level=LevelFactory(code="commune"), parent=district)
    response = admin_client.post(change_url(district), {
        "name": district.name, "area_name": district.area_name, "code": "777", "level": district_level.pk,
        "parent": council_b.pk,
    })
    assert response.status_code == 302
    commune.refresh_from_db()
    assert commune.path == "/38/777/77701/"
    assert AuditEntry.objects.filter(object_id=district.pk, action="move").exists()


@pytest.mark.django_db
def test_a_council_cannot_move_below_itself(admin_client, council_a, council_a1):
    response = admin_client.post(change_url(council_a), {
        "name": council_a.name, "area_name": council_a.area_name, "code": "01", "level": council_a.level_id,
        "parent": council_a1.pk,
    })
    assert response.status_code == 200
    assert "Không thể chuyển một HĐND vào dưới chính nó." in response.content.decode()
    council_a.refresh_from_db()
    assert council_a.path == "/01/"


@pytest.mark.django_db
def test_inlines_show_members_agenda_documents_and_roles(admin_client, council_a, term, clerk_a):
    body = BodyFactory(council=council_a, term=term, kind=BodyKind.STANDING_BOARD, name="Thường trực")
    MembershipFactory(body=body, deputy=DeputyFactory(council=council_a, term=term, full_name="Đỗ Minh Tâm"))
    session = SessionFactory(council=council_a, term=term)
    session.agenda_items.create(order=1, title="Báo cáo kinh tế - xã hội")
    session.documents.create(title="Tờ trình dự toán ngân sách",
                             sent_at=datetime.datetime(2026, 6, 20, 9, tzinfo=datetime.UTC))
    assert "Đỗ Minh Tâm" in admin_client.get(change_url(body)).content.decode()
    session_page = admin_client.get(change_url(session)).content.decode()
    assert "Báo cáo kinh tế - xã hội" in session_page and "Tờ trình dự toán ngân sách" in session_page
    user_page = admin_client.get(reverse("admin:auth_user_change", args=[clerk_a.pk])).content.decode()
    assert "vai trò tại các hđnd" in user_page.lower() and council_a.name in user_page


@pytest.mark.django_db
def test_every_councils_model_has_a_vietnamese_admin(admin_client, council_a):
    from django.apps import apps
    from django.contrib import admin

    for model in apps.get_app_config("councils").get_models():
        assert model in admin.site._registry, f"{model.__name__} has no admin"
        page = admin_client.get(reverse(f"admin:councils_{model._meta.model_name}_changelist"))
        assert page.status_code == 200
        assert str(model._meta.verbose_name_plural).lower() in page.content.decode().lower()
    assert "Tìm kiếm" in admin_client.get(reverse("admin:councils_deputy_changelist")).content.decode()


@pytest.mark.django_db
def test_agency_catalogue_is_scoped_and_only_own_agencies_are_editable(client, clerk_b, council_a, council_b):
    from councils.tests.factories import AgencyFactory

    central = AgencyFactory(name="Bộ Xây dựng", council=None)
    hanoi = AgencyFactory(name="Sở Y tế", council=council_a)
    thanh_hoa = AgencyFactory(name="Sở Y tế", council=council_b)
    client.force_login(make_staff(clerk_b))
    listed = client.get(reverse("admin:councils_agency_changelist")).context["cl"].result_list
    assert set(listed) == {central, thanh_hoa}
    assert client.get(change_url(hanoi)).status_code == 404
    assert 'name="_save"' in client.get(change_url(thanh_hoa)).content.decode()
    assert 'name="_save"' not in client.get(change_url(central)).content.decode(), "central agencies: admins only"
    response = client.post(reverse("admin:councils_agency_add"), {
        "name": "Sở Giáo dục", "kind": "department", "council": council_a.pk, "is_active": "on"})
    assert response.status_code == 200 and set(response.context["adminform"].form.errors) == {"council"}
    assert not council_a.agencies.filter(name="Sở Giáo dục").exists()


@pytest.mark.django_db
def test_a_clerk_edits_its_council_but_not_the_tree(client, staff_clerk_a, council_a, council_b):
    assert client.get(reverse("admin:councils_council_add")).status_code == 403
    response = client.post(change_url(council_a), {
        "name": "HĐND thành phố Hà Nội", "area_name": "Thành phố Hà Nội", "email": "hdnd@hanoi.gov.vn",
        "code": "99", "parent": council_b.pk,
    })
    assert response.status_code == 302
    council_a.refresh_from_db()
    assert (council_a.email, council_a.code, council_a.parent_id, council_a.path) == (
        "hdnd@hanoi.gov.vn", "01", None, "/01/")
