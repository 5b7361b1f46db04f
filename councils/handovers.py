"""Bàn giao: a retired council's open items handed to a successor council in one action, each keeping its row
and its history and gaining a line that says where it went; the handover keeps the report of what moved.

The items live in the apps above (voters' petitions and forwardings, oversight's activities, recommendations
and work items): each registers, in its AppConfig.ready, a provider that counts and moves its own open items
(``register_provider``), so this module never names them.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions
from .audit import record_audit
from .choices import BodyKind, HandoverEvent
from .models import Body, Council, Handover


@dataclass(frozen=True)
class ItemKind:
    """A kind of item a handover moves: its code in the report, its name, the page of one (``url_name``, pk)."""

    code: str
    label: object
    url_name: str


@dataclass(frozen=True)
class Provider:
    """``count(council) -> {kind: n}``: the open items of ``council`` a handover would move.
    ``move(handover=, actor=) -> {kind: [(pk, label), ...]}``: moves them to ``handover.to_council`` with a
    history line on each (``record_moved``)."""

    kinds: tuple[ItemKind, ...]
    count: Callable[[Council], dict[str, int]]
    move: Callable[..., dict[str, list[tuple[int, str]]]]


_providers: list[Provider] = []


def register_provider(*, kinds: tuple[ItemKind, ...], count, move) -> None:
    if all(provider.kinds != kinds for provider in _providers):
        _providers.append(Provider(kinds=kinds, count=count, move=move))


def item_kinds() -> list[ItemKind]:
    return [kind for provider in _providers for kind in provider.kinds]


def moved_note(handover: Handover) -> str:
    return _("Chuyển giao từ %(from)s sang %(to)s theo bàn giao #%(n)s.") % {
        "from": handover.from_council.name, "to": handover.to_council.name, "n": handover.pk}


def record_moved(*, target, handover: Handover, actor, changes: dict | None = None) -> None:
    """The line on a moved item's history: from which council to which, by which handover."""
    record_audit(target=target, council=handover.to_council, action=HandoverEvent.HANDED_OVER, actor=actor,
                 changes={"council": [handover.from_council.name, handover.to_council.name], **(changes or {})},
                 note=moved_note(handover))


def body_matcher(council: Council, on_date: datetime.date) -> Callable[[Body], Body]:
    """``match(body)``: the body of ``council`` that takes over what ``body`` (of another council) was
    responsible for: the one of the same kind (and committee) in ``council``'s newest term begun by
    ``on_date``, else its standing board, else its plenary. Raises a ValidationError when there is none."""
    bodies = list(Body.objects.filter(council=council, term__start_date__lte=on_date)
                  .filter(Q(dissolved_on__isnull=True) | Q(dissolved_on__gt=on_date))
                  .order_by("-term__start_date", "pk"))
    newest = [body for body in bodies if body.term_id == bodies[0].term_id] if bodies else []
    by_kind = {(body.kind, body.committee_type): body for body in reversed(newest)}

    def match(body: Body) -> Body:
        wanted = [] if body.kind == BodyKind.DEPUTY_GROUP else [(body.kind, body.committee_type)]
        for key in [*wanted, (BodyKind.STANDING_BOARD, ""), (BodyKind.PLENARY, "")]:
            if key in by_kind:
                return by_kind[key]
        raise ValidationError({"to_council": _(
            "%(council)s chưa có Thường trực HĐND (hay cơ quan tương ứng với “%(body)s”) để nhận việc được bàn "
            "giao: hãy nhập cơ quan của HĐND trước.") % {"council": council.name, "body": body.name}})

    return match


def check(*, user, from_council: Council, to_council: Council | None, on_date: datetime.date | None) -> None:
    """Refuse a handover that may not happen: PermissionDenied for the wrong person, a ValidationError naming
    the field otherwise."""
    if to_council is not None:
        permissions.require_hand_over(user, from_council, to_council)
    errors: dict[str, str] = {}
    if from_council.valid_to is None:
        errors["from_council"] = _("%(council)s chưa kết thúc hoạt động: chỉ bàn giao được khi HĐND đã có ngày "
                                   "kết thúc hoạt động.") % {"council": from_council.name}
    if on_date is None:
        errors["on_date"] = _("Hãy nhập ngày bàn giao.")
    elif on_date > timezone.localdate():
        errors["on_date"] = _("Ngày bàn giao không được sau hôm nay.")
    elif from_council.valid_to is not None and on_date < from_council.valid_to:
        errors["on_date"] = _("Ngày bàn giao không được trước ngày %(council)s kết thúc hoạt động (%(date)s).") % {
            "council": from_council.name, "date": from_council.valid_to.strftime("%d/%m/%Y")}
    if to_council is None:
        errors["to_council"] = _("Hãy chọn HĐND tiếp nhận.")
    elif to_council.pk == from_council.pk:
        errors["to_council"] = _("HĐND tiếp nhận phải khác HĐND bàn giao.")
    elif to_council.is_archived or (on_date is not None and not to_council.is_active_on(on_date)):
        errors["to_council"] = _("%(council)s không hoạt động vào ngày bàn giao: hãy chọn HĐND đang hoạt động.") % {
            "council": to_council.name}
    if errors:
        raise ValidationError(errors)


def open_counts(council: Council) -> dict[str, int]:
    """How many open items of each kind ``council`` has (what a handover would move now)."""
    counts = {kind.code: 0 for kind in item_kinds()}
    for provider in _providers:
        counts.update(provider.count(council))
    return counts


def preview(*, user, from_council: Council, to_council: Council, on_date: datetime.date) -> dict[str, int]:
    """What ``hand_over`` would move with these choices, after the same checks; writes nothing."""
    check(user=user, from_council=from_council, to_council=to_council, on_date=on_date)
    return open_counts(from_council)


@transaction.atomic
def hand_over(*, user, from_council: Council, to_council: Council, on_date: datetime.date,
              note: str = "") -> Handover:
    """Move every open item of the retired ``from_council`` to ``to_council``, all or nothing. A second run
    finds nothing open and moves nothing (its report says 0)."""
    check(user=user, from_council=from_council, to_council=to_council, on_date=on_date)
    # Two administrators handing over the same council at once: the second waits and finds nothing open.
    Council.objects.select_for_update().filter(pk=from_council.pk).exists()
    handover = Handover(from_council=from_council, to_council=to_council, on_date=on_date, note=note.strip(),
                        by=user if getattr(user, "is_authenticated", False) else None)
    handover.full_clean()
    handover.save()
    report = {kind.code: {"count": 0, "items": []} for kind in item_kinds()}
    for provider in _providers:
        for code, items in provider.move(handover=handover, actor=user).items():
            report[code] = {"count": len(items), "items": [[pk, label] for pk, label in items]}
    handover.report = report
    handover.save(update_fields=["report", "updated_at"])
    record_audit(target=handover, council=from_council, action="create", actor=user,
                 note=_("Bàn giao %(n)d việc đang mở cho %(to)s.") % {"n": handover.moved_total,
                                                                    "to": to_council.name})
    return handover


def report_rows(handover: Handover) -> list[tuple[ItemKind, int, list[tuple[int, str]]]]:
    """The report of ``handover`` by kind, in the registered order: (kind, count, [(pk, label), ...])."""
    rows = []
    for kind in item_kinds():
        part = handover.report.get(kind.code, {"count": 0, "items": []})
        rows.append((kind, part["count"], [tuple(item) for item in part["items"]]))
    return rows
