"""Numbering at intake: a petition recorded without a number (số hiệu) gets the next one of its council's
sequence, in the council's pattern (``voters.numbering``), on every intake path."""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from itertools import groupby

from ..models import Petition, PetitionNumbering
from ..numbering import format_number, uses_year
from ..search import petition_search_text


def _locked_numbering(council_id: int) -> PetitionNumbering:
    # get_or_create copes with two first intakes at once (the loser reads the winner's row); the lock then
    # holds every other intake of the council until this transaction ends.
    numbering, _created = PetitionNumbering.objects.get_or_create(council_id=council_id)
    return PetitionNumbering.objects.select_for_update().get(pk=numbering.pk)


def _next_codes(numbering: PetitionNumbering, *, council_id: int, year: int, count: int,
                reserved: set[str]) -> tuple[list[str], int]:
    """``count`` free numbers after the last one given, skipping any already used (typed in by hand, or
    imported): one query per batch of candidates, however many are taken."""
    last = numbering.last_number if not uses_year(numbering.pattern) or numbering.year == year else 0
    codes: list[str] = []
    while len(codes) < count:
        wanted = count - len(codes)
        candidates = [format_number(numbering.pattern, year=year, seq=last + i) for i in range(1, wanted + 11)]
        taken = reserved | set(Petition.objects.filter(council_id=council_id, code__in=candidates)
                               .values_list("code", flat=True))
        for candidate in candidates:
            last += 1
            if candidate not in taken:
                codes.append(candidate)
                if len(codes) == count:
                    break
    return codes, last


def assign_numbers(petitions: Sequence[Petition], *, on: datetime.date) -> None:
    """Number the petitions that have none, in their order. Call inside the transaction that saves them."""
    waiting = sorted((p for p in petitions if not p.code), key=lambda p: p.council_id)
    for council_id, group in groupby(waiting, key=lambda p: p.council_id):
        group = list(group)
        numbering = _locked_numbering(council_id)
        reserved = {p.code for p in petitions if p.code and p.council_id == council_id}
        codes, last = _next_codes(numbering, council_id=council_id, year=on.year, count=len(group),
                                  reserved=reserved)
        PetitionNumbering.objects.filter(pk=numbering.pk).update(year=on.year, last_number=last)
        for petition, code in zip(group, codes, strict=True):
            petition.code = code
            petition.search_text = petition_search_text(content=petition.content, code=code,
                                                        sender_name=petition.sender_name)
