"""/cu-tri/bao-cao-ky-hop/<id>/ in front of the voters app's route of the same path: ``?format=docx|pdf`` is built
by the documents app, anything else goes on to the voters app's .xlsx (the voters app cannot import this one).
Unnamed: ``reverse("voters:session_report")`` still gives the same URL."""

from django.urls import path

from . import views

urlpatterns = [
    path("bao-cao-ky-hop/<int:pk>/", views.session_report),
]
