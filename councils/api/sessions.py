"""API v1 of sessions (kỳ họp): the sessions with their lead time, agenda items, and documents with the
moment each reached deputies. Reads and writes go through councils.sessions."""

from __future__ import annotations

import os

from django.http import FileResponse
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from utilities.api.fields import (
    BoundedCharField,
    PlausibleDateField,
    PlausibleDateTimeField,
    ScopedPrimaryKeyRelatedField,
)
from utilities.api.serializers import BoundedModelSerializer

from .. import filtersets, sessions
from ..models import Council, Session, SessionAgendaItem, SessionDocument, Term
from .viewsets import ScopedModelViewSet

_NO_DELETE = ["get", "post", "patch", "put", "head", "options"]


class _CreateOnly:
    create_only_fields: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            for name in self.create_only_fields:
                fields[name].read_only = True
        return fields


class SessionSerializer(_CreateOnly, BoundedModelSerializer):
    create_only_fields = ("council", "term")
    council = ScopedPrimaryKeyRelatedField(queryset=Council.objects.all())
    term = serializers.PrimaryKeyRelatedField(queryset=Term.objects.all())
    council_name = serializers.CharField(source="council.name", read_only=True)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    end_date = PlausibleDateField(required=False)
    documents_count = serializers.IntegerField(read_only=True, default=0)
    unsent_count = serializers.IntegerField(read_only=True, default=0)
    agenda_count = serializers.IntegerField(read_only=True, default=0)
    latest_sent = serializers.DateTimeField(read_only=True, default=None, allow_null=True)
    lead_days = serializers.SerializerMethodField(
        help_text="Số ngày từ khi tài liệu cuối cùng đến đại biểu tới ngày khai mạc.")

    class Meta:
        model = Session
        fields = ["id", "council", "council_name", "term", "number", "kind", "kind_label", "title", "start_date",
                  "end_date", "place", "agenda_count", "documents_count", "unsent_count", "latest_sent", "lead_days"]

    def get_lead_days(self, obj) -> int | None:
        return sessions.lead_time(obj)["lead_days"]


class AgendaItemSerializer(_CreateOnly, BoundedModelSerializer):
    create_only_fields = ("session",)
    session = ScopedPrimaryKeyRelatedField(queryset=Session.objects.all())
    order = serializers.IntegerField(required=False, min_value=1, max_value=32767)

    class Meta:
        model = SessionAgendaItem
        fields = ["id", "session", "order", "title", "presenter"]


class SessionDocumentSerializer(BoundedModelSerializer):
    session = ScopedPrimaryKeyRelatedField(queryset=Session.objects.all())
    title = BoundedCharField(required=False, allow_blank=True, max_length=500)
    file = serializers.FileField(write_only=True, required=False, allow_null=True)
    file_name = serializers.SerializerMethodField()

    class Meta:
        model = SessionDocument
        fields = ["id", "session", "title", "file", "file_name", "sent_at", "created_at"]
        read_only_fields = ["created_at"]

    def get_file_name(self, obj) -> str:
        return os.path.basename(obj.file.name) if obj.file else ""


class MarkSentSerializer(serializers.Serializer):
    sent_at = PlausibleDateTimeField(required=False, allow_null=True, default=None)


class SessionViewSet(ScopedModelViewSet):
    """Kỳ họp, each with the lead time its documents reached deputies."""

    http_method_names = _NO_DELETE
    selector = sessions.sessions_for
    serializer_class = SessionSerializer
    filterset_class = filtersets.SessionFilterSet
    ordering_fields = ["start_date", "number"]

    def perform_create(self, serializer):
        obj = sessions.create_session(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=obj.pk)

    def perform_update(self, serializer):
        obj = sessions.update_session(session=serializer.instance, actor=self.request.user,
                                      **serializer.validated_data)
        serializer.instance = self.get_queryset().get(pk=obj.pk)


class AgendaItemViewSet(ScopedModelViewSet):
    """Nội dung kỳ họp."""

    http_method_names = _NO_DELETE
    selector = sessions.agenda_items_for
    serializer_class = AgendaItemSerializer
    filterset_class = filtersets.SessionAgendaItemFilterSet
    ordering_fields = ["order"]

    def perform_create(self, serializer):
        serializer.instance = sessions.add_agenda_item(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = sessions.update_agenda_item(item=serializer.instance, actor=self.request.user,
                                                          **serializer.validated_data)


class SessionDocumentViewSet(ScopedModelViewSet):
    """Tài liệu kỳ họp: uploaded through the checks, served only to who sees the session."""

    http_method_names = ["get", "post", "head", "options"]
    selector = sessions.session_documents_for
    serializer_class = SessionDocumentSerializer
    filterset_class = filtersets.SessionDocumentFilterSet
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    ordering_fields = ["sent_at", "title"]

    def perform_create(self, serializer):
        serializer.instance = sessions.add_session_document(actor=self.request.user, **serializer.validated_data)

    @extend_schema(request=MarkSentSerializer, responses=SessionDocumentSerializer,
                   summary="Ghi thời điểm tài liệu đến đại biểu")
    @action(detail=True, methods=["post"], url_path="mark-sent")
    def mark_sent(self, request, pk=None):
        body = MarkSentSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        document = sessions.mark_document_sent(document=self.get_object(), actor=request.user, **body.validated_data)
        return Response(self.get_serializer(document).data)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(description="Nội dung tệp")},
                   summary="Tải tệp tài liệu kỳ họp")
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        document = self.get_object()
        handle = sessions.open_paper(document=document, actor=request.user)
        return FileResponse(handle, as_attachment=True, filename=os.path.basename(document.file.name))
