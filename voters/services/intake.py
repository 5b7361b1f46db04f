"""Intake of the voters app: voter meetings, citizen receptions, petitions and letters, the Excel import, and
the edits of what was recorded."""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Mapping, Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils import audit
from councils.audit import apply_changes, record_audit
from councils.choices import ChangeSource
from councils.models import Body, Council, Deputy, Field, Session
from councils.services import check_same_council

from .. import permissions
from ..choices import CORRECTABLE, LETTER_KINDS, Channel, PetitionKind, PetitionStatus
from ..models import CitizenReception, Petition, VoterMeeting
from ..search import petition_search_text
from ._helpers import _build_petition, _lock, _refresh, _save_new_petitions
from .deadlines import forward_due_for

PETITION_EDITABLE_FIELDS = (
    "content", "code", "field", "channel", "sender_name", "sender_address", "received_on", "voters_count", "meetings_count",
)
MEETING_EDITABLE_FIELDS = ("body", "kind", "session", "topic", "date", "place", "attendance",
                           "with_fatherland_front", "notes")
RECEPTION_EDITABLE_FIELDS = ("deputy", "date", "place", "scheduled", "people_count", "notes")


def _refuse_uneditable(changes: Mapping, editable: Iterable[str]) -> None:
    """One refusal naming every field of ``changes`` that may not be edited, before anything is written."""
    unknown = set(changes) - set(editable)
    if unknown:
        raise ValidationError(_("Không sửa được các trường: %(names)s.") % {"names": ", ".join(sorted(unknown))})


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
    _refuse_uneditable(changes, MEETING_EDITABLE_FIELDS)
    diff = apply_changes(meeting, changes, editable=MEETING_EDITABLE_FIELDS)
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
        diff["deputies"] = [d.pk for d in deputies]
    record_audit(target=meeting, council=meeting.council, action="update", actor=actor, changes=diff)
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
    _refuse_uneditable(changes, RECEPTION_EDITABLE_FIELDS)
    diff = apply_changes(reception, changes, editable=RECEPTION_EDITABLE_FIELDS)
    check_same_council(reception.council, deputy=reception.deputy)
    permissions.require(permissions.can_record_reception(actor, reception.council, reception.deputy))
    reception.full_clean()
    reception.save()
    record_audit(target=reception, council=reception.council, action="update", actor=actor, changes=diff)
    return reception


@transaction.atomic
def update_petition(*, petition: Petition, actor, **changes) -> Petition:
    """Sửa nội dung mô tả của kiến nghị (not its status: that goes through the lifecycle services)."""
    _refuse_uneditable(changes, PETITION_EDITABLE_FIELDS)
    locked = _lock(petition)
    permissions.require(permissions.can_manage(actor, locked.council)
                        or permissions.deputy_may_correct(actor, locked))
    if locked.status in (PetitionStatus.MERGED, PetitionStatus.CLOSED):
        raise ValidationError(_("Không sửa được kiến nghị ở trạng thái “%(status)s”.")
                              % {"status": locked.get_status_display()})
    diff = apply_changes(locked, changes, editable=PETITION_EDITABLE_FIELDS)
    locked.search_text = petition_search_text(content=locked.content, code=locked.code,
                                              sender_name=locked.sender_name)
    if "received_on" in changes and locked.status in (PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED):
        locked.forward_due = forward_due_for(council=locked.council, received_on=locked.received_on)
    locked.full_clean()
    locked.save()
    record_audit(target=locked, council=locked.council, action="update", actor=actor, changes=diff)
    _refresh(petition, locked)
    return petition


PETITION_INTAKE_FIELDS = ("content", "code", "field", "channel", "sender_name", "sender_address")


@transaction.atomic
def correct_petition(*, petition: Petition, actor, **changes) -> Petition:
    """Sửa nội dung, lĩnh vực, nguồn tiếp nhận của kiến nghị while no agency has received it yet."""
    _refuse_uneditable(changes, PETITION_INTAKE_FIELDS)
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
    with audit.source(ChangeSource.IMPORT):
        saved = _save_new_petitions(petitions, actor=actor, errors_prefix=_("Dòng"))
    for petition in saved:
        if petition._import_agencies:
            petition.proposed_agencies.set(petition._import_agencies)
    return saved
