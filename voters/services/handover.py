"""A retired council's open petitions and letters handed to its successor (councils.handovers): the same rows,
with their forwardings, attachments and history, now the successor's; answered and closed ones stay."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from councils.handovers import ItemKind, record_moved
from councils.models import Council, Handover

from ..choices import PetitionStatus
from ..models import Forwarding, Petition
from .deadlines import OPEN_FORWARDING_STATUSES

# Still being dealt with: not yet answered, reported to voters or closed (nor merged into another one).
OPEN_PETITION_STATUSES = (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED, PetitionStatus.FORWARDED)

KINDS = (
    ItemKind("petitions", _("Kiến nghị, đơn thư đang xử lý"), "voters:petition_detail"),
    ItemKind("forwardings", _("Chuyển kiến nghị chờ cơ quan trả lời"), "voters:forwarding_detail"),
)


def _open_petitions(council: Council):
    return Petition.objects.filter(council=council, status__in=OPEN_PETITION_STATUSES, archived_at__isnull=True)


def count_open(council: Council) -> dict[str, int]:
    return {
        "petitions": _open_petitions(council).count(),
        "forwardings": Forwarding.objects.filter(petition__in=_open_petitions(council),
                                                 status__in=OPEN_FORWARDING_STATUSES).count(),
    }


def move_open(*, handover: Handover, actor) -> dict[str, list[tuple[int, str]]]:
    """Each open petition changes council; its number stays unless the successor already uses it for one of its
    own, when the retired council's code is appended (KN-2025-0001/00123), said in the history line."""
    petitions = list(_open_petitions(handover.from_council).select_for_update().order_by("received_on", "pk"))
    taken = set(Petition.objects.filter(council=handover.to_council).exclude(code="").values_list("code", flat=True))
    forwardings = list(Forwarding.objects.filter(petition__in=[p.pk for p in petitions],
                                                 status__in=OPEN_FORWARDING_STATUSES)
                       .select_related("agency", "petition").order_by("petition_id", "pk"))
    moved: dict[str, list[tuple[int, str]]] = {"petitions": [], "forwardings": []}
    for petition in petitions:
        changes = {}
        if petition.code and petition.code in taken:
            new_code = f"{petition.code}/{handover.from_council.code}"[:Petition._meta.get_field("code").max_length]
            changes["code"] = [petition.code, new_code]
            petition.code = new_code
        taken.add(petition.code)
        petition.council = handover.to_council
        petition.full_clean(validate_unique=True)
        petition.save(update_fields=["council", "code", "updated_at"])
        record_moved(target=petition, handover=handover, actor=actor, changes=changes)
        moved["petitions"].append((petition.pk, str(petition)))
    # Every forwarding of a moved petition follows it (Forwarding.council is the petition's), open or not.
    Forwarding.objects.filter(petition__in=[p.pk for p in petitions]).update(council=handover.to_council)
    for forwarding in forwardings:
        record_moved(target=forwarding, handover=handover, actor=actor)
        moved["forwardings"].append((forwarding.pk, f"{forwarding.petition} → {forwarding.agency.name}"))
    return moved
