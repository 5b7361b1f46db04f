"""Pages of the notifications app: my notifications (all or unread), marking them read, my email choice."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import FormView, TemplateView

from utilities import ui

from . import selectors, services
from .choices import EmailMode

PAGE_SIZE = 30


class NotificationListView(ui.PortalPageMixin, TemplateView):
    template_name = "notifications/list.html"
    title = gettext_lazy("Thông báo của tôi")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        queryset = selectors.notifications_for(self.request.user)
        unread_only = self.request.GET.get("chua-doc") == "1"
        if unread_only:
            queryset = queryset.filter(read_at__isnull=True)
        context["page"] = Paginator(queryset, PAGE_SIZE).get_page(self.request.GET.get("page"))
        context["unread_only"] = unread_only
        return context


class NotificationReadView(ui.PortalPageMixin, View):
    """Mark one read and go to its record (or back to the list)."""

    def post(self, request, pk):
        notification = get_object_or_404(selectors.notifications_for(request.user), pk=pk)
        services.mark_read(notification=notification, user=request.user)
        if request.POST.get("open") and notification.url and url_has_allowed_host_and_scheme(
                notification.url, allowed_hosts={request.get_host()}):
            return redirect(notification.url)
        return redirect(request.POST.get("next") if _local(request) else reverse("notifications:list"))


class NotificationReadAllView(ui.PortalPageMixin, View):
    def post(self, request):
        count = services.mark_all_read(user=request.user)
        messages.success(request, _("Đã đánh dấu %(count)s thông báo là đã đọc.") % {"count": count})
        return redirect(reverse("notifications:list"))


def _local(request) -> bool:
    target = request.POST.get("next", "")
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})


class PreferenceForm(forms.Form):
    mode = forms.ChoiceField(label=gettext_lazy("Nhận thư thông báo"), choices=EmailMode.choices,
                             widget=forms.RadioSelect)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class PreferenceView(ui.PortalPageMixin, FormView):
    template_name = "notifications/preferences.html"
    form_class = PreferenceForm
    title = gettext_lazy("Cách nhận thư thông báo")

    def get_initial(self):
        preference = services.email_preference(self.request.user)
        return {"mode": preference.mode, "version": preference.version if preference.pk else None}

    def get_form(self, form_class=None):
        return ui.style_form(super().get_form(form_class))

    def form_invalid(self, form):
        ui.style_form(form)  # now that it has its errors: the message beside the field
        return super().form_invalid(form)

    def form_valid(self, form):
        try:
            services.set_email_mode(user=self.request.user, mode=form.cleaned_data["mode"],
                                    version=form.cleaned_data.get("version"))
        except ValidationError as error:
            ui.apply_service_errors(form, error)
            return self.form_invalid(form)
        messages.success(self.request, _("Đã lưu cách nhận thư thông báo."))
        return redirect(reverse("notifications:preferences"))
