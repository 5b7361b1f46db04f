"""API permissions on top of the council scope: reading needs a role on the council, writing needs
secretariat (own council) or administrator (subtree) rights; party viewers only read."""

from rest_framework import permissions as drf_permissions

from .. import permissions


class CouncilScopedPermission(drf_permissions.BasePermission):
    """Object-level: safe methods pass (the queryset is already scoped, so unseen objects are 404);
    writes need manage rights on the object's council."""

    message = "Bạn không có quyền thay đổi dữ liệu của HĐND này."

    def has_permission(self, request, view):
        if not (request.user and request.user.is_authenticated):
            return False
        if request.method in drf_permissions.SAFE_METHODS:
            return True
        # Party viewers and others without write roles are refused before any lookup.
        return permissions.can_write_some(request.user)

    def has_object_permission(self, request, view, obj):
        if request.method in drf_permissions.SAFE_METHODS:
            return True
        return permissions.can_manage_object(request.user, obj)


class ServiceDecidesPermission(CouncilScopedPermission):
    """For records a deputy may also write (their own items, meetings, receptions): the service itself
    decides who may write and answers 403 for anyone else."""

    def has_object_permission(self, request, view, obj):
        return True
