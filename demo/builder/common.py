"""What every part of the demo builder shares: the fixed dates, names, texts and the per-part random
generators that make two seeded databases identical."""

from __future__ import annotations

import datetime
import random
from dataclasses import dataclass, field

from django.utils import timezone

from councils.choices import AgencyKind, Gender
from councils.models import (
    Council,
    Term,
)
from voters.choices import PetitionKind

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
