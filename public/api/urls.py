"""API routes of the public app, under /api/v1/public/."""

from django.urls import path

from . import views

urlpatterns = [
    path("lookup/", views.LookupView.as_view(), name="public-lookup"),
    path("feedback/", views.FeedbackView.as_view(), name="public-feedback"),
]
