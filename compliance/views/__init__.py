"""Pages of the compliance app: the quota dashboard and its drill-down, the agency scorecard, and the rule
editor of administrators."""

from .dashboard import dashboard, recompute, result_detail, rule_detail
from .rules import (
    rule_create,
    rule_edit,
    rule_preview,
    ruleset_copy,
    ruleset_create,
    ruleset_detail,
    ruleset_edit,
    ruleset_list,
)
from .scorecard import ScorecardForwardingListView, agency_scorecard

__all__ = ["ScorecardForwardingListView", "agency_scorecard", "dashboard", "recompute", "result_detail",
           "rule_create", "rule_detail", "rule_edit", "rule_preview", "ruleset_copy", "ruleset_create",
           "ruleset_detail", "ruleset_edit", "ruleset_list"]
