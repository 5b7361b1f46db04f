"""API of the notifications app: each caller's own notifications (another's is a 404), marking them read, and
the caller's email choice."""

from drf_spectacular.utils import extend_schema
from rest_framework import generics, permissions, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from utilities.api.exceptions import PreconditionFailed
from utilities.api.viewsets import ThrottleFirstMixin, etag

from .. import selectors, services
from . import serializers


class NotificationViewSet(ThrottleFirstMixin, viewsets.ReadOnlyModelViewSet):
    """Thông báo của người đang đăng nhập."""

    serializer_class = serializers.NotificationSerializer
    permission_classes = [permissions.IsAuthenticated]

    def get_queryset(self):
        queryset = selectors.notifications_for(self.request.user).select_related("content_type")
        unread = self.request.query_params.get("unread")
        if unread in ("true", "1"):
            queryset = queryset.filter(read_at__isnull=True)
        return queryset

    @extend_schema(request=None, responses=serializers.NotificationSerializer, summary="Đánh dấu đã đọc")
    @action(detail=True, methods=["post"], url_path="mark-read")
    def mark_read(self, request, pk=None):
        notification = services.mark_read(notification=self.get_object(), user=request.user)
        return Response(self.get_serializer(notification).data)

    @extend_schema(request=None, responses=serializers.MarkedSerializer, summary="Đánh dấu tất cả đã đọc")
    @action(detail=False, methods=["post"], url_path="mark-all-read", pagination_class=None, filter_backends=[])
    def mark_all_read(self, request):
        return Response({"marked": services.mark_all_read(user=request.user)})


class EmailPreferenceView(ThrottleFirstMixin, generics.GenericAPIView):
    """Cách nhận thư thông báo của người đang đăng nhập (If-Match: the ETag of the GET, else the last wins)."""

    serializer_class = serializers.EmailPreferenceSerializer
    permission_classes = [permissions.IsAuthenticated]

    def _answer(self, preference):
        response = Response(self.get_serializer(preference).data)
        response["ETag"] = etag(preference.version)
        return response

    def get(self, request):
        return self._answer(services.email_preference(request.user))

    def put(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        current = services.email_preference(request.user)
        if_match = request.headers.get("If-Match")
        if if_match is not None and if_match.strip() not in ("*", etag(current.version)):
            raise PreconditionFailed()
        preference = services.set_email_mode(user=request.user, mode=serializer.validated_data["mode"])
        return self._answer(preference)

    patch = put
