"""The public API: the lookup of a petition by tracking code and key, and the sender's feedback.

No sign-in and no session (so no CSRF): everyone is anonymous here. Throttled per address (scope ``lookup``,
shared with the public pages). A wrong code, a wrong key and a code nobody holds are the same 404.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.exceptions import NotFound
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from utilities.api.throttling import LookupThrottle
from utilities.api.viewsets import ThrottleFirstMixin
from voters import selectors as voter_selectors
from voters import services as voter_services

from . import serializers


def _not_found() -> NotFound:
    return NotFound(_("Không tìm thấy kiến nghị với mã tra cứu và mã bí mật đã cho."))


class PublicView(ThrottleFirstMixin, APIView):
    authentication_classes: list = []
    permission_classes = [AllowAny]
    throttle_classes = [LookupThrottle]

    def finalize_response(self, request, response, *args, **kwargs):
        # What a code and key open is for their holder alone: no cache keeps it.
        response = super().finalize_response(request, response, *args, **kwargs)
        response["Cache-Control"] = "no-store"
        return response

    def petition(self, data):
        petition = voter_selectors.petition_for_tracking(data["code"], data["key"])
        if petition is None:
            raise _not_found()
        return petition


class LookupView(PublicView):
    @extend_schema(parameters=[serializers.TrackingQuerySerializer], responses=serializers.PublicStatusSerializer,
                   summary="Tra cứu kiến nghị, đơn thư bằng mã tra cứu và mã bí mật (không cần đăng nhập)")
    def get(self, request):
        query = serializers.TrackingQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        status = voter_selectors.public_status(self.petition(query.validated_data))
        return Response(serializers.PublicStatusSerializer(status).data)


class FeedbackView(PublicView):
    @extend_schema(request=serializers.FeedbackInputSerializer, responses={201: serializers.FeedbackResultSerializer},
                   summary="Người gửi cho biết kiến nghị đã / chưa được giải quyết (không cần đăng nhập)")
    def post(self, request):
        data = serializers.FeedbackInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        petition = self.petition(data.validated_data)
        try:
            feedback = voter_services.record_voter_feedback(
                petition=petition, key=data.validated_data["key"], resolved=data.validated_data["resolved"],
                comment=data.validated_data["comment"])
        except PermissionDenied:
            raise _not_found() from None
        return Response(serializers.FeedbackResultSerializer(feedback).data, status=201)
