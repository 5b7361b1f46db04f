"""Forms of the public pages: the lookup by tracking code and key, and the sender's feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from utilities.limits import LONG_TEXT_MAX_LENGTH
from voters.tracking import FORMATTED_LENGTH

# A code or key as a person may type it (spaces, a dash): a little room around its nine characters.
_TYPED_LENGTH = FORMATTED_LENGTH + 6


class LookupForm(forms.Form):
    code = forms.CharField(label=_("Mã tra cứu"), max_length=_TYPED_LENGTH,
                           widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                         "placeholder": "XXXX-XXXX"}))
    key = forms.CharField(label=_("Mã bí mật"), max_length=_TYPED_LENGTH,
                          widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters",
                                                        "placeholder": "XXXX-XXXX"}))


class FeedbackForm(LookupForm):
    resolved = forms.TypedChoiceField(
        label=_("Nội dung kiến nghị của bạn"), widget=forms.RadioSelect,
        choices=[("yes", _("Đã được giải quyết")), ("no", _("Chưa được giải quyết"))],
        coerce=lambda value: value == "yes")
    comment = forms.CharField(label=_("Ý kiến"), required=False, max_length=LONG_TEXT_MAX_LENGTH,
                              widget=forms.Textarea(attrs={"rows": 3}))


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Tìm kiếm"), required=False, max_length=200)
