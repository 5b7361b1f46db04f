"""Scoping of every API v1 endpoint, discovered from the schema, on the demo data.

- The clerk of Thanh Hóa gets a 404 on each Hà Nội record (read, write, workflow action).
- The party viewer of Hà Nội reads but every write is a 403.
- The deputy of Hà Nội changes only records that name them.
"""

import re

import pytest
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

CLERK_A, CLERK_B, VIEWER_A, DEPUTY_A = "vanphong", "vanphong2", "capuy", "daibieu"
WRITE_METHODS = ("post", "put", "patch")
# A person's own bookkeeping, not a council's records: everyone marks their notifications read and chooses
# how to be emailed (own only: another's notification is a 404, tested in notifications/tests).
PERSONAL = "/api/v1/notifications/"


@pytest.fixture(scope="module")
def schema_paths():
    return SchemaGenerator().get_schema(request=None, public=True)["paths"]


@pytest.fixture(scope="module")
def operations(schema_paths):
    """(method, path) of every operation under /api/v1/, from the same schema clients get."""
    return [
        (method, path)
        for path, item in schema_paths.items()
        if path.startswith("/api/v1/") and path != "/api/v1/auth/token/"
        for method in item
        if method in ("get", "post", "put", "patch", "delete")
    ]


def _needs_query_parameters(schema_paths, method, path) -> bool:
    return any(p["in"] == "query" and p.get("required") for p in schema_paths[path][method].get("parameters", []))


def _rows(client, path):
    response = client.get(path, {"page_size": 100})
    assert response.status_code == 200, (path, response.content[:300])
    body = response.json()
    return body["results"] if isinstance(body, dict) and "results" in body else body


def _ids(client, path) -> set:
    return {row["id"] for row in _rows(client, path) if isinstance(row, dict) and "id" in row}


def _collection_of(path: str) -> str | None:
    """"/api/v1/x/{id}/action/" -> "/api/v1/x/" when the only parameter is the record id."""
    match = re.fullmatch(r"(/api/v1/.+/)\{id\}/(?:[\w-]+/)?", path)
    return match.group(1) if match else None


@pytest.fixture
def a_only_ids(operations, demo):
    """For each collection: ids Hà Nội's clerk sees and Thanh Hóa's does not (catalogues drop out)."""
    collections = {_collection_of(p) for _m, p in operations} - {None}
    clerk_a, clerk_b = demo.client(CLERK_A), demo.client(CLERK_B)
    out = {}
    for collection in sorted(collections):
        if ("get", collection) not in operations:
            continue
        only_a = sorted(_ids(clerk_a, collection) - _ids(clerk_b, collection))
        if only_a:
            out[collection] = only_a
    return out


def test_discovery_covers_every_app(a_only_ids):
    prefixes = {c.split("/")[3] for c in a_only_ids}
    assert {"bodies", "deputies", "councils", "oversight"} <= prefixes
    assert len(a_only_ids) >= 10, sorted(a_only_ids)


def test_other_province_gets_404_on_every_record(demo, operations, a_only_ids):
    """Reads are a 404; a write or action answers exactly as for an id that does not exist (an action
    may check its body before looking the record up), so nothing tells that the record is there."""
    clerk_b = demo.client(CLERK_B)
    wrong = []
    checked = 0
    for method, path in operations:
        collection = _collection_of(path)
        if collection not in a_only_ids:
            continue
        url = path.replace("{id}", str(a_only_ids[collection][0]))
        status = getattr(clerk_b, method)(url, {}, format="json").status_code
        missing = getattr(clerk_b, method)(path.replace("{id}", "987654321"), {}, format="json").status_code
        checked += 1
        expected = {404, 405} if method == "get" else {missing}
        if status not in expected or status < 400 or status >= 500:
            wrong.append(f"{method.upper()} {url} -> {status} (an unknown id gives {missing})")
    assert checked >= 20
    assert not wrong, "Thanh Hóa's clerk can tell or touch Hà Nội records:\n" + "\n".join(wrong)


# Writes to the user's own account, not to a council's records: a party viewer manages their own calendar
# feed address like anyone else.
OWN_ACCOUNT_PREFIXES = ("/api/v1/calendar/feed-url/",)


def test_party_viewer_reads_but_never_writes(demo, operations, a_only_ids, schema_paths):
    viewer = demo.client(VIEWER_A)
    wrong = []
    for method, path in operations:
        collection = _collection_of(path)
        if path.startswith("/api/v1/public/"):
            continue  # open to everyone: the tracking code and key decide (public/tests)
        if method != "get" and path.startswith(OWN_ACCOUNT_PREFIXES):
            status = getattr(viewer, method)(path, {}, format="json").status_code
            if status != 200:
                wrong.append(f"{method.upper()} {path} (their own account) -> {status}")
            continue
        if method == "get":
            if "{" not in path and not _needs_query_parameters(schema_paths, method, path):
                status = viewer.get(path).status_code
                if status != 200:
                    wrong.append(f"GET {path} is not readable: {status}")
            continue
        if path.startswith(PERSONAL):
            continue
        if "{" in path:
            if collection not in a_only_ids:
                continue
            url = path.replace("{id}", str(a_only_ids[collection][0]))
        else:
            url = path
        status = getattr(viewer, method)(url, {}, format="json").status_code
        if status != 403:
            wrong.append(f"{method.upper()} {url} -> {status}")
    assert not wrong, "The party viewer could do more than read:\n" + "\n".join(wrong)


def _names(row, deputy_id: int) -> bool:
    """Whether a record names the deputy in a deputy-like field (its author, assignee, participant...)."""
    for key, value in (row or {}).items():
        if not any(word in key for word in ("deput", "assignee", "responsible", "owner", "participant")):
            continue
        values = value if isinstance(value, list) else [value]
        for item in values:
            if item == deputy_id or (isinstance(item, dict) and deputy_id in (item.get("id"), item.get("deputy"))):
                return True
    return False


def test_deputy_changes_only_records_that_name_them(demo, operations, a_only_ids):
    deputy = demo.client(DEPUTY_A)
    deputy_id = demo.users[DEPUTY_A].council_roles.get().deputy_id
    clerk_a = demo.client(CLERK_A)
    wrong = []
    attempts = 0
    for method, path in operations:
        collection = _collection_of(path)
        if method not in WRITE_METHODS or "{" not in path or collection not in a_only_ids:
            continue
        for pk in a_only_ids[collection][:3]:
            attempts += 1
            url = path.replace("{id}", str(pk))
            row = clerk_a.get(f"{collection}{pk}/").json()
            status = getattr(deputy, method)(url, {}, format="json").status_code
            if status < 400 and not _names(row, deputy_id):
                wrong.append(f"{method.upper()} {url} -> {status} on a record that does not name the deputy")
    assert attempts >= 30
    assert not wrong, "\n".join(wrong)
