"""Serializers of the oversight API: shapes only. Rules live in oversight.services, scope in the selectors."""

from __future__ import annotations

import os

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from councils.api.fields import AgencyField
from councils.models import Body, Council, Deputy, Field, RoleAssignment, Session
from utilities.api.fields import BoundedCharField, CreateOnlyMixin, PlausibleDateField, scoped
from utilities.api.serializers import BoundedModelSerializer

from ..choices import DocumentKind, FollowUpStatus, ParticipantRole
from ..models import (
    ActivityDocument,
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Participant,
    Question,
    Recommendation,
    Training,
    TrainingAttendance,
    WorkItem,
)


class ColleagueField(serializers.PrimaryKeyRelatedField):
    """A user who holds a role in one of the caller's councils (an assignee of a work item)."""

    def get_queryset(self):
        request = self.context.get("request")
        roles = RoleAssignment.objects.for_user(getattr(request, "user", None))
        return get_user_model().objects.filter(council_roles__in=roles).distinct()


# ---------------------------------------------------------------------------------------------------------


class ProgrammeSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council",)
    council = scoped(Council)
    council_name = serializers.CharField(source="council.name", read_only=True)
    activities_count = serializers.IntegerField(read_only=True)

    class Meta:
        model = OversightProgramme
        fields = ["id", "council", "council_name", "year", "title", "decision_number", "approved_on",
                  "activities_count"]


class ParticipantSerializer(BoundedModelSerializer):
    deputy = scoped(Deputy)
    deputy_name = serializers.CharField(source="deputy.full_name", read_only=True)
    role = serializers.ChoiceField(choices=ParticipantRole.choices, default=ParticipantRole.MEMBER)
    role_label = serializers.CharField(source="get_role_display", read_only=True)

    class Meta:
        model = Participant
        fields = ["id", "deputy", "deputy_name", "role", "role_label"]


class ActivitySerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council",)
    council = scoped(Council)
    council_name = serializers.CharField(source="council.name", read_only=True)
    body = scoped(Body, required=False, allow_null=True)
    body_name = serializers.CharField(source="body.name", read_only=True, default=None, allow_null=True)
    deputy = scoped(Deputy, required=False, allow_null=True)
    deputy_name = serializers.CharField(source="deputy.full_name", read_only=True, default=None, allow_null=True)
    programme = scoped(OversightProgramme, required=False, allow_null=True)
    session = scoped(Session, required=False, allow_null=True)
    field = serializers.PrimaryKeyRelatedField(queryset=Field.objects.all(), required=False, allow_null=True)
    subject_agencies = AgencyField(many=True, required=False)
    kind_label = serializers.CharField(source="get_kind_display", read_only=True)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    participants = ParticipantSerializer(source="participations", many=True, read_only=True)

    class Meta:
        model = OversightActivity
        fields = ["id", "council", "council_name", "body", "body_name", "deputy", "deputy_name", "programme",
                  "kind", "kind_label", "title", "field", "session", "subject_agencies", "planned_start",
                  "planned_end", "actual_start", "actual_end", "status", "status_label", "conclusion",
                  "conclusion_date", "participants", "created_at"]
        read_only_fields = ["actual_start", "actual_end", "status", "conclusion", "conclusion_date", "created_at"]


class DocumentSerializer(BoundedModelSerializer):
    activity = scoped(OversightActivity)
    kind = serializers.ChoiceField(choices=DocumentKind.choices, default=DocumentKind.REPORT)
    title = BoundedCharField(required=False, allow_blank=True, max_length=255)
    file = serializers.FileField(write_only=True)
    file_name = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()
    uploaded_by_name = serializers.CharField(source="uploaded_by.get_username", read_only=True, default=None,
                                             allow_null=True)

    class Meta:
        model = ActivityDocument
        fields = ["id", "activity", "kind", "title", "file", "file_name", "download_url", "uploaded_by_name",
                  "created_at"]

    def get_file_name(self, obj) -> str:
        return os.path.basename(obj.file.name)

    def get_download_url(self, obj) -> str:
        return reverse("oversight-document-download", args=[obj.pk])


class _FollowUpSerializer(BoundedModelSerializer):
    agency = AgencyField()
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    due_date = PlausibleDateField(required=True, allow_null=True)
    followers = scoped(Deputy, many=True, required=False)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True, default=False)

    common_fields = ["agency", "agency_name", "content", "due_date", "status", "status_label", "result", "evidence",
                     "completed_on", "followers", "is_overdue", "created_at"]
    common_read_only = ["status", "result", "evidence", "completed_on", "created_at"]


class RecommendationSerializer(CreateOnlyMixin, _FollowUpSerializer):
    create_only_fields = ("activity",)
    activity = scoped(OversightActivity)
    activity_title = serializers.CharField(source="activity.title", read_only=True)
    council = serializers.IntegerField(source="activity.council_id", read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "activity", "activity_title", "council", *_FollowUpSerializer.common_fields]
        read_only_fields = _FollowUpSerializer.common_read_only


class QuestionSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("activity",)
    activity = scoped(OversightActivity)
    asked_by = scoped(Deputy)
    asked_by_name = serializers.CharField(source="asked_by.full_name", read_only=True)
    answering_agency = AgencyField()
    answering_agency_name = serializers.CharField(source="answering_agency.name", read_only=True)
    commitments_count = serializers.IntegerField(read_only=True, default=0)

    class Meta:
        model = Question
        fields = ["id", "activity", "asked_by", "asked_by_name", "answering_agency", "answering_agency_name",
                  "answering_official", "question", "answer", "answered_on", "commitments_count", "created_at"]
        read_only_fields = ["created_at"]


class CommitmentSerializer(CreateOnlyMixin, _FollowUpSerializer):
    create_only_fields = ("question",)
    question = scoped(Question)
    question_text = serializers.CharField(source="question.question", read_only=True)
    asked_by_name = serializers.CharField(source="question.asked_by.full_name", read_only=True)

    class Meta:
        model = Commitment
        fields = ["id", "question", "question_text", "asked_by_name", *_FollowUpSerializer.common_fields]
        read_only_fields = _FollowUpSerializer.common_read_only


class WorkItemSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council",)
    council = scoped(Council)
    council_name = serializers.CharField(source="council.name", read_only=True)
    # The five "rõ" are checked by the service, which names the one that is missing.
    title = BoundedCharField(required=False, allow_blank=True, max_length=500)
    lead = BoundedCharField(required=False, allow_blank=True, max_length=200)
    deliverable = BoundedCharField(required=False, allow_blank=True, max_length=500)
    due_date = PlausibleDateField(required=False, allow_null=True)
    responsible_body = scoped(Body, required=False, allow_null=True)
    responsible_body_name = serializers.CharField(source="responsible_body.name", read_only=True)
    year = serializers.IntegerField(required=False, min_value=2000, max_value=2100)
    assignee_deputies = scoped(Deputy, many=True, required=False)
    assignee_users = ColleagueField(many=True, required=False)
    status_label = serializers.CharField(source="get_status_display", read_only=True)
    origin_label = serializers.CharField(source="get_origin_display", read_only=True)
    is_overdue = serializers.BooleanField(read_only=True, default=False)

    class Meta:
        model = WorkItem
        fields = ["id", "council", "council_name", "year", "origin", "origin_label", "title", "lead",
                  "responsible_body", "responsible_body_name", "due_date", "deliverable", "assignee_deputies",
                  "assignee_users", "status", "status_label", "progress_note", "done_on", "is_overdue", "created_at"]
        read_only_fields = ["status", "progress_note", "done_on", "created_at"]


class TrainingSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council",)
    council = scoped(Council)
    attended_count = serializers.IntegerField(read_only=True, default=0)
    end_date = PlausibleDateField(required=False)

    class Meta:
        model = Training
        fields = ["id", "council", "title", "organizer", "start_date", "end_date", "place", "attended_count"]


class AttendanceSerializer(BoundedModelSerializer):
    deputy_name = serializers.CharField(source="deputy.full_name", read_only=True)

    class Meta:
        model = TrainingAttendance
        fields = ["id", "deputy", "deputy_name", "attended", "note"]


class BriefingSerializer(CreateOnlyMixin, BoundedModelSerializer):
    create_only_fields = ("council",)
    council = scoped(Council)
    council_name = serializers.CharField(source="council.name", read_only=True)
    participating_councils = scoped(Council, many=True, required=False)

    class Meta:
        model = Briefing
        fields = ["id", "council", "council_name", "topic", "date", "place", "participating_councils", "summary"]


# ---------------------------------------------------------------------------------------------------------
# Bodies of the action endpoints


class NoteSerializer(serializers.Serializer):
    note = BoundedCharField(required=False, allow_blank=True, default="", label=_("ghi chú"))


class StartActivitySerializer(NoteSerializer):
    started_on = PlausibleDateField(required=False, allow_null=True, default=None)


class ConcludeActivitySerializer(NoteSerializer):
    conclusion = BoundedCharField(required=False, allow_blank=True, default="")
    conclusion_date = PlausibleDateField(required=False, allow_null=True, default=None)
    ended_on = PlausibleDateField(required=False, allow_null=True, default=None)


class RecheckSerializer(serializers.Serializer):
    recommendations = scoped(Recommendation, many=True)


class FollowUpStatusSerializer(NoteSerializer):
    status = serializers.ChoiceField(choices=FollowUpStatus.choices)
    evidence = BoundedCharField(required=False, allow_blank=True, default="")
    result = BoundedCharField(required=False, allow_blank=True, default="")
    completed_on = PlausibleDateField(required=False, allow_null=True, default=None)


class CompleteWorkItemSerializer(NoteSerializer):
    done_on = PlausibleDateField(required=False, allow_null=True, default=None)


class ProgressSerializer(serializers.Serializer):
    progress_note = BoundedCharField(allow_blank=True)


class MarkAttendanceSerializer(serializers.Serializer):
    present = scoped(Deputy, many=True, required=False)
    absent = scoped(Deputy, many=True, required=False)


class _RateRowSerializer(serializers.Serializer):
    council_id = serializers.IntegerField()
    council_name = serializers.CharField()
    body_id = serializers.IntegerField(allow_null=True, required=False)
    body_name = serializers.CharField(allow_null=True, required=False)
    total = serializers.IntegerField()
    due = serializers.IntegerField()
    overdue = serializers.IntegerField()
    rate = serializers.FloatField(allow_null=True, help_text="Tỷ lệ %, một chữ số thập phân; trống khi chưa có gì đến hạn.")


class RecommendationRateSerializer(_RateRowSerializer):
    implemented = serializers.IntegerField()


class WorkItemRateSerializer(_RateRowSerializer):
    year = serializers.IntegerField()
    done = serializers.IntegerField()
    on_time = serializers.IntegerField()
