"""What every API view of the project shares, whatever its domain: throttles counted before permissions, and
conditional writes on records that carry a version (ETag / If-Match)."""

from django.db import transaction
from rest_framework.exceptions import AuthenticationFailed
from rest_framework.response import Response

from .exceptions import PreconditionFailed


class ThrottleFirstMixin:
    """DRF's ``initial`` with throttles checked before permissions.

    DRF refuses an anonymous caller (permissions) before counting the request (throttles), so
    anonymous traffic and wrong tokens would never be throttled. Counting first closes that gap.
    Every API view should have it (the scoped viewsets of ``councils.api.viewsets`` do).
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


def etag(version) -> str:
    return f'"{version}"'


def _matches(if_match: str, version) -> bool:
    """RFC 9110: ``*`` or a list of entity tags; a weak tag (W/"3") compares by its opaque value here."""
    tags = [tag.strip().removeprefix("W/") for tag in if_match.split(",")]
    return "*" in tags or etag(version) in tags


class ConditionalUpdateMixin:
    """Detail responses carry the record's version as ``ETag``; a ``PUT``/``PATCH`` with ``If-Match`` is
    applied only if it names the current version (else 412, nothing changed), with the row locked from the
    check to the save. A write without ``If-Match`` still works, for simple clients (the last one wins)."""

    def _current_version(self, obj, *, lock: bool = False):
        rows = type(obj)._base_manager.filter(pk=obj.pk)
        return (rows.select_for_update() if lock else rows).values_list("version", flat=True).get()

    def _with_etag(self, response, obj):
        if hasattr(obj, "version") and response.status_code < 300:
            response["ETag"] = etag(self._current_version(obj))
        return response

    def retrieve(self, request, *args, **kwargs):
        instance = self.get_object()
        response = Response(self.get_serializer(instance).data)
        if hasattr(instance, "version"):
            response["ETag"] = etag(instance.version)
        return response

    def update(self, request, *args, **kwargs):
        if_match = request.headers.get("If-Match")
        obj = self.get_object()
        if if_match is None or not hasattr(obj, "version"):
            return self._with_etag(super().update(request, *args, **kwargs), obj)
        with transaction.atomic():
            if not _matches(if_match, self._current_version(obj, lock=True)):
                raise PreconditionFailed()
            response = super().update(request, *args, **kwargs)
        return self._with_etag(response, obj)
