"""Pages of petitions and letters: the list and its export, a petition with the steps of its lifecycle
(classify, forward, answer, report, close, reopen, merge), correcting one, and registering a letter."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from utilities import ui
from utilities.text import shorten
from utilities.xlsx import xlsx_file_response

from .. import excel, filtersets, forms, permissions, selectors, services
from ..choices import PetitionStatus
from ..models import Petition
from .agency import attachments_section
from .bulk import bulk_links

PETITION_COLUMNS = (
    ui.Column(_("Số hiệu"), "code", sort="code", link=True, css="text-nowrap"),
    ui.Column(_("Nội dung"), lambda p: shorten(p.content, 160), link=True),
    ui.Column(_("Loại"), "kind", sort="kind"),
    ui.Column(_("Lĩnh vực"), "field.name", sort="field__name"),
    ui.Column(_("Tiếp nhận"), "received_on", sort="received_on"),
    ui.Column(_("Hạn chuyển"), "forward_due", sort="forward_due"),
    ui.Column(_("Cơ quan nhận"), lambda p: "; ".join(str(f.agency) for f in p.forwardings.all())),
    ui.Column(_("Trạng thái"), "status", sort="status"),
)


class PetitionEditView(ui.ObjectEditView):
    title = _("Sửa kiến nghị")
    form_class = forms.PetitionEditForm
    selector = staticmethod(selectors.petitions_for)
    service = staticmethod(services.correct_petition)
    object_kwarg = "petition"
    detail_url_name = "voters:petition_detail"

    def can_edit(self, petition):
        # Who may edit at all; a petition past its correctable states gets the service's message (a 400).
        user = self.request.user
        return permissions.can_manage(user, petition.council) or permissions.deputy_may_correct(user, petition)


class PetitionListView(ui.ScopedListView):
    title = _("Kiến nghị cử tri, đơn thư")
    template_name = "voters/petition_list.html"
    selector = staticmethod(selectors.petitions_for)
    filterset_class = filtersets.PetitionFilterSet
    filter_fields = ("q", "council", "status", "kind", "field", "agency", "overdue", "merged", "received_after",
                     "received_before")
    detail_url_name = "voters:petition_detail"
    create_url_name = "voters:letter_create"
    default_sort = "-received_on"
    export_filename = "kien-nghi-don-thu"
    columns = PETITION_COLUMNS[:2] + (ui.Column(_("HĐND"), "council.name", sort="council__path"),) + PETITION_COLUMNS[2:]

    def get_filterset(self, queryset):
        # Opened without a choice about merged petitions, the list shows those still followed, the ones the
        # home page counts; the filter says so and offers the others.
        data = self.request.GET.copy()
        if "merged" not in data and "status" not in data:
            data["merged"] = "false"
        return self.build_filterset(data, queryset)

    def create_link(self):
        link = super().create_link()
        if link:
            link.label = _("Vào sổ đơn thư")
        return link

    def bulk_actions(self):
        return bulk_links(self.request.user)

    def export(self):
        """The voters app's own export: one row per petition with every agency, deadline and answer."""
        _filterset, queryset = self.filtered()
        return xlsx_file_response(excel.export_petitions(queryset[: ui.EXPORT_LIMIT], title=str(self.title)),
                                  filename=f"kien-nghi-don-thu-{timezone.localdate():%Y%m%d}.xlsx")

    def extra_links(self):
        links = [ui.Link(_("Quá hạn"), reverse("overdue"), icon="alarm", css="btn-outline-danger")]
        if permissions.can_write_anywhere(self.request.user):
            links.append(ui.Link(_("Nhập từ Excel"), reverse("voters:import"), icon="upload"))
            waiting = selectors.open_feedback_for(self.request.user).count()
            links.append(ui.Link(_("Ý kiến cử tri chưa được giải quyết (%(count)s)") % {"count": waiting},
                                 reverse("voters:feedback_queue"), icon="chat-left-text",
                                 css="btn-outline-warning" if waiting else "btn-outline-secondary"))
        return links


class PetitionDetailView(ui.ScopedDetailView):
    template_name = "voters/petition_detail.html"
    selector = staticmethod(lambda user: selectors.with_sources(selectors.petitions_for(user)))
    list_url_name = "voters:petition_list"
    list_title = _("Kiến nghị cử tri, đơn thư")
    fields = (
        ui.Column(_("Số hiệu"), "code"),
        ui.Column(_("Mã tra cứu"), "tracking_code"),
        ui.Column(_("Nội dung"), "content"),
        ui.Column(_("Loại"), "kind"),
        ui.Column(_("Trạng thái"), "status"),
        ui.Column(_("HĐND"), "council.name"),
        ui.Column(_("Nguồn tiếp nhận"), "channel"),
        ui.Column(_("Cuộc tiếp xúc cử tri"), "meeting"),
        ui.Column(_("Người gửi"), "sender_name"),
        ui.Column(_("Lĩnh vực"), "field.name"),
        ui.Column(_("Ngày tiếp nhận"), "received_on"),
        ui.Column(_("Hạn chuyển"), "forward_due"),
        ui.Column(_("Cơ quan đề xuất nhận"), lambda p: "; ".join(str(a) for a in p.proposed_agencies.all())),
        ui.Column(_("Số lượt cử tri nêu"), "voters_count"),
        ui.Column(_("Số cuộc TXCT nêu"), "meetings_count"),
        ui.Column(_("Báo cáo tại kỳ họp"), "reported_session"),
        ui.Column(_("Gộp vào"), "merged_into"),
    )

    def actions(self, petition):
        user, status = self.request.user, petition.status

        def link(label, name, icon, **kw):
            return ui.Link(label, reverse(f"voters:{name}", args=[petition.pk]), icon=icon, **kw)

        steps = (
            (permissions.can_correct_petition, lambda: link(_("Sửa"), "petition_edit", "pencil")),
            (permissions.can_classify, lambda: link(_("Phân loại"), "petition_classify", "tags",
                                                    css="btn-primary" if status == PetitionStatus.RECEIVED
                                                    else "btn-outline-primary")),
            (permissions.can_forward, lambda: link(_("Chuyển cơ quan"), "petition_forward", "send", css="btn-primary")),
            (permissions.can_answer, lambda: link(_("Ghi nhận trả lời"), "petition_answer", "reply", css="btn-primary")),
            (permissions.can_report, lambda: link(_("Báo cáo cử tri"), "petition_report", "megaphone",
                                                  css="btn-primary")),
            (permissions.can_close, lambda: link(_("Kết thúc"), "petition_close", "check2-all", method="post",
                                                 confirm=_("Kết thúc theo dõi kiến nghị này?"))),
            (permissions.can_reopen, lambda: link(_("Mở lại"), "petition_reopen", "arrow-counterclockwise",
                                                  css="btn-outline-warning")),
            (permissions.can_merge, lambda: link(_("Gộp kiến nghị trùng"), "petition_merge", "union",
                                                 css="btn-outline-secondary")),
            (permissions.can_add_attachment, lambda: link(_("Đính kèm tệp"), "petition_attach", "paperclip",
                                                          css="btn-outline-secondary")),
            (permissions.can_release_identity, lambda: link(
                _("Cho cơ quan biết danh tính người tố cáo"), "petition_release_identity", "person-check",
                method="post", css="btn-outline-danger",
                confirm=_("Cho các cơ quan nhận biết danh tính người tố cáo?"))),
        )
        links = [make() for allowed, make in steps if allowed(user, petition)]
        return links + self.tracking_actions(petition)

    def tracking_actions(self, petition):
        """The receipt with the tracking code and key, and publishing each agency's answer."""
        user = self.request.user
        links = []
        if permissions.can_see_tracking_key(user, petition):
            links.append(ui.Link(_("Giấy biên nhận"), reverse("voters:petition_receipt", args=[petition.pk]),
                                 icon="receipt", css="btn-outline-secondary"))
        for forwarding in petition.forwardings.all():
            if permissions.can_publish_answer(user, forwarding):
                links.append(ui.Link(_("Công khai trả lời: %(agency)s") % {"agency": forwarding.agency.name},
                                     reverse("voters:forwarding_publish", args=[forwarding.pk]), icon="globe",
                                     method="post", css="btn-outline-success",
                                     confirm=_("Công khai câu trả lời này cho cử tri?")))
        return links

    def sections(self, petition):
        forwardings = ui.Section(_("Chuyển tới cơ quan"), (
            ui.Column(_("Cơ quan"), "agency", link=True),
            ui.Column(_("Số công văn"), "document_number"),
            ui.Column(_("Ngày chuyển"), "forwarded_on"),
            ui.Column(_("Hạn trả lời"), "due_date"),
            ui.Column(_("Trạng thái"), "status"),
            ui.Column(_("Kết quả"), "outcome"),
            ui.Column(_("Nội dung trả lời"), "answer"),
            ui.Column(_("Ngày trả lời"), "answered_on"),
            ui.Column(_("Cơ quan xác nhận đã nhận"), "acknowledged_on"),
            ui.Column(_("Số văn bản trả lời"), "reply_number"),
            ui.Column(_("Xem xét trả lời"), "review"),
            ui.Column(_("Ngày công khai trả lời"), "answer_published_on"),
        ), list(petition.forwardings.all()), url=lambda f: reverse("voters:forwarding_detail", args=[f.pk]))
        files = attachments_section(_("Tệp đính kèm"), list(petition.attachments.all()))
        feedback = ui.Section(_("Ý kiến phản hồi của người gửi"), (
            ui.Column(_("Gửi lúc"), "created_at"),
            ui.Column(_("Đã được giải quyết"), "resolved"),
            ui.Column(_("Ý kiến"), "comment"),
            ui.Column(_("Trạng thái"), "status"),
        ), list(petition.feedback.all()))
        return [forwardings, files, feedback] if feedback.objects else [forwardings, files]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        petition = context["object"]
        user = self.request.user
        context["reviewable"] = [f for f in petition.forwardings.all() if permissions.can_accept_answer(user, f)]
        context["duplicates"] = (
            selectors.suggest_duplicates(petition)
            if permissions.can_merge(self.request.user, petition)
            else []
        )
        return context


class PetitionFormView(ui.ObjectFormView):
    """A workflow step with a form on one petition; only the petition council's secretariat may do it."""

    selector = staticmethod(selectors.petitions_for)
    object_kwarg = "petition"
    detail_url_name = "voters:petition_detail"

    def check_permission(self) -> None:
        permissions.require_manage(self.request.user, self.get_object().council)


class PetitionClassifyView(PetitionFormView):
    title = _("Phân loại kiến nghị")
    form_class = forms.ClassifyForm
    service = staticmethod(services.classify_petition)
    success_message = _("Đã phân loại.")
    prefill = True
    field_sources = {"note": "classification_note"}


class PetitionForwardView(PetitionFormView):
    title = _("Chuyển kiến nghị tới cơ quan có thẩm quyền")
    form_class = forms.ForwardForm
    service = staticmethod(services.forward_petition)
    success_message = _("Đã chuyển kiến nghị.")


class PetitionAnswerView(PetitionFormView):
    title = _("Ghi nhận trả lời của cơ quan")
    form_class = forms.AnswerForm
    success_message = _("Đã ghi nhận trả lời.")

    def get_form(self):
        form = super().get_form()
        form.fields["forwarding"].queryset = self.get_object().forwardings.exclude(status="answered").select_related(
            "agency")
        return form

    def perform(self, form):
        data = dict(form.cleaned_data)
        return services.answer_forwarding(forwarding=data.pop("forwarding"), actor=self.request.user, **data)


class PetitionReportView(PetitionFormView):
    title = _("Báo cáo kết quả giải quyết với cử tri")
    form_class = forms.ReportForm
    service = staticmethod(services.report_to_voters)
    success_message = _("Đã ghi nhận báo cáo cử tri.")
    prefill = True
    field_sources = {"session": "reported_session"}


class PetitionReopenView(PetitionFormView):
    title = _("Mở lại kiến nghị")
    form_class = forms.ReopenForm
    service = staticmethod(services.reopen_petition)
    success_message = _("Đã mở lại kiến nghị.")


class PetitionMergeView(PetitionFormView):
    title = _("Gộp kiến nghị trùng")
    form_class = forms.MergeForm
    success_message = _("Đã gộp kiến nghị.")

    def get_form(self):
        form = super().get_form()
        petition = self.get_object()
        candidates = [other.pk for other, _score in selectors.suggest_duplicates(petition, threshold=0.3, limit=30)]
        form.fields["sources"].queryset = Petition.objects.filter(pk__in=candidates).order_by("-received_on")
        return form

    def perform(self, form):
        return services.merge_petitions(target=self.get_object(), sources=form.cleaned_data["sources"],
                                        actor=self.request.user, note=form.cleaned_data["note"])


class PetitionCloseView(ui.ServiceActionView):
    selector = staticmethod(selectors.petitions_for)
    service = staticmethod(services.close_petition)
    object_kwarg = "petition"
    detail_url_name = "voters:petition_detail"
    success_message = _("Đã kết thúc theo dõi kiến nghị.")

    def perform(self, obj):
        permissions.require_manage(self.request.user, obj.council)
        return super().perform(obj)


class LetterCreateView(ui.ServiceFormView):
    title = _("Vào sổ đơn thư")
    form_class = forms.LetterForm
    service = staticmethod(services.register_letter)
    detail_url_name = "voters:petition_detail"
    cancel_url_name = "voters:petition_list"
    success_message = _("Đã vào sổ đơn thư.")

    def perform(self, form):
        permissions.require_manage(self.request.user, form.cleaned_data["council"])
        return super().perform(form)
