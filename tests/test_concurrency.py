"""Two colleagues editing the same record: the second save against an older version is refused and changes
nothing — in the API (ETag / If-Match, 412) and on the edit pages (the version the form was rendered with)."""

import pytest
from django.urls import reverse

from councils.models import AuditEntry
from oversight.models import WorkItem
from oversight.tests.factories import WorkItemFactory
from tests.ui.test_edit_pages import _form_data

pytestmark = pytest.mark.django_db
API = "/api/v1/oversight/work-items"


@pytest.fixture
def item(council_a):
    return WorkItemFactory(council=council_a, title="Chuẩn bị kỳ họp thứ 5")


def test_detail_sends_the_version_as_etag_and_each_change_makes_a_new_one(api_as, clerk_a, item):
    client = api_as(clerk_a)
    first = client.get(f"{API}/{item.pk}/")
    assert first["ETag"] == '"1"'
    changed = client.patch(f"{API}/{item.pk}/", {"title": "Chuẩn bị kỳ họp thứ 6"}, format="json",
                           HTTP_IF_MATCH=first["ETag"])
    assert changed.status_code == 200 and changed["ETag"] == '"2"'
    assert client.get(f"{API}/{item.pk}/")["ETag"] == '"2"'


@pytest.mark.parametrize("method", ["put", "patch"])
def test_a_stale_if_match_is_412_and_changes_nothing(api_as, clerk_a, item, method):
    client = api_as(clerk_a)
    etag = client.get(f"{API}/{item.pk}/")["ETag"]
    data = client.get(f"{API}/{item.pk}/").json()
    assert client.patch(f"{API}/{item.pk}/", {"title": "Bản của người thứ nhất"}, format="json",
                        HTTP_IF_MATCH=etag).status_code == 200
    entries = AuditEntry.objects.count()
    payload = {**{k: data[k] for k in ("title", "lead", "due_date", "deliverable", "year", "origin")},
               "responsible_body": item.responsible_body_id, "title": "Bản của người thứ hai"}
    response = getattr(client, method)(f"{API}/{item.pk}/", payload, format="json", HTTP_IF_MATCH=etag)
    assert response.status_code == 412
    assert response.json()["error"]["code"] == "precondition_failed"
    item.refresh_from_db()
    assert item.title == "Bản của người thứ nhất" and AuditEntry.objects.count() == entries


def test_a_bogus_if_match_is_refused_and_no_if_match_still_works(api_as, clerk_a, item):
    client = api_as(clerk_a)
    refused = client.patch(f"{API}/{item.pk}/", {"title": "X"}, format="json", HTTP_IF_MATCH='"bogus"')
    assert refused.status_code == 412
    assert client.patch(f"{API}/{item.pk}/", {"title": "Không gửi If-Match"}, format="json").status_code == 200
    assert WorkItem.objects.get(pk=item.pk).title == "Không gửi If-Match"


def test_a_stale_edit_page_says_who_changed_what_and_saves_nothing(client, clerk_a, item):
    url = reverse("oversight:workitem_edit", args=[item.pk])
    client.force_login(clerk_a)
    first, second = _form_data(client.get(url)), _form_data(client.get(url))
    first["title"] = "Chuẩn bị kỳ họp thứ 6"
    assert client.post(url, first).status_code == 302
    second["deliverable"] = "Tờ trình"
    response = client.post(url, second)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Bản ghi đã được thay đổi sau khi bạn mở trang này" in page
    assert "clerk_a" in page and "Chuẩn bị kỳ họp thứ 6" in page
    item.refresh_from_db()
    assert (item.title, item.deliverable) == ("Chuẩn bị kỳ họp thứ 6", "Báo cáo")
