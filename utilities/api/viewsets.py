"""What every API view of the project shares, whatever its domain: throttles counted before permissions."""

from rest_framework.exceptions import AuthenticationFailed


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
