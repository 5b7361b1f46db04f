"""The bell, the list, marking read, the email choice (page and API), own-only API, and email immediate vs
digest (eager here; a real worker in test_worker.py)."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from notifications import services
from notifications.choices import EmailMode, NotificationKind
from notifications.models import EmailPreference, Notification

pytestmark = pytest.mark.django_db
API = "/api/v1/notifications/"


def make(user, n, **extra):
    return [Notification.objects.create(recipient=user, kind=NotificationKind.OVERDUE, title=f"Quá hạn {i}",
                                        url="/thong-bao/", **extra) for i in range(n)]


def count_queries(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


def test_bell_and_list_cost_the_same_whatever_the_number(client, clerk_a, council_a):
    client.force_login(clerk_a)
    make(clerk_a, 2, council=council_a)
    small_home, home = count_queries(client, reverse("home"))
    small_list, page = count_queries(client, reverse("notifications:list"))
    assert 'data-testid="bell-count">2<' in home.content.decode()
    make(clerk_a, 40, council=council_a)
    big_home, home = count_queries(client, reverse("home"))
    big_list, page = count_queries(client, reverse("notifications:list"))
    assert (small_home, small_list) == (big_home, big_list)
    assert 'data-testid="bell-count">42<' in home.content.decode()
    assert page.content.decode().count('data-testid="notification"') == 30


def test_mark_read_and_all_read_on_the_page(client, clerk_a, viewer_a):
    first, second = make(clerk_a, 2)
    theirs = make(viewer_a, 1)[0]
    client.force_login(clerk_a)
    response = client.post(reverse("notifications:read", args=[first.pk]), {"open": "1"})
    assert response.status_code == 302 and response.url == "/thong-bao/"
    first.refresh_from_db()
    assert first.read_at is not None
    assert client.post(reverse("notifications:read", args=[theirs.pk])).status_code == 404
    client.post(reverse("notifications:read_all"))
    assert not Notification.objects.filter(recipient=clerk_a, read_at__isnull=True).exists()
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_api_is_own_only_and_marks_read(api_as, clerk_a, viewer_a):
    mine = make(clerk_a, 3)
    theirs = make(viewer_a, 1)[0]
    client = api_as(clerk_a)
    body = client.get(API).json()
    assert body["count"] == 3 and {row["id"] for row in body["results"]} == {n.pk for n in mine}
    assert client.get(f"{API}{theirs.pk}/").status_code == 404
    assert client.post(f"{API}{theirs.pk}/mark-read/").status_code == 404
    answer = client.post(f"{API}{mine[0].pk}/mark-read/")
    assert answer.status_code == 200 and answer.json()["is_read"] is True
    assert client.get(API, {"unread": "true"}).json()["count"] == 2
    assert client.post(f"{API}mark-all-read/").json() == {"marked": 2}
    assert client.delete(f"{API}{mine[0].pk}/").status_code == 405
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_api_list_query_count_does_not_grow(api_as, clerk_a):
    client = api_as(clerk_a)
    make(clerk_a, 2)
    small, _r = count_queries(client, API)
    make(clerk_a, 30)
    big, _r = count_queries(client, API)
    assert small == big


def test_email_preference_page_and_api(client, api_as, clerk_a):
    client.force_login(clerk_a)
    page = client.get(reverse("notifications:preferences"))
    assert "Gửi ngay từng thông báo" in page.content.decode()
    assert client.post(reverse("notifications:preferences"), {"mode": "digest"}).status_code == 302
    assert EmailPreference.objects.get(user=clerk_a).mode == EmailMode.DIGEST
    bad = client.post(reverse("notifications:preferences"), {"mode": "weekly"})
    assert bad.status_code == 200 and "is-invalid" in bad.content.decode() and "weekly" in bad.content.decode()
    assert EmailPreference.objects.get(user=clerk_a).mode == EmailMode.DIGEST
    api = api_as(clerk_a)
    got = api.get(f"{API}preferences/")
    assert got.json()["mode"] == "digest"
    assert api.put(f"{API}preferences/", {"mode": "off"}, format="json", HTTP_IF_MATCH='"999"').status_code == 412
    assert api.put(f"{API}preferences/", {"mode": "off"}, format="json", HTTP_IF_MATCH=got["ETag"]).json()["mode"] == "off"
    assert api.patch(f"{API}preferences/", {"mode": "nope"}, format="json").status_code == 400


def test_email_immediate_digest_and_off(settings, clerk_a, viewer_a, deputy_a, django_capture_on_commit_callbacks):
    settings.PORTAL_BASE_URL = "https://hdnd.example.vn"
    services.set_email_mode(user=viewer_a, mode=EmailMode.DIGEST)
    services.set_email_mode(user=deputy_a, mode=EmailMode.OFF)
    with django_capture_on_commit_callbacks(execute=True):
        for user in (clerk_a, viewer_a, deputy_a):
            services.notify(recipients=[user], kind=NotificationKind.OVERDUE, target=None, title="Quá hạn 1 ngày: KN-01",
                            url="/kien-nghi/1/")
    assert [m.to for m in mail.outbox] == [["clerk_a@example.vn"]]
    assert "Xem chi tiết: https://hdnd.example.vn/kien-nghi/1/" in mail.outbox[0].body
    assert mail.outbox[0].subject == "[Cổng HĐND] Quá hạn 1 ngày: KN-01"
    assert services.send_digests() == 1
    assert mail.outbox[1].to == ["viewer_a@example.vn"] and "1 thông báo mới" in mail.outbox[1].subject
    assert services.send_digests() == 0  # each notification is emailed once
    assert Notification.objects.get(recipient=deputy_a).emailed_at is None
