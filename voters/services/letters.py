"""The forwarding letter (công văn chuyển kiến nghị): one numbered letter lists the petitions forwarded to one
agency, and its number becomes each forwarding's ``document_number``."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from councils.agencies import check_addressable
from councils.audit import record_audit
from councils.models import Agency

from .. import permissions
from ..models import Forwarding

DOCUMENT_NUMBER_MAX = Forwarding._meta.get_field("document_number").max_length


@transaction.atomic
def issue_forwarding_letter(*, agency: Agency, forwardings: Iterable[Forwarding], document_number: str,
                            actor) -> list[Forwarding]:
    """Ghi số công văn lên mọi lượt chuyển mà công văn liệt kê: all of them, or none.

    Refused: no forwarding, forwardings of two councils, one sent to another agency, or one already listed
    in a letter with another number (issuing the same number again changes nothing).
    """
    number = (document_number or "").strip()
    if not number:
        raise ValidationError({"document_number": _("Phải nhập số công văn.")})
    if len(number) > DOCUMENT_NUMBER_MAX:
        raise ValidationError({"document_number": _("Số công văn dài quá %(n)s ký tự.") % {"n": DOCUMENT_NUMBER_MAX}})
    ids = sorted({forwarding.pk for forwarding in forwardings})
    if not ids:
        raise ValidationError({"forwardings": _("Phải chọn ít nhất một kiến nghị đã chuyển.")})
    locked = list(Forwarding.objects.select_for_update(of=("self",)).select_related("petition__council", "agency")
                  .filter(pk__in=ids).order_by("pk"))
    councils = {forwarding.petition.council for forwarding in locked}
    if len(councils) != 1 or len(locked) != len(ids):
        raise ValidationError({"forwardings": _("Các kiến nghị của một công văn phải cùng một HĐND.")})
    (council,) = councils
    permissions.require_manage(actor, council)
    check_addressable(council, [agency], field="agency")
    errors = []
    for forwarding in locked:
        label = forwarding.petition.code or f"#{forwarding.petition_id}"
        if forwarding.agency_id != agency.pk:
            errors.append(_("Kiến nghị %(petition)s được chuyển tới %(agency)s, không phải cơ quan nhận công văn.")
                          % {"petition": label, "agency": forwarding.agency})
        elif forwarding.document_number and forwarding.document_number != number:
            errors.append(_("Kiến nghị %(petition)s đã có trong công văn số %(number)s.")
                          % {"petition": label, "number": forwarding.document_number})
    if errors:
        raise ValidationError({"forwardings": errors})
    for forwarding in locked:
        if forwarding.document_number == number:
            continue
        old = forwarding.document_number
        forwarding.document_number = number
        forwarding.save(update_fields=["document_number", "updated_at"])
        record_audit(target=forwarding, council=council, action="forwarding_letter", actor=actor,
                     changes={"document_number": [old or None, number]})
    return locked
