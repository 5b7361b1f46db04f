"""What the secretariat's home shows: today's queue and the overview, each figure a card that counts a list
page with its own query and links to it, so the card and the list always agree."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils import scoping
from councils import views as council_views
from oversight import views as oversight_views
from voters import views as voters_views
from voters.choices import AnswerReview, PetitionStatus


@dataclass(frozen=True)
class CardSpec:
    key: str
    label: object
    hint: object
    url_name: str
    list_view: type
    # The list's query: a callable of the council so the figures are the council's and those below it.
    params: object
    tone: str = ""  # "warning" or "danger": work waiting or late


@dataclass(frozen=True)
class Card:
    key: str
    label: str
    hint: str
    count: int
    url: str
    tone: str


def _subtree(council, **params) -> dict:
    return {"subtree_of": council.pk, **params}


def _year_start() -> datetime.date:
    return datetime.date(timezone.localdate().year, 1, 1)


# Today's queue: the secretariat's work waiting now, in the order it is usually done.
QUEUE: tuple[CardSpec, ...] = (
    CardSpec("to_classify", _("Chờ phân loại"), _("Kiến nghị mới tiếp nhận"), "voters:petition_list",
             voters_views.PetitionListView, lambda c: _subtree(c, status=PetitionStatus.RECEIVED), "warning"),
    CardSpec("to_forward", _("Chờ chuyển"), _("Đã phân loại, chưa chuyển cơ quan"), "voters:petition_list",
             voters_views.PetitionListView, lambda c: _subtree(c, status=PetitionStatus.CLASSIFIED), "warning"),
    CardSpec("to_review", _("Trả lời chờ xem xét"), _("Cơ quan đã gửi trả lời trên cổng"), "voters:petition_list",
             voters_views.PetitionListView, lambda c: _subtree(c, answer_review=AnswerReview.SUBMITTED), "warning"),
    CardSpec("feedback", _("Ý kiến cử tri"), _("Người gửi báo chưa được giải quyết"), "voters:feedback_queue",
             voters_views.FeedbackQueueView, lambda c: {}, "warning"),
    CardSpec("due_soon", _("Sắp đến hạn"), _("Hạn chuyển hoặc hạn trả lời sắp tới, sẽ được nhắc"),
             "voters:petition_list", voters_views.PetitionListView, lambda c: _subtree(c, due_soon="true"), "warning"),
    CardSpec("overdue", _("Kiến nghị quá hạn"), _("Quá hạn chuyển hoặc cơ quan quá hạn trả lời"),
             "voters:petition_list", voters_views.PetitionListView, lambda c: _subtree(c, overdue="true"), "danger"),
    CardSpec("recommendations_overdue", _("Kiến nghị giám sát quá hạn"), _("Cơ quan chưa thực hiện đúng hạn"),
             "oversight:recommendation_list", oversight_views.RecommendationListView,
             lambda c: _subtree(c, overdue="true"), "danger"),
    CardSpec("work_items_late", _("Công việc trễ hạn"), _("Chương trình công tác chưa xong đúng hạn"),
             "oversight:workitem_list", oversight_views.WorkItemListView, lambda c: _subtree(c, overdue="true"),
             "danger"),
)

# The overview: the council's records, and those of the councils below it.
OVERVIEW: tuple[CardSpec, ...] = (
    CardSpec("deputies", _("Đại biểu đương nhiệm"), "", "deputy_list", council_views.DeputyListView,
             lambda c: _subtree(c, is_active="true")),
    CardSpec("sessions", _("Kỳ họp trong năm"), "", "session_list", council_views.SessionListView,
             lambda c: _subtree(c, year=timezone.localdate().year)),
    CardSpec("activities", _("Hoạt động giám sát trong năm"), "", "oversight:activity_list",
             oversight_views.ActivityListView, lambda c: _subtree(c, date_from=_year_start().isoformat())),
    CardSpec("petitions", _("Kiến nghị, đơn thư"), _("Không gồm kiến nghị đã gộp vào kiến nghị khác"),
             "voters:petition_list", voters_views.PetitionListView, lambda c: _subtree(c, merged="false")),
    CardSpec("forwarded", _("Đã chuyển, chờ trả lời"), "", "voters:petition_list", voters_views.PetitionListView,
             lambda c: _subtree(c, status=PetitionStatus.FORWARDED)),
)


def cards(request, council, specs: tuple[CardSpec, ...]) -> list[Card]:
    """One card per spec: the list's own count for the council's subtree and the address of that list.

    When everything the user sees already lies in that subtree (a province's clerk on the province's home), the
    count leaves ``subtree_of`` out: the same rows, without the same ``path LIKE`` twice, which made the planner
    take Hà Nội's 127 councils for 3 (agency staff excepted: their lists also hold other councils' rows)."""
    user = request.user
    redundant = not scoping.agency_ids(user) and scoping.scope_within(user, council.path)
    result = []
    for spec in specs:
        params = spec.params(council)
        url = reverse(spec.url_name) + (f"?{urlencode(params, doseq=True)}" if params else "")
        counted = {k: v for k, v in params.items() if k != "subtree_of"} if redundant else params
        result.append(Card(spec.key, str(spec.label), str(spec.hint), spec.list_view.count_for(request, counted), url,
                           spec.tone))
    return result
