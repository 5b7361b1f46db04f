"""What the portal accepts in a field, the same on its pages and in its API: how long a free text may be,
and which dates are plausible (none before 1945, none more than ten years ahead).

A record of the councils cannot predate the Democratic Republic (1945), and a date decades ahead is a typing
slip; both would otherwise be stored as given and skew every deadline and report computed from them.
"""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

# A long text (a petition, an answer, a conclusion, a note): some pages of prose, far below what would
# burden the database or a report; a field stored in a column of its own length keeps that length.
LONG_TEXT_MAX_LENGTH = 10_000

EARLIEST_DATE = datetime.date(1945, 1, 1)
YEARS_AHEAD = 10


def plausible_date_range() -> tuple[datetime.date, datetime.date]:
    """The first and last date accepted today, today taken in the portal's time zone (Asia/Ho_Chi_Minh)."""
    today = timezone.localdate(timezone=timezone.get_default_timezone())
    try:
        latest = today.replace(year=today.year + YEARS_AHEAD)
    except ValueError:  # 29 February, ten years on, is the 28th
        latest = today.replace(year=today.year + YEARS_AHEAD, day=28)
    return EARLIEST_DATE, latest


def validate_plausible_date(value: datetime.date | datetime.datetime | None) -> None:
    """Refuse a date (or the day of a moment) outside ``plausible_date_range``, naming the range."""
    if value is None:
        return
    if isinstance(value, datetime.datetime):
        value = (timezone.localtime(value, timezone.get_default_timezone()) if timezone.is_aware(value)
                 else value).date()
    earliest, latest = plausible_date_range()
    if not earliest <= value <= latest:
        raise ValidationError(
            _("Ngày phải trong khoảng từ %(earliest)s đến %(latest)s.")
            % {"earliest": f"{earliest:%d/%m/%Y}", "latest": f"{latest:%d/%m/%Y}"},
            code="implausible_date",
        )
