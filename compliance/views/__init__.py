"""Pages of the compliance app: the quota dashboard and its drill-down, and the agency scorecard."""

from .dashboard import dashboard, recompute, result_detail, rule_detail
from .scorecard import ScorecardForwardingListView, agency_scorecard

__all__ = ["ScorecardForwardingListView", "agency_scorecard", "dashboard", "recompute", "result_detail",
           "rule_detail"]
