"""Calendar feeds (lịch công tác, iCalendar): each user's secret address, and the events it carries.

A feed holds the sessions of the user's own councils, the voter meetings, citizen receptions and trainings they
take part in, and their open deadlines (work items, recommendations they follow, and for an agency's staff the
forwardings addressed to it), each read through the same scope as the pages. Every event has a UID that
names the record ("session-12@<HDND_CALENDAR_UID_DOMAIN>"), a SEQUENCE that is the record's version and a
LAST-MODIFIED that is its update time, so a calendar application updates an event instead of adding another.
No record carries a time of day: every event is an all-day event, in Asia/Ho_Chi_Minh.

The token in the address is derived from the feed's nonce and the secret key (``salted_hmac``), and only its
SHA-256 is stored: looking a token up is one indexed equality on its hash, whatever the token.
"""

from __future__ import annotations

import datetime
import hashlib
import hmac
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import icalendar
from django.conf import settings
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext as _

from councils import scoping
from councils.models import Session
from oversight.choices import OPEN_FOLLOW_UP
from oversight.models import Recommendation, Training, WorkItem
from oversight.selectors import OPEN_WORK
from voters.choices import ForwardingStatus
from voters.models import CitizenReception, Forwarding, VoterMeeting

from .models import CalendarFeed

_SALT = "hdnd.portal.calendar-feed"
_TOKEN = re.compile(r"[0-9a-f]{64}")
# Meetings, receptions, trainings and sessions further back than this stay out of the feed; open deadlines are
# always in it, however late.
PAST_DAYS = 365


# --- tokens ------------------------------------------------------------------------------------------------

def token_of(feed: CalendarFeed) -> str:
    return salted_hmac(_SALT, f"{feed.user_id}:{feed.nonce}", algorithm="sha256").hexdigest()


def hash_of(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def current_token(feed: CalendarFeed | None) -> str | None:
    """The token of a live feed; None if revoked, or if the secret key changed since it was issued (the
    stored hash no longer matches: the user makes a new address)."""
    if feed is None or feed.revoked_at is not None or not feed.token_hash:
        return None
    token = token_of(feed)
    return token if hmac.compare_digest(hash_of(token), feed.token_hash) else None


def feed_for_token(token: str) -> CalendarFeed | None:
    """The live feed this token opens, with its active user; None for a wrong, revoked or malformed token."""
    if not _TOKEN.fullmatch(token or ""):
        return None
    digest = hash_of(token)
    feed = (CalendarFeed.objects.filter(token_hash=digest, revoked_at__isnull=True, user__is_active=True)
            .select_related("user").first())
    # The token must also be the one the current secret key derives: rotating the key ends every address.
    if feed is None or not hmac.compare_digest(token_of(feed), token):
        return None
    return feed


# --- events ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class FeedEvent:
    uid: str
    summary: str
    start: datetime.date
    end: datetime.date  # inclusive: the last day of the event
    location: str
    description: str
    url_name: str
    pk: int
    version: int
    updated_at: datetime.datetime


def _uid(kind: str, pk: int) -> str:
    return f"{kind}-{pk}@{settings.HDND_CALENDAR_UID_DOMAIN}"


def _event(kind: str, obj, summary: str, start: datetime.date, end: datetime.date | None = None, *,
           location: str = "", description: str = "", url_name: str = "") -> FeedEvent:
    return FeedEvent(_uid(kind, obj.pk), summary, start, end or start, location or "", description or "",
                     url_name, obj.pk, obj.version, obj.updated_at)


def _sessions(user, since) -> Iterator[FeedEvent]:
    own = {council for _path, council, _role, _deputy in scoping.assignments(user)}
    if not own:
        return
    for session in (Session.objects.for_user(user).filter(council_id__in=own, end_date__gte=since)
                    .select_related("council")):
        yield _event("session", session, str(session), session.start_date, session.end_date, location=session.place,
                     description=session.council.name, url_name="session_detail")


def _meetings(user, mine, since) -> Iterator[FeedEvent]:
    for meeting in (VoterMeeting.objects.for_user(user).filter(deputies_present__in=mine, date__gte=since)
                    .distinct().select_related("council")):
        yield _event("voter-meeting", meeting, _("Tiếp xúc cử tri: %(place)s") % {"place": meeting.place},
                     meeting.date, location=meeting.place, description=meeting.topic or meeting.council.name,
                     url_name="voters:meeting_detail")


def _receptions(user, mine, since) -> Iterator[FeedEvent]:
    for reception in (CitizenReception.objects.for_user(user).filter(deputy__in=mine, date__gte=since)
                      .select_related("council")):
        yield _event("reception", reception, _("Tiếp công dân: %(place)s") % {"place": reception.place},
                     reception.date, location=reception.place, description=reception.council.name)


def _trainings(user, mine, since) -> Iterator[FeedEvent]:
    for training in (Training.objects.for_user(user).filter(attendances__deputy__in=mine, end_date__gte=since)
                     .distinct()):
        yield _event("training", training, _("Tập huấn: %(title)s") % {"title": training.title},
                     training.start_date, training.end_date, location=training.place,
                     description=training.organizer, url_name="oversight:training_detail")


def _work_items(user, mine) -> Iterator[FeedEvent]:
    for item in (WorkItem.objects.for_user(user).filter(status__in=OPEN_WORK, archived_at__isnull=True)
                 .filter(Q(assignee_deputies__in=mine) | Q(assignee_users=user)).distinct()):
        yield _event("work-item", item, _("Hạn: %(title)s") % {"title": item.title}, item.due_date,
                     description=item.deliverable, url_name="oversight:workitem_detail")


def _recommendations(user, mine) -> Iterator[FeedEvent]:
    for rec in (Recommendation.objects.for_user(user)
                .filter(followers__in=mine, status__in=OPEN_FOLLOW_UP, due_date__isnull=False,
                        archived_at__isnull=True).distinct().select_related("agency")):
        yield _event("recommendation", rec, _("Hạn kiến nghị giám sát: %(title)s") % {"title": str(rec)},
                     rec.due_date, description=rec.agency.name, url_name="oversight:recommendation_detail")


def _forwardings(agencies) -> Iterator[FeedEvent]:
    # An agency's staff see what is addressed to their agency, nothing of the council: no page link, and no
    # petition text (a denunciation's content stays with the agency's own pages).
    for forwarding in (Forwarding.objects.filter(agency_id__in=agencies, status=ForwardingStatus.PENDING,
                                                 petition__archived_at__isnull=True)
                       .select_related("agency", "petition__council")):
        yield _event("forwarding", forwarding,
                     _("Hạn trả lời kiến nghị số %(number)s") % {"number": forwarding.petition.code
                                                                  or forwarding.petition_id},
                     forwarding.due_date,
                     description=_("%(council)s chuyển %(agency)s, công văn %(letter)s") % {
                         "council": forwarding.petition.council.name, "agency": forwarding.agency.name,
                         "letter": forwarding.document_number or "—"})


def events_for(user, *, as_of: datetime.date | None = None) -> list[FeedEvent]:
    """Every event of the user's feed, by date: one query per kind, whatever the number of records."""
    since = (as_of or timezone.localdate()) - datetime.timedelta(days=PAST_DAYS)
    mine = scoping.deputy_ids(user)
    sources: list[Iterator[FeedEvent]] = [_sessions(user, since), _work_items(user, mine)]
    if mine:
        sources += [_meetings(user, mine, since), _receptions(user, mine, since), _trainings(user, mine, since),
                    _recommendations(user, mine)]
    agencies = scoping.agency_ids(user)
    if agencies:
        sources.append(_forwardings(agencies))
    events = [event for source in sources for event in source]
    return sorted(events, key=lambda event: (event.start, event.uid))


def calendar_for(user, *, page_url: Callable[[str], str]) -> bytes:
    """The user's feed as an iCalendar file; ``page_url(path)`` makes a page's absolute address."""
    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//HDND portal//lich cong tac//VI")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", _("Lịch công tác HĐND — %(name)s") % {"name": user.get_full_name() or user.username})
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for item in events_for(user):
        event = icalendar.Event()
        event.add("uid", item.uid)
        event.add("summary", item.summary)
        event.add("dtstart", item.start)
        event.add("dtend", item.end + datetime.timedelta(days=1))  # DTEND of an all-day event is exclusive
        event.add("dtstamp", item.updated_at)
        event.add("last-modified", item.updated_at)
        event.add("sequence", item.version)
        event.add("transp", "TRANSPARENT")
        if item.location:
            event.add("location", item.location)
        if item.description:
            event.add("description", item.description)
        if item.url_name:
            event.add("url", page_url(reverse(item.url_name, args=[item.pk])))
        calendar.add_component(event)
    return calendar.to_ical()
