"""Pages of the portal app, at the paths they always had."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dai-bieu/<int:pk>/", views.DeputyDetailView.as_view(), name="deputy_detail"),
    path("giam-sat/viec-cua-toi/", views.inbox, name="inbox"),
    path("cu-tri/qua-han/", views.OverdueView.as_view(), name="overdue"),
]
