"""One FilterSet per resource of the oversight app, shared by the API, the list pages and the exports.

Choices of related rows (council, body, deputy...) are scoped to the requesting user, so a filter can
neither offer nor accept another council's rows. ``council`` and ``subtree_of`` come from
``CouncilScopedFilterSet``.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils.filtersets import AgencyFilter, CouncilScopedFilterSet, YearFilter
from councils.models import Agency, Body, Council, Deputy
from councils.selectors import agencies_for
from utilities import text
from utilities.filters import ChoicesFilter

from . import selectors
from .choices import ActivityKind, ActivityStatus, FollowUpStatus, WorkItemOrigin, WorkItemStatus
from .models import (
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Question,
    Recommendation,
    Training,
    WorkItem,
)


def _user(request):
    return getattr(request, "user", None)


def _councils(request):
    return Council.objects.for_user(_user(request)) if request else Council.objects.none()


def _bodies(request):
    return Body.objects.for_user(_user(request)) if request else Body.objects.none()


def _deputies(request):
    return Deputy.objects.for_user(_user(request)) if request else Deputy.objects.none()


def _agencies(request):
    return agencies_for(_user(request)) if request else Agency.objects.none()


def _activities(request):
    return OversightActivity.objects.for_user(_user(request)) if request else OversightActivity.objects.none()


class _OverdueFilter(django_filters.BooleanFilter):
    def __init__(self, *args, overdue_q, **kwargs):
        self.overdue_q = overdue_q
        kwargs.setdefault("label", _("quá hạn"))
        kwargs.setdefault("method", self._filter_overdue)
        super().__init__(*args, **kwargs)

    def _filter_overdue(self, queryset, name, value):
        if value is None:
            return queryset
        q = self.overdue_q(selectors.today())
        return queryset.filter(q) if value else queryset.exclude(q)


class ProgrammeFilterSet(CouncilScopedFilterSet):
    year = django_filters.NumberFilter(label=_("năm"))

    class Meta:
        model = OversightProgramme
        fields = ["council", "year"]


class ActivityFilterSet(CouncilScopedFilterSet):
    body = django_filters.ModelChoiceFilter(queryset=_bodies, label=_("chủ thể giám sát"))
    kind = ChoicesFilter(choices=ActivityKind.choices, label=_("hình thức"))
    status = ChoicesFilter(choices=ActivityStatus.choices, label=_("trạng thái"))
    year = YearFilter(method="filter_year", label=_("năm"))
    date_from = django_filters.DateFilter(method="filter_date_from", label=_("từ ngày"))
    date_to = django_filters.DateFilter(method="filter_date_to", label=_("đến ngày"))
    agency = AgencyFilter(queryset=_agencies, field_name="subject_agencies",
                                              label=_("cơ quan chịu giám sát"), distinct=True)
    deputy = django_filters.ModelChoiceFilter(queryset=_deputies, method="filter_deputy", label=_("đại biểu"))
    programme = django_filters.NumberFilter(field_name="programme", label=_("chương trình"))
    q = django_filters.CharFilter(method="filter_q", label=_("tìm theo nội dung (không cần dấu)"))

    class Meta:
        model = OversightActivity
        fields = ["council", "body", "kind", "status", "year", "agency", "deputy", "programme"]

    def filter_q(self, queryset, name, value):
        return text.search(queryset, ["title"], value)

    # An activity's date is when it actually started, or, while still planned, when it is planned to.
    def filter_year(self, queryset, name, value):
        return queryset.filter(Q(actual_start__year=value) | Q(actual_start__isnull=True, planned_start__year=value))

    def filter_date_from(self, queryset, name, value):
        return queryset.filter(Q(actual_start__gte=value) | Q(actual_start__isnull=True, planned_start__gte=value))

    def filter_date_to(self, queryset, name, value):
        return queryset.filter(Q(actual_start__lte=value) | Q(actual_start__isnull=True, planned_start__lte=value))

    def filter_deputy(self, queryset, name, value):
        # The deputy's own oversight and the missions they took part in.
        return queryset.filter(Q(deputy=value) | Q(participations__deputy=value)).distinct()


class RecommendationFilterSet(CouncilScopedFilterSet):
    body = django_filters.ModelChoiceFilter(queryset=_bodies, field_name="activity__body", label=_("chủ thể giám sát"))
    status = ChoicesFilter(choices=FollowUpStatus.choices, label=_("tình trạng thực hiện"))
    agency = AgencyFilter(queryset=_agencies, label=_("cơ quan được kiến nghị"))
    activity = django_filters.ModelChoiceFilter(queryset=_activities, label=_("hoạt động giám sát"))
    overdue = _OverdueFilter(overdue_q=selectors.follow_up_overdue_q)
    due_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("hạn từ ngày"))
    due_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("hạn đến ngày"))
    follower = django_filters.ModelChoiceFilter(queryset=_deputies, field_name="followers",
                                                label=_("đại biểu theo dõi"), distinct=True)

    class Meta:
        model = Recommendation
        fields = ["council", "body", "status", "agency", "activity", "overdue", "follower"]


class QuestionFilterSet(CouncilScopedFilterSet):
    activity = django_filters.ModelChoiceFilter(queryset=_activities, label=_("phiên chất vấn"))
    asked_by = django_filters.ModelChoiceFilter(queryset=_deputies, label=_("đại biểu chất vấn"))
    answering_agency = AgencyFilter(queryset=_agencies, label=_("cơ quan trả lời"))
    answered = django_filters.BooleanFilter(field_name="answered_on", lookup_expr="isnull", exclude=True,
                                            label=_("đã trả lời"))

    class Meta:
        model = Question
        fields = ["council", "activity", "asked_by", "answering_agency", "answered"]


class CommitmentFilterSet(CouncilScopedFilterSet):
    activity = django_filters.ModelChoiceFilter(queryset=_activities, field_name="question__activity",
                                                label=_("phiên chất vấn"))
    question = django_filters.NumberFilter(field_name="question", label=_("câu hỏi chất vấn"))
    status = ChoicesFilter(choices=FollowUpStatus.choices, label=_("tình trạng thực hiện"))
    agency = AgencyFilter(queryset=_agencies, label=_("cơ quan cam kết"))
    overdue = _OverdueFilter(overdue_q=selectors.follow_up_overdue_q)
    due_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("hạn từ ngày"))
    due_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("hạn đến ngày"))

    class Meta:
        model = Commitment
        fields = ["council", "activity", "question", "status", "agency", "overdue"]


class WorkItemFilterSet(CouncilScopedFilterSet):
    body = django_filters.ModelChoiceFilter(queryset=_bodies, field_name="responsible_body",
                                            label=_("cơ quan chịu trách nhiệm"))
    year = django_filters.NumberFilter(label=_("năm"))
    status = ChoicesFilter(choices=WorkItemStatus.choices, label=_("trạng thái"))
    origin = django_filters.ChoiceFilter(choices=WorkItemOrigin.choices, label=_("nguồn"))
    overdue = _OverdueFilter(overdue_q=selectors.work_item_overdue_q)
    assignee = django_filters.ModelChoiceFilter(queryset=_deputies, field_name="assignee_deputies",
                                                label=_("đại biểu được giao"), distinct=True)
    due_from = django_filters.DateFilter(field_name="due_date", lookup_expr="gte", label=_("hạn từ ngày"))
    due_to = django_filters.DateFilter(field_name="due_date", lookup_expr="lte", label=_("hạn đến ngày"))
    q = django_filters.CharFilter(method="filter_q", label=_("tìm theo nội dung (không cần dấu)"))

    def filter_q(self, queryset, name, value):
        return text.search(queryset, ["title"], value)

    class Meta:
        model = WorkItem
        fields = ["council", "body", "year", "status", "origin", "overdue", "assignee"]


class TrainingFilterSet(CouncilScopedFilterSet):
    year = YearFilter(field_name="start_date", label=_("năm"))
    date_from = django_filters.DateFilter(field_name="start_date", lookup_expr="gte", label=_("từ ngày"))
    date_to = django_filters.DateFilter(field_name="start_date", lookup_expr="lte", label=_("đến ngày"))

    class Meta:
        model = Training
        fields = ["council", "year"]


class BriefingFilterSet(CouncilScopedFilterSet):
    participant = django_filters.ModelChoiceFilter(queryset=_councils, field_name="participating_councils",
                                                   label=_("HĐND tham dự"), distinct=True)
    year = YearFilter(field_name="date", label=_("năm"))
    date_from = django_filters.DateFilter(field_name="date", lookup_expr="gte", label=_("từ ngày"))
    date_to = django_filters.DateFilter(field_name="date", lookup_expr="lte", label=_("đến ngày"))

    class Meta:
        model = Briefing
        fields = ["council", "participant", "year"]
