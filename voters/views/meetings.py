"""Pages of voter meetings (tiếp xúc cử tri): the list, a meeting with its petitions, recording and editing a
meeting, and entering its petitions all at once."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utilities import ui

from .. import filtersets, forms, permissions, selectors, services
from .petitions import PETITION_COLUMNS


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
