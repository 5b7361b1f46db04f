"""API v1 of the compliance app: rules, results with their evidence, runs and the roll-up.

Everything is read-only except asking for a run of one's own council (secretariat, administrator), which
goes through ``compliance.services.request_run``.
"""

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.permissions import IsAuthenticated
from rest_framework.response import Response

from councils import selectors as council_selectors
from councils.api.viewsets import ScopedReadOnlyViewSet, ScopedViewSetMixin
from utilities.api.fields import PlausibleDateField
from utilities.api.viewsets import ThrottleFirstMixin

from .. import filtersets, selectors, services
from .. import permissions as compliance_permissions
from ..choices import PeriodKind
from ..scorecard import SCORECARD_PERIODS, SORT_KEYS, scorecard_for
from . import serializers as s


class RuleViewSet(ThrottleFirstMixin, viewsets.ReadOnlyModelViewSet):
    """Chỉ tiêu: the rules every council is measured against."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.RuleSerializer
    filterset_class = filtersets.RuleFilterSet
    ordering_fields = ["code", "order"]
    ordering = ["ruleset__code", "order", "code", "revision"]

    def get_queryset(self):
        return selectors.rules_for(self.request.user)


class ResultViewSet(ScopedReadOnlyViewSet):
    """Kết quả chỉ tiêu of the caller's councils; another council's result is a 404."""

    selector = selectors.results_for
    serializer_class = s.ResultSerializer
    filterset_class = filtersets.ResultFilterSet
    ordering_fields = ["period_start", "status", "value", "council__path", "rule__code"]

    @extend_schema(responses=s.EvidenceSerializer(many=True),
                   description="Minh chứng: exactly the records the result counted (for a share, its denominator "
                               "with `counted` marking the numerator).")
    @action(detail=True, methods=["get"], filterset_class=None, ordering_fields=None)
    def evidence(self, request, pk=None):
        result = self.get_object()
        page = self.paginate_queryset(selectors.evidence_for(request.user, result))
        return self.get_paginated_response(s.EvidenceSerializer(page, many=True).data)


class EvaluationRunViewSet(ScopedViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                           mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Lượt tính chỉ tiêu. POST asks for the caller's council to be evaluated now (queued)."""

    selector = selectors.runs_for
    serializer_class = s.EvaluationRunSerializer
    filterset_class = filtersets.EvaluationRunFilterSet
    ordering_fields = ["started_at", "as_of"]

    @extend_schema(request=s.RunRequestSerializer, responses={202: s.RunQueuedSerializer})
    def create(self, request, *args, **kwargs):
        data = s.RunRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        council = council_selectors.council_for(request.user, data.validated_data["council"])
        queued = services.request_run(user=request.user, council=council)
        return Response({"council": council.pk, "queued": queued}, status=status.HTTP_202_ACCEPTED)


class RollupViewSet(ThrottleFirstMixin, viewsets.GenericViewSet):
    """Tổng hợp: per rule, the status counts of a council and its subtree, and the compliance percentage."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.RollupSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter("council", OpenApiTypes.INT, required=True, description="Mã (id) HĐND."),
            OpenApiParameter("as_of", OpenApiTypes.DATE, description="Kỳ chứa ngày này (mặc định: mới nhất)."),
        ],
        responses=s.RollupSerializer,
    )
    def list(self, request):
        params = _RollupParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        council = council_selectors.council_for(request.user, params.validated_data["council"])
        data = selectors.rollup(request.user, council, as_of=params.validated_data.get("as_of"))
        return Response(s.RollupSerializer(data).data)


class _RollupParams(serializers.Serializer):
    council = serializers.IntegerField(error_messages={"required": _("Hãy chọn HĐND.")})
    as_of = PlausibleDateField(required=False)


class AgencyScorecardViewSet(ThrottleFirstMixin, viewsets.GenericViewSet):
    """Theo dõi cơ quan: per agency addressed by the forwardings of a council and those below it, over a period,
    the forwardings received, answered, answered on time, the median working days to answer, overdue now,
    answers returned and petitions reopened after voters' feedback (the figures of the scorecard page)."""

    permission_classes = [IsAuthenticated]
    serializer_class = s.AgencyScorecardSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(
        parameters=[
            OpenApiParameter("council", OpenApiTypes.INT, description="Mã (id) HĐND (mặc định: HĐND của bạn)."),
            OpenApiParameter("period", OpenApiTypes.STR, enum=list(SCORECARD_PERIODS),
                             description="Loại kỳ (mặc định: năm)."),
            OpenApiParameter("start", OpenApiTypes.DATE, description="Một ngày của kỳ (mặc định: hôm nay)."),
            OpenApiParameter("sort", OpenApiTypes.STR, enum=[*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)],
                             description="Sắp xếp theo cột (dấu - để giảm dần)."),
        ],
        responses=s.AgencyScorecardSerializer,
    )
    def list(self, request):
        params = _ScorecardParams(data=request.query_params)
        params.is_valid(raise_exception=True)
        data = params.validated_data
        if data.get("council") is not None:
            council = council_selectors.council_for(request.user, data["council"])
        else:
            council = council_selectors.primary_council(request.user)
            if council is None:
                raise serializers.ValidationError({"council": [_("Hãy chọn HĐND.")]})
        compliance_permissions.require_read_scorecard(request.user, council)
        result = scorecard_for(request.user, council, kind=data.get("period", PeriodKind.YEAR),
                               day=data.get("start"), sort=data.get("sort", "name"))
        return Response(s.AgencyScorecardSerializer(result).data)


class _ScorecardParams(serializers.Serializer):
    council = serializers.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    period = serializers.ChoiceField(choices=list(SCORECARD_PERIODS), required=False)
    start = PlausibleDateField(required=False)
    sort = serializers.ChoiceField(choices=[*SORT_KEYS, *(f"-{key}" for key in SORT_KEYS)], required=False)
