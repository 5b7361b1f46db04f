"""Root URLs: pages per app, the API under /api/v1/, the schema and its docs, the admin."""

from csp.constants import SELF, UNSAFE_INLINE
from csp.decorators import csp_update
from django.contrib import admin
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerSplitView
from rest_framework.routers import SimpleRouter

from councils.forms import AdminLoginForm
from portal.api import CalendarFeedUrlViewSet, InboxViewSet

admin.site.login_form = AdminLoginForm
admin.site.site_header = _("Quản trị Cổng HĐND")
admin.site.site_title = _("Cổng HĐND")
admin.site.index_title = _("Quản trị hệ thống")

# The portal's own API first: its inbox sits beside the oversight routes it used to belong to.
portal_api = SimpleRouter()
portal_api.register("oversight/inbox", InboxViewSet, basename="oversight-inbox")
portal_api.register("calendar/feed-url", CalendarFeedUrlViewSet, basename="calendar-feed-url")

api_v1 = [
    *portal_api.urls,
    path("", include("councils.api.urls")),
    path("oversight/", include("oversight.api.urls")),
    path("voters/", include("voters.api.urls")),
    path("compliance/", include("compliance.api.urls")),
    path("notifications/", include("notifications.api.urls")),
    path("documents/", include("documents.api.urls")),
    path("public/", include("public.api.urls")),
]

# The API's documentation pages are third-party bundles that style themselves with <style> elements (Redoc's
# styled-components, Swagger UI's page template): they alone may use inline styles. Their scripts still come
# from the portal (the split Swagger view serves its start-up script from a URL, not inline); Redoc runs its
# search in a worker it builds from a blob.
docs_csp = csp_update({"style-src": [UNSAFE_INLINE]})
redoc_csp = csp_update({"style-src": [UNSAFE_INLINE], "worker-src": [SELF, "blob:"]})

urlpatterns = [
    path("", include("portal.urls")),
    path("", include("councils.urls")),
    path("giam-sat/", include("oversight.urls")),
    # The session report's Word and PDF, at the voters route's own URL (documents/session_report_urls.py).
    path("cu-tri/", include("documents.session_report_urls")),
    path("cu-tri/", include("voters.urls")),
    path("tuan-thu/", include("compliance.urls")),
    path("thong-bao/", include("notifications.urls")),
    path("van-ban/", include("documents.urls")),
    path("", include("public.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    # Browsers and feed readers ask for /favicon.ico whatever the page says.
    path("favicon.ico", lambda request: redirect(static("favicon.svg"), permanent=True)),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", docs_csp(SpectacularSwaggerSplitView.as_view(url_name="schema")), name="swagger-ui"),
    path("api/redoc/", redoc_csp(SpectacularRedocView.as_view(url_name="schema")), name="redoc"),
]

# Errors: API paths answer in the API's JSON format (also for a path that matches no route, or a body Django
# refuses before any view); pages get the portal's own error pages (utilities/errors.py), DEBUG or not.
handler400 = "utilities.api.exceptions.bad_request"
handler403 = "utilities.api.exceptions.permission_denied"
handler404 = "utilities.api.exceptions.not_found"
handler500 = "utilities.api.exceptions.server_error"
