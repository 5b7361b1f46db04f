"""The demo's history: every petition, forwarding, oversight activity, recommendation and work item the
builder wrote in bulk gets the lines the services would have written (created, classified, forwarded,
answered, each status step), by the demo secretariat user and dated by the record's own dates, so a demo
record's page tells its story in sentences (councils.history).

The lines are the ones ``councils.audit.record_audit`` writes, in bulk: that function stamps "now" and
tells the listeners of each line, which a demonstration's past does not need. Versioned records have their
version moved on by their number of changes, as record_audit would.
"""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.contrib.contenttypes.models import ContentType
from django.db.models import F

from councils.choices import ChangeSource
from councils.models import AuditEntry
from oversight.choices import ActivityStatus, FollowUpStatus, WorkItemStatus
from oversight.models import OversightActivity, Recommendation, WorkItem
from voters.choices import AnswerReview, ForwardingStatus, PetitionStatus
from voters.models import Forwarding, Petition

from .common import THANH_HOA, TODAY, aware

ANSWERED_STATES = {PetitionStatus.ANSWERED, PetitionStatus.REPORTED, PetitionStatus.CLOSED}


class _Lines:
    """The lines to write, each with the moment it is dated."""

    def __init__(self, users):
        self.users = users
        self.rows: list[tuple[AuditEntry, datetime.datetime]] = []
        self.changes: dict[type, dict[int, int]] = defaultdict(lambda: defaultdict(int))

    def actor(self, council):
        return self.users["vanphong2"] if council.code == THANH_HOA else self.users["vanphong"]

    def add(self, target, action: str, day: datetime.date, *, council, hour: int = 9, minute: int = 0,
            from_status: str = "", to_status: str = "", note: str = "", actor=None) -> None:
        at = aware(min(day, TODAY), hour) + datetime.timedelta(minutes=minute)
        entry = AuditEntry(
            content_type=ContentType.objects.get_for_model(type(target)), object_id=target.pk, council=council,
            action=action, from_status=from_status, to_status=to_status, note=note, actor=actor or self.actor(council),
            source=ChangeSource.COMMAND,
        )
        self.rows.append((entry, at))
        if action != "create":
            self.changes[type(target)][target.pk] += 1

    def write(self) -> None:
        entries = AuditEntry.objects.bulk_create([entry for entry, _at in self.rows], batch_size=1000)
        # ``at`` is stamped on insert; the demo's past is set afterwards.
        for entry, (_e, at) in zip(entries, self.rows, strict=True):
            entry.at = at
        AuditEntry.objects.bulk_update(entries, ["at"], batch_size=500)
        for model, counts in self.changes.items():
            if not any(f.name == "version" for f in model._meta.concrete_fields):
                continue
            by_count = defaultdict(list)
            for pk, n in counts.items():
                by_count[n].append(pk)
            for n, pks in by_count.items():
                model._base_manager.filter(pk__in=pks).update(version=F("version") + n)


def seed_history(councils, users) -> int:
    """Write the history of every record of the demo ``councils``; return how many lines were written."""
    lines = _Lines(users)
    _petitions(lines, councils)
    _activities(lines, councils)
    _work_items(lines, councils)
    lines.write()
    return len(lines.rows)


def _petitions(lines: _Lines, councils) -> None:
    forwardings = defaultdict(list)
    for row in Forwarding.objects.filter(council__in=councils).order_by("pk"):
        forwardings[row.petition_id].append(row)
    petitions = Petition.objects.filter(council__in=councils).select_related("council", "reported_session").order_by("pk")
    for petition in petitions:
        council, received = petition.council, petition.received_on
        lines.add(petition, "create", received, council=council, hour=8, to_status=PetitionStatus.RECEIVED)
        if petition.status == PetitionStatus.RECEIVED:
            continue
        if petition.status == PetitionStatus.MERGED:
            merged_on = received + datetime.timedelta(days=1)
            lines.add(petition, "merge", merged_on, council=council, from_status=PetitionStatus.RECEIVED,
                      to_status=PetitionStatus.MERGED)
            if petition.merged_into_id:
                lines.add(petition.merged_into, "merge_into", merged_on, council=council)
            continue
        classified_on = received + datetime.timedelta(days=1)
        lines.add(petition, "classify", classified_on, council=council, from_status=PetitionStatus.RECEIVED,
                  to_status=PetitionStatus.CLASSIFIED)
        rows = forwardings.get(petition.pk, [])
        if not rows:
            continue
        forwarded = petition.forwarded_on or rows[0].forwarded_on
        lines.add(petition, "forward", forwarded, council=council, hour=10, from_status=PetitionStatus.CLASSIFIED,
                  to_status=PetitionStatus.FORWARDED)
        for row in rows:
            lines.add(row, "create", row.forwarded_on, council=council, hour=10, to_status=ForwardingStatus.PENDING)
        last_answer = forwarded
        for row in rows:
            if row.acknowledged_on:
                # Only the `coquan` user's agency acknowledges in the portal (shape_agency_forwardings).
                lines.add(row, "acknowledge", row.acknowledged_on, council=council, hour=11,
                          actor=lines.users["coquan"])
            if row.returned_on:
                lines.add(row, "return_answer", row.returned_on, council=council, hour=15,
                          from_status=ForwardingStatus.ANSWERED, to_status=ForwardingStatus.PENDING)
            if row.clarification_since:
                lines.add(row, "request_clarification", row.clarification_since, council=council, hour=14,
                          from_status=ForwardingStatus.PENDING, to_status=ForwardingStatus.CLARIFICATION)
            if row.status == ForwardingStatus.ANSWERED and row.answered_on:
                lines.add(row, "answer", row.answered_on, council=council, hour=15,
                          from_status=ForwardingStatus.PENDING, to_status=ForwardingStatus.ANSWERED)
                last_answer = max(last_answer, row.answered_on)
                if row.review == AnswerReview.ACCEPTED:
                    lines.add(row, "accept_answer", row.answered_on, council=council, hour=16)
                if row.answer_public and row.answer_published_on:
                    lines.add(row, "publish_answer", row.answer_published_on, council=council, hour=15, minute=30)
        if petition.status not in ANSWERED_STATES:
            continue
        lines.add(petition, "answered", last_answer, council=council, hour=15, minute=1,
                  from_status=PetitionStatus.FORWARDED, to_status=PetitionStatus.ANSWERED)
        previous = PetitionStatus.ANSWERED
        if petition.status in (PetitionStatus.REPORTED, PetitionStatus.CLOSED):
            reported_on = petition.reported_session.start_date if petition.reported_session else \
                last_answer + datetime.timedelta(days=20)
            lines.add(petition, "report", max(reported_on, last_answer), council=council, hour=11,
                      from_status=previous, to_status=PetitionStatus.REPORTED)
            previous = PetitionStatus.REPORTED
            if petition.status == PetitionStatus.CLOSED:
                lines.add(petition, "close", max(reported_on, last_answer) + datetime.timedelta(days=7),
                          council=council, from_status=previous, to_status=PetitionStatus.CLOSED)


def _activities(lines: _Lines, councils) -> None:
    recommendations = defaultdict(list)
    for rec in Recommendation.objects.filter(activity__council__in=councils).order_by("pk"):
        recommendations[rec.activity_id].append(rec)
    for activity in OversightActivity.objects.filter(council__in=councils).select_related("council").order_by("pk"):
        council = activity.council
        planned = activity.planned_start or TODAY
        lines.add(activity, "create", planned - datetime.timedelta(days=30), council=council, hour=8,
                  to_status=ActivityStatus.PLANNED)
        previous = ActivityStatus.PLANNED
        if activity.actual_start:
            lines.add(activity, "status:in_progress", activity.actual_start, council=council,
                      from_status=previous, to_status=ActivityStatus.IN_PROGRESS)
            previous = ActivityStatus.IN_PROGRESS
        if activity.status == ActivityStatus.CANCELLED:
            lines.add(activity, "status:cancelled", planned - datetime.timedelta(days=5), council=council,
                      from_status=previous, to_status=ActivityStatus.CANCELLED)
        concluded_on = activity.conclusion_date or activity.actual_end or planned
        if activity.status == ActivityStatus.CONCLUDED:
            lines.add(activity, "status:concluded", concluded_on, council=council, hour=16,
                      from_status=previous, to_status=ActivityStatus.CONCLUDED)
        for rec in recommendations.get(activity.pk, []):
            lines.add(rec, "create", concluded_on, council=council, hour=16, minute=5,
                      to_status=FollowUpStatus.NOT_STARTED)
            if rec.status != FollowUpStatus.NOT_STARTED:
                day = rec.completed_on or min(rec.due_date or TODAY, TODAY)
                lines.add(rec, f"status:{rec.status}", max(day, concluded_on), council=council, hour=14,
                          from_status=FollowUpStatus.NOT_STARTED, to_status=rec.status)


def _work_items(lines: _Lines, councils) -> None:
    for item in WorkItem.objects.filter(council__in=councils).select_related("council").order_by("pk"):
        council, due = item.council, item.due_date or TODAY
        created = min(datetime.date(item.year, 1, 5), due - datetime.timedelta(days=10))
        lines.add(item, "create", created, council=council, hour=8, to_status=WorkItemStatus.NOT_STARTED)
        if item.status == WorkItemStatus.NOT_STARTED:
            continue
        if item.status == WorkItemStatus.CANCELLED:
            lines.add(item, "status:cancelled", min(due, TODAY) - datetime.timedelta(days=3), council=council,
                      from_status=WorkItemStatus.NOT_STARTED, to_status=WorkItemStatus.CANCELLED)
            continue
        started = max(created, due - datetime.timedelta(days=25))
        if item.done_on:
            started = min(started, item.done_on)
        lines.add(item, "status:in_progress", started, council=council,
                  from_status=WorkItemStatus.NOT_STARTED, to_status=WorkItemStatus.IN_PROGRESS)
        if item.status == WorkItemStatus.DONE:
            lines.add(item, "status:done", item.done_on or due, council=council, hour=16,
                      from_status=WorkItemStatus.IN_PROGRESS, to_status=WorkItemStatus.DONE)
