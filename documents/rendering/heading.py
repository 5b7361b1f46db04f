"""The parts every administrative document shares (Decree 30/2020/NĐ-CP): the issuing body and number at the
top left, the national motto block at the top right, place and date, recipients and the signature block."""

from __future__ import annotations

import datetime
import re

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from councils.choices import BodyKind, MembershipRole
from councils.models import Council, Membership

NATION = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
# The kind of unit in front of an area's name, left out of the place line ("Thành phố Hà Nội" → "Hà Nội").
_AREA_PREFIX = re.compile(r"^(thành phố|tỉnh|quận|huyện|thị xã|thị trấn|phường|xã|đặc khu)\s+", re.IGNORECASE)
# The blank a clerk fills in by hand before the number is given by the registry of outgoing documents.
NUMBER_BLANK = "     "


def place_of(council: Council) -> str:
    return _AREA_PREFIX.sub("", council.area_name).strip() or council.area_name


def date_text(day: datetime.date) -> str:
    """"ngày 02 tháng 12 năm 2026": days and months below 10 with a leading zero (Decree 30, Annex I)."""
    return _("ngày %(d)s tháng %(m)s năm %(y)s") % {"d": f"{day.day:02d}", "m": f"{day.month:02d}", "y": day.year}


def chair_name(council: Council, day: datetime.date) -> str:
    """The standing board's chair on that day, who signs on the council's behalf ("" when none is recorded)."""
    membership = (Membership.objects.filter(body__council=council, body__kind=BodyKind.STANDING_BOARD,
                                            role=MembershipRole.CHAIR, start_date__lte=day)
                  .filter(Q(end_date__isnull=True) | Q(end_date__gte=day))
                  .select_related("deputy").order_by("-start_date").first())
    return membership.deputy.full_name if membership else ""


def heading(council: Council, *, number: str, title: str, subtitle: str = "", recipients: list[str],
            issuer: str | None = None, signer_title: str | None = None, day: datetime.date | None = None) -> dict:
    """The context names every template shares (see ``samples.COMMON``)."""
    day = day or timezone.localdate()
    return {
        "issuer_parent": council.name.upper(),
        "issuer": issuer if issuer is not None else _("THƯỜNG TRỰC HĐND"),
        "number": number,
        "place": place_of(council),
        "date_text": date_text(day),
        "title": title,
        "subtitle": subtitle,
        "recipients": recipients,
        "signer_authority": _("TM. THƯỜNG TRỰC HĐND"),
        "signer_title": signer_title if signer_title is not None else _("CHỦ TỊCH"),
        "signer_name": chair_name(council, day),
        "nation": NATION,
        "motto": MOTTO,
    }
