"""Pages of handovers and term changeovers: the form (choose, see what would move, confirm) and the printable
report of what moved, each item linked to its page."""

from __future__ import annotations

from django import forms
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from utilities import ui

from .. import handovers, permissions, scoping, selectors, term_changeover
from ..choices import Role
from ..models import Council, Handover, Term, TermChangeover


class HandoverForm(forms.Form):
    to_council = forms.ModelChoiceField(label=_("HĐND tiếp nhận"), queryset=Council.objects.none(),
                                        help_text=_("Một HĐND kế thừa mỗi lần bàn giao; nếu có nhiều HĐND kế "
                                                    "thừa, bàn giao lần lượt cho từng HĐND."))
    on_date = ui.PlausibleDateField(label=_("Ngày bàn giao"))
    note = forms.CharField(label=_("Ghi chú (biên bản, văn bản căn cứ)"), required=False, max_length=2000,
                           widget=forms.Textarea(attrs={"rows": 2}))
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, user, from_council: Council, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial.setdefault("on_date", timezone.localdate())
        councils = Council.objects.filter(archived_at__isnull=True, valid_to__isnull=True).exclude(pk=from_council.pk)
        if not scoping.sees_everything(user):
            paths = scoping.scope_paths(user, roles=(Role.ADMINISTRATOR,))
            scope = Q(pk__in=[])
            for path in paths:
                scope |= Q(path__startswith=path)
            councils = councils.filter(scope)
        self.fields["to_council"].queryset = councils.select_related("level").order_by("path")


def _linked(kind, items):
    """(label, url or "") per item: an item's page, when its kind has one."""
    rows = []
    for pk, label in items:
        try:
            url = reverse(kind.url_name, args=[pk])
        except NoReverseMatch:
            url = ""
        rows.append((label, url))
    return rows


class HandoverView(ui.PortalPageMixin, TemplateView):
    """Bàn giao: an administrator hands a retired council's open items to a successor, after seeing how many."""

    template_name = "councils/handover_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.council = selectors.council_for(request.user, kwargs["pk"])
            if not permissions.can_hand_over(request.user, self.council):
                raise PermissionDenied(_("Chỉ quản trị hệ thống của HĐND cấp trên mới thực hiện được bàn giao."))
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ui.style_form(HandoverForm(user=self.request.user, from_council=self.council)))
        context.update(council=self.council, title=_("Bàn giao việc đang mở của %(council)s") % {
            "council": self.council.name}, open_now=self._rows(handovers.open_counts(self.council)),
            earlier=Handover.objects.filter(from_council=self.council).select_related("to_council")[:20])
        return context

    @staticmethod
    def _rows(counts: dict[str, int]) -> list[dict]:
        return [{"code": kind.code, "label": kind.label, "count": counts.get(kind.code, 0)}
                for kind in handovers.item_kinds()]

    def post(self, request, *args, **kwargs):
        form = HandoverForm(request.POST, user=request.user, from_council=self.council)
        if form.is_valid():
            choice = {"user": request.user, "from_council": self.council, "to_council": form.cleaned_data["to_council"],
                      "on_date": form.cleaned_data["on_date"]}
            try:
                if form.cleaned_data["confirm"]:
                    handover = handovers.hand_over(note=form.cleaned_data["note"], **choice)
                    return HttpResponseRedirect(reverse("handover_detail", args=[handover.pk]))
                counts = handovers.preview(**choice)
            except ValidationError as error:
                ui.apply_service_errors(form, error)
            else:
                chosen = {**form.cleaned_data, "on_date": form.cleaned_data["on_date"].strftime("%d/%m/%Y")}
                confirming = HandoverForm(initial={**chosen, "confirm": True}, user=request.user,
                                          from_council=self.council)
                for name in ("to_council", "on_date", "note"):
                    confirming.fields[name].widget = forms.HiddenInput()
                return self.render_to_response(self.get_context_data(
                    form=ui.style_form(confirming), preview=self._rows(counts), chosen=form.cleaned_data))
        ui.style_form(form)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class HandoverDetailView(ui.PortalPageMixin, TemplateView):
    """Biên bản bàn giao: what one handover moved, by kind, each item linked; printable."""

    template_name = "councils/handover_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        handover = get_object_or_404(Handover.objects.for_user(self.request.user)
                                     .select_related("from_council", "to_council", "by"), pk=kwargs["pk"])
        context.update(handover=handover, title=str(handover), rows=[
            {"label": kind.label, "count": count, "items": _linked(kind, items)}
            for kind, count, items in handovers.report_rows(handover)])
        return context


# --- term changeover ---------------------------------------------------------------------------------------

class TermChangeoverForm(forms.Form):
    from_term = forms.ModelChoiceField(label=_("Nhiệm kỳ trước"), queryset=Term.objects.all())
    to_term = forms.ModelChoiceField(label=_("Nhiệm kỳ mới"), queryset=Term.objects.all())
    confirm = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        terms = list(Term.objects.order_by("-start_date")[:2])
        if len(terms) == 2:
            self.initial.setdefault("to_term", terms[0].pk)
            self.initial.setdefault("from_term", terms[1].pk)


class TermChangeoverView(ui.PortalPageMixin, TemplateView):
    """Chuyển nhiệm kỳ: the secretariat starts the new term from the old one's bodies, after seeing the counts."""

    template_name = "councils/term_changeover_form.html"

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            self.council = selectors.council_for(request.user, kwargs["pk"])
            permissions.require_change_term(request.user, self.council)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.setdefault("form", ui.style_form(TermChangeoverForm()))
        context.update(council=self.council, title=_("Chuyển nhiệm kỳ — %(council)s") % {
            "council": self.council.name},
            earlier=TermChangeover.objects.filter(council=self.council).select_related("from_term", "to_term")[:20])
        return context

    def post(self, request, *args, **kwargs):
        form = TermChangeoverForm(request.POST)
        if form.is_valid():
            choice = {"user": request.user, "council": self.council, "from_term": form.cleaned_data["from_term"],
                      "to_term": form.cleaned_data["to_term"]}
            try:
                if form.cleaned_data["confirm"]:
                    changeover = term_changeover.start_new_term(**choice)
                    return HttpResponseRedirect(reverse("term_changeover_detail", args=[changeover.pk]))
                counts = term_changeover.preview(**choice)
            except ValidationError as error:
                ui.apply_service_errors(form, error)
            else:
                confirming = TermChangeoverForm(initial={**form.cleaned_data, "confirm": True})
                for name in ("from_term", "to_term"):
                    confirming.fields[name].widget = forms.HiddenInput()
                labels = {"bodies": _("Cơ quan của HĐND được tạo cho nhiệm kỳ mới")}
                labels.update({kind.code: kind.label for kind in term_changeover.item_kinds()})
                return self.render_to_response(self.get_context_data(
                    form=ui.style_form(confirming), chosen=form.cleaned_data,
                    preview=[{"code": code, "label": labels[code], "count": count} for code, count in counts.items()]))
        ui.style_form(form)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class TermChangeoverDetailView(ui.PortalPageMixin, TemplateView):
    """What one term changeover created and carried over; printable."""

    template_name = "councils/term_changeover_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        changeover = get_object_or_404(TermChangeover.objects.for_user(self.request.user)
                                       .select_related("council", "from_term", "to_term", "by"), pk=kwargs["pk"])
        context.update(changeover=changeover, title=str(changeover), rows=[
            {"label": kind.label, "count": count, "items": _linked(kind, items)}
            for kind, count, items in term_changeover.report_rows(changeover)])
        return context
