"""Security headers: a Content-Security-Policy that runs only the portal's own scripts and styles, in every
environment, and templates that need nothing more (no inline script, handler or style attribute)."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def policy(response) -> dict[str, list[str]]:
    directives = [part.split() for part in response["Content-Security-Policy"].split(";") if part.strip()]
    return {name: values for name, *values in directives}


@pytest.mark.django_db
def test_pages_run_only_the_portals_own_scripts_and_styles(client, clerk_a):
    client.force_login(clerk_a)
    for url in (reverse("login"), reverse("home"), reverse("council_list")):
        csp = policy(client.get(url))
        assert csp["script-src"] == ["'self'"], url
        assert csp["style-src"] == ["'self'"], url
        assert csp["default-src"] == ["'self'"] and csp["object-src"] == ["'none'"]
        assert csp["frame-ancestors"] == ["'none'"] and csp["form-action"] == ["'self'"]


@pytest.mark.django_db
def test_the_api_docs_may_style_inline_but_not_script_inline(client):
    for url in ("/api/docs/", "/api/redoc/"):
        response = client.get(url)
        csp = policy(response)
        assert csp["script-src"] == ["'self'"], url
        assert "'unsafe-inline'" in csp["style-src"], url
        html = response.content.decode()
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html), f"{url} has an inline script"
    # The Swagger page's start-up script comes from a URL of the portal.
    assert client.get("/api/docs/?script=")["Content-Type"].startswith("application/javascript")


INLINE = re.compile(
    r"<script(?![^>]*\b(?:src=|type=\"application/json\"))[^>]*>"  # a script with code in it
    r"|\son[a-z]+\s*="  # an event handler attribute
    r"|\sstyle\s*="  # a style attribute
    r"|javascript:"
)


def test_no_template_needs_an_inline_script_or_style():
    offending = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()[:80]}"
        for path in TEMPLATES.rglob("*.html")
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if INLINE.search(line)
    ]
    assert not offending, offending
