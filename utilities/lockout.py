"""The lock-out after repeated sign-in failures (django-axes), the same at every door: the sign-in form, the
admin's, and the API's token endpoint.

Axes counts every failed ``authenticate()`` per account and per client address (``utilities.net``) and,
past ``AXES_FAILURE_LIMIT`` failures within ``AXES_COOLOFF_TIME``, refuses every attempt of that account or
address, the right password included, until the cool-off has passed. Here: the backend that refuses, the
message that says for how long, the form mixin that shows it and the page's answer (a 429).
"""

import math

from axes.backends import AxesStandaloneBackend
from axes.helpers import get_cool_off
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.utils.translation import ngettext

HTTP_TOO_MANY_REQUESTS = 429


class LockoutBackend(AxesStandaloneBackend):
    """First of ``AUTHENTICATION_BACKENDS``: refuses an attempt of a locked-out account or address before any
    password is checked (the next backend checks it).

    ``authenticate()`` without a request comes from code (a shell, a command, the test client's ``login``),
    not from a client that could be guessing, and has no address to count: it goes on to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def locked_out(request) -> bool:
    """Whether the attempt just refused on this request was refused by the lock-out (or started it)."""
    return bool(getattr(request, "axes_locked_out", False))


def lockout_seconds(request=None) -> int:
    return math.ceil(get_cool_off(request).total_seconds())


def lockout_message(request=None) -> str:
    minutes = math.ceil(lockout_seconds(request) / 60)
    return ngettext(
        "Đăng nhập sai quá nhiều lần nên tạm thời không thể đăng nhập trong %(minutes)d phút. "
        "Xin thử lại sau %(minutes)d phút, hoặc liên hệ quản trị hệ thống.",
        "Đăng nhập sai quá nhiều lần nên tạm thời không thể đăng nhập trong %(minutes)d phút. "
        "Xin thử lại sau %(minutes)d phút, hoặc liên hệ quản trị hệ thống.",
        minutes,
    ) % {"minutes": minutes}


class LockoutFormMixin:
    """For an ``AuthenticationForm``: a sign-in the lock-out refused says so and for how long, instead of
    "wrong password" (the right password is refused too while it lasts)."""

    def get_invalid_login_error(self):
        if locked_out(self.request):
            return ValidationError(lockout_message(self.request), code="locked_out")
        return super().get_invalid_login_error()


def lockout_response(request, original_response=None, credentials=None):
    """``AXES_LOCKOUT_CALLABLE``: the sign-in page itself, whose form says why (``LockoutFormMixin``), as a
    429 with the time to wait."""
    response = original_response if original_response is not None else HttpResponse(lockout_message(request))
    response.status_code = HTTP_TOO_MANY_REQUESTS
    response["Retry-After"] = str(lockout_seconds(request))
    return response
