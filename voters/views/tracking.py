"""Pages of the sender's side of a petition, for the staff: the printable receipt with the tracking code and
key, publishing an agency's answer, and the queue of senders who say their petition is not resolved."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from utilities import ui

from .. import permissions, selectors, services


class PetitionReceiptView(ui.PortalPageMixin, TemplateView):
    """Giấy biên nhận: what the sender takes home, with the code and key to follow the petition."""

    template_name = "voters/petition_receipt.html"
    title = _("Giấy biên nhận kiến nghị, đơn thư")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        petition = get_object_or_404(selectors.petitions_for(self.request.user), pk=self.kwargs["pk"])
        if not permissions.can_see_tracking_key(self.request.user, petition):
            raise PermissionDenied(_("Chỉ Văn phòng HĐND hoặc người nhập kiến nghị mới in được giấy biên nhận."))
        receipt = selectors.receipt_for(petition)
        receipt["lookup_url"] = self.request.build_absolute_uri(receipt["lookup_path"])
        context.update(object=petition, receipt=receipt, portal_council=petition.council)
        return context


class PublishAnswerView(ui.ServiceActionView):
    """Công khai trả lời (POST): the answer of one agency is shown to the sender and on the public page."""

    selector = staticmethod(selectors.forwardings_for)
    service = staticmethod(services.publish_answer)
    object_kwarg = "forwarding"
    success_message = _("Đã công khai câu trả lời.")

    def redirect_url(self, obj) -> str:
        return reverse("voters:petition_detail", args=[obj.petition_id])


class FeedbackQueueView(ui.ScopedListView):
    """Ý kiến cử tri chưa được giải quyết: the open feedback of the user's councils, each with its one action."""

    template_name = "voters/feedback_queue.html"
    partial_template_name = "voters/_feedback_results.html"
    title = _("Ý kiến cử tri: chưa được giải quyết")
    selector = staticmethod(selectors.open_feedback_for)
    export_filename = "y-kien-cu-tri"
    empty_text = _("Không có ý kiến nào đang chờ xử lý.")
    columns = (
        ui.Column(_("Gửi lúc"), "created_at"),
        ui.Column(_("Mã tra cứu"), "petition.tracking_code", css="text-nowrap"),
        ui.Column(_("Kiến nghị"), lambda f: f.petition.content[:160], link=True),
        ui.Column(_("HĐND"), "petition.council.name"),
        ui.Column(_("Ý kiến"), "comment"),
    )

    def get_queryset(self):
        return super().get_queryset().order_by("created_at", "pk")

    def row_url(self, obj) -> str:
        return reverse("voters:petition_detail", args=[obj.petition_id])

    def build_rows(self, objects) -> list[dict]:
        rows = super().build_rows(objects)
        for row in rows:
            feedback = row["object"]
            if permissions.can_reopen_from_feedback(self.request.user, feedback):
                row["reopen"] = ui.Link(_("Mở lại kiến nghị"), reverse("voters:feedback_reopen", args=[feedback.pk]),
                                        icon="arrow-counterclockwise", method="post", css="btn-sm btn-warning",
                                        confirm=_("Mở lại kiến nghị để cơ quan trả lời lại?"))
        return rows


class FeedbackReopenView(ui.ServiceActionView):
    """Mở lại kiến nghị từ ý kiến của người gửi (POST): closes the feedback item."""

    selector = staticmethod(selectors.feedback_for)
    service = staticmethod(services.reopen_from_feedback)
    object_kwarg = "feedback"
    success_message = _("Đã mở lại kiến nghị theo ý kiến của người gửi.")

    def redirect_url(self, obj) -> str:
        return reverse("voters:feedback_queue")
