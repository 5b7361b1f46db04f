"""Writes for the councils app, and the two helpers every app's services use: audit and transition."""

from __future__ import annotations

from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from . import scoping
from .models import AuditEntry, Council, RoleAssignment


def record_audit(
    *, target: models.Model, action: str, actor=None, council: Council | None = None,
    from_status: str = "", to_status: str = "", note: str = "", changes: dict | None = None,
) -> AuditEntry:
    """Append one line to the history of ``target``. History is only ever appended to."""
    if council is None:
        council = getattr(target, "council", None) if hasattr(target, "council_id") else None
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=target.pk,
        council=council,
        action=action,
        from_status=from_status or "",
        to_status=to_status or "",
        note=note or "",
        changes=changes or {},
        actor=actor if actor is not None and actor.is_authenticated else None,
    )


def transition(
    obj: models.Model, *, to: str, allowed_from: Iterable[str], actor, note: str = "",
    action: str | None = None, field: str = "status", extra: dict | None = None,
) -> models.Model:
    """Move ``obj`` to state ``to`` if it is in one of ``allowed_from``.

    The row is re-read under a lock, so of two concurrent transitions the second sees the first's
    result and is refused cleanly instead of overwriting it. ``extra`` fields are set in the same write.
    """
    model = type(obj)
    allowed = set(allowed_from)
    with transaction.atomic():
        locked = model._base_manager.select_for_update().get(pk=obj.pk)
        current = getattr(locked, field)
        if current not in allowed:
            label = dict(model._meta.get_field(field).choices).get(current, current)
            target_label = dict(model._meta.get_field(field).choices).get(to, to)
            raise ValidationError(
                _("Không thể chuyển từ trạng thái “%(current)s” sang “%(target)s”.")
                % {"current": label, "target": target_label},
                code="invalid_transition",
            )
        setattr(locked, field, to)
        for name, value in (extra or {}).items():
            setattr(locked, name, value)
        locked.full_clean()
        locked.save()
        record_audit(
            target=locked, action=action or f"{field}:{to}", actor=actor,
            from_status=current, to_status=to, note=note,
        )
    # Keep the caller's instance in step with the database.
    for f in model._meta.concrete_fields:
        setattr(obj, f.attname, getattr(locked, f.attname))
    return obj


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
