"""API v1 routes of the oversight app (under /api/v1/oversight/)."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("programmes", views.ProgrammeViewSet, basename="oversight-programme")
router.register("activities", views.ActivityViewSet, basename="oversight-activity")
router.register("documents", views.DocumentViewSet, basename="oversight-document")
router.register("recommendations", views.RecommendationViewSet, basename="oversight-recommendation")
router.register("questions", views.QuestionViewSet, basename="oversight-question")
router.register("commitments", views.CommitmentViewSet, basename="oversight-commitment")
router.register("work-items", views.WorkItemViewSet, basename="oversight-work-item")
router.register("trainings", views.TrainingViewSet, basename="oversight-training")
router.register("briefings", views.BriefingViewSet, basename="oversight-briefing")

urlpatterns = router.urls
