"""Writes of the oversight app: programmes, activities and their follow-up, questioning, the "5 rõ" work
programme, trainings and briefings. Every status change goes through ``councils.audit.transition``.

Who may write: the council's secretariat (or an administrator above it) maintains everything; a deputy
may only move and report progress on the items assigned to them or that they follow.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.agencies import check_addressable
from councils.audit import apply_changes, record_audit, transition
from councils.models import Agency, Body, Council, Deputy, Field, Session
from utilities.uploads import validate_upload

from . import permissions
from .choices import (
    QUESTIONING_KINDS,
    ActivityKind,
    ActivityStatus,
    DocumentKind,
    FollowUpStatus,
    ParticipantRole,
    WorkItemOrigin,
    WorkItemStatus,
)
from .models import (
    ActivityDocument,
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Participant,
    Question,
    Recommendation,
    Training,
    TrainingAttendance,
    WorkItem,
)

# ---------------------------------------------------------------------------------------------------------
# Shared checks


def _in_subtree(council: Council, root: Council) -> bool:
    return council.path.startswith(root.path)


def _check_body(body: Body | None, council: Council, field: str = "body") -> None:
    if body is not None and body.council_id != council.pk:
        raise ValidationError({field: _("Cơ quan “%(body)s” không thuộc HĐND này.") % {"body": body}})


def _check_deputies(deputies: Iterable[Deputy], council: Council, field: str) -> None:
    """Deputies of this council or of a council below it (a province mission may include commune deputies)."""
    strangers = [d for d in deputies if not _in_subtree(d.council, council)]
    if strangers:
        raise ValidationError({field: _("Đại biểu %(names)s không thuộc HĐND này.")
                               % {"names": ", ".join(str(d) for d in strangers)}})


def _today() -> datetime.date:
    return timezone.localdate()


# ---------------------------------------------------------------------------------------------------------
# Programme


@transaction.atomic
def create_programme(*, council: Council, year: int, title: str, decision_number: str = "",
                     approved_on: datetime.date | None = None, actor) -> OversightProgramme:
    permissions.require_manage(actor, council)
    programme = OversightProgramme(council=council, year=year, title=title, decision_number=decision_number,
                                   approved_on=approved_on)
    programme.full_clean()
    programme.save()
    record_audit(target=programme, action="create", actor=actor)
    return programme


PROGRAMME_EDITABLE = ("year", "title", "decision_number", "approved_on")


@transaction.atomic
def update_programme(*, programme: OversightProgramme, actor, **changes) -> OversightProgramme:
    permissions.require_manage(actor, programme.council)
    diff = apply_changes(programme, changes, editable=PROGRAMME_EDITABLE)
    programme.full_clean()
    programme.save()
    record_audit(target=programme, action="update", actor=actor, changes=diff)
    return programme


# ---------------------------------------------------------------------------------------------------------
# Activities


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
def upload_activity_document(*, activity: OversightActivity, title: str, file, actor,
                             kind: str = DocumentKind.REPORT) -> ActivityDocument:
    """Store a plan, report or conclusion file once it passed the type, size and content checks."""
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


# ---------------------------------------------------------------------------------------------------------
# Follow-up: recommendations and questioning commitments share the same lifecycle


# Which statuses each target may be reached from. Implemented is final; a failed or partial one may be
# taken up again (tái giám sát often finds it moving).
FOLLOW_UP_ALLOWED_FROM = {
    FollowUpStatus.IN_PROGRESS: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                 FollowUpStatus.PARTLY_IMPLEMENTED, FollowUpStatus.NOT_IMPLEMENTED],
    FollowUpStatus.PARTLY_IMPLEMENTED: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                        FollowUpStatus.PARTLY_IMPLEMENTED],
    FollowUpStatus.IMPLEMENTED: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                 FollowUpStatus.PARTLY_IMPLEMENTED, FollowUpStatus.NOT_IMPLEMENTED],
    FollowUpStatus.NOT_IMPLEMENTED: [FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS,
                                     FollowUpStatus.PARTLY_IMPLEMENTED],
}


def _update_follow_up_status(item, *, council: Council, status: str, actor, evidence: str, result: str,
                             completed_on: datetime.date | None, note: str):
    permissions.require_follow_up_writer(actor, item)
    if status not in FOLLOW_UP_ALLOWED_FROM:
        raise ValidationError({"status": _("Không thể chuyển về trạng thái “%(status)s”.")
                               % {"status": FollowUpStatus(status).label if status in FollowUpStatus.values else status}})
    errors = {}
    if status == FollowUpStatus.IMPLEMENTED:
        if completed_on is None:
            errors["completed_on"] = _("Phải nhập ngày hoàn thành.")
        if not (evidence or item.evidence).strip():
            errors["evidence"] = _("Phải nêu minh chứng đã thực hiện.")
    if completed_on is not None and completed_on > _today():
        errors["completed_on"] = _("Ngày hoàn thành không được sau hôm nay.")
    if errors:
        raise ValidationError(errors)
    extra = {"completed_on": completed_on}
    if evidence:
        extra["evidence"] = evidence
    if result:
        extra["result"] = result
    transition(item, to=status, allowed_from=FOLLOW_UP_ALLOWED_FROM[status], actor=actor, note=note, extra=extra)
    return item


@transaction.atomic
def create_recommendation(*, activity: OversightActivity, agency: Agency, content: str,
                          due_date: datetime.date | None, actor, followers: Iterable[Deputy] = ()) -> Recommendation:
    """A recommendation comes out of a conclusion: the activity is being concluded or already is."""
    permissions.require_manage(actor, activity.council)
    if activity.status not in permissions.RECOMMENDATION_ACTIVITY_STATES:
        raise ValidationError({"activity": _("Chỉ ghi kiến nghị cho hoạt động đang tiến hành hoặc đã kết luận.")})
    if due_date is None:
        raise ValidationError({"due_date": _("Phải nhập thời hạn thực hiện kiến nghị.")})
    check_addressable(activity.council, [agency], "agency")
    followers = list(followers)
    _check_deputies(followers, activity.council, "followers")
    recommendation = Recommendation(activity=activity, agency=agency, content=content, due_date=due_date)
    recommendation.full_clean()
    recommendation.save()
    recommendation.followers.set(followers)
    record_audit(target=recommendation, council=activity.council, action="create", actor=actor)
    return recommendation


FOLLOW_UP_EDITABLE = ("agency", "content", "due_date")


def _update_follow_up(item, *, council: Council, actor, followers, changes: dict):
    permissions.require_manage(actor, council)
    if "agency" in changes:
        check_addressable(council, [changes["agency"]], "agency")
    diff = apply_changes(item, changes, editable=FOLLOW_UP_EDITABLE)
    if item.due_date is None:
        raise ValidationError({"due_date": _("Phải nhập thời hạn thực hiện.")})
    item.full_clean()
    item.save()
    if followers is not None:
        followers = list(followers)
        _check_deputies(followers, council, "followers")
        item.followers.set(followers)
        diff["followers"] = [d.pk for d in followers]
    record_audit(target=item, council=council, action="update", actor=actor, changes=diff)
    return item


@transaction.atomic
def update_recommendation(*, recommendation: Recommendation, actor, followers: Iterable[Deputy] | None = None,
                          **changes) -> Recommendation:
    return _update_follow_up(recommendation, council=recommendation.activity.council, actor=actor,
                             followers=followers, changes=changes)


def update_recommendation_status(*, recommendation: Recommendation, status: str, actor, evidence: str = "",
                                 result: str = "", completed_on: datetime.date | None = None,
                                 note: str = "") -> Recommendation:
    return _update_follow_up_status(recommendation, council=recommendation.activity.council, status=status,
                                    actor=actor, evidence=evidence, result=result, completed_on=completed_on,
                                    note=note)


# ---------------------------------------------------------------------------------------------------------
# Questioning


@transaction.atomic
def create_question(*, activity: OversightActivity, asked_by: Deputy, answering_agency: Agency, question: str,
                    actor, answering_official: str = "", answer: str = "",
                    answered_on: datetime.date | None = None) -> Question:
    """A question belongs to a questioning activity (at a session or between sessions)."""
    permissions.require_manage(actor, activity.council)
    if activity.kind not in QUESTIONING_KINDS:
        raise ValidationError({"activity": _("Câu hỏi chất vấn chỉ ghi cho hoạt động chất vấn.")})
    if activity.status == ActivityStatus.CANCELLED:
        raise ValidationError({"activity": _("Phiên chất vấn đã hủy.")})
    _check_deputies([asked_by], activity.council, "asked_by")
    check_addressable(activity.council, [answering_agency], "answering_agency")
    item = Question(activity=activity, asked_by=asked_by, answering_agency=answering_agency, question=question,
                    answering_official=answering_official, answer=answer,
                    answered_on=answered_on if answer else None)
    item.full_clean()
    item.save()
    record_audit(target=item, council=activity.council, action="create", actor=actor)
    return item


QUESTION_EDITABLE = ("asked_by", "answering_agency", "answering_official", "question", "answer", "answered_on")


@transaction.atomic
def update_question(*, question: Question, actor, **changes) -> Question:
    council = question.activity.council
    permissions.require_manage(actor, council)
    if "asked_by" in changes:
        _check_deputies([changes["asked_by"]], council, "asked_by")
    if "answering_agency" in changes:
        check_addressable(council, [changes["answering_agency"]], "answering_agency")
    diff = apply_changes(question, changes, editable=QUESTION_EDITABLE)
    if question.answered_on and not question.answer.strip():
        raise ValidationError({"answer": _("Có ngày trả lời thì phải có nội dung trả lời.")})
    question.full_clean()
    question.save()
    record_audit(target=question, council=council, action="update", actor=actor, changes=diff)
    return question


@transaction.atomic
def create_commitment(*, question: Question, agency: Agency, content: str, due_date: datetime.date | None, actor,
                      followers: Iterable[Deputy] = ()) -> Commitment:
    council = question.activity.council
    permissions.require_manage(actor, council)
    if due_date is None:
        raise ValidationError({"due_date": _("Phải nhập thời hạn thực hiện cam kết.")})
    check_addressable(council, [agency], "agency")
    followers = list(followers)
    _check_deputies(followers, council, "followers")
    commitment = Commitment(question=question, agency=agency, content=content, due_date=due_date)
    commitment.full_clean()
    commitment.save()
    commitment.followers.set(followers)
    record_audit(target=commitment, council=council, action="create", actor=actor)
    return commitment


@transaction.atomic
def update_commitment(*, commitment: Commitment, actor, followers: Iterable[Deputy] | None = None,
                      **changes) -> Commitment:
    return _update_follow_up(commitment, council=commitment.question.activity.council, actor=actor,
                             followers=followers, changes=changes)


def update_commitment_status(*, commitment: Commitment, status: str, actor, evidence: str = "", result: str = "",
                             completed_on: datetime.date | None = None, note: str = "") -> Commitment:
    return _update_follow_up_status(commitment, council=commitment.question.activity.council, status=status,
                                    actor=actor, evidence=evidence, result=result, completed_on=completed_on,
                                    note=note)


# ---------------------------------------------------------------------------------------------------------
# Work programme ("5 rõ")

def _five_clear_labels() -> list[tuple[str, str]]:
    """The five "rõ" and the field that carries each, so a refusal names the one that is missing."""
    return [
        ("lead", _("rõ người (người chủ trì)")),
        ("title", _("rõ việc (nội dung công việc)")),
        ("due_date", _("rõ thời gian (thời hạn)")),
        ("responsible_body", _("rõ trách nhiệm (cơ quan chịu trách nhiệm)")),
        ("deliverable", _("rõ kết quả (sản phẩm)")),
    ]


def _check_five_clear(values: dict) -> None:
    errors = {}
    for name, label in _five_clear_labels():
        value = values.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            errors[name] = _("Công việc chưa đủ “5 rõ”: thiếu %(label)s.") % {"label": label}
    if errors:
        raise ValidationError(errors)


def _check_assignee_users(users, council: Council) -> None:
    strangers = [u for u in users if not permissions.can_read(u, council)]
    if strangers:
        raise ValidationError({"assignee_users": _("Người dùng %(names)s không thuộc HĐND này.")
                               % {"names": ", ".join(u.get_username() for u in strangers)}})


@transaction.atomic
def create_work_item(
    *, council: Council, actor, title: str = "", lead: str = "", responsible_body: Body | None = None,
    due_date: datetime.date | None = None, deliverable: str = "", year: int | None = None,
    origin: str = WorkItemOrigin.PLANNED, assignee_deputies: Iterable[Deputy] = (), assignee_users: Iterable = (),
) -> WorkItem:
    """A work programme item is refused unless all five "rõ" are given."""
    permissions.require_manage(actor, council)
    _check_five_clear({"lead": lead, "title": title, "due_date": due_date, "responsible_body": responsible_body,
                       "deliverable": deliverable})
    _check_body(responsible_body, council, "responsible_body")
    deputies, users = list(assignee_deputies), list(assignee_users)
    _check_deputies(deputies, council, "assignee_deputies")
    _check_assignee_users(users, council)
    item = WorkItem(council=council, year=year or due_date.year, origin=origin, title=title.strip(), lead=lead.strip(),
                    responsible_body=responsible_body, due_date=due_date, deliverable=deliverable.strip())
    item.full_clean()
    item.save()
    item.assignee_deputies.set(deputies)
    item.assignee_users.set(users)
    record_audit(target=item, action="create", actor=actor)
    return item


WORK_ITEM_EDITABLE = ("title", "lead", "responsible_body", "due_date", "deliverable", "year", "origin")


@transaction.atomic
def update_work_item(*, item: WorkItem, actor, assignee_deputies: Iterable[Deputy] | None = None,
                     assignee_users: Iterable | None = None, **changes) -> WorkItem:
    permissions.require_manage(actor, item.council)
    diff = apply_changes(item, changes, editable=WORK_ITEM_EDITABLE)
    _check_five_clear({name: getattr(item, name) for name, _label in _five_clear_labels()})
    _check_body(item.responsible_body, item.council, "responsible_body")
    item.full_clean()
    item.save()
    if assignee_deputies is not None:
        deputies = list(assignee_deputies)
        _check_deputies(deputies, item.council, "assignee_deputies")
        item.assignee_deputies.set(deputies)
        diff["assignee_deputies"] = [d.pk for d in deputies]
    if assignee_users is not None:
        users = list(assignee_users)
        _check_assignee_users(users, item.council)
        item.assignee_users.set(users)
        diff["assignee_users"] = [u.pk for u in users]
    record_audit(target=item, action="update", actor=actor, changes=diff)
    return item


def start_work_item(*, item: WorkItem, actor, note: str = "") -> WorkItem:
    permissions.require_work_item_writer(actor, item)
    transition(item, to=WorkItemStatus.IN_PROGRESS, allowed_from=permissions.WORK_ITEM_START_FROM, actor=actor,
               note=note)
    return item


def complete_work_item(*, item: WorkItem, actor, done_on: datetime.date | None, note: str = "") -> WorkItem:
    """Đang thực hiện → hoàn thành, with the day it was done (it decides whether it was on time)."""
    permissions.require_work_item_writer(actor, item)
    if done_on is None:
        raise ValidationError({"done_on": _("Phải nhập ngày hoàn thành.")})
    if done_on > _today():
        raise ValidationError({"done_on": _("Ngày hoàn thành không được sau hôm nay.")})
    transition(item, to=WorkItemStatus.DONE, allowed_from=permissions.WORK_ITEM_COMPLETE_FROM, actor=actor, note=note,
               extra={"done_on": done_on})
    return item


def cancel_work_item(*, item: WorkItem, actor, note: str = "") -> WorkItem:
    """Only the secretariat drops an item from the programme."""
    permissions.require_manage(actor, item.council)
    transition(item, to=WorkItemStatus.CANCELLED, allowed_from=permissions.WORK_ITEM_CANCEL_FROM, actor=actor,
               note=note)
    return item


@transaction.atomic
def report_work_item_progress(*, item: WorkItem, progress_note: str, actor) -> WorkItem:
    """An assignee writes where the work stands; the history keeps every earlier note."""
    permissions.require_work_item_writer(actor, item)
    locked = WorkItem.objects.select_for_update().get(pk=item.pk)
    if locked.status not in permissions.WORK_ITEM_OPEN:
        raise ValidationError({"progress_note": _("Công việc đã kết thúc, không cập nhật tiến độ được.")})
    if not (progress_note or "").strip():
        raise ValidationError({"progress_note": _("Phải nhập nội dung tiến độ.")})
    locked.progress_note = progress_note.strip()
    locked.save(update_fields=["progress_note", "updated_at"])
    record_audit(target=locked, action="progress", actor=actor, note=locked.progress_note)
    item.progress_note = locked.progress_note
    return item


# ---------------------------------------------------------------------------------------------------------
# Trainings and briefings


@transaction.atomic
def create_training(*, council: Council, title: str, start_date: datetime.date, end_date: datetime.date | None = None,
                    organizer: str = "", place: str = "", actor) -> Training:
    permissions.require_manage(actor, council)
    training = Training(council=council, title=title, start_date=start_date, end_date=end_date or start_date,
                        organizer=organizer, place=place)
    training.full_clean()
    training.save()
    record_audit(target=training, action="create", actor=actor)
    return training


TRAINING_EDITABLE = ("title", "start_date", "end_date", "organizer", "place")


@transaction.atomic
def update_training(*, training: Training, actor, **changes) -> Training:
    permissions.require_manage(actor, training.council)
    diff = apply_changes(training, changes, editable=TRAINING_EDITABLE)
    training.full_clean()
    training.save()
    record_audit(target=training, action="update", actor=actor, changes=diff)
    return training


@transaction.atomic
def mark_attendance(*, training: Training, present: Iterable[Deputy] = (), absent: Iterable[Deputy] = (),
                    actor) -> int:
    """Mark many deputies at once; marking again overwrites (an upsert), so a retried request is harmless."""
    permissions.require_manage(actor, training.council)
    present, absent = list(present), list(absent)
    both = {d.pk for d in present} & {d.pk for d in absent}
    if both:
        raise ValidationError({"absent": _("Một đại biểu không thể vừa có mặt vừa vắng.")})
    _check_deputies(present + absent, training.council, "present")
    rows = [TrainingAttendance(training=training, deputy=d, attended=True) for d in present]
    rows += [TrainingAttendance(training=training, deputy=d, attended=False) for d in absent]
    TrainingAttendance.objects.bulk_create(rows, update_conflicts=True, unique_fields=["training", "deputy"],
                                           update_fields=["attended"])
    record_audit(target=training, action="attendance", actor=actor,
                 changes={"present": [d.pk for d in present], "absent": [d.pk for d in absent]})
    return len(rows)


def _check_briefing_councils(council: Council, participating: list[Council]) -> None:
    """A thematic briefing is held by a standing board with the standing boards of the levels below."""
    strangers = [c for c in participating if c.pk == council.pk or not _in_subtree(c, council)]
    if strangers:
        raise ValidationError({"participating_councils": _("HĐND %(names)s không phải cấp dưới của HĐND chủ trì.")
                               % {"names": ", ".join(str(c) for c in strangers)}})


@transaction.atomic
def create_briefing(*, council: Council, topic: str, date: datetime.date, actor, place: str = "", summary: str = "",
                    participating_councils: Iterable[Council] = ()) -> Briefing:
    permissions.require_manage(actor, council)
    participating = list(participating_councils)
    _check_briefing_councils(council, participating)
    briefing = Briefing(council=council, topic=topic, date=date, place=place, summary=summary)
    briefing.full_clean()
    briefing.save()
    briefing.participating_councils.set(participating)
    record_audit(target=briefing, action="create", actor=actor)
    return briefing


BRIEFING_EDITABLE = ("topic", "date", "place", "summary")


@transaction.atomic
def update_briefing(*, briefing: Briefing, actor, participating_councils: Iterable[Council] | None = None,
                    **changes) -> Briefing:
    permissions.require_manage(actor, briefing.council)
    diff = apply_changes(briefing, changes, editable=BRIEFING_EDITABLE)
    briefing.full_clean()
    briefing.save()
    if participating_councils is not None:
        participating = list(participating_councils)
        _check_briefing_councils(briefing.council, participating)
        briefing.participating_councils.set(participating)
        diff["participating_councils"] = [c.pk for c in participating]
    record_audit(target=briefing, action="update", actor=actor, changes=diff)
    return briefing

