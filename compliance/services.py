"""Writes of the compliance app: evaluation runs (from ``compliance.runs``, below the tasks), coalesced requests
for re-evaluation after other apps' writes or a secretariat's request, and loading rule sets from data files."""

from __future__ import annotations

import datetime
from functools import partial

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import record_audit
from councils.models import AdministrativeLevel, Council

from . import permissions
from .models import PendingEvaluation, Rule, RuleSet
from .runs import (
    REEVALUATION_WINDOW_SECONDS,
    EvaluationBusy,
    acquire_lock,
    default_as_of,
    release_lock,
    run_evaluation,
)
from .tasks import queue_council_evaluation

__all__ = [
    "REEVALUATION_WINDOW_SECONDS", "EvaluationBusy", "acquire_lock", "default_as_of", "load_ruleset",
    "queue_council_evaluation", "release_lock", "request_reevaluation", "request_run", "run_evaluation",
]


# ---------------------------------------------------------------------------------------------------------
# Re-evaluation after data changes, coalesced.

def request_reevaluation(*, council_id: int) -> None:
    """Ask for this council's compliance results to be recomputed soon after its data changed.

    Other apps' services call this after a write, inside their transaction. The council is marked
    pending (a row, so nothing is lost if no task gets queued), and once the transaction commits at most
    one delayed task per council and window is queued: a hundred edits in a minute give one run. The
    ``flush_pending_councils`` sweep picks up whatever is still pending after the window.
    """
    PendingEvaluation.objects.update_or_create(council_id=council_id, defaults={"requested_at": timezone.now()})
    transaction.on_commit(partial(queue_council_evaluation, council_id, countdown=REEVALUATION_WINDOW_SECONDS))


def request_run(*, user, council: Council) -> bool:
    """A secretariat or administrator asks for their council to be evaluated now.

    Returns False when an evaluation of this council is already queued (it will include their data).
    """
    permissions.require_request_run(user, council)
    PendingEvaluation.objects.update_or_create(council_id=council.pk, defaults={"requested_at": timezone.now()})
    record_audit(target=council, action="compliance_run_requested", actor=user, council=council,
                 data_changed=False)
    queued = []
    transaction.on_commit(lambda: queued.append(queue_council_evaluation(council.pk)))
    return not queued or queued[0]


# ---------------------------------------------------------------------------------------------------------
# Rule sets from data files.

RULE_FIELDS = ("title", "description", "legal_document", "legal_article", "subject_type", "committee_type",
               "metric", "params", "period", "period_days", "comparison", "threshold", "obligation",
               "valid_from", "valid_to", "is_active", "order")


@transaction.atomic
def load_ruleset(*, data: dict) -> tuple[RuleSet, int]:
    """Create or update a rule set and its rules by code (idempotent). Returns the set and its rule count.

    Every rule is validated like in the admin; one bad rule leaves the whole file unloaded. A rule given new
    versions in the portal is updated in its newest version, whose start date stays.
    """
    spec = data["ruleset"]
    council = None
    if spec.get("council_code"):
        council = Council.objects.filter(code=spec["council_code"]).first()
        if council is None:
            raise ValidationError(_("Không tìm thấy HĐND mã %(code)s: hãy nạp danh mục HĐND trước.")
                                  % {"code": spec["council_code"]})
    ruleset, _created = RuleSet.objects.update_or_create(
        code=spec["code"],
        defaults={"name": spec["name"], "description": spec.get("description", ""), "council": council,
                  "is_active": spec.get("is_active", True)},
    )
    levels = {level.code: level for level in AdministrativeLevel.objects.all()}
    for order, item in enumerate(data["rules"], start=1):
        values = {name: item[name] for name in RULE_FIELDS if name in item}
        values.setdefault("order", order)
        for name in ("valid_from", "valid_to"):
            if values.get(name):
                values[name] = datetime.date.fromisoformat(values[name])
        # A rule edited in the portal since may have later versions: the file updates the newest one.
        rule = Rule.objects.filter(code=item["code"]).order_by("-revision").first() or Rule(code=item["code"])
        rule.ruleset = ruleset
        rule.council = Council.objects.filter(code=item["council_code"]).first() if item.get("council_code") else None
        for name in RULE_FIELDS:
            if name == "valid_from" and rule.previous_id is not None:
                # A later version's start is the day its predecessor gave way (set in the editor).
                continue
            setattr(rule, name, values.get(name, Rule._meta.get_field(name).get_default()))
        try:
            rule.full_clean()
        except ValidationError as exc:
            raise ValidationError(_("Chỉ tiêu %(code)s không hợp lệ: %(errors)s")
                                  % {"code": item["code"], "errors": exc.messages}) from exc
        rule.save()
        unknown = [code for code in item.get("levels", []) if code not in levels]
        if unknown:
            raise ValidationError(_("Chỉ tiêu %(code)s dùng cấp chưa có trong danh mục: %(levels)s.")
                                  % {"code": item["code"], "levels": ", ".join(unknown)})
        rule.levels.set([levels[code] for code in item.get("levels", [])])
    return ruleset, len(data["rules"])
