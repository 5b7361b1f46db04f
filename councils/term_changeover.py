"""Chuyển nhiệm kỳ: a council's new term started from the previous one's structure in one step. The bodies
(standing board, committees, office, deputy groups) are copied into the new term under the same kind and name;
the open items tied to the old bodies are carried over to the copies, each with a history line; the old term's
records stay as they were.

Deputies and memberships are not copied: a new term has newly elected deputies, entered (or imported) anew.
The open items live in the apps above (oversight's activities and work items): each registers a carrier in its
AppConfig.ready (``register_carrier``), so this module never names them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from . import permissions
from .audit import record_audit
from .choices import BodyKind, HandoverEvent
from .handovers import ItemKind
from .models import Body, Council, Term, TermChangeover

# The kinds a council has one of per term (unique_body_per_council_term); the others are told apart by name.
_ONE_PER_TERM = (BodyKind.PLENARY, BodyKind.STANDING_BOARD, BodyKind.COMMITTEE, BodyKind.OFFICE)


@dataclass(frozen=True)
class Carrier:
    """``count(body_ids) -> {kind: n}``: the open items of those old bodies; ``move(bodies=, changeover=,
    actor=) -> {kind: [(pk, label)]}``: re-points them to the new bodies (``{old body id: new body}``)."""

    kinds: tuple[ItemKind, ...]
    count: Callable[[list[int]], dict[str, int]]
    move: Callable[..., dict[str, list[tuple[int, str]]]]


_carriers: list[Carrier] = []


def register_carrier(*, kinds: tuple[ItemKind, ...], count, move) -> None:
    if all(carrier.kinds != kinds for carrier in _carriers):
        _carriers.append(Carrier(kinds=kinds, count=count, move=move))


def item_kinds() -> list[ItemKind]:
    return [kind for carrier in _carriers for kind in carrier.kinds]


def carried_note(changeover: TermChangeover) -> str:
    return _("Chuyển từ nhiệm kỳ %(from)s sang nhiệm kỳ %(to)s (chuyển nhiệm kỳ #%(n)s).") % {
        "from": changeover.from_term.name, "to": changeover.to_term.name, "n": changeover.pk}


def record_carried(*, target, changeover: TermChangeover, actor, changes: dict) -> None:
    record_audit(target=target, council=changeover.council, action=HandoverEvent.CARRIED_OVER, actor=actor,
                 changes=changes, note=carried_note(changeover))


def check(*, user, council: Council, from_term: Term | None, to_term: Term | None) -> None:
    permissions.require_change_term(user, council)
    errors: dict[str, str] = {}
    if from_term is None:
        errors["from_term"] = _("Hãy chọn nhiệm kỳ trước.")
    if to_term is None:
        errors["to_term"] = _("Hãy chọn nhiệm kỳ mới.")
    elif from_term is not None and to_term.start_date <= from_term.start_date:
        errors["to_term"] = _("Nhiệm kỳ mới phải bắt đầu sau nhiệm kỳ trước.")
    elif not council.is_active_on(to_term.start_date):
        errors["to_term"] = _("%(council)s không hoạt động khi nhiệm kỳ %(term)s bắt đầu.") % {
            "council": council.name, "term": to_term.name}
    if errors:
        raise ValidationError(errors)


def _old_bodies(council: Council, from_term: Term, to_term: Term) -> list[Body]:
    # A body dissolved before the new term began is not carried into it.
    return list(Body.objects.filter(council=council, term=from_term)
                .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gte=to_term.start_date))
                .order_by("kind", "name", "pk"))


def _copy_key(body: Body) -> tuple:
    return (body.kind, body.committee_type) if body.kind in _ONE_PER_TERM else (body.kind, body.name)


def _existing_copies(council: Council, to_term: Term) -> dict[tuple, Body]:
    return {_copy_key(body): body for body in Body.objects.filter(council=council, term=to_term)}


def preview(*, user, council: Council, from_term: Term, to_term: Term) -> dict[str, int]:
    """What ``start_new_term`` would do with these choices: bodies to create and items to carry over."""
    check(user=user, council=council, from_term=from_term, to_term=to_term)
    old = _old_bodies(council, from_term, to_term)
    existing = _existing_copies(council, to_term)
    counts = {"bodies": sum(1 for body in old if _copy_key(body) not in existing)}
    counts.update({kind.code: 0 for kind in item_kinds()})
    for carrier in _carriers:
        counts.update(carrier.count([body.pk for body in old]))
    return counts


@transaction.atomic
def start_new_term(*, user, council: Council, from_term: Term, to_term: Term) -> TermChangeover:
    """Copy ``council``'s bodies of ``from_term`` into ``to_term`` (those already there are reused, so a second
    run creates nothing) and carry their open items over, all or nothing."""
    check(user=user, council=council, from_term=from_term, to_term=to_term)
    Council.objects.select_for_update().filter(pk=council.pk).exists()
    changeover = TermChangeover(council=council, from_term=from_term, to_term=to_term,
                                by=user if getattr(user, "is_authenticated", False) else None)
    changeover.full_clean()
    changeover.save()
    old = _old_bodies(council, from_term, to_term)
    existing = _existing_copies(council, to_term)
    created: list[tuple[int, str]] = []
    mapping: dict[int, Body] = {}
    for body in old:
        copy = existing.get(_copy_key(body))
        if copy is None:
            copy = Body(council=council, term=to_term, kind=body.kind, committee_type=body.committee_type,
                        name=body.name)
            copy.full_clean()
            copy.save()
            existing[_copy_key(copy)] = copy
            record_audit(target=copy, council=council, action="create", actor=user,
                         note=_("Tạo từ “%(body)s” nhiệm kỳ %(term)s (chuyển nhiệm kỳ #%(n)s).") % {
                             "body": body.name, "term": from_term.name, "n": changeover.pk})
            created.append((copy.pk, copy.name))
        mapping[body.pk] = copy
    report = {"bodies": {"count": len(created), "items": [list(item) for item in created]}}
    report.update({kind.code: {"count": 0, "items": []} for kind in item_kinds()})
    for carrier in _carriers:
        for code, items in carrier.move(bodies=mapping, changeover=changeover, actor=user).items():
            report[code] = {"count": len(items), "items": [list(item) for item in items]}
    changeover.report = report
    changeover.save(update_fields=["report", "updated_at"])
    record_audit(target=changeover, council=council, action="create", actor=user,
                 note=_("Tạo %(bodies)d cơ quan cho nhiệm kỳ %(term)s.") % {"bodies": len(created),
                                                                           "term": to_term.name})
    return changeover


def report_rows(changeover: TermChangeover) -> list[tuple[ItemKind, int, list[tuple[int, str]]]]:
    """(kind, count, [(pk, label), ...]) for the bodies created, then each kind of item carried over."""
    rows = []
    kinds = [ItemKind("bodies", _("Cơ quan của HĐND được tạo cho nhiệm kỳ mới"), "body_detail"), *item_kinds()]
    for kind in kinds:
        part = changeover.report.get(kind.code, {"count": 0, "items": []})
        rows.append((kind, part["count"], [tuple(item) for item in part["items"]]))
    return rows
