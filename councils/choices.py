"""Choices of the councils app: the kinds of bodies, roles and records a council has."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class BodyKind(models.TextChoices):
    PLENARY = "plenary", _("Hội đồng nhân dân (toàn thể)")
    STANDING_BOARD = "standing_board", _("Thường trực HĐND")
    COMMITTEE = "committee", _("Ban của HĐND")
    DEPUTY_GROUP = "deputy_group", _("Tổ đại biểu")
    OFFICE = "office", _("Văn phòng HĐND")


class CommitteeType(models.TextChoices):
    NONE = "", _("(không phải Ban)")
    LEGAL = "legal", _("Ban Pháp chế")
    ECONOMY_BUDGET = "economy_budget", _("Ban Kinh tế - Ngân sách")
    CULTURE_SOCIAL = "culture_social", _("Ban Văn hóa - Xã hội")
    URBAN = "urban", _("Ban Đô thị")
    ETHNIC = "ethnic", _("Ban Dân tộc")


class MembershipRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch")
    HEAD = "head", _("Trưởng ban / Tổ trưởng")
    VICE_HEAD = "vice_head", _("Phó Trưởng ban / Tổ phó")
    MEMBER = "member", _("Thành viên")


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")
    OTHER = "other", _("Khác")


class SessionKind(models.TextChoices):
    REGULAR = "regular", _("Thường lệ")
    THEMATIC = "thematic", _("Chuyên đề")
    URGENT = "urgent", _("Bất thường")


class AgencyKind(models.TextChoices):
    PEOPLES_COMMITTEE = "peoples_committee", _("Ủy ban nhân dân")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    COURT = "court", _("Tòa án nhân dân")
    PROCURACY = "procuracy", _("Viện kiểm sát nhân dân")
    ENTERPRISE = "enterprise", _("Doanh nghiệp, đơn vị sự nghiệp")
    CENTRAL = "central", _("Cơ quan trung ương")
    OTHER = "other", _("Khác")


class Role(models.TextChoices):
    SECRETARIAT = "secretariat", _("Văn phòng (chuyên viên)")
    DEPUTY = "deputy", _("Đại biểu HĐND")
    PARTY_VIEWER = "party_viewer", _("Cấp ủy (chỉ xem)")
    ADMINISTRATOR = "administrator", _("Quản trị hệ thống")
    AGENCY_STAFF = "agency_staff", _("Cán bộ cơ quan được chuyển kiến nghị")


class ChangeSource(models.TextChoices):
    """Which path a change came through (nhật ký ghi cả nguồn thay đổi)."""

    PAGE = "page", _("Trang web")
    API = "api", _("API")
    ADMIN = "admin", _("Trang quản trị")
    IMPORT = "import", _("Nhập từ tệp")
    TASK = "task", _("Tác vụ tự động")
    COMMAND = "command", _("Lệnh quản trị")


class ImportKind(models.TextChoices):
    """What an Excel import brings in (issue 16: a new term's structure entered by the councils' own staff)."""

    DEPUTIES = "deputies", _("Đại biểu")
    ELECTORAL_UNITS = "electoral_units", _("Đơn vị bầu cử")
    BODIES = "bodies", _("Cơ quan của HĐND (Ban, Tổ đại biểu...)")
    MEMBERSHIPS = "memberships", _("Thành viên các cơ quan")
    AGENCIES = "agencies", _("Cơ quan có thẩm quyền")
    USERS = "users", _("Tài khoản người dùng")


class ImportStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã nhập")
    FAILED = "failed", _("Không nhập được")


class AccountEvent(models.TextChoices):
    """What the history says of an account (the secretariat's account pages, councils.accounts)."""

    CREATED = "account_created", _("Tạo tài khoản")
    UPDATED = "account_updated", _("Sửa họ tên, thư điện tử của tài khoản")
    ROLE_GRANTED = "account_role_granted", _("Phân quyền")
    DEACTIVATED = "account_deactivated", _("Khóa tài khoản")
    REACTIVATED = "account_reactivated", _("Mở lại tài khoản")
    PASSWORD_RESET = "account_password_reset", _("Cấp lại mật khẩu tạm")
    PASSWORD_CHANGED = "account_password_changed", _("Đổi mật khẩu tạm")


class CalendarEvent(models.TextChoices):
    """What the history says of the working-day calendar (councils.calendar)."""

    DAY_OFF_ADDED = "day_off_added", _("Thêm ngày nghỉ")
    DAY_OFF_CHANGED = "day_off_changed", _("Sửa ngày nghỉ")
    DAY_OFF_REMOVED = "day_off_removed", _("Bỏ ngày nghỉ")
    DEADLINE_RECOMPUTED = "deadline_recomputed", _("Tính lại thời hạn theo ngày nghỉ mới")
    DEADLINE_RESTORED = "deadline_restored", _("Tính lại thời hạn khi bỏ ngày nghỉ")


class HandoverEvent(models.TextChoices):
    """What the history says of a handover and of a term changeover (councils.handovers, councils.term_changeover)."""

    HANDED_OVER = "handed_over", _("Chuyển giao sang HĐND kế thừa")
    CARRIED_OVER = "carried_over", _("Chuyển sang nhiệm kỳ mới")
