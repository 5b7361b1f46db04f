"""Demo data for ``manage.py seed_demo``: Hà Nội city council and three of its wards/communes, Thanh Hóa,
a retired district council with its 2025 records, and a year (2026) of work in every area of the portal.

Everything is deterministic (``random.Random(2026)`` per part, dates fixed around 21/11/2026), so two
databases seeded separately hold the same rows. Councils are the official units (``admin_units``), so
``load_admin_units`` run afterwards updates them instead of adding duplicates. Rows are written with the
ORM in bulk: this is reference data for a demonstration, not a user's action, so no history is recorded.
"""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from oversight.choices import (
    ActivityKind,
    ActivityStatus,
    FollowUpStatus,
    ParticipantRole,
    WorkItemOrigin,
    WorkItemStatus,
)
from oversight.models import (
    Briefing,
    Commitment,
    OversightActivity,
    OversightProgramme,
    Participant,
    Question,
    Recommendation,
    Training,
    TrainingAttendance,
    WorkItem,
)
from voters.choices import AnswerOutcome, Channel, ForwardingStatus, MeetingKind, PetitionKind, PetitionStatus
from voters.models import CitizenReception, Forwarding, Petition, VoterMeeting

from .admin_units import ensure_levels, load_admin_units
from .choices import AgencyKind, BodyKind, CommitteeType, Gender, MembershipRole, Role, SessionKind
from .models import (
    Agency,
    Body,
    Council,
    Deputy,
    ElectoralUnit,
    Field,
    Membership,
    RoleAssignment,
    Session,
    SessionAgendaItem,
    SessionDocument,
    Term,
)

TODAY = datetime.date(2026, 11, 21)
D = datetime.date

HANOI, THANH_HOA = "01", "38"
# Real codes of three Hà Nội units since 1/7/2025 (vietnam-provinces), and one of Thanh Hóa.
WARDS = {"00004": "Ba Đình", "00070": "Hoàn Kiếm", "00640": "Thanh Trì"}
DISTRICT_CODE = "001"  # Quận Ba Đình, code of the official list in force until 30/6/2025.
DAIBIEU_EMAIL = "daibieu@demo.hdnd.vn"

FAMILY = ["Nguyễn"] * 9 + ["Trần"] * 3 + ["Lê"] * 3 + ["Phạm"] * 2 + [
    "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Đào", "Đinh", "Trịnh", "Mai", "Lưu"]
MIDDLE = {
    Gender.MALE: ["Văn", "Đức", "Quang", "Minh", "Hữu", "Ngọc", "Thanh", "Xuân", "Mạnh", "Tuấn", "Việt", "Đình", "Trọng"],
    Gender.FEMALE: ["Thị", "Thu", "Thanh", "Ngọc", "Phương", "Minh", "Hồng", "Thúy", "Bích", "Thị Thu", "Diệu"],
}
GIVEN = {
    Gender.MALE: ["Hùng", "Dũng", "Tuấn", "Minh", "Long", "Sơn", "Hải", "Thắng", "Cường", "Quân", "Hoàng", "Phong",
                  "Trung", "Nam", "Khánh", "Thành", "Đạt", "Tâm", "Bình", "Hiếu", "Lâm", "Vinh", "Kiên", "Tùng"],
    Gender.FEMALE: ["Hoa", "Lan", "Hương", "Mai", "Trang", "Thảo", "Hà", "Ngọc", "Linh", "Yến", "Huyền", "Thủy",
                    "Nga", "Vân", "Phương", "Hạnh", "Dung", "Loan", "Oanh", "Giang", "Hằng", "Nhung"],
}
OCCUPATIONS = [
    "Giám đốc Bệnh viện đa khoa", "Hiệu trưởng trường trung học phổ thông", "Bác sĩ, Bệnh viện Bạch Mai",
    "Luật sư, Đoàn Luật sư thành phố", "Giảng viên Đại học Quốc gia Hà Nội", "Giám đốc doanh nghiệp tư nhân",
    "Chủ tịch Hội Nông dân", "Bí thư Đoàn Thanh niên", "Chủ tịch Hội Liên hiệp Phụ nữ", "Công an",
    "Chủ tịch Liên đoàn Lao động", "Kỹ sư xây dựng", "Nhà giáo nhân dân đã nghỉ hưu", "Chủ nhiệm hợp tác xã",
    "Chánh Thanh tra", "Trưởng ban Tuyên giáo và Dân vận", "Doanh nhân, Hiệp hội Doanh nghiệp nhỏ và vừa",
]

FIELDS = [
    ("dat-dai", "Đất đai"), ("giao-thong", "Giao thông"), ("moi-truong", "Môi trường"), ("y-te", "Y tế"),
    ("giao-duc", "Giáo dục"), ("an-sinh-xa-hoi", "An sinh xã hội"), ("xay-dung-do-thi", "Xây dựng, đô thị"),
    ("dien-nuoc", "Điện, nước sạch"), ("an-ninh-trat-tu", "An ninh, trật tự"), ("nong-nghiep", "Nông nghiệp"),
    ("tai-chinh-ngan-sach", "Tài chính, ngân sách"), ("van-hoa-the-thao", "Văn hóa, thể thao"),
]

# (name, short name, kind, active, fields it answers for). Sở Giao thông vận tải and Sở Tài nguyên và Môi
# trường were merged in 2025 (into Sở Xây dựng, Sở Nông nghiệp và Môi trường): kept, inactive, for old records.
HANOI_AGENCIES = [
    ("Ủy ban nhân dân thành phố Hà Nội", "UBND TP", AgencyKind.PEOPLES_COMMITTEE, True, ["tai-chinh-ngan-sach"]),
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", AgencyKind.DEPARTMENT, True, ["dat-dai", "moi-truong", "nong-nghiep"]),
    ("Sở Tài nguyên và Môi trường", "Sở TN&MT", AgencyKind.DEPARTMENT, False, []),
    ("Sở Xây dựng", "Sở XD", AgencyKind.DEPARTMENT, True, ["xay-dung-do-thi", "giao-thong"]),
    ("Sở Giao thông vận tải", "Sở GTVT", AgencyKind.DEPARTMENT, False, []),
    ("Sở Y tế", "Sở YT", AgencyKind.DEPARTMENT, True, ["y-te"]),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", AgencyKind.DEPARTMENT, True, ["giao-duc"]),
    ("Sở Nội vụ", "Sở NV", AgencyKind.DEPARTMENT, True, ["an-sinh-xa-hoi"]),
    ("Sở Tài chính", "Sở TC", AgencyKind.DEPARTMENT, True, ["tai-chinh-ngan-sach"]),
    ("Sở Văn hóa và Thể thao", "Sở VH&TT", AgencyKind.DEPARTMENT, True, ["van-hoa-the-thao"]),
    ("Công an thành phố Hà Nội", "CATP", AgencyKind.DEPARTMENT, True, ["an-ninh-trat-tu"]),
    ("Thanh tra thành phố", "TTTP", AgencyKind.DEPARTMENT, True, []),
    ("Tòa án nhân dân thành phố Hà Nội", "TAND TP", AgencyKind.COURT, True, []),
    ("Viện kiểm sát nhân dân thành phố Hà Nội", "VKSND TP", AgencyKind.PROCURACY, True, []),
    ("Tổng công ty Điện lực TP Hà Nội", "EVNHANOI", AgencyKind.ENTERPRISE, True, ["dien-nuoc"]),
    ("Công ty TNHH MTV Nước sạch Hà Nội", "Nước sạch HN", AgencyKind.ENTERPRISE, True, ["dien-nuoc"]),
]
THANH_HOA_AGENCIES = [
    ("Ủy ban nhân dân tỉnh Thanh Hóa", "UBND tỉnh", AgencyKind.PEOPLES_COMMITTEE, True, ["tai-chinh-ngan-sach"]),
    ("Sở Nông nghiệp và Môi trường", "Sở NN&MT", AgencyKind.DEPARTMENT, True, ["dat-dai", "moi-truong", "nong-nghiep"]),
    ("Sở Xây dựng", "Sở XD", AgencyKind.DEPARTMENT, True, ["xay-dung-do-thi", "giao-thong"]),
    ("Sở Y tế", "Sở YT", AgencyKind.DEPARTMENT, True, ["y-te"]),
    ("Sở Giáo dục và Đào tạo", "Sở GD&ĐT", AgencyKind.DEPARTMENT, True, ["giao-duc"]),
    ("Sở Dân tộc và Tôn giáo", "Sở DT&TG", AgencyKind.DEPARTMENT, True, ["an-sinh-xa-hoi"]),
    ("Công an tỉnh Thanh Hóa", "CA tỉnh", AgencyKind.DEPARTMENT, True, ["an-ninh-trat-tu"]),
]
CENTRAL_AGENCIES = [
    ("Tập đoàn Điện lực Việt Nam", "EVN", AgencyKind.CENTRAL, True, []),
    ("Bộ Xây dựng", "BXD", AgencyKind.CENTRAL, True, []),
]

PETITION_TEXTS = {
    "dat-dai": [
        "Đề nghị đẩy nhanh việc cấp giấy chứng nhận quyền sử dụng đất cho các hộ gia đình tại {place}.",
        "Cử tri phản ánh việc chậm giải phóng mặt bằng dự án mở rộng đường tại {place}, đề nghị công khai phương án bồi thường.",
        "Đề nghị xử lý dứt điểm tình trạng lấn chiếm đất công tại {place}.",
    ],
    "giao-thong": [
        "Đề nghị sớm sửa chữa mặt đường xuống cấp, nhiều ổ gà tại {place}.",
        "Cử tri đề nghị lắp đặt đèn tín hiệu giao thông tại nút giao {place}.",
        "Tình trạng ùn tắc giờ cao điểm tại {place} kéo dài, đề nghị có giải pháp phân luồng.",
    ],
    "moi-truong": [
        "Đề nghị tăng tần suất thu gom rác thải sinh hoạt tại {place}.",
        "Cử tri phản ánh mùi hôi từ mương thoát nước tại {place}, đề nghị nạo vét, cải tạo.",
        "Đề nghị xử lý tình trạng ngập úng mỗi khi mưa lớn tại {place}.",
    ],
    "y-te": [
        "Đề nghị bổ sung bác sĩ và trang thiết bị cho trạm y tế {place}.",
        "Cử tri phản ánh tình trạng thiếu thuốc bảo hiểm y tế tại bệnh viện tuyến thành phố.",
        "Đề nghị tăng cường kiểm tra an toàn thực phẩm tại các bếp ăn tập thể khu vực {place}.",
    ],
    "giao-duc": [
        "Đề nghị xây dựng thêm trường mầm non công lập tại {place} do sĩ số lớp quá đông.",
        "Cử tri đề nghị công khai các khoản thu đầu năm học tại các trường trên địa bàn {place}.",
        "Đề nghị sửa chữa nhà vệ sinh, bếp ăn bán trú của trường tiểu học {place}.",
    ],
    "an-sinh-xa-hoi": [
        "Đề nghị xem xét chế độ trợ cấp cho người cao tuổi, người khuyết tật tại {place}.",
        "Cử tri đề nghị đẩy nhanh chi trả chế độ cho người có công với cách mạng.",
        "Đề nghị có chính sách hỗ trợ nhà ở xã hội cho công nhân, người lao động thu nhập thấp.",
    ],
    "xay-dung-do-thi": [
        "Cử tri phản ánh công trình xây dựng sai phép, vượt tầng tại {place}, đề nghị kiểm tra xử lý.",
        "Đề nghị sớm cải tạo chung cư cũ xuống cấp, nguy hiểm tại {place}.",
        "Đề nghị công khai quy hoạch chi tiết khu vực {place} để người dân được biết.",
    ],
    "dien-nuoc": [
        "Cử tri phản ánh nước sinh hoạt tại {place} thường xuyên mất, nước đục, đề nghị khắc phục.",
        "Đề nghị cải tạo lưới điện, hạ ngầm đường dây tại {place}.",
        "Đề nghị đầu tư hệ thống cấp nước sạch cho các hộ dân {place} chưa có nước máy.",
    ],
    "an-ninh-trat-tu": [
        "Đề nghị tăng cường tuần tra, xử lý tình trạng đua xe trái phép tại {place}.",
        "Cử tri đề nghị kiểm tra an toàn phòng cháy chữa cháy tại các nhà trọ, chung cư mini ở {place}.",
    ],
    "nong-nghiep": [
        "Đề nghị hỗ trợ giống, vật tư cho bà con bị thiệt hại do mưa bão tại {place}.",
        "Cử tri đề nghị nạo vét kênh mương nội đồng phục vụ sản xuất tại {place}.",
    ],
    "tai-chinh-ngan-sach": [
        "Đề nghị bố trí vốn hoàn thành dự án nhà văn hóa tổ dân phố tại {place}.",
        "Cử tri đề nghị công khai việc sử dụng kinh phí chỉnh trang đô thị tại {place}.",
    ],
    "van-hoa-the-thao": [
        "Đề nghị bố trí quỹ đất xây dựng sân chơi, điểm tập thể dục cho thiếu nhi và người cao tuổi tại {place}.",
        "Cử tri phản ánh karaoke gây ồn sau 22 giờ tại {place}, đề nghị xử lý.",
    ],
}
LETTER_TEXTS = {
    PetitionKind.COMPLAINT: [
        "Khiếu nại quyết định thu hồi đất và phương án bồi thường, hỗ trợ tại {place}.",
        "Khiếu nại việc không được xét hỗ trợ tái định cư khi giải phóng mặt bằng tại {place}.",
    ],
    PetitionKind.DENUNCIATION: [
        "Tố cáo hành vi xây dựng trái phép trên đất nông nghiệp tại {place}.",
        "Tố cáo cán bộ địa chính có dấu hiệu sách nhiễu khi giải quyết hồ sơ đất đai tại {place}.",
    ],
    PetitionKind.REQUEST: [
        "Đơn kiến nghị xem xét lại việc cấp phép kinh doanh quán bar gây ồn tại {place}.",
        "Đơn phản ánh việc chậm giải quyết hồ sơ cấp đổi giấy chứng nhận quyền sử dụng đất tại {place}.",
    ],
}
STREETS = {
    HANOI: ["phố Đội Cấn", "ngõ 158 Ngọc Hà", "phố Hàng Bông", "đường Láng", "khu tập thể Thành Công",
            "phố Kim Mã", "đường Giải Phóng", "khu đô thị Linh Đàm", "đường Phạm Văn Đồng", "phố Tây Sơn"],
    "00004": ["phố Đội Cấn", "ngõ 158 Ngọc Hà", "phố Liễu Giai", "phố Vĩnh Phúc", "khu tập thể Ngọc Khánh"],
    "00070": ["phố Hàng Bông", "phố Hàng Bạc", "phố Lý Thái Tổ", "ngõ Phất Lộc", "phố Hàng Gai"],
    "00640": ["thôn Văn Điển", "đường Ngọc Hồi", "thôn Tả Thanh Oai", "khu dân cư Tứ Hiệp", "thôn Yên Mỹ"],
    THANH_HOA: ["phường Hạc Thành", "xã Hoằng Hóa", "phường Sầm Sơn", "xã Nga Sơn", "phường Bỉm Sơn"],
    DISTRICT_CODE: ["phố Đội Cấn", "phố Liễu Giai", "phố Nguyễn Thái Học", "phố Kim Mã", "phố Giảng Võ"],
}


@dataclass
class CouncilData:
    """What the builders hand to one another for one council and term."""

    council: Council
    term: Term
    sessions: list = field(default_factory=list)
    bodies: dict = field(default_factory=dict)
    deputies: list = field(default_factory=list)
    groups: list = field(default_factory=list)
    members: dict = field(default_factory=dict)
    agencies: list = field(default_factory=list)
    meetings: list = field(default_factory=list)
    receptions: list = field(default_factory=list)


def aware(day: datetime.date, hour: int = 16) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def rng_for(part: str) -> random.Random:
    """One generator per part, all seeded with 2026, so a change in one part leaves the others alone."""
    return random.Random(f"2026:{part}")


def day_between(rng: random.Random, start: datetime.date, end: datetime.date) -> datetime.date:
    return start + datetime.timedelta(days=rng.randint(0, max(0, (end - start).days)))


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
]


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
    return [
        ("admin", "Quản trị hệ thống (superuser), mọi HĐND"),
        ("vanphong", f"Văn phòng {hanoi.name}"),
        ("daibieu", f"Đại biểu {hanoi.name}: {deputy.full_name}"),
        ("capuy", f"Cấp ủy (chỉ xem), {hanoi.name}"),
        ("vanphong2", f"Văn phòng {councils[THANH_HOA].name}"),
    ]


# --- the council's people and bodies -------------------------------------------------------------------

@dataclass(frozen=True)
class Shape:
    deputies: int
    units: int
    vice_chairs: int
    committees: tuple
    vice_heads: int
    area_word: str  # "thành phố", "tỉnh", "phường", "xã", "quận"


def seed_activity(councils, terms, district, fields, agencies, users) -> None:
    hanoi_areas = [w.removeprefix("Phường ").removeprefix("Xã ") for w in _ward_names(1)]
    thanh_hoa_areas = [w.removeprefix("Phường ").removeprefix("Xã ") for w in _ward_names(38)]
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
    for data in wards:
        seed_petitions(data, 15, fields, agencies, users["vanphong"])
    seed_petitions(thanh_hoa, 18, fields, agencies, users["vanphong2"])
    seed_petitions(old_district, 8, fields, agencies, None)
    seed_work_items(hanoi, 36, daibieu, users["vanphong"])
    for data in (*wards, thanh_hoa):
        seed_work_items(data, 8, None, None)
    seed_trainings(hanoi, wards, thanh_hoa)
    seed_briefings(hanoi, wards)


def _ward_names(province: int) -> list[str]:
    from vietnam_provinces import Ward

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


# --- oversight -----------------------------------------------------------------------------------------

@dataclass
class Plan:
    kind: str
    body: str | None  # key of data.bodies, "group:N", or None for a deputy's own oversight
    title: str
    field: str
    start: datetime.date
    end: datetime.date | None
    status: str
    recommendations: list = field(default_factory=list)  # (agency index, content, due, status)
    session: int | None = None


def seed_oversight(hanoi, wards, thanh_hoa, old_district, fields, daibieu) -> None:
    hanoi_programme = OversightProgramme.objects.create(
        council=hanoi.council, year=2026, title="Chương trình giám sát năm 2026 của HĐND thành phố Hà Nội",
        decision_number="15/NQ-HĐND", approved_on=D(2025, 12, 10),
    )
    daibieu_group = f"group:{hanoi.groups.index(next(g for g in hanoi.groups if daibieu in hanoi.members[g.pk]))}"
    S, C, P, IP = ActivityStatus, FollowUpStatus, ActivityStatus.PLANNED, ActivityStatus.IN_PROGRESS
    plans = [
        Plan(ActivityKind.THEMATIC, "standing", "Giám sát việc quản lý, sử dụng trụ sở, tài sản công dôi dư sau sắp xếp "
             "đơn vị hành chính", "dat-dai", D(2026, 4, 15), D(2026, 5, 30), S.CONCLUDED, [
                 (1, "Hoàn thành rà soát, lập phương án sử dụng các trụ sở dôi dư", D(2026, 9, 30), C.IN_PROGRESS),
                 (0, "Ban hành quy chế quản lý tài sản công dôi dư sau sắp xếp", D(2026, 8, 31), C.IMPLEMENTED),
                 (8, "Bố trí kinh phí sửa chữa trụ sở chuyển đổi công năng thành trường học, trạm y tế",
                  D(2026, 10, 31), C.NOT_STARTED),
                 (3, "Hướng dẫn thủ tục chuyển đổi công năng trụ sở dôi dư", D(2026, 12, 31), C.IN_PROGRESS),
                 (0, "Công khai danh mục trụ sở dôi dư trên cổng thông tin điện tử", D(2026, 10, 15),
                  C.PARTLY_IMPLEMENTED),
             ]),
        Plan(ActivityKind.THEMATIC, CommitteeType.URBAN, "Giám sát công tác quản lý trật tự xây dựng đô thị",
             "xay-dung-do-thi", D(2026, 6, 10), D(2026, 8, 15), S.CONCLUDED, [
                 (3, "Xử lý dứt điểm các công trình vi phạm trật tự xây dựng đã được phát hiện", D(2026, 9, 30),
                  C.IMPLEMENTED),
                 (0, "Xử lý trách nhiệm người đứng đầu nơi để xảy ra vi phạm kéo dài", D(2026, 10, 30),
                  C.NOT_IMPLEMENTED),
                 (3, "Số hóa hồ sơ cấp phép xây dựng", D(2027, 3, 31), C.IN_PROGRESS),
             ]),
        Plan(ActivityKind.SURVEY, CommitteeType.CULTURE_SOCIAL, "Khảo sát việc thực hiện chính sách bảo hiểm y tế học "
             "sinh, sinh viên", "y-te", D(2026, 8, 5), D(2026, 8, 20), S.CONCLUDED, [
                 (6, "Hướng dẫn các trường thu, nộp bảo hiểm y tế học sinh đúng quy định", D(2026, 9, 30),
                  C.IMPLEMENTED),
                 (5, "Bảo đảm đủ thuốc, vật tư y tế cho y tế trường học", D(2026, 11, 15), C.NOT_STARTED),
             ]),
        Plan(ActivityKind.SURVEY, CommitteeType.ECONOMY_BUDGET, "Khảo sát tiến độ giải ngân vốn đầu tư công năm 2026",
             "tai-chinh-ngan-sach", D(2026, 11, 5), None, IP),
        Plan(ActivityKind.QUESTIONING_SESSION, "plenary", "Chất vấn tại Kỳ họp thứ ba về giao thông, y tế và môi trường",
             "giao-thong", D(2026, 7, 9), D(2026, 7, 9), S.CONCLUDED, session=3),
        Plan(ActivityKind.QUESTIONING_BETWEEN, "standing", "Phiên chất vấn giữa hai kỳ họp về phòng cháy, chữa cháy tại "
             "nhà ở nhiều tầng, nhiều căn hộ", "an-ninh-trat-tu", D(2026, 10, 15), D(2026, 10, 15), S.CONCLUDED),
        Plan(ActivityKind.EXPLANATION_HEARING, CommitteeType.LEGAL, "Phiên giải trình về giải quyết khiếu nại, tố cáo "
             "kéo dài trong lĩnh vực đất đai", "dat-dai", D(2026, 9, 17), D(2026, 9, 17), S.CONCLUDED, [
                 (11, "Rà soát, giải quyết dứt điểm các vụ việc khiếu nại đông người, kéo dài", D(2026, 12, 31),
                  C.IN_PROGRESS),
             ]),
        Plan(ActivityKind.REPORT_REVIEW, CommitteeType.ECONOMY_BUDGET, "Thẩm tra báo cáo tình hình kinh tế - xã hội 6 "
             "tháng đầu năm 2026", "tai-chinh-ngan-sach", D(2026, 6, 25), D(2026, 7, 2), S.CONCLUDED, session=3),
        Plan(ActivityKind.RE_OVERSIGHT, "standing", "Tái giám sát việc thực hiện kiến nghị về quản lý trụ sở, tài sản "
             "công dôi dư", "dat-dai", D(2026, 12, 1), D(2026, 12, 20), P),
        Plan(ActivityKind.SURVEY, daibieu_group, "Khảo sát công tác thu gom, xử lý rác thải sinh hoạt tại khu dân cư",
             "moi-truong", D(2026, 6, 12), D(2026, 6, 12), S.CONCLUDED, [
                 (1, "Tăng tần suất thu gom rác tại các ngõ nhỏ, khu tập thể cũ", D(2026, 9, 15), C.IMPLEMENTED),
                 (1, "Bố trí điểm tập kết rác trung chuyển hợp vệ sinh", D(2026, 11, 10), C.IN_PROGRESS),
             ]),
        Plan(ActivityKind.THEMATIC, None, "Giám sát việc giải quyết kiến nghị của cử tri về ngập úng tại đơn vị bầu cử",
             "moi-truong", D(2026, 10, 1), None, IP),
        Plan(ActivityKind.THEMATIC, CommitteeType.CULTURE_SOCIAL, "Giám sát việc thực hiện chính sách đối với người có "
             "công với cách mạng", "an-sinh-xa-hoi", D(2026, 12, 5), D(2026, 12, 18), P),
    ]
    activities = add_activities(hanoi, plans, fields, hanoi_programme, daibieu)
    # The re-oversight looks again at the open recommendations of the first activity.
    activities[8].rechecked_recommendations.set(
        activities[0].recommendations.exclude(status=FollowUpStatus.IMPLEMENTED))
    seed_questions(hanoi, activities[4], activities[5], daibieu)

    for data in wards:
        programme = OversightProgramme.objects.create(
            council=data.council, year=2026, title=f"Chương trình giám sát năm 2026 của {data.council.name}",
            approved_on=D(2026, 3, 27))
        add_activities(data, [
            Plan(ActivityKind.SURVEY, CommitteeType.ECONOMY_BUDGET, "Khảo sát việc thu, chi ngân sách xã, phường 9 "
                 "tháng đầu năm", "tai-chinh-ngan-sach", D(2026, 9, 20), D(2026, 9, 25), S.CONCLUDED,
                 [(0, "Công khai dự toán, quyết toán ngân sách đúng hạn", D(2026, 11, 1), C.IMPLEMENTED),
                  (0, "Tăng thu ngân sách từ đấu giá quyền sử dụng đất", D(2026, 11, 15), C.NOT_STARTED)]),
            Plan(ActivityKind.THEMATIC, "standing", "Giám sát công tác vệ sinh môi trường, chỉnh trang đô thị",
                 "moi-truong", D(2026, 5, 10), D(2026, 5, 20), S.CONCLUDED,
                 [(0, "Xử lý các điểm tập kết rác tự phát", D(2026, 7, 31), C.IMPLEMENTED)]),
            Plan(ActivityKind.QUESTIONING_SESSION, "plenary", "Chất vấn tại kỳ họp thứ hai", "an-ninh-trat-tu",
                 D(2026, 7, 15), D(2026, 7, 15), S.CONCLUDED, session=2),
        ], fields, programme, None)

    programme = OversightProgramme.objects.create(
        council=thanh_hoa.council, year=2026, title="Chương trình giám sát năm 2026 của HĐND tỉnh Thanh Hóa",
        decision_number="08/NQ-HĐND", approved_on=D(2026, 3, 29))
    add_activities(thanh_hoa, [
        Plan(ActivityKind.EXPLANATION_HEARING, CommitteeType.ECONOMY_BUDGET, "Phiên giải trình về tiến độ các dự án "
             "đầu tư chậm triển khai", "tai-chinh-ngan-sach", D(2026, 8, 20), D(2026, 8, 20), S.CONCLUDED,
             [(0, "Thu hồi chủ trương đầu tư các dự án chậm tiến độ quá 24 tháng", D(2026, 10, 31), C.IN_PROGRESS)]),
        Plan(ActivityKind.THEMATIC, CommitteeType.ETHNIC, "Giám sát việc thực hiện chương trình mục tiêu quốc gia phát "
             "triển kinh tế - xã hội vùng đồng bào dân tộc thiểu số", "an-sinh-xa-hoi", D(2026, 6, 1), D(2026, 6, 30),
             S.CONCLUDED, [(5, "Giải ngân đủ vốn hỗ trợ nhà ở cho hộ nghèo", D(2026, 9, 30), C.IMPLEMENTED),
                           (0, "Bố trí vốn đối ứng của tỉnh", D(2026, 12, 31), C.NOT_STARTED)]),
    ], fields, programme, None)

    add_activities(old_district, [
        Plan(ActivityKind.SURVEY, CommitteeType.ECONOMY_BUDGET, "Khảo sát việc bàn giao hồ sơ, tài sản khi kết thúc "
             "hoạt động của chính quyền cấp quận", "tai-chinh-ngan-sach", D(2025, 5, 5), D(2025, 5, 9), S.CONCLUDED,
             [(0, "Hoàn thành bàn giao hồ sơ, tài sản trước ngày 30/6/2025", D(2025, 6, 25), C.IMPLEMENTED)]),
    ], fields, None, None)


def add_activities(data: CouncilData, plans: list[Plan], fields, programme, daibieu) -> list[OversightActivity]:
    rng = rng_for(f"oversight:{data.council.code}")
    activities = []
    for plan in plans:
        if plan.body is None:
            body, deputy = None, daibieu
        elif plan.body.startswith("group:"):
            body, deputy = data.groups[int(plan.body[6:])], None
        else:
            body, deputy = data.bodies[plan.body], None
        concluded = plan.status == ActivityStatus.CONCLUDED
        started = plan.status != ActivityStatus.PLANNED
        activities.append(OversightActivity(
            council=data.council, body=body, deputy=deputy, programme=programme, kind=plan.kind, title=plan.title,
            field=fields[plan.field], planned_start=plan.start, planned_end=plan.end,
            actual_start=plan.start if started else None, actual_end=plan.end if concluded else None,
            status=plan.status,
            session=next((s for s in data.sessions if s.number == plan.session), None) if plan.session else None,
            conclusion=f"Kết luận: {plan.title.lower()} cơ bản đạt yêu cầu; còn một số tồn tại cần khắc phục."
            if concluded else "",
            conclusion_date=(plan.end or plan.start) + datetime.timedelta(days=10) if concluded else None,
        ))
    activities = OversightActivity.objects.bulk_create(activities)

    participants, recommendations, follows = [], [], []
    for plan, activity in zip(plans, activities, strict=True):
        activity.subject_agencies.set({data.agencies[i] for i, *_ in plan.recommendations} or {data.agencies[0]})
        if activity.body_id:
            people = data.members.get(activity.body_id) or data.deputies[:6]
            team = people[:1] + rng.sample(people[1:], min(len(people) - 1, 4))
            if daibieu is not None and daibieu in people and daibieu not in team:
                team.append(daibieu)
        else:
            team = [daibieu]
        for k, deputy in enumerate(team):
            participants.append(Participant(activity=activity, deputy=deputy,
                                            role=ParticipantRole.LEAD if k == 0 else ParticipantRole.MEMBER))
        for agency_index, content, due, status in plan.recommendations:
            done = status == FollowUpStatus.IMPLEMENTED
            recommendations.append(Recommendation(
                activity=activity, agency=data.agencies[agency_index], content=content, due_date=due, status=status,
                completed_on=min(due - datetime.timedelta(days=rng.randint(0, 20)), TODAY) if done else None,
                result="Đã thực hiện, có văn bản báo cáo kết quả." if done else "",
            ))
            follows.append(team)
    recommendations = Recommendation.objects.bulk_create(recommendations)
    Participant.objects.bulk_create(participants)
    through = Recommendation.followers.through
    through.objects.bulk_create([
        through(recommendation_id=rec.pk, deputy_id=deputy.pk)
        for rec, team in zip(recommendations, follows, strict=True) for deputy in team[:2]
        + ([daibieu] if daibieu is not None and daibieu in team and daibieu not in team[:2] else [])
    ])
    return activities


def seed_questions(data: CouncilData, at_session: OversightActivity, between: OversightActivity, daibieu) -> None:
    agencies = {a.short_name: a for a in data.agencies}
    rows = [
        (at_session, daibieu, "Sở XD", "Giám đốc Sở Xây dựng",
         "Giải pháp nào để giảm ùn tắc tại các nút giao trọng điểm trong giờ cao điểm?",
         "Hoàn thành cải tạo 10 nút giao trọng điểm", D(2026, 10, 31), FollowUpStatus.IN_PROGRESS),
        (at_session, data.deputies[30], "Sở YT", "Giám đốc Sở Y tế",
         "Khi nào khắc phục được tình trạng thiếu thuốc bảo hiểm y tế tại các bệnh viện công lập?",
         "Hoàn thành đấu thầu tập trung thuốc năm 2026", D(2026, 9, 30), FollowUpStatus.IMPLEMENTED),
        (at_session, data.deputies[33], "Sở NN&MT", "Giám đốc Sở Nông nghiệp và Môi trường",
         "Tiến độ xử lý ô nhiễm các hồ, mương nội đô như thế nào?",
         "Xử lý ô nhiễm 15 hồ nội đô", D(2026, 12, 31), FollowUpStatus.IN_PROGRESS),
        (between, data.deputies[26], "CATP", "Giám đốc Công an thành phố",
         "Kết quả kiểm tra phòng cháy, chữa cháy tại chung cư mini sau các vụ cháy vừa qua?",
         "Kiểm tra 100% chung cư mini, nhà trọ trên địa bàn", D(2026, 11, 15), FollowUpStatus.NOT_STARTED),
    ]
    for activity, asker, agency, official, question, promise, due, status in rows:
        q = Question.objects.create(
            activity=activity, asked_by=asker, answering_agency=agencies[agency], answering_official=official,
            question=question, answer="Đã trả lời trực tiếp tại phiên chất vấn.", answered_on=activity.actual_start,
        )
        commitment = Commitment.objects.create(
            question=q, agency=agencies[agency], content=promise, due_date=due, status=status,
            completed_on=due - datetime.timedelta(days=5) if status == FollowUpStatus.IMPLEMENTED else None,
        )
        commitment.followers.add(asker)


# --- voters --------------------------------------------------------------------------------------------

def seed_meetings_and_receptions(data: CouncilData, daibieu) -> None:
    rng = rng_for(f"voters:{data.council.code}")
    retired = data.council.valid_to is not None
    meetings = []
    regular = [s for s in data.sessions if s.kind == SessionKind.REGULAR and s.start_date.year == (2025 if retired
                                                                                                  else 2026)]
    for group in data.groups:
        places = STREETS.get(data.council.code, STREETS[HANOI])
        for session in regular[-3:]:
            if session.number == 1 and not retired:
                continue  # the first session of a new term follows the election: no meeting before it
            before = session.start_date - datetime.timedelta(days=rng.randint(8, 25))
            if before <= TODAY:
                meetings.append((group, MeetingKind.BEFORE_SESSION, session, "", before, rng.choice(places)))
            after = session.end_date + datetime.timedelta(days=rng.randint(10, 30))
            if after <= min(TODAY, data.council.valid_to or TODAY):
                meetings.append((group, MeetingKind.AFTER_SESSION, session, "", after, rng.choice(places)))
    if not retired:
        meetings.append((data.bodies["standing"], MeetingKind.THEMATIC, None,
                         "Nhà ở xã hội cho công nhân, người lao động", D(2026, 8, 28), "Nhà văn hóa khu công nghiệp"))
        meetings.append((data.groups[0], MeetingKind.THEMATIC, None, "Chuyển đổi số trong dịch vụ công",
                         D(2026, 10, 24), "Hội trường tổ dân phố"))
    rows = VoterMeeting.objects.bulk_create([
        VoterMeeting(council=data.council, body=body, kind=kind, session=session, topic=topic, date=date,
                     place=f"Nhà văn hóa {place}" if not place.startswith(("Nhà", "Hội")) else place,
                     attendance=rng.randint(60, 350), with_fatherland_front=True)
        for body, kind, session, topic, date, place in meetings
    ])
    through = VoterMeeting.deputies_present.through
    present = []
    for meeting in rows:
        members = data.members.get(meeting.body_id) or data.deputies[:3]
        chosen = [d for d in members if rng.random() < 0.8] or members[:1]
        if daibieu in members and daibieu not in chosen:
            chosen.append(daibieu)
        present.extend(through(votermeeting_id=meeting.pk, deputy_id=d.pk) for d in chosen)
    through.objects.bulk_create(present)
    data.meetings = sorted(rows, key=lambda m: m.date)

    receptions = []
    months = range(1, 7) if retired else range(4, 12)
    year = 2025 if retired else 2026
    per_month = 3 if len(data.deputies) > 30 else 1
    for month in months:
        for k in range(per_month):
            deputy = daibieu if (daibieu in data.deputies and month in (6, 10) and k == 0) else rng.choice(data.deputies)
            receptions.append(CitizenReception(
                council=data.council, deputy=deputy, date=D(year, month, 10 + 5 * k), scheduled=rng.random() > 0.1,
                place=f"Trụ sở tiếp công dân {data.council.area_name}", people_count=rng.randint(2, 25),
                notes="Công dân phản ánh về đất đai, trật tự xây dựng, chế độ chính sách.",
            ))
    data.receptions = CitizenReception.objects.bulk_create(receptions)


# Each status with the window its petitions were received in, so the dates tell a consistent story.
STATUS_WINDOWS = {
    PetitionStatus.CLOSED: (D(2026, 1, 5), D(2026, 5, 31)),
    PetitionStatus.REPORTED: (D(2026, 2, 1), D(2026, 6, 30)),
    PetitionStatus.ANSWERED: (D(2026, 5, 1), D(2026, 9, 15)),
    PetitionStatus.FORWARDED: (D(2026, 7, 15), D(2026, 11, 5)),
    PetitionStatus.CLASSIFIED: (D(2026, 10, 20), D(2026, 11, 19)),
    PetitionStatus.RECEIVED: (D(2026, 10, 25), D(2026, 11, 20)),
    PetitionStatus.MERGED: (D(2026, 6, 1), D(2026, 11, 15)),
}
STATUS_SHARES = [
    (PetitionStatus.RECEIVED, 0.10), (PetitionStatus.CLASSIFIED, 0.10), (PetitionStatus.FORWARDED, 0.22),
    (PetitionStatus.ANSWERED, 0.18), (PetitionStatus.REPORTED, 0.16), (PetitionStatus.CLOSED, 0.14),
    (PetitionStatus.MERGED, 0.10),
]
FORWARD_DAYS = 10   # the council forwards within this many days of receipt
ANSWER_DAYS = 30    # and the agency answers within this many days


def seed_petitions(data: CouncilData, count: int, fields, agencies, clerk) -> None:
    from voters.search import petition_search_text

    rng = rng_for(f"petitions:{data.council.code}")
    retired = data.council.valid_to is not None
    by_field = agencies.get(("fields", data.council.code), {})
    if data.council.parent_id:
        # Communes' petitions often go to the city's departments too.
        by_field = {**agencies.get(("fields", data.council.parent.code), {}), **by_field}
    statuses = [status for status, share in STATUS_SHARES for _ in range(max(1, round(share * count)))][:count]
    if retired:
        statuses = [PetitionStatus.CLOSED] * count
    places = STREETS.get(data.council.code, STREETS[HANOI])
    field_codes = list(PETITION_TEXTS)
    specs = []
    for n, status in enumerate(statuses, start=1):
        start, end = STATUS_WINDOWS[status]
        if retired:
            start, end = D(2025, 2, 1), D(2025, 4, 30)
        meetings = [m for m in data.meetings if start <= m.date <= end]
        receptions = [r for r in data.receptions if start <= r.date <= end]
        kind = PetitionKind.VOTER_PETITION
        roll = rng.random()
        meeting = reception = None
        if roll < 0.12 and receptions:
            channel, reception = Channel.CITIZEN_RECEPTION, rng.choice(receptions)
            kind = rng.choice(list(LETTER_TEXTS))
            received = reception.date
        elif roll < 0.2:
            channel, kind = Channel.MAIL, rng.choice(list(LETTER_TEXTS))
            received = day_between(rng, start, end)
        elif roll < 0.25:
            channel, received = Channel.ONLINE, day_between(rng, start, end)
        elif meetings:
            channel, meeting = Channel.VOTER_MEETING, rng.choice(meetings)
            received = meeting.date
        else:
            channel, received = Channel.DIRECT, day_between(rng, start, end)
        field_code = rng.choice(field_codes)
        place = rng.choice(places)
        if kind == PetitionKind.VOTER_PETITION:
            content = rng.choice(PETITION_TEXTS[field_code]).format(place=place)
        else:
            field_code = "dat-dai" if kind != PetitionKind.REQUEST else rng.choice(["dat-dai", "van-hoa-the-thao"])
            content = rng.choice(LETTER_TEXTS[kind]).format(place=place)
        prefix = "KN" if kind == PetitionKind.VOTER_PETITION else "ĐT"
        sender = "" if kind == PetitionKind.VOTER_PETITION else \
            f"{rng.choice(FAMILY)} {rng.choice(MIDDLE[Gender.MALE])} {rng.choice(GIVEN[Gender.MALE])}"
        classified = status != PetitionStatus.RECEIVED
        petition = Petition(
            council=data.council, kind=kind, code=f"{prefix}-{received.year}-{n:04d}", content=content,
            field=fields[field_code] if classified else None, channel=channel, meeting=meeting, reception=reception,
            sender_name=sender, sender_address=f"{place}, {data.council.area_name}" if sender else "",
            received_on=received, status=status, forward_due=received + datetime.timedelta(days=FORWARD_DAYS),
            voters_count=rng.randint(1, 40) if meeting else 1, created_by=clerk,
        )
        petition.search_text = petition_search_text(content=content, code=petition.code, sender_name=sender)
        specs.append((petition, field_code))

    live = [p for p, _f in specs if p.status != PetitionStatus.MERGED]
    merged = [p for p, _f in specs if p.status == PetitionStatus.MERGED]
    for petition in merged:
        # A duplicate raised again at a later meeting is merged into the earlier petition.
        target = rng.choice([p for p in live if p.received_on <= petition.received_on] or live)
        petition.merged_into = target
        petition.content = target.content
        petition.search_text = petition_search_text(content=target.content, code=petition.code)
        target.meetings_count += 1
        target.voters_count += petition.voters_count
    Petition.objects.bulk_create(live)
    for petition in merged:
        petition.merged_into_id = petition.merged_into.pk
    Petition.objects.bulk_create(merged)

    forwardings = []
    answered_states = {PetitionStatus.ANSWERED, PetitionStatus.REPORTED, PetitionStatus.CLOSED}
    report_session = next((s for s in data.sessions if s.kind == SessionKind.REGULAR
                           and s.start_date >= D(2026 if not retired else 2025, 6, 1)), None)
    to_update = []
    for petition, field_code in specs:
        if petition.status not in answered_states | {PetitionStatus.FORWARDED}:
            continue
        targets = [by_field.get(field_code) or data.agencies[0]]
        if rng.random() < 0.3 and data.agencies[0] not in targets:
            targets.append(data.agencies[0])
        forwarded = petition.received_on + datetime.timedelta(days=rng.choice([2, 4, 6, 8, 9, 12, 15]))
        forwarded = min(forwarded, TODAY)
        petition.forwarded_on = forwarded
        latest_answer = forwarded
        for k, agency in enumerate(targets):
            due = forwarded + datetime.timedelta(days=ANSWER_DAYS)
            row = Forwarding(petition=petition, agency=agency, forwarded_on=forwarded, due_date=due,
                             document_number=f"{rng.randint(100, 999)}/HĐND-VP")
            answered = petition.status in answered_states or (k > 0 and rng.random() < 0.5)
            if petition.status == PetitionStatus.FORWARDED and k == 0:
                answered = False
            if answered:
                row.status = ForwardingStatus.ANSWERED
                row.answered_on = min(forwarded + datetime.timedelta(days=rng.randint(7, 40)), TODAY)
                row.outcome = rng.choice([AnswerOutcome.RESOLVED, AnswerOutcome.RESOLVED, AnswerOutcome.BEING_RESOLVED,
                                          AnswerOutcome.EXPLAINED])
                row.answer = "Cơ quan đã trả lời bằng văn bản, nêu rõ kết quả và lộ trình giải quyết."
                latest_answer = max(latest_answer, row.answered_on)
            elif rng.random() < 0.15:
                row.status = ForwardingStatus.CLARIFICATION
                row.clarification_since = min(forwarded + datetime.timedelta(days=5), TODAY)
                row.paused_days = rng.randint(2, 6)
            forwardings.append(row)
        if petition.status in (PetitionStatus.REPORTED, PetitionStatus.CLOSED) and report_session \
                and latest_answer < report_session.start_date:
            petition.reported_session = report_session
        to_update.append(petition)
    Petition.objects.bulk_update(to_update, ["forwarded_on", "reported_session"])
    Forwarding.objects.bulk_create(forwardings)


# --- work programme, trainings, briefings --------------------------------------------------------------

WORK_TITLES = [
    ("Xây dựng kế hoạch tổ chức kỳ họp", "Kế hoạch"),
    ("Tổng hợp ý kiến, kiến nghị cử tri trước kỳ họp", "Báo cáo tổng hợp"),
    ("Thẩm tra tờ trình, dự thảo nghị quyết trình kỳ họp", "Báo cáo thẩm tra"),
    ("Xây dựng báo cáo kết quả giám sát chuyên đề", "Báo cáo kết quả giám sát"),
    ("Chuẩn bị nội dung phiên chất vấn", "Danh mục nhóm vấn đề chất vấn"),
    ("Đôn đốc giải quyết kiến nghị cử tri sau kỳ họp", "Văn bản đôn đốc"),
    ("Tổ chức hội nghị giao ban Thường trực HĐND", "Thông báo kết luận giao ban"),
    ("Xây dựng chương trình giám sát năm sau", "Dự thảo nghị quyết chương trình giám sát"),
    ("Theo dõi việc thực hiện kiến nghị sau giám sát", "Báo cáo theo dõi"),
    ("Tổ chức tiếp công dân định kỳ", "Thông báo kết quả tiếp công dân"),
    ("Cập nhật cơ sở dữ liệu văn bản của HĐND", "Cơ sở dữ liệu được cập nhật"),
    ("Tập huấn kỹ năng cho đại biểu", "Tài liệu tập huấn"),
]


def seed_work_items(data: CouncilData, count: int, daibieu, clerk) -> None:
    rng = rng_for(f"work:{data.council.code}")
    bodies = [data.bodies["standing"], data.bodies["office"],
              *[b for key, b in data.bodies.items() if key not in ("standing", "office", "plenary")]]
    items, assignees = [], []
    for n in range(count):
        title, deliverable = WORK_TITLES[n % len(WORK_TITLES)]
        due = D(2026, 1, 15) + datetime.timedelta(days=int(n * 340 / count) + rng.randint(0, 10))
        body = bodies[n % len(bodies)]
        status, done_on = WorkItemStatus.NOT_STARTED, None
        if due < TODAY:
            roll = rng.random()
            if roll < 0.8:
                status, done_on = WorkItemStatus.DONE, due - datetime.timedelta(days=rng.randint(0, 10))
            elif roll < 0.88:
                status, done_on = WorkItemStatus.DONE, due + datetime.timedelta(days=rng.randint(3, 20))
            elif roll < 0.95:
                status = WorkItemStatus.IN_PROGRESS  # late
            else:
                status = WorkItemStatus.NOT_STARTED  # late
        elif rng.random() < 0.5:
            status = WorkItemStatus.IN_PROGRESS
        if n == count - 1:
            status, done_on = WorkItemStatus.CANCELLED, None
        lead = (data.members.get(body.pk) or data.deputies)[0]
        items.append(WorkItem(
            council=data.council, year=2026, origin=WorkItemOrigin.ARISING if n % 7 == 3 else WorkItemOrigin.PLANNED,
            title=f"{title} ({due:%m/%Y})", lead=lead.full_name, responsible_body=body, due_date=due,
            deliverable=deliverable, status=status, done_on=min(done_on, TODAY) if done_on else None,
            progress_note="Đang triển khai theo kế hoạch." if status == WorkItemStatus.IN_PROGRESS else "",
        ))
        assignees.append(lead)
    items = WorkItem.objects.bulk_create(items)
    deputies = WorkItem.assignee_deputies.through
    rows = [deputies(workitem_id=item.pk, deputy_id=lead.pk) for item, lead in zip(items, assignees, strict=True)]
    if daibieu is not None:
        # The demo deputy has work of their own: some done, some due, one late.
        rows += [deputies(workitem_id=item.pk, deputy_id=daibieu.pk)
                 for n, item in enumerate(items) if n % 6 == 2 and assignees[n].pk != daibieu.pk]
    deputies.objects.bulk_create(rows)
    if clerk is not None:
        users = WorkItem.assignee_users.through
        users.objects.bulk_create([users(workitem_id=item.pk, user_id=clerk.pk)
                                   for item in items if item.responsible_body_id == data.bodies["office"].pk])


def seed_trainings(hanoi, wards, thanh_hoa) -> None:
    rng = rng_for("trainings")
    rows = [
        (hanoi, "Bồi dưỡng kỹ năng hoạt động cho đại biểu HĐND thành phố nhiệm kỳ 2026-2031", D(2026, 5, 5),
         D(2026, 5, 7)),
        (hanoi, "Kỹ năng giám sát, chất vấn và giải trình", D(2026, 9, 8), D(2026, 9, 9)),
        (thanh_hoa, "Bồi dưỡng đại biểu HĐND tỉnh nhiệm kỳ 2026-2031", D(2026, 5, 12), D(2026, 5, 14)),
        *[(data, "Tập huấn nghiệp vụ cho đại biểu HĐND cấp xã", D(2026, 6, 16), D(2026, 6, 17)) for data in wards],
    ]
    trainings = Training.objects.bulk_create([
        Training(council=data.council, title=title, organizer="Thường trực HĐND thành phố" if data is not thanh_hoa
                 else "Thường trực HĐND tỉnh", start_date=start, end_date=end, place="Trường Đào tạo cán bộ")
        for data, title, start, end in rows
    ])
    attendances = []
    for training, (data, *_rest) in zip(trainings, rows, strict=True):
        for deputy in data.deputies:
            present = rng.random() > 0.08
            attendances.append(TrainingAttendance(training=training, deputy=deputy, attended=present,
                                                  note="" if present else "Vắng có lý do (công tác)"))
    TrainingAttendance.objects.bulk_create(attendances)


def seed_briefings(hanoi, wards) -> None:
    for quarter, day in ((1, D(2026, 3, 20)), (2, D(2026, 6, 26)), (3, D(2026, 9, 25))):
        briefing = Briefing.objects.create(
            council=hanoi.council, date=day, place="Trụ sở HĐND thành phố",
            topic=f"Giao ban Thường trực HĐND thành phố với Thường trực HĐND các xã, phường quý {'I' * quarter}/2026",
            summary="Thống nhất nội dung phối hợp giám sát, tiếp xúc cử tri và giải quyết kiến nghị cử tri.",
        )
        briefing.participating_councils.set([data.council for data in wards])
