"""The one style of viewset: the queryset comes from a selector that applies the caller's scope, and
writes are checked against the council the record belongs to."""

from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.response import Response

from utilities.api.viewsets import ConditionalUpdateMixin, ThrottleFirstMixin

from .. import permissions
from .permissions import CouncilScopedPermission


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
        if council is None or not permissions.can_manage(self.request.user, council):
            raise PermissionDenied(CouncilScopedPermission.message)


class ScopedReadOnlyViewSet(ConditionalUpdateMixin, ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    # The mixin's ``update`` (conditional writes) would make the router route PUT here, to no update at all.
    http_method_names = ["get", "head", "options"]


class ScopedModelViewSet(ConditionalUpdateMixin, ScopedViewSetMixin, viewsets.ModelViewSet):
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
