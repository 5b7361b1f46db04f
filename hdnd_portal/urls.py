"""Root URLs: pages per app, the API under /api/v1/, the schema and its docs, the admin."""

from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _
from django.views.i18n import set_language
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView

admin.site.site_header = _("Quản trị Cổng HĐND")
admin.site.site_title = _("Cổng HĐND")
admin.site.index_title = _("Quản trị hệ thống")

api_v1 = [
    path("", include("councils.api.urls")),
    path("oversight/", include("oversight.api.urls")),
    path("voters/", include("voters.api.urls")),
    path("compliance/", include("compliance.api.urls")),
]

urlpatterns = [
    path("", include("councils.urls")),
    path("giam-sat/", include("oversight.urls")),
    path("cu-tri/", include("voters.urls")),
    path("tuan-thu/", include("compliance.urls")),
    path("i18n/setlang/", set_language, name="set_language"),
    path("admin/", admin.site.urls),
    path("api/v1/", include(api_v1)),
    path("api/schema/", SpectacularAPIView.as_view(), name="schema"),
    path("api/docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("api/redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]

# API paths that match no route still answer in the API's JSON error format.
handler404 = "hdnd_portal.api.exceptions.not_found"
