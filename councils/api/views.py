"""API v1 of the councils app: the council tree, its terms, bodies, deputies and catalogues.

Reads come from councils.selectors (scoped to the caller); writes go through councils.services, the
same functions the pages use. Secretariat staff write their own council's records, administrators
their subtree; party viewers and deputies read.
"""


from .. import filtersets, selectors, services
from . import serializers
from .viewsets import ScopedModelViewSet, ScopedReadOnlyViewSet

_WRITE_METHODS = ["get", "post", "patch", "head", "options"]


class AdministrativeLevelViewSet(ScopedReadOnlyViewSet):
    """Cấp hành chính (province, district, commune)."""

    selector = selectors.levels_for
    serializer_class = serializers.AdministrativeLevelSerializer
    filterset_class = filtersets.AdministrativeLevelFilterSet
    ordering_fields = ["rank", "code", "name"]
    search_fields = ["code", "name"]


class CouncilViewSet(ScopedReadOnlyViewSet):
    """Hội đồng nhân dân the caller sees: their councils and every council below them."""

    selector = selectors.councils_for
    serializer_class = serializers.CouncilSerializer
    filterset_class = filtersets.CouncilFilterSet
    ordering_fields = ["path", "code", "name", "depth"]
    ordering = ["path"]
    search_fields = ["name", "area_name", "code"]


class TermViewSet(ScopedReadOnlyViewSet):
    """Nhiệm kỳ."""

    selector = selectors.terms_for
    serializer_class = serializers.TermSerializer
    filterset_class = filtersets.TermFilterSet
    ordering_fields = ["start_date", "name"]
    search_fields = ["name"]


class ElectoralUnitViewSet(ScopedModelViewSet):
    """Đơn vị bầu cử."""

    http_method_names = _WRITE_METHODS
    selector = selectors.electoral_units_for
    serializer_class = serializers.ElectoralUnitSerializer
    filterset_class = filtersets.ElectoralUnitFilterSet
    ordering_fields = ["number", "name", "council__path"]
    search_fields = ["name", "area"]

    def perform_create(self, serializer):
        self.ensure_can_manage(serializer.validated_data["council"])
        serializer.instance = services.create_electoral_unit(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_electoral_unit(
            unit=serializer.instance, data=serializer.validated_data, actor=self.request.user
        )


def _bodies_for(user):
    return selectors.bodies_for(user).prefetch_related("electoral_units")


class BodyViewSet(ScopedModelViewSet):
    """Cơ quan của HĐND: standing board, committees, deputy groups, office."""

    http_method_names = _WRITE_METHODS
    selector = _bodies_for
    serializer_class = serializers.BodySerializer
    filterset_class = filtersets.BodyFilterSet
    ordering_fields = ["name", "kind", "council__path", "created_at"]
    search_fields = ["name"]

    def perform_create(self, serializer):
        self.ensure_can_manage(serializer.validated_data["council"])
        serializer.instance = services.create_body(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_body(
            body=serializer.instance, data=serializer.validated_data, actor=self.request.user
        )


class DeputyViewSet(ScopedModelViewSet):
    """Đại biểu HĐND."""

    http_method_names = _WRITE_METHODS
    selector = selectors.deputies_for
    serializer_class = serializers.DeputySerializer
    filterset_class = filtersets.DeputyFilterSet
    ordering_fields = ["full_name", "birth_date", "start_date", "council__path"]
    search_fields = ["full_name", "position", "email", "phone"]

    def perform_create(self, serializer):
        self.ensure_can_manage(serializer.validated_data["council"])
        serializer.instance = services.create_deputy(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_deputy(
            deputy=serializer.instance, data=serializer.validated_data, actor=self.request.user
        )


class MembershipViewSet(ScopedModelViewSet):
    """Thành viên cơ quan, theo thời gian."""

    http_method_names = _WRITE_METHODS
    selector = selectors.memberships_for
    serializer_class = serializers.MembershipSerializer
    filterset_class = filtersets.MembershipFilterSet
    ordering_fields = ["start_date", "end_date", "role", "deputy__full_name"]
    search_fields = ["deputy__full_name", "body__name"]

    def perform_create(self, serializer):
        self.ensure_can_manage(serializer.validated_data["body"].council)
        serializer.instance = services.create_membership(actor=self.request.user, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.update_membership(
            membership=serializer.instance, data=serializer.validated_data, actor=self.request.user
        )


class AgencyViewSet(ScopedReadOnlyViewSet):
    """Cơ quan có thẩm quyền: central ones, and those of the caller's councils and the councils above."""

    selector = selectors.agencies_for
    serializer_class = serializers.AgencySerializer
    filterset_class = filtersets.AgencyFilterSet
    ordering_fields = ["name", "short_name", "kind"]
    search_fields = ["name", "short_name"]


class FieldViewSet(ScopedReadOnlyViewSet):
    """Lĩnh vực."""

    selector = selectors.fields_for
    serializer_class = serializers.FieldSerializer
    filterset_class = filtersets.FieldFilterSet
    ordering_fields = ["name", "code"]
    search_fields = ["name", "code"]


class DayOffViewSet(ScopedReadOnlyViewSet):
    """Ngày nghỉ bổ sung: those of the caller's councils and those declared for every council."""

    selector = selectors.days_off_for
    serializer_class = serializers.DayOffSerializer
    filterset_class = filtersets.DayOffFilterSet
    ordering_fields = ["date"]
    search_fields = ["reason"]


class RoleAssignmentViewSet(ScopedReadOnlyViewSet):
    """Phân quyền: one's own roles; administrators also those given in their subtree."""

    selector = selectors.role_assignments_for
    serializer_class = serializers.RoleAssignmentSerializer
    filterset_class = filtersets.RoleAssignmentFilterSet
    ordering_fields = ["role", "council__path", "user__username"]
    search_fields = ["user__username"]


class AuditEntryViewSet(ScopedReadOnlyViewSet):
    """Nhật ký thay đổi of the caller's councils, for secretariat staff and administrators."""

    selector = selectors.audit_entries_for
    serializer_class = serializers.AuditEntrySerializer
    filterset_class = filtersets.AuditEntryFilterSet
    ordering_fields = ["at", "action"]
    search_fields = ["action", "note"]
