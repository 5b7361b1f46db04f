"""API v1 routes of the councils app, and the token login every API client uses."""

from django.urls import path
from rest_framework.routers import DefaultRouter

from utilities.api.auth import ObtainTokenView

from . import sessions, views

router = DefaultRouter()
router.register("levels", views.AdministrativeLevelViewSet, basename="level")
router.register("councils", views.CouncilViewSet, basename="council")
router.register("terms", views.TermViewSet, basename="term")
router.register("electoral-units", views.ElectoralUnitViewSet, basename="electoral-unit")
router.register("bodies", views.BodyViewSet, basename="body")
router.register("deputies", views.DeputyViewSet, basename="deputy")
router.register("memberships", views.MembershipViewSet, basename="membership")
router.register("agencies", views.AgencyViewSet, basename="agency")
router.register("fields", views.FieldViewSet, basename="field")
router.register("day-offs", views.DayOffViewSet, basename="day-off")
router.register("role-assignments", views.RoleAssignmentViewSet, basename="role-assignment")
router.register("audit-entries", views.AuditEntryViewSet, basename="audit-entry")
router.register("sessions", sessions.SessionViewSet, basename="session")
router.register("session-agenda-items", sessions.AgendaItemViewSet, basename="session-agenda-item")
router.register("session-documents", sessions.SessionDocumentViewSet, basename="session-document")
# Register further routes above this line: ``router.urls`` is read once, here.

urlpatterns = router.urls
urlpatterns = [path("auth/token/", ObtainTokenView.as_view(), name="api-token"), *urlpatterns]
