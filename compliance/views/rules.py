"""Pages of the rule editor: the rule sets a user's councils are measured by, each set with its rules and their
versions; administrators create and edit sets and rules (parameters from the metric's spec), preview a rule's
figures for a council before saving or activating it, and copy a set to another province."""

from __future__ import annotations

import copy

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _

from councils.selectors import primary_council
from utilities import ui

from .. import permissions, rules_admin, selectors
from ..choices import ResultStatus
from ..forms import PreviewForm, RuleForm, RuleSetCopyForm, RuleSetForm
from ..metrics import registry
from ..models import Rule
from .dashboard import _figure

# How many evidence rows of each outcome a preview shows.
PREVIEW_EVIDENCE = 5
RULE_SECTIONS = (
    (_("Chỉ tiêu"), ("code", "title", "description", "order", "is_active")),
    (_("Căn cứ và hiệu lực"), ("legal_document", "legal_article", "valid_from", "valid_to")),
    (_("Phạm vi"), ("subject_type", "committee_type", "levels")),
    (_("Cách đo"), ("metric",)),
)
MEASURE_FIELDS = ("period", "period_days", "comparison", "threshold", "obligation")


def _ruleset(request, pk):
    return get_object_or_404(selectors.rulesets_for(request.user), pk=pk)


def _require_edit(request, ruleset):
    if not permissions.can_edit_ruleset(request.user, ruleset):
        raise PermissionDenied(_("Chỉ quản trị viên của HĐND áp dụng bộ chỉ tiêu này mới được sửa nó."))


def _form_page(request, form, *, title, cancel_url, status=200):
    ui.style_form(form)
    return render(request, "ui/form.html", {"form": form, "title": title, "cancel_url": cancel_url}, status=status)


@login_required
def ruleset_list(request):
    """Bộ chỉ tiêu: the sets that measure the user's councils, with how many rules each has now."""
    rulesets = (selectors.rulesets_for(request.user)
                .annotate(rule_count=Count("rules", filter=Q(rules__next_version__isnull=True)))
                .order_by("code"))
    rows = [{"ruleset": ruleset, "can_edit": permissions.can_edit_ruleset(request.user, ruleset)}
            for ruleset in rulesets]
    return render(request, "compliance/ruleset_list.html", {
        "rows": rows, "title": _("Bộ chỉ tiêu"), "can_create": permissions.can_create_rulesets(request.user),
    })


@login_required
def ruleset_detail(request, pk):
    """One set: each rule with its versions, newest last; edit and copy buttons for its administrators."""
    ruleset = _ruleset(request, pk)
    chains: dict[str, list[Rule]] = {}
    for rule in selectors.ruleset_rules(ruleset):
        chains.setdefault(rule.code, []).append(rule)
    rules = [{"rule": versions[-1], "versions": versions} for versions in chains.values()]
    for row in rules:
        row["threshold"] = _figure(row["rule"].threshold, row["rule"].comparison)
    return render(request, "compliance/ruleset_detail.html", {
        "ruleset": ruleset, "rules": rules, "title": ruleset.name, "history": ui.policy.history(ruleset),
        "can_edit": permissions.can_edit_ruleset(request.user, ruleset),
    })


@login_required
def ruleset_create(request):
    if not permissions.can_create_rulesets(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên mới được tạo bộ chỉ tiêu."))
    form = RuleSetForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            ruleset = rules_admin.create_ruleset(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            ui.apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã tạo bộ chỉ tiêu."))
            return HttpResponseRedirect(reverse("compliance:ruleset_detail", args=[ruleset.pk]))
    return _form_page(request, form, title=_("Thêm bộ chỉ tiêu"), cancel_url=reverse("compliance:ruleset_list"),
                      status=400 if form.is_bound else 200)


VERSION_FIELD = "version"


def _with_version(form, obj):
    """The version the page was rendered with, so a save against a newer one is refused (the services)."""
    form.fields[VERSION_FIELD] = forms.IntegerField(widget=forms.HiddenInput, required=False, initial=obj.version)
    return form


@login_required
def ruleset_edit(request, pk):
    ruleset = _ruleset(request, pk)
    _require_edit(request, ruleset)
    initial = {"name": ruleset.name, "description": ruleset.description, "is_active": ruleset.is_active}
    form = _with_version(RuleSetForm(request.POST or None, user=request.user, instance=ruleset, initial=initial),
                         ruleset)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        version = data.pop(VERSION_FIELD, None)
        changes = {name: value for name, value in data.items() if getattr(ruleset, name) != value}
        try:
            rules_admin.update_ruleset(ruleset=ruleset, actor=request.user, version=version, **changes)
        except ValidationError as error:
            ui.apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return HttpResponseRedirect(reverse("compliance:ruleset_detail", args=[ruleset.pk]))
    return _form_page(request, form, title=_("Sửa bộ chỉ tiêu: %(name)s") % {"name": ruleset.name},
                      cancel_url=reverse("compliance:ruleset_detail", args=[ruleset.pk]),
                      status=400 if form.is_bound else 200)


@login_required
def ruleset_copy(request, pk):
    """Sao chép bộ chỉ tiêu: its current rules into a new set of another council the user administers."""
    ruleset = _ruleset(request, pk)
    if not permissions.can_create_rulesets(request.user):
        raise PermissionDenied(_("Chỉ quản trị viên mới được sao chép bộ chỉ tiêu."))
    form = RuleSetCopyForm(request.POST or None, user=request.user,
                           initial={"code": f"{ruleset.code}-ban-sao"[:50], "name": ruleset.name})
    if request.method == "POST" and form.is_valid():
        try:
            copied = rules_admin.copy_ruleset(ruleset=ruleset, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            ui.apply_service_errors(form, error)
        else:
            messages.success(request, _("Đã sao chép bộ chỉ tiêu: hãy điều chỉnh các chỉ tiêu cho phù hợp."))
            return HttpResponseRedirect(reverse("compliance:ruleset_detail", args=[copied.pk]))
    return _form_page(request, form, title=_("Sao chép bộ chỉ tiêu: %(name)s") % {"name": ruleset.name},
                      cancel_url=reverse("compliance:ruleset_detail", args=[ruleset.pk]),
                      status=400 if form.is_bound else 200)


# ---------------------------------------------------------------------------------------------------------
# A rule: its form (with the preview), and the preview of a saved rule.

def _preview_rows(outcomes) -> list[dict]:
    return [{
        "outcome": outcome, "status": outcome.status, "status_label": ResultStatus(outcome.status).label,
        "value": _figure(outcome.value, outcome.rule.comparison),
        "target": _figure(outcome.target, outcome.rule.comparison),
        "expected": _figure(outcome.expected, outcome.rule.comparison) if outcome.expected is not None else "",
        "evidence": outcome.evidence[:PREVIEW_EVIDENCE], "more": max(0, len(outcome.evidence) - PREVIEW_EVIDENCE),
    } for outcome in outcomes]


def _posted_initial(form_class_fields, data) -> dict:
    """What was typed, as starting values of a form redrawn for another metric (no errors shown yet)."""
    return {name: data.getlist(name) if isinstance(field, forms.MultipleChoiceField) else data.get(name)
            for name, field in form_class_fields.items() if name in data}


def _preview_council(request):
    council = primary_council(request.user)
    return {"council": council.pk} if council is not None else {}


def _rule_page(request, ruleset, rule=None):
    user = request.user
    _require_edit(request, ruleset)
    if rule is not None and not rule.is_latest:
        raise PermissionDenied(_("Chỉ sửa được phiên bản mới nhất của chỉ tiêu."))
    posted = request.POST if request.method == "POST" else None
    action = "" if posted is None else "reload" if "_reload" in posted else "preview" if "_preview" in posted else "save"
    preview_form = PreviewForm(posted if action == "preview" else None, user=user, initial=_preview_council(request))
    metric = request.GET.get("metric", "") if posted is None else posted.get("metric", "")
    if posted is None or action == "reload":
        initial = RuleForm.initial_for(rule) if rule is not None else {}
        if posted is not None:
            initial.update(_posted_initial(RuleForm(user=user, instance=rule, ruleset=ruleset, metric=metric).fields,
                                           posted))
        spec = registry.get(metric)
        if spec is not None and metric != initial.get("metric"):
            initial.update(metric=metric, comparison=spec.comparison)
        form = RuleForm(user=user, instance=rule, ruleset=ruleset, metric=metric, initial=initial)
    else:
        form = RuleForm(posted, user=user, instance=rule, ruleset=ruleset)
    if rule is not None:
        _with_version(form, rule)
        if posted is not None and action == "reload":
            form.fields[VERSION_FIELD].initial = posted.get(VERSION_FIELD)
    # Choosing another metric redraws its parameter fields (htmx swaps only them; without script, the
    # "load the parameters" button does the same by a round trip that saves nothing).
    form.fields["metric"].widget.attrs.update({
        "hx-get": request.path, "hx-trigger": "change", "hx-target": "#rule-params", "hx-select": "#rule-params",
        "hx-swap": "outerHTML", "hx-include": "this"})
    preview = None
    status = 200
    if action == "preview":
        if form.is_valid() and preview_form.is_valid():
            probe = _probe(form, ruleset, rule)
            try:
                outcomes = rules_admin.preview_rule(rule=probe, levels=form.cleaned_data.get("levels"),
                                                    council=preview_form.cleaned_data["council"],
                                                    as_of=preview_form.cleaned_data["on"])
            except ValidationError as error:
                ui.apply_service_errors(form, error)
                status = 400
            else:
                preview = {"rows": _preview_rows(outcomes), "council": preview_form.cleaned_data["council"],
                           "on": preview_form.cleaned_data["on"]}
        else:
            status = 400
    elif action == "save":
        if form.is_valid():
            try:
                saved = _save(form, ruleset, rule, user)
            except ValidationError as error:
                ui.apply_service_errors(form, error)
            else:
                if rule is not None and saved.pk != rule.pk:
                    messages.success(request, _("Chỉ tiêu đã có kết quả nên thay đổi được lưu thành phiên bản "
                                                "%(revision)s, có hiệu lực từ %(date)s; phiên bản trước giữ "
                                                "nguyên kết quả của nó.") % {
                        "revision": saved.revision, "date": f"{saved.valid_from:%d/%m/%Y}"})
                else:
                    messages.success(request, _("Đã lưu chỉ tiêu."))
                return HttpResponseRedirect(reverse("compliance:ruleset_detail", args=[ruleset.pk]))
        status = 400
    ui.style_form(form)
    ui.style_form(preview_form)
    title = (_("Sửa chỉ tiêu: %(code)s") % {"code": rule.code} if rule is not None
             else _("Thêm chỉ tiêu vào bộ %(name)s") % {"name": ruleset.name})
    return render(request, "compliance/rule_form.html", {
        "form": form, "preview_form": preview_form, "preview": preview, "ruleset": ruleset, "rule": rule,
        "title": title, "sections": [(label, form.main_fields(names)) for label, names in RULE_SECTIONS],
        "measure_fields": form.main_fields(MEASURE_FIELDS), "param_fields": form.param_fields(),
        "has_results": rule is not None and rules_admin.has_results(rule),
        "cancel_url": reverse("compliance:ruleset_detail", args=[ruleset.pk]),
    }, status=status)


def _probe(form, ruleset, rule) -> Rule:
    """The rule as the form describes it, unsaved: a copy of the saved rule with the changes, or a new one."""
    probe = copy.copy(rule) if rule is not None else Rule(ruleset=ruleset, code=form.cleaned_data.get("code", ""))
    for name, value in form.rule_values().items():
        setattr(probe, name, value)
    return probe


def _save(form, ruleset, rule, user) -> Rule:
    values = form.rule_values()
    levels = form.cleaned_data.get("levels") or []
    if rule is None:
        return rules_admin.create_rule(ruleset=ruleset, actor=user, code=form.cleaned_data["code"], levels=levels,
                                       **values)
    changes = {name: value for name, value in values.items() if getattr(rule, name) != value}
    return rules_admin.update_rule(rule=rule, actor=user, version=form.cleaned_data.get(VERSION_FIELD),
                                   levels=levels, **changes)


@login_required
def rule_create(request, pk):
    return _rule_page(request, _ruleset(request, pk))


@login_required
def rule_edit(request, pk):
    rule = get_object_or_404(selectors.editable_rules_for(request.user), pk=pk)
    return _rule_page(request, rule.ruleset, rule)


@login_required
def rule_preview(request, pk):
    """Xem trước: what a saved rule (even inactive, or not yet valid) gives for a council on a day."""
    rule = get_object_or_404(selectors.editable_rules_for(request.user), pk=pk)
    _require_edit(request, rule.ruleset)
    bound = any(key.startswith(PreviewForm.prefix) for key in request.GET)
    form = PreviewForm(request.GET if bound else None, user=request.user, initial=_preview_council(request))
    preview = None
    if bound and form.is_valid():
        outcomes = rules_admin.preview_rule(rule=rule, levels=None, council=form.cleaned_data["council"],
                                            as_of=form.cleaned_data["on"])
        preview = {"rows": _preview_rows(outcomes), "council": form.cleaned_data["council"],
                   "on": form.cleaned_data["on"]}
    ui.style_form(form)
    return render(request, "compliance/rule_preview.html", {
        "rule": rule, "preview_form": form, "preview": preview, "title": _("Xem trước: %(code)s") % {"code": rule.code},
    }, status=400 if bound and not form.is_valid() else 200)
