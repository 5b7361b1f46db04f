"""The client's address as the portal's own proxies saw it, never as the client says it is.

``X-Forwarded-For`` is a list any client can start: only the entries the portal's reverse proxies appended
can be trusted. With ``NUM_PROXIES`` proxies in front of Django (setting, default 0), the client's address
is the ``NUM_PROXIES``-th entry from the right, the one the outermost proxy wrote; with none, the address
of the TCP peer (``REMOTE_ADDR``). The API's throttles and the sign-in lock-out both count by this address.
"""

import ipaddress

from django.conf import settings


def client_address(request) -> str | None:
    """The address to count a request against."""
    remote_addr = request.META.get("REMOTE_ADDR")
    proxies = settings.NUM_PROXIES
    entries = request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
    if not proxies or len(entries) < proxies:
        # Fewer entries than proxies: the request did not come through all of them (DRF would take the
        # left-most entry then, which the client may have written).
        return remote_addr
    try:
        return str(ipaddress.ip_address(entries[-proxies].strip()))
    except ValueError:
        # A proxy that writes no address is misconfigured: never count by a string a client may have chosen.
        return remote_addr
