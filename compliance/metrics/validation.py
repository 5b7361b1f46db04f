"""Whether a rule's metric, parameters, subject, period and comparison fit together, checked against the metric's
registered spec when a rule is saved (admin, load_rules)."""

from __future__ import annotations

from collections import defaultdict

from django.utils.translation import gettext as _

from ..choices import Comparison, PeriodKind, SubjectType
from . import registry


def param_errors(spec, params, subject_type) -> dict[str | None, list[str]]:
    """Parameter name -> messages for the parameters that do not fit the metric; ``None`` for what concerns
    no single parameter (a rule between several, or between parameters and the subject)."""
    errors: dict[str | None, list[str]] = defaultdict(list)
    if not isinstance(params, dict):
        errors[None].append(_("Tham số phải là một đối tượng JSON."))
        params = {}
    for name, value in params.items():
        param = spec.params.get(name)
        if param is None:
            errors[None].append(_("Tham số “%(name)s” không dùng cho cách đo này.") % {"name": name})
            continue
        if param.kind is int and (isinstance(value, bool) or not isinstance(value, int) or value < 0):
            errors[name].append(_("Tham số “%(name)s” phải là số nguyên không âm.") % {"name": name})
        elif param.kind is not int and not isinstance(value, param.kind):
            errors[name].append(_("Tham số “%(name)s” có kiểu không hợp lệ.") % {"name": name})
        elif param.allowed is not None:
            values = value if isinstance(value, list) else [value]
            bad = [str(v) for v in values if v not in param.allowed]
            if bad:
                errors[name].append(
                    _("Tham số “%(name)s” có giá trị không hợp lệ: %(bad)s.") % {"name": name, "bad": ", ".join(bad)}
                )
    for name in spec.required:
        if name not in params:
            errors[name].append(_("Thiếu tham số “%(name)s”.") % {"name": name})
    extra = spec.check_params(params, subject_type) if spec.check_params and isinstance(params, dict) else []
    if extra:
        errors[None].extend(extra)
    return dict(errors)


def validate_rule(*, metric, params, subject_type, period, period_days, comparison, committee_type) -> dict:
    """Field -> messages for a rule whose metric, parameters, subject, period or comparison do not fit."""
    errors: dict[str, list[str]] = defaultdict(list)
    spec = registry.get(metric)
    if spec is None:
        return {"metric": [_("Cách đo không hợp lệ.")]}
    for messages in param_errors(spec, params, subject_type).values():
        errors["params"].extend(messages)
    if subject_type not in spec.subjects:
        errors["subject_type"].append(_("Cách đo này không áp dụng cho đối tượng đã chọn."))
    if committee_type and subject_type != SubjectType.COMMITTEE:
        errors["committee_type"].append(_("Chỉ chọn loại Ban khi đối tượng là từng Ban."))
    if comparison != spec.comparison:
        errors["comparison"].append(_("Cách đo này phải so sánh theo: %(label)s.") % {
            "label": Comparison(spec.comparison).label})
    if period == PeriodKind.ROLLING_DAYS and not period_days:
        errors["period_days"].append(_("Kỳ cuốn chiếu phải có số ngày."))
    if period != PeriodKind.ROLLING_DAYS and period_days:
        errors["period_days"].append(_("Chỉ nhập số ngày cho kỳ cuốn chiếu."))
    return dict(errors)
