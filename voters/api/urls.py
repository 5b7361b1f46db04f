"""API v1 routes of the voters app (mounted under /api/v1/voters/)."""

from rest_framework.routers import DefaultRouter

from . import views

router = DefaultRouter()
router.register("meetings", views.VoterMeetingViewSet, basename="voter-meeting")
router.register("petitions", views.PetitionViewSet, basename="petition")
router.register("letters", views.LetterViewSet, basename="letter")
router.register("forwardings", views.ForwardingViewSet, basename="forwarding")
router.register("feedback", views.VoterFeedbackViewSet, basename="voter-feedback")
router.register("receptions", views.CitizenReceptionViewSet, basename="citizen-reception")
urlpatterns = router.urls
