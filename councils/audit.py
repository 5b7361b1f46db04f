"""History of every write, and the helpers every app's services write through: ``record_audit`` (one line),
``apply_changes`` (set the allowed fields, return what changed), ``transition`` (a status change under a
row lock), ``history_for`` (read a record's lines).

The history is also how the rest of the project learns that a council's data changed: an app above this
one registers a listener with ``on_council_changed`` (compliance does, in its AppConfig), and after each
commit the listener is told once which councils the committed writes touched. A new service cannot forget
to tell it: writing its history line is enough.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar, Token

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F
from django.utils.translation import gettext as _

from . import scoping
from .choices import ChangeSource
from .models import AuditEntry, Council

_listeners: list[Callable[[frozenset[int]], None]] = []
_entry_listeners: list[Callable[[list[int]], None]] = []
# Which path the current change comes through: set per request (councils.middleware), per Celery task
# (hdnd_portal/celery.py) or around an import; anything else (shell, management commands) is a command.
_source: ContextVar[str] = ContextVar("audit_source", default=ChangeSource.COMMAND)


def set_source(source: str) -> Token:
    """Mark the changes of the current request, task or block as coming from ``source``; returns the token
    for ``reset_source``."""
    return _source.set(source)


def reset_source(token: Token) -> None:
    _source.reset(token)


@contextmanager
def source(name: str):
    """``with audit.source(ChangeSource.IMPORT): ...``: the changes inside come from that path."""
    token = set_source(name)
    try:
        yield
    finally:
        reset_source(token)


def on_council_changed(listener: Callable[[frozenset[int]], None]) -> None:
    """Call ``listener(council_ids)`` after every commit that wrote history on those councils."""
    if listener not in _listeners:
        _listeners.append(listener)


def on_entries_committed(listener: Callable[[list[int]], None]) -> None:
    """Call ``listener(entry_ids)`` after every commit with the history lines it wrote, in order (an app above
    this one that reacts to events, e.g. notifications, registers it in its AppConfig.ready)."""
    if listener not in _entry_listeners:
        _entry_listeners.append(listener)


class _CommittedEntries:
    """The history lines of the current transaction, announced to the entry listeners once it commits."""

    def __init__(self, connection):
        self.connection = connection
        self.ids: list[int] = []

    def is_pending(self) -> bool:
        return any(entry[1] is self for entry in self.connection.run_on_commit)

    def __call__(self):
        if getattr(self.connection, "_hdnd_committed_entries", None) is self:
            del self.connection._hdnd_committed_entries
        # A line written inside a savepoint that rolled back is gone (and on SQLite its id may be reused by a
        # later line): keep the ids that exist, each once, in the order they were written.
        kept = set(AuditEntry.objects.filter(pk__in=self.ids).values_list("pk", flat=True))
        ids = [pk for pk in dict.fromkeys(self.ids) if pk in kept]
        for listener in list(_entry_listeners):
            listener(ids)


def _announce_entry(entry_id: int) -> None:
    if not _entry_listeners:
        return
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        for listener in list(_entry_listeners):
            listener([entry_id])
        return
    batch = getattr(connection, "_hdnd_committed_entries", None)
    if batch is None or not batch.is_pending():
        batch = connection._hdnd_committed_entries = _CommittedEntries(connection)
        transaction.on_commit(batch)
    batch.ids.append(entry_id)


class _ChangedCouncils:
    """The councils written to in the current transaction, announced to the listeners once it commits."""

    def __init__(self, connection):
        self.connection = connection
        self.ids: set[int] = set()

    def is_pending(self) -> bool:
        # A rolled-back savepoint drops the callbacks registered inside it, this one included; the next
        # write then registers a fresh batch. (Django keeps pending callbacks as (savepoints, func, robust).)
        return any(entry[1] is self for entry in self.connection.run_on_commit)

    def __call__(self):
        if getattr(self.connection, "_hdnd_changed_councils", None) is self:
            del self.connection._hdnd_changed_councils
        announced = frozenset(self.ids)
        for listener in list(_listeners):
            listener(announced)


def _announce(council_id: int) -> None:
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        for listener in list(_listeners):
            listener(frozenset([council_id]))
        return
    batch = getattr(connection, "_hdnd_changed_councils", None)
    if batch is None or not batch.is_pending():
        batch = connection._hdnd_changed_councils = _ChangedCouncils(connection)
        transaction.on_commit(batch)
    batch.ids.add(council_id)


def record_audit(
    *, target: models.Model, action: str, actor=None, council: Council | None = None,
    from_status: str = "", to_status: str = "", note: str = "", changes: dict | None = None,
    data_changed: bool = True,
) -> AuditEntry:
    """Append one line to the history of ``target``. History is only ever appended to.

    ``data_changed=False`` is for a line that records a request (e.g. "compute the quotas now") rather than
    a change of the council's records: the listeners are not told of it.
    """
    if council is None:
        council = scoping.council_of(target)
    if action != "create" and _is_versioned(type(target)):
        # Every recorded change makes a new version: a client holding the old one is refused (412, a stale
        # form), and the entries since a version are exactly the changes it has not seen.
        type(target)._base_manager.filter(pk=target.pk).update(version=F("version") + 1)
        target.version += 1
    entry = AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(target, for_concrete_model=True),
        object_id=target.pk,
        council=council,
        action=action,
        from_status=from_status or "",
        to_status=to_status or "",
        note=note or "",
        changes=changes or {},
        actor=actor if actor is not None and actor.is_authenticated else None,
        source=_source.get(),
    )
    if council is not None and data_changed:
        _announce(council.pk)
    _announce_entry(entry.pk)
    return entry


def _is_versioned(model) -> bool:
    return any(field.name == "version" for field in model._meta.concrete_fields)


def changes_since(obj: models.Model, version: int) -> list[AuditEntry]:
    """The history lines of ``obj`` recorded after it had ``version``, newest first (one query)."""
    missed = max(getattr(obj, "version", version) - version, 0)
    return history_for(obj, limit=missed) if missed else []


def audit_text(value) -> str | None:
    """A value as the history shows it: text, or None for no value."""
    return None if value is None else str(value)


def apply_changes(obj: models.Model, changes: dict, *, editable: Iterable[str]) -> dict:
    """Set the fields of ``changes`` on ``obj`` (each must be in ``editable``, else a ValidationError names
    it) and return what actually changed as ``{field: [old, new]}`` text, for the history line."""
    editable = set(editable)
    refused = sorted(set(changes) - editable)
    if refused:
        raise ValidationError({name: _("Không được sửa trường này.") for name in refused})
    diff = {}
    for name, value in changes.items():
        old = getattr(obj, name)
        if old != value:
            setattr(obj, name, value)
            diff[name] = [audit_text(old), audit_text(value)]
    return diff


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
            choices = dict(model._meta.get_field(field).choices)
            raise ValidationError(
                _("Không thể chuyển từ trạng thái “%(current)s” sang “%(target)s”.")
                % {"current": choices.get(current, current), "target": choices.get(to, to)},
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


def history_for(obj: models.Model, limit: int = 50) -> list[AuditEntry]:
    """The latest lines of an object's history, with who did it, in one query."""
    content_type = ContentType.objects.get_for_model(obj, for_concrete_model=True)
    return list(
        AuditEntry.objects.filter(content_type=content_type, object_id=obj.pk)
        .select_related("actor")
        .order_by("-at", "-id")[:limit]
    )
