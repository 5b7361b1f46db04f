"""API v1 routes of the compliance app."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("rules", views.RuleViewSet, basename="compliance-rule")
router.register("results", views.ResultViewSet, basename="compliance-result")
router.register("runs", views.EvaluationRunViewSet, basename="compliance-run")
router.register("rollup", views.RollupViewSet, basename="compliance-rollup")
router.register("agency-scorecard", views.AgencyScorecardViewSet, basename="compliance-agency-scorecard")
urlpatterns = router.urls
