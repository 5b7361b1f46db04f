"""API tokens expire 12 hours after they were issued and are revoked when their user signs out of the portal
or gets a new password: an expired or revoked token is a 401."""

import datetime

import pytest
from django.conf import settings
from django.contrib.auth.forms import PasswordChangeForm
from django.core.management import call_command
from django.test import Client, override_settings
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from councils.tests.factories import UserFactory

pytestmark = pytest.mark.django_db

API = "/api/v1"
PASSWORD = "hdnd-test-pass"  # councils.tests.factories.UserFactory


def issue(username: str, password: str = PASSWORD) -> str:
    response = APIClient().post(f"{API}/auth/token/", {"username": username, "password": password}, format="json")
    assert response.status_code == 200, response.content
    return response.json()["token"]


def get_with(token: str):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client.get(f"{API}/councils/")


def age(token: str, **delta):
    Token.objects.filter(key=token).update(created=Token.objects.get(key=token).created - datetime.timedelta(**delta))


def test_the_default_lifetime_is_twelve_hours():
    assert settings.API_TOKEN_LIFETIME == datetime.timedelta(hours=12)


def test_a_token_expires_twelve_hours_after_it_was_issued(clerk_a):
    token = issue("clerk_a")
    age(token, hours=11, minutes=59)
    assert get_with(token).status_code == 200

    age(token, minutes=2)
    response = get_with(token)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "token_expired"
    assert response.json()["error"]["message"] == "Mã truy cập (token) đã hết hạn. Xin đăng nhập lại để lấy mã mới."
    # Deleted, not merely refused: it never comes back.
    assert not Token.objects.filter(key=token).exists()
    assert get_with(token).json()["error"]["code"] == "authentication_failed"


def test_logging_in_after_expiry_issues_a_new_token(clerk_a):
    token = issue("clerk_a")
    assert issue("clerk_a") == token  # the same one while it is valid
    age(token, hours=13)
    fresh = issue("clerk_a")
    assert fresh != token
    assert get_with(fresh).status_code == 200


@override_settings(API_TOKEN_LIFETIME=datetime.timedelta(minutes=30))
def test_the_lifetime_is_a_setting(clerk_a):
    token = issue("clerk_a")
    age(token, minutes=31)
    assert get_with(token).status_code == 401


def test_signing_out_of_the_portal_revokes_the_token(clerk_a):
    token = issue("clerk_a")
    browser = Client()
    assert browser.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD}).status_code == 302
    assert get_with(token).status_code == 200
    assert browser.post(reverse("logout")).status_code == 302
    response = get_with(token)
    assert response.status_code == 401
    assert not Token.objects.filter(user=clerk_a).exists()


def test_signing_out_revokes_only_ones_own_token(clerk_a, clerk_b):
    other = issue("clerk_b")
    browser = Client()
    browser.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    browser.post(reverse("logout"))
    assert get_with(other).status_code == 200


def test_a_new_password_revokes_the_token(clerk_a):
    token = issue("clerk_a")
    form = PasswordChangeForm(clerk_a, {"old_password": PASSWORD, "new_password1": "mot-mat-khau-moi-2026",
                                        "new_password2": "mot-mat-khau-moi-2026"})
    assert form.is_valid(), form.errors
    form.save()
    assert get_with(token).status_code == 401
    assert issue("clerk_a", "mot-mat-khau-moi-2026") != token


def test_a_password_set_in_the_admin_revokes_the_token(clerk_a):
    token = issue("clerk_a")
    admin = UserFactory(username="quantri", is_staff=True, is_superuser=True)
    client = Client()
    client.force_login(admin)
    response = client.post(reverse("admin:auth_user_password_change", args=[clerk_a.pk]),
                           {"password1": "mot-mat-khau-moi-2026", "password2": "mot-mat-khau-moi-2026"})
    assert response.status_code == 302, response.content
    assert get_with(token).status_code == 401


def test_saving_a_user_without_a_new_password_keeps_the_token(clerk_a):
    token = issue("clerk_a")
    clerk_a.first_name = "Lan"
    clerk_a.save()
    clerk_a.set_password(PASSWORD)  # a new hash of the same password is still a password change
    assert get_with(token).status_code == 200
    clerk_a.save(update_fields=["first_name"])
    assert get_with(token).status_code == 200
    clerk_a.save()
    assert get_with(token).status_code == 401


def test_the_changepassword_command_revokes_the_token(clerk_a, monkeypatch):
    token = issue("clerk_a")
    monkeypatch.setattr("getpass.getpass", lambda prompt="": "mot-mat-khau-moi-2026")
    call_command("changepassword", "clerk_a")
    assert get_with(token).status_code == 401
