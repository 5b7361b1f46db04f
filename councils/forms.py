"""Forms of the councils app."""

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from hdnd_portal import ui

from .choices import SessionKind
from .models import Council, Term


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": _("Tên đăng nhập hoặc mật khẩu không đúng. Xin kiểm tra lại (mật khẩu phân biệt chữ hoa, chữ thường)."),
        "inactive": _("Tài khoản này đã bị khóa."),
    }


class SessionForm(ui.ScopedForm):
    council = forms.ModelChoiceField(label=_("HĐND"), queryset=Council.objects.none())
    term = forms.ModelChoiceField(label=_("Nhiệm kỳ"), queryset=Term.objects.all())
    number = forms.IntegerField(label=_("Kỳ họp thứ"), min_value=1)
    kind = forms.ChoiceField(label=_("Loại kỳ họp"), choices=SessionKind.choices, initial=SessionKind.REGULAR)
    title = forms.CharField(label=_("Tên kỳ họp"), max_length=255, required=False)
    start_date = forms.DateField(label=_("Khai mạc"))
    end_date = forms.DateField(label=_("Bế mạc"), required=False)
    place = forms.CharField(label=_("Địa điểm"), max_length=255, required=False)


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Nội dung"), max_length=500)
    presenter = forms.CharField(label=_("Cơ quan trình"), max_length=255, required=False)


class SessionDocumentForm(forms.Form):
    title = forms.CharField(label=_("Tên tài liệu"), max_length=500, required=False)
    file = forms.FileField(label=_("Tệp"), required=False)
    sent_at = forms.DateTimeField(label=_("Gửi đại biểu lúc"), required=False,
                                  widget=forms.DateTimeInput(attrs={"placeholder": "dd/mm/yyyy hh:mm"}),
                                  help_text=_("Để trống nếu chưa gửi."))
