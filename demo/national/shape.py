"""The shape of the country for ``seed_national``: which councils, how big each one is, and the random
streams that make two runs with the same seed write the same rows."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

D = datetime.date
# The date the data describe (fixed, so the rows do not depend on the day the command runs).
TODAY = D(2026, 11, 21)
WINDOW_START = D(2025, 7, 1)  # petitions since the two-level councils started
NEW_TERM = ("2026-2031", D(2026, 3, 15), D(2031, 3, 14))
OLD_TERM = ("2021-2026", D(2021, 5, 23), D(2026, 3, 14))
PROVINCE_SHARE = 0.4          # of the petitions, the 34 provinces hold this much; the communes the rest
HANOI = "01"
# Communes always kept at a reduced --scale: the demo's Hà Nội wards (the commune clerk works in the first).
KEPT_COMMUNES = ("00004", "00070", "00640")


def rng(seed: int, part: str) -> random.Random:
    return random.Random(f"{seed}:{part}")


@dataclass
class CouncilInfo:
    id: int
    code: str
    name: str
    area_name: str
    parent_id: int | None
    is_province: bool
    # filled by the builders
    agencies: list = field(default_factory=list)          # ids; [0] is the People's Committee
    by_field: dict = field(default_factory=dict)          # field code -> agency id
    plenary: int = 0
    standing: int = 0
    office: int = 0
    committees: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    deputies: range = range(0)
    full_time: list = field(default_factory=list)
    sessions: list = field(default_factory=list)          # (id, start_date) of the two regular sessions
    meetings: list = field(default_factory=list)          # (id, date)
    receptions: list = field(default_factory=list)        # (id, date)
    petitions: int = 0


_aware_cache: dict = {}


def aware(day: datetime.date, hour: int = 9) -> datetime.datetime:
    key = (day, hour)
    value = _aware_cache.get(key)
    if value is None:
        value = _aware_cache[key] = timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))
    return value


def day_between(r: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=r.randint(0, max(0, (end - start).days)))


def split(total: int, weights: list[float]) -> list[int]:
    """``total`` split in proportion to ``weights``, exactly (largest remainders)."""
    if not weights:
        return []
    whole = sum(weights) or 1.0
    raw = [total * w / whole for w in weights]
    counts = [int(x) for x in raw]
    rest = total - sum(counts)
    for i in sorted(range(len(raw)), key=lambda i: (counts[i] - raw[i], i))[:rest]:
        counts[i] += 1
    return counts


def petition_counts(seed: int, councils: list[CouncilInfo], total: int) -> None:
    """Provinces hold ``PROVINCE_SHARE`` of the petitions in proportion to their number of communes (Hà Nội
    twice that); communes share the rest with a skewed (log-normal) size."""
    r = rng(seed, "petition-counts")
    provinces = [c for c in councils if c.is_province]
    communes = [c for c in councils if not c.is_province]
    children: dict[int, int] = {}
    for c in communes:
        children[c.parent_id] = children.get(c.parent_id, 0) + 1
    # Per council, a province weighs what it weighs in the whole country (so a reduced --scale keeps the skew).
    province_weight = PROVINCE_SHARE / 34
    commune_weight = (1 - PROVINCE_SHARE) / 3321
    share = len(provinces) * province_weight / (len(provinces) * province_weight + len(communes) * commune_weight)
    province_total = round(total * share)
    weights = [(children.get(p.id, 0) + 20) * (2 if p.code == HANOI else 1) for p in provinces]
    for p, n in zip(provinces, split(province_total, weights), strict=True):
        p.petitions = n
    weights = [r.lognormvariate(0, 0.6) for _c in communes]
    for c, n in zip(communes, split(total - province_total, weights), strict=True):
        c.petitions = n
