"""The security log: one line per sign-in, failure, lock-out, sign-out, token issued or refused and refused
access, with who and from where; never the password, never a traceback."""

import datetime
import io
import logging

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

PASSWORD = "hdnd-test-pass"  # councils.tests.factories.UserFactory
TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def security(caplog):
    caplog.set_level(logging.INFO)

    def lines(event=None):
        return [r for r in caplog.records if r.name == "hdnd.security"
                and (event is None or r.getMessage().split()[0] == event)]

    return lines


def test_sign_in_failure_and_sign_out_are_logged_without_the_password(security, clerk_a, caplog):
    client = Client()
    client.post(reverse("login"), {"username": "clerk_a", "password": "mat-khau-sai-123"})
    client.post(reverse("login"), {"username": "clerk_a", "password": PASSWORD})
    client.post(reverse("logout"))

    assert [r.getMessage() for r in security()] == [
        "login_failed user=clerk_a ip=127.0.0.1 path=/dang-nhap/",
        "login_succeeded user=clerk_a ip=127.0.0.1 path=/dang-nhap/",
        "logout user=clerk_a ip=127.0.0.1 path=/dang-xuat/",
    ]
    assert security("login_failed")[0].levelno == logging.WARNING
    everything = caplog.text + "".join(str(r.args) for r in caplog.records)
    assert "mat-khau-sai-123" not in everything and PASSWORD not in everything


def test_a_lock_out_is_one_line_per_attempt(security, clerk_a):
    client = Client()
    for n in range(6):
        client.post(reverse("login"), {"username": "clerk_a", "password": f"sai-{n}"})
    events = [r.getMessage().split()[0] for r in security()]
    # Four failures, the fifth starts the lock-out, the sixth is refused by it.
    assert events == ["login_failed"] * 4 + ["login_locked_out"] * 2
    assert not [r for r in security() if r.exc_info]


def test_token_issued_and_refused(security, clerk_a):
    client = APIClient()
    key = client.post(TOKEN_URL, {"username": "clerk_a", "password": PASSWORD}, format="json").json()["token"]
    assert [r.getMessage() for r in security("token_issued")] == [
        "token_issued user=clerk_a ip=127.0.0.1 path=/api/v1/auth/token/"]

    Token.objects.filter(key=key).update(created=Token.objects.get(key=key).created - datetime.timedelta(hours=13))
    client.credentials(HTTP_AUTHORIZATION=f"Token {key}")
    assert client.get("/api/v1/councils/").status_code == 401
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    assert client.get("/api/v1/councils/").status_code == 401
    assert [r.getMessage() for r in security("token_refused")] == [
        "token_refused user=- ip=127.0.0.1 path=/api/v1/councils/ reason=token_expired",
        "token_refused user=- ip=127.0.0.1 path=/api/v1/councils/ reason=authentication_failed",
    ]


def test_a_refused_page_is_logged_once_without_a_traceback(security, client, viewer_a, caplog):
    client.force_login(viewer_a)
    caplog.clear()
    response = client.post(reverse("session_create"), {})
    assert response.status_code == 403
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert len(refused) == 1, [r.getMessage() for r in refused]
    (record,) = refused
    assert record.name == "hdnd.security"
    assert record.getMessage().startswith("access_refused user=viewer_a ip=127.0.0.1 path=/ky-hop/them/ reason=")
    assert record.exc_info is None and "Traceback" not in caplog.text


def test_a_refused_api_call_is_logged_once_without_a_traceback(security, api_as, viewer_a, council_a, term, caplog):
    client = api_as(viewer_a)
    caplog.clear()
    response = client.post("/api/v1/bodies/", {"council": council_a.pk, "term": term.pk, "kind": "office",
                                               "name": "Văn phòng"}, format="json")
    assert response.status_code == 403
    refused = [r for r in caplog.records if r.levelno >= logging.WARNING]
    assert [r.name for r in refused] == ["hdnd.security"]
    assert refused[0].getMessage().startswith("access_refused user=viewer_a ip=127.0.0.1 path=/api/v1/bodies/")
    assert refused[0].exc_info is None


def test_a_username_cannot_forge_a_log_line(security):
    Client().post(reverse("login"), {"username": "x\nlogin_succeeded user=admin", "password": "sai"})
    (record,) = security()
    assert "\n" not in record.getMessage()
    assert record.getMessage().startswith("login_failed user=x\\nlogin_succeeded")


def test_a_suspicious_request_is_logged_once_without_a_traceback(client):
    """A forged Host header is a 400: one line in the portal's log, not Django's traceback (issue 15 §7)."""
    from utilities.security_log import RefusalWithoutTraceback

    console = next(handler for handler in logging.getLogger().handlers
                   if any(isinstance(f, RefusalWithoutTraceback) for f in handler.filters))
    written = io.StringIO()
    previous = console.setStream(written)
    try:
        client.raise_request_exception = False
        response = client.get("/", HTTP_HOST="evil..example")
    finally:
        console.setStream(previous)
    assert response.status_code == 400
    logged = written.getvalue()
    assert logged.count("Invalid HTTP_HOST header") == 1, logged
    assert "Traceback" not in logged
