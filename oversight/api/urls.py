"""API v1 routes of the oversight app."""

from rest_framework.routers import DefaultRouter

router = DefaultRouter()
urlpatterns = router.urls
