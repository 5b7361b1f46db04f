"""The lock-out after repeated sign-in failures: the sign-in form, the admin's and the token endpoint count the
same failures, refuse the right password while it lasts, say for how long, and believe no header a client
can write about its address."""

import datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import F
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.test import APIClient

from councils.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "hdnd-test-pass"  # councils.tests.factories.UserFactory
TOKEN_URL = "/api/v1/auth/token/"
LOCKED = "Đăng nhập sai quá nhiều lần nên tạm thời không thể đăng nhập trong 15 phút."


def test_the_defaults_are_five_failures_and_fifteen_minutes():
    assert settings.AXES_FAILURE_LIMIT == 5
    assert settings.AXES_COOLOFF_TIME == datetime.timedelta(minutes=15)


def sign_in(client, username, password, **headers):
    return client.post(reverse("login"), {"username": username, "password": password}, **headers)


def test_five_failures_on_the_form_lock_the_account_even_for_the_right_password(clerk_a):
    client = Client()
    for n in range(5):
        sign_in(client, "clerk_a", f"sai-{n}")

    locked = sign_in(client, "clerk_a", PASSWORD)
    assert locked.status_code == 429
    html = locked.content.decode()
    assert LOCKED in html and "Xin thử lại sau 15 phút" in html
    assert int(locked["Retry-After"]) == 15 * 60
    assert "_auth_user_id" not in client.session


def test_the_form_counts_to_the_limit_then_refuses(clerk_a):
    client = Client()
    for n in range(4):
        response = sign_in(client, "clerk_a", f"sai-{n}")
        assert response.status_code == 200
        assert "Tên đăng nhập hoặc mật khẩu không đúng" in response.content.decode()
    fifth = sign_in(client, "clerk_a", "sai-5")
    assert fifth.status_code == 429 and LOCKED in fifth.content.decode()
    # From another machine too: the account is locked, not only the address.
    elsewhere = sign_in(Client(REMOTE_ADDR="192.0.2.50"), "clerk_a", PASSWORD)
    assert elsewhere.status_code == 429 and "_auth_user_id" not in elsewhere.client.session


def test_the_lock_ends_after_the_cool_off(clerk_a):
    client = Client()
    for n in range(5):
        sign_in(client, "clerk_a", f"sai-{n}")
    assert sign_in(client, "clerk_a", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=F("attempt_time") - datetime.timedelta(minutes=16))
    response = sign_in(client, "clerk_a", PASSWORD)
    assert response.status_code == 302 and response["Location"] == reverse("home")


def test_one_address_guessing_at_many_accounts_is_locked_out(clerk_a, clerk_b):
    client = Client(REMOTE_ADDR="198.51.100.20")
    for n in range(5):
        sign_in(client, f"khong-co-{n}", "sai")
    assert sign_in(client, "clerk_b", PASSWORD).status_code == 429
    # Others still sign in.
    assert sign_in(Client(REMOTE_ADDR="198.51.100.21"), "clerk_b", PASSWORD).status_code == 302


def test_the_message_follows_the_language(clerk_a):
    client = Client()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    for n in range(5):
        response = sign_in(client, "clerk_a", f"sai-{n}")
    assert "Too many failed sign-in attempts: signing in is locked for 15 minutes." in response.content.decode()


@override_settings(AXES_FAILURE_LIMIT=3, AXES_COOLOFF_TIME=datetime.timedelta(minutes=1))
def test_limit_and_duration_are_settings(clerk_a):
    client = Client()
    assert [sign_in(client, "clerk_a", "sai").status_code for _ in range(3)] == [200, 200, 429]
    response = sign_in(client, "clerk_a", PASSWORD)
    assert "trong 1 phút" in response.content.decode() and response["Retry-After"] == "60"


def test_the_admin_login_is_locked_out_too():
    UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client = Client()
    url = reverse("admin:login")
    for n in range(5):
        client.post(url, {"username": "quantri", "password": f"sai-{n}", "next": "/admin/"})
    response = client.post(url, {"username": "quantri", "password": PASSWORD, "next": "/admin/"})
    assert response.status_code == 429
    assert LOCKED in response.content.decode()
    assert "_auth_user_id" not in client.session


def token(client, username, password, **headers):
    return client.post(TOKEN_URL, {"username": username, "password": password}, format="json", **headers)


def test_the_token_endpoint_counts_failures_and_refuses_while_locked(clerk_a):
    client = APIClient()
    assert [token(client, "clerk_a", "sai").status_code for _ in range(4)] == [400] * 4
    fifth = token(client, "clerk_a", "sai")
    assert fifth.status_code == 429
    response = token(client, "clerk_a", PASSWORD)
    assert response.status_code == 429
    error = response.json()["error"]
    assert error["code"] == "locked_out"
    assert error["message"].startswith(LOCKED)
    assert error["fields"] == {}
    assert "token" not in response.json()
    assert int(response["Retry-After"]) == 15 * 60


def test_the_form_and_the_token_endpoint_share_one_count(clerk_a):
    client = APIClient()
    for n in range(3):
        sign_in(Client(), "clerk_a", f"sai-{n}")
    assert [token(client, "clerk_a", "sai").status_code for _ in range(2)] == [400, 429]
    assert sign_in(Client(), "clerk_a", PASSWORD).status_code == 429


def test_rotating_x_forwarded_for_does_not_reset_the_lock_out(clerk_a, clerk_b):
    client = APIClient()
    # A different claimed address and a different account each time: only the real address links them.
    statuses = [token(client, f"khong-co-{n}", "sai", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
                for n in range(5)]
    assert statuses == [400, 400, 400, 400, 429]
    response = token(client, "clerk_b", PASSWORD, HTTP_X_FORWARDED_FOR="203.0.113.200")
    assert response.status_code == 429 and response.json()["error"]["code"] == "locked_out"
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"127.0.0.1"}


@override_settings(NUM_PROXIES=1)
def test_behind_one_proxy_the_lock_out_counts_the_address_the_proxy_appended(clerk_a):
    client = APIClient(REMOTE_ADDR="10.0.0.2")  # the proxy
    for n in range(5):
        token(client, f"khong-co-{n}", "sai", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}, 198.51.100.7")
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"198.51.100.7"}
    assert token(client, "clerk_a", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # Someone else behind the same proxy is not locked out.
    assert token(client, "clerk_a", PASSWORD, HTTP_X_FORWARDED_FOR="198.51.100.8").status_code == 200
