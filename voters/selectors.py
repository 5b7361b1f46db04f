"""Reads of the voters app. Every list selector takes the acting user, applies the council scope once and
loads what its rows show (select_related / prefetch), so a list page costs a fixed number of queries."""

from __future__ import annotations

import datetime
from collections import Counter, defaultdict
from difflib import SequenceMatcher

from django.db.models import Case, Count, Exists, IntegerField, OuterRef, Prefetch, Q, QuerySet, Value, When
from django.utils import timezone

from councils import scoping
from councils.models import Council
from councils.workdays import add_working_days, deadline_setting
from utilities.text import words

from . import tracking
from .choices import (
    FEEDBACK_FROM,
    MERGEABLE,
    AnswerOutcome,
    FeedbackStatus,
    ForwardingStatus,
    PetitionKind,
    PetitionStatus,
)
from .models import Attachment, CitizenReception, Forwarding, Petition, VoterFeedback, VoterMeeting

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


def is_resolved(petition: Petition) -> bool:
    """``with_resolution``'s rule on one loaded petition, read from its prefetched forwardings (those of
    ``petitions_for``): computed for the rows shown, never for the rows a deep page skips."""
    forwardings = list(petition.forwardings.all())
    return bool(forwardings) and all(
        f.status == ForwardingStatus.ANSWERED and f.outcome == AnswerOutcome.RESOLVED for f in forwardings)


def petitions_for(user) -> QuerySet[Petition]:
    """Petitions and letters the user may see, with what list pages and the API show (``is_resolved`` of a
    row comes from its prefetched forwardings). Joined: the council and field they name; the meeting,
    reception, session and merged-into petition they show as ids are not (``with_sources`` for a page that
    names them): planning the four more joins took 6–16 ms of a 3 ms query, on every list page."""
    return (
        Petition.objects.for_user(user)
        .select_related("council", "field")
        .prefetch_related(
            Prefetch("forwardings", queryset=Forwarding.objects.select_related("agency").order_by("agency__name")),
            "proposed_agencies",
            Prefetch("attachments", queryset=Attachment.objects.filter(archived_at__isnull=True)),
        )
    )


def with_sources(queryset: QuerySet[Petition]) -> QuerySet[Petition]:
    """Petitions with the meeting or reception they came from, the session they were reported at and the
    petition they were merged into: what a petition's own page names."""
    return queryset.select_related("meeting", "reception", "merged_into", "reported_session")


def letters_for(user) -> QuerySet[Petition]:
    return petitions_for(user).letters()


def forwardings_for(user) -> QuerySet[Forwarding]:
    """Forwardings of the councils the user sees, and those addressed to the agencies they are staff of."""
    agencies = scoping.agency_ids(user)
    queryset = Forwarding.objects.for_user(user)
    if agencies and not scoping.sees_everything(user):
        queryset = Forwarding.objects.filter(
            scoping.scope_q(user, Forwarding.council_scope) | Q(agency_id__in=agencies))
    return queryset.select_related("petition__council", "agency")


def forwardings_with_files(user) -> QuerySet[Forwarding]:
    """``forwardings_for`` with each forwarding's reply documents, for the API."""
    return forwardings_for(user).prefetch_related(
        Prefetch("attachments", queryset=Attachment.objects.filter(archived_at__isnull=True)))


def agency_forwardings(user, *, today=None) -> QuerySet[Forwarding]:
    """An agency user's worklist: only their agencies' forwardings, overdue first, then due soon, then the
    rest still waiting for them, then those answered; by deadline within each."""
    today = today or _today()
    open_states = (ForwardingStatus.PENDING, ForwardingStatus.CLARIFICATION)
    urgency = Case(
        When(status=ForwardingStatus.PENDING, due_date__lt=today, then=Value(0)),
        When(status=ForwardingStatus.PENDING, due_date__lte=due_soon_limit(today), then=Value(1)),
        When(status__in=open_states, then=Value(2)),
        default=Value(3), output_field=IntegerField(),
    )
    return (Forwarding.objects.filter(agency_id__in=scoping.agency_ids(user), petition__archived_at__isnull=True)
            .select_related("petition__council", "agency")
            .prefetch_related(Prefetch("attachments", queryset=Attachment.objects.filter(archived_at__isnull=True)))
            .annotate(urgency=urgency).order_by("urgency", "due_date", "pk"))


def attachments_for(user) -> QuerySet[Attachment]:
    """Attachments the user may open: those of the petitions of their councils; and, for an agency's staff,
    their own reply documents and the files of the petitions forwarded to them, except a denunciation's
    while its sender is not released."""
    queryset = Attachment.objects.filter(scoping.scope_q(user, Attachment.council_scope))
    agencies = scoping.agency_ids(user)
    if agencies and not scoping.sees_everything(user):
        addressed = Exists(Forwarding.objects.filter(petition=OuterRef("petition"), agency_id__in=agencies))
        identity_free = ~Q(petition__kind=PetitionKind.DENUNCIATION) | Q(petition__identity_released_on__isnull=False)
        queryset = Attachment.objects.filter(
            scoping.scope_q(user, Attachment.council_scope)
            | Q(forwarding__agency_id__in=agencies)
            | (Q(forwarding__isnull=True) & Q(addressed) & identity_free))
    return queryset.select_related("petition__council", "forwarding__agency", "uploaded_by")


# --- deadlines --------------------------------------------------------------------------------------------

def due_soon_limit(today: datetime.date, council=None) -> datetime.date:
    """The last day whose deadline counts as due soon (the deadline setting's working days ahead)."""
    return add_working_days(today, deadline_setting("due_soon_working_days"), council=council)


def _in_council(queryset, council, prefix="", *, user=None):
    """Keep rows of this council and the councils below it (None: no restriction; nothing to add when the
    ``user`` the queryset is scoped to sees nothing outside it)."""
    if council is None or (user is not None and scoping.scope_within(user, council.path)):
        return queryset
    return queryset.filter(**{f"{prefix}council__path__startswith": council.path})


def _of_agency(queryset, agency):
    return queryset if agency is None else queryset.filter(agency=agency)


def overdue_forwardings(user, *, today=None, council=None, agency=None) -> QuerySet[Forwarding]:
    """Forwardings past their answer deadline (those paused for clarification are not counted)."""
    today = today or _today()
    queryset = forwardings_for(user).filter(status=ForwardingStatus.PENDING, due_date__lt=today)
    return _of_agency(_in_council(queryset, council), agency).order_by("due_date", "pk")


def due_soon_forwardings(user, *, today=None, council=None, agency=None) -> QuerySet[Forwarding]:
    today = today or _today()
    queryset = forwardings_for(user).filter(status=ForwardingStatus.PENDING, due_date__gte=today,
                                            due_date__lte=due_soon_limit(today))
    return _of_agency(_in_council(queryset, council), agency).order_by("due_date", "pk")


def overdue_petitions(user, *, today=None, council=None) -> QuerySet[Petition]:
    """Petitions and letters not forwarded by their forwarding deadline."""
    today = today or _today()
    return _in_council(petitions_for(user).filter(status__in=WAITING_FORWARD, forward_due__lt=today),
                       council, user=user).order_by("forward_due", "pk")


def due_soon_petitions(user, *, today=None, council=None) -> QuerySet[Petition]:
    today = today or _today()
    return _in_council(petitions_for(user).filter(status__in=WAITING_FORWARD, forward_due__gte=today,
                                                  forward_due__lte=due_soon_limit(today)),
                       council, user=user).order_by("forward_due", "pk")


def overdue_counts_by_agency(user, *, today=None, council=None) -> list[dict]:
    """[{agency id, agency name, overdue count}] for the overdue list by agency."""
    return list(overdue_forwardings(user, today=today, council=council).order_by()
                .values("agency", "agency__name").annotate(total=Count("pk")).order_by("-total", "agency__name"))


# --- consolidation ----------------------------------------------------------------------------------------

def _tokens(text: str) -> frozenset[str]:
    # Words of one or two letters ("xa", "va") carry little meaning in Vietnamese without accents.
    return frozenset(word for word in text.split() if len(word) > 2)


def _jaccard(ta: frozenset[str], tb: frozenset[str]) -> float:
    return len(ta & tb) / len(ta | tb) if ta | tb else 0.0


def similarity(a: str, b: str) -> float:
    """0..1 similarity of two normalised texts: the better of word overlap (Jaccard) and character
    sequence likeness (difflib), so both reordered and slightly reworded duplicates score high."""
    jaccard = _jaccard(_tokens(a), _tokens(b))
    if jaccard < 0.2:
        return jaccard
    return max(jaccard, SequenceMatcher(None, a, b, autojunk=False).ratio())


def _most_similar(text: str, others: list[tuple[int, str]], *, threshold: float,
                  limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best of ``others`` (primary key, search text) by ``similarity`` to ``text`` (at least ``threshold``, rounded to 3
    places, ties in the given order): the same answer as scoring them all, with far fewer full comparisons.

    difflib's full ratio costs about a millisecond a pair; ``quick_ratio`` (linear) bounds it from above. The
    candidates are taken best bound first, and once the next bound cannot reach the ``limit``-th score found so
    far, none of the rest can either (the open page of a big province: ~100 ms → a few ms)."""
    mine, letters = _tokens(text), Counter(text)
    entries = []
    for index, (pk, other) in enumerate(others):
        jaccard = _jaccard(mine, _tokens(other))
        bound = jaccard
        if jaccard >= 0.2:
            # difflib's quick_ratio, without building a SequenceMatcher for every candidate.
            counts, length = Counter(other), len(text) + len(other)
            matches = sum(min(n, counts[letter]) for letter, n in letters.items())
            bound = max(jaccard, 2.0 * matches / length if length else 1.0)
        entries.append((bound, index, pk, other, jaccard))
    entries.sort(key=lambda entry: (-entry[0], entry[1]))
    best: list[tuple[float, int, int]] = []
    for bound, index, pk, other, jaccard in entries:
        if bound < threshold or (len(best) >= limit and round(bound, 3) < best[limit - 1][0]):
            break
        score = jaccard if jaccard < 0.2 else max(
            jaccard, SequenceMatcher(None, text, other, autojunk=False).ratio())
        if score >= threshold:
            best.append((round(score, 3), index, pk))
            best.sort(key=lambda item: (-item[0], item[1]))
            del best[limit:]
    return [(pk, score) for score, _index, pk in best]


def suggest_duplicates(petition: Petition, *, threshold: float = 0.6, limit: int = 10,
                       candidates: int = 500) -> list[tuple[Petition, float]]:
    """Likely duplicates of ``petition``: same council and field, still open to merging, most similar first.

    Work is bounded: at most ``candidates`` recent petitions are compared, on their search text alone; only
    the ones kept are read whole (one more query, none when there are none).
    """
    texts = (Petition.objects.filter(council_id=petition.council_id, field_id=petition.field_id,
                                     status__in=MERGEABLE)
             .exclude(pk=petition.pk).order_by("-received_on", "-pk").values_list("pk", "search_text")[:candidates])
    kept = _most_similar(petition.search_text, list(texts), threshold=threshold, limit=limit)
    rows = Petition.objects.select_related("meeting").in_bulk([pk for pk, _score in kept])
    return [(rows[pk], score) for pk, score in kept if pk in rows]


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


# --- tracking by the sender, published answers, feedback -----------------------------------------------------

def receipt_for(petition: Petition) -> dict:
    """What the receipt given to the sender says (the staff page prints it; a Word/PDF receipt can reuse it):
    the council, what was received and when, the tracking code and key, and where to look it up."""
    council = petition.council
    return {
        "council_name": council.name,
        "area_name": council.area_name,
        "kind": petition.get_kind_display(),
        "channel": petition.get_channel_display(),
        "content": petition.content,
        "sender_name": petition.sender_name,
        "sender_address": petition.sender_address,
        "received_on": petition.received_on,
        "code": petition.code,
        "tracking_code": petition.tracking_code,
        "tracking_key": petition.tracking_key,
        "lookup_path": "/tra-cuu/",
    }


def petition_for_tracking(code: str | None, key: str | None) -> Petition | None:
    """The petition with this tracking code whose key matches, else None: a wrong code and a wrong key cost
    the same (one indexed query, one constant-time comparison) and give the same answer."""
    normalised = tracking.normalise(code)
    # Only the key is read until it matches: a known code with a wrong key builds no more than an unknown one.
    row = (Petition.objects.filter(tracking_code=normalised).values_list("pk", "tracking_key").first()
           if normalised else None)
    if not tracking.key_matches(row[1] if row else None, key):
        return None
    return Petition.objects.select_related("council", "field", "merged_into").get(pk=row[0])


def public_status(petition: Petition) -> dict:
    """What the holder of the code and key sees: no name of anyone (sender, deputy, staff), the agencies it
    went to with their deadlines, and the answers the secretariat has published."""
    shown = petition.merged_into if petition.merged_into_id else petition
    forwardings = []
    for f in Forwarding.objects.filter(petition=shown).select_related("agency").order_by("forwarded_on", "pk"):
        public = f.answer_public and f.status == ForwardingStatus.ANSWERED
        forwardings.append({
            "agency": f.agency.name, "forwarded_on": f.forwarded_on, "due_date": f.due_date,
            "status": f.status, "status_display": f.get_status_display(),
            "answer": f.answer if public else None, "answered_on": f.answered_on if public else None,
            "outcome": f.outcome if public else None, "outcome_display": f.get_outcome_display() if public else None,
        })
    return {
        "tracking_code": petition.tracking_code,
        "council": petition.council.name,
        "kind": petition.kind, "kind_display": petition.get_kind_display(),
        "field": petition.field.name if petition.field_id else "",
        "received_on": petition.received_on,
        "status": petition.status, "status_display": petition.get_status_display(),
        "merged": bool(petition.merged_into_id),
        "forwardings": forwardings,
        "feedback_allowed": feedback_allowed(petition),
    }


def feedback_allowed(petition: Petition) -> bool:
    return (petition.status in FEEDBACK_FROM
            and not VoterFeedback.objects.filter(petition=petition, status=FeedbackStatus.OPEN).exists())


def public_answers(council: Council, query: str = "") -> QuerySet[Forwarding]:
    """Answers to the council's voter petitions it has published (letters are the sender's own matter),
    searched without accents in the petition's content and the answer; nothing about who sent them."""
    queryset = (Forwarding.objects
                .filter(petition__council=council, petition__kind=PetitionKind.VOTER_PETITION,
                        petition__archived_at__isnull=True, answer_public=True, status=ForwardingStatus.ANSWERED)
                .select_related("agency", "petition__field")
                .order_by("-answer_published_on", "-pk"))
    for word in words(query):
        queryset = queryset.filter(public_search_text__contains=word)
    return queryset


def feedback_for(user) -> QuerySet[VoterFeedback]:
    return VoterFeedback.objects.for_user(user).select_related("petition__council")


def open_feedback_for(user) -> QuerySet[VoterFeedback]:
    """The secretariat's queue: senders who say their petition is not resolved."""
    return feedback_for(user).filter(status=FeedbackStatus.OPEN)
