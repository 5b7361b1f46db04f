"""The one style of viewset: the queryset comes from a selector that applies the caller's scope."""

from rest_framework import viewsets
from rest_framework.exceptions import PermissionDenied

from councils import scoping

from .permissions import CouncilScopedPermission


class ScopedViewSetMixin:
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
