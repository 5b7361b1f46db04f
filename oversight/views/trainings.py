"""Pages of deputies' trainings (with their attendance) and of thematic briefings."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from utilities import ui

from .. import filtersets, forms, selectors, services


class TrainingListView(ui.ScopedListView):
    title = _("Tập huấn, bồi dưỡng")
    selector = staticmethod(selectors.trainings_for)
    filterset_class = filtersets.TrainingFilterSet
    filter_fields = ("subtree_of", "year", "date_from", "date_to")
    detail_url_name = "oversight:training_detail"
    create_url_name = "oversight:training_create"
    default_sort = "-start_date"
    export_filename = "tap-huan"
    columns = (
        ui.Column(_("Tên lớp"), "title", sort="title", link=True),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Từ ngày"), "start_date", sort="start_date"),
        ui.Column(_("Đến ngày"), "end_date"),
        ui.Column(_("Đơn vị tổ chức"), "organizer"),
        ui.Column(_("Số đại biểu dự"), "attended_count", sort="attended_count", css="text-end"),
    )


class TrainingDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.trainings_for)
    list_url_name = "oversight:training_list"
    list_title = _("Tập huấn, bồi dưỡng")
    fields = TrainingListView.columns[1:5] + (ui.Column(_("Địa điểm"), "place"),)

    def sections(self, training):
        attendances = selectors.attendances_for(self.request.user).filter(training=training).order_by("deputy__full_name")
        return [ui.Section(_("Điểm danh"), (
            ui.Column(_("Đại biểu"), "deputy"), ui.Column(_("Có mặt"), "attended"), ui.Column(_("Ghi chú"), "note"),
        ), list(attendances))]


class TrainingCreateView(ui.ServiceFormView):
    title = _("Thêm lớp tập huấn")
    form_class = forms.TrainingForm
    service = staticmethod(services.create_training)
    detail_url_name = "oversight:training_detail"
    cancel_url_name = "oversight:training_list"
    success_message = _("Đã lưu lớp tập huấn.")


class BriefingListView(ui.ScopedListView):
    title = _("Giao ban chuyên đề")
    selector = staticmethod(selectors.briefings_for)
    filterset_class = filtersets.BriefingFilterSet
    filter_fields = ("subtree_of", "year", "date_from", "date_to")
    detail_url_name = "oversight:briefing_detail"
    default_sort = "-date"
    export_filename = "giao-ban"
    columns = (
        ui.Column(_("Chủ đề"), "topic", sort="topic", link=True),
        ui.Column(_("HĐND chủ trì"), "council.name", sort="council__path"),
        ui.Column(_("Ngày"), "date", sort="date"),
        ui.Column(_("Địa điểm"), "place"),
        ui.Column(_("HĐND tham dự"), lambda b: "; ".join(c.name for c in b.participating_councils.all())),
    )


class BriefingDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.briefings_for)
    list_url_name = "oversight:briefing_list"
    list_title = _("Giao ban chuyên đề")
    fields = BriefingListView.columns[1:] + (ui.Column(_("Kết quả"), "summary"),)
