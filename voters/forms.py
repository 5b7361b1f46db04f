"""Forms of the voters pages. They only collect input; the services validate and save."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from councils import scoping
from councils.choices import BodyKind
from councils.forms import ScopedForm
from councils.models import Agency, Body, Council, Deputy, Field, Session
from utilities import ui
from utilities.limits import LONG_TEXT_MAX_LENGTH

from .choices import LETTER_KINDS, AnswerOutcome, Channel, MeetingKind
from .models import Forwarding, Petition


class VoterMeetingForm(ScopedForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    body = forms.ModelChoiceField(label=_("Tổ đại biểu / Thường trực"), queryset=Body.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=MeetingKind.choices)
    session = forms.ModelChoiceField(label=_("Kỳ họp"), queryset=Session.objects.none(), required=False)
    topic = forms.CharField(label=_("Chủ đề"), max_length=255, required=False,
                            help_text=_("Bắt buộc với tiếp xúc cử tri chuyên đề."))
    date = ui.PlausibleDateField(label=_("Ngày"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    attendance = forms.IntegerField(label=_("Số cử tri tham dự"), min_value=0, initial=0)
    with_fatherland_front = forms.BooleanField(label=_("Phối hợp với MTTQ"), required=False, initial=True)
    deputies = forms.ModelMultipleChoiceField(label=_("Đại biểu dự"), queryset=Deputy.objects.none(), required=False)
    notes = forms.CharField(label=_("Ghi chú"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                            widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, user=user, **kwargs)
        mine = scoping.deputy_ids(user)
        if not mine:
            return
        # A deputy records the meetings of their own deputy group, in their own council.
        managed = Council.objects.manageable_by(user).values("pk")
        own_councils = Deputy.objects.filter(pk__in=mine).values("council")
        groups = Body.objects.filter(kind=BodyKind.DEPUTY_GROUP, memberships__deputy__in=mine,
                                     memberships__end_date__isnull=True, dissolved_on__isnull=True)
        self.fields["council"].queryset = Council.objects.filter(Q(pk__in=managed) | Q(pk__in=own_councils))
        self.fields["body"].queryset = Body.objects.filter(
            Q(council__in=managed) | Q(pk__in=groups.values("pk"))).select_related("council")
        self.fields["deputies"].queryset = Deputy.objects.filter(
            Q(council__in=managed) | Q(council__in=own_councils), end_date__isnull=True)
        self.fields["session"].queryset = Session.objects.filter(
            Q(council__in=managed) | Q(council__in=own_councils)).select_related("council")
        if not self.is_bound:
            self.fields["deputies"].initial = list(mine)
            own = Deputy.objects.filter(pk__in=mine).values_list("council", flat=True).first()
            self.fields["council"].initial = self.fields["council"].initial or own
            first_group = groups.values_list("pk", flat=True).first()
            if first_group:
                self.fields["body"].initial = first_group

    def clean(self):
        """The body, session and deputies present must be of the meeting's council: every mismatch beside its
        field at once (the box offers the user's councils, grouped, so a wrong pick is possible)."""
        cleaned = super().clean()
        council = cleaned.get("council")
        if council is None:
            return cleaned
        for name in ("body", "session"):
            chosen = cleaned.get(name)
            if chosen is not None and chosen.council_id != council.pk:
                self.add_error(name, _("%(choice)s không thuộc %(council)s.") % {"choice": chosen, "council": council})
        strangers = [deputy for deputy in cleaned.get("deputies") or () if deputy.council_id != council.pk]
        if strangers:
            self.add_error("deputies", _("Đại biểu dự phải là đại biểu của %(council)s.") % {"council": council})
        return cleaned


class VoterMeetingEditForm(ScopedForm):
    """Sửa cuộc tiếp xúc cử tri: everything but the council it belongs to."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.council is not None:
            # Only the deputies of the meeting's own council may attend it (not those of the councils below).
            deputies = self.fields["deputies"]
            deputies.queryset = deputies.queryset.filter(council=self.council)

    body = VoterMeetingForm.base_fields["body"]
    kind = VoterMeetingForm.base_fields["kind"]
    session = VoterMeetingForm.base_fields["session"]
    topic = VoterMeetingForm.base_fields["topic"]
    date = VoterMeetingForm.base_fields["date"]
    place = VoterMeetingForm.base_fields["place"]
    attendance = VoterMeetingForm.base_fields["attendance"]
    with_fatherland_front = VoterMeetingForm.base_fields["with_fatherland_front"]
    deputies = VoterMeetingForm.base_fields["deputies"]
    notes = VoterMeetingForm.base_fields["notes"]


class PetitionEditForm(forms.Form):
    """Sửa nội dung, lĩnh vực, nguồn tiếp nhận của kiến nghị trước khi chuyển cơ quan."""

    content = forms.CharField(label=_("Nội dung"), max_length=LONG_TEXT_MAX_LENGTH,
                              widget=forms.Textarea(attrs={"rows": 4}), required=False)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True), required=False)
    channel = forms.ChoiceField(label=_("Nguồn tiếp nhận"), choices=Channel.choices)
    code = forms.CharField(label=_("Số hiệu"), max_length=30, required=False)
    sender_name = forms.CharField(label=_("Người gửi"), max_length=200, required=False)
    sender_address = forms.CharField(label=_("Địa chỉ người gửi"), max_length=300, required=False)


class PetitionItemForm(forms.Form):
    """One petition raised at a voter meeting (one row of the intake table)."""

    content = forms.CharField(label=_("Nội dung kiến nghị"), max_length=LONG_TEXT_MAX_LENGTH,
                              required=False, widget=forms.Textarea(attrs={"rows": 2}))
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True), required=False)
    voters_count = forms.IntegerField(label=_("Số lượt cử tri nêu"), min_value=1, initial=1, required=False)
    sender_name = forms.CharField(label=_("Cử tri nêu"), max_length=200, required=False)


PetitionItemFormSet = forms.formset_factory(PetitionItemForm, extra=3, max_num=50, validate_max=True)


class LetterForm(ScopedForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    kind = forms.ChoiceField(label=_("Loại đơn"), choices=[(k.value, k.label) for k in LETTER_KINDS])
    channel = forms.ChoiceField(label=_("Nguồn tiếp nhận"),
                                choices=[(c.value, c.label) for c in (Channel.MAIL, Channel.ONLINE, Channel.DIRECT)])
    received_on = ui.PlausibleDateField(label=_("Ngày tiếp nhận"))
    code = forms.CharField(label=_("Số hiệu"), max_length=30, required=False)
    content = forms.CharField(label=_("Nội dung"), max_length=LONG_TEXT_MAX_LENGTH,
                              widget=forms.Textarea(attrs={"rows": 4}), required=False)
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True), required=False)
    sender_name = forms.CharField(label=_("Người gửi"), max_length=200, required=False)
    sender_address = forms.CharField(label=_("Địa chỉ người gửi"), max_length=300, required=False)


class ClassifyForm(ScopedForm):
    field = forms.ModelChoiceField(label=_("Lĩnh vực"), queryset=Field.objects.filter(is_active=True), required=False)
    proposed_agencies = forms.ModelMultipleChoiceField(label=_("Cơ quan đề xuất nhận"), queryset=Agency.objects.none(),
                                                       required=False)
    note = forms.CharField(label=_("Ghi chú phân loại"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                           widget=forms.Textarea(attrs={"rows": 2}))


class ForwardForm(ScopedForm):
    agencies = forms.ModelMultipleChoiceField(label=_("Cơ quan nhận"), queryset=Agency.objects.none(), required=False,
                                              help_text=_("Để trống để chuyển tới các cơ quan đã đề xuất khi phân loại."))
    forwarded_on = ui.PlausibleDateField(label=_("Ngày chuyển"), required=False)
    document_number = forms.CharField(label=_("Số công văn chuyển"), max_length=100, required=False)
    note = forms.CharField(label=_("Ghi chú"), max_length=LONG_TEXT_MAX_LENGTH, required=False)

    def clean_agencies(self):
        # No choice means "the agencies proposed at classification", which the service reads as None.
        return list(self.cleaned_data["agencies"]) or None


class ForwardingChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return _("%(agency)s (hạn %(date)s)") % {"agency": obj.agency.name, "date": f"{obj.due_date:%d/%m/%Y}"}


class AnswerForm(forms.Form):
    forwarding = ForwardingChoiceField(label=_("Cơ quan trả lời"), queryset=Forwarding.objects.none())
    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                             widget=forms.Textarea(attrs={"rows": 4}))
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=[("", "---------"), *AnswerOutcome.choices], required=False)
    answered_on = ui.PlausibleDateField(label=_("Ngày trả lời"), required=False)


class ReportForm(ScopedForm):
    session = forms.ModelChoiceField(label=_("Báo cáo tại kỳ họp"), queryset=Session.objects.none())
    note = forms.CharField(label=_("Ghi chú"), max_length=LONG_TEXT_MAX_LENGTH, required=False)


class ReopenForm(forms.Form):
    note = forms.CharField(label=_("Lý do mở lại (ý kiến của cử tri)"), max_length=LONG_TEXT_MAX_LENGTH,
                           required=False, widget=forms.Textarea(attrs={"rows": 3}))


class MergeForm(forms.Form):
    sources = forms.ModelMultipleChoiceField(label=_("Kiến nghị trùng sẽ gộp vào kiến nghị này"),
                                             queryset=Petition.objects.none(), required=False,
                                             widget=forms.CheckboxSelectMultiple)
    note = forms.CharField(label=_("Ghi chú"), max_length=LONG_TEXT_MAX_LENGTH, required=False)


class ImportForm(ScopedForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    file = forms.FileField(label=_("Tệp Excel (.xlsx)"))


class ReceptionForm(forms.Form):
    """Một buổi tiếp công dân: the secretariat records any deputy's; a deputy records their own."""

    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    deputy = forms.ModelChoiceField(label=_("Đại biểu tiếp"), queryset=Deputy.objects.none())
    date = ui.PlausibleDateField(label=_("Ngày tiếp"))
    place = forms.CharField(label=_("Địa điểm"), max_length=255)
    scheduled = forms.BooleanField(label=_("Theo lịch của Thường trực"), required=False, initial=True)
    people_count = forms.IntegerField(label=_("Số lượt công dân"), min_value=0, initial=0)
    notes = forms.CharField(label=_("Nội dung chính"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                            widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        mine = scoping.deputy_ids(user)
        managed = Council.objects.manageable_by(user)
        own_councils = Deputy.objects.filter(pk__in=mine).values("council")
        self.fields["council"].queryset = Council.objects.filter(Q(pk__in=managed.values("pk")) | Q(pk__in=own_councils))
        self.fields["deputy"].queryset = Deputy.objects.filter(
            Q(council__in=managed.values("pk")) | Q(pk__in=mine), end_date__isnull=True).select_related("council")
        if not self.is_bound and len(mine) == 1:
            deputy = Deputy.objects.filter(pk__in=mine).first()
            self.fields["deputy"].initial = deputy.pk
            self.fields["council"].initial = deputy.council_id


# --- agencies answering in the portal, attachments ----------------------------------------------------------

class ClarificationRequestForm(forms.Form):
    note = forms.CharField(label=_("Nội dung đề nghị làm rõ"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                           widget=forms.Textarea(attrs={"rows": 3}))


class AgencyAnswerForm(forms.Form):
    answer = forms.CharField(label=_("Nội dung trả lời"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                             widget=forms.Textarea(attrs={"rows": 5}))
    outcome = forms.ChoiceField(label=_("Kết quả"), choices=[("", "---------"), *AnswerOutcome.choices], required=False)
    reply_number = forms.CharField(label=_("Số văn bản trả lời"), max_length=100, required=False)
    file = forms.FileField(label=_("Tệp văn bản trả lời"), required=False)


class ReturnAnswerForm(forms.Form):
    reason = forms.CharField(label=_("Lý do trả lại"), max_length=LONG_TEXT_MAX_LENGTH, required=False,
                             widget=forms.Textarea(attrs={"rows": 3}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label=_("Tệp đính kèm (bản quét đơn, ảnh)"), required=False)


class _BulkForm(forms.Form):
    """The petitions chosen on the list, and the version each had then (a newer one is refused, not overwritten)."""

    petitions = forms.ModelMultipleChoiceField(label=_("Kiến nghị đã chọn"), queryset=Petition.objects.none(),
                                               widget=forms.MultipleHiddenInput, required=False)
    versions = forms.CharField(widget=forms.HiddenInput, required=False, max_length=20000)

    def clean_versions(self) -> dict[int, int]:
        versions = {}
        for pair in filter(None, self.cleaned_data["versions"].split(",")):
            pk, _sep, version = pair.partition(":")
            if not (pk.isdigit() and version.isdigit()):
                raise forms.ValidationError(_("Danh sách kiến nghị đã chọn bị hỏng; hãy chọn lại từ danh sách."))
            versions[int(pk)] = int(version)
        return versions


class BulkClassifyForm(_BulkForm, ClassifyForm):
    pass


class BulkForwardForm(_BulkForm, ForwardForm):
    document_number = forms.CharField(label=_("Số công văn chuyển"), max_length=100, required=False,
                                      help_text=_("Một công văn cho mọi kiến nghị đã chọn."))


class BulkReportForm(_BulkForm, ReportForm):
    pass
