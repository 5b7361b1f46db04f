"""Pages of the follow-up: recommendations of an oversight, questioning with its questions, and the
commitments made under questioning, each with its status update."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utilities import ui

from .. import filtersets, forms, permissions, selectors, services
from ._links import _url

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
    prefill = True


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
        ui.Column(_("HĐND"), "activity.council.name", sort="activity__council__path"),
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
    columns = (*FOLLOW_UP_COLUMNS,
               ui.Column(_("HĐND"), "question.activity.council.name", sort="question__activity__council__path"))


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
