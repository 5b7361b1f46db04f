"""Accounts by the secretariat: who may give which role where (every role on every council, for every persona),
whose account one may lock or reset, temporary passwords changed at the first sign-in (pages and API refused
until then), accounts in bulk for the deputies who have none, and the history of each change."""

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from rest_framework.test import APIClient

from councils import accounts, permissions
from councils.choices import AccountEvent, Role
from councils.models import AuditEntry, RoleAssignment, TemporaryPassword
from councils.tests.factories import AgencyFactory, DeputyFactory, RoleAssignmentFactory, UserFactory

pytestmark = pytest.mark.django_db

User = get_user_model()
ALL = frozenset(Role.values)
BELOW_ADMIN = frozenset(Role.values) - {Role.ADMINISTRATOR}
NONE = frozenset()

# What each persona may give on each council: an administrator any role on their council and those below;
# the secretariat any role but administrator, on its own council only; the others nothing.
GRANTS = {
    "superuser": {"council_a": ALL, "council_a1": ALL, "council_b": ALL},
    "admin_a": {"council_a": ALL, "council_a1": ALL, "council_b": NONE},
    "clerk_a": {"council_a": BELOW_ADMIN, "council_a1": NONE, "council_b": NONE},
    "clerk_a1": {"council_a": NONE, "council_a1": BELOW_ADMIN, "council_b": NONE},
    "deputy_a": {"council_a": NONE, "council_a1": NONE, "council_b": NONE},
    "viewer_a": {"council_a": NONE, "council_a1": NONE, "council_b": NONE},
    "agency_a": {"council_a": NONE, "council_a1": NONE, "council_b": NONE},
    "clerk_b": {"council_a": NONE, "council_a1": NONE, "council_b": BELOW_ADMIN},
}


@pytest.fixture
def superuser(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def agency_a(council_a):
    user = UserFactory(username="agency_a")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.AGENCY_STAFF,
                          agency=AgencyFactory(council=council_a, name="Sở Xây dựng A"))
    return user


def _links(council, role, term):
    if role == Role.DEPUTY:
        return {"deputy": DeputyFactory(council=council, term=term)}
    if role == Role.AGENCY_STAFF:
        return {"agency": AgencyFactory(council=council)}
    return {}


@pytest.mark.parametrize("persona", list(GRANTS))
@pytest.mark.parametrize("target", ["council_a", "council_a1", "council_b"])
@pytest.mark.parametrize("role", Role.values)
def test_nobody_gives_a_role_above_or_outside_their_own_scope(request, term, persona, target, role):
    actor, council = request.getfixturevalue(persona), request.getfixturevalue(target)
    allowed = role in GRANTS[persona][target]
    assert permissions.can_grant(actor, council, role) == allowed
    kwargs = {"actor": actor, "council": council, "role": role, "username": "moi", "full_name": "Nguyễn Văn Mới",
              **_links(council, role, term)}
    if allowed:
        issued = accounts.create_account(**kwargs)
        assert RoleAssignment.objects.get(user=issued.user).role == role
    else:
        with pytest.raises(PermissionDenied):
            accounts.create_account(**kwargs)
        assert not User.objects.filter(username="moi").exists()
    # The same rule holds for a role given to an existing account of that council.
    target_user = UserFactory(username="dich")
    RoleAssignmentFactory(user=target_user, council=council, role=Role.PARTY_VIEWER)
    if role == Role.PARTY_VIEWER:
        return
    links = _links(council, role, term)
    if allowed:
        accounts.grant_role(actor=actor, user=target_user, council=council, role=role, **links)
    else:
        with pytest.raises(PermissionDenied):
            accounts.grant_role(actor=actor, user=target_user, council=council, role=role, **links)
    assert target_user.council_roles.filter(role=role).exists() == allowed


# Whose password each persona may reset (and lock): only accounts all of whose roles they could have given.
MANAGES = {
    "superuser": {"admin_a", "clerk_a", "clerk_a1", "deputy_a", "viewer_a", "agency_a", "clerk_b"},
    "admin_a": {"clerk_a", "clerk_a1", "deputy_a", "viewer_a", "agency_a"},
    "clerk_a": {"deputy_a", "viewer_a", "agency_a"},
    "clerk_a1": set(),
    "deputy_a": set(),
    "viewer_a": set(),
    "agency_a": set(),
    "clerk_b": set(),
}
ACCOUNTS = ["superuser", "admin_a", "clerk_a", "clerk_a1", "deputy_a", "viewer_a", "agency_a", "clerk_b"]


@pytest.mark.parametrize("persona", list(MANAGES))
@pytest.mark.parametrize("target", ACCOUNTS)
def test_whose_account_one_may_reset_and_lock(request, persona, target):
    actor, user = request.getfixturevalue(persona), request.getfixturevalue(target)
    if target in MANAGES[persona]:
        issued = accounts.reset_password(actor=actor, user=user)
        user.refresh_from_db()
        assert user.check_password(issued.password) and accounts.must_change_password(user)
        accounts.deactivate_account(actor=actor, user=user)
        assert not User.objects.get(pk=user.pk).is_active
    else:
        before = User.objects.get(pk=user.pk).password
        for service in (accounts.reset_password, accounts.deactivate_account):
            with pytest.raises(PermissionDenied):
                service(actor=actor, user=user)
        assert User.objects.get(pk=user.pk).password == before and User.objects.get(pk=user.pk).is_active


def _credential(html: str) -> str:
    start = html.index('data-testid="password">') + len('data-testid="password">')
    return html[start:html.index("<", start)]


def test_a_new_deputy_account_and_its_first_sign_in(client, clerk_a, council_a, term):
    deputy = DeputyFactory(council=council_a, term=term, full_name="Lê Văn Nam")
    client.force_login(clerk_a)
    response = client.post(reverse("account_create"), {
        "username": "lvnam", "full_name": "Lê Văn Nam", "email": "nam@example.vn", "council": council_a.pk,
        "role": Role.DEPUTY, "deputy": deputy.pk})
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    password = _credential(response.content.decode())
    user = User.objects.get(username="lvnam")
    assert (user.last_name, user.first_name) == ("Lê Văn", "Nam")
    assert user.council_roles.get().deputy == deputy
    # Only the hash is kept, and the history never holds the password.
    assert user.password != password and TemporaryPassword.objects.get(user=user).must_change
    entry = AuditEntry.objects.get(object_id=user.pk, content_type__model="user")
    assert entry.action == AccountEvent.CREATED and entry.council == council_a and entry.actor == clerk_a
    assert password not in str(entry.changes) and password not in entry.note

    client.logout()
    assert client.post(reverse("login"), {"username": "lvnam", "password": password}).status_code == 302
    # Every page leads to the change page; the API answers 403; no token is issued.
    for url in (reverse("home"), reverse("account_list"), reverse("council_detail", args=[council_a.pk])):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"] == reverse("password_change")
    api = client.get("/api/v1/councils/")
    assert api.status_code == 403 and api.json()["error"]["code"] == "password_change_required"
    token = APIClient().post("/api/v1/auth/token/", {"username": "lvnam", "password": password}, format="json")
    assert token.status_code == 403 and token.json()["error"]["code"] == "password_change_required"
    # The same temporary password again is refused; a new one of one's own is taken.
    same = client.post(reverse("password_change"), {"new_password1": password, "new_password2": password})
    assert same.status_code == 400
    new = "Hoa-sen-ho-Tay-2026"
    response = client.post(reverse("password_change"), {"new_password1": new, "new_password2": new})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home")).status_code == 200
    assert not accounts.must_change_password(user)
    assert AuditEntry.objects.filter(object_id=user.pk, content_type__model="user",
                                     action=AccountEvent.PASSWORD_CHANGED, actor=user).exists()
    token = APIClient().post("/api/v1/auth/token/", {"username": "lvnam", "password": new}, format="json")
    assert token.status_code == 200


def test_a_role_above_ones_own_is_refused_next_to_its_field(client, clerk_a, council_a, council_a1):
    client.force_login(clerk_a)
    for council, role in ((council_a, Role.ADMINISTRATOR), (council_a1, Role.SECRETARIAT)):
        response = client.post(reverse("account_create"), {
            "username": "moi", "full_name": "Người Mới", "council": council.pk, "role": role})
        assert response.status_code == 400 and 'invalid-feedback' in response.content.decode()
    # A deputy role without its deputy, a taken username: messages next to the fields, nothing saved.
    for data in ({"username": "moi", "full_name": "Người Mới", "council": council_a.pk, "role": Role.DEPUTY},
                 {"username": "CLERK_A", "full_name": "Người Mới", "council": council_a.pk, "role": Role.PARTY_VIEWER},
                 {"username": "có dấu cách", "full_name": "Người Mới", "council": council_a.pk,
                  "role": Role.PARTY_VIEWER}):
        response = client.post(reverse("account_create"), data)
        assert response.status_code == 400 and 'invalid-feedback' in response.content.decode()
    assert not User.objects.filter(username__in=["moi", "có dấu cách"]).exists()


def test_reset_lock_and_unlock_from_the_pages(client, clerk_a, deputy_a, admin_a):
    client.force_login(clerk_a)
    old_token = APIClient().post("/api/v1/auth/token/", {"username": "deputy_a", "password": "hdnd-test-pass"},
                                 format="json").json()["token"]
    response = client.post(reverse("account_reset_password", args=[deputy_a.pk]))
    assert response.status_code == 200
    password = _credential(response.content.decode())
    deputy_a.refresh_from_db()
    assert deputy_a.check_password(password) and not deputy_a.check_password("hdnd-test-pass")
    stale = APIClient()
    stale.credentials(HTTP_AUTHORIZATION=f"Token {old_token}")
    assert stale.get("/api/v1/councils/").status_code == 401

    assert client.post(reverse("account_deactivate", args=[deputy_a.pk])).status_code == 302
    deputy_a.refresh_from_db()
    assert not deputy_a.is_active
    # A second lock is a message, not an error page; the account is never deleted.
    response = client.post(reverse("account_deactivate", args=[deputy_a.pk]), follow=True)
    assert response.status_code == 200 and "đã bị khóa" in response.content.decode()
    assert client.post(reverse("account_reactivate", args=[deputy_a.pk])).status_code == 302
    actions = list(AuditEntry.objects.filter(object_id=deputy_a.pk, content_type__model="user")
                   .order_by("id").values_list("action", flat=True))
    assert actions == [AccountEvent.PASSWORD_RESET, AccountEvent.DEACTIVATED, AccountEvent.REACTIVATED]
    page = client.get(reverse("account_detail", args=[deputy_a.pk])).content.decode()
    assert "Cấp lại mật khẩu tạm" in page and "Khóa tài khoản" in page
    # The administrator's account is listed (a role on A) but not the clerk's to change.
    page = client.get(reverse("account_detail", args=[admin_a.pk])).content.decode()
    assert "Cấp lại mật khẩu tạm" not in page
    assert client.post(reverse("account_reset_password", args=[admin_a.pk])).status_code == 403


def test_a_deactivated_account_cannot_sign_in(client, clerk_a, deputy_a):
    accounts.deactivate_account(actor=clerk_a, user=deputy_a)
    assert not client.login(username="deputy_a", password="hdnd-test-pass")


@pytest.mark.parametrize(("persona", "status"), [
    ("clerk_a", 200), ("admin_a", 200), ("superuser", 200), ("deputy_a", 403), ("viewer_a", 403),
    ("agency_a", 403)])
def test_who_reaches_the_account_pages(client, request, persona, status):
    client.force_login(request.getfixturevalue(persona))
    for name in ("account_list", "account_create", "deputy_accounts"):
        assert client.get(reverse(name)).status_code == status


def test_another_councils_accounts_are_404(client, clerk_a, clerk_b, clerk_a1, admin_a):
    client.force_login(clerk_a)
    listed = client.get(reverse("account_list")).content.decode()
    assert 'data-account="admin_a"' in listed and 'data-account="clerk_b"' not in listed
    assert 'data-account="clerk_a1"' not in listed  # the commune's own secretariat keeps its accounts
    for name in ("account_detail", "account_grant_role", "account_reset_password", "account_deactivate"):
        assert client.get(reverse(name, args=[clerk_b.pk])).status_code == 404
    for name in ("account_grant_role", "account_reset_password", "account_deactivate", "account_reactivate"):
        assert client.post(reverse(name, args=[clerk_b.pk])).status_code == 404
    client.force_login(admin_a)
    assert client.get(reverse("account_detail", args=[clerk_a1.pk])).status_code == 200


def test_the_account_list_reads_a_fixed_number_of_queries(client, clerk_a, council_a, django_assert_max_num_queries):
    client.force_login(clerk_a)

    def count():
        with django_assert_max_num_queries(100) as captured:
            assert client.get(reverse("account_list")).status_code == 200
        return len(captured)

    for _n in range(3):
        RoleAssignmentFactory(user=UserFactory(), council=council_a, role=Role.PARTY_VIEWER)
    small = count()
    for _n in range(12):
        RoleAssignmentFactory(user=UserFactory(), council=council_a, role=Role.PARTY_VIEWER)
    assert count() == small


def test_accounts_for_every_deputy_who_has_none(client, clerk_a, council_a, council_a1, deputy_a, term):
    DeputyFactory(council=council_a, term=term, full_name="Nguyễn Thị Lan")
    DeputyFactory(council=council_a, term=term, full_name="Nguyễn Thị Lan")
    DeputyFactory(council=council_a, term=term, full_name="Phạm Đức", end_date="2026-06-30", start_date="2021-07-01")
    DeputyFactory(council=council_a1, term=term, full_name="Đỗ Minh")
    client.force_login(clerk_a)
    preview = client.get(reverse("deputy_accounts"), {"council": council_a.pk}).content.decode()
    assert "2 đại biểu chưa có tài khoản" in preview
    response = client.post(reverse("deputy_accounts"), {"council": council_a.pk})
    html = response.content.decode()
    assert response.status_code == 200 and "no-store" in response["Cache-Control"]
    assert html.count('data-testid="password"') == 2 and "data-print" in html
    created = User.objects.filter(council_roles__deputy__full_name="Nguyễn Thị Lan").order_by("username")
    assert [u.username for u in created] == ["nguyen.thi.lan.01", "nguyen.thi.lan.01.2"]
    assert all(accounts.must_change_password(u) for u in created)
    # Again: nobody is left without an account, nothing is created; the commune's deputy is not the clerk's.
    again = client.post(reverse("deputy_accounts"), {"council": council_a.pk})
    assert again.status_code == 302 and User.objects.filter(council_roles__role=Role.DEPUTY).count() == 3
    assert client.post(reverse("deputy_accounts"), {"council": council_a1.pk}).status_code == 400
    assert not RoleAssignment.objects.filter(deputy__full_name="Đỗ Minh").exists()


def test_a_role_given_from_the_page(client, admin_a, clerk_a1, council_a1):
    client.force_login(admin_a)
    url = reverse("account_grant_role", args=[clerk_a1.pk])
    assert client.get(url).status_code == 200
    assert client.post(url, {"council": council_a1.pk, "role": Role.PARTY_VIEWER}).status_code == 302
    assert clerk_a1.council_roles.filter(role=Role.PARTY_VIEWER, council=council_a1).exists()
    entry = AuditEntry.objects.filter(object_id=clerk_a1.pk, content_type__model="user").latest("id")
    assert entry.action == AccountEvent.ROLE_GRANTED and entry.changes["role"] == [None, Role.PARTY_VIEWER]
    again = client.post(url, {"council": council_a1.pk, "role": Role.PARTY_VIEWER})
    assert again.status_code == 400
