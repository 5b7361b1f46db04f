"""API v1 of the oversight app: programmes, activities and their documents, recommendations, questioning,
the "5 rõ" work programme, trainings, briefings, and the deputy's inbox.

Reads come from oversight.selectors (scoped to the caller, so another council's object is a 404); writes
and transitions go through oversight.services, the same functions the pages use.
"""

from __future__ import annotations

import os

from django.http import FileResponse
from django_filters.utils import translate_validation
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.response import Response

from councils.api.permissions import ServiceDecidesPermission
from councils.api.viewsets import ServiceModelViewSet

from .. import filtersets, selectors, services
from ..models import Recommendation, WorkItem
from . import serializers


class _ServiceViewSet(ServiceModelViewSet):
    def filtered_base(self, model):
        """The caller's rows of ``model`` narrowed by this resource's filters, without list extras."""
        filterset = self.filterset_class(self.request.query_params, queryset=model.objects.for_user(self.request.user),
                                         request=self.request)
        if not filterset.is_valid():
            raise translate_validation(filterset.errors)
        return filterset.qs


class ProgrammeViewSet(_ServiceViewSet):
    """Chương trình giám sát năm."""

    selector = selectors.programmes_for
    serializer_class = serializers.ProgrammeSerializer
    filterset_class = filtersets.ProgrammeFilterSet
    ordering_fields = ["year", "title"]

    def perform_create(self, serializer):
        obj = services.create_programme(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_programme(programme=serializer.instance, actor=self.request.user,
                                        **serializer.validated_data)
        serializer.instance = self.reread(obj)


class ActivityViewSet(_ServiceViewSet):
    """Hoạt động giám sát, with its transitions as actions."""

    selector = selectors.activities_for
    serializer_class = serializers.ActivitySerializer
    filterset_class = filtersets.ActivityFilterSet
    ordering_fields = ["planned_start", "actual_start", "title", "status"]

    def perform_create(self, serializer):
        obj = services.create_activity(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_activity(activity=serializer.instance, actor=self.request.user,
                                       **serializer.validated_data)
        serializer.instance = self.reread(obj)

    @extend_schema(request=serializers.StartActivitySerializer, responses=serializers.ActivitySerializer,
                   summary="Bắt đầu hoạt động (kế hoạch → đang tiến hành)")
    @action(detail=True, methods=["post"])
    def start(self, request, pk=None):
        data = self.action_data(serializers.StartActivitySerializer)
        activity = services.start_activity(activity=self.get_object(), actor=request.user, **data)
        return self.respond(activity)

    @extend_schema(request=serializers.ConcludeActivitySerializer, responses=serializers.ActivitySerializer,
                   summary="Kết luận hoạt động (đang tiến hành → đã kết luận)")
    @action(detail=True, methods=["post"])
    def conclude(self, request, pk=None):
        data = self.action_data(serializers.ConcludeActivitySerializer)
        activity = services.conclude_activity(activity=self.get_object(), actor=request.user, **data)
        return self.respond(activity)

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.ActivitySerializer,
                   summary="Hủy hoạt động")
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = self.action_data(serializers.NoteSerializer)
        activity = services.cancel_activity(activity=self.get_object(), actor=request.user, **data)
        return self.respond(activity)

    @extend_schema(methods=["GET"], request=None, responses=serializers.ParticipantSerializer(many=True),
                   summary="Thành phần đoàn giám sát")
    @extend_schema(methods=["POST"], request=serializers.ParticipantSerializer,
                   responses={201: serializers.ParticipantSerializer}, summary="Thêm thành viên đoàn")
    # The whole delegation, not a page of it (nor filtered by the list's filters): a plain array.
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def participants(self, request, pk=None):
        activity = self.get_object()
        if request.method == "GET":
            rows = selectors.participants_for(request.user).filter(activity=activity)
            return Response(serializers.ParticipantSerializer(rows, many=True).data)
        data = self.action_data(serializers.ParticipantSerializer)
        participant = services.add_participant(activity=activity, actor=request.user, **data)
        return Response(serializers.ParticipantSerializer(participant).data, status=201)

    @extend_schema(request=serializers.RecheckSerializer, responses=serializers.ActivitySerializer,
                   summary="Gắn kiến nghị được tái giám sát")
    @action(detail=True, methods=["post"])
    def recheck(self, request, pk=None):
        data = self.action_data(serializers.RecheckSerializer)
        activity = services.link_rechecked_recommendations(activity=self.get_object(), actor=request.user, **data)
        return self.respond(activity)


class DocumentViewSet(_ServiceViewSet):
    """Tài liệu giám sát: uploaded through the service's checks, downloaded only by who sees the activity."""

    http_method_names = ["get", "post", "head", "options"]
    selector = selectors.documents_for
    serializer_class = serializers.DocumentSerializer
    parser_classes = [MultiPartParser, FormParser, JSONParser]
    filterset_fields = ["activity", "kind"]
    ordering_fields = ["created_at", "title"]

    def perform_create(self, serializer):
        obj = services.upload_activity_document(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    @extend_schema(responses={(200, "application/octet-stream"): OpenApiResponse(description="Nội dung tệp")},
                   summary="Tải tệp tài liệu")
    @action(detail=True, methods=["get"])
    def download(self, request, pk=None):
        document = self.get_object()
        return FileResponse(document.file.open("rb"), as_attachment=True,
                            filename=os.path.basename(document.file.name))


class RecommendationViewSet(_ServiceViewSet):
    """Kiến nghị giám sát, followed to the end."""

    selector = selectors.recommendations_for
    serializer_class = serializers.RecommendationSerializer
    filterset_class = filtersets.RecommendationFilterSet
    ordering_fields = ["due_date", "status", "created_at"]

    def perform_create(self, serializer):
        obj = services.create_recommendation(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_recommendation(recommendation=serializer.instance, actor=self.request.user,
                                             **serializer.validated_data)
        serializer.instance = self.reread(obj)

    @extend_schema(request=serializers.FollowUpStatusSerializer, responses=serializers.RecommendationSerializer,
                   summary="Cập nhật tình trạng thực hiện kiến nghị")
    @action(detail=True, methods=["post"], url_path="update-status", permission_classes=[ServiceDecidesPermission])
    def update_status(self, request, pk=None):
        data = self.action_data(serializers.FollowUpStatusSerializer)
        rec = services.update_recommendation_status(recommendation=self.get_object(), actor=request.user, **data)
        return self.respond(rec)

    @extend_schema(parameters=[OpenApiParameter("by_body", bool, description="Tách theo chủ thể giám sát")],
                   responses=serializers.RecommendationRateSerializer(many=True),
                   summary="Tỷ lệ kiến nghị đã thực hiện (đã thực hiện / đến hạn) theo HĐND và chủ thể")
    @action(detail=False, methods=["get"], pagination_class=None, filter_backends=[])
    def rates(self, request):
        by_body = request.query_params.get("by_body", "true").lower() not in ("false", "0")
        rows = selectors.recommendation_rates(request.user, by_body=by_body,
                                              queryset=self.filtered_base(Recommendation))
        return Response(serializers.RecommendationRateSerializer(rows, many=True).data)


class QuestionViewSet(_ServiceViewSet):
    """Câu hỏi chất vấn và trả lời."""

    selector = selectors.questions_for
    serializer_class = serializers.QuestionSerializer
    filterset_class = filtersets.QuestionFilterSet
    ordering_fields = ["created_at", "answered_on"]

    def perform_create(self, serializer):
        obj = services.create_question(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_question(item=serializer.instance, actor=self.request.user,
                                       **serializer.validated_data)
        serializer.instance = self.reread(obj)


class CommitmentViewSet(_ServiceViewSet):
    """Cam kết sau chất vấn, followed like recommendations."""

    selector = selectors.commitments_for
    serializer_class = serializers.CommitmentSerializer
    filterset_class = filtersets.CommitmentFilterSet
    ordering_fields = ["due_date", "status", "created_at"]

    def perform_create(self, serializer):
        obj = services.create_commitment(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_commitment(commitment=serializer.instance, actor=self.request.user,
                                         **serializer.validated_data)
        serializer.instance = self.reread(obj)

    @extend_schema(request=serializers.FollowUpStatusSerializer, responses=serializers.CommitmentSerializer,
                   summary="Cập nhật tình trạng thực hiện cam kết")
    @action(detail=True, methods=["post"], url_path="update-status", permission_classes=[ServiceDecidesPermission])
    def update_status(self, request, pk=None):
        data = self.action_data(serializers.FollowUpStatusSerializer)
        commitment = services.update_commitment_status(commitment=self.get_object(), actor=request.user, **data)
        return self.respond(commitment)


class WorkItemViewSet(_ServiceViewSet):
    """Chương trình công tác "5 rõ"; assignees move and report on their own items."""

    selector = selectors.work_items_for
    serializer_class = serializers.WorkItemSerializer
    filterset_class = filtersets.WorkItemFilterSet
    ordering_fields = ["due_date", "status", "year", "created_at"]

    def perform_create(self, serializer):
        obj = services.create_work_item(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_work_item(item=serializer.instance, actor=self.request.user,
                                        **serializer.validated_data)
        serializer.instance = self.reread(obj)

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.WorkItemSerializer,
                   summary="Bắt đầu thực hiện")
    @action(detail=True, methods=["post"], permission_classes=[ServiceDecidesPermission])
    def start(self, request, pk=None):
        data = self.action_data(serializers.NoteSerializer)
        return self.respond(services.start_work_item(item=self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.CompleteWorkItemSerializer, responses=serializers.WorkItemSerializer,
                   summary="Hoàn thành (ghi ngày hoàn thành)")
    @action(detail=True, methods=["post"], permission_classes=[ServiceDecidesPermission])
    def complete(self, request, pk=None):
        data = self.action_data(serializers.CompleteWorkItemSerializer)
        return self.respond(services.complete_work_item(item=self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.NoteSerializer, responses=serializers.WorkItemSerializer, summary="Hủy")
    @action(detail=True, methods=["post"])
    def cancel(self, request, pk=None):
        data = self.action_data(serializers.NoteSerializer)
        return self.respond(services.cancel_work_item(item=self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.ProgressSerializer, responses=serializers.WorkItemSerializer,
                   summary="Cập nhật tiến độ")
    @action(detail=True, methods=["post"], permission_classes=[ServiceDecidesPermission])
    def progress(self, request, pk=None):
        data = self.action_data(serializers.ProgressSerializer)
        return self.respond(services.report_work_item_progress(item=self.get_object(), actor=request.user, **data))

    @extend_schema(responses=serializers.WorkItemRateSerializer(many=True),
                   summary="Tỷ lệ hoàn thành đúng hạn theo cơ quan và năm")
    @action(detail=False, methods=["get"], url_path="on-time-rates", pagination_class=None, filter_backends=[])
    def on_time_rates(self, request):
        rows = selectors.work_item_on_time_rates(request.user, queryset=self.filtered_base(WorkItem))
        return Response(serializers.WorkItemRateSerializer(rows, many=True).data)


class TrainingViewSet(_ServiceViewSet):
    """Tập huấn, bồi dưỡng, with bulk attendance."""

    selector = selectors.trainings_for
    serializer_class = serializers.TrainingSerializer
    filterset_class = filtersets.TrainingFilterSet
    ordering_fields = ["start_date", "title"]

    def perform_create(self, serializer):
        obj = services.create_training(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_training(training=serializer.instance, actor=self.request.user,
                                       **serializer.validated_data)
        serializer.instance = self.reread(obj)

    @extend_schema(methods=["GET"], request=None, responses=serializers.AttendanceSerializer(many=True),
                   summary="Điểm danh")
    @extend_schema(methods=["POST"], request=serializers.MarkAttendanceSerializer,
                   responses=serializers.AttendanceSerializer(many=True), summary="Điểm danh hàng loạt")
    # The whole attendance of one training, not a page of it (nor filtered by the list's filters): a plain array.
    @action(detail=True, methods=["get", "post"], pagination_class=None, filter_backends=[])
    def attendance(self, request, pk=None):
        training = self.get_object()
        if request.method == "POST":
            data = self.action_data(serializers.MarkAttendanceSerializer)
            services.mark_attendance(training=training, actor=request.user, **data)
        rows = selectors.attendances_for(request.user).filter(training=training).order_by("deputy__full_name")
        return Response(serializers.AttendanceSerializer(rows, many=True).data)


class BriefingViewSet(_ServiceViewSet):
    """Giao ban chuyên đề."""

    selector = selectors.briefings_for
    serializer_class = serializers.BriefingSerializer
    filterset_class = filtersets.BriefingFilterSet
    ordering_fields = ["date", "topic"]

    def perform_create(self, serializer):
        obj = services.create_briefing(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        obj = services.update_briefing(briefing=serializer.instance, actor=self.request.user,
                                       **serializer.validated_data)
        serializer.instance = self.reread(obj)
