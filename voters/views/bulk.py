"""Bulk work from the petition list: the rows ticked, or every row matching the list's filters, classified,
forwarded under one official letter, or reported to voters at a session, in one step that is all-or-nothing."""

from __future__ import annotations

from django.http import QueryDict
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from utilities import ui

from .. import filtersets, forms, permissions, selectors, services


class PetitionBulkView(ui.ServiceFormView):
    """The chosen petitions and the form of one action. GET ``?ids=..`` (rows ticked) or ``?all=1&query=..``
    (everything the list's filters match); the page keeps the choice, with each petition's version, for the POST."""

    template_name = "voters/petition_bulk.html"
    cancel_url_name = "voters:petition_list"
    done_message = ""

    def check_permission(self) -> None:
        permissions.require(permissions.can_write_anywhere(self.request.user),
                            _("Chỉ Văn phòng HĐND mới xử lý hàng loạt kiến nghị."))

    def chosen(self):
        """The petitions chosen on the list (at most one more than a step takes, so the page can say so)."""
        visible = selectors.petitions_for(self.request.user)
        params = self.request.GET
        if params.get("all"):
            filterset = filtersets.PetitionFilterSet(QueryDict(params.get("query", "")), queryset=visible,
                                                     request=self.request)
            queryset = filterset.qs if filterset.is_valid() else visible.none()
        else:
            ids = [int(pk) for pk in params.getlist("ids") if pk.isdigit() and len(pk) < 19]
            queryset = visible.filter(pk__in=ids)
        return list(queryset.order_by("-received_on", "-pk")[: services.BULK_LIMIT + 1])

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        if self.request.method == "GET":
            chosen = self.chosen()
            kwargs["initial"] = {"petitions": [p.pk for p in chosen],
                                 "versions": ",".join(f"{p.pk}:{p.version}" for p in chosen)}
        return kwargs

    def get_form(self):
        form = super().get_form()
        form.fields["petitions"].queryset = selectors.petitions_for(self.request.user)
        return form

    def perform(self, form):
        data = dict(form.cleaned_data)
        petitions = list(data.pop("petitions"))
        done = type(self).service(petitions=petitions, actor=self.request.user, **data)
        self.success_message = self.done_message % {"count": len(done)}
        return done

    def success_url(self, obj) -> str:
        return reverse("voters:petition_list")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = context["form"]
        if form.is_bound:
            chosen = list(form.cleaned_data.get("petitions", [])) if hasattr(form, "cleaned_data") else []
        else:
            chosen = self.chosen()
        context.update(chosen=chosen[: services.BULK_LIMIT], too_many=len(chosen) > services.BULK_LIMIT,
                       limit=services.BULK_LIMIT)
        return context


class PetitionBulkClassifyView(PetitionBulkView):
    title = gettext_lazy("Phân loại hàng loạt")
    form_class = forms.BulkClassifyForm
    service = staticmethod(services.bulk_classify_petitions)
    done_message = gettext_lazy("Đã phân loại %(count)s kiến nghị.")


class PetitionBulkForwardView(PetitionBulkView):
    title = gettext_lazy("Chuyển hàng loạt tới cơ quan có thẩm quyền")
    form_class = forms.BulkForwardForm
    service = staticmethod(services.bulk_forward_petitions)
    done_message = gettext_lazy("Đã chuyển %(count)s kiến nghị.")


class PetitionBulkReportView(PetitionBulkView):
    title = gettext_lazy("Báo cáo cử tri hàng loạt")
    form_class = forms.BulkReportForm
    service = staticmethod(services.bulk_report_to_voters)
    done_message = gettext_lazy("Đã ghi nhận báo cáo cử tri cho %(count)s kiến nghị.")


BULK_ACTIONS = (
    (gettext_lazy("Phân loại"), "voters:petition_bulk_classify", "tags"),
    (gettext_lazy("Chuyển cơ quan"), "voters:petition_bulk_forward", "send"),
    (gettext_lazy("Báo cáo cử tri"), "voters:petition_bulk_report", "megaphone"),
)


def bulk_links(user) -> list[ui.Link]:
    """The bulk actions the petition list offers this user (none: the rows have no checkbox)."""
    if not permissions.can_write_anywhere(user):
        return []
    return [ui.Link(label, reverse(name), icon=icon, css="btn-outline-primary") for label, name, icon in BULK_ACTIONS]
