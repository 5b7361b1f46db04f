"""The OpenAPI schema and its interactive docs: complete, with the error format, served without a CDN."""

import re

import pytest
from django.contrib.staticfiles import finders
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def schema_document():
    from drf_spectacular.generators import SchemaGenerator

    return SchemaGenerator().get_schema(request=None, public=True)


def test_schema_endpoint_serves_openapi_3():
    response = APIClient().get("/api/schema/", HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response.json()["openapi"].startswith("3.")


def test_every_councils_resource_is_documented(schema_document):
    paths = schema_document["paths"]
    for resource in ("levels", "councils", "terms", "electoral-units", "bodies", "deputies", "memberships",
                     "agencies", "fields", "day-offs", "role-assignments", "audit-entries"):
        assert f"/api/v1/{resource}/" in paths
        assert f"/api/v1/{resource}/{{id}}/" in paths
    assert "post" in paths["/api/v1/auth/token/"]


def test_every_operation_documents_the_error_format(schema_document):
    error = schema_document["components"]["schemas"]["Error"]
    assert error["properties"]["error"]["$ref"].endswith("/ErrorBody")
    for path, operations in schema_document["paths"].items():
        for method, operation in operations.items():
            if method not in ("get", "post", "put", "patch", "delete"):
                continue
            for status in ("400", "401", "403", "404"):
                assert status in operation["responses"], (method, path, status)


def test_writes_document_an_unsupported_content_type(schema_document):
    for path, operations in schema_document["paths"].items():
        for method in ("post", "put", "patch"):
            if method in operations:
                assert "415" in operations[method]["responses"], (method, path)


@pytest.mark.parametrize("method,path", [
    ("get", "/api/v1/oversight/activities/{id}/participants/"),
    ("get", "/api/v1/oversight/trainings/{id}/attendance/"),
    ("get", "/api/v1/voters/petitions/{id}/duplicates/"),
    ("post", "/api/v1/voters/meetings/{id}/petitions/"),
])
def test_an_action_answering_a_plain_list_is_an_array_without_paging(schema_document, method, path):
    operation = schema_document["paths"][path][method]
    success = next(r for code, r in operation["responses"].items() if code.startswith("2"))
    assert success["content"]["application/json"]["schema"]["type"] == "array"
    assert not {"page", "page_size"} & {p["name"] for p in operation.get("parameters", [])}


def test_the_rollup_is_one_object(schema_document, api_as, clerk_a, council_a):
    response = schema_document["paths"]["/api/v1/compliance/rollup/"]["get"]["responses"]["200"]
    assert response["content"]["application/json"]["schema"] == {"$ref": "#/components/schemas/Rollup"}
    assert isinstance(api_as(clerk_a).get("/api/v1/compliance/rollup/", {"council": council_a.pk}).json(), dict)


def test_list_filters_are_in_the_schema(schema_document):
    params = {p["name"] for p in schema_document["paths"]["/api/v1/councils/"]["get"]["parameters"]}
    assert {"parent", "level", "subtree_of", "search", "ordering", "page", "page_size"} <= params


def test_optional_email_is_not_a_strict_email_format(schema_document):
    council = schema_document["components"]["schemas"]["Council"]["properties"]["email"]
    assert "format" not in council


def test_docs_use_local_assets_only():
    html = APIClient().get("/api/docs/").content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any(a.startswith("/static/drf_spectacular_sidecar/swagger-ui-dist/") for a in assets)
    assert not re.search(r"https?://(?!localhost)", html), "the docs page must not load anything from a CDN"
    for asset in assets:
        if asset.startswith("/static/"):
            assert finders.find(asset.removeprefix("/static/")), asset
