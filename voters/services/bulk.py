"""Bulk work on the petition list: classify, forward or report many petitions in one step. Each petition goes
through its own service (its rules, its history line); the step is all-or-nothing, and a refusal names every
petition refused and why."""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.models import Agency, Field, Session

from ..models import Petition
from .lifecycle import classify_petition, forward_petition, report_to_voters

# The most petitions one step takes: a bigger selection is narrowed with the filters first.
BULK_LIMIT = 500


def _label(petition: Petition) -> str:
    return petition.code or _("kiến nghị #%(id)s") % {"id": petition.pk}


def _each(petitions: Iterable[Petition], versions: Mapping[int, int] | None,
          step: Callable[[Petition], object]) -> list[Petition]:
    """Run ``step`` on every petition, each in its own savepoint so every refusal is found; then, if any was
    refused, undo them all (the caller's transaction) and say which and why."""
    petitions = list(petitions)
    if not petitions:
        raise ValidationError({"petitions": _("Chưa chọn kiến nghị nào.")})
    if len(petitions) > BULK_LIMIT:
        raise ValidationError({"petitions": _("Mỗi lần xử lý tối đa %(limit)s kiến nghị (đã chọn %(count)s): hãy "
                                              "lọc bớt danh sách.") % {"limit": BULK_LIMIT, "count": len(petitions)}})
    if len({p.pk for p in petitions}) != len(petitions):
        raise ValidationError({"petitions": _("Một kiến nghị được chọn hai lần.")})
    refusals = []
    for petition in petitions:
        try:
            with transaction.atomic():
                if versions is not None:
                    current = (Petition._base_manager.select_for_update().values_list("version", flat=True)
                               .get(pk=petition.pk))
                    if versions.get(petition.pk) != current:
                        raise ValidationError(_("đã được thay đổi sau khi bạn chọn; hãy tải lại danh sách."),
                                              code="stale")
                step(petition)
        except ValidationError as error:
            refusals.append(f"{_label(petition)}: {' '.join(error.messages)}")
        except PermissionDenied as error:
            refusals.append(f"{_label(petition)}: {error or _('bạn không có quyền xử lý kiến nghị này.')}")
    if refusals:
        raise ValidationError({"petitions": [
            _("Chưa xử lý kiến nghị nào vì %(count)s kiến nghị không xử lý được:") % {"count": len(refusals)},
            *refusals]})
    return petitions


@transaction.atomic
def bulk_classify_petitions(*, petitions: Iterable[Petition], actor, field: Field | None,
                            proposed_agencies: Iterable[Agency] = (), note: str = "",
                            versions: Mapping[int, int] | None = None) -> list[Petition]:
    """Phân loại hàng loạt: the same field and proposed agencies for every petition chosen."""
    if field is None:
        raise ValidationError({"field": _("Phải chọn lĩnh vực khi phân loại.")})
    agencies = list(proposed_agencies)
    return _each(petitions, versions, lambda p: classify_petition(
        petition=p, actor=actor, field=field, proposed_agencies=agencies, note=note))


@transaction.atomic
def bulk_forward_petitions(*, petitions: Iterable[Petition], actor, document_number: str,
                           agencies: Iterable[Agency] | None = None, forwarded_on: datetime.date | None = None,
                           note: str = "", versions: Mapping[int, int] | None = None) -> list[Petition]:
    """Chuyển hàng loạt under one official letter: to the agencies chosen, or (none chosen) to those proposed
    for each petition at classification."""
    if not (document_number or "").strip():
        raise ValidationError({"document_number": _("Phải nhập số công văn chuyển (một công văn cho mọi kiến "
                                                    "nghị đã chọn).")})
    agencies = list(agencies) if agencies else None
    return _each(petitions, versions, lambda p: forward_petition(
        petition=p, actor=actor, agencies=agencies, forwarded_on=forwarded_on,
        document_number=document_number.strip(), note=note))


@transaction.atomic
def bulk_report_to_voters(*, petitions: Iterable[Petition], actor, session: Session, note: str = "",
                          versions: Mapping[int, int] | None = None) -> list[Petition]:
    """Báo cáo cử tri hàng loạt: every petition chosen reported at the same session."""
    return _each(petitions, versions, lambda p: report_to_voters(petition=p, actor=actor, session=session,
                                                                 note=note))
