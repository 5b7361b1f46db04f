"""Request middleware of the councils: every change a request makes is recorded with the path it came
through (the API, the admin, or a page)."""

from . import audit
from .choices import ChangeSource


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
