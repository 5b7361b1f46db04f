"""Pages of citizen receptions (tiếp công dân): the list, and a deputy recording their own reception."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utilities import ui

from .. import filtersets, forms, permissions, selectors, services


class ReceptionCreateView(ui.ServiceFormView):
    """Deputies log their own citizen receptions; the service checks who may record whose."""

    title = _("Ghi nhận buổi tiếp công dân")
    form_class = forms.ReceptionForm
    service = staticmethod(services.record_citizen_reception)
    cancel_url_name = "voters:reception_list"
    success_message = _("Đã lưu buổi tiếp công dân.")

    def check_permission(self) -> None:
        if not permissions.can_record_own_work(self.request.user):
            raise PermissionDenied(_("Tài khoản của bạn chỉ có quyền xem."))

    def get_form_kwargs(self):
        return {**super().get_form_kwargs(), "user": self.request.user}

    def success_url(self, obj):
        return reverse("voters:reception_list")


class ReceptionListView(ui.ScopedListView):
    title = _("Tiếp công dân")
    selector = staticmethod(selectors.receptions_for)
    filterset_class = filtersets.CitizenReceptionFilterSet
    filter_fields = ("council", "deputy", "scheduled", "date_after", "date_before")
    create_url_name = "voters:reception_create"
    default_sort = "-date"

    def create_link(self):
        if permissions.can_record_own_work(self.request.user):
            return ui.Link(_("Ghi nhận buổi tiếp"), reverse(self.create_url_name), icon="plus-lg", css="btn-primary")
        return None
    export_filename = "tiep-cong-dan"
    columns = (
        ui.Column(_("Ngày tiếp"), "date", sort="date"),
        ui.Column(_("Đại biểu tiếp"), "deputy", sort="deputy__full_name"),
        ui.Column(_("Địa điểm"), "place"),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Theo lịch"), "scheduled"),
        ui.Column(_("Số lượt công dân"), "people_count", sort="people_count", css="text-end"),
        ui.Column(_("Số đơn nhận"), "letters_total", css="text-end"),
    )
