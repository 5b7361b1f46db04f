"""API authentication: tokens for programs, the session with CSRF for browsers, throttles on both doors."""

import pytest
from django.core.cache import cache
from django.test import override_settings
from django.utils.crypto import get_random_string
from rest_framework.settings import api_settings
from rest_framework.test import APIClient

from councils.choices import BodyKind

pytestmark = pytest.mark.django_db

API = "/api/v1"
PASSWORD = "hdnd-test-pass"  # councils.tests.factories.UserFactory


@pytest.fixture
def fresh_throttles():
    """Throttle history lives in the cache: start from none, and leave none for the next test."""
    cache.clear()
    yield
    cache.clear()


def _rates(**rates):
    return override_settings(REST_FRAMEWORK={**_current(), "DEFAULT_THROTTLE_RATES": rates})


def _current():
    from django.conf import settings

    return settings.REST_FRAMEWORK


def test_token_login_then_token_requests(clerk_a, council_a):
    client = APIClient()
    response = client.post(f"{API}/auth/token/", {"username": "clerk_a", "password": PASSWORD}, format="json")
    assert response.status_code == 200, response.content
    token = response.json()["token"]
    assert len(token) == 40
    # The same token on the next login: one per user.
    again = client.post(f"{API}/auth/token/", {"username": "clerk_a", "password": PASSWORD}, format="json")
    assert again.json()["token"] == token

    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    rows = client.get(f"{API}/councils/").json()["results"]
    assert [r["id"] for r in rows] == [council_a.pk]


def test_wrong_password_is_a_400_in_vietnamese(clerk_a):
    response = APIClient().post(f"{API}/auth/token/", {"username": "clerk_a", "password": "sai"}, format="json")
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["fields"]["non_field_errors"] == ["Tên đăng nhập hoặc mật khẩu không đúng."]
    assert "token" not in response.json()


def test_anonymous_gets_401_with_the_token_challenge():
    response = APIClient().get(f"{API}/councils/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"
    assert response.json()["error"]["code"] == "not_authenticated"


def test_bad_token_is_401(fresh_throttles):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token " + "0" * 40)
    response = client.get(f"{API}/councils/")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "authentication_failed"


def _body(council, term):
    return {"council": council.pk, "term": term.pk, "kind": BodyKind.OFFICE, "name": "Văn phòng"}


def test_session_writes_need_the_csrf_token(clerk_a, council_a, term):
    client = APIClient(enforce_csrf_checks=True)
    assert client.login(username="clerk_a", password=PASSWORD)
    # Reading needs no token.
    assert client.get(f"{API}/bodies/").status_code == 200

    response = client.post(f"{API}/bodies/", _body(council_a, term), format="json")
    assert response.status_code == 403
    assert "CSRF" in response.json()["error"]["message"]

    # The browser holds the CSRF cookie the portal's pages set, and echoes it in the header.
    csrf = get_random_string(32)
    client.cookies["csrftoken"] = csrf
    response = client.post(f"{API}/bodies/", _body(council_a, term), format="json", HTTP_X_CSRFTOKEN=csrf)
    assert response.status_code == 201, response.content


def test_token_writes_need_no_csrf(clerk_a, council_a, term):
    client = APIClient(enforce_csrf_checks=True)
    token = client.post(f"{API}/auth/token/", {"username": "clerk_a", "password": PASSWORD},
                        format="json").json()["token"]
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.post(f"{API}/bodies/", _body(council_a, term), format="json").status_code == 201


def test_login_attempts_are_throttled(clerk_a, fresh_throttles):
    client = APIClient()
    with _rates(anon="1000/minute", login="3/minute"):
        assert api_settings.DEFAULT_THROTTLE_RATES["login"] == "3/minute"
        statuses = [
            client.post(f"{API}/auth/token/", {"username": "clerk_a", "password": "sai"}, format="json").status_code
            for _ in range(3)
        ]
        assert statuses == [400, 400, 400]
        # Even the right password waits now: guessing must not be able to probe past the limit.
        response = client.post(f"{API}/auth/token/", {"username": "clerk_a", "password": PASSWORD}, format="json")
        assert response.status_code == 429
        assert response.json()["error"]["code"] == "throttled"
        assert int(response["Retry-After"]) > 0


def test_anonymous_requests_are_throttled_but_signed_in_ones_not(api_as, clerk_a, fresh_throttles):
    anonymous = APIClient()
    with _rates(anon="2/minute", login="1000/minute"):
        assert [anonymous.get(f"{API}/councils/").status_code for _ in range(3)] == [401, 401, 429]
        # Guessing tokens spends the same allowance.
        anonymous.credentials(HTTP_AUTHORIZATION="Token " + "1" * 40)
        assert anonymous.get(f"{API}/bodies/").status_code == 429
        signed_in = api_as(clerk_a)
        assert {signed_in.get(f"{API}/councils/").status_code for _ in range(3)} == {200}


def _api_view_classes():
    """The view class behind every route under /api/v1/."""
    from django.urls import get_resolver

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from walk(pattern.url_patterns, route)
            elif route.startswith("api/v1/"):
                view = getattr(pattern.callback, "cls", None)
                if view is not None:
                    yield route, view

    return dict(walk(get_resolver().url_patterns))


def test_every_api_view_counts_requests_before_refusing_them():
    """Otherwise anonymous callers, refused by the permission check, are never throttled."""
    from rest_framework.routers import APIRootView

    from utilities.api.auth import ObtainTokenView
    from utilities.api.viewsets import ThrottleFirstMixin

    # The root lists links and the token view lets everybody in (its own throttle counts every attempt).
    exempt = (APIRootView, ObtainTokenView)
    missing = sorted({view.__qualname__ for view in _api_view_classes().values()
                      if not issubclass(view, (ThrottleFirstMixin, *exempt))})
    assert not missing, f"API views without ThrottleFirstMixin: {missing}"


def test_rotating_x_forwarded_for_does_not_reset_the_login_throttle(clerk_a, fresh_throttles):
    """Any client can write X-Forwarded-For: without proxies configured it is not the caller's address."""
    client = APIClient()
    with _rates(anon="1000/minute", login="3/minute"):
        statuses = [
            client.post(f"{API}/auth/token/", {"username": "clerk_a", "password": "sai"}, format="json",
                        HTTP_X_FORWARDED_FOR=f"203.0.113.{n}").status_code
            for n in range(4)
        ]
    assert statuses == [400, 400, 400, 429]


@override_settings(NUM_PROXIES=1)
def test_behind_one_proxy_the_caller_is_the_address_it_appended(clerk_a, fresh_throttles):
    client = APIClient()
    with _rates(anon="1000/minute", login="2/minute"):
        def attempt(forwarded_for):
            return client.post(f"{API}/auth/token/", {"username": "clerk_a", "password": "sai"}, format="json",
                               HTTP_X_FORWARDED_FOR=forwarded_for).status_code

        # What the client wrote (left) changes, what the proxy appended (right) does not: one caller.
        assert [attempt("10.0.0.1, 198.51.100.7"), attempt("10.9.9.9, 198.51.100.7")] == [400, 400]
        assert attempt("198.51.100.7") == 429
        # Another caller behind the same proxy has its own allowance.
        assert attempt("10.0.0.1, 198.51.100.8") == 400


@pytest.mark.parametrize(("proxies", "forwarded_for", "expected"), [
    (0, "203.0.113.9", "127.0.0.1"),
    (1, "", "127.0.0.1"),
    (1, "203.0.113.9", "203.0.113.9"),
    (1, "1.1.1.1, 203.0.113.9", "203.0.113.9"),
    (2, "1.1.1.1, 203.0.113.9, 10.0.0.2", "203.0.113.9"),
    (2, "203.0.113.9", "127.0.0.1"),  # fewer entries than proxies: not through all of them
    (1, "1.1.1.1, not-an-address", "127.0.0.1"),
])
def test_client_address_counts_proxies_from_the_right(rf, proxies, forwarded_for, expected):
    from utilities.net import client_address

    headers = {"HTTP_X_FORWARDED_FOR": forwarded_for} if forwarded_for else {}
    with override_settings(NUM_PROXIES=proxies):
        assert client_address(rf.get("/", REMOTE_ADDR="127.0.0.1", **headers)) == expected


def test_drf_and_the_portal_read_the_same_proxy_count():
    from django.conf import settings

    assert api_settings.NUM_PROXIES == settings.NUM_PROXIES == 0
