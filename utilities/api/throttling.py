"""Throttles whose rates are read when a request comes in, not when the module is imported, and that count
each caller by the address the portal's proxies saw (``utilities.net.client_address``).

DRF's ``SimpleRateThrottle`` copies ``DEFAULT_THROTTLE_RATES`` into a class attribute at import time, so
a changed setting (a test override, an operator's new rate) would never reach it.
"""

from rest_framework.settings import api_settings
from rest_framework.throttling import AnonRateThrottle, SimpleRateThrottle

from utilities.net import client_address


class _CurrentRatesMixin:
    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def get_ident(self, request):
        # The sign-in lock-out counts by the same address: a caller is one caller for both.
        return client_address(request)


class AnonThrottle(_CurrentRatesMixin, AnonRateThrottle):
    """Anonymous callers, by IP address (scope ``anon``)."""


class LoginThrottle(_CurrentRatesMixin, SimpleRateThrottle):
    """Attempts to obtain a token, by IP address (scope ``login``): slows down password guessing."""

    scope = "login"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


class LookupThrottle(_CurrentRatesMixin, SimpleRateThrottle):
    """Public lookups by tracking code and key, and the feedback sent with them, by IP address (scope
    ``lookup``): guessing keys is slowed down. The public pages count against the same allowance as the API
    (``allow_page_request``)."""

    scope = "lookup"

    def get_cache_key(self, request, view):
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}


def allow_page_request(request, throttle_class=LookupThrottle) -> tuple[bool, int | None]:
    """A throttle asked by a page (not an API view): whether to serve it, and else the seconds to wait."""
    throttle = throttle_class()
    if throttle.allow_request(request, None):
        return True, None
    wait = throttle.wait()
    return False, int(wait) + 1 if wait is not None else None
