"""Serializers of the notifications API."""

from rest_framework import serializers

from utilities.api.serializers import BoundedModelSerializer

from ..choices import EmailMode
from ..models import EmailPreference, Notification


class NotificationSerializer(BoundedModelSerializer):
    target_type = serializers.SerializerMethodField()
    is_read = serializers.BooleanField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "kind", "title", "body", "url", "council", "target_type", "object_id", "created_at",
                  "read_at", "is_read", "emailed_at"]
        read_only_fields = fields

    def get_target_type(self, obj) -> str:
        """app_label.model of the record, or "" for none."""
        return f"{obj.content_type.app_label}.{obj.content_type.model}" if obj.content_type_id else ""


class MarkedSerializer(serializers.Serializer):
    marked = serializers.IntegerField(read_only=True, help_text="Số thông báo vừa được đánh dấu đã đọc.")


class EmailPreferenceSerializer(BoundedModelSerializer):
    mode = serializers.ChoiceField(choices=EmailMode.choices)

    class Meta:
        model = EmailPreference
        fields = ["mode", "version"]
        read_only_fields = ["version"]
