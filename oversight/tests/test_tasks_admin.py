"""The admin's scoped pages of the oversight app."""


import pytest

from oversight.tests.factories import (
    ActivityFactory,
)

pytestmark = pytest.mark.django_db


def test_admin_activity_pages_are_scoped(client, clerk_a, clerk_b, council_a):
    for user in (clerk_a, clerk_b):
        user.is_staff = True
        user.save()
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(content_type__app_label="oversight")
    clerk_a.user_permissions.set(perms)
    clerk_b.user_permissions.set(perms)
    activity = ActivityFactory(council=council_a, title="Giám sát đất đai phường")
    client.force_login(clerk_a)
    assert "Giám sát đất đai phường" in client.get("/admin/oversight/oversightactivity/").content.decode()
    assert client.get(f"/admin/oversight/oversightactivity/{activity.pk}/change/").status_code == 200
    client.force_login(clerk_b)
    assert "Giám sát đất đai phường" not in client.get("/admin/oversight/oversightactivity/").content.decode()
    assert client.get(f"/admin/oversight/oversightactivity/{activity.pk}/change/").status_code == 404
