"""Pages of the working-day calendar: a council's year (holidays, make-up working Saturdays, days off, with
the secretariat's form to declare one and buttons to change or take back each of its own), and "how a deadline
was computed", reachable from every deadline."""

from __future__ import annotations

import datetime

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from utilities import ui

from .. import calendar, permissions, selectors
from ..workdays import MAX_EXPLAINED_DAYS, explain_span


class DayOffForm(forms.Form):
    date = ui.PlausibleDateField(label=_("Ngày nghỉ"))
    reason = forms.CharField(label=_("Lý do"), max_length=200)


def explain_link(start: datetime.date | None, end: datetime.date | None, council) -> list[ui.Link]:
    """The "how it was computed" button of a record with a deadline (none without both dates)."""
    if start is None or end is None or end < start:
        return []
    query = urlencode({"tu": start.isoformat(), "den": end.isoformat(), "hdnd": council.pk if council else ""})
    return [ui.Link(_("Cách tính thời hạn"), f"{reverse('deadline_explain')}?{query}", icon="calendar-check")]


class CouncilCalendarView(ui.PortalPageMixin, TemplateView):
    """Lịch làm việc của một HĐND trong năm; the secretariat of the council declares its days off here."""

    template_name = "councils/calendar.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.council = selectors.council_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def year(self) -> int:
        raw = self.request.GET.get("nam", "")
        today = timezone.localdate().year
        return int(raw) if raw.isdigit() and calendar.FIRST_YEAR <= int(raw) <= calendar.LAST_YEAR else today

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        year = self.year()
        can_edit = permissions.can_manage(self.request.user, self.council)
        context.update(
            title=_("Lịch làm việc năm %(year)s — %(council)s") % {"year": year, "council": self.council.name},
            council=self.council, year=year, days=calendar.year_calendar(self.council, year), can_edit=can_edit,
            previous_year=year - 1, next_year=year + 1,
        )
        if can_edit:
            context.setdefault("form", ui.style_form(DayOffForm()))
        return context

    def post(self, request, *args, **kwargs):
        permissions.require_manage(request.user, self.council)
        form = DayOffForm(request.POST)
        if form.is_valid():
            try:
                day_off = calendar.add_day_off(council=self.council, actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                ui.apply_service_errors(form, error)
            else:
                messages.success(request, _("Đã thêm ngày nghỉ %(date)s; các thời hạn đang mở được tính lại.")
                                 % {"date": day_off.date.strftime("%d/%m/%Y")})
                return HttpResponseRedirect(
                    reverse("council_calendar", args=[self.council.pk]) + f"?nam={day_off.date.year}")
        ui.style_form(form)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class DeadlineExplainView(ui.PortalPageMixin, TemplateView):
    """Cách tính thời hạn: from the start (not counted) to the deadline, each day counted or skipped, and why."""

    template_name = "councils/deadline_explain.html"
    title = _("Cách tính thời hạn")

    def get(self, request, *args, **kwargs):
        council_pk = request.GET.get("hdnd", "")
        council = selectors.council_for(request.user, council_pk) if council_pk.isdigit() else None
        try:
            start = datetime.date.fromisoformat(request.GET.get("tu", ""))
            end = datetime.date.fromisoformat(request.GET.get("den", ""))
            if end < start or (end - start).days > MAX_EXPLAINED_DAYS:
                raise ValueError
        except ValueError:
            context = self.get_context_data(error=_("Ngày bắt đầu và thời hạn không hợp lệ (thời hạn phải sau ngày "
                                                    "bắt đầu, không quá %(n)d ngày).") % {"n": MAX_EXPLAINED_DAYS})
            return self.render_to_response(context, status=400)
        days = explain_span(start, end, council)
        context = self.get_context_data(
            council=council, start=start, end=end, days=days,
            counted=sum(1 for day in days if day.counted), skipped=sum(1 for day in days if not day.counted),
        )
        return self.render_to_response(context)


def _calendar_url(day_off) -> str:
    return reverse("council_calendar", args=[day_off.council_id]) + f"?nam={day_off.date.year}"


def _own_day_off(view):
    """The day off of the page's council (a shared one, another council's or one taken back is a 404)."""
    if not hasattr(view, "_object"):
        days = selectors.days_off_for(view.request.user).filter(council_id=view.kwargs["council_pk"],
                                                                archived_at__isnull=True)
        view._object = get_object_or_404(days, pk=view.kwargs["pk"])
    return view._object


class DayOffEditView(ui.ObjectEditView):
    """Sửa ngày nghỉ: a new date or reason; the deadlines of the old date move back, those of the new one on."""

    title = _("Sửa ngày nghỉ")
    form_class = DayOffForm
    service = staticmethod(calendar.change_day_off)
    object_kwarg = "day_off"
    success_message = _("Đã sửa ngày nghỉ; các thời hạn đang mở được tính lại.")

    def get_object(self):
        return _own_day_off(self)

    def success_url(self, obj) -> str:
        return _calendar_url(obj)

    def cancel_url(self) -> str:
        return _calendar_url(self.get_object())


class DayOffRemoveView(ui.ServiceActionView):
    """Bỏ ngày nghỉ (POST): archived, never deleted; the open deadlines it had moved move back."""

    success_message = _("Đã bỏ ngày nghỉ; các thời hạn đang mở được tính lại.")

    def get_object(self):
        return _own_day_off(self)

    def perform(self, obj):
        raw = self.request.POST.get(ui.VERSION_FIELD, "")
        return calendar.remove_day_off(day_off=obj, actor=self.request.user,
                                       version=int(raw) if raw.isdigit() else None)

    def redirect_url(self, obj) -> str:
        return _calendar_url(obj)
