"""Shapes of the public API: what the holder of a tracking code and key may see and send. No personal data."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from utilities.api.fields import BoundedCharField
from utilities.limits import LONG_TEXT_MAX_LENGTH
from voters.choices import AnswerOutcome, ForwardingStatus, PetitionKind, PetitionStatus
from voters.tracking import FORMATTED_LENGTH

_TYPED_LENGTH = FORMATTED_LENGTH + 6


class TrackingQuerySerializer(serializers.Serializer):
    code = BoundedCharField(max_length=_TYPED_LENGTH, help_text=_("Mã tra cứu, ví dụ KN7Q-M4TX."))
    key = BoundedCharField(max_length=_TYPED_LENGTH, help_text=_("Mã bí mật ghi trên giấy biên nhận."))


class PublicForwardingSerializer(serializers.Serializer):
    agency = serializers.CharField(help_text=_("Tên cơ quan có thẩm quyền nhận kiến nghị."))
    forwarded_on = serializers.DateField()
    due_date = serializers.DateField()
    status = serializers.ChoiceField(choices=ForwardingStatus.choices)
    status_display = serializers.CharField()
    answer = serializers.CharField(allow_null=True, help_text=_("Chỉ có khi Văn phòng HĐND đã công khai."))
    answered_on = serializers.DateField(allow_null=True)
    outcome = serializers.ChoiceField(choices=AnswerOutcome.choices, allow_null=True)
    outcome_display = serializers.CharField(allow_null=True)


class PublicStatusSerializer(serializers.Serializer):
    tracking_code = serializers.CharField()
    council = serializers.CharField()
    kind = serializers.ChoiceField(choices=PetitionKind.choices)
    kind_display = serializers.CharField()
    field = serializers.CharField()
    received_on = serializers.DateField()
    status = serializers.ChoiceField(choices=PetitionStatus.choices)
    status_display = serializers.CharField()
    merged = serializers.BooleanField()
    forwardings = PublicForwardingSerializer(many=True)
    feedback_allowed = serializers.BooleanField(help_text=_("Người gửi có thể gửi ý kiến (đã có trả lời)."))


class FeedbackInputSerializer(TrackingQuerySerializer):
    resolved = serializers.BooleanField(help_text=_("Nội dung kiến nghị đã được giải quyết chưa."))
    comment = BoundedCharField(required=False, allow_blank=True, default="", max_length=LONG_TEXT_MAX_LENGTH)


class FeedbackResultSerializer(serializers.Serializer):
    resolved = serializers.BooleanField()
    created_at = serializers.DateTimeField()
