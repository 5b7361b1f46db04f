"""The reference data of the demo: councils from the official list, terms, fields, agencies and users."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from councils.admin_units import ensure_levels, load_admin_units
from councils.choices import AgencyKind, Role
from councils.models import (
    Agency,
    Council,
    Deputy,
    Field,
    RoleAssignment,
    Term,
)

from .common import (
    CENTRAL_AGENCIES,
    DAIBIEU_EMAIL,
    DISTRICT_CODE,
    FIELDS,
    HANOI,
    HANOI_AGENCIES,
    THANH_HOA,
    THANH_HOA_AGENCIES,
    WARDS,
    D,
)


def seed_reference():
    load_admin_units(only_codes={HANOI, THANH_HOA, *WARDS})
    levels = ensure_levels()
    terms = {}
    for name, start, end in (("2021-2026", D(2021, 5, 23), D(2026, 3, 14)), ("2026-2031", D(2026, 3, 15), D(2031, 3, 14))):
        terms[name], _ = Term.objects.update_or_create(name=name, defaults={"start_date": start, "end_date": end})
    councils = {c.code: c for c in Council.objects.filter(code__in=[HANOI, THANH_HOA, *WARDS])}
    district = Council.objects.filter(code=DISTRICT_CODE).first()
    if district is None:
        district = Council(code=DISTRICT_CODE)
    district.name, district.area_name, district.level = "HĐND quận Ba Đình", "Quận Ba Đình", levels["district"]
    district.parent, district.valid_from, district.valid_to = councils[HANOI], None, D(2025, 6, 30)
    district.save()
    return councils, terms, district


def seed_fields() -> dict[str, Field]:
    out = {}
    for code, name in FIELDS:
        out[code], _ = Field.objects.update_or_create(code=code, defaults={"name": name, "is_active": True})
    return out


def seed_agencies(councils, district) -> dict:
    """Agencies per council code, plus ("fields", code) -> the agency answering for that field."""
    out: dict = {}

    def upsert(council, rows, parent=None):
        agencies = []
        for name, short, kind, active, answers_for in rows:
            agency, _ = Agency.objects.update_or_create(
                council=council, name=name,
                defaults={"short_name": short, "kind": kind, "is_active": active, "parent": parent},
            )
            agencies.append(agency)
            for code in answers_for:
                out.setdefault(("fields", council.code if council else ""), {}).setdefault(code, agency)
        return agencies

    upsert(None, CENTRAL_AGENCIES)
    out[HANOI] = upsert(councils[HANOI], HANOI_AGENCIES)
    out[THANH_HOA] = upsert(councils[THANH_HOA], THANH_HOA_AGENCIES)
    for code, ward in WARDS.items():
        kind = "xã" if code == "00640" else "phường"
        out[code] = upsert(councils[code], [
            (f"Ủy ban nhân dân {kind} {ward}", f"UBND {kind} {ward}", AgencyKind.PEOPLES_COMMITTEE, True, []),
            (f"Công an {kind} {ward}", f"CA {kind} {ward}", AgencyKind.DEPARTMENT, True, ["an-ninh-trat-tu"]),
        ], parent=out[HANOI][0])
    out[DISTRICT_CODE] = upsert(district, [
        ("Ủy ban nhân dân quận Ba Đình", "UBND quận Ba Đình", AgencyKind.PEOPLES_COMMITTEE, False, []),
        ("Phòng Tài nguyên và Môi trường quận Ba Đình", "Phòng TN&MT", AgencyKind.DEPARTMENT, False, ["dat-dai"]),
    ], parent=out[HANOI][0])
    return out


USERS = [
    # username, first name, last name, superuser, staff
    ("admin", "Quản trị", "hệ thống", True, True),
    ("vanphong", "Thu Trang", "Lê", False, True),
    ("daibieu", "", "", False, False),
    ("capuy", "Minh Đức", "Trần", False, False),
    ("vanphong2", "Văn Nam", "Hoàng", False, True),
    ("coquan", "Thị Hà", "Phạm", False, False),
]
# The agency whose staff the `coquan` user is (Hà Nội's People's Committee: it receives the most forwardings).
COQUAN_AGENCY = HANOI_AGENCIES[0][0]


def seed_users(password: str) -> dict:
    User = get_user_model()
    users = {}
    for username, first, last, superuser, staff in USERS:
        user, _ = User.objects.get_or_create(username=username)
        user.is_superuser, user.is_staff, user.is_active = superuser, staff, True
        if first:
            user.first_name, user.last_name = first, last
        user.email = f"{username}@demo.hdnd.vn"
        user.set_password(password)
        user.save()
        users[username] = user
    # Secretariat staff maintain their council's records in the admin too (scoped to their council).
    group, _ = Group.objects.get_or_create(name="Văn phòng HĐND")
    perms = Permission.objects.filter(
        Q(content_type__app_label__in=["councils", "oversight", "voters"]),
        Q(codename__startswith="add_") | Q(codename__startswith="change_") | Q(codename__startswith="view_"),
    ).exclude(content_type__model__in=["auditentry", "administrativelevel", "term", "field", "roleassignment"])
    group.permissions.set(perms)
    for username in ("vanphong", "vanphong2"):
        users[username].groups.add(group)
    return users


def seed_roles(users, councils) -> list[tuple[str, str]]:
    """Assign the demo users their roles; return (username, what they are) for the printed table."""
    hanoi = councils[HANOI]
    deputy = Deputy.objects.get(email=DAIBIEU_EMAIL)
    if not users["daibieu"].first_name:
        *middle, given = deputy.full_name.split(" ")
        users["daibieu"].first_name, users["daibieu"].last_name = given, " ".join(middle)
        users["daibieu"].save(update_fields=["first_name", "last_name"])
    for username, council, role, linked in (
        ("vanphong", hanoi, Role.SECRETARIAT, None),
        ("daibieu", hanoi, Role.DEPUTY, deputy),
        ("capuy", hanoi, Role.PARTY_VIEWER, None),
        ("vanphong2", councils[THANH_HOA], Role.SECRETARIAT, None),
    ):
        RoleAssignment.objects.get_or_create(user=users[username], council=council, role=role,
                                             defaults={"deputy": linked})
    agency = Agency.objects.get(council=hanoi, name=COQUAN_AGENCY)
    RoleAssignment.objects.get_or_create(user=users["coquan"], council=hanoi, role=Role.AGENCY_STAFF, agency=agency)
    return [
        ("admin", "Quản trị hệ thống (superuser), mọi HĐND"),
        ("vanphong", f"Văn phòng {hanoi.name}"),
        ("daibieu", f"Đại biểu {hanoi.name}: {deputy.full_name}"),
        ("capuy", f"Cấp ủy (chỉ xem), {hanoi.name}"),
        ("vanphong2", f"Văn phòng {councils[THANH_HOA].name}"),
        ("coquan", f"Cán bộ {agency.name} (chỉ thấy kiến nghị chuyển tới cơ quan)"),
    ]
