"""How long a signed-in session lasts: it ends ``SESSION_COOKIE_AGE`` after its last request, and in any case
``SESSION_LIFETIME`` after the sign-in, however busy it has been.

Django ends a session ``SESSION_COOKIE_AGE`` after it was last saved. Saving it on every request
(``SESSION_SAVE_EVERY_REQUEST``) would add a write to every page; the middleware instead saves it when a
request comes more than ``RENEW_EVERY`` seconds after the last save, so the idle timeout runs from the last
request, give or take that. ``start_session``, a receiver of ``user_logged_in`` that the sign-in's app
connects, records when the session began.
"""

import math
import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.utils.translation import ngettext

SIGNED_IN_AT = "signed_in_at"
RENEWED_AT = "session_renewed_at"
RENEW_EVERY = 60


def start_session(sender, request, user, **kwargs):
    now = int(time.time())
    request.session[SIGNED_IN_AT] = now
    request.session[RENEWED_AT] = now


class SessionLifetimeMiddleware:
    """After ``AuthenticationMiddleware`` and ``MessageMiddleware``: ends a session past its lifetime before the
    view runs (the request goes on signed out), and renews the idle timeout of the others."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.user.is_authenticated:
            session, now = request.session, time.time()
            started = session.get(SIGNED_IN_AT)
            # A session that does not say when it began predates this middleware: it ends too.
            if started is None or now - started > settings.SESSION_LIFETIME.total_seconds():
                logout(request)
                hours = math.ceil(settings.SESSION_LIFETIME.total_seconds() / 3600)
                messages.info(request, ngettext(
                    "Phiên làm việc đã kéo dài quá %(hours)d giờ nên đã tự kết thúc. Xin đăng nhập lại.",
                    "Phiên làm việc đã kéo dài quá %(hours)d giờ nên đã tự kết thúc. Xin đăng nhập lại.",
                    hours,
                ) % {"hours": hours})
            elif now - session.get(RENEWED_AT, 0) >= RENEW_EVERY:
                session[RENEWED_AT] = int(now)
        return self.get_response(request)
