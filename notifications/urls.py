"""Pages of the notifications app (under /thong-bao/)."""

from django.urls import path

from . import views

app_name = "notifications"
urlpatterns = [
    path("", views.NotificationListView.as_view(), name="list"),
    path("<int:pk>/da-doc/", views.NotificationReadView.as_view(), name="read"),
    path("da-doc-tat-ca/", views.NotificationReadAllView.as_view(), name="read_all"),
    path("cai-dat/", views.PreferenceView.as_view(), name="preferences"),
]
