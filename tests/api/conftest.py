"""The demo data (demo/builder) as a world the cross-app API tests share.

Seeded once per test module inside an outer transaction that is rolled back after the module, so each
test still runs in its own savepoint and nothing leaks into other modules. Its people:
``vanphong`` (secretariat of Hà Nội), ``vanphong2`` (secretariat of Thanh Hóa), ``capuy`` (party viewer
of Hà Nội), ``daibieu`` (a deputy of Hà Nội).
"""

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import transaction
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient


class DemoWorld:
    def __init__(self):
        self.users = {u.username: u for u in get_user_model().objects.all()}

    def token_headers(self, username: str) -> dict:
        token, _created = Token.objects.get_or_create(user=self.users[username])
        return {"Authorization": f"Token {token.key}"}

    def client(self, username: str) -> APIClient:
        client = APIClient()
        client.force_authenticate(self.users[username])
        return client


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    from demo.builder import seed

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            seed(password=settings.HDND_DEMO_PASSWORD)
            yield DemoWorld()
        finally:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def demo(demo_world, db):
    """The demo world, inside this test's own savepoint."""
    return demo_world
