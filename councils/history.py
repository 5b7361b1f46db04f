"""A record's history as sentences in the reader's language: "Thu Trang Lê chuyển kiến nghị đến Sở Xây dựng —
02/12/2026 02:08", with statuses by their labels and changed fields by their verbose names, old → new.

A record's page shows its own lines and its children's (a petition's forwardings and their answers, an
activity's recommendations): the apps above register which children a model has and the sentences of their
own events in their AppConfig (``register_children``, ``register_sentences``, ``register_fold``); this module
knows the events every app shares (create, update, archive, a status change …).
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import AuditEntry, Session, SessionAgendaItem, SessionDocument

HISTORY_LIMIT = 100
# Lines of one service call are written within the same second; a fold looks this far around its parent.
FOLD_WINDOW = datetime.timedelta(seconds=5)

# The events every app shares, by action; a model's own wording (``register_sentences``) comes first.
# Placeholders: actor (who), object (what, e.g. "kiến nghị giám sát “Đường Láng”"), subject (the record's
# short name), about (" “short name”" on a parent's page, empty on the record's own), to / from (status labels), subjects (folded children, e.g. the agencies a petition went to).
SENTENCES: dict[str, object] = {
    "create": gettext_lazy("%(actor)s tạo %(object)s"),
    "update": gettext_lazy("%(actor)s sửa %(object)s"),
    "archive": gettext_lazy("%(actor)s lưu trữ %(object)s"),
    "restore": gettext_lazy("%(actor)s khôi phục %(object)s"),
    "move": gettext_lazy("%(actor)s đổi HĐND cấp trên của %(object)s"),
    "assign_role": gettext_lazy("%(actor)s phân quyền %(object)s"),
    "status": gettext_lazy("%(actor)s chuyển %(object)s sang trạng thái “%(to)s”"),
    "status:in_progress": gettext_lazy("%(actor)s bắt đầu thực hiện %(object)s"),
    "status:concluded": gettext_lazy("%(actor)s kết luận %(object)s"),
    "status:cancelled": gettext_lazy("%(actor)s hủy %(object)s"),
    "status:done": gettext_lazy("%(actor)s hoàn thành %(object)s"),
    "add_agenda_item": gettext_lazy("%(actor)s thêm nội dung vào chương trình %(object)s"),
    "add_document": gettext_lazy("%(actor)s thêm tài liệu cho %(object)s"),
    "document_sent": gettext_lazy("%(actor)s gửi tài liệu của %(object)s cho đại biểu"),
    "open": gettext_lazy("%(actor)s mở %(object)s"),
    "compliance_run_requested": gettext_lazy("%(actor)s yêu cầu tính lại chỉ tiêu của %(object)s"),
    "add_participant": gettext_lazy("%(actor)s thêm đại biểu tham gia %(object)s"),
    "remove_participant": gettext_lazy("%(actor)s bỏ một đại biểu khỏi %(object)s"),
    "link_rechecked": gettext_lazy("%(actor)s gắn kiến nghị được tái giám sát vào %(object)s"),
    "upload_document": gettext_lazy("%(actor)s tải tài liệu lên %(object)s"),
    "progress": gettext_lazy("%(actor)s báo cáo tiến độ %(object)s"),
    "attendance": gettext_lazy("%(actor)s ghi nhận điểm danh %(object)s"),
    "finish": gettext_lazy("Hệ thống tạo xong %(object)s"),
    "fail": gettext_lazy("Hệ thống không tạo được %(object)s"),
    "regenerate": gettext_lazy("%(actor)s tạo lại %(object)s"),
    "revoke": gettext_lazy("%(actor)s thu hồi %(object)s"),
    "replace": gettext_lazy("%(actor)s thay %(object)s"),
    "email_mode": gettext_lazy("%(actor)s đổi cách nhận thư điện tử"),
    "handed_over": gettext_lazy("%(actor)s chuyển giao %(object)s sang HĐND kế thừa"),
    "carried_over": gettext_lazy("%(actor)s chuyển %(object)s sang nhiệm kỳ mới"),
}
# Any other action (an app's event with no sentence yet) is said without its code.
FALLBACK = gettext_lazy("%(actor)s thay đổi %(object)s")


@dataclass(frozen=True)
class _Children:
    model: type[models.Model]
    related: Callable[[models.Model], models.QuerySet]


@dataclass(frozen=True)
class _Fold:
    actions: frozenset[str]
    child: type[models.Model]
    child_action: str


_children: dict[type[models.Model], list[_Children]] = {}
_sentences: dict[tuple[type[models.Model], str], object] = {}
_labels: dict[type[models.Model], Callable[[models.Model], str]] = {}
_folds: dict[type[models.Model], list[_Fold]] = {}


def register_children(parent: type[models.Model], child: type[models.Model], *,
                      related: Callable[[models.Model], models.QuerySet],
                      label: Callable[[models.Model], str] | None = None) -> None:
    """The history of a ``parent`` also shows the lines of ``related(parent)``, each named by ``label``."""
    specs = _children.setdefault(parent, [])
    specs[:] = [spec for spec in specs if spec.model is not child] + [_Children(child, related)]
    if label is not None:
        _labels[child] = label


def register_sentences(model: type[models.Model], sentences: dict[str, object], *,
                       label: Callable[[models.Model], str] | None = None) -> None:
    """A model's own wording of its events (lazy translations), and how its records are named in a line."""
    for action, sentence in sentences.items():
        _sentences[(model, action)] = sentence
    if label is not None:
        _labels[model] = label


def register_fold(parent: type[models.Model], *, actions: Iterable[str], child: type[models.Model],
                  child_action: str) -> None:
    """Lines ``child_action`` of a ``child`` written by the same person with a ``parent``'s ``actions`` become
    part of that line ("chuyển kiến nghị đến Sở A, Sở B" rather than one line per forwarding)."""
    _folds.setdefault(parent, []).append(_Fold(frozenset(actions), child, child_action))


@dataclass
class HistoryLine:
    """One event as a reader sees it."""

    at: datetime.datetime
    actor: str
    sentence: str
    note: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)
    source: str = ""


@dataclass
class _Draft:
    entry: AuditEntry
    model: type[models.Model]
    child: models.Model | None
    subjects: list[str] = field(default_factory=list)


def history_lines(obj: models.Model, limit: int = HISTORY_LIMIT) -> list[HistoryLine]:
    """The latest lines of ``obj``'s history and its children's, newest first, as sentences: one query for
    the lines and one per kind of child that has lines."""
    model = obj._meta.concrete_model
    own = ContentType.objects.get_for_model(model)
    condition = Q(content_type=own, object_id=obj.pk)
    specs = {}
    for spec in _children.get(model, ()):
        content_type = ContentType.objects.get_for_model(spec.model)
        specs[content_type.pk] = spec
        condition |= Q(content_type=content_type, object_id__in=spec.related(obj).values("pk"))
    entries = list(AuditEntry.objects.filter(condition).select_related("actor").order_by("-at", "-id")[:limit])
    children: dict[int, dict[int, models.Model]] = {}
    for content_type_id, spec in specs.items():
        ids = {e.object_id for e in entries if e.content_type_id == content_type_id}
        if ids:
            children[content_type_id] = spec.related(obj).in_bulk(ids)
    drafts = []
    for entry in entries:
        if entry.content_type_id == own.pk and entry.object_id == obj.pk:
            drafts.append(_Draft(entry, model, None))
        else:
            child = children.get(entry.content_type_id, {}).get(entry.object_id)
            if child is not None:
                drafts.append(_Draft(entry, specs[entry.content_type_id].model, child))
    return [_line(obj, draft) for draft in _fold(model, drafts)]


def _fold(model, drafts: list[_Draft]) -> list[_Draft]:
    folds = _folds.get(model, ())
    if not folds:
        return drafts
    folded: set[int] = set()
    for draft in drafts:
        if draft.child is not None:
            continue
        for spec in folds:
            if draft.entry.action not in spec.actions:
                continue
            for other in drafts:
                if (other.child is not None and other.model is spec.child and other.entry.action == spec.child_action
                        and id(other) not in folded and other.entry.actor_id == draft.entry.actor_id
                        and abs(other.entry.at - draft.entry.at) <= FOLD_WINDOW):
                    folded.add(id(other))
                    draft.subjects.append(_label(other.model, other.child))
    return [draft for draft in drafts if id(draft) not in folded]


def _label(model, record) -> str:
    return str(_labels.get(model, str)(record))


def _line(obj, draft: _Draft) -> HistoryLine:
    entry, model = draft.entry, draft.model
    record = draft.child if draft.child is not None else obj
    kind = str(model._meta.verbose_name)
    subject = _label(model, record)
    values = {
        "actor": actor_name(entry),
        "object": kind if draft.child is None else f"{kind} “{subject}”",
        "subject": subject,
        "about": "" if draft.child is None else f" “{subject}”",
        "subjects": ", ".join(draft.subjects) or subject,
        "to": status_label(model, entry.to_status),
        "from": status_label(model, entry.from_status),
    }
    sentence = str(_sentence(model, entry.action)) % values
    shown_status = "%(to)s" in str(_sentence(model, entry.action)) or entry.action.startswith("status:")
    changes = describe_changes(model, entry.changes)
    if entry.to_status and entry.from_status != entry.to_status and not shown_status:
        changes.append((_("Trạng thái"), values["from"] or "—", values["to"]))
    return HistoryLine(at=entry.at, actor=values["actor"], sentence=sentence, note=entry.note, changes=changes,
                       source=entry.get_source_display())


def _sentence(model, action: str):
    if (model, action) in _sentences:
        return _sentences[(model, action)]
    if action in SENTENCES:
        return SENTENCES[action]
    if ":" in action:  # audit.transition's default "field:to"
        return SENTENCES["status"]
    return FALLBACK


def actor_name(entry: AuditEntry) -> str:
    if entry.actor is not None:
        return entry.actor.get_full_name() or entry.actor.get_username()
    if entry.action == "voter_feedback":
        return _("Người gửi")
    return _("Hệ thống")


def status_label(model, value: str) -> str:
    """A status code by its label, in whichever status-like field of ``model`` knows it."""
    if not value:
        return ""
    fields = sorted(model._meta.concrete_fields, key=lambda f: f.name != "status")
    for model_field in fields:
        if model_field.choices:
            labels = dict(model_field.flatchoices)
            if value in labels:
                return str(labels[value])
    return value


def describe_changes(model, changes) -> list[tuple[str, str, str]]:
    """``{field: [old, new]}`` (or ``{field: value}`` on a creation) as (verbose name, old, new) text."""
    rows = []
    for name, change in (changes or {}).items() if isinstance(changes, dict) else ():
        try:
            model_field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue  # an internal key (an id the sentence already names) is not for readers
        if model_field.is_relation and not isinstance(change, list):
            continue  # an id: the sentence names the related record
        label = str(model_field.verbose_name)
        label = label[:1].upper() + label[1:]
        if isinstance(change, list) and len(change) == 2:
            rows.append((label, _value(model_field, change[0]), _value(model_field, change[1])))
        else:
            rows.append((label, "", _value(model_field, change)))
    return rows


def _value(model_field, value) -> str:
    if value is None or value == "":
        return "—"
    if model_field.choices:
        return str(dict(model_field.flatchoices).get(value, value))
    if isinstance(model_field, models.BooleanField):
        return _("có") if str(value) in ("True", "true", "1") else _("không")
    if isinstance(model_field, models.DateTimeField):
        try:
            return formats.date_format(datetime.datetime.fromisoformat(str(value)), "SHORT_DATETIME_FORMAT")
        except ValueError:
            return str(value)
    if isinstance(model_field, models.DateField):
        try:
            return formats.date_format(datetime.date.fromisoformat(str(value)[:10]), "d/m/Y")
        except ValueError:
            return str(value)
    return str(value)


def register_councils_models() -> None:
    """The councils' own records with children: a session's agenda and papers."""
    register_children(Session, SessionAgendaItem, related=lambda session: session.agenda_items.all())
    register_children(Session, SessionDocument, related=lambda session: session.documents.all())
