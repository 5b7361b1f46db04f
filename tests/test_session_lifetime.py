"""A signed-in session ends after 30 minutes without a request and, however busy, 12 hours after the sign-in."""

import datetime
import time

import pytest
from django.conf import settings
from django.contrib.sessions.models import Session
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from utilities.session_lifetime import RENEWED_AT, SIGNED_IN_AT

pytestmark = pytest.mark.django_db

PASSWORD = "hdnd-test-pass"  # councils.tests.factories.UserFactory
HOME = reverse("home")


def signed_in(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def move_sign_in_back(client: Client, **delta):
    session = client.session
    session[SIGNED_IN_AT] -= int(datetime.timedelta(**delta).total_seconds())
    session.save()


def test_the_office_defaults():
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    assert settings.SESSION_LIFETIME == datetime.timedelta(hours=12)


def test_signing_in_records_when(clerk_a):
    before = int(time.time())
    client = signed_in("clerk_a")
    assert before <= client.session[SIGNED_IN_AT] <= int(time.time())


def test_a_request_renews_the_idle_timeout(clerk_a):
    client = signed_in("clerk_a")
    key = client.session.session_key
    # 29 minutes after the last renewal: one minute left.
    session = client.session
    session[RENEWED_AT] -= 29 * 60
    session.save()
    Session.objects.filter(pk=key).update(expire_date=timezone.now() + datetime.timedelta(minutes=1))
    response = client.get(HOME)
    assert response.status_code == 200
    assert response.cookies[settings.SESSION_COOKIE_NAME]["max-age"] == 30 * 60
    left = Session.objects.get(pk=key).expire_date - timezone.now()
    assert datetime.timedelta(minutes=29) < left <= datetime.timedelta(minutes=30)


def test_requests_within_a_minute_do_not_write_the_session(clerk_a):
    client = signed_in("clerk_a")
    with CaptureQueriesContext(connection) as queries:
        assert client.get(HOME).status_code == 200
    assert not [q for q in queries.captured_queries if "django_session" in q["sql"] and "UPDATE" in q["sql"]]


def test_thirty_minutes_without_a_request_end_the_session(clerk_a):
    client = signed_in("clerk_a")
    # What 30 idle minutes leave in the database: the session's expiry has passed.
    Session.objects.filter(pk=client.session.session_key).update(
        expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(HOME)
    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_a_busy_session_still_ends_twelve_hours_after_the_sign_in(clerk_a):
    client = signed_in("clerk_a")
    move_sign_in_back(client, hours=11, minutes=59)
    assert client.get(HOME).status_code == 200

    move_sign_in_back(client, minutes=2)
    response = client.get(HOME, follow=True)
    assert response.redirect_chain[0][0].startswith(reverse("login"))
    assert "Phiên làm việc đã kéo dài quá 12 giờ nên đã tự kết thúc. Xin đăng nhập lại." in response.content.decode()
    assert "_auth_user_id" not in client.session
    # Signing in again starts a new count.
    client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    assert client.get(HOME).status_code == 200
    assert time.time() - client.session[SIGNED_IN_AT] < 60


@override_settings(SESSION_LIFETIME=datetime.timedelta(hours=2))
def test_the_lifetime_is_a_setting(clerk_a):
    client = signed_in("clerk_a")
    move_sign_in_back(client, hours=2, minutes=1)
    assert client.get(HOME).status_code == 302


def test_the_session_api_follows_the_same_lifetime(clerk_a):
    client = signed_in("clerk_a")
    assert client.get("/api/v1/councils/").status_code == 200
    move_sign_in_back(client, hours=13)
    assert client.get("/api/v1/councils/").status_code == 401


def test_a_session_that_does_not_say_when_it_began_ends(clerk_a):
    client = signed_in("clerk_a")
    session = client.session
    del session[SIGNED_IN_AT]
    session.save()
    assert client.get(HOME).status_code == 302
