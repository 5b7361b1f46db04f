"""Each demo council's people and bodies (deputies, groups, committees, memberships) and its sessions."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from vietnam_provinces import Ward

from councils.choices import BodyKind, CommitteeType, Gender, MembershipRole, SessionKind
from councils.models import (
    Body,
    Council,
    Deputy,
    ElectoralUnit,
    Membership,
    Session,
    SessionAgendaItem,
    SessionDocument,
    Term,
)

from .common import FAMILY, GIVEN, MIDDLE, OCCUPATIONS, TODAY, CouncilData, D, aware, rng_for

# --- the council's people and bodies -------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    deputies: int
    units: int
    vice_chairs: int
    committees: tuple
    vice_heads: int
    area_word: str  # "thành phố", "tỉnh", "phường", "xã", "quận"


def ward_names(province: int) -> list[str]:

    return [w.name for w in Ward.iter_by_province(province)]


def build_council(council: Council, term: Term, shape: Shape, areas: list[str], agencies: dict) -> CouncilData:
    rng = rng_for(f"people:{council.code}")
    data = CouncilData(council=council, term=term, agencies=agencies[council.code])
    ended = council.valid_to  # a retired council: its deputies and bodies ended with it
    start = term.start_date
    seats = -(-shape.deputies // shape.units)
    units = ElectoralUnit.objects.bulk_create([
        ElectoralUnit(council=council, term=term, number=n, seats=seats,
                      name=f"Đơn vị bầu cử số {n}",
                      area=", ".join(areas[(n - 1) * 3:(n - 1) * 3 + 3]) or f"Khu vực {n}")
        for n in range(1, shape.units + 1)
    ])
    committee_names = {ct: CommitteeType(ct).label for ct in shape.committees}
    if shape.area_word == "quận":
        committee_names[CommitteeType.ECONOMY_BUDGET] = "Ban Kinh tế - Xã hội"
    body_rows = [
        (BodyKind.PLENARY, "", f"HĐND {shape.area_word} (toàn thể)"),
        (BodyKind.STANDING_BOARD, "", "Thường trực HĐND"),
        (BodyKind.OFFICE, "", "Văn phòng HĐND"),
        *[(BodyKind.COMMITTEE, ct, name) for ct, name in committee_names.items()],
        *[(BodyKind.DEPUTY_GROUP, "", f"Tổ đại biểu số {u.number}") for u in units],
    ]
    bodies = Body.objects.bulk_create([
        Body(council=council, term=term, kind=kind, committee_type=ct, name=name, dissolved_on=ended)
        for kind, ct, name in body_rows
    ])
    data.bodies = {"plenary": bodies[0], "standing": bodies[1], "office": bodies[2]}
    committees = bodies[3:3 + len(shape.committees)]
    data.bodies.update({ct: body for ct, body in zip(shape.committees, committees, strict=True)})
    data.groups = bodies[3 + len(shape.committees):]
    for group, unit in zip(data.groups, units, strict=True):
        group.electoral_units.add(unit)

    # Seats: the chair, vice-chairs, heads and vice-heads of committees first, then the members.
    n_heads = len(committees)
    leaders = 1 + shape.vice_chairs
    vice_head_end = leaders + n_heads + n_heads * shape.vice_heads
    names: set[str] = set()
    deputies = []
    for i in range(shape.deputies):
        gender = Gender.FEMALE if rng.random() < 0.4 else Gender.MALE
        while True:
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[gender])} {rng.choice(GIVEN[gender])}"
            if name not in names:
                names.add(name)
                break
        if i == 0:
            position = f"Chủ tịch HĐND {shape.area_word}"
        elif i < leaders:
            position = f"Phó Chủ tịch HĐND {shape.area_word}"
        elif i < leaders + n_heads:
            position = f"Trưởng {committees[i - leaders].name}"
        elif i < vice_head_end:
            position = f"Phó Trưởng {committees[(i - leaders - n_heads) % n_heads].name}"
        else:
            position = rng.choice(OCCUPATIONS)
        deputies.append(Deputy(
            council=council, term=term, full_name=name, gender=gender,
            birth_date=D(rng.randint(1964, 1992), rng.randint(1, 12), rng.randint(1, 28)),
            is_full_time=0 < i < vice_head_end and not (leaders <= i < leaders + n_heads),
            is_party_member=i < vice_head_end or rng.random() > 0.2,
            electoral_unit=units[i % shape.units], position=position,
            phone=f"09{rng.randint(10000000, 99999999)}", start_date=start, end_date=ended,
        ))
    data.deputies = Deputy.objects.bulk_create(deputies)

    first_day = start + datetime.timedelta(days=15)
    memberships = []

    def member(body, deputy, role, since=first_day, until=ended):
        data.members.setdefault(body.pk, []).append(deputy)
        memberships.append(Membership(body=body, deputy=deputy, role=role, start_date=since, end_date=until))

    member(data.bodies["standing"], data.deputies[0], MembershipRole.CHAIR)
    for deputy in data.deputies[1:leaders]:
        member(data.bodies["standing"], deputy, MembershipRole.VICE_CHAIR)
    for k, committee in enumerate(committees):
        head = data.deputies[leaders + k]
        member(committee, head, MembershipRole.HEAD)
        member(data.bodies["standing"], head, MembershipRole.MEMBER)
    for j, deputy in enumerate(data.deputies[leaders + n_heads:vice_head_end]):
        member(committees[j % n_heads], deputy, MembershipRole.VICE_HEAD)
    for j, deputy in enumerate(data.deputies[vice_head_end:]):
        member(committees[j % n_heads], deputy, MembershipRole.MEMBER)
    for g, group in enumerate(data.groups):
        in_unit = [d for d in data.deputies if d.electoral_unit_id == units[g].pk]
        for k, deputy in enumerate(in_unit):
            member(group, deputy, MembershipRole.HEAD if k == 0 else MembershipRole.VICE_HEAD if k == 1
                   else MembershipRole.MEMBER)
    if CommitteeType.URBAN in data.bodies and ended is None:
        # A deputy moves from one committee to another during the term: two dated memberships.
        mover = data.deputies[-1]
        old = next(m for m in memberships if m.deputy is mover and m.body.kind == BodyKind.COMMITTEE)
        old.end_date = D(2026, 8, 31)
        if old.body != data.bodies[CommitteeType.URBAN]:
            member(data.bodies[CommitteeType.URBAN], mover, MembershipRole.MEMBER, since=D(2026, 9, 1))
    Membership.objects.bulk_create(memberships)
    return data


# --- sessions ------------------------------------------------------------------------------------------

AGENDA = [
    ("Báo cáo tình hình kinh tế - xã hội, quốc phòng, an ninh", "Ủy ban nhân dân"),
    ("Báo cáo kết quả giám sát của Thường trực HĐND", "Thường trực HĐND"),
    ("Tờ trình về dự toán ngân sách và phân bổ ngân sách", "Ủy ban nhân dân"),
    ("Báo cáo kết quả giải quyết kiến nghị cử tri", "Ủy ban nhân dân"),
    ("Tờ trình về điều chỉnh kế hoạch đầu tư công trung hạn", "Ủy ban nhân dân"),
    ("Báo cáo thẩm tra của các Ban HĐND", "Các Ban HĐND"),
    ("Chất vấn và trả lời chất vấn", "Thường trực HĐND"),
    ("Xem xét, thông qua các nghị quyết", "Thư ký kỳ họp"),
]


def seed_sessions(data: CouncilData, rows: list, term_label: str) -> None:
    rng = rng_for(f"sessions:{data.council.code}:{data.term.name}")
    place = f"Hội trường trụ sở {data.council.name}"
    sessions = Session.objects.bulk_create([
        Session(council=data.council, term=data.term, number=number, kind=kind, start_date=start, end_date=end,
                title=f"{title} {data.council.name} {term_label}", place=place)
        for number, kind, start, end, title in rows
    ])
    items, documents = [], []
    for session in sessions:
        agenda = AGENDA[:3 + rng.randint(1, 5)] if session.kind == SessionKind.REGULAR else AGENDA[2:4]
        for order, (title, presenter) in enumerate(agenda, start=1):
            items.append(SessionAgendaItem(session=session, order=order, title=title, presenter=presenter))
        for title, _presenter in agenda[:4]:
            # Most documents reach deputies well ahead; some late; those of a future session partly unsent.
            lead_days = rng.choice([15, 12, 10, 10, 7, 5, 3])
            sent = session.start_date - datetime.timedelta(days=lead_days)
            documents.append(SessionDocument(session=session, title=f"Tài liệu: {title}",
                                             sent_at=aware(sent) if sent <= TODAY else None))
    SessionAgendaItem.objects.bulk_create(items)
    SessionDocument.objects.bulk_create(documents)
    data.sessions = sessions
