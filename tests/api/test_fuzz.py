"""Property-based fuzzing of the whole API v1 against its own OpenAPI schema (schemathesis 4).

Requests go through the WSGI application in-process (no server), authenticated by token as a
secretariat clerk of the seeded Hà Nội council. For every operation under /api/v1/ and every method the
schema offers (GET, POST, PUT, PATCH, and DELETE where a resource allows it; PUT and PATCH may carry a random
If-Match, whose 412 is documented) schemathesis sends schema-valid and schema-violating requests and checks that

- no response is a server error (5xx),
- every status code, content type and body is the one the schema documents.

It is bounded (a few examples per operation, derandomized, no deadline) so it stays in the suite.
``make fuzz`` runs the deep pass (HDND_FUZZ_EXAMPLES=100, on PostgreSQL when DATABASE_URL says so).
"""

import os

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.config import SchemathesisConfig
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

pytestmark = pytest.mark.django_db

EXAMPLES = int(os.environ.get("HDND_FUZZ_EXAMPLES", "10"))
FUZZED_METHODS = ("GET", "POST", "PUT", "PATCH", "DELETE")
FUZZ_USER = "vanphong"  # the demo secretariat clerk of HĐND thành phố Hà Nội (demo/builder)

CONFIG = {
    "generation": {"mode": "all", "max-examples": EXAMPLES, "deterministic": True},
    # The coverage phase enumerates every boundary of every parameter; with ~150 operations it alone
    # would take many minutes. Fuzzing with negative mode covers the same kinds of bad input.
    "phases": {"examples": {"enabled": False}, "coverage": {"enabled": False}, "stateful": {"enabled": False}},
}


@pytest.fixture
def auth_headers(demo, keep_test_connection):
    return demo.token_headers(FUZZ_USER)


@pytest.fixture
def keep_test_connection():
    """The real WSGI handler closes the database connection after each request, which would end the
    test's transaction; Django's own test client suspends that signal receiver the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


# Loaded when the module is collected (schemathesis' lazy fixture loader does not support pytest 9's
# node ids): one test per operation. Generating the schema needs no database.
schema = (
    schemathesis.openapi.from_wsgi("/api/schema/", get_wsgi_application(),
                                   config=SchemathesisConfig.from_dict(CONFIG))
    .include(path_regex=r"^/api/v1/")
    .include(method=list(FUZZED_METHODS))
    .exclude(path="/api/v1/auth/token/")
)


@schema.parametrize()
@hypothesis_settings(
    max_examples=EXAMPLES, deadline=None, derandomize=True, database=None,
    suppress_health_check=list(HealthCheck),
)
def test_api_conforms_to_its_schema(case, auth_headers):
    from schemathesis.checks import not_a_server_error

    case.call_and_validate(
        headers=auth_headers,
        checks=[not_a_server_error, status_code_conformance, content_type_conformance,
                response_schema_conformance],
    )


def test_every_operation_and_method_of_the_schema_is_fuzzed():
    """A new route or method (a DELETE, say) is fuzzed as soon as the schema offers it; only the login is not
    (it would spend the login throttle and needs no token)."""
    offered = {(method.upper(), path) for path, operations in schema.raw_schema["paths"].items()
               if path.startswith("/api/v1/") for method in operations
               if method in ("get", "head", "options", "post", "put", "patch", "delete", "trace")}
    fuzzed = {(result.ok().method.upper(), result.ok().path) for result in schema.get_all_operations()}
    assert offered - fuzzed == {("POST", "/api/v1/auth/token/")}
    assert {method for method, _path in offered} <= set(FUZZED_METHODS)
