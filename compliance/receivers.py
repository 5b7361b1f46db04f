"""How compliance hears of data changes: every committed write that recorded history on a council asks for
that council's results to be recomputed (coalesced, see ``services.request_reevaluation``)."""

from councils import audit

from . import services


def reevaluate_changed_councils(council_ids: frozenset[int]) -> None:
    for council_id in sorted(council_ids):
        services.request_reevaluation(council_id=council_id)


audit.on_council_changed(reevaluate_changed_councils)
