"""Pages of the compliance app."""

from django.urls import path

from . import views

app_name = "compliance"
urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("chi-tieu/<int:pk>/", views.rule_detail, name="rule_detail"),
    path("ket-qua/<int:pk>/", views.result_detail, name="result_detail"),
    path("tinh-lai/", views.recompute, name="recompute"),
    path("chi-tieu/<int:pk>/sua/", views.rule_edit, name="rule_edit"),
    path("chi-tieu/<int:pk>/xem-truoc/", views.rule_preview, name="rule_preview"),
    path("bo-chi-tieu/", views.ruleset_list, name="ruleset_list"),
    path("bo-chi-tieu/them/", views.ruleset_create, name="ruleset_create"),
    path("bo-chi-tieu/<int:pk>/", views.ruleset_detail, name="ruleset_detail"),
    path("bo-chi-tieu/<int:pk>/sua/", views.ruleset_edit, name="ruleset_edit"),
    path("bo-chi-tieu/<int:pk>/sao-chep/", views.ruleset_copy, name="ruleset_copy"),
    path("bo-chi-tieu/<int:pk>/them-chi-tieu/", views.rule_create, name="rule_create"),
    path("co-quan/", views.agency_scorecard, name="agency_scorecard"),
    path("co-quan/kien-nghi/", views.ScorecardForwardingListView.as_view(), name="scorecard_items"),
]
