"""Writes of the "5 rõ" work programme: an item is refused unless its five "rõ" are given; assignees move it
and report its progress, the secretariat maintains it."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.audit import apply_changes, record_audit, transition
from councils.models import Body, Council, Deputy

from .. import permissions
from ..choices import WorkItemOrigin, WorkItemStatus
from ..models import WorkItem
from ._checks import _check_body, _check_deputies, _today


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
