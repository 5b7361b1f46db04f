"""Bulk actions of the petitions API: ``POST …/petitions/bulk-classify/``, ``bulk-forward/``, ``bulk-report/``,
the list page's bulk work (voters.services.bulk): all-or-nothing, a 400 naming each petition refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework.decorators import action
from rest_framework.response import Response

from .. import services
from . import serializers


class PetitionBulkActions:
    """Mixed into the petitions viewset: its scoped queryset decides which petitions may be named."""

    def _bulk(self, serializer_class, service):
        data = dict(self.action_data(serializer_class))
        ids = data.pop("petitions")
        visible = {p.pk: p for p in self.get_queryset().filter(pk__in=ids)}
        missing = sorted({pk for pk in ids if pk not in visible})
        if missing:
            raise ValidationError({"petitions": _("Không tìm thấy kiến nghị: %(ids)s.")
                                   % {"ids": ", ".join(map(str, missing))}})
        done = service(petitions=[visible[pk] for pk in ids], actor=self.request.user,
                       versions=data.pop("versions", None), **data)
        return Response({"count": len(done), "ids": [p.pk for p in done]})

    @extend_schema(request=serializers.PetitionBulkClassifySerializer,
                   responses=serializers.PetitionBulkResultSerializer,
                   summary="Phân loại hàng loạt (cùng lĩnh vực, cùng cơ quan đề xuất)")
    @action(detail=False, methods=["post"], url_path="bulk-classify", filter_backends=[], pagination_class=None)
    def bulk_classify(self, request):
        return self._bulk(serializers.PetitionBulkClassifySerializer, services.bulk_classify_petitions)

    @extend_schema(request=serializers.PetitionBulkForwardSerializer,
                   responses=serializers.PetitionBulkResultSerializer,
                   summary="Chuyển hàng loạt theo một công văn")
    @action(detail=False, methods=["post"], url_path="bulk-forward", filter_backends=[], pagination_class=None)
    def bulk_forward(self, request):
        return self._bulk(serializers.PetitionBulkForwardSerializer, services.bulk_forward_petitions)

    @extend_schema(request=serializers.PetitionBulkReportSerializer,
                   responses=serializers.PetitionBulkResultSerializer,
                   summary="Báo cáo cử tri hàng loạt tại một kỳ họp")
    @action(detail=False, methods=["post"], url_path="bulk-report", filter_backends=[], pagination_class=None)
    def bulk_report(self, request):
        return self._bulk(serializers.PetitionBulkReportSerializer, services.bulk_report_to_voters)
