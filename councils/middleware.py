"""Request middleware of the councils: every change a request makes is recorded with the path it came
through (the API, the admin, or a page); someone signed in with a temporary password reaches only the page
that changes it."""

from django.conf import settings
from django.http import HttpResponseRedirect, JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _

from . import audit
from .choices import ChangeSource

# Set in the session at sign-in (councils.security) while the account's password is a temporary one.
MUST_CHANGE_PASSWORD = "hdnd_must_change_password"


class ChangeSourceMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path_info
        source = (ChangeSource.API if path.startswith("/api/")
                  else ChangeSource.ADMIN if path.startswith("/admin/") else ChangeSource.PAGE)
        token = audit.set_source(source)
        try:
            return self.get_response(request)
        finally:
            audit.reset_source(token)


class PasswordChangeRequiredMiddleware:
    """Until a temporary password is changed every page leads to the change page, and the API answers 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.session.get(MUST_CHANGE_PASSWORD) and request.user.is_authenticated:
            path = request.path_info
            change = reverse("password_change")
            if path not in (change, reverse("logout"), reverse("set_language")) and not path.startswith(settings.STATIC_URL):
                message = _("Bạn đang dùng mật khẩu tạm: xin đổi mật khẩu trước khi tiếp tục.")
                if path.startswith("/api/"):
                    return JsonResponse({"error": {"code": "password_change_required", "message": message,
                                                   "fields": {}}}, status=403)
                return HttpResponseRedirect(change)
        return self.get_response(request)
