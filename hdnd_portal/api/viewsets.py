"""The one style of viewset: the queryset comes from a selector that applies the caller's scope."""

from rest_framework import viewsets

from .permissions import CouncilScopedPermission


class ScopedViewSetMixin:
    """Set ``selector`` to a function ``(user) -> QuerySet``; lists and details are scoped by it,
    so another council's object is a 404."""

    selector = None
    permission_classes = [CouncilScopedPermission]

    def get_queryset(self):
        return type(self).selector(self.request.user)


class ScopedReadOnlyViewSet(ScopedViewSetMixin, viewsets.ReadOnlyModelViewSet):
    pass


class ScopedModelViewSet(ScopedViewSetMixin, viewsets.ModelViewSet):
    """Writes go through services: override ``perform_create``/``perform_update`` to call them."""
