"""Serializers of the compliance API: shapes only, no logic."""

from django.utils.text import capfirst
from drf_spectacular.utils import extend_schema_serializer
from rest_framework import serializers

from utilities.api.serializers import BoundedModelSerializer

from ..models import EvaluationRun, Evidence, Result, Rule


class RuleSerializer(BoundedModelSerializer):
    ruleset_code = serializers.CharField(source="ruleset.code", read_only=True)
    ruleset_name = serializers.CharField(source="ruleset.name", read_only=True)
    levels = serializers.SlugRelatedField(slug_field="code", many=True, read_only=True)
    council_code = serializers.CharField(source="council.code", read_only=True, default=None)
    scope_council_code = serializers.CharField(source="ruleset.council.code", read_only=True, default=None)

    class Meta:
        model = Rule
        fields = ["id", "code", "title", "description", "ruleset_code", "ruleset_name", "legal_document",
                  "legal_article", "levels", "scope_council_code", "council_code", "subject_type", "committee_type",
                  "metric", "params", "period", "period_days", "comparison", "threshold", "obligation",
                  "valid_from", "valid_to", "is_active", "revision", "previous"]


class ResultSerializer(BoundedModelSerializer):
    rule_code = serializers.CharField(source="rule.code", read_only=True)
    rule_title = serializers.CharField(source="rule.title", read_only=True)
    council_name = serializers.CharField(source="council.name", read_only=True)
    status_display = serializers.CharField(source="get_status_display", read_only=True)

    class Meta:
        model = Result
        fields = ["id", "run", "rule", "rule_code", "rule_title", "council", "council_name", "subject_type",
                  "subject_id", "subject_name", "as_of", "period_start", "period_end", "period_label", "value",
                  "numerator", "denominator", "target", "expected", "status", "status_display", "reason"]


class EvidenceSerializer(BoundedModelSerializer):
    model = serializers.SerializerMethodField()

    class Meta:
        model = Evidence
        fields = ["id", "model", "object_id", "counted", "label", "date"]

    def get_model(self, obj) -> str:
        return f"{obj.content_type.app_label}.{obj.content_type.model}"


class EvaluationRunSerializer(BoundedModelSerializer):
    council_code = serializers.CharField(source="council.code", read_only=True, default=None)
    # From ``selectors.runs_for``, which withholds a run of every council's figures from a scoped user.
    counts = serializers.JSONField(source="shown_counts", read_only=True, allow_null=True,
                                   label=capfirst(EvaluationRun._meta.get_field("counts").verbose_name),
                                   help_text="Null với lượt tính mọi HĐND nếu người dùng không xem được mọi HĐND.")
    error = serializers.CharField(source="shown_error", read_only=True,
                                  label=capfirst(EvaluationRun._meta.get_field("error").verbose_name))

    class Meta:
        model = EvaluationRun
        fields = ["id", "as_of", "council", "council_code", "include_subtree", "status", "started_at", "finished_at",
                  "counts", "query_count", "trigger", "error"]


class RunRequestSerializer(serializers.Serializer):
    council = serializers.IntegerField(help_text="Mã (id) HĐND cần tính lại.")


class RunQueuedSerializer(serializers.Serializer):
    council = serializers.IntegerField()
    queued = serializers.BooleanField(help_text="False nếu đã có một lượt tính của HĐND này đang chờ.")


class StatusCountsSerializer(serializers.Serializer):
    met = serializers.IntegerField()
    on_track = serializers.IntegerField()
    at_risk = serializers.IntegerField()
    missed = serializers.IntegerField()
    not_applicable = serializers.IntegerField()
    total = serializers.IntegerField()
    compliance = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)


class RollupRuleSerializer(StatusCountsSerializer):
    rule_id = serializers.IntegerField()
    code = serializers.CharField()
    title = serializers.CharField()
    ruleset = serializers.CharField()
    obligation = serializers.CharField()
    subject_type = serializers.CharField()
    comparison = serializers.CharField()
    threshold = serializers.DecimalField(max_digits=7, decimal_places=2)
    period_label = serializers.CharField()


# The roll-up is the list route of its viewset but answers one object, not an array of them.
@extend_schema_serializer(many=False)
class RollupSerializer(serializers.Serializer):
    council = serializers.IntegerField(source="council.pk")
    council_name = serializers.CharField(source="council.name")
    as_of = serializers.DateField(allow_null=True)
    rules = RollupRuleSerializer(many=True)
    overall = StatusCountsSerializer()




class AgencyFiguresSerializer(serializers.Serializer):
    agency = serializers.IntegerField(source="agency_id", allow_null=True, help_text="Mã (id) cơ quan; null ở dòng tổng.")
    name = serializers.CharField()
    received = serializers.IntegerField(help_text="Số kiến nghị cơ quan nhận trong kỳ.")
    answered = serializers.IntegerField()
    on_time = serializers.IntegerField()
    due = serializers.IntegerField(help_text="Đã trả lời hoặc đang quá hạn: mẫu số của tỷ lệ đúng hạn.")
    on_time_rate = serializers.DecimalField(max_digits=5, decimal_places=1, allow_null=True)
    median_working_days = serializers.DecimalField(source="median_days", max_digits=7, decimal_places=1,
                                                   allow_null=True)
    overdue = serializers.IntegerField()
    returned = serializers.IntegerField(help_text="Số lần câu trả lời bị trả lại (dòng nhật ký).")
    reopened = serializers.IntegerField(help_text="Số kiến nghị mở lại sau ý kiến cử tri chưa đồng ý.")


class ScorecardPeriodSerializer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    label = serializers.CharField()


@extend_schema_serializer(many=False)
class AgencyScorecardSerializer(serializers.Serializer):
    council = serializers.IntegerField(source="council.pk")
    council_name = serializers.CharField(source="council.name")
    period_kind = serializers.CharField(source="kind")
    period = ScorecardPeriodSerializer()
    as_of = serializers.DateField()
    agencies = AgencyFiguresSerializer(source="rows", many=True)
    total = AgencyFiguresSerializer()
