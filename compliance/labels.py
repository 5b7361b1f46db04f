"""The name of an evaluation period ("Năm 2026", "Quý IV/2026", "Sau kỳ họp thứ 24 (05/07/2026)") in the active
language: written by the engine and rebuilt from a stored result's dates whenever it is shown, so a page in
English does not repeat the language the run happened to be computed in."""

from __future__ import annotations

import datetime
import re

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .choices import PeriodKind

QUARTERS = ("I", "II", "III", "IV")
_NUMBER = re.compile(r"\d+")


def format_day(day: datetime.date) -> str:
    return date_format(day, "d/m/Y")


def period_label(kind: str, start: datetime.date, end: datetime.date, *, session_number: int | str | None = None,
                 term_name: str = "") -> str:
    if kind == PeriodKind.YEAR:
        return _("Năm %(year)s") % {"year": start.year}
    if kind == PeriodKind.HALF_YEAR:
        first = start.month <= 6
        return (_("6 tháng đầu năm %(year)s") if first else _("6 tháng cuối năm %(year)s")) % {"year": start.year}
    if kind == PeriodKind.QUARTER:
        return _("Quý %(quarter)s/%(year)s") % {"quarter": QUARTERS[(start.month - 1) // 3], "year": start.year}
    if kind == PeriodKind.TERM:
        return _("Nhiệm kỳ %(term)s") % {"term": term_name or f"{start.year}-{end.year}"}
    if kind == PeriodKind.ROLLING_DAYS:
        return _("%(days)s ngày đến %(date)s") % {"days": (end - start).days + 1, "date": format_day(end)}
    if kind == PeriodKind.BETWEEN_SESSIONS:
        return _("Sau kỳ họp thứ %(number)s (%(date)s)") % {"number": session_number, "date": format_day(start)}
    raise ValueError(kind)


def stored_period_label(kind: str, start: datetime.date, end: datetime.date, stored: str) -> str:
    """A stored result's period named in the active language; the number of the session that opened a
    between-sessions window, which its dates do not give, is read from the stored name."""
    number = None
    if kind == PeriodKind.BETWEEN_SESSIONS:
        match = _NUMBER.search(stored or "")
        if match is None:
            return stored
        number = match.group(0)
    term = re.search(r"\d{4}-\d{4}", stored or "") if kind == PeriodKind.TERM else None
    return period_label(kind, start, end, session_number=number, term_name=term.group(0) if term else "")
