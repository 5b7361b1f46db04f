"""Agencies, bodies, deputies, memberships and sessions of every council, for ``seed_national``."""

from __future__ import annotations

import datetime

from councils.choices import AgencyKind, BodyKind, CommitteeType, Gender, MembershipRole, SessionKind
from councils.models import Agency, Body, Deputy, Membership, Session

from ..builder.common import FAMILY, GIVEN, MIDDLE, OCCUPATIONS
from .shape import NEW_TERM, TODAY, CouncilInfo, D, aware, rng
from .writer import Table

# (name pattern, short name, kind, the fields it answers for); {area} is the province's name.
PROVINCE_AGENCIES = [
    ("Ủy ban nhân dân {area}", "UBND", AgencyKind.PEOPLES_COMMITTEE, ["tai-chinh-ngan-sach"]),
    ("Sở Nông nghiệp và Môi trường {area}", "Sở NN&MT", AgencyKind.DEPARTMENT, ["dat-dai", "moi-truong", "nong-nghiep"]),
    ("Sở Xây dựng {area}", "Sở XD", AgencyKind.DEPARTMENT, ["xay-dung-do-thi", "giao-thong"]),
    ("Sở Y tế {area}", "Sở YT", AgencyKind.DEPARTMENT, ["y-te"]),
    ("Sở Giáo dục và Đào tạo {area}", "Sở GD&ĐT", AgencyKind.DEPARTMENT, ["giao-duc"]),
    ("Sở Nội vụ {area}", "Sở NV", AgencyKind.DEPARTMENT, ["an-sinh-xa-hoi"]),
    ("Sở Tài chính {area}", "Sở TC", AgencyKind.DEPARTMENT, []),
    ("Sở Văn hóa, Thể thao và Du lịch {area}", "Sở VHTTDL", AgencyKind.DEPARTMENT, ["van-hoa-the-thao"]),
    ("Sở Công Thương {area}", "Sở CT", AgencyKind.DEPARTMENT, []),
    ("Sở Tư pháp {area}", "Sở TP", AgencyKind.DEPARTMENT, []),
    ("Sở Khoa học và Công nghệ {area}", "Sở KH&CN", AgencyKind.DEPARTMENT, []),
    ("Công an {area}", "CA", AgencyKind.DEPARTMENT, ["an-ninh-trat-tu"]),
    ("Thanh tra {area}", "TT", AgencyKind.DEPARTMENT, []),
    ("Tòa án nhân dân {area}", "TAND", AgencyKind.COURT, []),
    ("Viện kiểm sát nhân dân {area}", "VKSND", AgencyKind.PROCURACY, []),
    ("Công ty Điện lực {area}", "Điện lực", AgencyKind.ENTERPRISE, ["dien-nuoc"]),
    ("Công ty Cấp nước {area}", "Cấp nước", AgencyKind.ENTERPRISE, []),
]
COMMUNE_AGENCIES = [
    ("Ủy ban nhân dân {area}", "UBND", AgencyKind.PEOPLES_COMMITTEE, ["dat-dai", "xay-dung-do-thi", "moi-truong"]),
    ("Công an {area}", "CA", AgencyKind.DEPARTMENT, ["an-ninh-trat-tu"]),
    ("Trạm Y tế {area}", "TYT", AgencyKind.OTHER, ["y-te"]),
    ("Ban Quản lý dự án đầu tư xây dựng {area}", "BQLDA", AgencyKind.OTHER, ["giao-thong"]),
]
CENTRAL_AGENCIES = [
    ("Tập đoàn Điện lực Việt Nam", "EVN", AgencyKind.CENTRAL),
    ("Bộ Xây dựng", "BXD", AgencyKind.CENTRAL),
    ("Bộ Nông nghiệp và Môi trường", "BNN&MT", AgencyKind.CENTRAL),
]


def lower_kind(area: str) -> str:
    """"Thành phố Hà Nội" -> "thành phố Hà Nội", for names that run on ("Ủy ban nhân dân thành phố Hà Nội")."""
    for kind in ("Thành phố", "Tỉnh", "Phường", "Xã", "Đặc khu"):
        if area.startswith(kind + " "):
            return kind.lower() + area[len(kind):]
    return area


def seed_agencies(seed: int, councils: list[CouncilInfo], agencies: Table) -> None:
    now = aware(D(2025, 7, 1))
    for name, short, kind in CENTRAL_AGENCIES:
        agencies.add((agencies.take_id(), name, short, kind, None, None, "", True, now, now, 1))
    province_ubnd = {}
    for c in councils:
        rows = PROVINCE_AGENCIES if c.is_province else COMMUNE_AGENCIES
        area = lower_kind(c.area_name)
        parent = None if c.is_province else province_ubnd.get(c.parent_id)
        for i, (pattern, short, kind, answers_for) in enumerate(rows):
            pk = agencies.take_id()
            agencies.add((pk, pattern.format(area=area), f"{short} {c.area_name}"[:50], kind, c.id,
                          parent if i == 0 else (c.agencies[0] if c.agencies else None), "", True, now, now, 1))
            c.agencies.append(pk)
            for code in answers_for:
                c.by_field.setdefault(code, pk)
        if c.is_province:
            province_ubnd[c.id] = c.agencies[0]


AGENCY_COLUMNS = ["id", "name", "short_name", "kind", "council_id", "parent_id", "email", "is_active",
                  "created_at", "updated_at", "version"]


def _name(r, used: set) -> tuple[str, str]:
    gender = Gender.MALE if r.random() < 0.6 else Gender.FEMALE
    for _attempt in range(5):
        full = f"{r.choice(FAMILY)} {r.choice(MIDDLE[gender])} {r.choice(GIVEN[gender])}"
        if full not in used:
            break
    used.add(full)
    return full, gender


def seed_people(seed: int, councils: list[CouncilInfo], term_id: int, tables: dict) -> None:
    bodies, deputies, memberships, sessions = (tables["body"], tables["deputy"], tables["membership"],
                                               tables["session"])
    term_start = NEW_TERM[1]
    created = aware(term_start)
    for c in councils:
        r = rng(seed, f"people:{c.code}")
        area = lower_kind(c.area_name)

        def body(kind, name, committee_type="", council_id=c.id):
            pk = bodies.take_id()
            bodies.add((pk, council_id, term_id, kind, committee_type, name, None, created, created, 1))
            return pk

        c.plenary = body(BodyKind.PLENARY, f"HĐND {area}")
        c.standing = body(BodyKind.STANDING_BOARD, f"Thường trực HĐND {area}")
        if c.is_province:
            c.office = body(BodyKind.OFFICE, f"Văn phòng Đoàn ĐBQH và HĐND {area}")
            types = [CommitteeType.LEGAL, CommitteeType.ECONOMY_BUDGET, CommitteeType.CULTURE_SOCIAL]
            if c.area_name.startswith("Thành phố"):
                types.append(CommitteeType.URBAN)
            if r.random() < 0.6 or len(types) == 3:
                types.append(CommitteeType.ETHNIC)
            n_deputies = r.randint(50, 95) if c.code != "01" else 125
            n_groups = max(10, min(25, n_deputies // 5 + r.randint(-3, 3)))
        else:
            types = [CommitteeType.ECONOMY_BUDGET, CommitteeType.CULTURE_SOCIAL]
            n_deputies = r.randint(24, 35)
            n_groups = r.randint(3, 6)
        labels = dict(CommitteeType.choices)
        c.committees = [body(BodyKind.COMMITTEE, str(labels[t]), t) for t in types]
        c.groups = [body(BodyKind.DEPUTY_GROUP, f"Tổ đại biểu số {n}") for n in range(1, n_groups + 1)]

        first = deputies.next_id
        used: set = set()
        for i in range(n_deputies):
            full, gender = _name(r, used)
            full_time = i < 2 + len(types) * (2 if c.is_province else 1)
            birth = D(r.randint(1962, 1992), r.randint(1, 12), r.randint(1, 28))
            position = (f"Chuyên trách, Thường trực HĐND {area}" if full_time
                        else f"{r.choice(OCCUPATIONS)}, {c.area_name}")
            deputies.add((deputies.take_id(), c.id, term_id, full, gender, birth, full_time, r.random() < 0.9,
                          position[:255], term_start, created, created, 1))
        c.deputies = range(first, deputies.next_id)
        ids = list(c.deputies)
        start = term_start + datetime.timedelta(days=2)

        def member(body_id, deputy_id, role, start=start):
            memberships.add((memberships.take_id(), body_id, deputy_id, role, start, 1))

        # Thường trực: the chair, two vice chairs and the heads of the committees.
        member(c.standing, ids[0], MembershipRole.CHAIR)
        member(c.standing, ids[1], MembershipRole.VICE_CHAIR)
        for k, committee in enumerate(c.committees):
            head = ids[2 + k]
            member(c.standing, head, MembershipRole.MEMBER)
            member(committee, head, MembershipRole.HEAD)
            size = r.randint(5, 9) if c.is_province else r.randint(3, 5)
            for n, deputy in enumerate(r.sample(ids[2 + len(c.committees):], min(size, len(ids) - 10))):
                member(committee, deputy, MembershipRole.VICE_HEAD if n == 0 else MembershipRole.MEMBER)
        for i, deputy in enumerate(ids):
            group = c.groups[i % len(c.groups)]
            role = MembershipRole.HEAD if i < len(c.groups) else (
                MembershipRole.VICE_HEAD if i < 2 * len(c.groups) else MembershipRole.MEMBER)
            member(group, deputy, role)
        c.full_time = ids[:2 + len(c.committees)]

        # Two regular sessions: the mid-year one (past) and the end-of-year one (planned).
        for number, (start_day, days) in enumerate(((D(2026, 7, r.randint(6, 16)), r.randint(1, 3)),
                                                    (D(2026, 12, r.randint(7, 18)), r.randint(1, 3))), start=1):
            pk = sessions.take_id()
            end_day = start_day + datetime.timedelta(days=days - 1)
            stamp = aware(min(start_day - datetime.timedelta(days=30), TODAY))
            sessions.add((pk, c.id, term_id, number, SessionKind.REGULAR,
                          f"Kỳ họp thứ {'nhất' if number == 1 else 'hai'} (thường lệ)", start_day, end_day,
                          f"Hội trường {c.area_name}", stamp, stamp, 1))
            c.sessions.append((pk, start_day))


BODY_COLUMNS = ["id", "council_id", "term_id", "kind", "committee_type", "name", "dissolved_on", "created_at",
                "updated_at", "version"]
DEPUTY_COLUMNS = ["id", "council_id", "term_id", "full_name", "gender", "birth_date", "is_full_time",
                  "is_party_member", "position", "start_date", "created_at", "updated_at", "version"]
MEMBERSHIP_COLUMNS = ["id", "body_id", "deputy_id", "role", "start_date", "version"]
SESSION_COLUMNS = ["id", "council_id", "term_id", "number", "kind", "title", "start_date", "end_date", "place",
                   "created_at", "updated_at", "version"]


def tables() -> dict:
    return {
        "agency": Table(Agency, AGENCY_COLUMNS),
        "body": Table(Body, BODY_COLUMNS),
        "deputy": Table(Deputy, DEPUTY_COLUMNS),
        "membership": Table(Membership, MEMBERSHIP_COLUMNS),
        "session": Table(Session, SESSION_COLUMNS),
    }
