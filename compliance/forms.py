"""Forms of the rule editor: a rule set, a rule whose parameter fields come from its metric's registered
spec (each checked and its message shown beside it), copying a set, and the council and date of a preview."""

from __future__ import annotations

from django import forms
from django.core.validators import MinValueValidator
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from councils.choices import CommitteeType
from councils.models import AdministrativeLevel
from utilities import ui

from . import selectors
from .choices import Comparison, Metric, Obligation, PeriodKind, SubjectType
from .metrics import registry
from .metrics.validation import param_errors, validate_rule

PARAM_PREFIX = "param_"
# The rule fields the form edits (code aside, set once), in the order of the page.
RULE_FORM_FIELDS = ("title", "description", "legal_document", "legal_article", "valid_from", "valid_to",
                    "subject_type", "committee_type", "levels", "metric", "period", "period_days", "comparison",
                    "threshold", "obligation", "order", "is_active")


class RuleSetForm(ui.ActorForm):
    code = forms.SlugField(label=_("Mã bộ chỉ tiêu"), max_length=50,
                           help_text=_("Chữ không dấu, số và gạch nối, ví dụ: thanh-hoa-2026."))
    name = forms.CharField(label=_("Tên bộ chỉ tiêu"), max_length=255)
    description = forms.CharField(label=_("Mô tả"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    council = forms.ModelChoiceField(label=_("Áp dụng cho HĐND và cấp dưới"), queryset=None, required=False,
                                     help_text=_("Để trống nếu áp dụng cho mọi HĐND (chỉ quản trị hệ thống)."))
    is_active = forms.BooleanField(label=_("Đang áp dụng"), required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance is not None:
            # The code and the council of a set are fixed once it exists (copy the set to apply it elsewhere).
            del self.fields["code"], self.fields["council"]
        else:
            self.fields["council"].queryset = selectors.administered_councils(self.user)


class RuleSetCopyForm(ui.ActorForm):
    council = forms.ModelChoiceField(label=_("Sao chép cho HĐND"), queryset=None,
                                     help_text=_("HĐND (tỉnh) mà bạn là quản trị viên."))
    code = forms.SlugField(label=_("Mã bộ chỉ tiêu mới"), max_length=50)
    name = forms.CharField(label=_("Tên bộ chỉ tiêu mới"), max_length=255)
    code_suffix = forms.SlugField(label=_("Hậu tố mã chỉ tiêu"), max_length=12,
                                  help_text=_("Thêm vào sau mã của mỗi chỉ tiêu được sao chép, ví dụ: TH."))
    is_active = forms.BooleanField(label=_("Các chỉ tiêu sao chép được áp dụng ngay"), required=False,
                                   help_text=_("Bỏ chọn để điều chỉnh trước, rồi bật từng chỉ tiêu."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = selectors.administered_councils(self.user)


def param_field(name: str, param) -> forms.Field:
    """The form field of one metric parameter, from its spec."""
    label = param.label or name
    options = {"label": label, "help_text": param.help_text, "required": False}
    if param.kind is bool:
        return forms.BooleanField(**options)
    if param.kind is int:
        return forms.IntegerField(min_value=0, max_value=10000, **options)
    if param.kind is list:
        return forms.MultipleChoiceField(choices=param.choices, widget=forms.CheckboxSelectMultiple, **options)
    if param.choices:
        return forms.ChoiceField(choices=[("", "—"), *param.choices], **options)
    return forms.CharField(max_length=200, **options)


class RuleForm(ui.ActorForm):
    """A rule of ``ruleset`` (``instance`` when editing). ``metric`` names the metric whose parameter fields the
    form carries: the one chosen on the page (a reload), else the rule's."""

    code = forms.CharField(label=_("Mã chỉ tiêu"), max_length=40)
    title = forms.CharField(label=_("Tên chỉ tiêu"), max_length=500)
    description = forms.CharField(label=_("Diễn giải"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    legal_document = forms.CharField(label=_("Căn cứ: văn bản"), max_length=300, required=False)
    legal_article = forms.CharField(label=_("Căn cứ: điều, khoản, mục"), max_length=200, required=False)
    valid_from = ui.PlausibleDateField(label=_("Hiệu lực từ"), required=False)
    valid_to = ui.PlausibleDateField(label=_("Hiệu lực đến"), required=False)
    subject_type = forms.ChoiceField(label=_("Đối tượng đánh giá"), choices=SubjectType.choices)
    committee_type = forms.ChoiceField(label=_("Chỉ Ban"), choices=CommitteeType.choices, required=False,
                                       help_text=_("Chỉ dùng khi đối tượng là từng Ban; để trống cho mọi Ban."))
    levels = forms.ModelMultipleChoiceField(label=_("Áp dụng cho cấp"), queryset=AdministrativeLevel.objects.none(),
                                            required=False, widget=forms.CheckboxSelectMultiple,
                                            help_text=_("Để trống nếu áp dụng cho mọi cấp."))
    metric = forms.ChoiceField(label=_("Cách đo"), choices=())
    period = forms.ChoiceField(label=_("Kỳ đánh giá"), choices=PeriodKind.choices)
    period_days = forms.IntegerField(label=_("Số ngày (kỳ cuốn chiếu)"), required=False, min_value=1,
                                     max_value=3650)
    comparison = forms.ChoiceField(label=_("So sánh"), choices=Comparison.choices)
    threshold = forms.DecimalField(label=_("Ngưỡng"), max_digits=7, decimal_places=2,
                                   validators=[MinValueValidator(0)])
    obligation = forms.ChoiceField(label=_("Mức độ"), choices=Obligation.choices, initial=Obligation.REQUIRED)
    order = forms.IntegerField(label=_("Thứ tự"), min_value=0, max_value=32767, initial=0)
    is_active = forms.BooleanField(label=_("Đang áp dụng"), required=False, initial=True)

    def __init__(self, *args, ruleset, metric: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.ruleset = ruleset
        self.fields["levels"].queryset = AdministrativeLevel.objects.order_by("rank")
        self.fields["metric"].choices = [(spec.code, _metric_label(spec.code)) for spec in registry.all()]
        if self.instance is not None:
            del self.fields["code"]
        chosen = metric or (self.data.get("metric") if self.is_bound else "") or (
            self.instance.metric if self.instance is not None else "")
        self.spec = registry.get(chosen) or (registry.all()[0] if not chosen else None)
        if self.spec is not None:
            self.fields["metric"].initial = self.spec.code
            self.fields["comparison"].initial = self.spec.comparison
            for name, param in self.spec.params.items():
                self.fields[PARAM_PREFIX + name] = param_field(name, param)
                if name in self.spec.required:
                    self.fields[PARAM_PREFIX + name].starred = True

    @staticmethod
    def initial_for(rule) -> dict:
        """The form's starting values for an existing rule, its parameters included."""
        values = {name: getattr(rule, name) for name in RULE_FORM_FIELDS if name != "levels"}
        values["levels"] = list(rule.levels.all())
        for name, value in (rule.params or {}).items():
            values[PARAM_PREFIX + name] = value
        return values

    def param_fields(self):
        return [self[name] for name in self.fields if name.startswith(PARAM_PREFIX)]

    def main_fields(self, names):
        return [self[name] for name in names if name in self.fields]

    def params(self) -> dict:
        """The parameters entered, as the rule stores them: an empty value is no parameter."""
        params = {}
        for name in self.spec.params if self.spec else ():
            value = self.cleaned_data.get(PARAM_PREFIX + name)
            if value in (None, "", [], False):
                continue
            params[name] = list(value) if isinstance(value, list | tuple) else value
        return params

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Ngày hết hiệu lực phải sau ngày có hiệu lực."))
        threshold = data.get("threshold")
        if data.get("comparison") == Comparison.SHARE_AT_LEAST and threshold is not None and threshold > 100:
            self.add_error("threshold", _("Ngưỡng tỷ lệ không được quá 100 %."))
        if self.spec is None or "metric" not in data:
            return data
        params = self.params()
        data["params"] = params
        subject_type = data.get("subject_type", "")
        for name, messages in param_errors(self.spec, params, subject_type).items():
            field = PARAM_PREFIX + name if name and PARAM_PREFIX + name in self.fields else None
            for message in messages:
                if field is None or field not in self.errors:
                    self.add_error(field, message)
        for name, messages in validate_rule(
            metric=self.spec.code, params=params, subject_type=subject_type, period=data.get("period", ""),
            period_days=data.get("period_days"), comparison=data.get("comparison", ""),
            committee_type=data.get("committee_type", ""),
        ).items():
            if name != "params" and name in self.fields and name not in self.errors:
                self.add_error(name, messages)
        return data

    def rule_values(self) -> dict:
        """The cleaned values as the services take them: the rule's fields (levels apart)."""
        values = {name: self.cleaned_data[name] for name in RULE_FORM_FIELDS
                  if name in self.cleaned_data and name != "levels"}
        values["params"] = self.cleaned_data.get("params", {})
        values["committee_type"] = values.get("committee_type") or CommitteeType.NONE
        return values


def _metric_label(code: str) -> str:
    return Metric(code).label if code in Metric.values else code


class PreviewForm(ui.ActorForm):
    """Which council, on which day, a preview is computed for (``preview-`` fields on the rule form)."""

    prefix = "preview"

    council = forms.ModelChoiceField(label=_("Xem trước cho HĐND"), queryset=None)
    on = ui.PlausibleDateField(label=_("Tính đến ngày"), required=False,
                               help_text=_("Để trống: hôm nay. Kỳ đánh giá là kỳ chứa ngày này."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["council"].queryset = selectors.preview_councils(self.user)

    def clean_on(self):
        return self.cleaned_data.get("on") or timezone.localdate()
