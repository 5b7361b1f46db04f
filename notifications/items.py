"""The records with a deadline the ladder follows, one small spec per kind: which rows are still open, their
deadline, their council, who is responsible for them, how they are named and where their page is."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from oversight.choices import OPEN_FOLLOW_UP
from oversight.models import Commitment, Recommendation, WorkItem
from oversight.permissions import WORK_ITEM_OPEN
from utilities.text import shorten
from voters.choices import ForwardingStatus, PetitionStatus
from voters.models import Forwarding, Petition

from . import audiences
from .choices import ItemKind


@dataclass(frozen=True)
class ItemSpec:
    kind: str
    model: type[models.Model]
    deadline: str
    open_q: Q
    council_path: str  # a select_related path to the item's council ("" when the item has its own field)
    label: Callable[[models.Model], str]
    url: Callable[[models.Model], str]
    responsible: Callable[[models.Model], models.QuerySet | list]

    def council_id(self, item) -> int:
        obj = item
        for part in self.council_path.split("__") if self.council_path else []:
            obj = getattr(obj, part)
        return obj.council_id

    def open_items(self):
        related = [self.council_path] if self.council_path else []
        return (self.model._base_manager.filter(self.open_q, **{f"{self.deadline}__isnull": False})
                .select_related(*related).order_by(self.deadline, "pk"))


def _petition_code(petition) -> str:
    return petition.code or f"#{petition.pk}"


def _follower_users(item):
    return audiences.deputies(item.followers.values_list("pk", flat=True))


def _work_item_users(item):
    assigned = set(item.assignee_users.filter(is_active=True).values_list("pk", flat=True))
    deputies = set(audiences.deputies(item.assignee_deputies.values_list("pk", flat=True)).values_list("pk", flat=True))
    return audiences.active_users().filter(pk__in=assigned | deputies)


SPECS: dict[str, ItemSpec] = {spec.kind: spec for spec in (
    ItemSpec(
        kind=ItemKind.PETITION, model=Petition, deadline="forward_due",
        open_q=Q(status__in=(PetitionStatus.RECEIVED, PetitionStatus.CLASSIFIED), archived_at__isnull=True),
        council_path="",
        label=lambda p: _("Kiến nghị %(code)s chưa chuyển: %(content)s") % {
            "code": _petition_code(p), "content": shorten(p.content, 100)},
        url=lambda p: reverse("voters:petition_detail", args=[p.pk]),
        responsible=lambda p: audiences.secretariat(p.council_id),
    ),
    ItemSpec(
        kind=ItemKind.FORWARDING, model=Forwarding, deadline="due_date",
        # Paused while the agency asks for clarification: the deadline does not run then.
        open_q=Q(status=ForwardingStatus.PENDING, petition__archived_at__isnull=True),
        council_path="petition",
        label=lambda f: _("Kiến nghị %(code)s chuyển %(agency)s: %(content)s") % {
            "code": _petition_code(f.petition), "agency": f.agency, "content": shorten(f.petition.content, 100)},
        # The forwarding's own page: the secretariat and the agency's staff both open it.
        url=lambda f: reverse("voters:forwarding_detail", args=[f.pk]),
        responsible=lambda f: audiences.agency_staff(f.agency_id),
    ),
    ItemSpec(
        kind=ItemKind.RECOMMENDATION, model=Recommendation, deadline="due_date",
        open_q=Q(status__in=OPEN_FOLLOW_UP, archived_at__isnull=True), council_path="activity",
        label=lambda r: _("Kiến nghị giám sát: %(content)s") % {"content": shorten(r.content, 120)},
        url=lambda r: reverse("oversight:recommendation_detail", args=[r.pk]),
        responsible=_follower_users,
    ),
    ItemSpec(
        kind=ItemKind.COMMITMENT, model=Commitment, deadline="due_date",
        open_q=Q(status__in=OPEN_FOLLOW_UP, archived_at__isnull=True), council_path="question__activity",
        label=lambda c: _("Cam kết sau chất vấn: %(content)s") % {"content": shorten(c.content, 120)},
        url=lambda c: reverse("oversight:commitment_detail", args=[c.pk]),
        responsible=_follower_users,
    ),
    ItemSpec(
        kind=ItemKind.WORK_ITEM, model=WorkItem, deadline="due_date",
        open_q=Q(status__in=WORK_ITEM_OPEN, archived_at__isnull=True), council_path="",
        label=lambda w: _("Công việc: %(title)s") % {"title": w.title[:120]},
        url=lambda w: reverse("oversight:workitem_detail", args=[w.pk]),
        responsible=_work_item_users,
    ),
)}

BY_MODEL: dict[type[models.Model], ItemSpec] = {spec.model: spec for spec in SPECS.values()}


def spec_for(obj) -> ItemSpec | None:
    return BY_MODEL.get(type(obj))
