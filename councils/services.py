"""Writes of the councils app: the council tree, roles, electoral units, bodies, deputies and memberships."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import permissions, scoping
from .audit import apply_changes, audit_text, record_audit
from .models import Body, Council, Deputy, ElectoralUnit, Membership, RoleAssignment, Term


@transaction.atomic
def create_council(*, name: str, area_name: str, code: str, level, parent: Council | None = None,
                   valid_from=None, valid_to=None, actor=None) -> Council:
    council = Council(name=name, area_name=area_name, code=code, level=level, parent=parent,
                      valid_from=valid_from, valid_to=valid_to)
    council.path = council.compute_path()
    council.full_clean()
    council.save()
    record_audit(target=council, council=council, action="create", actor=actor)
    return council


@transaction.atomic
def move_council(*, council: Council, new_parent: Council | None, actor=None) -> Council:
    """Re-parent a council and rewrite the paths of its whole subtree."""
    if new_parent is not None and new_parent.path.startswith(council.path):
        raise ValidationError({"parent": _("Không thể chuyển một HĐND vào dưới chính nó.")})
    old_path = council.path
    council.parent = new_parent
    council.save()
    descendants = list(Council.objects.filter(path__startswith=old_path).exclude(pk=council.pk))
    for child in descendants:
        child.path = council.path + child.path[len(old_path):]
        child.depth = child.path.count("/") - 2
    Council.objects.bulk_update(descendants, ["path", "depth"], batch_size=500)
    record_audit(target=council, council=council, action="move", actor=actor,
                 changes={"from_path": old_path, "to_path": council.path})
    return council


@transaction.atomic
def assign_role(*, user, council: Council, role: str, deputy=None, actor=None) -> RoleAssignment:
    assignment = RoleAssignment(user=user, council=council, role=role, deputy=deputy)
    assignment.full_clean()
    assignment.save()
    scoping.forget(user)
    record_audit(target=assignment, council=council, action="assign_role", actor=actor,
                 changes={"user": user.get_username(), "role": role})
    return assignment


def check_same_council(council: Council, **related) -> None:
    """Records a council's record links to must belong to that same council (a ValidationError per name)."""
    errors = {
        name: _("Phải thuộc cùng HĐND %(council)s.") % {"council": council}
        for name, obj in related.items()
        if obj is not None and scoping.council_of(obj).pk != council.pk
    }
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_electoral_unit(*, council: Council, term: Term, number: int, name: str, area: str = "",
                          seats: int = 1, actor=None) -> ElectoralUnit:
    unit = ElectoralUnit(council=council, term=term, number=number, name=name, area=area, seats=seats)
    unit.full_clean()
    unit.save()
    record_audit(target=unit, action="create", actor=actor)
    return unit


@transaction.atomic
def update_electoral_unit(*, unit: ElectoralUnit, data: dict, actor=None) -> ElectoralUnit:
    """Change the number, name, area or seats of an electoral unit (never its council or term)."""
    editable = ("number", "name", "area", "seats")
    changed = apply_changes(unit, {k: v for k, v in data.items() if k in editable}, editable=editable)
    unit.full_clean()
    unit.save()
    record_audit(target=unit, action="update", actor=actor, changes=changed)
    return unit


@transaction.atomic
def create_body(*, council: Council, term: Term, kind: str, name: str, committee_type: str = "",
                electoral_units: Iterable[ElectoralUnit] = (), dissolved_on=None, actor=None) -> Body:
    electoral_units = list(electoral_units)
    for unit in electoral_units:
        check_same_council(council, electoral_units=unit)
    body = Body(council=council, term=term, kind=kind, name=name, committee_type=committee_type or "",
                dissolved_on=dissolved_on)
    body.full_clean()
    body.save()
    body.electoral_units.set(electoral_units)
    record_audit(target=body, action="create", actor=actor)
    return body


@transaction.atomic
def update_body(*, body: Body, data: dict, actor=None) -> Body:
    """Rename, re-type, dissolve a body or change its electoral units (never its council or term)."""
    allowed = ("kind", "committee_type", "name", "dissolved_on")
    changed = apply_changes(body, {k: v for k, v in data.items() if k in allowed}, editable=allowed)
    body.full_clean()
    body.save()
    if "electoral_units" in data:
        units = list(data["electoral_units"])
        for unit in units:
            check_same_council(body.council, electoral_units=unit)
        body.electoral_units.set(units)
        changed["electoral_units"] = [str(u.pk) for u in units]
    record_audit(target=body, action="update", actor=actor, changes=changed)
    return body


_DEPUTY_FIELDS = ("full_name", "code", "gender", "birth_date", "is_full_time", "is_party_member", "electoral_unit",
                  "position", "email", "phone", "start_date", "end_date")


@transaction.atomic
def create_deputy(*, council: Council, term: Term, full_name: str, actor=None, **details) -> Deputy:
    """Add a deputy's seat. ``details`` are the other Deputy fields (gender, electoral_unit, dates...)."""
    unknown = set(details) - set(_DEPUTY_FIELDS)
    if unknown:
        raise TypeError(f"create_deputy() got unexpected fields: {sorted(unknown)}")
    check_same_council(council, electoral_unit=details.get("electoral_unit"))
    deputy = Deputy(council=council, term=term, full_name=full_name, **details)
    deputy.full_clean()
    deputy.save()
    record_audit(target=deputy, action="create", actor=actor)
    return deputy


@transaction.atomic
def update_deputy(*, deputy: Deputy, data: dict, actor=None) -> Deputy:
    """Change a deputy's details or end their seat (``end_date``); never their council or term."""
    changed = apply_changes(deputy, {k: v for k, v in data.items() if k in _DEPUTY_FIELDS}, editable=_DEPUTY_FIELDS)
    check_same_council(deputy.council, electoral_unit=deputy.electoral_unit)
    deputy.full_clean()
    deputy.save()
    record_audit(target=deputy, action="update", actor=actor, changes=changed)
    return deputy


@transaction.atomic
def create_membership(*, body: Body, deputy: Deputy, start_date, role: str = "member", end_date=None,
                      actor=None) -> Membership:
    check_same_council(body.council, deputy=deputy)
    membership = Membership(body=body, deputy=deputy, role=role, start_date=start_date, end_date=end_date)
    membership.full_clean()
    membership.save()
    record_audit(target=membership, council=body.council, action="create", actor=actor)
    return membership


@transaction.atomic
def update_membership(*, membership: Membership, data: dict, actor=None) -> Membership:
    """Change the role or dates of a membership (a move to another body is a new membership)."""
    editable = ("role", "start_date", "end_date")
    changed = apply_changes(membership, {k: v for k, v in data.items() if k in editable}, editable=editable)
    membership.full_clean()
    membership.save()
    record_audit(target=membership, council=membership.body.council, action="update", actor=actor,
                 changes=changed)
    return membership


# --- archiving: nothing of the domain is deleted ------------------------------------------------------------

@transaction.atomic
def archive_record(*, record: models.Model, actor, note: str = ""):
    """Take an Archivable record out of the lists, keeping it (and every count of the past) as it is."""
    permissions.require(permissions.can_archive(actor, record),
                        _("Bạn không có quyền lưu trữ bản ghi này, hoặc bản ghi đã được lưu trữ."))
    locked = type(record)._base_manager.select_for_update().get(pk=record.pk)
    locked.archived_at, locked.archived_by = timezone.now(), actor if actor.is_authenticated else None
    locked.save(update_fields=["archived_at", "archived_by"])
    record_audit(target=locked, action="archive", actor=actor, note=note,
                 changes={"archived_at": [None, locked.archived_at.isoformat()]})
    record.archived_at, record.archived_by, record.version = locked.archived_at, locked.archived_by, locked.version
    return record


@transaction.atomic
def restore_record(*, record: models.Model, actor, note: str = ""):
    """An administrator brings an archived record back into the lists."""
    permissions.require(permissions.can_restore(actor, record),
                        _("Chỉ quản trị viên của HĐND mới khôi phục được bản ghi đã lưu trữ."))
    locked = type(record)._base_manager.select_for_update().get(pk=record.pk)
    archived_at = locked.archived_at
    locked.archived_at, locked.archived_by = None, None
    locked.save(update_fields=["archived_at", "archived_by"])
    record_audit(target=locked, action="restore", actor=actor, note=note,
                 changes={"archived_at": [archived_at.isoformat() if archived_at else None, None]})
    record.archived_at, record.archived_by, record.version = None, None, locked.version
    return record


@transaction.atomic
def save_record(*, record: models.Model, actor, m2m: dict | None = None, created: bool = False):
    """The write path of records that have no service of their own (catalogues, days off…) when an
    interface such as the admin saves them: the same permission on the target council, full validation,
    and a history line with what changed (which also tells compliance)."""
    council = scoping.council_of(record)
    allowed = permissions.can_manage(actor, council) if council is not None else scoping.sees_everything(actor)
    permissions.require(allowed)
    original = None if created else type(record)._base_manager.get(pk=record.pk)
    record.full_clean()
    record.save()
    changes = {} if original is None else {
        f.name: [audit_text(getattr(original, f.name)), audit_text(getattr(record, f.name))]
        for f in record._meta.concrete_fields
        if f.editable and getattr(original, f.attname) != getattr(record, f.attname)
    }
    for name, values in (m2m or {}).items():
        values = list(values)
        getattr(record, name).set(values)
        changes[name] = [obj.pk for obj in values]
    record_audit(target=record, action="create" if created else "update", actor=actor, changes=changes)
    return record
