"""Error pages (400, 403, 404, 500) in the portal's layout and the user's language, with the server's reason and a
way back; API paths answer in the API's error format; `make run` (local settings) shows them too (DEBUG off)."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client, RequestFactory
from django.urls import reverse

from utilities.api import exceptions as handlers

ROOT = Path(__file__).resolve().parent.parent


def page_text(response) -> str:
    return response.content.decode()


@pytest.mark.django_db
def test_a_missing_page_is_the_portals_404_in_vietnamese(client, clerk_a):
    client.force_login(clerk_a)
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    text = page_text(response)
    assert "Không tìm thấy trang" in text and "Về trang làm việc" in text
    assert "navbar-brand" in text and 'id="mainnav"' in text, "in the portal's layout, with its menu"
    assert "URLconf" not in text and "Page not found" not in text


@pytest.mark.django_db
def test_another_councils_record_is_a_404_that_says_nothing_of_it(client, clerk_a, council_b):
    client.force_login(clerk_a)
    response = client.get(reverse("council_detail", args=[council_b.pk]))
    assert response.status_code == 404
    assert "matches the given query" not in page_text(response)


@pytest.mark.django_db
def test_the_404_follows_the_language(client):
    response = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 404
    assert "Page not found" in page_text(response) and "Không tìm thấy trang" not in page_text(response)


@pytest.mark.django_db
def test_a_refused_edit_shows_the_reason_in_the_layout(client, viewer_a):
    client.force_login(viewer_a)
    response = client.post(reverse("session_create"), {})
    assert response.status_code == 403
    text = page_text(response)
    assert "Bạn không có quyền thực hiện việc này" in text
    assert "Lý do:" in text and "403 Forbidden" not in text


def test_a_page_refusal_with_a_technical_message_shows_no_reason():
    request = RequestFactory().get("/ky-hop/")
    request.user = None
    response = handlers.permission_denied(request, PermissionDenied())
    assert response.status_code == 403 and "Lý do:" not in page_text(response)


@pytest.mark.django_db
def test_a_stale_form_is_refused_in_words_a_clerk_can_act_on(clerk_a):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "clerk_a", "password": "x"})
    assert response.status_code == 403
    text = page_text(response)
    assert "Biểu mẫu đã cũ hoặc phiên làm việc đã hết hạn" in text and "CSRF verification failed" not in text


@pytest.mark.parametrize("handler, status", [(handlers.server_error, 500), (handlers.bad_request, 400)])
def test_500_and_400_pages_render_without_a_request_context(handler, status):
    page = handler(RequestFactory().get("/cu-tri/"))
    assert page.status_code == status
    assert f"Mã lỗi {status}" in page_text(page) and "Về trang làm việc" in page_text(page)
    api = handler(RequestFactory().get("/api/v1/voters/petitions/"))
    assert api.status_code == status and json.loads(api.content)["error"]["code"]


@pytest.mark.django_db
def test_the_favicon_is_served_by_the_portal(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 301 and response["Location"].endswith("/static/favicon.svg")
    assert 'rel="icon"' in page_text(client.get(reverse("login")))


def test_make_run_shows_the_portals_error_pages_not_djangos_debug_pages():
    env = {k: v for k, v in os.environ.items() if not k.startswith("DJANGO_")}
    env["DJANGO_SETTINGS_MODULE"] = "hdnd_portal.settings.local"
    code = "import django; django.setup(); from django.conf import settings; print(settings.DEBUG)"
    result = subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert result.stdout.strip() == "False", result.stderr
