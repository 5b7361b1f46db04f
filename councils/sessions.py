"""Sessions (kỳ họp): services and selectors for sessions, their agenda and documents, and the lead time
with which documents reached deputies before the opening.

Lead time of a session = days between the day its LATEST document reached deputies and the opening day:
every document must reach deputies N days ahead, so the last one sent is the one that counts. The N of a
council is a compliance rule (metric ``session_documents_lead``, its ``min_days``): compliance answers it
through ``on_lead_rule``, this floor never reads a rule itself.

Read receipts: the first time a deputy of the session's council opens a document (page or API download) is
recorded once; the secretariat sees per document which deputies of the session's term have opened it.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from django.db import transaction
from django.db.models import Count, Max, Min, Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from utilities.uploads import validate_upload

from . import permissions, scoping
from .audit import apply_changes, record_audit
from .choices import Role
from .models import Council, Deputy, Session, SessionAgendaItem, SessionDocument, SessionDocumentRead, Term

# ---------------------------------------------------------------------------------------------------------
# Services


@transaction.atomic
def create_session(*, council: Council, term: Term, number: int, start_date: datetime.date,
                   end_date: datetime.date | None = None, kind: str = "regular", title: str = "", place: str = "",
                   actor) -> Session:
    """A session is numbered within the council's term; regular, thematic or urgent."""
    permissions.require_manage(actor, council)
    session = Session(council=council, term=term, number=number, kind=kind, title=title, place=place,
                      start_date=start_date, end_date=end_date or start_date)
    session.full_clean()
    session.save()
    record_audit(target=session, action="create", actor=actor)
    return session


SESSION_EDITABLE = ("number", "kind", "title", "start_date", "end_date", "place")


@transaction.atomic
def update_session(*, session: Session, actor, **changes) -> Session:
    permissions.require_manage(actor, session.council)
    diff = apply_changes(session, changes, editable=SESSION_EDITABLE)
    session.full_clean()
    session.save()
    record_audit(target=session, action="update", actor=actor, changes=diff)
    return session


@transaction.atomic
def add_agenda_item(*, session: Session, title: str, actor, presenter: str = "",
                    order: int | None = None) -> SessionAgendaItem:
    permissions.require_manage(actor, session.council)
    if order is None:
        order = (session.agenda_items.aggregate(last=Max("order"))["last"] or 0) + 1
    item = SessionAgendaItem(session=session, title=title, presenter=presenter, order=order)
    item.full_clean()
    item.save()
    record_audit(target=session, council=session.council, action="add_agenda_item", actor=actor,
                 changes={"item": item.pk, "title": title})
    return item


AGENDA_EDITABLE = ("title", "presenter", "order")


@transaction.atomic
def update_agenda_item(*, item: SessionAgendaItem, actor, **changes) -> SessionAgendaItem:
    permissions.require_manage(actor, item.session.council)
    diff = apply_changes(item, changes, editable=AGENDA_EDITABLE)
    item.full_clean()
    item.save()
    record_audit(target=item, action="update", actor=actor, changes=diff)
    return item


def _check_sent_at(sent_at: datetime.datetime | None) -> None:
    if sent_at is not None and sent_at > timezone.now():
        raise ValidationError({"sent_at": _("Thời điểm gửi đại biểu không được ở tương lai.")})


@transaction.atomic
def add_session_document(*, session: Session, actor, title: str = "", file=None,
                         sent_at: datetime.datetime | None = None) -> SessionDocument:
    """Record a session document and, once known, the moment it reached deputies."""
    permissions.require_manage(actor, session.council)
    if file is not None:
        try:
            validate_upload(file)
        except ValidationError as error:
            raise ValidationError({"file": error.messages}) from error
    _check_sent_at(sent_at)
    document = SessionDocument(session=session, title=title or getattr(file, "name", ""), sent_at=sent_at)
    if file is not None:
        document.file = file
    document.full_clean()
    document.save()
    record_audit(target=session, council=session.council, action="add_document", actor=actor,
                 changes={"document": document.pk, "title": document.title})
    return document


@transaction.atomic
def mark_document_sent(*, document: SessionDocument, sent_at: datetime.datetime | None, actor) -> SessionDocument:
    """Set when the document reached deputies (defaults to now)."""
    permissions.require_manage(actor, document.session.council)
    sent_at = sent_at or timezone.now()
    _check_sent_at(sent_at)
    old = document.sent_at
    document.sent_at = sent_at
    document.save(update_fields=["sent_at", "updated_at"])
    record_audit(target=document.session, council=document.session.council, action="document_sent", actor=actor,
                 changes={"document": document.pk, "from": str(old), "to": str(sent_at)})
    return document


def _deputy_on(user, council_id: int) -> int | None:
    """The Deputy record through which ``user`` sits on that council, if any (no query: cached roles)."""
    for _path, assigned, role, deputy in scoping.assignments(user):
        if role == Role.DEPUTY and assigned == council_id and deputy:
            return deputy
    return None


@transaction.atomic
def record_document_opened(*, document: SessionDocument, actor) -> SessionDocumentRead | None:
    """Record the first time a deputy of the session's council opens the document; later openings, and
    readers who are not its deputies (the secretariat, a party viewer), record nothing.

    A receipt is not a change of the council's records: its history line says who opened what
    (``data_changed=False``, so compliance is not re-evaluated) and no record's version moves.
    """
    council = document.session.council
    permissions.require(permissions.can_read(actor, council))
    deputy_id = _deputy_on(actor, council.pk)
    if deputy_id is None:
        return None
    receipt, created = SessionDocumentRead.objects.get_or_create(
        document=document, deputy_id=deputy_id, defaults={"user": actor, "opened_at": timezone.now()})
    if created:
        record_audit(target=receipt, council=council, action="open", actor=actor, data_changed=False,
                     changes={"document": document.pk, "deputy": deputy_id})
    return receipt


def open_paper(*, document: SessionDocument, actor) -> File:
    """The document's file, opened for reading by whoever sees the session, a deputy's first opening recorded;
    a 404 when there is no file (none uploaded, or lost from the storage)."""
    if not document.file:
        raise Http404
    try:
        handle = document.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    record_document_opened(document=document, actor=actor)
    return handle


# ---------------------------------------------------------------------------------------------------------
# Selectors


def sessions_for(user) -> QuerySet[Session]:
    """Sessions the user may see, each with what the lead time needs, in one query."""
    return (
        Session.objects.for_user(user)
        .select_related("council", "term")
        .annotate(
            documents_count=Count("documents", distinct=True),
            unsent_count=Count("documents", filter=Q(documents__sent_at__isnull=True), distinct=True),
            earliest_sent=Min("documents__sent_at"),
            latest_sent=Max("documents__sent_at"),
            agenda_count=Count("agenda_items", distinct=True),
        )
        .order_by("council__path", "-start_date")
    )


def agenda_items_for(user) -> QuerySet[SessionAgendaItem]:
    return SessionAgendaItem.objects.for_user(user).select_related("session", "session__council")


def session_documents_for(user) -> QuerySet[SessionDocument]:
    return SessionDocument.objects.for_user(user).select_related("session", "session__council")


def _days_before(sent_at: datetime.datetime | None, opening: datetime.date) -> int | None:
    """Whole days between the local date a document was sent and the opening date."""
    if sent_at is None:
        return None
    return (opening - timezone.localtime(sent_at).date()).days


def lead_time(session: Session) -> dict:
    """The lead time of one session annotated by ``sessions_for``: the latest document decides it."""
    latest = getattr(session, "latest_sent", None)
    earliest = getattr(session, "earliest_sent", None)
    return {
        "session_id": session.pk,
        "documents": getattr(session, "documents_count", 0),
        "unsent": getattr(session, "unsent_count", 0),
        "earliest_sent": earliest,
        "latest_sent": latest,
        "max_lead_days": _days_before(earliest, session.start_date),
        "lead_days": _days_before(latest, session.start_date),
    }


def lead_times(user, *, council: Council | None = None, year: int | None = None) -> list[dict]:
    """Lead time per session, one query for all of them."""
    qs = sessions_for(user)
    if council is not None:
        qs = qs.filter(council__path__startswith=council.path)
    if year is not None:
        qs = qs.filter(start_date__year=year)
    out = []
    for session in qs.order_by("-start_date", "council__name"):
        row = lead_time(session)
        row.update(council_name=session.council.name, number=session.number, kind=session.kind,
                   start_date=session.start_date)
        out.append(row)
    return out


# ---------------------------------------------------------------------------------------------------------
# The lead-time rule, and who has opened each document


@dataclass(frozen=True)
class LeadRule:
    """The rule a session's documents are measured against: at least ``min_days`` before the opening."""

    code: str
    title: str
    min_days: int


_lead_rule_finders: list[Callable[[Session], LeadRule | None]] = []


def on_lead_rule(finder: Callable[[Session], LeadRule | None]) -> None:
    """A higher floor (compliance) answers which rule applies to a session: ``finder(session)``."""
    if finder not in _lead_rule_finders:
        _lead_rule_finders.append(finder)


def lead_rule_for(session: Session) -> LeadRule | None:
    for finder in _lead_rule_finders:
        rule = finder(session)
        if rule is not None:
            return rule
    return None


def session_deputies(session: Session) -> QuerySet[Deputy]:
    """The deputies a session's documents go to: the council's deputies of the session's term, still
    seated on the opening day."""
    return (Deputy.objects.filter(council_id=session.council_id, term_id=session.term_id, archived_at__isnull=True)
            .filter(Q(end_date__isnull=True) | Q(end_date__gt=session.start_date)).order_by("full_name"))


def papers_of(session: Session, *, with_readers: bool) -> list[SessionDocument]:
    """The session's documents, each with ``lead_days`` (whole days it reached deputies before the opening),
    ``lead_met`` against the rule (None without a rule or before it is sent) and, ``with_readers``,
    ``opened`` [(deputy, first opened at)] and ``not_opened`` [deputy]. Three queries at most."""
    documents = list(session.documents.all())
    rule = lead_rule_for(session)
    for document in documents:
        document.lead_days = _days_before(document.sent_at, session.start_date)
        document.lead_met = (None if rule is None or document.lead_days is None
                             else document.lead_days >= rule.min_days)
    if with_readers:
        deputies = list(session_deputies(session))
        opened: dict[int, dict[int, datetime.datetime]] = {}
        for document_id, deputy_id, at in SessionDocumentRead.objects.filter(
                document__session=session).values_list("document_id", "deputy_id", "opened_at"):
            opened.setdefault(document_id, {})[deputy_id] = at
        for document in documents:
            mine = opened.get(document.pk, {})
            document.opened = [(deputy, mine[deputy.pk]) for deputy in deputies if deputy.pk in mine]
            document.not_opened = [deputy for deputy in deputies if deputy.pk not in mine]
            document.deputies_total = len(deputies)
    return documents
