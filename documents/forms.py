"""Forms of the documents pages: the forwarding letter (its number and the forwardings it lists) and a council's
Word template upload."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from councils.models import Council
from voters.models import Forwarding

from .choices import DocumentKind


class LetterForm(forms.Form):
    document_number = forms.CharField(label=_("Số công văn"), max_length=100, help_text=_("Ví dụ: 318/HĐND-VP"))
    forwardings = forms.ModelMultipleChoiceField(label=_("Kiến nghị đưa vào công văn"),
                                                 queryset=Forwarding.objects.none(),
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, queryset, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["forwardings"]
        field.queryset = queryset
        field.initial = [forwarding.pk for forwarding in queryset]
        field.label_from_instance = lambda f: _("%(code)s %(content)s (hạn trả lời %(due)s)") % {
            "code": f.petition.code or f"#{f.petition_id}", "content": f.petition.content[:160],
            "due": f.due_date.strftime("%d/%m/%Y")}


class TemplateUploadForm(forms.Form):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    kind = forms.ChoiceField(label=_("Loại văn bản"), choices=DocumentKind.choices)
    file = forms.FileField(label=_("Tệp mẫu (.docx)"),
                           help_text=_("Tải mẫu gốc về, sửa trong Word, giữ nguyên các trường {{ … }} rồi tải lên."))

    def __init__(self, *args, councils, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = councils
