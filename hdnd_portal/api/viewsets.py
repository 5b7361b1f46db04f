"""The one style of viewset: the queryset comes from a selector that applies the caller's scope."""

from rest_framework import viewsets
from rest_framework.exceptions import AuthenticationFailed, PermissionDenied
from rest_framework.response import Response

from councils import scoping

from .permissions import CouncilScopedPermission


class ThrottleFirstMixin:
    """DRF's ``initial`` with throttles checked before permissions.

    DRF refuses an anonymous caller (permissions) before counting the request (throttles), so
    anonymous traffic and wrong tokens would never be throttled. Counting first closes that gap.
    Every API view should have it (the scoped viewsets below do).
    """

    def initial(self, request, *args, **kwargs):
        self.format_kwarg = self.get_format_suffix(**kwargs)
        request.accepted_renderer, request.accepted_media_type = self.perform_content_negotiation(request)
        request.version, request.versioning_scheme = self.determine_version(request, *args, **kwargs)
        try:
            self.perform_authentication(request)
        except AuthenticationFailed:
            # The request is anonymous now; a wrong token spends the anonymous allowance.
            self.check_throttles(request)
            raise
        self.check_throttles(request)
        self.check_permissions(request)


class ScopedViewSetMixin(ThrottleFirstMixin):
    """Set ``selector`` to a function ``(user) -> QuerySet``; lists and details are scoped by it,
    so another council's object is a 404."""

    selector = None
    permission_classes = [CouncilScopedPermission]

    def get_queryset(self):
        return type(self).selector(self.request.user)

    def ensure_can_manage(self, council) -> None:
        """Refuse (403) a write into a council the caller sees but does not maintain.

        Creation has no object yet for ``has_object_permission``; call this with the target council
        from the validated data before calling the service.
        """
        if council is None or not scoping.can_manage(self.request.user, council):
            raise PermissionDenied(CouncilScopedPermission.message)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Writes go through services: override ``perform_create``/``perform_update`` to call them."""


class ServiceModelViewSet(ScopedModelViewSet):
    """A scoped viewset whose writes and actions call services and answer with the object re-read through
    the selector (so the response has the list's annotations). Records are never deleted through the API."""

    http_method_names = ["get", "post", "put", "patch", "head", "options"]

    def reread(self, obj):
        return self.get_queryset().get(pk=obj.pk)

    def respond(self, obj, status=200):
        return Response(self.get_serializer(self.reread(obj)).data, status=status)

    def action_data(self, serializer_class, data=None):
        """The validated input of a custom action (a 400 with field messages otherwise)."""
        serializer = serializer_class(data=self.request.data if data is None else data,
                                      context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        return serializer.validated_data
