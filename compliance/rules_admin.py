"""Writes of the rule editor: administrators create and edit rule sets and rules in the portal, a change of a
rule that already has results becomes a new version (the old one keeps its figures and ends the day before),
a rule set is copied to another province, and a rule is previewed against a council without storing a result.

Every write checks ``permissions.can_edit_ruleset``, validates like the admin and the JSON loader, runs in one
transaction and writes its history line."""

from __future__ import annotations

import copy
import datetime
import uuid
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import apply_changes, audit_text, record_audit
from councils.models import AdministrativeLevel, Council
from utilities.ui.policy import policy

from . import engine, permissions
from .engine import Outcome
from .models import Result, Rule, RuleSet

# What a rule measures and on which legal basis: changing any of them on a rule with results is a new version.
VERSIONED_FIELDS = ("subject_type", "committee_type", "metric", "params", "period", "period_days", "comparison",
                    "threshold", "obligation", "legal_document", "legal_article")
# How the rule is named and shown, whether it runs, and when it ends: edited in place on any version.
IN_PLACE_FIELDS = ("title", "description", "order", "is_active", "valid_to")
RULE_FIELDS = (*VERSIONED_FIELDS, *IN_PLACE_FIELDS, "valid_from")
RULESET_FIELDS = ("name", "description", "is_active")


def _check_version(obj, version: int | None) -> None:
    """Refuse a save made from a page rendered with an older version of ``obj`` (the row is locked)."""
    if version is None:
        return
    current = type(obj)._base_manager.select_for_update().values_list("version", flat=True).get(pk=obj.pk)
    if current != version:
        raise ValidationError(policy.stale_message(obj, version), code="stale")


def _clean(obj) -> None:
    obj.full_clean()


def _level_names(levels) -> str:
    return ", ".join(sorted(str(level) for level in levels))


# ---------------------------------------------------------------------------------------------------------
# Rule sets.

@transaction.atomic
def create_ruleset(*, actor, code: str, name: str, council: Council | None, description: str = "",
                   is_active: bool = True) -> RuleSet:
    permissions.require_administer(actor, council)
    ruleset = RuleSet(code=code, name=name, council=council, description=description, is_active=is_active)
    _clean(ruleset)
    ruleset.save()
    record_audit(target=ruleset, action="create", actor=actor, council=council)
    return ruleset


@transaction.atomic
def update_ruleset(*, ruleset: RuleSet, actor, version: int | None = None, **changes) -> RuleSet:
    permissions.require_edit_ruleset(actor, ruleset)
    _check_version(ruleset, version)
    diff = apply_changes(ruleset, changes, editable=RULESET_FIELDS)
    if diff:
        _clean(ruleset)
        ruleset.save()
        record_audit(target=ruleset, action="update", actor=actor, council=ruleset.council, changes=diff)
    return ruleset


# ---------------------------------------------------------------------------------------------------------
# Rules.

@transaction.atomic
def create_rule(*, ruleset: RuleSet, actor, code: str, levels: Iterable[AdministrativeLevel] = (),
                **fields) -> Rule:
    permissions.require_edit_ruleset(actor, ruleset)
    refused = sorted(set(fields) - set(RULE_FIELDS))
    if refused:
        raise ValidationError({name: _("Không được sửa trường này.") for name in refused})
    if Rule.objects.filter(code=code).exists():
        raise ValidationError({"code": _("Đã có chỉ tiêu với mã này.")})
    rule = Rule(ruleset=ruleset, code=code, **fields)
    _clean(rule)
    rule.save()
    rule.levels.set(list(levels))
    record_audit(target=rule, action="create", actor=actor, council=ruleset.council)
    return rule


def has_results(rule: Rule) -> bool:
    return Result.objects.filter(rule=rule).exists()


@transaction.atomic
def update_rule(*, rule: Rule, actor, version: int | None = None,
                levels: Iterable[AdministrativeLevel] | None = None, **changes) -> Rule:
    """Apply ``changes`` (only the fields that changed) to the newest version of a rule; returns the rule as
    it now applies: the same row, or the new version when the rule has results and what it measures changed.

    The new version starts on ``valid_from`` if it was changed, else today; the old one then ends the day
    before and keeps its results. A rule without results is edited in place.
    """
    permissions.require_edit_ruleset(actor, rule.ruleset)
    _check_version(rule, version)
    if not rule.is_latest:
        raise ValidationError(_("Chỉ sửa được phiên bản mới nhất của chỉ tiêu."))
    refused = sorted(set(changes) - set(RULE_FIELDS))
    if refused:
        raise ValidationError({name: _("Không được sửa trường này.") for name in refused})
    levels = None if levels is None else list(levels)
    levels_changed = levels is not None and {level.pk for level in levels} != {lv.pk for lv in rule.levels.all()}
    versioned = levels_changed or any(name in changes for name in VERSIONED_FIELDS)
    if has_results(rule) and (versioned or "valid_from" in changes):
        if not versioned:
            raise ValidationError({"valid_from": _(
                "Chỉ tiêu đã có kết quả: ngày hiệu lực chỉ đổi được cùng với một thay đổi về cách đo, ngưỡng "
                "hoặc căn cứ (khi đó chỉ tiêu có phiên bản mới từ ngày này).")})
        return _new_version(rule, actor=actor, changes=changes, levels=levels)
    diff = apply_changes(rule, changes, editable=RULE_FIELDS)
    if levels_changed:
        diff["levels"] = [_level_names(rule.levels.all()), _level_names(levels)]
    if diff:
        _clean(rule)
        rule.save()
        if levels_changed:
            rule.levels.set(levels)
        record_audit(target=rule, action="update", actor=actor, council=rule.ruleset.council, changes=diff)
    return rule


def _new_version(rule: Rule, *, actor, changes: dict, levels) -> Rule:
    starts = changes.get("valid_from") or timezone.localdate()
    if rule.valid_from is not None and starts <= rule.valid_from:
        raise ValidationError({"valid_from": _(
            "Chỉ tiêu đã có kết quả nên thay đổi là một phiên bản mới: phiên bản mới phải có hiệu lực sau "
            "%(date)s, ngày hiệu lực của phiên bản đang áp dụng.") % {"date": f"{rule.valid_from:%d/%m/%Y}"}})
    new = Rule(ruleset=rule.ruleset, code=rule.code, revision=rule.revision + 1, previous=rule,
               council=rule.council, valid_from=starts,
               **{name: getattr(rule, name) for name in (*VERSIONED_FIELDS, *IN_PLACE_FIELDS)})
    for name, value in changes.items():
        if name != "valid_from":
            setattr(new, name, value)
    if new.valid_to is not None and new.valid_to < starts:
        raise ValidationError({"valid_to": _("Ngày hết hiệu lực phải sau ngày có hiệu lực.")})
    old_end = rule.valid_to
    ends = starts - datetime.timedelta(days=1)
    if rule.valid_to is None or rule.valid_to > ends:
        rule.valid_to = ends
    _clean(rule)
    _clean(new)
    rule.save(update_fields=["valid_to", "updated_at"] if hasattr(rule, "updated_at") else ["valid_to"])
    record_audit(target=rule, action="rule_superseded", actor=actor, council=rule.ruleset.council,
                 changes={"valid_to": [audit_text(old_end), audit_text(rule.valid_to)]},
                 note=_("Thay bằng phiên bản %(revision)s từ %(date)s.") % {
                     "revision": new.revision, "date": f"{starts:%d/%m/%Y}"})
    new.save()
    new.levels.set(rule.levels.all() if levels is None else levels)
    record_audit(target=new, action="create", actor=actor, council=rule.ruleset.council,
                 note=_("Phiên bản %(revision)s của chỉ tiêu %(code)s.") % {"revision": new.revision,
                                                                           "code": new.code})
    return new


# ---------------------------------------------------------------------------------------------------------
# Copying a rule set.

def current_rules(ruleset: RuleSet, *, on: datetime.date) -> list[Rule]:
    """The newest version of each rule of the set, unless it ended before ``on``."""
    rules = ruleset.rules.filter(next_version__isnull=True).prefetch_related("levels").order_by("order", "code")
    return [rule for rule in rules if rule.valid_to is None or rule.valid_to >= on]


@transaction.atomic
def copy_ruleset(*, ruleset: RuleSet, actor, council: Council, code: str, name: str, code_suffix: str,
                 is_active: bool = False) -> RuleSet:
    """A new rule set for ``council`` with a copy of every current rule of ``ruleset`` (codes + suffix), active
    or not as chosen, for the target's administrators to adjust."""
    permissions.require_administer(actor, council)
    copy = RuleSet(code=code, name=name, council=council, description=ruleset.description, is_active=True)
    _clean(copy)
    copy.save()
    record_audit(target=copy, action="create", actor=actor, council=council,
                 note=_("Sao chép từ bộ chỉ tiêu %(code)s.") % {"code": ruleset.code})
    for source in current_rules(ruleset, on=timezone.localdate()):
        rule = Rule(ruleset=copy, code=f"{source.code}-{code_suffix}", valid_from=source.valid_from,
                    **{name: getattr(source, name) for name in (*VERSIONED_FIELDS, *IN_PLACE_FIELDS)})
        rule.is_active = is_active
        try:
            _clean(rule)
        except ValidationError as exc:
            raise ValidationError({"code_suffix": _("Không sao chép được chỉ tiêu %(code)s: %(errors)s") % {
                "code": source.code, "errors": " ".join(exc.messages)}}) from exc
        rule.save()
        rule.levels.set(source.levels.all())
        record_audit(target=rule, action="create", actor=actor, council=council,
                     note=_("Sao chép từ chỉ tiêu %(code)s.") % {"code": source.code})
    return copy


# ---------------------------------------------------------------------------------------------------------
# Preview: what a rule (saved, changed or new) would give, written nowhere.

class _Discard(Exception):
    """Raised to roll back the savepoint of a preview."""


def preview_rule(*, rule: Rule, levels: Iterable[AdministrativeLevel] | None, council: Council,
                 as_of: datetime.date) -> list[Outcome]:
    """The outcomes ``rule`` (with these levels) would have for ``council`` (not its subtree) on ``as_of``.

    ``rule`` may be new, or a saved rule with unsaved changes. The engine reads rules from the database
    (their levels are a relation), so a copy of the rule is saved inside a savepoint that is always rolled
    back: no rule, no result and no history line is ever written. The rule is validated first (a
    ValidationError names its fields); its validity dates and whether it is active are set aside, since the
    preview is of this rule as if it applied on ``as_of``.
    """
    rule.full_clean(exclude=["code"], validate_unique=False)
    probe = copy.copy(rule)
    probe.valid_from = probe.valid_to = None
    probe.is_active = True
    if probe.pk is None:
        probe.code = f"preview-{uuid.uuid4().hex}"[:50]
    outcomes: list[Outcome] = []
    try:
        with transaction.atomic():
            probe.save()
            if levels is not None:
                probe.levels.set(list(levels))
            saved = (Rule.objects.select_related("ruleset__council", "council").prefetch_related("levels")
                     .get(pk=probe.pk))
            outcomes = engine.evaluate(as_of=as_of, scope=Q(pk=council.pk), rules=[saved])
            raise _Discard
    except _Discard:
        pass
    return outcomes
