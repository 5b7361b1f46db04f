"""Reads of the voters app. Every list selector takes the acting user, applies the council scope once and
loads what its rows show (select_related / prefetch), so a list page costs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import defaultdict
from difflib import SequenceMatcher

from django.db.models import Count, Exists, OuterRef, Prefetch, QuerySet
from django.utils import timezone

from councils.models import Council
from councils.workdays import add_working_days, deadline_setting

from .choices import MERGEABLE, AnswerOutcome, ForwardingStatus, PetitionStatus
from .models import CitizenReception, Forwarding, Petition, VoterMeeting

WAITING_FORWARD = (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED)


def _today() -> datetime.date:
    return timezone.localdate()


# --- lists ------------------------------------------------------------------------------------------------

def meetings_for(user) -> QuerySet[VoterMeeting]:
    return (VoterMeeting.objects.for_user(user)
            .select_related("council", "body", "session")
            .prefetch_related("deputies_present")
            .annotate(petitions_total=Count("petitions", distinct=True))
            # An aggregate drops Meta.ordering; pagination needs a stable order.
            .order_by("council", "-date", "-pk"))


def receptions_for(user) -> QuerySet[CitizenReception]:
    return (CitizenReception.objects.for_user(user)
            .select_related("council", "deputy")
            .annotate(letters_total=Count("letters", distinct=True))
            .order_by("council", "-date", "-pk"))


def with_resolution(queryset: QuerySet[Petition]) -> QuerySet[Petition]:
    """Annotate ``is_resolved``: forwarded at least once, and every forwarding answered as resolved."""
    forwardings = Forwarding.objects.filter(petition=OuterRef("pk"))
    return queryset.annotate(
        is_resolved=Exists(forwardings) & ~Exists(
            forwardings.exclude(status=ForwardingStatus.ANSWERED, outcome=AnswerOutcome.RESOLVED)),
    )


def resolved(queryset: QuerySet[Petition]) -> QuerySet[Petition]:
    return with_resolution(queryset).filter(is_resolved=True)


def petitions_for(user) -> QuerySet[Petition]:
    """Petitions and letters the user may see, with what list pages and the API show."""
    return with_resolution(
        Petition.objects.for_user(user)
        .select_related("council", "field", "meeting", "reception", "merged_into", "reported_session")
        .prefetch_related(
            Prefetch("forwardings", queryset=Forwarding.objects.select_related("agency").order_by("agency__name")),
            "proposed_agencies",
        )
    )


def letters_for(user) -> QuerySet[Petition]:
    return petitions_for(user).letters()


def forwardings_for(user) -> QuerySet[Forwarding]:
    return Forwarding.objects.for_user(user).select_related("petition__council", "agency")


# --- deadlines --------------------------------------------------------------------------------------------

def _due_soon_limit(today: datetime.date, council=None) -> datetime.date:
    return add_working_days(today, deadline_setting("due_soon_working_days"), council=council)


def _in_council(queryset, council, prefix=""):
    """Keep rows of this council and the councils below it (None: no restriction)."""
    if council is None:
        return queryset
    return queryset.filter(**{f"{prefix}council__path__startswith": council.path})


def _of_agency(queryset, agency):
    return queryset if agency is None else queryset.filter(agency=agency)


def overdue_forwardings(user, *, today=None, council=None, agency=None) -> QuerySet[Forwarding]:
    """Forwardings past their answer deadline (those paused for clarification are not counted)."""
    today = today or _today()
    queryset = forwardings_for(user).filter(status=ForwardingStatus.PENDING, due_date__lt=today)
    return _of_agency(_in_council(queryset, council, "petition__"), agency).order_by("due_date", "pk")


def due_soon_forwardings(user, *, today=None, council=None, agency=None) -> QuerySet[Forwarding]:
    today = today or _today()
    queryset = forwardings_for(user).filter(status=ForwardingStatus.PENDING, due_date__gte=today,
                                            due_date__lte=_due_soon_limit(today))
    return _of_agency(_in_council(queryset, council, "petition__"), agency).order_by("due_date", "pk")


def overdue_petitions(user, *, today=None, council=None) -> QuerySet[Petition]:
    """Petitions and letters not forwarded by their forwarding deadline."""
    today = today or _today()
    return _in_council(petitions_for(user).filter(status__in=WAITING_FORWARD, forward_due__lt=today),
                       council).order_by("forward_due", "pk")


def due_soon_petitions(user, *, today=None, council=None) -> QuerySet[Petition]:
    today = today or _today()
    return _in_council(petitions_for(user).filter(status__in=WAITING_FORWARD, forward_due__gte=today,
                                                  forward_due__lte=_due_soon_limit(today)),
                       council).order_by("forward_due", "pk")


def overdue_counts_by_agency(user, *, today=None, council=None) -> list[dict]:
    """[{agency id, agency name, overdue count}] for the overdue list by agency."""
    return list(overdue_forwardings(user, today=today, council=council).order_by()
                .values("agency", "agency__name").annotate(total=Count("pk")).order_by("-total", "agency__name"))


# --- consolidation ----------------------------------------------------------------------------------------

def _tokens(text: str) -> frozenset[str]:
    # Words of one or two letters ("xa", "va") carry little meaning in Vietnamese without accents.
    return frozenset(word for word in text.split() if len(word) > 2)


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two normalised texts: the better of word overlap (Jaccard) and character
    sequence likeness (difflib), so both reordered and slightly reworded duplicates score high."""
    ta, tb = _tokens(a), _tokens(b)
    jaccard = len(ta & tb) / len(ta | tb) if ta | tb else 0.0
    if jaccard < 0.2:
        return jaccard
    return max(jaccard, SequenceMatcher(None, a, b, autojunk=False).ratio())


def suggest_duplicates(petition: Petition, *, threshold: float = 0.6, limit: int = 10,
                       candidates: int = 500) -> list[tuple[Petition, float]]:
    """Likely duplicates of ``petition``: same council and field, still open to merging, most similar first.

    Work is bounded: at most ``candidates`` recent petitions are compared.
    """
    queryset = (Petition.objects.filter(council_id=petition.council_id, field_id=petition.field_id,
                                        status__in=MERGEABLE)
                .exclude(pk=petition.pk).select_related("meeting").order_by("-received_on", "-pk")[:candidates])
    scored = [(other, similarity(petition.search_text, other.search_text)) for other in queryset]
    scored = [(other, round(score, 3)) for other, score in scored if score >= threshold]
    scored.sort(key=lambda pair: -pair[1])
    return scored[:limit]


def duplicate_pairs(user, *, council: Council, threshold: float = 0.6, candidates: int = 300,
                    limit: int = 50) -> list[tuple[Petition, Petition, float]]:
    """Pairs of likely duplicates among the council's ``candidates`` most recent open petitions, compared
    only within the same field (bounded: at most candidates²/2 comparisons)."""
    rows = list(Petition.objects.for_user(user).filter(council=council, status__in=MERGEABLE)
                .select_related("field", "meeting").order_by("-received_on", "-pk")[:candidates])
    by_field: dict[int | None, list[Petition]] = defaultdict(list)
    for row in rows:
        by_field[row.field_id].append(row)
    pairs = []
    for group in by_field.values():
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                score = similarity(a.search_text, b.search_text)
                if score >= threshold:
                    pairs.append((a, b, round(score, 3)))
    pairs.sort(key=lambda triple: -triple[2])
    return pairs[:limit]
