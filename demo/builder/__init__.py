"""Demo data for ``manage.py seed_demo``: Hà Nội city council and three of its wards/communes, Thanh Hóa,
a retired district council with its 2025 records, and a year (2026) of work in every area of the portal.

Everything is deterministic (``random.Random(2026)`` per part, dates fixed around 21/11/2026), so two
databases seeded separately hold the same rows. Councils are the official units (``admin_units``), so
``load_admin_units`` run afterwards updates them instead of adding duplicates. Rows are written with the
ORM in bulk, then each record's history is written as the services would have (``history.seed_history``),
by the demo secretariat user and dated by the record's own dates.
"""

from __future__ import annotations

from django.db import transaction

from councils.choices import BodyKind, CommitteeType, SessionKind
from councils.models import Body

from .common import DAIBIEU_EMAIL, HANOI, THANH_HOA, WARDS, CouncilData, D
from .history import seed_history
from .oversight import seed_briefings, seed_oversight, seed_trainings, seed_work_items
from .people import Shape, build_council, seed_sessions, ward_names
from .reference import COQUAN_AGENCY, seed_agencies, seed_fields, seed_reference, seed_roles, seed_users
from .voters import seed_meetings_and_receptions, seed_petitions, shape_agency_forwardings


@transaction.atomic
def seed(*, password: str) -> dict:
    """Create the demo data once; on later runs only the reference data and the users are refreshed."""
    councils, terms, district = seed_reference()
    fields = seed_fields()
    agencies = seed_agencies(councils, district)
    users = seed_users(password)
    already = Body.objects.filter(council=councils[HANOI], term=terms["2026-2031"],
                                  kind=BodyKind.STANDING_BOARD).exists()
    if not already:
        seed_activity(councils, terms, district, fields, agencies, users)
    accounts = seed_roles(users, councils)
    return {"created": not already, "accounts": accounts}


def seed_activity(councils, terms, district, fields, agencies, users) -> None:
    hanoi_areas = [w.removeprefix("Phường ").removeprefix("Xã ") for w in ward_names(1)]
    thanh_hoa_areas = [w.removeprefix("Phường ").removeprefix("Xã ") for w in ward_names(38)]
    new_term, old_term = terms["2026-2031"], terms["2021-2026"]
    province_committees = (CommitteeType.LEGAL, CommitteeType.ECONOMY_BUDGET, CommitteeType.CULTURE_SOCIAL)
    commune_committees = (CommitteeType.ECONOMY_BUDGET, CommitteeType.CULTURE_SOCIAL)

    hanoi = build_council(councils[HANOI], new_term, Shape(46, 10, 3, (*province_committees, CommitteeType.URBAN), 2,
                                                          "thành phố"), hanoi_areas, agencies)
    # The deputy behind the `daibieu` user: a part-time member of Ban Văn hóa - Xã hội and of a deputy group.
    daibieu = hanoi.deputies[22]
    daibieu.email = DAIBIEU_EMAIL
    daibieu.save(update_fields=["email"])
    wards = []
    for i, code in enumerate(WARDS):
        area_word = "xã" if code == "00640" else "phường"
        shape = Shape(18 - i, 3, 1, commune_committees, 1, area_word)
        wards.append(build_council(councils[code], new_term, shape, [f"Tổ dân phố {n}" for n in range(1, 25)],
                                   agencies))
    thanh_hoa = build_council(councils[THANH_HOA], new_term, Shape(24, 6, 2, (*province_committees, CommitteeType.ETHNIC),
                                                                 1, "tỉnh"), thanh_hoa_areas, agencies)
    old_district = build_council(district, old_term, Shape(12, 3, 1, (CommitteeType.LEGAL, CommitteeType.ECONOMY_BUDGET),
                                                          1, "quận"), hanoi_areas[:9], agencies)

    seed_sessions(hanoi, [
        (1, SessionKind.REGULAR, D(2026, 3, 30), D(2026, 3, 31), "Kỳ họp thứ nhất"),
        (2, SessionKind.THEMATIC, D(2026, 5, 20), D(2026, 5, 20), "Kỳ họp thứ hai (chuyên đề)"),
        (3, SessionKind.REGULAR, D(2026, 7, 7), D(2026, 7, 10), "Kỳ họp thứ ba (thường lệ giữa năm)"),
        (4, SessionKind.URGENT, D(2026, 9, 22), D(2026, 9, 22), "Kỳ họp thứ tư (bất thường)"),
        (5, SessionKind.REGULAR, D(2026, 12, 8), D(2026, 12, 11), "Kỳ họp thứ năm (thường lệ cuối năm)"),
    ], "khóa XVII")
    old_hanoi = CouncilData(council=councils[HANOI], term=old_term)
    seed_sessions(old_hanoi, [
        (29, SessionKind.REGULAR, D(2025, 12, 9), D(2025, 12, 11), "Kỳ họp thứ 29 (thường lệ cuối năm)"),
        (30, SessionKind.URGENT, D(2026, 1, 20), D(2026, 1, 20), "Kỳ họp thứ 30 (bất thường)"),
    ], "khóa XVI")
    for data in wards:
        seed_sessions(data, [
            (1, SessionKind.REGULAR, D(2026, 3, 27), D(2026, 3, 27), "Kỳ họp thứ nhất"),
            (2, SessionKind.REGULAR, D(2026, 7, 14), D(2026, 7, 15), "Kỳ họp thứ hai"),
            (3, SessionKind.THEMATIC, D(2026, 10, 8), D(2026, 10, 8), "Kỳ họp thứ ba (chuyên đề)"),
            (4, SessionKind.REGULAR, D(2026, 12, 15), D(2026, 12, 16), "Kỳ họp thứ tư"),
        ], "khóa I")
    seed_sessions(thanh_hoa, [
        (1, SessionKind.REGULAR, D(2026, 3, 28), D(2026, 3, 29), "Kỳ họp thứ nhất"),
        (2, SessionKind.REGULAR, D(2026, 7, 10), D(2026, 7, 12), "Kỳ họp thứ hai"),
        (3, SessionKind.URGENT, D(2026, 10, 20), D(2026, 10, 20), "Kỳ họp thứ ba (bất thường)"),
    ], "khóa XIX")
    seed_sessions(old_district, [
        (20, SessionKind.THEMATIC, D(2025, 4, 15), D(2025, 4, 15), "Kỳ họp thứ 20 (chuyên đề)"),
        (21, SessionKind.REGULAR, D(2025, 6, 20), D(2025, 6, 21), "Kỳ họp thứ 21 (kỳ họp cuối cùng)"),
    ], "khóa VI")

    seed_oversight(hanoi, wards, thanh_hoa, old_district, fields, daibieu)
    for data in (hanoi, *wards, thanh_hoa, old_district):
        seed_meetings_and_receptions(data, daibieu)
    seed_petitions(hanoi, 130, fields, agencies, users["vanphong"])
    shape_agency_forwardings(next(a for a in agencies[HANOI] if a.name == COQUAN_AGENCY))
    for data in wards:
        seed_petitions(data, 15, fields, agencies, users["vanphong"])
    seed_petitions(thanh_hoa, 18, fields, agencies, users["vanphong2"])
    seed_petitions(old_district, 8, fields, agencies, None)
    seed_work_items(hanoi, 36, daibieu, users["vanphong"])
    for data in (*wards, thanh_hoa):
        seed_work_items(data, 8, None, None)
    seed_trainings(hanoi, wards, thanh_hoa)
    seed_briefings(hanoi, wards)
    seed_history([data.council for data in (hanoi, *wards, thanh_hoa, old_district)], users)
