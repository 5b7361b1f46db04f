"""Pages of the voters app: voter meetings with their petitions, petitions and letters through their lifecycle
(classify, forward, answer, report, close, reopen, merge), citizen receptions, import and exports."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils import sessions
from utilities import ui
from utilities.xlsx import xlsx_file_response

from . import excel, filtersets, forms, permissions, selectors, services
from .choices import PetitionStatus
from .models import Petition

# --- voter meetings --------------------------------------------------------------------------------------------

class MeetingListView(ui.ScopedListView):
    title = _("Tiếp xúc cử tri")
    selector = staticmethod(selectors.meetings_for)
    filterset_class = filtersets.VoterMeetingFilterSet
    filter_fields = ("q", "council", "kind", "date_after", "date_before")
    detail_url_name = "voters:meeting_detail"
    create_url_name = "voters:meeting_create"
    default_sort = "-date"
    export_filename = "tiep-xuc-cu-tri"

    def create_link(self):
        if permissions.can_record_own_work(self.request.user):
            return ui.Link(_("Ghi nhận tiếp xúc"), reverse(self.create_url_name), icon="plus-lg", css="btn-primary")
        return None
    columns = (
        ui.Column(_("Ngày"), "date", sort="date", link=True),
        ui.Column(_("Địa điểm"), "place", sort="place", link=True),
        ui.Column(_("Hình thức"), "kind", sort="kind"),
        ui.Column(_("Tổ đại biểu / Thường trực"), "body.name"),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Cử tri dự"), "attendance", sort="attendance", css="text-end"),
        ui.Column(_("Số kiến nghị"), "petitions_total", sort="petitions_total", css="text-end"),
    )


PETITION_COLUMNS = (
    ui.Column(_("Số hiệu"), "code", sort="code", link=True, css="text-nowrap"),
    ui.Column(_("Nội dung"), lambda p: p.content[:160], link=True),
    ui.Column(_("Loại"), "kind", sort="kind"),
    ui.Column(_("Lĩnh vực"), "field.name", sort="field__name"),
    ui.Column(_("Tiếp nhận"), "received_on", sort="received_on"),
    ui.Column(_("Hạn chuyển"), "forward_due", sort="forward_due"),
    ui.Column(_("Cơ quan nhận"), lambda p: "; ".join(str(f.agency) for f in p.forwardings.all())),
    ui.Column(_("Trạng thái"), "status", sort="status"),
)


class MeetingDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.meetings_for)
    list_url_name = "voters:meeting_list"
    list_title = _("Tiếp xúc cử tri")
    fields = MeetingListView.columns[1:6] + (
        ui.Column(_("Chủ đề"), "topic"),
        ui.Column(_("Kỳ họp"), "session"),
        ui.Column(_("Phối hợp với MTTQ"), "with_fatherland_front"),
        ui.Column(_("Đại biểu dự"), lambda m: "; ".join(str(d) for d in m.deputies_present.all())),
        ui.Column(_("Ghi chú"), "notes"),
    )

    def can_edit(self, meeting) -> bool:
        if not hasattr(self, "_can_edit"):
            self._can_edit = permissions.can_edit_meeting(self.request.user, meeting)
        return self._can_edit

    def actions(self, meeting):
        return [ui.edit_link("voters:meeting_edit", meeting)] if self.can_edit(meeting) else []

    def sections(self, meeting):
        links = []
        if self.can_edit(meeting):
            links.append(ui.Link(_("Ghi nhận kiến nghị"), reverse("voters:meeting_petitions", args=[meeting.pk]),
                                 icon="plus-lg", css="btn-sm btn-primary"))
        petitions = selectors.petitions_for(self.request.user).filter(meeting=meeting).order_by("pk")
        return [ui.Section(_("Kiến nghị của cử tri"), PETITION_COLUMNS, list(petitions),
                           url=lambda p: reverse("voters:petition_detail", args=[p.pk]), links=links)]


class MeetingCreateView(ui.ServiceFormView):
    title = _("Ghi nhận cuộc tiếp xúc cử tri")
    form_class = forms.VoterMeetingForm
    service = staticmethod(services.record_voter_meeting)
    detail_url_name = "voters:meeting_detail"
    cancel_url_name = "voters:meeting_list"
    success_message = _("Đã lưu cuộc tiếp xúc cử tri.")

    # Deputies record the meetings of their own group; the service checks they are among those present.
    def check_permission(self) -> None:
        if not permissions.can_record_own_work(self.request.user):
            raise PermissionDenied(_("Tài khoản của bạn chỉ có quyền xem."))

    def perform(self, form):
        try:
            return super().perform(form)
        except PermissionDenied as refusal:
            # The form offers only the user's councils, so this is a deputy who left themselves out of those
            # present: say so beside that field rather than on an error page.
            raise ValidationError({"deputies": str(refusal)}) from refusal


class MeetingEditView(ui.ObjectEditView):
    """The secretariat, or a deputy who attended (voters/permissions.py), corrects a meeting."""

    title = _("Sửa cuộc tiếp xúc cử tri")
    form_class = forms.VoterMeetingEditForm
    selector = staticmethod(selectors.meetings_for)
    service = staticmethod(services.update_voter_meeting)
    object_kwarg = "meeting"
    detail_url_name = "voters:meeting_detail"
    field_sources = {"deputies": "deputies_present"}

    def can_edit(self, meeting):
        return permissions.can_edit_meeting(self.request.user, meeting)


class MeetingPetitionsView(ui.ObjectFormView):
    """Nhập nhiều kiến nghị của một cuộc tiếp xúc: one row each; all are saved, or none."""

    title = _("Ghi nhận kiến nghị của cuộc tiếp xúc cử tri")
    template_name = "voters/meeting_petitions.html"
    form_class = forms.PetitionItemFormSet
    selector = staticmethod(selectors.meetings_for)
    detail_url_name = "voters:meeting_detail"
    success_message = _("Đã lưu các kiến nghị.")

    def check_permission(self) -> None:
        permissions.require(permissions.can_edit_meeting(self.request.user, self.get_object()))

    def get_form(self):
        formset = self.form_class(**self.get_form_kwargs(), prefix="items")
        for form in formset.forms + [formset.empty_form]:
            ui.style_form(form)
        return formset

    def perform(self, formset):
        items = [form.cleaned_data for form in formset.forms
                 if form.cleaned_data and (form.cleaned_data.get("content") or "").strip()]
        return services.add_meeting_petitions(meeting=self.get_object(), items=items, actor=self.request.user)

    def post(self, request, *args, **kwargs):
        formset = self.get_form()
        if formset.is_valid():
            try:
                self.perform(formset)
            except ValidationError as error:
                formset.service_errors = error.messages
            else:
                messages.success(request, self.success_message)
                return HttpResponseRedirect(self.success_url(None))
        return self.render_to_response(self.get_context_data(form=formset), status=400)


# --- petitions and letters ------------------------------------------------------------------------------------

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
    selector = staticmethod(selectors.petitions_for)
    filterset_class = filtersets.PetitionFilterSet
    filter_fields = ("q", "status", "kind", "field", "agency", "overdue", "received_after", "received_before")
    detail_url_name = "voters:petition_detail"
    create_url_name = "voters:letter_create"
    default_sort = "-received_on"
    export_filename = "kien-nghi-don-thu"
    columns = PETITION_COLUMNS[:2] + (ui.Column(_("HĐND"), "council.name", sort="council__path"),) + PETITION_COLUMNS[2:]

    def create_link(self):
        link = super().create_link()
        if link:
            link.label = _("Vào sổ đơn thư")
        return link

    def export(self):
        """The voters app's own export: one row per petition with every agency, deadline and answer."""
        _filterset, queryset = self.filtered()
        return xlsx_file_response(excel.export_petitions(queryset[: ui.EXPORT_LIMIT], title=str(self.title)),
                                  filename=f"kien-nghi-don-thu-{timezone.localdate():%Y%m%d}.xlsx")

    def extra_links(self):
        links = [ui.Link(_("Quá hạn"), reverse("overdue"), icon="alarm", css="btn-outline-danger")]
        if permissions.can_write_anywhere(self.request.user):
            links.append(ui.Link(_("Nhập từ Excel"), reverse("voters:import"), icon="upload"))
        return links


class PetitionDetailView(ui.ScopedDetailView):
    template_name = "voters/petition_detail.html"
    selector = staticmethod(selectors.petitions_for)
    list_url_name = "voters:petition_list"
    list_title = _("Kiến nghị cử tri, đơn thư")
    fields = (
        ui.Column(_("Số hiệu"), "code"),
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
        )
        return [make() for allowed, make in steps if allowed(user, petition)]

    def sections(self, petition):
        forwardings = ui.Section(_("Chuyển tới cơ quan"), (
            ui.Column(_("Cơ quan"), "agency"),
            ui.Column(_("Số công văn"), "document_number"),
            ui.Column(_("Ngày chuyển"), "forwarded_on"),
            ui.Column(_("Hạn trả lời"), "due_date"),
            ui.Column(_("Trạng thái"), "status"),
            ui.Column(_("Kết quả"), "outcome"),
            ui.Column(_("Nội dung trả lời"), "answer"),
            ui.Column(_("Ngày trả lời"), "answered_on"),
        ), list(petition.forwardings.all()))
        return [forwardings]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        petition = context["object"]
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


# --- import and the overdue board ----------------------------------------------------------------------------------

class ImportView(ui.ServiceFormView):
    """Nhập kiến nghị từ tệp .xlsx: every row is checked first; any row error shows and nothing is saved."""

    title = _("Nhập kiến nghị từ Excel")
    template_name = "voters/import.html"
    form_class = forms.ImportForm
    cancel_url_name = "voters:petition_list"

    def perform(self, form):
        return excel.import_petitions(council=form.cleaned_data["council"], data=form.cleaned_data["file"].read(),
                                      actor=self.request.user)

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                saved = self.perform(form)
            except ValidationError as error:
                ui.apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã nhập %(n)s kiến nghị.") % {"n": len(saved)})
                return HttpResponseRedirect(reverse("voters:petition_list"))
        return self.render_to_response(self.get_context_data(form=form), status=400)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["template_url"] = reverse("voters:import_template")
        return context


@login_required
def import_template(request):
    return xlsx_file_response(excel.import_template(), "mau-nhap-kien-nghi.xlsx")


@login_required
def session_report(request, pk):
    """Báo cáo kết quả giải quyết kiến nghị cử tri của một kỳ họp (.xlsx), by field or by agency."""
    session = get_object_or_404(sessions.sessions_for(request.user), pk=pk)
    group_by = request.GET.get("group_by", "field")
    try:
        data = excel.session_report(session, group_by=group_by)
    except ValidationError:
        data = excel.session_report(session)
    return xlsx_file_response(data, f"bao-cao-kien-nghi-ky-hop-{session.number}.xlsx")
