"""API routes of the notifications app, under /api/v1/notifications/."""

from django.urls import path
from rest_framework.routers import SimpleRouter

from . import views

router = SimpleRouter()
router.register("", views.NotificationViewSet, basename="notification")

urlpatterns = [
    path("preferences/", views.EmailPreferenceView.as_view(), name="notification-preferences"),
    *router.urls,
]
