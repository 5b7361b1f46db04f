"""Pages of the "5 rõ" work programme: the list, an item with its workflow buttons, creating, editing,
starting, completing, cancelling an item and reporting its progress."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from utilities import ui

from .. import filtersets, forms, permissions, selectors, services


class WorkItemListView(ui.ScopedListView):
    title = _("Chương trình công tác")
    selector = staticmethod(selectors.work_items_for)
    filterset_class = filtersets.WorkItemFilterSet
    filter_fields = ("q", "subtree_of", "year", "status", "origin", "overdue")
    detail_url_name = "oversight:workitem_detail"
    create_url_name = "oversight:workitem_create"
    default_sort = "due_date"
    export_filename = "chuong-trinh-cong-tac"
    columns = (
        ui.Column(_("Rõ việc"), "title", sort="title", link=True),
        ui.Column(_("Rõ người"), "lead", sort="lead"),
        ui.Column(_("Rõ trách nhiệm"), "responsible_body.name", sort="responsible_body__name"),
        ui.Column(_("Rõ thời gian"), "due_date", sort="due_date"),
        ui.Column(_("Rõ kết quả"), "deliverable"),
        ui.Column(_("Trạng thái"), "status", sort="status"),
        ui.Column(_("Quá hạn"), lambda w: _("Quá hạn") if w.is_overdue else "", css="text-danger"),
    )


class WorkItemDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.work_items_for)
    list_url_name = "oversight:workitem_list"
    list_title = _("Chương trình công tác")
    fields = (
        ui.Column(_("Rõ việc: nội dung công việc"), "title"),
        ui.Column(_("Rõ người: người chủ trì"), "lead"),
        ui.Column(_("Rõ trách nhiệm: cơ quan chịu trách nhiệm"), "responsible_body.name"),
        ui.Column(_("Rõ thời gian: thời hạn"), "due_date"),
        ui.Column(_("Rõ kết quả: sản phẩm"), "deliverable"),
        ui.Column(_("HĐND"), "council.name"),
        ui.Column(_("Năm"), "year"),
        ui.Column(_("Nguồn"), "origin"),
        ui.Column(_("Trạng thái"), "status"),
        ui.Column(_("Tiến độ"), "progress_note"),
        ui.Column(_("Ngày hoàn thành"), "done_on"),
        ui.Column(_("Đại biểu được giao"), lambda w: "; ".join(str(d) for d in w.assignee_deputies.all())),
    )

    def actions(self, item):
        user, links = self.request.user, []
        if permissions.can_start_work_item(user, item):
            links.append(ui.Link(_("Bắt đầu thực hiện"), reverse("oversight:workitem_start", args=[item.pk]),
                                 icon="play", method="post", css="btn-primary"))
        if permissions.can_complete_work_item(user, item):
            links.append(ui.Link(_("Hoàn thành"), reverse("oversight:workitem_complete", args=[item.pk]),
                                 icon="check2-square", css="btn-primary"))
        if permissions.can_report_work_item_progress(user, item):
            links.append(ui.Link(_("Cập nhật tiến độ"), reverse("oversight:workitem_progress", args=[item.pk]),
                                 icon="pencil"))
        if permissions.can_edit_work_item(user, item) and item.status in permissions.WORK_ITEM_OPEN:
            links.append(ui.edit_link("oversight:workitem_edit", item))
        if permissions.can_cancel_work_item(user, item):
            links.append(ui.Link(pgettext("action", "Hủy"), reverse("oversight:workitem_cancel", args=[item.pk]), icon="x-lg",
                                 method="post", css="btn-outline-danger", confirm=_("Hủy công việc này?")))
        return links


class WorkItemCreateView(ui.ServiceFormView):
    title = _("Thêm nội dung chương trình công tác (5 rõ)")
    form_class = forms.WorkItemForm
    service = staticmethod(services.create_work_item)
    detail_url_name = "oversight:workitem_detail"
    cancel_url_name = "oversight:workitem_list"
    success_message = _("Đã lưu nội dung công việc.")


class WorkItemEditView(ui.ObjectEditView):
    title = _("Sửa nội dung công việc")
    form_class = forms.WorkItemEditForm
    selector = staticmethod(selectors.work_items_for)
    service = staticmethod(services.update_work_item)
    object_kwarg = "item"
    detail_url_name = "oversight:workitem_detail"


class WorkItemStartView(ui.ServiceActionView):
    selector = staticmethod(selectors.work_items_for)
    service = staticmethod(services.start_work_item)
    object_kwarg = "item"
    detail_url_name = "oversight:workitem_detail"
    success_message = _("Đã bắt đầu thực hiện.")


class WorkItemCancelView(WorkItemStartView):
    service = staticmethod(services.cancel_work_item)
    success_message = _("Đã hủy công việc.")


class WorkItemCompleteView(ui.ObjectFormView):
    title = _("Hoàn thành công việc")
    form_class = forms.CompleteWorkItemForm
    selector = staticmethod(selectors.work_items_for)
    service = staticmethod(services.complete_work_item)
    object_kwarg = "item"
    detail_url_name = "oversight:workitem_detail"
    success_message = _("Đã ghi nhận hoàn thành.")


class WorkItemProgressView(WorkItemCompleteView):
    title = _("Cập nhật tiến độ")
    form_class = forms.ProgressForm
    service = staticmethod(services.report_work_item_progress)
    success_message = _("Đã cập nhật tiến độ.")
