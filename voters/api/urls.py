"""API v1 routes of the voters app (mounted under /api/v1/voters/)."""

from rest_framework.routers import DefaultRouter

from . import records, views

router = DefaultRouter()
router.register("meetings", views.VoterMeetingViewSet, basename="voter-meeting")
router.register("petitions", views.PetitionViewSet, basename="petition")
router.register("letters", views.LetterViewSet, basename="letter")
router.register("forwardings", views.ForwardingViewSet, basename="forwarding")
router.register("attachments", records.AttachmentViewSet, basename="attachment")
router.register("feedback", records.VoterFeedbackViewSet, basename="voter-feedback")
router.register("receptions", views.CitizenReceptionViewSet, basename="citizen-reception")
urlpatterns = router.urls
