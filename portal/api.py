"""The API of the cross-app pages: the deputy's inbox ("Việc của tôi")."""

from drf_spectacular.utils import extend_schema
from rest_framework import permissions, serializers, viewsets
from rest_framework.response import Response

from utilities.api.viewsets import ThrottleFirstMixin

from . import selectors


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
