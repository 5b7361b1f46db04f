"""Helpers shared by the voters services: today's date in Vietnam, locking and refreshing a petition, and
building and saving new petitions (all of them, or none)."""

from __future__ import annotations

import datetime
from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.audit import record_audit
from councils.models import Council, Field

from ..choices import Channel, PetitionKind
from ..models import CitizenReception, Petition, VoterMeeting
from ..search import petition_search_text
from .deadlines import forward_due_for
from .numbering import assign_numbers


def _today() -> datetime.date:
    return timezone.localdate()


def _lock(petition: Petition) -> Petition:
    return Petition.objects.select_for_update().get(pk=petition.pk)


def _refresh(obj, fresh) -> None:
    for f in type(obj)._meta.concrete_fields:
        setattr(obj, f.attname, getattr(fresh, f.attname))


def _build_petition(*, council: Council, content: str, received_on: datetime.date, actor,
                    kind: str = PetitionKind.VOTER_PETITION, channel: str = Channel.VOTER_MEETING,
                    code: str = "", field: Field | None = None, meeting: VoterMeeting | None = None,
                    reception: CitizenReception | None = None, sender_name: str = "", sender_address: str = "",
                    voters_count: int = 1, meetings_count: int = 1, forward_due: datetime.date | None = None,
                    ) -> Petition:
    petition = Petition(
        council=council, kind=kind, channel=channel, code=(code or "").strip(), content=(content or "").strip(),
        field=field, meeting=meeting, reception=reception, sender_name=sender_name or "",
        sender_address=sender_address or "", received_on=received_on, voters_count=voters_count,
        meetings_count=meetings_count, created_by=actor if actor is not None and actor.is_authenticated else None,
    )
    petition.search_text = petition_search_text(content=petition.content, code=petition.code,
                                                sender_name=petition.sender_name)
    petition.forward_due = forward_due or forward_due_for(council=council, received_on=received_on)
    return petition


def _save_new_petitions(petitions: Sequence[Petition], *, actor, errors_prefix: str) -> list[Petition]:
    """Validate every petition first, then save them all; one bad item saves nothing."""
    errors: dict[str, list[str]] = {}

    def add(index, message):
        errors.setdefault(f"{errors_prefix}[{index}]", []).append(f"{errors_prefix} {index}: {message}")

    codes: dict[str, int] = {}
    for index, petition in enumerate(petitions, start=1):
        try:
            # Related rows arrive as instances already looked up in scope, and a new petition cannot break
            # the merge constraints; skipping those per-row queries keeps a 5,000-row import fast.
            petition.full_clean(exclude=["created_by", "council", "meeting", "reception", "field"],
                                validate_constraints=False)
        except ValidationError as exc:
            for name, messages in exc.message_dict.items():
                label = "" if name == "__all__" else f"{Petition._meta.get_field(name).verbose_name}: "
                for message in messages:
                    add(index, f"{label}{message}")
        if petition.code:
            if petition.code in codes:
                add(index, _("số hiệu %(code)s trùng với mục %(other)s.")
                    % {"code": petition.code, "other": codes[petition.code]})
            codes.setdefault(petition.code, index)
    if codes:
        council_id = petitions[0].council_id
        taken = set(Petition.objects.filter(council_id=council_id, code__in=list(codes))
                    .values_list("code", flat=True))
        for code in sorted(taken):
            add(codes[code], _("số hiệu %(code)s đã được dùng cho kiến nghị khác của HĐND.") % {"code": code})
    if errors:
        raise ValidationError(errors)
    assign_numbers(petitions, on=_today())
    for petition in petitions:
        petition.save()
        record_audit(target=petition, council=petition.council, action="create", actor=actor,
                     to_status=petition.status)
    return list(petitions)
