"""Pages of the oversight app: activities with their recommendations, questioning and
commitments, the work programme ("5 rõ"), trainings, briefings, programmes, and the overdue board."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from utilities import ui

from . import filtersets, forms, permissions, selectors, services
from .choices import QUESTIONING_KINDS


def _url(name):
    return lambda obj: reverse(f"oversight:{name}", args=[obj.pk])


# --- activities ------------------------------------------------------------------------------------------

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


class ActivityStartView(ui.ServiceActionView):
    selector = staticmethod(selectors.activities_for)
    service = staticmethod(services.start_activity)
    object_kwarg = "activity"
    detail_url_name = "oversight:activity_detail"
    success_message = _("Hoạt động đã bắt đầu.")


class ActivityCancelView(ActivityStartView):
    service = staticmethod(services.cancel_activity)
    success_message = _("Đã hủy hoạt động.")


# --- recommendations and commitments -----------------------------------------------------------------------

FOLLOW_UP_COLUMNS = (
    ui.Column(_("Nội dung"), lambda r: str(r), sort="content", link=True),
    ui.Column(_("Cơ quan"), "agency", sort="agency__name"),
    ui.Column(_("Thời hạn"), "due_date", sort="due_date"),
    ui.Column(_("Tình trạng"), "status", sort="status"),
    ui.Column(_("Quá hạn"), lambda r: _("Quá hạn") if r.is_overdue else "", css="text-danger"),
)


class RecommendationListView(ui.ScopedListView):
    title = _("Kiến nghị giám sát")
    selector = staticmethod(selectors.recommendations_for)
    filterset_class = filtersets.RecommendationFilterSet
    filter_fields = ("subtree_of", "status", "agency", "overdue", "due_from", "due_to")
    detail_url_name = "oversight:recommendation_detail"
    default_sort = "due_date"
    export_filename = "kien-nghi-giam-sat"
    columns = FOLLOW_UP_COLUMNS[:2] + (ui.Column(_("Hoạt động giám sát"), "activity.title"),) + FOLLOW_UP_COLUMNS[2:]


class FollowUpDetailView(ui.ScopedDetailView):
    status_url_name = ""

    def actions(self, item):
        if permissions.can_update_follow_up(self.request.user, item):
            return [ui.Link(_("Cập nhật tình trạng"), reverse(self.status_url_name, args=[item.pk]),
                            icon="pencil-square", css="btn-primary")]
        return []


class RecommendationDetailView(FollowUpDetailView):
    selector = staticmethod(selectors.recommendations_for)
    list_url_name = "oversight:recommendation_list"
    list_title = _("Kiến nghị giám sát")
    status_url_name = "oversight:recommendation_status"
    fields = (
        ui.Column(_("Nội dung"), "content"),
        ui.Column(_("Hoạt động giám sát"), "activity.title"),
        ui.Column(_("HĐND"), "activity.council.name"),
        ui.Column(_("Cơ quan được kiến nghị"), "agency"),
        ui.Column(_("Thời hạn"), "due_date"),
        ui.Column(_("Tình trạng thực hiện"), "status"),
        ui.Column(_("Kết quả thực hiện"), "result"),
        ui.Column(_("Minh chứng"), "evidence"),
        ui.Column(_("Ngày hoàn thành"), "completed_on"),
        ui.Column(_("Đại biểu theo dõi"), lambda r: "; ".join(str(d) for d in r.followers.all())),
    )



class RecommendationCreateView(ui.ObjectFormView):
    title = _("Thêm kiến nghị giám sát")
    form_class = forms.RecommendationForm
    selector = staticmethod(selectors.activities_for)
    service = staticmethod(services.create_recommendation)
    object_kwarg = "activity"
    detail_url_name = "oversight:activity_detail"
    success_message = _("Đã lưu kiến nghị.")


class RecommendationStatusView(ui.ObjectFormView):
    title = _("Cập nhật tình trạng thực hiện kiến nghị")
    form_class = forms.FollowUpStatusForm
    selector = staticmethod(selectors.recommendations_for)
    service = staticmethod(services.update_recommendation_status)
    object_kwarg = "recommendation"
    detail_url_name = "oversight:recommendation_detail"
    success_message = _("Đã cập nhật tình trạng.")


class QuestionListView(ui.ScopedListView):
    title = _("Chất vấn")
    selector = staticmethod(selectors.questions_for)
    filterset_class = filtersets.QuestionFilterSet
    filter_fields = ("subtree_of", "answering_agency", "answered")
    detail_url_name = "oversight:question_detail"
    default_sort = "-activity__actual_start"
    export_filename = "chat-van"
    columns = (
        ui.Column(_("Nội dung chất vấn"), lambda q: str(q), link=True),
        ui.Column(_("Đại biểu chất vấn"), "asked_by", sort="asked_by__full_name"),
        ui.Column(_("Cơ quan trả lời"), "answering_agency", sort="answering_agency__name"),
        ui.Column(_("Phiên chất vấn"), "activity.title", sort="activity__actual_start"),
        ui.Column(_("Ngày trả lời"), "answered_on", sort="answered_on"),
        ui.Column(_("Số cam kết"), "commitments_count", css="text-end"),
    )


class QuestionDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.questions_for)
    list_url_name = "oversight:question_list"
    list_title = _("Chất vấn")
    fields = (
        ui.Column(_("Nội dung chất vấn"), "question"),
        ui.Column(_("Đại biểu chất vấn"), "asked_by"),
        ui.Column(_("Phiên chất vấn"), "activity.title"),
        ui.Column(_("Cơ quan trả lời"), "answering_agency"),
        ui.Column(_("Người trả lời"), "answering_official"),
        ui.Column(_("Nội dung trả lời"), "answer"),
        ui.Column(_("Ngày trả lời"), "answered_on"),
    )

    def sections(self, question):
        commitments = selectors.commitments_for(self.request.user).filter(question=question)
        return [ui.Section(_("Cam kết sau chất vấn"), FOLLOW_UP_COLUMNS, list(commitments),
                           url=_url("commitment_detail"))]


class CommitmentListView(ui.ScopedListView):
    title = _("Cam kết sau chất vấn")
    selector = staticmethod(selectors.commitments_for)
    filterset_class = filtersets.CommitmentFilterSet
    filter_fields = ("subtree_of", "status", "agency", "overdue")
    detail_url_name = "oversight:commitment_detail"
    default_sort = "due_date"
    export_filename = "cam-ket"
    columns = FOLLOW_UP_COLUMNS


class CommitmentDetailView(FollowUpDetailView):
    selector = staticmethod(selectors.commitments_for)
    list_url_name = "oversight:commitment_list"
    list_title = _("Cam kết sau chất vấn")
    status_url_name = "oversight:commitment_status"
    fields = (
        ui.Column(_("Nội dung"), "content"),
        ui.Column(_("Câu hỏi chất vấn"), "question.question"),
        ui.Column(_("Cơ quan cam kết"), "agency"),
        ui.Column(_("Thời hạn"), "due_date"),
        ui.Column(_("Tình trạng thực hiện"), "status"),
        ui.Column(_("Kết quả thực hiện"), "result"),
        ui.Column(_("Minh chứng"), "evidence"),
        ui.Column(_("Đại biểu theo dõi"), lambda r: "; ".join(str(d) for d in r.followers.all())),
    )



class CommitmentStatusView(RecommendationStatusView):
    title = _("Cập nhật tình trạng thực hiện cam kết")
    selector = staticmethod(selectors.commitments_for)
    service = staticmethod(services.update_commitment_status)
    object_kwarg = "commitment"
    detail_url_name = "oversight:commitment_detail"


# --- work programme ("5 rõ") ---------------------------------------------------------------------------------

class WorkItemListView(ui.ScopedListView):
    title = _("Chương trình công tác")
    selector = staticmethod(selectors.work_items_for)
    filterset_class = filtersets.WorkItemFilterSet
    filter_fields = ("q", "subtree_of", "year", "status", "origin", "overdue")
    detail_url_name = "oversight:workitem_detail"
    create_url_name = "oversight:workitem_create"
    default_sort = "due_date"
    export_filename = "chuong-trinh-cong-tac"
    columns = (
        ui.Column(_("Rõ việc"), "title", sort="title", link=True),
        ui.Column(_("Rõ người"), "lead", sort="lead"),
        ui.Column(_("Rõ trách nhiệm"), "responsible_body.name", sort="responsible_body__name"),
        ui.Column(_("Rõ thời gian"), "due_date", sort="due_date"),
        ui.Column(_("Rõ kết quả"), "deliverable"),
        ui.Column(_("Trạng thái"), "status", sort="status"),
        ui.Column(_("Quá hạn"), lambda w: _("Quá hạn") if w.is_overdue else "", css="text-danger"),
    )


class WorkItemDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.work_items_for)
    list_url_name = "oversight:workitem_list"
    list_title = _("Chương trình công tác")
    fields = (
        ui.Column(_("Rõ việc: nội dung công việc"), "title"),
        ui.Column(_("Rõ người: người chủ trì"), "lead"),
        ui.Column(_("Rõ trách nhiệm: cơ quan chịu trách nhiệm"), "responsible_body.name"),
        ui.Column(_("Rõ thời gian: thời hạn"), "due_date"),
        ui.Column(_("Rõ kết quả: sản phẩm"), "deliverable"),
        ui.Column(_("HĐND"), "council.name"),
        ui.Column(_("Năm"), "year"),
        ui.Column(_("Nguồn"), "origin"),
        ui.Column(_("Trạng thái"), "status"),
        ui.Column(_("Tiến độ"), "progress_note"),
        ui.Column(_("Ngày hoàn thành"), "done_on"),
        ui.Column(_("Đại biểu được giao"), lambda w: "; ".join(str(d) for d in w.assignee_deputies.all())),
    )

    def actions(self, item):
        user, links = self.request.user, []
        if permissions.can_start_work_item(user, item):
            links.append(ui.Link(_("Bắt đầu thực hiện"), reverse("oversight:workitem_start", args=[item.pk]),
                                 icon="play", method="post", css="btn-primary"))
        if permissions.can_complete_work_item(user, item):
            links.append(ui.Link(_("Hoàn thành"), reverse("oversight:workitem_complete", args=[item.pk]),
                                 icon="check2-square", css="btn-primary"))
        if permissions.can_report_work_item_progress(user, item):
            links.append(ui.Link(_("Cập nhật tiến độ"), reverse("oversight:workitem_progress", args=[item.pk]),
                                 icon="pencil"))
        if permissions.can_edit_work_item(user, item) and item.status in permissions.WORK_ITEM_OPEN:
            links.append(ui.edit_link("oversight:workitem_edit", item))
        if permissions.can_cancel_work_item(user, item):
            links.append(ui.Link(pgettext("action", "Hủy"), reverse("oversight:workitem_cancel", args=[item.pk]), icon="x-lg",
                                 method="post", css="btn-outline-danger", confirm=_("Hủy công việc này?")))
        return links


class WorkItemCreateView(ui.ServiceFormView):
    title = _("Thêm nội dung chương trình công tác (5 rõ)")
    form_class = forms.WorkItemForm
    service = staticmethod(services.create_work_item)
    detail_url_name = "oversight:workitem_detail"
    cancel_url_name = "oversight:workitem_list"
    success_message = _("Đã lưu nội dung công việc.")


class WorkItemEditView(ui.ObjectEditView):
    title = _("Sửa nội dung công việc")
    form_class = forms.WorkItemEditForm
    selector = staticmethod(selectors.work_items_for)
    service = staticmethod(services.update_work_item)
    object_kwarg = "item"
    detail_url_name = "oversight:workitem_detail"


class WorkItemStartView(ui.ServiceActionView):
    selector = staticmethod(selectors.work_items_for)
    service = staticmethod(services.start_work_item)
    object_kwarg = "item"
    detail_url_name = "oversight:workitem_detail"
    success_message = _("Đã bắt đầu thực hiện.")


class WorkItemCancelView(WorkItemStartView):
    service = staticmethod(services.cancel_work_item)
    success_message = _("Đã hủy công việc.")


class WorkItemCompleteView(ui.ObjectFormView):
    title = _("Hoàn thành công việc")
    form_class = forms.CompleteWorkItemForm
    selector = staticmethod(selectors.work_items_for)
    service = staticmethod(services.complete_work_item)
    object_kwarg = "item"
    detail_url_name = "oversight:workitem_detail"
    success_message = _("Đã ghi nhận hoàn thành.")


class WorkItemProgressView(WorkItemCompleteView):
    title = _("Cập nhật tiến độ")
    form_class = forms.ProgressForm
    service = staticmethod(services.report_work_item_progress)
    success_message = _("Đã cập nhật tiến độ.")


# --- trainings, briefings, programmes -----------------------------------------------------------------------

class TrainingListView(ui.ScopedListView):
    title = _("Tập huấn, bồi dưỡng")
    selector = staticmethod(selectors.trainings_for)
    filterset_class = filtersets.TrainingFilterSet
    filter_fields = ("subtree_of", "year", "date_from", "date_to")
    detail_url_name = "oversight:training_detail"
    create_url_name = "oversight:training_create"
    default_sort = "-start_date"
    export_filename = "tap-huan"
    columns = (
        ui.Column(_("Tên lớp"), "title", sort="title", link=True),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Từ ngày"), "start_date", sort="start_date"),
        ui.Column(_("Đến ngày"), "end_date"),
        ui.Column(_("Đơn vị tổ chức"), "organizer"),
        ui.Column(_("Số đại biểu dự"), "attended_count", sort="attended_count", css="text-end"),
    )


class TrainingDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.trainings_for)
    list_url_name = "oversight:training_list"
    list_title = _("Tập huấn, bồi dưỡng")
    fields = TrainingListView.columns[1:5] + (ui.Column(_("Địa điểm"), "place"),)

    def sections(self, training):
        attendances = selectors.attendances_for(self.request.user).filter(training=training).order_by("deputy__full_name")
        return [ui.Section(_("Điểm danh"), (
            ui.Column(_("Đại biểu"), "deputy"), ui.Column(_("Có mặt"), "attended"), ui.Column(_("Ghi chú"), "note"),
        ), list(attendances))]


class TrainingCreateView(ui.ServiceFormView):
    title = _("Thêm lớp tập huấn")
    form_class = forms.TrainingForm
    service = staticmethod(services.create_training)
    detail_url_name = "oversight:training_detail"
    cancel_url_name = "oversight:training_list"
    success_message = _("Đã lưu lớp tập huấn.")


class BriefingListView(ui.ScopedListView):
    title = _("Giao ban chuyên đề")
    selector = staticmethod(selectors.briefings_for)
    filterset_class = filtersets.BriefingFilterSet
    filter_fields = ("subtree_of", "year", "date_from", "date_to")
    detail_url_name = "oversight:briefing_detail"
    default_sort = "-date"
    export_filename = "giao-ban"
    columns = (
        ui.Column(_("Chủ đề"), "topic", sort="topic", link=True),
        ui.Column(_("HĐND chủ trì"), "council.name", sort="council__path"),
        ui.Column(_("Ngày"), "date", sort="date"),
        ui.Column(_("Địa điểm"), "place"),
        ui.Column(_("HĐND tham dự"), lambda b: "; ".join(c.name for c in b.participating_councils.all())),
    )


class BriefingDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.briefings_for)
    list_url_name = "oversight:briefing_list"
    list_title = _("Giao ban chuyên đề")
    fields = BriefingListView.columns[1:] + (ui.Column(_("Kết quả"), "summary"),)


class ProgrammeListView(ui.ScopedListView):
    title = _("Chương trình giám sát")
    selector = staticmethod(selectors.programmes_for)
    filterset_class = filtersets.ProgrammeFilterSet
    filter_fields = ("subtree_of", "year")
    detail_url_name = "oversight:programme_detail"
    default_sort = "-year"
    export_filename = "chuong-trinh-giam-sat"
    columns = (
        ui.Column(_("Năm"), "year", sort="year"),
        ui.Column(_("Tên chương trình"), "title", sort="title", link=True),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Số nghị quyết/quyết định"), "decision_number"),
        ui.Column(_("Ngày thông qua"), "approved_on"),
        ui.Column(_("Số hoạt động"), "activities_count", sort="activities_count", css="text-end"),
    )


class ProgrammeDetailView(ui.ScopedDetailView):
    selector = staticmethod(selectors.programmes_for)
    list_url_name = "oversight:programme_list"
    list_title = _("Chương trình giám sát")
    fields = ProgrammeListView.columns

    def sections(self, programme):
        activities = selectors.activities_for(self.request.user).filter(programme=programme)
        return [ui.Section(_("Hoạt động trong chương trình"), ActivityListView.columns, list(activities),
                           url=_url("activity_detail"))]
