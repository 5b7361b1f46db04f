"""API v1 of the voters app: voter meetings, petitions, letters, forwardings and citizen receptions.

Reads come from voters.selectors (scoped, so another council's object is a 404); writes and transitions go
through voters.services, which also decide who may write (voters.permissions): the secretariat processes
petitions; a deputy records their own meetings and receptions. A service's ValidationError is a 400, its
PermissionDenied a 403 (utilities.api.exceptions). Petitions are never deleted: DELETE is a 405.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, MultiPartParser
from rest_framework.response import Response

from councils import scoping
from councils.api.permissions import ServiceDecidesPermission
from councils.api.viewsets import ServiceModelViewSet
from utilities.api.pagination import KeysetPagination
from utilities.xlsx import XLSX_CONTENT_TYPE, xlsx_file_response

from .. import excel, filtersets, selectors, services
from ..services import MEETING_EDITABLE_FIELDS, PETITION_EDITABLE_FIELDS, RECEPTION_EDITABLE_FIELDS
from . import serializers
from .bulk import PetitionBulkActions

_XLSX = OpenApiResponse(response={"type": "string", "format": "binary"}, description="Tệp Excel (.xlsx)")


class VoterMeetingViewSet(ServiceModelViewSet):
    """Tiếp xúc cử tri, with the petitions raised at it entered in one go."""

    selector = selectors.meetings_for
    serializer_class = serializers.VoterMeetingSerializer
    filterset_class = filtersets.VoterMeetingFilterSet
    permission_classes = [ServiceDecidesPermission]
    ordering_fields = ["date", "attendance"]

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        deputies = data.pop("deputies_present", [])
        obj = services.record_voter_meeting(actor=self.request.user, deputies=deputies, **data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k in MEETING_EDITABLE_FIELDS}
        obj = services.update_voter_meeting(meeting=serializer.instance, actor=self.request.user,
                                            deputies=serializer.validated_data.get("deputies_present"), **data)
        serializer.instance = self.reread(obj)

    @extend_schema(request=serializers.MeetingPetitionsSerializer,
                   responses={201: serializers.PetitionSerializer(many=True)},
                   summary="Nhập nhiều kiến nghị của cuộc tiếp xúc (tất cả hoặc không)")
    # Every petition just entered, not a page of them (nor filtered by the list's filters): a plain array.
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def petitions(self, request, pk=None):
        data = self.action_data(serializers.MeetingPetitionsSerializer)
        created = services.add_meeting_petitions(meeting=self.get_object(), actor=request.user,
                                                 items=data["petitions"])
        rows = selectors.petitions_for(request.user).filter(pk__in=[p.pk for p in created]).order_by("pk")
        return Response(serializers.PetitionSerializer(rows, many=True, context=self.get_serializer_context()).data,
                        status=201)


class PetitionViewSet(PetitionBulkActions, ServiceModelViewSet):
    """Kiến nghị cử tri and đơn thư, with their lifecycle as actions."""

    selector = selectors.petitions_for
    serializer_class = serializers.PetitionSerializer
    filterset_class = filtersets.PetitionFilterSet
    ordering_fields = ["received_on", "forward_due", "status", "voters_count"]
    # Newest first, and pages by cursor in that order (utilities.api.pagination.KeysetPagination): any page
    # of a million petitions reads only its own rows. Page numbers keep working.
    ordering = ["-received_on", "-id"]
    keyset_ordering = ("-received_on", "-id")
    pagination_class = KeysetPagination

    def get_permissions(self):
        # Creating and correcting entries of a deputy's own meeting is decided by the service.
        if self.action in ("create", "update", "partial_update"):
            return [ServiceDecidesPermission()]
        return super().get_permissions()

    def create_from(self, data):
        return services.create_petition(actor=self.request.user, **data)

    def perform_create(self, serializer):
        serializer.instance = self.reread(self.create_from(dict(serializer.validated_data)))

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k in PETITION_EDITABLE_FIELDS}
        obj = services.update_petition(petition=serializer.instance, actor=self.request.user, **data)
        serializer.instance = self.reread(obj)

    def _forwarding(self, petition, forwarding_id):
        forwarding = petition.forwardings.filter(pk=forwarding_id).select_related("petition__council").first()
        if forwarding is None:
            raise ValidationError({"forwarding": _("Kiến nghị này không có lần chuyển mang mã đã cho.")})
        return forwarding

    @extend_schema(request=serializers.PetitionClassifySerializer, responses=serializers.PetitionSerializer,
                   summary="Phân loại (lĩnh vực, cơ quan đề xuất)")
    @action(detail=True, methods=["post"])
    def classify(self, request, pk=None):
        data = self.action_data(serializers.PetitionClassifySerializer)
        petition = services.classify_petition(petition=self.get_object(), actor=request.user, field=data["field"],
                                              proposed_agencies=data.get("proposed_agencies", []), note=data["note"])
        return self.respond(petition)

    @extend_schema(request=serializers.PetitionForwardSerializer, responses=serializers.PetitionSerializer,
                   summary="Chuyển tới các cơ quan có thẩm quyền")
    @action(detail=True, methods=["post"])
    def forward(self, request, pk=None):
        data = self.action_data(serializers.PetitionForwardSerializer)
        petition = self.get_object()
        services.forward_petition(petition=petition, actor=request.user, agencies=data.get("agencies"),
                                  forwarded_on=data.get("forwarded_on"), document_number=data["document_number"],
                                  note=data["note"])
        return self.respond(petition)

    @extend_schema(request=serializers.PetitionAnswerForwardingSerializer, responses=serializers.PetitionSerializer,
                   summary="Ghi nhận trả lời của một cơ quan")
    @action(detail=True, methods=["post"], url_path="answer-forwarding")
    def answer_forwarding(self, request, pk=None):
        data = self.action_data(serializers.PetitionAnswerForwardingSerializer)
        petition = self.get_object()
        services.answer_forwarding(forwarding=self._forwarding(petition, data["forwarding"]), actor=request.user,
                                   answer=data["answer"], outcome=data["outcome"],
                                   answered_on=data.get("answered_on"), note=data["note"])
        return self.respond(petition)

    @extend_schema(request=serializers.PetitionRequestClarificationSerializer, responses=serializers.PetitionSerializer,
                   summary="Cơ quan đề nghị làm rõ (tạm dừng tính hạn)")
    @action(detail=True, methods=["post"], url_path="request-clarification")
    def request_clarification(self, request, pk=None):
        data = self.action_data(serializers.PetitionRequestClarificationSerializer)
        petition = self.get_object()
        services.request_clarification(forwarding=self._forwarding(petition, data["forwarding"]), actor=request.user,
                                       note=data["note"], since=data.get("since"))
        return self.respond(petition)

    @extend_schema(request=serializers.PetitionClarifySerializer, responses=serializers.PetitionSerializer,
                   summary="Đã làm rõ (tính hạn tiếp, cộng số ngày tạm dừng)")
    @action(detail=True, methods=["post"])
    def clarify(self, request, pk=None):
        data = self.action_data(serializers.PetitionClarifySerializer)
        petition = self.get_object()
        services.clarify(forwarding=self._forwarding(petition, data["forwarding"]), actor=request.user,
                         on=data.get("on"), note=data["note"])
        return self.respond(petition)

    @extend_schema(request={"multipart/form-data": serializers.AttachmentUploadSerializer},
                   responses={201: serializers.AttachmentSerializer},
                   summary="Đính kèm tệp (bản quét đơn, ảnh) vào kiến nghị, đơn thư")
    @action(detail=True, methods=["post"], url_path="attachments", parser_classes=[MultiPartParser, FormParser])
    def add_attachment(self, request, pk=None):
        data = self.action_data(serializers.AttachmentUploadSerializer)
        attachment = services.add_attachment(petition=self.get_object(), actor=request.user, file=data["file"])
        return Response(serializers.AttachmentSerializer(attachment).data, status=201)

    @extend_schema(request=serializers.PetitionNoteSerializer, responses=serializers.PetitionSerializer,
                   summary="Cho cơ quan biết danh tính người tố cáo")
    @action(detail=True, methods=["post"], url_path="release-identity")
    def release_identity(self, request, pk=None):
        data = self.action_data(serializers.PetitionNoteSerializer)
        return self.respond(services.release_identity(petition=self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.PetitionReportSerializer, responses=serializers.PetitionSerializer,
                   summary="Báo cáo kết quả với cử tri tại kỳ họp")
    @action(detail=True, methods=["post"])
    def report(self, request, pk=None):
        data = self.action_data(serializers.PetitionReportSerializer)
        petition = services.report_to_voters(petition=self.get_object(), actor=request.user,
                                             session=data["session"], note=data["note"])
        return self.respond(petition)

    @extend_schema(request=serializers.PetitionNoteSerializer, responses=serializers.PetitionSerializer,
                   summary="Kết thúc theo dõi")
    @action(detail=True, methods=["post"])
    def close(self, request, pk=None):
        data = self.action_data(serializers.PetitionNoteSerializer)
        return self.respond(services.close_petition(petition=self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.PetitionReopenSerializer, responses=serializers.PetitionSerializer,
                   summary="Mở lại khi cử tri phản ánh chưa được giải quyết")
    @action(detail=True, methods=["post"])
    def reopen(self, request, pk=None):
        data = self.action_data(serializers.PetitionReopenSerializer)
        petition = self.get_object()
        forwardings = None
        if data.get("forwardings"):
            forwardings = [self._forwarding(petition, pk) for pk in data["forwardings"]]
        services.reopen_petition(petition=petition, actor=request.user, note=data["note"], forwardings=forwardings,
                                 reopened_on=data.get("reopened_on"))
        return self.respond(petition)

    @extend_schema(request=serializers.PetitionPublishAnswerSerializer, responses=serializers.PetitionSerializer,
                   summary="Công khai câu trả lời của một cơ quan cho cử tri (tra cứu và trang công khai)")
    @action(detail=True, methods=["post"], url_path="publish-answer")
    def publish_answer(self, request, pk=None):
        data = self.action_data(serializers.PetitionPublishAnswerSerializer)
        petition = self.get_object()
        services.publish_answer(forwarding=self._forwarding(petition, data["forwarding"]), actor=request.user,
                                note=data["note"])
        return self.respond(petition)

    @extend_schema(request=serializers.PetitionMergeSerializer, responses=serializers.PetitionSerializer,
                   summary="Gộp các kiến nghị trùng vào kiến nghị này")
    @action(detail=True, methods=["post"])
    def merge(self, request, pk=None):
        data = self.action_data(serializers.PetitionMergeSerializer)
        target = self.get_object()
        visible = {p.pk: p for p in selectors.petitions_for(request.user).filter(pk__in=data["sources"])}
        missing = [pk for pk in data["sources"] if pk not in visible]
        if missing:
            raise ValidationError({"sources": _("Không tìm thấy kiến nghị: %(ids)s.")
                                   % {"ids": ", ".join(map(str, missing))}})
        services.merge_petitions(target=target, sources=[visible[pk] for pk in data["sources"]],
                                 actor=request.user, note=data["note"])
        return self.respond(target)

    @extend_schema(request=None, responses=serializers.PetitionDuplicateSerializer(many=True),
                   summary="Gợi ý kiến nghị có thể trùng (cùng HĐND, cùng lĩnh vực)")
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def duplicates(self, request, pk=None):
        suggestions = selectors.suggest_duplicates(self.get_object())
        ids = {p.pk for p, _s in suggestions}
        rows = {p.pk: p for p in selectors.petitions_for(request.user).filter(pk__in=ids)}
        data = [{"petition": rows[p.pk], "score": score} for p, score in suggestions if p.pk in rows]
        return Response(serializers.PetitionDuplicateSerializer(data, many=True, context=self.get_serializer_context()).data)

    @extend_schema(request={"multipart/form-data": serializers.PetitionImportSerializer},
                   responses={201: serializers.PetitionImportResultSerializer},
                   summary="Nhập kiến nghị từ tệp Excel (.xlsx); có dòng lỗi thì không lưu gì")
    @action(detail=False, methods=["post"], url_path="import", parser_classes=[MultiPartParser, FormParser])
    def import_xlsx(self, request):
        data = self.action_data(serializers.PetitionImportSerializer)
        created = excel.import_petitions(council=data["council"], meeting=data.get("meeting"),
                                         data=data["file"].read(), actor=request.user)
        return Response({"created": len(created), "ids": [p.pk for p in created]}, status=201)

    @extend_schema(request=None, responses={(200, XLSX_CONTENT_TYPE): _XLSX}, summary="Tải mẫu nhập Excel")
    @action(detail=False, methods=["get"], url_path="import-template", filter_backends=[], pagination_class=None)
    def import_template(self, request):
        return xlsx_file_response(excel.import_template(), "mau-nhap-kien-nghi.xlsx")

    @extend_schema(responses={(200, XLSX_CONTENT_TYPE): _XLSX},
                   summary="Xuất danh sách đang lọc ra Excel (cùng bộ lọc với danh sách)")
    @action(detail=False, methods=["get"], pagination_class=None)
    def export(self, request):
        queryset = self.filter_queryset(self.get_queryset())
        return xlsx_file_response(excel.export_petitions(queryset), f"kien-nghi-{timezone.localdate():%Y%m%d}.xlsx")

    @extend_schema(parameters=[serializers.SessionReportQuerySerializer], responses={(200, XLSX_CONTENT_TYPE): _XLSX},
                   summary="Báo cáo kết quả giải quyết kiến nghị cử tri của một kỳ họp (.xlsx)")
    @action(detail=False, methods=["get"], url_path="session-report", filter_backends=[], pagination_class=None)
    def session_report(self, request):
        data = self.action_data(serializers.SessionReportQuerySerializer, data=request.query_params)
        session = data["session"]
        return xlsx_file_response(excel.session_report(session, group_by=data["group_by"]),
                     f"bao-cao-kien-nghi-ky-hop-{session.number}.xlsx")


class LetterViewSet(PetitionViewSet):
    """Đơn thư (khiếu nại, tố cáo, kiến nghị phản ánh): petitions of the letter kinds."""

    selector = selectors.letters_for
    serializer_class = serializers.LetterSerializer

    def create_from(self, data):
        return services.register_letter(actor=self.request.user, **{
            k: v for k, v in data.items() if k not in ("meeting", "reception", "voters_count", "meetings_count")})


class AgencyActionPermission(ServiceDecidesPermission):
    """The agency's and the review's actions on a forwarding: an agency's staff hold no council role, so the
    first gate lets them in too, and the service decides (403) who may act."""

    def has_permission(self, request, view):
        return super().has_permission(request, view) or bool(
            request.user and request.user.is_authenticated and scoping.agency_ids(request.user))


class ForwardingViewSet(ServiceModelViewSet):
    """Chuyển kiến nghị: one per petition and agency. Creating one adds an agency to a forwarded petition.
    An agency's staff list and read only their agency's (another's is a 404), and act on them: acknowledge,
    request-clarification, answer (multipart, with the reply file); the secretariat return-answer or
    accept-answer. A denunciation's sender is blank for agencies until the secretariat releases it."""

    http_method_names = ["get", "post", "head", "options"]
    selector = selectors.forwardings_with_files
    serializer_class = serializers.ForwardingSerializer
    filterset_class = filtersets.ForwardingFilterSet
    ordering_fields = ["due_date", "forwarded_on", "status"]
    # Newest first, and pages by cursor in that order, as petitions.
    ordering = ["-forwarded_on", "-id"]
    keyset_ordering = ("-forwarded_on", "-id")
    pagination_class = KeysetPagination
    agency_actions = ("acknowledge", "request_clarification", "answer", "return_answer", "accept_answer")

    def get_permissions(self):
        if self.action in self.agency_actions:
            return [AgencyActionPermission()]
        return super().get_permissions()

    @extend_schema(request=serializers.ForwardingAcknowledgeSerializer, responses=serializers.ForwardingSerializer,
                   summary="Cơ quan xác nhận đã nhận kiến nghị")
    @action(detail=True, methods=["post"])
    def acknowledge(self, request, pk=None):
        data = self.action_data(serializers.ForwardingAcknowledgeSerializer)
        return self.respond(services.acknowledge_forwarding(forwarding=self.get_object(), actor=request.user,
                                                            on=data.get("on")))

    @extend_schema(request=serializers.ForwardingClarificationSerializer, responses=serializers.ForwardingSerializer,
                   summary="Cơ quan đề nghị làm rõ (tạm dừng tính hạn)")
    @action(detail=True, methods=["post"], url_path="request-clarification")
    def request_clarification(self, request, pk=None):
        data = self.action_data(serializers.ForwardingClarificationSerializer)
        return self.respond(services.request_clarification(forwarding=self.get_object(), actor=request.user,
                                                           note=data["note"], since=data.get("since")))

    @extend_schema(request={"multipart/form-data": serializers.ForwardingAnswerSerializer},
                   responses=serializers.ForwardingSerializer,
                   summary="Cơ quan gửi trả lời (kết quả, số văn bản, tệp văn bản trả lời)")
    @action(detail=True, methods=["post"], parser_classes=[MultiPartParser, FormParser])
    def answer(self, request, pk=None):
        data = self.action_data(serializers.ForwardingAnswerSerializer)
        return self.respond(services.submit_answer(forwarding=self.get_object(), actor=request.user, **data))

    @extend_schema(request=serializers.ForwardingReturnSerializer, responses=serializers.ForwardingSerializer,
                   summary="Văn phòng trả lại câu trả lời chưa đạt (cộng số ngày xem xét vào hạn)")
    @action(detail=True, methods=["post"], url_path="return-answer")
    def return_answer(self, request, pk=None):
        data = self.action_data(serializers.ForwardingReturnSerializer)
        return self.respond(services.return_answer(forwarding=self.get_object(), actor=request.user,
                                                   reason=data["reason"], on=data.get("on")))

    @extend_schema(request=serializers.PetitionNoteSerializer, responses=serializers.ForwardingSerializer,
                   summary="Văn phòng chấp nhận câu trả lời của cơ quan")
    @action(detail=True, methods=["post"], url_path="accept-answer")
    def accept_answer(self, request, pk=None):
        data = self.action_data(serializers.PetitionNoteSerializer)
        return self.respond(services.accept_answer(forwarding=self.get_object(), actor=request.user, **data))

    def perform_create(self, serializer):
        data = serializer.validated_data
        obj = services.add_forwarding(petition=data["petition"], agency=data["agency"], actor=self.request.user,
                                      forwarded_on=data.get("forwarded_on"), due_date=data.get("due_date"),
                                      document_number=data.get("document_number", ""), note=data.get("note", ""))
        serializer.instance = self.reread(obj)


class CitizenReceptionViewSet(ServiceModelViewSet):
    """Tiếp công dân, with the letters taken in."""

    selector = selectors.receptions_for
    serializer_class = serializers.CitizenReceptionSerializer
    filterset_class = filtersets.CitizenReceptionFilterSet
    permission_classes = [ServiceDecidesPermission]
    ordering_fields = ["date", "people_count"]

    def perform_create(self, serializer):
        obj = services.record_citizen_reception(actor=self.request.user, **serializer.validated_data)
        serializer.instance = self.reread(obj)

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k in RECEPTION_EDITABLE_FIELDS}
        obj = services.update_citizen_reception(reception=serializer.instance, actor=self.request.user, **data)
        serializer.instance = self.reread(obj)
