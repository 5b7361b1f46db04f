"""Pages of the portal app, at the paths they always had."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("dai-bieu/<int:pk>/", views.DeputyDetailView.as_view(), name="deputy_detail"),
    path("giam-sat/viec-cua-toi/", views.inbox, name="inbox"),
    path("cu-tri/qua-han/", views.OverdueView.as_view(), name="overdue"),
    path("tai-khoan/", views.AccountView.as_view(), name="account"),
    path("tai-khoan/lich/tao-moi/", views.account_calendar_regenerate, name="account_calendar_regenerate"),
    path("tai-khoan/lich/thu-hoi/", views.account_calendar_revoke, name="account_calendar_revoke"),
    path("lich/<str:token>.ics", views.calendar_feed, name="calendar_feed"),
]
