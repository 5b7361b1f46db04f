"""The API's attachments (served in scope, never deleted) and the senders' feedback queue."""

from __future__ import annotations

from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from councils.api.viewsets import ScopedReadOnlyViewSet

from .. import filtersets, selectors, services
from . import serializers


class AttachmentViewSet(ScopedReadOnlyViewSet):
    """Tệp đính kèm: listed and served only to who may see the record (another council's, or a petition not
    forwarded to the caller's agency, is a 404). Added through the petition's ``attachments`` action or with
    an agency's answer; never deleted."""

    selector = selectors.attachments_for
    serializer_class = serializers.AttachmentSerializer
    filterset_class = filtersets.AttachmentFilterSet
    ordering_fields = ["created_at", "original_name"]

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(description="Nội dung tệp")},
                   summary="Tải tệp đính kèm")
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        return attachment_response(self.get_object())


def attachment_response(attachment) -> FileResponse:
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)


class VoterFeedbackViewSet(ScopedReadOnlyViewSet):
    """Ý kiến phản hồi của người gửi (given with the tracking code and key). ``status=open`` is the
    secretariat's queue: senders who say the matter is not resolved; ``reopen`` reopens the petition."""

    http_method_names = ["get", "post", "head", "options"]
    selector = selectors.feedback_for
    serializer_class = serializers.VoterFeedbackSerializer
    filterset_class = filtersets.VoterFeedbackFilterSet
    ordering_fields = ["created_at"]

    @extend_schema(request=serializers.PetitionNoteSerializer, responses=serializers.VoterFeedbackSerializer,
                   summary="Mở lại kiến nghị theo ý kiến của người gửi (đóng ý kiến)")
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        note = serializers.PetitionNoteSerializer(data=request.data)
        note.is_valid(raise_exception=True)
        data = note.validated_data
        feedback = services.reopen_from_feedback(feedback=self.get_object(), actor=request.user, **data)
        return Response(self.get_serializer(self.get_queryset().get(pk=feedback.pk)).data)
