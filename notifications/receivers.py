"""Events derived from the history: after each commit, the lines it wrote are mapped (model, action) →
recipients, so the services that write them never name this app. A rolled-back write wrote no line that
survives, so it notifies nobody."""

from __future__ import annotations

from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.utils import translation
from django.utils.translation import gettext as _

from councils import audit
from councils.models import AuditEntry
from oversight.models import Commitment, Recommendation, WorkItem
from voters.models import Forwarding, Petition

from . import audiences, items, services
from .choices import NotificationKind
from .models import Notification


def _code(petition: Petition) -> str:
    return petition.code or f"#{petition.pk}"


def _not_yet_told(users, kind: str, target) -> list:
    """Of ``users``, those not told of this kind on this record before (an edit that re-lists the assignees
    tells only the new ones)."""
    content_type = ContentType.objects.get_for_model(target, for_concrete_model=True)
    told = set(Notification.objects.filter(kind=kind, content_type=content_type, object_id=target.pk)
               .values_list("recipient_id", flat=True))
    return [user for user in users if user.pk not in told]


def _assigned(entry: AuditEntry, target, changed: tuple[str, ...]) -> None:
    if entry.action == "update" and not any(name in entry.changes for name in changed):
        return
    spec = items.spec_for(target)
    title = (_("Bạn được giao: %(item)s") if isinstance(target, WorkItem)
             else _("Bạn được giao theo dõi: %(item)s")) % {"item": spec.label(target)}
    services.notify(recipients=_not_yet_told(spec.responsible(target), NotificationKind.ASSIGNED, target),
                    kind=NotificationKind.ASSIGNED, target=target, title=title, url=spec.url(target),
                    council=entry.council, entry=entry, actor=entry.actor)


def _forwarded(entry: AuditEntry, forwarding: Forwarding) -> None:
    petition = forwarding.petition
    services.notify(
        recipients=audiences.agency_staff(forwarding.agency_id), kind=NotificationKind.FORWARDING_RECEIVED,
        target=forwarding, entry=entry, actor=entry.actor, council=entry.council,
        url=items.SPECS["forwarding"].url(forwarding),
        title=_("%(council)s chuyển kiến nghị %(code)s tới %(agency)s, hạn trả lời %(date)s") % {
            "council": petition.council, "code": _code(petition), "agency": forwarding.agency,
            "date": forwarding.due_date.strftime("%d/%m/%Y")},
        body=petition.content[:500])


def _answered(entry: AuditEntry, forwarding: Forwarding) -> None:
    petition = forwarding.petition
    services.notify(
        recipients=audiences.secretariat(petition.council_id), kind=NotificationKind.ANSWER_RECEIVED,
        target=forwarding, entry=entry, actor=entry.actor, council=entry.council,
        url=items.SPECS["forwarding"].url(forwarding),
        title=_("%(agency)s đã trả lời kiến nghị %(code)s") % {"agency": forwarding.agency, "code": _code(petition)},
        body=forwarding.answer[:500])


def _returned(entry: AuditEntry, forwarding: Forwarding) -> None:
    petition = forwarding.petition
    services.notify(
        recipients=audiences.agency_staff(forwarding.agency_id), kind=NotificationKind.ANSWER_RETURNED,
        target=forwarding, entry=entry, actor=entry.actor, council=entry.council,
        url=items.SPECS["forwarding"].url(forwarding),
        title=_("%(council)s trả lại câu trả lời kiến nghị %(code)s") % {
            "council": petition.council, "code": _code(petition)},
        body=entry.note[:500])


def _feedback(entry: AuditEntry, petition: Petition) -> None:
    if entry.changes.get("resolved") is not False:
        return
    services.notify(
        recipients=audiences.secretariat(petition.council_id), kind=NotificationKind.FEEDBACK_NOT_RESOLVED,
        target=petition, entry=entry, actor=entry.actor, council=entry.council,
        url=items.SPECS["petition"].url(petition),
        title=_("Cử tri phản hồi kiến nghị %(code)s chưa được giải quyết") % {"code": _code(petition)},
        body=entry.note[:500])


FOLLOWERS = ("followers",)
ASSIGNEES = ("assignee_deputies", "assignee_users")

# (model, action) → what to do with the committed line and its record.
HANDLERS: dict[tuple[type, str], Callable[[AuditEntry, object], None]] = {
    (WorkItem, "create"): lambda entry, target: _assigned(entry, target, ASSIGNEES),
    (WorkItem, "update"): lambda entry, target: _assigned(entry, target, ASSIGNEES),
    (Recommendation, "create"): lambda entry, target: _assigned(entry, target, FOLLOWERS),
    (Recommendation, "update"): lambda entry, target: _assigned(entry, target, FOLLOWERS),
    (Commitment, "create"): lambda entry, target: _assigned(entry, target, FOLLOWERS),
    (Commitment, "update"): lambda entry, target: _assigned(entry, target, FOLLOWERS),
    (Forwarding, "create"): _forwarded,
    (Forwarding, "answer"): _answered,
    (Forwarding, "return_answer"): _returned,
    (Petition, "voter_feedback"): _feedback,
}
ACTIONS = {action for _model, action in HANDLERS}


def notify_committed_entries(entry_ids: list[int]) -> None:
    models = {ContentType.objects.get_for_model(model).pk: model for model, _action in HANDLERS}
    entries = (AuditEntry.objects.filter(pk__in=entry_ids, action__in=ACTIONS, content_type__in=models)
               .select_related("actor", "council").order_by("pk"))
    with translation.override("vi"):
        for entry in entries:
            model = models[entry.content_type_id]
            handler = HANDLERS.get((model, entry.action))
            target = model._base_manager.filter(pk=entry.object_id).first() if handler else None
            if target is not None:
                handler(entry, target)


audit.on_entries_committed(notify_committed_entries)
