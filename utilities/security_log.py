"""The portal's security log, logger ``hdnd.security``: one line per event, saying who, from which address and
on which path; never a password, never a traceback.

Events: ``login_succeeded``, ``login_failed``, ``login_locked_out``, ``logout`` (sent by the sign-in's app
from Django's and axes' signals), ``token_issued``, ``token_refused`` (a 401 of a wrong or expired token) and
``access_refused`` (a 403, from a page or the API). A refused access is logged here instead of by
``django.request``, which would add the traceback of the ``PermissionDenied``.
"""

import logging

from django.core.exceptions import PermissionDenied
from django.urls import get_resolver, get_urlconf
from django.utils.log import log_response

from utilities.net import client_address

logger = logging.getLogger("hdnd.security")


def _value(value) -> str:
    # A client chooses the username it tries and the path: with control characters escaped, neither can
    # start a forged line.
    text = "-" if value in (None, "") else str(value)[:200]
    return "".join(ch if ch.isprintable() else ch.encode("unicode_escape").decode("ascii") for ch in text)


def _line(event: str, request, username, details: dict) -> str:
    fields = {"user": username, "ip": client_address(request), "path": request.path, **details}
    # Formatted here, so the logger gets no arguments and never interprets a "%" a client wrote.
    return " ".join([event, *(f"{name}={_value(value)}" for name, value in fields.items())])


def log_event(event: str, request, *, username=None, level: int = logging.INFO, **details) -> None:
    logger.log(level, _line(event, request, username, details))


def log_refused(event: str, request, response, *, username=None, **details) -> None:
    """A refusal that is a response (401, 403): logged once, here (``django.request`` then sees it is)."""
    log_response(_line(event, request, username, details), response=response, request=request, logger=logger,
                 level="warning")


def _username(request):
    user = getattr(request, "user", None)
    return user.get_username() if user is not None and user.is_authenticated else None


def log_access_refused(request, response, reason: str) -> None:
    log_refused("access_refused", request, response, username=_username(request), reason=reason)


class RefusedAccessMiddleware:
    """A page's ``PermissionDenied`` becomes the project's 403 page, logged in one line as ``access_refused``."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, PermissionDenied):
            return None
        response = get_resolver(get_urlconf()).resolve_error_handler(403)(request, exception=exception)
        log_access_refused(request, response, reason=str(exception))
        return response


class RefusalWithoutTraceback(logging.Filter):
    """Django logs a refused suspicious request (a forged Host header, a tampered session: a 400) on
    ``django.security.*`` with its traceback; the refusal is expected, so the log keeps its one line only."""

    def filter(self, record: logging.LogRecord) -> bool:
        if record.name.startswith("django.security."):
            record.exc_info, record.exc_text, record.stack_info = None, None, None
        return True
