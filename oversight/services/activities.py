"""Writes of an oversight activity: its description, its status (start, conclude, cancel), participants,
the recommendations a re-oversight checks again, and its documents."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.agencies import check_addressable
from councils.audit import apply_changes, record_audit, transition
from councils.models import Agency, Body, Council, Deputy, Field, Session
from utilities.uploads import validate_upload

from .. import permissions
from ..choices import ActivityKind, ActivityStatus, DocumentKind, ParticipantRole
from ..models import ActivityDocument, OversightActivity, OversightProgramme, Participant, Recommendation
from ._checks import _check_body, _check_deputies, _in_subtree, _today


def _check_activity_links(activity: OversightActivity) -> None:
    council = activity.council
    _check_body(activity.body, council)
    if activity.deputy is not None and activity.deputy.council_id != council.pk:
        raise ValidationError({"deputy": _("Đại biểu giám sát không thuộc HĐND này.")})
    if activity.programme is not None and activity.programme.council_id != council.pk:
        raise ValidationError({"programme": _("Chương trình giám sát không thuộc HĐND này.")})
    if activity.session is not None and activity.session.council_id != council.pk:
        raise ValidationError({"session": _("Kỳ họp không thuộc HĐND này.")})
    if activity.session is not None and activity.kind == ActivityKind.QUESTIONING_BETWEEN:
        raise ValidationError({"session": _("Chất vấn giữa hai kỳ họp không gắn với một kỳ họp.")})


@transaction.atomic
def create_activity(
    *, council: Council, kind: str, title: str, actor, body: Body | None = None, deputy: Deputy | None = None,
    programme: OversightProgramme | None = None, field: Field | None = None, session: Session | None = None,
    subject_agencies: Iterable[Agency] = (), planned_start: datetime.date | None = None,
    planned_end: datetime.date | None = None,
) -> OversightActivity:
    """Record a planned oversight activity of a body (council, standing board, committee, deputy group) or a deputy."""
    permissions.require_manage(actor, council)
    activity = OversightActivity(council=council, kind=kind, title=title, body=body, deputy=deputy,
                                 programme=programme, field=field, session=session, planned_start=planned_start,
                                 planned_end=planned_end, created_by=actor if actor.is_authenticated else None)
    activity.full_clean()
    _check_activity_links(activity)
    agencies = check_addressable(council, subject_agencies, "subject_agencies")
    activity.save()
    activity.subject_agencies.set(agencies)
    record_audit(target=activity, action="create", actor=actor)
    return activity


ACTIVITY_EDITABLE = ("kind", "title", "body", "deputy", "programme", "field", "session", "planned_start",
                     "planned_end", "actual_start", "actual_end")


@transaction.atomic
def update_activity(*, activity: OversightActivity, actor, subject_agencies: Iterable[Agency] | None = None,
                    **changes) -> OversightActivity:
    """Edit the description and dates; status, conclusion and recommendations have their own services."""
    permissions.require_manage(actor, activity.council)
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError(_("Hoạt động đã hủy, không sửa được."))
    diff = apply_changes(activity, changes, editable=ACTIVITY_EDITABLE)
    activity.full_clean()
    _check_activity_links(activity)
    activity.save()
    if subject_agencies is not None:
        agencies = check_addressable(activity.council, subject_agencies, "subject_agencies")
        activity.subject_agencies.set(agencies)
        diff["subject_agencies"] = [a.pk for a in agencies]
    record_audit(target=activity, action="update", actor=actor, changes=diff)
    return activity


def start_activity(*, activity: OversightActivity, actor, started_on: datetime.date | None = None,
                   note: str = "") -> OversightActivity:
    """Kế hoạch → đang tiến hành."""
    permissions.require_manage(actor, activity.council)
    transition(activity, to=ActivityStatus.IN_PROGRESS, allowed_from=permissions.ACTIVITY_START_FROM, actor=actor,
               note=note, extra={"actual_start": started_on or activity.actual_start or _today()})
    return activity


def conclude_activity(*, activity: OversightActivity, actor, conclusion: str, conclusion_date: datetime.date | None,
                      ended_on: datetime.date | None = None, note: str = "") -> OversightActivity:
    """Đang tiến hành → đã kết luận; a conclusion needs its text and its date."""
    permissions.require_manage(actor, activity.council)
    errors = {}
    if not (conclusion or "").strip():
        errors["conclusion"] = _("Phải nhập nội dung kết luận.")
    if conclusion_date is None:
        errors["conclusion_date"] = _("Phải nhập ngày kết luận.")
    elif activity.actual_start and conclusion_date < activity.actual_start:
        errors["conclusion_date"] = _("Ngày kết luận không được trước ngày bắt đầu.")
    # Checked here with the others rather than left to the model's clean() in transition(), so the page
    # reports every mistake at once instead of one per attempt.
    if ended_on and activity.actual_start and ended_on < activity.actual_start:
        errors["ended_on"] = _("Ngày kết thúc không được trước ngày bắt đầu.")
    if errors:
        raise ValidationError(errors)
    transition(activity, to=ActivityStatus.CONCLUDED, allowed_from=permissions.ACTIVITY_CONCLUDE_FROM, actor=actor,
               note=note, extra={"conclusion": conclusion.strip(), "conclusion_date": conclusion_date,
                                 "actual_end": ended_on or activity.actual_end or conclusion_date})
    return activity


def cancel_activity(*, activity: OversightActivity, actor, note: str = "") -> OversightActivity:
    """Kế hoạch / đang tiến hành → hủy."""
    permissions.require_manage(actor, activity.council)
    transition(activity, to=ActivityStatus.CANCELLED, allowed_from=permissions.ACTIVITY_CANCEL_FROM, actor=actor,
               note=note)
    return activity


@transaction.atomic
def add_participant(*, activity: OversightActivity, deputy: Deputy, role: str = ParticipantRole.MEMBER,
                    actor) -> Participant:
    permissions.require_manage(actor, activity.council)
    _check_deputies([deputy], activity.council, "deputy")
    participant = Participant(activity=activity, deputy=deputy, role=role)
    participant.full_clean()
    participant.save()
    record_audit(target=activity, action="add_participant", actor=actor,
                 changes={"deputy": deputy.pk, "role": role})
    return participant


@transaction.atomic
def remove_participant(*, participant: Participant, actor) -> None:
    activity = participant.activity
    permissions.require_manage(actor, activity.council)
    record_audit(target=activity, action="remove_participant", actor=actor, changes={"deputy": participant.deputy_id})
    participant.delete()


@transaction.atomic
def link_rechecked_recommendations(*, activity: OversightActivity, recommendations: Iterable[Recommendation],
                                   actor) -> OversightActivity:
    """A re-oversight names the earlier recommendations it checks: only those of its own council subtree."""
    permissions.require_manage(actor, activity.council)
    if activity.kind != ActivityKind.RE_OVERSIGHT:
        raise ValidationError({"recommendations": _("Chỉ hoạt động tái giám sát mới gắn kiến nghị được tái giám sát.")})
    recommendations = list(recommendations)
    for recommendation in recommendations:
        if recommendation.activity_id == activity.pk:
            raise ValidationError({"recommendations": _("Không thể tái giám sát kiến nghị của chính hoạt động này.")})
        if not _in_subtree(recommendation.activity.council, activity.council):
            raise ValidationError({"recommendations": _("Kiến nghị “%(rec)s” không thuộc HĐND này hoặc cấp dưới.")
                                   % {"rec": recommendation}})
    activity.rechecked_recommendations.add(*recommendations)
    record_audit(target=activity, action="link_rechecked", actor=actor,
                 changes={"recommendations": [r.pk for r in recommendations]})
    return activity


@transaction.atomic
def upload_activity_document(*, activity: OversightActivity, file, actor, title: str = "",
                             kind: str = DocumentKind.REPORT) -> ActivityDocument:
    """Store a plan, report or conclusion file once it passed the type, size and content checks; without a
    title it is named after the file (the API makes the title optional)."""
    permissions.require_manage(actor, activity.council)
    try:
        validate_upload(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from error
    document = ActivityDocument(activity=activity, kind=kind, title=title or getattr(file, "name", ""), file=file,
                                uploaded_by=actor if actor.is_authenticated else None)
    document.full_clean()
    document.save()
    record_audit(target=activity, action="upload_document", actor=actor,
                 changes={"document": document.pk, "title": document.title})
    return document
