"""The escalation ladder: each morning every open item with a deadline is measured in working days against
its council's ladder, and each step it has reached is sent once (EscalationSent is unique per step and item:
a second run, even a concurrent one, sends nothing). A step an item passed before it was first seen (an item
entered late) is recorded as skipped, so only its highest new step is sent."""

from __future__ import annotations

import datetime
from collections import defaultdict
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.models import Council
from councils.workdays import add_working_days, working_days_between

from .. import audiences
from ..choices import AUDIENCE_ORDER, Audience, NotificationKind
from ..items import SPECS, ItemSpec
from ..models import EscalationSent, EscalationStep
from .notify import notify


@dataclass
class StepReport:
    step: EscalationStep
    items: int = 0
    notifications: int = 0


@dataclass
class Ladders:
    """Every active step, and which council's ladder applies to a council: its own, else the nearest one
    above it that has one, else the national default."""

    by_council: dict[int | None, list[EscalationStep]] = field(default_factory=lambda: defaultdict(list))
    owners: dict[str, int] = field(default_factory=dict)  # path of a council with a ladder of its own → its id
    councils: dict[int, Council] = field(default_factory=dict)

    @classmethod
    def load(cls) -> Ladders:
        ladders = cls()
        for step in EscalationStep.objects.filter(is_active=True).order_by("days", "pk"):
            ladders.by_council[step.council_id].append(step)
        own = [pk for pk in ladders.by_council if pk is not None]
        ladders.owners = dict(Council.objects.filter(pk__in=own).values_list("path", "pk"))
        return ladders

    def council(self, council_id: int) -> Council:
        if council_id not in self.councils:
            self.councils[council_id] = Council.objects.get(pk=council_id)
        return self.councils[council_id]

    def steps(self, council_id: int, kind: str) -> list[EscalationStep]:
        codes = self.council(council_id).path.strip("/").split("/")
        chosen = self.by_council.get(None, [])
        for depth in range(len(codes), 0, -1):
            owner = self.owners.get("/" + "/".join(codes[:depth]) + "/")
            if owner is not None:
                chosen = self.by_council[owner]
                break
        # A step for this kind of item replaces a step for every kind at the same day.
        specific = {s.days for s in chosen if s.item_kind == kind}
        return [s for s in chosen if s.item_kind == kind or (not s.item_kind and s.days not in specific)]


class Clock:
    """Working days between an item's deadline and the run's day, per council (cached: one query each)."""

    def __init__(self, as_of: datetime.date):
        self.as_of = as_of
        self._cache: dict[tuple, int] = {}

    def between(self, a: datetime.date, b: datetime.date, council: Council) -> int:
        key = (council.pk, a, b)
        if key not in self._cache:
            self._cache[key] = working_days_between(a, b, council=council)
        return self._cache[key]

    def reached(self, step: EscalationStep, deadline: datetime.date, council: Council) -> bool:
        if step.days <= 0:
            return deadline <= self.as_of or self.between(self.as_of, deadline, council) <= -step.days
        return deadline < self.as_of and self.between(deadline, self.as_of, council) >= step.days


def _kind(step: EscalationStep) -> str:
    if step.days <= 0:
        return NotificationKind.DUE_SOON
    if step.audience in (Audience.RESPONSIBLE, Audience.SECRETARIAT):
        return NotificationKind.OVERDUE
    return NotificationKind.ESCALATED


def _title(step: EscalationStep, label: str, deadline: datetime.date) -> str:
    if step.days < 0:
        return _("Sắp đến hạn %(date)s: %(item)s") % {"date": deadline.strftime("%d/%m/%Y"), "item": label}
    if step.days == 0:
        return _("Đến hạn hôm nay: %(item)s") % {"item": label}
    if _kind(step) == NotificationKind.OVERDUE:
        return _("Quá hạn %(days)s ngày làm việc: %(item)s") % {"days": step.days, "item": label}
    return _("Đã báo cáo %(audience)s — quá hạn %(days)s ngày làm việc: %(item)s") % {
        "audience": step.get_audience_display(), "days": step.days, "item": label}


def _recipients(spec: ItemSpec, item, step: EscalationStep, council_id: int, as_of: datetime.date) -> list:
    people = []
    for audience in AUDIENCE_ORDER[:AUDIENCE_ORDER.index(step.audience) + 1]:
        users = spec.responsible(item) if audience == Audience.RESPONSIBLE else audiences.of_council(
            audience, council_id, as_of)
        people += list(users)
    return people


def _escalate(spec: ItemSpec, item, council: Council, new: list[EscalationStep], as_of: datetime.date,
              content_type: ContentType) -> tuple[EscalationStep, int] | None:
    top = max(new, key=lambda s: (s.days, AUDIENCE_ORDER.index(s.audience)))
    try:
        with transaction.atomic():
            rows = EscalationSent.objects.bulk_create([
                EscalationSent(step=s, content_type=content_type, object_id=item.pk, council=council, as_of=as_of,
                               notified=s is top)
                for s in new])
            sent = next(row for row in rows if row.step_id == top.pk)
            deadline = getattr(item, spec.deadline)
            created = notify(
                recipients=_recipients(spec, item, top, council.pk, as_of), kind=_kind(top), target=item,
                title=_title(top, spec.label(item), deadline), council=council, escalation=sent, url=spec.url(item),
                body=_("Thời hạn: %(date)s. Bậc nhắc: %(step)s.") % {"date": deadline.strftime("%d/%m/%Y"),
                                                                     "step": top})
    except IntegrityError:
        # Another run sent these steps first (the unique constraint on step and item): nothing to do.
        return None
    return top, len(created)


def run_escalations(*, as_of: datetime.date | None = None) -> dict[int, StepReport]:
    """Send every step reached by ``as_of`` (default today) and not sent yet. Returns what was sent, by step."""
    as_of = as_of or timezone.localdate()
    ladders = Ladders.load()
    steps = [s for group in ladders.by_council.values() for s in group]
    if not steps:
        return {}
    ahead = max([-s.days for s in steps if s.days < 0] or [0])
    horizon = add_working_days(as_of, ahead)
    clock = Clock(as_of)
    report: dict[int, StepReport] = {}
    for spec in SPECS.values():
        content_type = ContentType.objects.get_for_model(spec.model)
        items = list(spec.open_items().filter(**{f"{spec.deadline}__lte": horizon}))
        done = set(EscalationSent.objects.filter(content_type=content_type, object_id__in=[i.pk for i in items])
                   .values_list("step_id", "object_id"))
        for item in items:
            council = ladders.council(spec.council_id(item))
            deadline = getattr(item, spec.deadline)
            new = [s for s in ladders.steps(council.pk, spec.kind)
                   if (s.pk, item.pk) not in done and clock.reached(s, deadline, council)]
            if not new:
                continue
            outcome = _escalate(spec, item, council, new, as_of, content_type)
            if outcome is not None:
                step, count = outcome
                row = report.setdefault(step.pk, StepReport(step=step))
                row.items += 1
                row.notifications += count
    return report
