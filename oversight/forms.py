"""Forms of the oversight pages. They only collect input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils import forms as council_forms
from councils.models import Agency, Body, Council, Deputy, Field, Session
from utilities import ui
from utilities.limits import LONG_TEXT_MAX_LENGTH

from .choices import ActivityKind, FollowUpStatus, WorkItemOrigin
from .models import OversightProgramme


class ScopedForm(council_forms.ScopedForm):
    """Also limits the oversight programmes offered to those the user maintains."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "programme" in self.fields:
            self.fields["programme"].queryset = OversightProgramme.objects.manageable_by(self.user)


# "5 rõ": the service refuses an item without them, so the form marks them required.
FIVE_CLEAR = ("title", "lead", "responsible_body", "due_date", "deliverable")


class WorkItemForm(ScopedForm):
    """Một nội dung chương trình công tác, đủ "5 rõ"."""

    starred_fields = FIVE_CLEAR

    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, initial=lambda: timezone.localdate().year)
    origin = forms.ChoiceField(label=_("Nguồn"), choices=WorkItemOrigin.choices, initial=WorkItemOrigin.PLANNED)
    title = forms.CharField(label=_("Rõ việc: nội dung công việc"), max_length=500, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))
    lead = forms.CharField(label=_("Rõ người: người chủ trì"), max_length=200, required=False)
    responsible_body = forms.ModelChoiceField(label=_("Rõ trách nhiệm: cơ quan chịu trách nhiệm"),
                                              queryset=Body.objects.none(), required=False)
    due_date = ui.PlausibleDateField(label=_("Rõ thời gian: thời hạn"), required=False)
    deliverable = forms.CharField(label=_("Rõ kết quả: sản phẩm"), max_length=500, required=False)
    assignee_deputies = forms.ModelMultipleChoiceField(label=_("Đại biểu được giao"), queryset=Deputy.objects.none(),
                                                       required=False)


class WorkItemEditForm(ScopedForm):
    """Sửa một nội dung chương trình công tác: the same "5 rõ", checked again by the service."""

    starred_fields = FIVE_CLEAR

    title = WorkItemForm.base_fields["title"]
    lead = WorkItemForm.base_fields["lead"]
    responsible_body = WorkItemForm.base_fields["responsible_body"]
    due_date = WorkItemForm.base_fields["due_date"]
    deliverable = WorkItemForm.base_fields["deliverable"]
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100)
    origin = WorkItemForm.base_fields["origin"]
    assignee_deputies = WorkItemForm.base_fields["assignee_deputies"]


class ActivityForm(ScopedForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=ActivityKind.choices)
    title = forms.CharField(label=_("Nội dung, chủ đề"), max_length=500)
    body = forms.ModelChoiceField(label=_("Chủ thể giám sát"), queryset=Body.objects.none(), required=False)
    deputy = forms.ModelChoiceField(label=_("Đại biểu giám sát"), queryset=Deputy.objects.none(), required=False)
    programme = forms.ModelChoiceField(label=_("Thuộc chương trình"), queryset=OversightProgramme.objects.none(),
                                       required=False)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True), required=False)
    session = forms.ModelChoiceField(label=_("Tại kỳ họp"), queryset=Session.objects.none(), required=False)
    subject_agencies = forms.ModelMultipleChoiceField(label=_("Cơ quan chịu giám sát"), queryset=Agency.objects.none(),
                                                      required=False)
    planned_start = ui.PlausibleDateField(label=_("Dự kiến bắt đầu"), required=False)
    planned_end = ui.PlausibleDateField(label=_("Dự kiến kết thúc"), required=False)


class ConcludeForm(forms.Form):
    conclusion = forms.CharField(label=_("Kết luận"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                                 widget=forms.Textarea(attrs={"rows": 4}))
    conclusion_date = ui.PlausibleDateField(label=_("Ngày kết luận"), required=False)
    ended_on = ui.PlausibleDateField(label=_("Ngày kết thúc"), required=False)


class RecommendationForm(ScopedForm):
    agency = forms.ModelChoiceField(label=_("Cơ quan được kiến nghị"), queryset=Agency.objects.none())
    content = forms.CharField(label=_("Nội dung kiến nghị"), max_length=LONG_TEXT_MAX_LENGTH,
                              widget=forms.Textarea(attrs={"rows": 3}))
    due_date = ui.PlausibleDateField(label=_("Thời hạn"), required=False)
    followers = forms.ModelMultipleChoiceField(label=_("Đại biểu theo dõi"), queryset=Deputy.objects.none(),
                                               required=False)


class FollowUpStatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Tình trạng thực hiện"), choices=FollowUpStatus.choices)
    result = forms.CharField(label=_("Kết quả thực hiện"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))
    evidence = forms.CharField(label=_("Minh chứng"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                               widget=forms.Textarea(attrs={"rows": 2}))
    completed_on = ui.PlausibleDateField(label=_("Ngày hoàn thành"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=LONG_TEXT_MAX_LENGTH, required=False)


class CompleteWorkItemForm(forms.Form):
    done_on = ui.PlausibleDateField(label=_("Ngày hoàn thành"), required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=LONG_TEXT_MAX_LENGTH, required=False)


class ProgressForm(forms.Form):
    progress_note = forms.CharField(label=_("Tiến độ"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                                    widget=forms.Textarea(attrs={"rows": 3}))


class TrainingForm(ScopedForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    title = forms.CharField(label=_("Tên lớp"), max_length=255)
    organizer = forms.CharField(label=_("Đơn vị tổ chức"), max_length=255, required=False)
    start_date = ui.PlausibleDateField(label=_("Từ ngày"))
    end_date = ui.PlausibleDateField(label=_("Đến ngày"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)


class ActivityEditForm(ScopedForm):
    """Sửa mô tả và thời gian của hoạt động giám sát (status and conclusion have their own pages)."""

    kind = ActivityForm.base_fields["kind"]
    title = ActivityForm.base_fields["title"]
    body = ActivityForm.base_fields["body"]
    field = ActivityForm.base_fields["field"]
    subject_agencies = ActivityForm.base_fields["subject_agencies"]
    planned_start = ActivityForm.base_fields["planned_start"]
    planned_end = ActivityForm.base_fields["planned_end"]
    actual_start = ui.PlausibleDateField(label=_("Ngày bắt đầu"), required=False)
    actual_end = ui.PlausibleDateField(label=_("Ngày kết thúc"), required=False)
