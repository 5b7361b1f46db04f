"""Pages of a forwarding as an agency answers it in the portal (acknowledge, ask for clarification, answer
with the reply file) and as the secretariat reviews the answer (return, accept); attachments of a petition
(add one, download one in scope); releasing a denunciation's sender to the agencies."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from utilities import ui

from .. import forms, permissions, selectors, services
from ..choices import ForwardingStatus


def next_step(user, forwarding) -> str:
    """What the forwarding waits for, said to the person looking at it."""
    if permissions.can_acknowledge(user, forwarding):
        return gettext("Xác nhận đã nhận")
    if permissions.can_agency_answer(user, forwarding):
        if forwarding.status == ForwardingStatus.CLARIFICATION:
            return gettext("Chờ HĐND làm rõ; có thể gửi trả lời")
        return gettext("Trả lời lại") if forwarding.review == "returned" else gettext("Gửi trả lời")
    if permissions.can_accept_answer(user, forwarding):
        return gettext("Xem xét câu trả lời")
    if forwarding.review == "submitted":
        return gettext("Chờ Văn phòng HĐND xem xét")
    return ""


def _sender(field):
    def value(forwarding):
        if forwarding.identity_hidden:
            return gettext("(được giữ bí mật theo Luật Tố cáo)")
        return getattr(forwarding.petition, field)
    return value


class ForwardingDetailView(ui.ScopedDetailView):
    """Một lần chuyển: the petition as the agency needs it, the deadlines, the answer and its review."""

    template_name = "voters/forwarding_detail.html"
    selector = staticmethod(selectors.forwardings_with_files)
    fields = (
        ui.Column(_("Kiến nghị, đơn thư"), "petition.content"),
        ui.Column(_("Số hiệu"), "petition.code"),
        ui.Column(_("Loại"), "petition.kind"),
        ui.Column(_("Người gửi"), _sender("sender_name")),
        ui.Column(_("Địa chỉ người gửi"), _sender("sender_address")),
        ui.Column(_("Ngày tiếp nhận"), "petition.received_on"),
        ui.Column(_("HĐND chuyển"), "petition.council.name"),
        ui.Column(_("Cơ quan nhận"), "agency"),
        ui.Column(_("Số công văn chuyển"), "document_number"),
        ui.Column(_("Ngày chuyển"), "forwarded_on"),
        ui.Column(_("Hạn trả lời"), "due_date"),
        ui.Column(_("Trạng thái"), "status"),
        ui.Column(_("Ngày cơ quan xác nhận đã nhận"), "acknowledged_on"),
        ui.Column(_("Đề nghị làm rõ từ"), "clarification_since"),
        ui.Column(_("Số ngày tạm dừng"), "paused_days"),
        ui.Column(_("Nội dung trả lời"), "answer"),
        ui.Column(_("Kết quả"), "outcome"),
        ui.Column(_("Ngày trả lời"), "answered_on"),
        ui.Column(_("Số văn bản trả lời"), "reply_number"),
        ui.Column(_("Xem xét trả lời"), "review"),
        ui.Column(_("Lý do trả lại"), "return_reason"),
    )

    def get_object(self):
        forwarding = super().get_object()
        forwarding.identity_hidden = permissions.identity_hidden(self.request.user, forwarding.petition)
        return forwarding

    def actions(self, forwarding):
        user = self.request.user

        def link(label, name, icon, **kw):
            return ui.Link(label, reverse(f"voters:{name}", args=[forwarding.pk]), icon=icon, **kw)

        steps = (
            (permissions.can_acknowledge, lambda: link(_("Xác nhận đã nhận"), "forwarding_acknowledge", "check2",
                                                       method="post", css="btn-primary")),
            (permissions.can_agency_answer, lambda: link(_("Gửi trả lời"), "forwarding_answer", "reply",
                                                         css="btn-primary")),
            (permissions.can_request_clarification, lambda: link(_("Đề nghị làm rõ"), "forwarding_clarification",
                                                                 "question-circle")),
            (permissions.can_accept_answer, lambda: link(_("Chấp nhận trả lời"), "forwarding_accept", "check2-all",
                                                         method="post", css="btn-success")),
            (permissions.can_return_answer, lambda: link(_("Trả lại câu trả lời"), "forwarding_return",
                                                         "arrow-return-left", css="btn-outline-warning")),
        )
        return [make() for allowed, make in steps if allowed(user, forwarding)]

    def sections(self, forwarding):
        files = [a for a in forwarding.attachments.all() if a.archived_at is None]
        return [attachments_section(_("Văn bản trả lời"), files)]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        forwarding = context["object"]
        if permissions.can_read(self.request.user, forwarding.petition.council):
            context["petition_url"] = reverse("voters:petition_detail", args=[forwarding.petition_id])
        context["title"] = f"{forwarding.agency} — {forwarding.petition.code or forwarding.petition_id}"
        return context


def attachments_section(title, attachments) -> ui.Section:
    return ui.Section(title, (
        ui.Column(_("Tệp"), "original_name", link=True),
        ui.Column(_("Văn bản trả lời của"), "forwarding.agency"),
        ui.Column(_("Dung lượng (byte)"), "size"),
        ui.Column(_("Tải lên lúc"), "created_at"),
    ), attachments, url=lambda a: reverse("voters:attachment_download", args=[a.pk]),
        empty=_("Chưa có tệp đính kèm."))


class ForwardingFormView(ui.ObjectFormView):
    selector = staticmethod(selectors.forwardings_for)
    object_kwarg = "forwarding"
    detail_url_name = "voters:forwarding_detail"
    allowed = None

    def check_permission(self) -> None:
        if not type(self).allowed(self.request.user, self.get_object()):
            raise PermissionDenied(gettext("Bạn không thể thực hiện việc này với lần chuyển này (lúc này)."))


class ForwardingClarificationView(ForwardingFormView):
    title = _("Đề nghị làm rõ")
    form_class = forms.ClarificationRequestForm
    service = staticmethod(services.request_clarification)
    allowed = staticmethod(permissions.can_request_clarification)
    success_message = _("Đã ghi đề nghị làm rõ; hạn trả lời tạm dừng.")


class ForwardingAnswerView(ForwardingFormView):
    title = _("Gửi trả lời kiến nghị")
    form_class = forms.AgencyAnswerForm
    service = staticmethod(services.submit_answer)
    allowed = staticmethod(permissions.can_agency_answer)
    success_message = _("Đã gửi trả lời; Văn phòng HĐND sẽ xem xét.")


class ForwardingReturnView(ForwardingFormView):
    title = _("Trả lại câu trả lời chưa đạt")
    form_class = forms.ReturnAnswerForm
    service = staticmethod(services.return_answer)
    allowed = staticmethod(permissions.can_return_answer)
    success_message = _("Đã trả lại câu trả lời cho cơ quan.")


class ForwardingActionView(ui.ServiceActionView):
    selector = staticmethod(selectors.forwardings_for)
    object_kwarg = "forwarding"
    detail_url_name = "voters:forwarding_detail"


class ForwardingAcknowledgeView(ForwardingActionView):
    service = staticmethod(services.acknowledge_forwarding)
    success_message = _("Đã xác nhận đã nhận kiến nghị.")

    def perform(self, obj):
        return services.acknowledge_forwarding(forwarding=obj, actor=self.request.user)


class ForwardingAcceptView(ForwardingActionView):
    service = staticmethod(services.accept_answer)
    success_message = _("Đã chấp nhận câu trả lời.")


class PetitionAttachmentView(ui.ObjectFormView):
    title = _("Đính kèm tệp")
    form_class = forms.AttachmentForm
    selector = staticmethod(selectors.petitions_for)
    service = staticmethod(services.add_attachment)
    object_kwarg = "petition"
    detail_url_name = "voters:petition_detail"
    success_message = _("Đã đính kèm tệp.")

    def check_permission(self) -> None:
        if not permissions.can_add_attachment(self.request.user, self.get_object()):
            raise PermissionDenied(gettext("Chỉ Văn phòng của HĐND mới được đính kèm tệp vào kiến nghị, đơn thư."))


class PetitionReleaseIdentityView(ui.ServiceActionView):
    selector = staticmethod(selectors.petitions_for)
    service = staticmethod(services.release_identity)
    object_kwarg = "petition"
    detail_url_name = "voters:petition_detail"
    success_message = _("Đã cho cơ quan biết danh tính người tố cáo.")


@login_required
def attachment_download(request, pk):
    """The file of an attachment, for whoever may see its record (anyone else: 404)."""
    attachment = get_object_or_404(selectors.attachments_for(request.user), pk=pk)
    return FileResponse(attachment.file.open("rb"), as_attachment=True, filename=attachment.original_name)
