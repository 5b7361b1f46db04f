"""Serializers of the voters API: shapes only. Rules live in voters.services, scope in voters.selectors."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from councils.api.fields import AgencyField
from councils.models import Body, Council, Deputy, Field, Session
from utilities.api.fields import BoundedCharField, CreateOnlyMixin, PlausibleDateField, scoped
from utilities.api.serializers import BoundedModelSerializer

from .. import permissions, selectors
from ..choices import LETTER_KINDS, AnswerOutcome, Channel, PetitionKind
from ..models import Attachment, CitizenReception, Forwarding, Petition, VoterFeedback, VoterMeeting
from ..permissions import can_see_tracking_key
from ..services import BULK_LIMIT

# --- records ----------------------------------------------------------------------------------------------

class VoterMeetingSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council",)
    council = scoped(Council)
    body = scoped(Body)
    session = scoped(Session, required=False, allow_null=True)
    deputies_present = scoped(Deputy, many=True, required=False)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    petitions_total = serializers.IntegerField(read_only=True)

    class Meta:
        model = VoterMeeting
        fields = ["id", "council", "body", "kind", "kind_display", "session", "topic", "date", "place", "attendance",
                  "with_fatherland_front", "deputies_present", "notes", "petitions_total", "created_at"]
        validators = []  # the model's constraints are checked by the service's full_clean


class MeetingPetitionItemSerializer(serializers.Serializer):
    content = BoundedCharField(allow_blank=True)
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(is_active=True), required=False,
                                               allow_null=True)
    code = BoundedCharField(required=False, allow_blank=True, max_length=30)
    voters_count = serializers.IntegerField(required=False, min_value=1)
    sender_name = BoundedCharField(required=False, allow_blank=True, max_length=200)


class MeetingPetitionsSerializer(serializers.Serializer):
    petitions = MeetingPetitionItemSerializer(many=True, allow_empty=False)


class AttachmentSerializer(serializers.ModelSerializer):
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Attachment
        fields = ["id", "petition", "forwarding", "original_name", "size", "created_at", "download_url"]
        read_only_fields = fields

    def get_download_url(self, obj) -> str:
        return f"/api/v1/voters/attachments/{obj.pk}/download/"


class ForwardingInlineSerializer(BoundedModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    outcome_display = serializers.CharField(source="get_outcome_display", read_only=True)
    review_display = serializers.CharField(source="get_review_display", read_only=True)

    class Meta:
        model = Forwarding
        fields = ["id", "agency", "agency_name", "document_number", "forwarded_on", "due_date", "status",
                  "status_display", "clarification_since", "paused_days", "answer", "answered_on", "outcome",
                  "outcome_display", "acknowledged_on", "reply_number", "review", "review_display", "returned_on",
                  "return_reason", "answer_public", "answer_published_on"]
        read_only_fields = fields


class PetitionSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council", "kind", "channel", "meeting", "reception")
    council = scoped(Council)
    meeting = scoped(VoterMeeting, required=False, allow_null=True)
    reception = scoped(CitizenReception, required=False, allow_null=True)
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.all(), required=False, allow_null=True)
    kind_display = serializers.CharField(source="get_kind_display", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    channel_display = serializers.CharField(source="get_channel_display", read_only=True)
    field_name = serializers.CharField(source="field.name", read_only=True, default="")
    is_resolved = serializers.SerializerMethodField()
    forwardings = ForwardingInlineSerializer(many=True, read_only=True)
    attachments = AttachmentSerializer(many=True, read_only=True)
    tracking_code = serializers.CharField(read_only=True, help_text=_("Mã tra cứu (công khai) của người gửi."))
    tracking_key = serializers.SerializerMethodField(
        help_text=_("Mã bí mật tra cứu: cho Văn phòng HĐND và người nhập; null với người khác."))

    class Meta:
        model = Petition
        fields = ["id", "council", "kind", "kind_display", "code", "content", "field", "field_name", "channel",
                  "channel_display", "meeting", "reception", "sender_name", "sender_address", "received_on",
                  "status", "status_display", "forward_due", "forwarded_on", "proposed_agencies",
                  "classification_note", "reported_session", "merged_into", "voters_count", "meetings_count",
                  "is_resolved", "forwardings", "identity_released_on", "attachments", "tracking_code", "tracking_key",
                  "created_at"]
        read_only_fields = ["status", "forward_due", "forwarded_on", "proposed_agencies", "classification_note",
                            "reported_session", "merged_into", "identity_released_on"]
        validators = []


    def get_is_resolved(self, petition) -> bool:
        return selectors.is_resolved(petition)

    def get_tracking_key(self, petition) -> str | None:
        request = self.context.get("request")
        return petition.tracking_key if request and can_see_tracking_key(request.user, petition) else None


class LetterSerializer(PetitionSerializer):
    """Đơn thư: a petition of one of the three letter kinds, registered by mail, online or in person."""

    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in LETTER_KINDS])
    # Every channel: lists also show letters taken in at a citizen reception. Registering one here accepts
    # only mail, online or direct, and services.register_letter refuses the others with a clear message.
    channel = serializers.ChoiceField(choices=Channel.choices)

    class Meta(PetitionSerializer.Meta):
        pass


class ForwardingSerializer(BoundedModelSerializer):
    petition = scoped(Petition)
    agency = AgencyField()
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    petition_code = serializers.CharField(source="petition.code", read_only=True)
    council = serializers.IntegerField(source="petition.council_id", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)
    note = BoundedCharField(write_only=True, required=False, allow_blank=True)
    review_display = serializers.CharField(source="get_review_display", read_only=True)
    petition_kind = serializers.CharField(source="petition.kind", read_only=True)
    petition_content = serializers.CharField(source="petition.content", read_only=True)
    petition_received_on = serializers.DateField(source="petition.received_on", read_only=True)
    identity_hidden = serializers.SerializerMethodField(
        help_text=_("Đơn tố cáo: danh tính người gửi được giữ bí mật với cơ quan cho tới khi Văn phòng cho biết."))
    sender_name = serializers.SerializerMethodField()
    sender_address = serializers.SerializerMethodField()
    attachments = serializers.SerializerMethodField()

    class Meta:
        model = Forwarding
        fields = ["id", "petition", "petition_code", "petition_kind", "petition_content", "petition_received_on",
                  "identity_hidden", "sender_name", "sender_address", "council", "agency", "agency_name",
                  "document_number", "forwarded_on", "due_date", "status", "status_display", "clarification_since",
                  "paused_days", "answer", "answered_on", "outcome", "last_reminded_on", "acknowledged_on",
                  "reply_number", "review", "review_display", "returned_on", "return_reason", "attachments", "answer_public",
                  "answer_published_on", "note"]
        read_only_fields = ["status", "clarification_since", "paused_days", "answer", "answered_on", "outcome",
                            "last_reminded_on", "acknowledged_on", "reply_number", "review", "returned_on",
                            "return_reason", "answer_public", "answer_published_on"]
        extra_kwargs = {"forwarded_on": {"required": False}, "due_date": {"required": False}}
        validators = []

    def _hidden(self, obj) -> bool:
        request = self.context.get("request")
        return permissions.identity_hidden(request.user if request else None, obj.petition)

    def get_identity_hidden(self, obj) -> bool:
        return self._hidden(obj)

    def get_sender_name(self, obj) -> str:
        return "" if self._hidden(obj) else obj.petition.sender_name

    def get_sender_address(self, obj) -> str:
        return "" if self._hidden(obj) else obj.petition.sender_address

    @extend_schema_field(AttachmentSerializer(many=True))
    def get_attachments(self, obj):
        """This forwarding's reply documents (the petition's own files are listed on the petition)."""
        return AttachmentSerializer([a for a in obj.attachments.all() if a.archived_at is None], many=True).data


class LetterItemSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[(k.value, k.label) for k in LETTER_KINDS],
                                   default=PetitionKind.REQUEST)
    content = BoundedCharField(allow_blank=True)
    code = BoundedCharField(required=False, allow_blank=True, max_length=30)
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(is_active=True), required=False,
                                               allow_null=True)
    sender_name = BoundedCharField(required=False, allow_blank=True, max_length=200)
    sender_address = BoundedCharField(required=False, allow_blank=True, max_length=300)


class CitizenReceptionSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council",)
    council = scoped(Council)
    deputy = scoped(Deputy)
    deputy_name = serializers.CharField(source="deputy.full_name", read_only=True)
    letters_total = serializers.IntegerField(read_only=True)
    letters = LetterItemSerializer(many=True, required=False, write_only=True,
                                   help_text=_("Đơn thư tiếp nhận tại buổi tiếp (chỉ khi tạo mới)."))

    class Meta:
        model = CitizenReception
        fields = ["id", "council", "deputy", "deputy_name", "date", "place", "scheduled", "people_count", "notes",
                  "letters_total", "letters", "created_at"]
        validators = []


# --- actions ----------------------------------------------------------------------------------------------

class PetitionNoteSerializer(serializers.Serializer):
    note = BoundedCharField(required=False, allow_blank=True, default="")


class PetitionClassifySerializer(PetitionNoteSerializer):
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.filter(is_active=True), allow_null=True)
    proposed_agencies = AgencyField(many=True, required=False)


class PetitionForwardSerializer(PetitionNoteSerializer):
    agencies = AgencyField(many=True, required=False,
                           help_text=_("Để trống để chuyển tới các cơ quan đã đề xuất khi phân loại."))
    forwarded_on = PlausibleDateField(required=False)
    document_number = BoundedCharField(required=False, allow_blank=True, default="", max_length=100)


class PetitionAnswerForwardingSerializer(PetitionNoteSerializer):
    forwarding = serializers.IntegerField(help_text=_("Mã lần chuyển (của kiến nghị này)."))
    answer = BoundedCharField(allow_blank=True)
    outcome = serializers.ChoiceField(choices=AnswerOutcome.choices)
    answered_on = PlausibleDateField(required=False)


class PetitionRequestClarificationSerializer(serializers.Serializer):
    forwarding = serializers.IntegerField()
    note = BoundedCharField(allow_blank=True)
    since = PlausibleDateField(required=False)


class PetitionClarifySerializer(PetitionNoteSerializer):
    forwarding = serializers.IntegerField()
    on = PlausibleDateField(required=False)


class ForwardingAcknowledgeSerializer(serializers.Serializer):
    on = PlausibleDateField(required=False, help_text=_("Ngày nhận (mặc định hôm nay)."))


class ForwardingClarificationSerializer(serializers.Serializer):
    note = BoundedCharField(allow_blank=True, help_text=_("Nội dung cơ quan đề nghị làm rõ."))
    since = PlausibleDateField(required=False)


class ForwardingAnswerSerializer(PetitionNoteSerializer):
    answer = BoundedCharField(allow_blank=True)
    outcome = serializers.ChoiceField(choices=AnswerOutcome.choices)
    reply_number = BoundedCharField(allow_blank=True, max_length=100, help_text=_("Số văn bản trả lời."))
    file = serializers.FileField(help_text=_("Tệp văn bản trả lời (PDF, DOC(X), ODT, ảnh…)."))


class ForwardingReturnSerializer(serializers.Serializer):
    reason = BoundedCharField(allow_blank=True, help_text=_("Lý do trả lại câu trả lời."))
    on = PlausibleDateField(required=False)


class AttachmentUploadSerializer(serializers.Serializer):
    file = serializers.FileField()


class PetitionReportSerializer(PetitionNoteSerializer):
    session = scoped(Session)


class PetitionReopenSerializer(serializers.Serializer):
    note = BoundedCharField(allow_blank=True)
    forwardings = serializers.ListField(child=serializers.IntegerField(), required=False,
                                        help_text=_("Để trống: các cơ quan chưa giải quyết xong."))
    reopened_on = PlausibleDateField(required=False)


class PetitionMergeSerializer(PetitionNoteSerializer):
    sources = serializers.ListField(child=serializers.IntegerField(), allow_empty=False,
                                    help_text=_("Các kiến nghị trùng sẽ được gộp vào kiến nghị này."))


class _BulkSelectionSerializer(serializers.Serializer):
    petitions = serializers.ListField(
        child=serializers.IntegerField(min_value=1, max_value=2**63 - 1), allow_empty=False, max_length=BULK_LIMIT,
        help_text=_("Mã các kiến nghị cần xử lý (tối đa %(limit)s); có kiến nghị không xử lý được thì không lưu gì.")
        % {"limit": BULK_LIMIT})
    versions = serializers.DictField(
        child=serializers.IntegerField(min_value=1, max_value=2**31 - 1), required=False,
        help_text=_("Tùy chọn: {mã kiến nghị: phiên bản đã xem}; kiến nghị đã thay đổi từ đó bị từ chối."))

    def validate_versions(self, value):
        if any(not str(key).isdigit() or len(str(key)) > 18 for key in value):
            raise serializers.ValidationError(_("Khóa của versions phải là mã kiến nghị."))
        return {int(key): version for key, version in value.items()}


class PetitionBulkClassifySerializer(_BulkSelectionSerializer, PetitionClassifySerializer):
    pass


class PetitionBulkForwardSerializer(_BulkSelectionSerializer, PetitionForwardSerializer):
    document_number = BoundedCharField(max_length=100, help_text=_("Một công văn cho mọi kiến nghị đã chọn."))


class PetitionBulkReportSerializer(_BulkSelectionSerializer, PetitionReportSerializer):
    pass


class PetitionBulkResultSerializer(serializers.Serializer):
    count = serializers.IntegerField(read_only=True)
    ids = serializers.ListField(child=serializers.IntegerField(), read_only=True)


class PetitionDuplicateSerializer(serializers.Serializer):
    petition = PetitionSerializer(read_only=True)
    score = serializers.FloatField(read_only=True)


class PetitionImportSerializer(serializers.Serializer):
    council = scoped(Council)
    meeting = scoped(VoterMeeting, required=False, allow_null=True)
    file = serializers.FileField()


class PetitionImportResultSerializer(serializers.Serializer):
    created = serializers.IntegerField()
    ids = serializers.ListField(child=serializers.IntegerField())


class SessionReportQuerySerializer(serializers.Serializer):
    session = scoped(Session)
    group_by = serializers.ChoiceField(choices=[("field", _("Lĩnh vực")), ("agency", _("Cơ quan"))],
                                       default="field")


class PetitionPublishAnswerSerializer(PetitionNoteSerializer):
    forwarding = serializers.IntegerField(help_text=_("Mã lần chuyển (của kiến nghị này) có câu trả lời cần công khai."))


class VoterFeedbackSerializer(serializers.ModelSerializer):
    """Ý kiến phản hồi của người gửi, as the secretariat sees it."""

    tracking_code = serializers.CharField(source="petition.tracking_code", read_only=True)
    council = serializers.IntegerField(source="petition.council_id", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = VoterFeedback
        fields = ["id", "petition", "tracking_code", "council", "resolved", "comment", "status", "status_display",
                  "created_at", "closed_at"]
        read_only_fields = fields
