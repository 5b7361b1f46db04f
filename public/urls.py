"""Pages of the public app: no sign-in."""

from django.urls import path

from . import views

app_name = "public"
urlpatterns = [
    path("tra-cuu/", views.lookup, name="lookup"),
    path("tra-cuu/y-kien/", views.feedback, name="feedback"),
    path("cong-khai/<str:code>/", views.council_answers, name="council_answers"),
]
