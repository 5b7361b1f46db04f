"""The API of the cross-app pages: the deputy's inbox ("Việc của tôi") and the user's calendar feed address."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from utilities.api.schema import PortalAutoSchema
from utilities.api.viewsets import ThrottleFirstMixin

from . import selectors, services


class InboxEntrySerializer(serializers.Serializer):
    kind = serializers.CharField()
    kind_label = serializers.CharField()
    title = serializers.CharField()
    due_date = serializers.DateField(allow_null=True)
    status = serializers.CharField()
    status_label = serializers.CharField()
    overdue = serializers.BooleanField()
    url_name = serializers.CharField()
    pk = serializers.IntegerField()
    council_name = serializers.CharField()


class InboxViewSet(ThrottleFirstMixin, viewsets.ViewSet):
    """Việc của tôi: everything assigned to the logged-in deputy, overdue first, then by deadline."""

    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(responses=InboxEntrySerializer(many=True), summary="Việc của tôi")
    def list(self, request):
        entries = selectors.inbox_for(request.user)
        return Response(InboxEntrySerializer(entries, many=True).data)


class FeedUrlSerializer(serializers.Serializer):
    url = serializers.URLField(allow_null=True, help_text="Địa chỉ bí mật của tệp .ics; null khi đã thu hồi.")
    active = serializers.BooleanField()


def _feed_url(request, token: str | None) -> dict:
    url = request.build_absolute_uri(reverse("calendar_feed", args=[token])) if token else None
    return {"url": url, "active": token is not None}


class _OneObjectSchema(PortalAutoSchema):
    """The collection route of the feed address answers one object, the user's own, not a list."""

    def _is_list_view(self, serializer=None) -> bool:
        return False


class CalendarFeedUrlViewSet(ThrottleFirstMixin, viewsets.ViewSet):
    """Lịch công tác: the secret iCalendar address of the logged-in user (issued on first asking), a new one
    (the old stops working), or none at all."""

    permission_classes = [permissions.IsAuthenticated]
    schema = _OneObjectSchema()

    @extend_schema(responses=FeedUrlSerializer, summary="Đường dẫn lịch công tác (.ics)")
    def list(self, request):
        return Response(FeedUrlSerializer(_feed_url(request, services.calendar_token(user=request.user))).data)

    @extend_schema(request=None, responses=FeedUrlSerializer, summary="Tạo đường dẫn lịch mới")
    @action(detail=False, methods=["post"])
    def regenerate(self, request):
        token = services.regenerate_calendar_token(user=request.user)
        return Response(FeedUrlSerializer(_feed_url(request, token)).data)

    @extend_schema(request=None, responses=FeedUrlSerializer, summary="Thu hồi đường dẫn lịch")
    @action(detail=False, methods=["post"])
    def revoke(self, request):
        services.revoke_calendar_token(user=request.user)
        return Response(FeedUrlSerializer(_feed_url(request, None)).data)
