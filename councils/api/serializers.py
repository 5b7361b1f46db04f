"""Serializers of the councils API: shapes only. Rules live in councils.services, scope in the selectors."""

from rest_framework import serializers

from utilities.api.fields import ScopedPrimaryKeyRelatedField
from utilities.api.serializers import BoundedModelSerializer

from ..models import (
    AdministrativeLevel,
    Agency,
    AuditEntry,
    Body,
    Council,
    DayOff,
    Deputy,
    ElectoralUnit,
    Field,
    Membership,
    RoleAssignment,
    Term,
)


class CreateOnlyCouncilMixin:
    """The council and term of a record are chosen when it is created and never moved afterwards."""

    create_only_fields = ("council", "term")

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            for name in self.create_only_fields:
                if name in fields:
                    fields[name].read_only = True
        return fields


class AdministrativeLevelSerializer(BoundedModelSerializer):
    class Meta:
        model = AdministrativeLevel
        fields = ["id", "code", "name", "rank", "valid_from", "valid_to"]


class CouncilSerializer(BoundedModelSerializer):
    level_code = serializers.CharField(source="level.code", read_only=True)
    level_name = serializers.CharField(source="level.name", read_only=True)

    class Meta:
        model = Council
        fields = ["id", "code", "name", "area_name", "level", "level_code", "level_name", "parent", "path",
                  "depth", "valid_from", "valid_to", "email"]
        read_only_fields = fields


class TermSerializer(BoundedModelSerializer):
    class Meta:
        model = Term
        fields = ["id", "name", "start_date", "end_date"]


class ElectoralUnitSerializer(CreateOnlyCouncilMixin, BoundedModelSerializer):
    council = ScopedPrimaryKeyRelatedField(queryset=Council.objects.all())

    class Meta:
        model = ElectoralUnit
        fields = ["id", "council", "term", "number", "name", "area", "seats"]
        # Uniqueness is checked by the service (full_clean), with the model's Vietnamese message.
        validators = []


class BodySerializer(CreateOnlyCouncilMixin, BoundedModelSerializer):
    council = ScopedPrimaryKeyRelatedField(queryset=Council.objects.all())
    electoral_units = ScopedPrimaryKeyRelatedField(queryset=ElectoralUnit.objects.all(), many=True, required=False)

    class Meta:
        model = Body
        fields = ["id", "council", "term", "kind", "committee_type", "name", "electoral_units", "dissolved_on",
                  "created_at", "updated_at"]
        validators = []


class DeputySerializer(CreateOnlyCouncilMixin, BoundedModelSerializer):
    council = ScopedPrimaryKeyRelatedField(queryset=Council.objects.all())
    electoral_unit = ScopedPrimaryKeyRelatedField(queryset=ElectoralUnit.objects.all(), required=False,
                                                  allow_null=True)

    class Meta:
        model = Deputy
        fields = ["id", "council", "term", "full_name", "gender", "birth_date", "is_full_time", "is_party_member",
                  "electoral_unit", "position", "email", "phone", "start_date", "end_date", "created_at",
                  "updated_at"]
        validators = []


class MembershipSerializer(BoundedModelSerializer):
    body = ScopedPrimaryKeyRelatedField(queryset=Body.objects.all())
    deputy = ScopedPrimaryKeyRelatedField(queryset=Deputy.objects.all())
    body_name = serializers.CharField(source="body.name", read_only=True)
    deputy_name = serializers.CharField(source="deputy.full_name", read_only=True)

    class Meta:
        model = Membership
        fields = ["id", "body", "body_name", "deputy", "deputy_name", "role", "start_date", "end_date"]
        validators = []

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            # Moving a seat to another body or person is a new membership, not an edit.
            fields["body"].read_only = True
            fields["deputy"].read_only = True
        return fields


class AgencySerializer(BoundedModelSerializer):
    class Meta:
        model = Agency
        fields = ["id", "name", "short_name", "kind", "council", "parent", "email", "is_active"]


class FieldSerializer(BoundedModelSerializer):
    class Meta:
        model = Field
        fields = ["id", "code", "name", "is_active"]


class DayOffSerializer(BoundedModelSerializer):
    class Meta:
        model = DayOff
        fields = ["id", "council", "date", "reason"]


class RoleAssignmentSerializer(BoundedModelSerializer):
    username = serializers.CharField(source="user.username", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "user", "username", "council", "role", "deputy"]


class AuditEntrySerializer(BoundedModelSerializer):
    model = serializers.SerializerMethodField(help_text="Loại bản ghi, dạng ứng_dụng.model.")
    actor_username = serializers.CharField(source="actor.username", read_only=True, default=None, allow_null=True)

    class Meta:
        model = AuditEntry
        fields = ["id", "model", "object_id", "council", "action", "from_status", "to_status", "note", "changes",
                  "actor", "actor_username", "at", "source"]

    def get_model(self, entry) -> str:
        return f"{entry.content_type.app_label}.{entry.content_type.model}"
