"""The lifecycle of a petition: classify, forward to one or more agencies, answer (with clarification pausing
an agency's clock), report to voters, close, reopen, merge duplicates."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.agencies import check_addressable
from councils.audit import record_audit, transition
from councils.models import Agency, Field, Session
from councils.workdays import add_working_days, working_days_between

from .. import permissions
from ..choices import (
    CLASSIFY_FROM,
    FORWARD_FROM,
    LETTER_KINDS,
    MERGEABLE,
    REOPEN_FROM,
    AnswerOutcome,
    AnswerReview,
    ForwardingStatus,
    PetitionStatus,
)
from ..models import Forwarding, Petition
from ._helpers import _lock, _refresh, _today
from .deadlines import default_answer_due


@transaction.atomic
def classify_petition(*, petition: Petition, actor, field: Field | None,
                      proposed_agencies: Iterable[Agency] = (), note: str = "") -> Petition:
    """Phân loại: a field, and the agencies it should go to (or a note saying why none yet)."""
    permissions.require_manage(actor, petition.council)
    agencies = check_addressable(petition.council, proposed_agencies)
    errors = {}
    if field is None:
        errors["field"] = _("Phải chọn lĩnh vực khi phân loại.")
    if not agencies and not (note or "").strip():
        errors["proposed_agencies"] = _("Phải đề xuất ít nhất một cơ quan nhận, hoặc ghi chú lý do phân loại.")
    if errors:
        raise ValidationError(errors)
    transition(petition, to=PetitionStatus.CLASSIFIED,
               allowed_from=CLASSIFY_FROM, actor=actor, note=note,
               action="classify", extra={"field_id": field.pk, "classification_note": (note or "").strip()})
    petition.proposed_agencies.set(agencies)
    return petition


def _new_forwarding(*, petition: Petition, agency: Agency, forwarded_on: datetime.date,
                    due_date: datetime.date | None, document_number: str) -> Forwarding:
    forwarding = Forwarding(
        petition=petition, council_id=petition.council_id, agency=agency, forwarded_on=forwarded_on,
        document_number=document_number or "",
        due_date=due_date or default_answer_due(council=petition.council, forwarded_on=forwarded_on),
    )
    forwarding.full_clean()
    forwarding.save()
    return forwarding


@transaction.atomic
def forward_petition(*, petition: Petition, actor, agencies: Iterable[Agency] | None = None,
                     forwarded_on: datetime.date | None = None, document_number: str = "",
                     due_dates: Mapping[int, datetime.date] | None = None, note: str = "") -> list[Forwarding]:
    """Chuyển kiến nghị: one Forwarding per agency, each with its own due date (``due_dates`` by agency id
    overrides the default)."""
    permissions.require_manage(actor, petition.council)
    forwarded_on = forwarded_on or _today()
    agencies = list(petition.proposed_agencies.select_related("council")) if agencies is None else list(agencies)
    if not agencies:
        raise ValidationError({"agencies": _("Phải chọn ít nhất một cơ quan nhận.")})
    if len({a.pk for a in agencies}) != len(agencies):
        raise ValidationError({"agencies": _("Một cơ quan được chọn hai lần.")})
    check_addressable(petition.council, agencies)
    if forwarded_on < petition.received_on:
        raise ValidationError({"forwarded_on": _("Ngày chuyển không được trước ngày tiếp nhận.")})
    transition(petition, to=PetitionStatus.FORWARDED, allowed_from=FORWARD_FROM, actor=actor,
               note=note, action="forward", extra={"forwarded_on": forwarded_on})
    forwardings = [
        _new_forwarding(petition=petition, agency=agency, forwarded_on=forwarded_on,
                        due_date=(due_dates or {}).get(agency.pk), document_number=document_number)
        for agency in agencies
    ]
    for forwarding in forwardings:
        record_audit(target=forwarding, council=petition.council, action="create", actor=actor,
                     changes={"agency": forwarding.agency_id, "due_date": forwarding.due_date.isoformat()})
    return forwardings


@transaction.atomic
def add_forwarding(*, petition: Petition, agency: Agency, actor, forwarded_on: datetime.date | None = None,
                   due_date: datetime.date | None = None, document_number: str = "", note: str = "") -> Forwarding:
    """Chuyển thêm tới một cơ quan khi kiến nghị đã được chuyển (an answered one goes back to forwarded)."""
    permissions.require_manage(actor, petition.council)
    forwarded_on = forwarded_on or _today()
    check_addressable(petition.council, [agency])
    locked = _lock(petition)
    if locked.status == PetitionStatus.ANSWERED:
        transition(petition, to=PetitionStatus.FORWARDED, allowed_from=[PetitionStatus.ANSWERED], actor=actor,
                   note=note, action="add_forwarding")
    elif locked.status != PetitionStatus.FORWARDED:
        raise ValidationError(_("Chỉ chuyển thêm cơ quan khi kiến nghị đã được chuyển (trạng thái hiện tại: "
                                "“%(status)s”).") % {"status": locked.get_status_display()})
    forwarding = _new_forwarding(petition=petition, agency=agency, forwarded_on=forwarded_on, due_date=due_date,
                                 document_number=document_number)
    record_audit(target=forwarding, council=petition.council, action="create", actor=actor, note=note,
                 changes={"agency": agency.pk, "due_date": forwarding.due_date.isoformat()})
    return forwarding


@transaction.atomic
def answer_forwarding(*, forwarding: Forwarding, actor, answer: str, outcome: str,
                      answered_on: datetime.date | None = None, note: str = "") -> Forwarding:
    """Ghi nhận trả lời của một cơ quan. The petition becomes answered when every agency has answered."""
    answered_on = answered_on or _today()
    # Lock the petition first: two agencies answering at once are serialised here, and the second one
    # sees the first's answer when it counts what is still pending.
    permissions.require_manage(actor, forwarding.petition.council)
    petition = _lock(forwarding.petition)
    if petition.status != PetitionStatus.FORWARDED:
        raise ValidationError(_("Chỉ ghi nhận trả lời khi kiến nghị đang ở trạng thái “Đã chuyển”."))
    errors = {}
    if not (answer or "").strip():
        errors["answer"] = _("Phải nhập nội dung trả lời.")
    if outcome not in AnswerOutcome.values:
        errors["outcome"] = _("Kết quả phải là: đã giải quyết, đang giải quyết hoặc đã giải trình.")
    if answered_on < forwarding.forwarded_on:
        errors["answered_on"] = _("Ngày trả lời không được trước ngày chuyển.")
    if errors:
        raise ValidationError(errors)
    # Typed in by the secretariat from the agency's paper answer: accepted as it is.
    transition(forwarding, to=ForwardingStatus.ANSWERED,
               allowed_from=[ForwardingStatus.PENDING, ForwardingStatus.CLARIFICATION], actor=actor, note=note,
               action="answer", extra={"answer": answer.strip(), "outcome": outcome, "answered_on": answered_on,
                                       "clarification_since": None, "review": AnswerReview.ACCEPTED})
    mark_answered_if_complete(petition=forwarding.petition, actor=actor)
    return forwarding


def mark_answered_if_complete(*, petition: Petition, actor) -> None:
    """The petition is answered once every forwarding is (an agency's answer awaiting review counts).
    Call with the petition locked."""
    if not petition.forwardings.exclude(status=ForwardingStatus.ANSWERED).exists():
        transition(petition, to=PetitionStatus.ANSWERED, allowed_from=[PetitionStatus.FORWARDED],
                   actor=actor, action="answered", note=_("Tất cả cơ quan đã trả lời."))


@transaction.atomic
def request_clarification(*, forwarding: Forwarding, actor, note: str,
                          since: datetime.date | None = None) -> Forwarding:
    """The agency asks for clarification (itself, or the secretariat told on paper): its clock stops until
    ``clarify``."""
    permissions.require(permissions.is_agency_staff(actor, forwarding)
                        or permissions.can_manage(actor, forwarding.petition.council),
                        _("Chỉ cơ quan nhận hoặc Văn phòng của HĐND mới được ghi đề nghị làm rõ."))
    if not (note or "").strip():
        raise ValidationError({"note": _("Phải ghi nội dung cơ quan đề nghị làm rõ.")})
    since = since or _today()
    if since < forwarding.forwarded_on:
        raise ValidationError({"since": _("Ngày đề nghị làm rõ không được trước ngày chuyển.")})
    transition(forwarding, to=ForwardingStatus.CLARIFICATION, allowed_from=[ForwardingStatus.PENDING], actor=actor,
               note=note, action="request_clarification", extra={"clarification_since": since})
    return forwarding


@transaction.atomic
def clarify(*, forwarding: Forwarding, actor, on: datetime.date | None = None, note: str = "") -> Forwarding:
    """The matter is clarified: the clock restarts and the paused working days are added to the deadline."""
    permissions.require_manage(actor, forwarding.petition.council)
    on = on or _today()
    locked = Forwarding.objects.select_for_update().select_related("petition__council").get(pk=forwarding.pk)
    if locked.status != ForwardingStatus.CLARIFICATION:
        raise ValidationError(_("Cơ quan chưa đề nghị làm rõ nên không có gì để bổ sung."))
    if on < locked.clarification_since:
        raise ValidationError({"on": _("Ngày làm rõ không được trước ngày đề nghị làm rõ.")})
    council = locked.petition.council
    paused = working_days_between(locked.clarification_since, on, council=council)
    transition(forwarding, to=ForwardingStatus.PENDING, allowed_from=[ForwardingStatus.CLARIFICATION], actor=actor,
               note=note, action="clarify",
               extra={"clarification_since": None, "paused_days": locked.paused_days + paused,
                      "due_date": add_working_days(locked.due_date, paused, council=council)})
    return forwarding


@transaction.atomic
def report_to_voters(*, petition: Petition, session: Session, actor, note: str = "") -> Petition:
    """Báo cáo kết quả giải quyết với cử tri, at a session of the same council. Letters are not reported to
    voters: they are closed once answered."""
    permissions.require_manage(actor, petition.council)
    if petition.kind in LETTER_KINDS:
        raise ValidationError(_("Đơn thư không báo cáo với cử tri: đơn đã có trả lời thì kết thúc theo dõi."))
    if session.council_id != petition.council_id:
        raise ValidationError({"session": _("Kỳ họp phải của cùng HĐND với kiến nghị.")})
    transition(petition, to=PetitionStatus.REPORTED, allowed_from=[PetitionStatus.ANSWERED], actor=actor,
               note=note, action="report", extra={"reported_session_id": session.pk})
    return petition


@transaction.atomic
def close_petition(*, petition: Petition, actor, note: str = "") -> Petition:
    """Kết thúc theo dõi. A voter petition is closed once reported to voters; a letter once answered."""
    permissions.require_manage(actor, petition.council)
    transition(petition, to=PetitionStatus.CLOSED, allowed_from=permissions.close_from(petition), actor=actor,
               note=note, action="close")
    return petition


@transaction.atomic
def reopen_petition(*, petition: Petition, actor, note: str, forwardings: Iterable[Forwarding] | None = None,
                    reopened_on: datetime.date | None = None) -> Petition:
    """Voters say the matter is not resolved: back to forwarded, and the forwardings that need a new
    answer (by default those not resolved; all of them if every one was) wait for an answer again."""
    permissions.require_manage(actor, petition.council)
    if not (note or "").strip():
        raise ValidationError({"note": _("Phải ghi lý do mở lại (ý kiến của cử tri).")})
    reopened_on = reopened_on or _today()
    existing = {f.pk: f for f in petition.forwardings.all()}
    if forwardings is None:
        chosen = [f for f in existing.values() if f.outcome != AnswerOutcome.RESOLVED] or list(existing.values())
    else:
        chosen = list(forwardings)
        if not chosen or any(f.pk not in existing for f in chosen):
            raise ValidationError({"forwardings": _("Phải chọn cơ quan cần trả lời lại trong số cơ quan đã nhận.")})
    transition(petition, to=PetitionStatus.FORWARDED,
               allowed_from=REOPEN_FROM,
               actor=actor, note=note, action="reopen")
    due = default_answer_due(council=petition.council, forwarded_on=reopened_on)
    for forwarding in chosen:
        previous = {"answer": forwarding.answer, "outcome": forwarding.outcome,
                    "answered_on": forwarding.answered_on.isoformat() if forwarding.answered_on else None}
        transition(forwarding, to=ForwardingStatus.PENDING, allowed_from=[ForwardingStatus.ANSWERED], actor=actor,
                   note=note, action="reopen",
                   extra={"answer": "", "outcome": "", "answered_on": None, "due_date": max(due, forwarding.due_date),
                          "last_reminded_on": None, "review": "",
                          # A published answer that is no longer the answer is no longer public.
                          "answer_public": False, "answer_published_on": None, "public_search_text": ""})
        record_audit(target=forwarding, council=petition.council, action="previous_answer", actor=actor,
                     changes=previous)
    return petition


@transaction.atomic
def merge_petitions(*, target: Petition, sources: Iterable[Petition], actor, note: str = "") -> Petition:
    """Tổng hợp: merge duplicates into ``target``. It keeps how many voters and meetings raised the matter;
    the sources become "merged" and keep pointing at it (never deleted)."""
    permissions.require_manage(actor, target.council)
    sources = list(sources)
    target_locked = _lock(target)
    errors = []
    if not sources:
        errors.append(_("Phải chọn ít nhất một kiến nghị để gộp."))
    if target_locked.status == PetitionStatus.MERGED:
        errors.append(_("Kiến nghị đích đã được gộp vào kiến nghị khác."))
    for source in sources:
        if source.pk == target.pk:
            errors.append(_("Không thể gộp kiến nghị vào chính nó."))
        elif source.council_id != target.council_id:
            errors.append(_("Chỉ gộp được kiến nghị của cùng một HĐND (%(code)s).") % {"code": source.code or source.pk})
    if len({s.pk for s in sources}) != len(sources):
        errors.append(_("Một kiến nghị được chọn hai lần."))
    if errors:
        raise ValidationError({"sources": errors})
    added_voters = 0
    for source in sources:
        transition(source, to=PetitionStatus.MERGED, allowed_from=MERGEABLE, actor=actor, note=note,
                   action="merge", extra={"merged_into_id": target.pk})
        added_voters += source.voters_count
    target_locked.voters_count += added_voters
    target_locked.meetings_count = max(1, _distinct_meetings(target_locked))
    target_locked.save(update_fields=["voters_count", "meetings_count", "updated_at"])
    record_audit(target=target_locked, council=target_locked.council, action="merge_into", actor=actor, note=note,
                 changes={"sources": [s.pk for s in sources], "voters_count": target_locked.voters_count,
                          "meetings_count": target_locked.meetings_count})
    _refresh(target, target_locked)
    return target


def _distinct_meetings(petition: Petition) -> int:
    """Distinct voter meetings that raised this petition or anything merged into it (at any depth)."""
    meetings, frontier, seen = set(), [petition.pk], {petition.pk}
    if petition.meeting_id:
        meetings.add(petition.meeting_id)
    while frontier:
        rows = list(Petition.objects.filter(merged_into__in=frontier).values_list("pk", "meeting_id"))
        frontier = [pk for pk, _m in rows if pk not in seen]
        seen.update(frontier)
        meetings.update(m for _pk, m in rows if m)
    return len(meetings)
