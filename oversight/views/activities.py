"""Pages of oversight activities: the list, an activity with its recommendations and questions, creating,
editing, starting, concluding and cancelling one."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from utilities import ui

from .. import filtersets, forms, permissions, selectors, services
from ..choices import QUESTIONING_KINDS
from ._links import _url


class ActivityListView(ui.ScopedListView):
    title = _("Hoạt động giám sát")
    selector = staticmethod(selectors.activities_for)
    filterset_class = filtersets.ActivityFilterSet
    filter_fields = ("q", "subtree_of", "kind", "status", "year", "body")
    detail_url_name = "oversight:activity_detail"
    create_url_name = "oversight:activity_create"
    default_sort = "-planned_start"
    export_filename = "hoat-dong-giam-sat"
    columns = (
        ui.Column(_("Nội dung, chủ đề"), "title", sort="title", link=True),
        ui.Column(_("Hình thức"), "kind", sort="kind"),
        ui.Column(_("Chủ thể"), lambda a: a.body or a.deputy),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Dự kiến bắt đầu"), "planned_start", sort="planned_start"),
        ui.Column(_("Bắt đầu"), "actual_start", sort="actual_start"),
        ui.Column(_("Trạng thái"), "status", sort="status"),
    )


class ActivityDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.activities_for)
    list_url_name = "oversight:activity_list"
    list_title = _("Hoạt động giám sát")
    fields = (
        ui.Column(_("Hình thức"), "kind"),
        ui.Column(_("HĐND"), "council.name"),
        ui.Column(_("Chủ thể giám sát"), lambda a: a.body or a.deputy),
        ui.Column(_("Trạng thái"), "status"),
        ui.Column(_("Lĩnh vực"), "field.name"),
        ui.Column(_("Cơ quan chịu giám sát"), lambda a: "; ".join(str(x) for x in a.subject_agencies.all())),
        ui.Column(_("Thành phần"), lambda a: "; ".join(f"{p.deputy} ({p.get_role_display()})"
                                                    for p in a.participations.all())),
        ui.Column(_("Dự kiến"), lambda a: " – ".join(ui.display_value(d) for d in (a.planned_start, a.planned_end) if d)),
        ui.Column(_("Thực hiện"), lambda a: " – ".join(ui.display_value(d) for d in (a.actual_start, a.actual_end) if d)),
        ui.Column(_("Kết luận"), "conclusion"),
        ui.Column(_("Ngày kết luận"), "conclusion_date"),
    )

    def actions(self, activity):
        user, pk = self.request.user, activity.pk
        links = []
        if permissions.can_edit_activity(user, activity):
            links.append(ui.edit_link("oversight:activity_edit", activity))
        if permissions.can_start_activity(user, activity):
            links.append(ui.Link(_("Bắt đầu"), reverse("oversight:activity_start", args=[pk]), icon="play",
                                 method="post", css="btn-primary"))
        if permissions.can_conclude_activity(user, activity):
            links.append(ui.Link(_("Kết luận"), reverse("oversight:activity_conclude", args=[pk]), icon="check2-square",
                                 css="btn-primary"))
        if permissions.can_add_recommendation(user, activity):
            links.append(ui.Link(_("Thêm kiến nghị"), reverse("oversight:recommendation_create", args=[pk]),
                                 icon="plus-lg"))
        if permissions.can_cancel_activity(user, activity):
            links.append(ui.Link(pgettext("action", "Hủy"), reverse("oversight:activity_cancel", args=[pk]), icon="x-lg", method="post",
                                 css="btn-outline-danger", confirm=_("Hủy hoạt động giám sát này?")))
        return links

    def sections(self, activity):
        recommendations = selectors.recommendations_for(self.request.user).filter(activity=activity)
        questions = selectors.questions_for(self.request.user).filter(activity=activity)
        return [
            ui.Section(_("Kiến nghị giám sát"), (
                ui.Column(_("Nội dung"), lambda r: str(r), link=True),
                ui.Column(_("Cơ quan"), "agency"),
                ui.Column(_("Thời hạn"), "due_date"),
                ui.Column(_("Tình trạng"), "status"),
            ), list(recommendations), url=_url("recommendation_detail")),
            ui.Section(_("Câu hỏi chất vấn"), (
                ui.Column(_("Nội dung"), lambda q: str(q), link=True),
                ui.Column(_("Đại biểu"), "asked_by"),
                ui.Column(_("Cơ quan trả lời"), "answering_agency"),
                ui.Column(_("Ngày trả lời"), "answered_on"),
            ), list(questions), url=_url("question_detail")) if activity.kind in QUESTIONING_KINDS else None,
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["sections"] = [s for s in context["sections"] if s is not None]
        return context


class ActivityCreateView(ui.ServiceFormView):
    title = _("Thêm hoạt động giám sát")
    form_class = forms.ActivityForm
    service = staticmethod(services.create_activity)
    detail_url_name = "oversight:activity_detail"
    cancel_url_name = "oversight:activity_list"
    success_message = _("Đã lưu hoạt động giám sát.")


class ActivityEditView(ui.ObjectEditView):
    title = _("Sửa hoạt động giám sát")
    form_class = forms.ActivityEditForm
    selector = staticmethod(selectors.activities_for)
    service = staticmethod(services.update_activity)
    object_kwarg = "activity"
    detail_url_name = "oversight:activity_detail"


class ActivityConcludeView(ui.ObjectFormView):
    title = _("Kết luận hoạt động giám sát")
    form_class = forms.ConcludeForm
    selector = staticmethod(selectors.activities_for)
    service = staticmethod(services.conclude_activity)
    object_kwarg = "activity"
    detail_url_name = "oversight:activity_detail"
    success_message = _("Đã ghi kết luận.")
    prefill = True
    field_sources = {"ended_on": "actual_end"}


class ActivityStartView(ui.ServiceActionView):
    selector = staticmethod(selectors.activities_for)
    service = staticmethod(services.start_activity)
    object_kwarg = "activity"
    detail_url_name = "oversight:activity_detail"
    success_message = _("Hoạt động đã bắt đầu.")


class ActivityCancelView(ActivityStartView):
    service = staticmethod(services.cancel_activity)
    success_message = _("Đã hủy hoạt động.")
