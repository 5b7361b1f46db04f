"""Pages of the compliance app."""

from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("chi-tieu/<int:pk>/", views.rule_detail, name="rule_detail"),
    path("ket-qua/<int:pk>/", views.result_detail, name="result_detail"),
    path("tinh-lai/", views.recompute, name="recompute"),
    path("co-quan/", views.agency_scorecard, name="agency_scorecard"),
    path("co-quan/kien-nghi/", views.ScorecardForwardingListView.as_view(), name="scorecard_items"),
]
