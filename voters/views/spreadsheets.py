"""Excel pages of the voters app: importing petitions from a .xlsx file (and its template), and a session's
report of how the voters' petitions were answered."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from councils import sessions
from utilities import ui
from utilities.xlsx import xlsx_file_response

from .. import excel, forms


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
