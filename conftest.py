"""Shared personas for every test: two provinces, A with a commune below it, and their people.

Like Healthchecks' alice/bob/charlie: ``clerk_a`` (secretariat of province A), ``deputy_a`` (a deputy of A,
with a user), ``viewer_a`` (party committee of A, read-only), ``clerk_b`` (secretariat of province B),
``clerk_a1`` (secretariat of commune A1, below A).
"""

import functools
import importlib
import inspect

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from rest_framework.test import APIClient

from councils.choices import BodyKind, Role
from councils.tests.factories import (
    BodyFactory,
    CouncilFactory,
    DeputyFactory,
    LevelFactory,
    RoleAssignmentFactory,
    TermFactory,
    UserFactory,
)


@pytest.fixture
def term(db):
    return TermFactory()


@pytest.fixture
def province_level(db):
    return LevelFactory(code="province")


@pytest.fixture
def commune_level(db):
    return LevelFactory(code="commune")


@pytest.fixture
def council_a(province_level):
    return CouncilFactory(code="01", area_name="Thành phố Hà Nội", name="HĐND thành phố Hà Nội", level=province_level)


@pytest.fixture
def council_a1(council_a, commune_level):
    return CouncilFactory(code="00004", area_name="Phường Ba Đình", name="HĐND phường Ba Đình",
                          level=commune_level, parent=council_a)


@pytest.fixture
def council_b(province_level):
    return CouncilFactory(code="38", area_name="Tỉnh Thanh Hóa", name="HĐND tỉnh Thanh Hóa", level=province_level)


@pytest.fixture
def standing_board_a(council_a, term):
    return BodyFactory(council=council_a, term=term, kind=BodyKind.STANDING_BOARD, name="Thường trực HĐND TP")


@pytest.fixture
def clerk_a(council_a):
    user = UserFactory(username="clerk_a")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.SECRETARIAT)
    return user


@pytest.fixture
def admin_a(council_a):
    """The province's administrator (role administrator on council A: its accounts, rule sets, handovers)."""
    user = UserFactory(username="admin_a")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.ADMINISTRATOR)
    return user


@pytest.fixture
def clerk_a1(council_a1):
    user = UserFactory(username="clerk_a1")
    RoleAssignmentFactory(user=user, council=council_a1, role=Role.SECRETARIAT)
    return user


@pytest.fixture
def deputy_a_record(council_a, term):
    return DeputyFactory(council=council_a, term=term, full_name="Trần Thị Hoa")


@pytest.fixture
def deputy_a(council_a, deputy_a_record):
    user = UserFactory(username="deputy_a")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.DEPUTY, deputy=deputy_a_record)
    return user


@pytest.fixture
def viewer_a(council_a):
    user = UserFactory(username="viewer_a")
    RoleAssignmentFactory(user=user, council=council_a, role=Role.PARTY_VIEWER)
    return user


@pytest.fixture
def clerk_b(council_b):
    user = UserFactory(username="clerk_b")
    RoleAssignmentFactory(user=user, council=council_b, role=Role.SECRETARIAT)
    return user


@pytest.fixture
def api_client():
    return APIClient()


@pytest.fixture
def api_as(api_client):
    """``api_as(user)`` gives an APIClient authenticated as that user."""

    def _login(user):
        api_client.force_authenticate(user)
        return api_client

    return _login


# --- every service that writes a record of the domain writes its history line too ----------------------------

SERVICE_MODULES = ("councils.services", "councils.sessions", "councils.imports.services",
                   "councils.calendar", "councils.accounts", "councils.handovers", "councils.term_changeover",
                   "oversight.services", "voters.services", "documents.services", "compliance.rules_admin")
# Writes that are bookkeeping, not a change of a record (none at present: the ladder's marks live in
# notifications, outside the domain tables).
WITHOUT_HISTORY: set[str] = set()


@functools.cache
def _domain_tables() -> tuple[str, ...]:
    return tuple(model._meta.db_table for app in ("councils", "oversight", "voters", "documents")
                 for model in apps.get_app_config(app).get_models() if model._meta.model_name != "auditentry")


def _writes_history(service):
    @functools.wraps(service)
    def checked(*args, **kwargs):
        writes = []

        def observe(execute, sql, params, many, context):
            if sql.lstrip()[:6].upper() in ("INSERT", "UPDATE", "DELETE"):
                writes.append(sql)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(observe):
            result = service(*args, **kwargs)
        domain = [sql for sql in writes if any(f'"{table}"' in sql for table in _domain_tables())]
        if domain and not any('"councils_auditentry"' in sql for sql in writes):
            raise AssertionError(f"{service.__module__}.{service.__name__} wrote without a history line: "
                                 f"{domain[0][:120]}")
        return result

    return checked


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the portal's default language: a request of an earlier test (the test client runs
    LocaleMiddleware in this thread) must not leave English active for the next one."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts from an empty cache: figures kept by an earlier test (the compliance roll-ups, keyed by
    ids and times that another test's database can repeat) must not answer for this one."""
    cache.clear()
    yield


@pytest.fixture(autouse=True)
def services_write_history(monkeypatch):
    """A new service that writes a record without ``record_audit`` fails every test that calls it."""
    for module_name in SERVICE_MODULES:
        module = importlib.import_module(module_name)
        for name, service in inspect.getmembers(module, inspect.isfunction):
            if not name.startswith("_") and name not in WITHOUT_HISTORY and service.__module__.startswith(module_name):
                monkeypatch.setattr(module, name, _writes_history(service))
