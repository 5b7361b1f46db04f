"""The official administrative units in force since 1/7/2025 (34 provinces, 3,321 communes) as councils.

The source is the ``vietnam-provinces`` package (its two-level dataset). Loading is an upsert keyed on
the official code, so it can run again after a package update, or after ``seed_demo`` created some of the
same councils: rows are created or corrected, never duplicated.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_noop
from vietnam_provinces import Province, Ward

from .models import AdministrativeLevel, Council

# Law 72/2025/QH15: the district level ended on 30/6/2025, the new communes started on 1/7/2025.
DISTRICT_LAST_DAY = datetime.date(2025, 6, 30)
TWO_LEVEL_START = datetime.date(2025, 7, 1)

# The names are stored in Vietnamese (levels are data) and shown in the reader's language by the catalogue.
LEVELS = {
    "province": {"name": gettext_noop("Cấp tỉnh"), "rank": 1, "valid_from": None, "valid_to": None},
    "district": {"name": gettext_noop("Cấp huyện"), "rank": 2, "valid_from": None, "valid_to": DISTRICT_LAST_DAY},
    "commune": {"name": gettext_noop("Cấp xã"), "rank": 3, "valid_from": TWO_LEVEL_START, "valid_to": None},
}

COUNCIL_FIELDS = ["name", "area_name", "level_id", "parent_id", "valid_from"]


@dataclass
class LoadReport:
    created: int = 0
    updated: int = 0
    unchanged: int = 0

    def __str__(self):
        return f"tạo mới {self.created}, cập nhật {self.updated}, giữ nguyên {self.unchanged}"


def province_code(number: int) -> str:
    return f"{int(number):02d}"


def commune_code(number: int) -> str:
    return f"{int(number):05d}"


def province_area_name(province) -> str:
    """"Thành phố Hà Nội" is already a full name in the package; provinces come bare ("Thanh Hóa")."""
    return province.name if province.division_type.value != "tỉnh" else f"Tỉnh {province.name}"


def council_name(area_name: str) -> str:
    """"Phường Ba Đình" -> "HĐND phường Ba Đình"; "Tỉnh Thanh Hóa" -> "HĐND tỉnh Thanh Hóa"."""
    for kind in ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu"):
        if area_name.startswith(kind + " "):
            return f"HĐND {kind.lower()}{area_name[len(kind):]}"
    return f"HĐND {area_name}"


def ensure_levels() -> dict[str, AdministrativeLevel]:
    levels = {}
    for code, values in LEVELS.items():
        level, _created = AdministrativeLevel.objects.update_or_create(code=code, defaults=values)
        levels[code] = level
    return levels


def official_units() -> tuple[list[dict], list[dict]]:
    """(provinces, communes) as plain dicts of council fields, from the installed package."""
    provinces = []
    for province in Province.iter_all():
        area = province_area_name(province)
        provinces.append({"code": province_code(province.code), "area_name": area, "name": council_name(area)})
    communes = []
    for ward in Ward.iter_all():
        communes.append({
            "code": commune_code(ward.code), "area_name": ward.name, "name": council_name(ward.name),
            "parent_code": province_code(ward.province_code),
        })
    return provinces, communes


@transaction.atomic
def load_admin_units(*, only_codes: set[str] | None = None) -> LoadReport:
    """Upsert the 34 provinces and 3,321 communes; a second run changes nothing.

    ``only_codes`` limits the load to those units (and their provinces): the demo data uses it so that
    its councils are exactly the ones a full load would create.
    """
    levels = ensure_levels()
    provinces, communes = official_units()
    if only_codes is not None:
        communes = [row for row in communes if row["code"] in only_codes]
        wanted = set(only_codes) | {row["parent_code"] for row in communes}
        provinces = [row for row in provinces if row["code"] in wanted]
    report = LoadReport()
    _upsert([{**row, "level_id": levels["province"].pk, "parent_id": None, "valid_from": None}
             for row in provinces], report)
    ids = dict(Council.objects.filter(parent__isnull=True).values_list("code", "pk"))
    _upsert([{**row, "level_id": levels["commune"].pk, "parent_id": ids[row.pop("parent_code")],
              "valid_from": TWO_LEVEL_START} for row in communes], report)
    return report


def _upsert(rows: list[dict], report: LoadReport) -> None:
    existing = {c.code: c for c in Council.objects.filter(code__in=[row["code"] for row in rows])}
    parent_paths = dict(Council.objects.filter(parent__isnull=True).values_list("pk", "path"))
    now = timezone.now()
    to_create, to_update = [], []
    for row in rows:
        council = existing.get(row["code"]) or Council(code=row["code"])
        if council.pk and all(getattr(council, name) == row[name] for name in COUNCIL_FIELDS):
            report.unchanged += 1
            continue
        for name in COUNCIL_FIELDS:
            setattr(council, name, row[name])
        # bulk writes skip Council.save(), so the materialized path is set here. Communes are leaves,
        # so a corrected parent moves no subtree.
        prefix = parent_paths[council.parent_id] if council.parent_id else "/"
        council.path = f"{prefix}{council.code}/"
        council.depth = council.path.count("/") - 2
        council.updated_at = now
        (to_update if council.pk else to_create).append(council)
    Council.objects.bulk_create(to_create, batch_size=500)
    Council.objects.bulk_update(to_update, [*COUNCIL_FIELDS, "path", "depth", "updated_at"], batch_size=500)
    report.created += len(to_create)
    report.updated += len(to_update)
