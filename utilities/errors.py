"""The error pages people see (400, 403, 404, 500): the portal's layout, the user's language, the reason the
server gave and a way back, whatever DEBUG says. API paths answer in the API's error format instead
(utilities.api.exceptions routes them).

403 and 404 render with the request (the header and its menu); 400 and 500 without, as Django's own handlers do:
a request too large to read, or a failing database, must not break the page that reports it.
"""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import render
from django.template import loader
from django.utils.translation import gettext as _


def _reason(exception) -> str:
    """The refusal's own message when it is one written for people (the services' PermissionDenied texts);
    Django's and DRF's internal texts (English, technical) are left out."""
    message = exception.args[0] if exception is not None and exception.args else ""
    return str(message) if isinstance(message, str) or hasattr(message, "_args") else ""


def forbidden_page(request, exception=None, reason: str | None = None) -> HttpResponse:
    context = {"status": 403, "reason": _reason(exception) if reason is None else reason}
    return render(request, "403.html", context, status=403)


def not_found_page(request, exception=None) -> HttpResponse:
    # Never the exception's text: "No Petition matches the given query" would say what exists.
    return render(request, "404.html", {"status": 404}, status=404)


def bad_request_page(request, exception=None) -> HttpResponse:
    return HttpResponse(loader.get_template("400.html").render({"status": 400}), status=400)


def server_error_page(request) -> HttpResponse:
    return HttpResponse(loader.get_template("500.html").render({"status": 500}), status=500)


def csrf_failure(request, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: a form sent from a page left open too long (or after signing in elsewhere) is refused
    in words a clerk can act on, not Django's English page."""
    return forbidden_page(request, reason=_("Biểu mẫu đã cũ hoặc phiên làm việc đã hết hạn. Hãy tải lại trang rồi gửi lại."))
