"""Writes of the voters app: intake of voter meetings, citizen receptions, petitions and letters, and the
lifecycle of a petition (classify, forward to one or more agencies, answer, report to voters, close,
merge, reopen). Every status change goes through ``councils.audit.transition``.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.agencies import check_addressable
from councils.audit import record_audit, transition
from councils.choices import SessionKind
from councils.models import Agency, Body, Council, Deputy, Field, Session
from councils.services import check_same_council
from councils.workdays import add_working_days, deadline_setting, working_days_between

from . import permissions
from .choices import (
    CLASSIFY_FROM,
    CORRECTABLE,
    FORWARD_FROM,
    LETTER_KINDS,
    MERGEABLE,
    REOPEN_FROM,
    AnswerOutcome,
    Channel,
    ForwardingStatus,
    PetitionKind,
    PetitionStatus,
)
from .models import CitizenReception, Forwarding, Petition, VoterMeeting
from .search import petition_search_text

PETITION_EDITABLE_FIELDS = (
    "content", "code", "field", "channel", "sender_name", "sender_address", "received_on", "voters_count", "meetings_count",
)
MEETING_EDITABLE_FIELDS = ("body", "kind", "session", "topic", "date", "place", "attendance",
                           "with_fatherland_front", "notes")
RECEPTION_EDITABLE_FIELDS = ("deputy", "date", "place", "scheduled", "people_count", "notes")


# --- deadlines -------------------------------------------------------------------------------------------

def forward_due_for(*, council: Council, received_on: datetime.date) -> datetime.date:
    """By when the secretariat must forward an item received on that day."""
    return add_working_days(received_on, deadline_setting("forward_working_days"), council=council)


def default_answer_due(*, council: Council, forwarded_on: datetime.date) -> datetime.date:
    """By when an agency must answer: the eve of the council's next regular session when one is
    scheduled far enough ahead, otherwise a fixed number of working days."""
    if deadline_setting("answer_before_next_session"):
        earliest = add_working_days(forwarded_on, deadline_setting("answer_min_working_days"), council=council)
        session = (Session.objects.filter(council=council, kind=SessionKind.REGULAR, start_date__gt=earliest)
                   .order_by("start_date").first())
        if session is not None:
            return session.start_date - datetime.timedelta(days=1)
    return add_working_days(forwarded_on, deadline_setting("answer_working_days"), council=council)


# --- helpers ----------------------------------------------------------------------------------------------

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
    for petition in petitions:
        petition.save()
        record_audit(target=petition, council=petition.council, action="create", actor=actor,
                     to_status=petition.status)
    return list(petitions)


# --- intake -----------------------------------------------------------------------------------------------

@transaction.atomic
def record_voter_meeting(*, council: Council, body: Body, kind: str, date: datetime.date, place: str, actor,
                         attendance: int = 0, session: Session | None = None, topic: str = "",
                         with_fatherland_front: bool = True, deputies: Iterable[Deputy] = (),
                         notes: str = "") -> VoterMeeting:
    """Ghi nhận một cuộc tiếp xúc cử tri, with the deputies present."""
    deputies = list(deputies)
    permissions.require(permissions.can_record_meeting(actor, council, deputies),
                        _("Đại biểu chỉ ghi nhận được cuộc tiếp xúc cử tri mà mình dự."))
    check_same_council(council, body=body, session=session)
    if any(d.council_id != council.pk for d in deputies):
        raise ValidationError({"deputies": _("Đại biểu dự phải là đại biểu của %(council)s.") % {"council": council}})
    meeting = VoterMeeting(council=council, body=body, kind=kind, date=date, place=place, attendance=attendance,
                           session=session, topic=topic or "", with_fatherland_front=with_fatherland_front,
                           notes=notes or "")
    meeting.full_clean()
    meeting.save()
    meeting.deputies_present.set(deputies)
    record_audit(target=meeting, council=council, action="create", actor=actor,
                 changes={"deputies": [d.pk for d in deputies]})
    return meeting


@transaction.atomic
def update_voter_meeting(*, meeting: VoterMeeting, actor, deputies: Iterable[Deputy] | None = None,
                         **changes) -> VoterMeeting:
    permissions.require(permissions.can_edit_meeting(actor, meeting))
    unknown = set(changes) - set(MEETING_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Không sửa được các trường: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(meeting, name, value)
    check_same_council(meeting.council, body=meeting.body, session=meeting.session)
    meeting.full_clean()
    meeting.save()
    if deputies is not None:
        deputies = list(deputies)
        if any(d.council_id != meeting.council_id for d in deputies):
            raise ValidationError({"deputies": _("Đại biểu dự phải là đại biểu của HĐND tổ chức tiếp xúc.")})
        permissions.require(permissions.can_record_meeting(actor, meeting.council, deputies),
                            _("Đại biểu không thể tự bỏ mình khỏi danh sách đại biểu dự."))
        meeting.deputies_present.set(deputies)
        changes["deputies"] = [d.pk for d in deputies]
    record_audit(target=meeting, council=meeting.council, action="update", actor=actor,
                 changes={k: str(getattr(v, "pk", v)) for k, v in changes.items()})
    return meeting


@transaction.atomic
def add_meeting_petitions(*, meeting: VoterMeeting, items: Sequence[Mapping], actor) -> list[Petition]:
    """Nhập nhiều kiến nghị của một cuộc tiếp xúc cử tri cùng lúc: all are saved, or none.

    Each item: ``content`` (required), and optionally ``field``, ``code``, ``voters_count``, ``sender_name``.
    """
    permissions.require(permissions.can_edit_meeting(actor, meeting),
                        _("Đại biểu chỉ nhập kiến nghị của cuộc tiếp xúc cử tri mà mình dự."))
    if not items:
        raise ValidationError({"petitions": _("Chưa có kiến nghị nào để ghi nhận.")})
    due = forward_due_for(council=meeting.council, received_on=meeting.date)
    petitions = [
        _build_petition(council=meeting.council, meeting=meeting, received_on=meeting.date, actor=actor,
                        channel=Channel.VOTER_MEETING, content=item.get("content", ""), code=item.get("code", ""),
                        field=item.get("field"), voters_count=item.get("voters_count") or 1,
                        sender_name=item.get("sender_name", ""), forward_due=due)
        for item in items
    ]
    saved = _save_new_petitions(petitions, actor=actor, errors_prefix=_("Kiến nghị"))
    return saved


@transaction.atomic
def create_petition(*, council: Council, content: str, received_on: datetime.date, actor,
                    kind: str = PetitionKind.VOTER_PETITION, channel: str = Channel.VOTER_MEETING,
                    meeting: VoterMeeting | None = None, reception: CitizenReception | None = None,
                    code: str = "", field: Field | None = None, sender_name: str = "", sender_address: str = "",
                    voters_count: int = 1, meetings_count: int = 1) -> Petition:
    """Ghi nhận một kiến nghị hoặc đơn thư."""
    check_same_council(council, meeting=meeting, reception=reception)
    permissions.require(permissions.can_manage(actor, council)
                        or (meeting is not None and permissions.can_edit_meeting(actor, meeting)))
    if channel == Channel.VOTER_MEETING and kind == PetitionKind.VOTER_PETITION and meeting is None:
        raise ValidationError({"meeting": _("Kiến nghị từ tiếp xúc cử tri phải gắn với cuộc tiếp xúc.")})
    petition = _build_petition(council=council, content=content, received_on=received_on, actor=actor, kind=kind,
                               channel=channel, meeting=meeting, reception=reception, code=code, field=field,
                               sender_name=sender_name, sender_address=sender_address,
                               voters_count=voters_count, meetings_count=meetings_count)
    _save_new_petitions([petition], actor=actor, errors_prefix=_("Mục"))
    return petition


def register_letter(*, council: Council, kind: str, content: str, channel: str, received_on: datetime.date, actor,
                    sender_name: str = "", sender_address: str = "", code: str = "",
                    field: Field | None = None) -> Petition:
    """Vào sổ một đơn thư gửi qua bưu điện, trực tuyến hoặc trực tiếp."""
    if kind not in LETTER_KINDS:
        raise ValidationError({"kind": _("Loại đơn phải là khiếu nại, tố cáo hoặc kiến nghị, phản ánh.")})
    if channel not in (Channel.MAIL, Channel.ONLINE, Channel.DIRECT):
        raise ValidationError({"channel": _("Đơn thư vào sổ phải gửi qua bưu điện, trực tuyến hoặc trực tiếp.")})
    return create_petition(council=council, kind=kind, channel=channel, content=content, received_on=received_on,
                           actor=actor, sender_name=sender_name, sender_address=sender_address, code=code,
                           field=field)


@transaction.atomic
def record_citizen_reception(*, council: Council, deputy: Deputy, date: datetime.date, place: str, actor,
                             scheduled: bool = True, people_count: int = 0, notes: str = "",
                             letters: Sequence[Mapping] = ()) -> CitizenReception:
    """Ghi nhận một buổi tiếp công dân and the letters taken in (each: ``kind``, ``content``, ``sender_name``...)."""
    check_same_council(council, deputy=deputy)
    permissions.require(permissions.can_record_reception(actor, council, deputy),
                        _("Đại biểu chỉ ghi nhận buổi tiếp công dân của chính mình."))
    reception = CitizenReception(council=council, deputy=deputy, date=date, place=place, scheduled=scheduled,
                                 people_count=people_count, notes=notes or "")
    reception.full_clean()
    reception.save()
    record_audit(target=reception, council=council, action="create", actor=actor)
    if letters:
        due = forward_due_for(council=council, received_on=date)
        petitions = []
        for item in letters:
            kind = item.get("kind") or PetitionKind.REQUEST
            petitions.append(_build_petition(
                council=council, reception=reception, received_on=date, actor=actor, kind=kind,
                channel=Channel.CITIZEN_RECEPTION, content=item.get("content", ""), code=item.get("code", ""),
                field=item.get("field"), sender_name=item.get("sender_name", ""),
                sender_address=item.get("sender_address", ""), forward_due=due))
        _save_new_petitions(petitions, actor=actor, errors_prefix=_("Đơn"))
    return reception


@transaction.atomic
def update_citizen_reception(*, reception: CitizenReception, actor, **changes) -> CitizenReception:
    permissions.require(permissions.can_record_reception(actor, reception.council, reception.deputy))
    unknown = set(changes) - set(RECEPTION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Không sửa được các trường: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    for name, value in changes.items():
        setattr(reception, name, value)
    check_same_council(reception.council, deputy=reception.deputy)
    permissions.require(permissions.can_record_reception(actor, reception.council, reception.deputy))
    reception.full_clean()
    reception.save()
    record_audit(target=reception, council=reception.council, action="update", actor=actor,
                 changes={k: str(getattr(v, "pk", v)) for k, v in changes.items()})
    return reception


@transaction.atomic
def update_petition(*, petition: Petition, actor, **changes) -> Petition:
    """Sửa nội dung mô tả của kiến nghị (not its status: that goes through the transitions below)."""
    unknown = set(changes) - set(PETITION_EDITABLE_FIELDS)
    if unknown:
        raise ValidationError(_("Không sửa được các trường: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    locked = _lock(petition)
    permissions.require(permissions.can_manage(actor, locked.council)
                        or permissions.deputy_may_correct(actor, locked))
    if locked.status in (PetitionStatus.MERGED, PetitionStatus.CLOSED):
        raise ValidationError(_("Không sửa được kiến nghị ở trạng thái “%(status)s”.")
                              % {"status": locked.get_status_display()})
    for name, value in changes.items():
        setattr(locked, name, value)
    locked.search_text = petition_search_text(content=locked.content, code=locked.code,
                                              sender_name=locked.sender_name)
    if "received_on" in changes and locked.status in (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED):
        locked.forward_due = forward_due_for(council=locked.council, received_on=locked.received_on)
    locked.full_clean()
    locked.save()
    record_audit(target=locked, council=locked.council, action="update", actor=actor,
                 changes={k: str(getattr(v, "pk", v)) for k, v in changes.items()})
    _refresh(petition, locked)
    return petition


PETITION_INTAKE_FIELDS = ("content", "code", "field", "channel", "sender_name", "sender_address")


@transaction.atomic
def correct_petition(*, petition: Petition, actor, **changes) -> Petition:
    """Sửa nội dung, lĩnh vực, nguồn tiếp nhận của kiến nghị while no agency has received it yet."""
    unknown = set(changes) - set(PETITION_INTAKE_FIELDS)
    if unknown:
        raise ValidationError(_("Không sửa được các trường: %(names)s.") % {"names": ", ".join(sorted(unknown))})
    locked = _lock(petition)
    if locked.status not in CORRECTABLE:
        raise ValidationError(_("Kiến nghị đã chuyển tới cơ quan có thẩm quyền, không sửa nội dung, lĩnh vực "
                                "hay nguồn tiếp nhận được nữa."))
    channel = changes.get("channel", locked.channel)
    # Where a petition came from is fixed by the meeting or reception it was recorded at.
    if (locked.meeting_id and channel != Channel.VOTER_MEETING) or (
            locked.reception_id and channel != Channel.CITIZEN_RECEPTION):
        raise ValidationError({"channel": _("Kiến nghị ghi nhận tại một cuộc tiếp xúc hoặc buổi tiếp công dân "
                                            "giữ nguồn tiếp nhận đó.")})
    update_petition(petition=petition, actor=actor, **changes)
    return petition


@transaction.atomic
def import_petitions(*, council: Council, rows: Sequence[Mapping], actor) -> list[Petition]:
    """Save petitions already validated row by row (``voters.excel``): all of them, or none."""
    permissions.require_manage(actor, council)
    petitions, due_by_date = [], {}
    for row in rows:
        received_on = row["received_on"]
        if received_on not in due_by_date:
            due_by_date[received_on] = forward_due_for(council=council, received_on=received_on)
        petition = _build_petition(council=council, actor=actor, content=row["content"],
                                   forward_due=due_by_date[received_on],
                                   received_on=row["received_on"], kind=row.get("kind") or PetitionKind.VOTER_PETITION,
                                   channel=row.get("channel") or Channel.VOTER_MEETING, code=row.get("code", ""),
                                   field=row.get("field"), meeting=row.get("meeting"),
                                   sender_name=row.get("sender_name", ""), sender_address=row.get("sender_address", ""),
                                   voters_count=row.get("voters_count") or 1)
        petition._import_agencies = row.get("agencies") or []
        petitions.append(petition)
    saved = _save_new_petitions(petitions, actor=actor, errors_prefix=_("Dòng"))
    for petition in saved:
        if petition._import_agencies:
            petition.proposed_agencies.set(petition._import_agencies)
    return saved


# --- lifecycle --------------------------------------------------------------------------------------------

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
        petition=petition, agency=agency, forwarded_on=forwarded_on, document_number=document_number or "",
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
    transition(forwarding, to=ForwardingStatus.ANSWERED,
               allowed_from=[ForwardingStatus.PENDING, ForwardingStatus.CLARIFICATION], actor=actor, note=note,
               action="answer", extra={"answer": answer.strip(), "outcome": outcome, "answered_on": answered_on,
                                       "clarification_since": None})
    if not petition.forwardings.exclude(status=ForwardingStatus.ANSWERED).exists():
        transition(forwarding.petition, to=PetitionStatus.ANSWERED, allowed_from=[PetitionStatus.FORWARDED],
                   actor=actor, action="answered", note=_("Tất cả cơ quan đã trả lời."))
    return forwarding


@transaction.atomic
def request_clarification(*, forwarding: Forwarding, actor, note: str,
                          since: datetime.date | None = None) -> Forwarding:
    """The agency asks for clarification: its clock stops until ``clarify``."""
    permissions.require_manage(actor, forwarding.petition.council)
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
    """Báo cáo kết quả giải quyết với cử tri, at a session of the same council."""
    permissions.require_manage(actor, petition.council)
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
                          "last_reminded_on": None})
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


# --- reminders --------------------------------------------------------------------------------------------

def claim_reminder(model, pk: int, today: datetime.date) -> bool:
    """Mark one item as reminded today unless it already was. The conditional UPDATE makes two concurrent
    runs send once: only one of them changes the row."""
    from django.db.models import Q

    return bool(model._base_manager.filter(Q(last_reminded_on__isnull=True) | Q(last_reminded_on__lt=today), pk=pk)
                .update(last_reminded_on=today))


def send_deadline_reminders(*, today: datetime.date | None = None) -> int:
    """Email each council's secretariat a digest of its overdue and due-soon items not reminded today.
    Returns the number of emails sent. Safe to run twice: items already reminded today are skipped."""
    from django.conf import settings
    from django.core.mail import EmailMessage, get_connection

    from . import selectors

    today = today or _today()
    sent = 0
    for council, digest in selectors.reminder_digests(today=today).items():
        recipients = selectors.secretariat_emails(council)
        if not recipients:
            continue
        with transaction.atomic():
            forwardings = [f for f in digest["forwardings"] if claim_reminder(Forwarding, f.pk, today)]
            petitions = [p for p in digest["petitions"] if claim_reminder(Petition, p.pk, today)]
            if not forwardings and not petitions:
                continue
            subject = _("[Cổng HĐND] Kiến nghị, đơn thư quá hạn và sắp đến hạn — %(council)s — %(date)s") % {
                "council": council, "date": today.strftime("%d/%m/%Y")}
            body = _reminder_body(council=council, today=today, forwardings=forwardings, petitions=petitions)
            messages = [EmailMessage(subject=subject, body=body, from_email=settings.DEFAULT_FROM_EMAIL, to=[email])
                        for email in recipients]
            # Sent inside the transaction: if the mail server refuses, the claims roll back and tomorrow's
            # (or a retried) run sends them.
            sent += get_connection().send_messages(messages) or 0
    return sent


def _reminder_body(*, council: Council, today: datetime.date, forwardings: list[Forwarding],
                   petitions: list[Petition]) -> str:
    def when(due: datetime.date) -> str:
        if due < today:
            return _("quá hạn %(days)s ngày") % {"days": (today - due).days}
        return _("đến hạn %(date)s") % {"date": due.strftime("%d/%m/%Y")}

    lines = [_("Kính gửi Văn phòng %(council)s,") % {"council": council}, ""]
    if petitions:
        lines.append(_("Kiến nghị, đơn thư chưa chuyển tới cơ quan có thẩm quyền:"))
        lines += [f"- {p.code or '#' + str(p.pk)}: {p.content[:120]} ({when(p.forward_due)})" for p in petitions]
        lines.append("")
    if forwardings:
        lines.append(_("Kiến nghị đã chuyển, cơ quan chưa trả lời:"))
        lines += [f"- {f.petition.code or '#' + str(f.petition_id)} → {f.agency}: {f.petition.content[:100]} "
                  f"({when(f.due_date)})" for f in forwardings]
        lines.append("")
    lines.append(_("Thư này được gửi tự động mỗi ngày làm việc; mỗi mục được nhắc tối đa một lần một ngày."))
    return "\n".join(lines)
