"""Nothing of the domain is deleted: a record is archived (when, by whom), hidden from lists unless asked for,
restored only by an administrator, and every step is in its history."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from councils import services
from councils.models import AuditEntry
from oversight.tests.factories import WorkItemFactory
from voters.tests.factories import PetitionFactory

pytestmark = pytest.mark.django_db


def test_archive_keeps_the_record_and_only_an_administrator_restores(clerk_a, admin_a, viewer_a, council_a):
    item = WorkItemFactory(council=council_a)
    with pytest.raises(PermissionDenied):
        services.archive_record(record=item, actor=viewer_a)
    services.archive_record(record=item, actor=clerk_a, note="Trùng với công việc khác")
    item.refresh_from_db()
    assert item.archived_at is not None and item.archived_by == clerk_a
    with pytest.raises(PermissionDenied):
        services.restore_record(record=item, actor=clerk_a)
    services.restore_record(record=item, actor=admin_a)
    item.refresh_from_db()
    assert item.archived_at is None
    actions = list(AuditEntry.objects.filter(object_id=item.pk, council=council_a).values_list("action", flat=True))
    assert {"archive", "restore"} <= set(actions)


def test_archived_rows_leave_the_lists_and_come_back_with_the_filter(client, api_as, clerk_a, council_a):
    kept, archived = PetitionFactory(council=council_a, content="Kiến nghị đang theo dõi"), PetitionFactory(
        council=council_a, content="Kiến nghị đã lưu trữ")
    services.archive_record(record=archived, actor=clerk_a)
    api = api_as(clerk_a)
    ids = lambda **params: {row["id"] for row in api.get("/api/v1/voters/petitions/", params).json()["results"]}  # noqa: E731
    assert ids() == {kept.pk} == ids(archived="false")
    assert ids(archived="true") == {archived.pk}
    assert ids(archived="all") == {kept.pk, archived.pk}
    client.force_login(clerk_a)
    page = client.get(reverse("voters:petition_list")).content.decode()
    assert "Kiến nghị đang theo dõi" in page and "Kiến nghị đã lưu trữ" not in page
    assert "Kiến nghị đã lưu trữ" in client.get(reverse("voters:petition_list"), {"archived": "true"}).content.decode()
    # The record itself stays readable (and restorable) from its own page.
    assert client.get(reverse("voters:petition_detail", args=[archived.pk])).status_code == 200
