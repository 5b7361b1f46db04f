"""How compliance hears of data changes: every committed write that recorded history on a council asks for
that council's results to be recomputed (coalesced, see ``services.request_reevaluation``). And what it
answers the floor below: which lead-time rule a session's documents are measured against."""

from councils import audit, sessions

from . import selectors, services


def reevaluate_changed_councils(council_ids: frozenset[int]) -> None:
    for council_id in sorted(council_ids):
        services.request_reevaluation(council_id=council_id)


audit.on_council_changed(reevaluate_changed_councils)
sessions.on_lead_rule(selectors.session_lead_rule)
