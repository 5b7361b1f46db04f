"""API v1 routes of the compliance app."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
urlpatterns = router.urls
