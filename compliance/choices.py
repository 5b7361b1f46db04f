"""Choices of the compliance app: who a rule measures, what it measures, over which period, with which outcome."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SubjectType(models.TextChoices):
    """Who is measured. Bodies are found by ``Body.kind``; the rule may narrow committees by type."""

    COUNCIL = "council", _("HĐND")
    STANDING_BOARD = "standing_board", _("Thường trực HĐND")
    COMMITTEE = "committee", _("Từng Ban của HĐND")
    DEPUTY_GROUP = "deputy_group", _("Từng Tổ đại biểu")
    DEPUTY = "deputy", _("Từng đại biểu")


BODY_SUBJECT_TYPES = (SubjectType.STANDING_BOARD, SubjectType.COMMITTEE, SubjectType.DEPUTY_GROUP)


class Metric(models.TextChoices):
    ACTIVITY_COUNT = "activity_count", _("Số hoạt động theo loại")
    PETITIONS_FORWARDED = "petitions_forwarded", _("Tỷ lệ kiến nghị, đơn thư được chuyển (đúng hạn)")
    FORWARDINGS_ANSWERED_ON_TIME = "forwardings_answered_on_time", _("Tỷ lệ kiến nghị được trả lời đúng hạn")
    DEPUTIES_WITH_MIN = "deputies_with_min", _("Tỷ lệ đại biểu đạt số lần tối thiểu (tiếp công dân, tập huấn)")
    RECOMMENDATIONS_IMPLEMENTED = "recommendations_implemented", _("Tỷ lệ kiến nghị giám sát đến hạn đã thực hiện")
    WORK_ITEMS_ON_TIME = "work_items_on_time", _("Tỷ lệ nội dung chương trình công tác hoàn thành đúng hạn")
    SESSION_DOCUMENTS_LEAD = "session_documents_lead", _("Tỷ lệ kỳ họp gửi tài liệu đủ số ngày trước khai mạc")
    SESSIONS_WITH_ACTIVITY = "sessions_with_activity", _("Tỷ lệ kỳ họp có hoạt động (ví dụ: chất vấn)")
    AGENCY_ANSWERS_ON_TIME = "agency_answers_on_time", _("Tỷ lệ kiến nghị cơ quan nhận trong kỳ được trả lời đúng hạn")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Năm")
    HALF_YEAR = "half_year", _("6 tháng")
    QUARTER = "quarter", _("Quý")
    BETWEEN_SESSIONS = "between_sessions", _("Giữa hai kỳ họp thường lệ")
    TERM = "term", _("Nhiệm kỳ")
    ROLLING_DAYS = "rolling_days", _("N ngày gần nhất")


class Comparison(models.TextChoices):
    COUNT_AT_LEAST = "count_gte", _("Số lượng ≥ N")
    SHARE_AT_LEAST = "share_gte", _("Tỷ lệ ≥ X %")


class Obligation(models.TextChoices):
    REQUIRED = "required", _("Bắt buộc")
    ENCOURAGED = "encouraged", _("Khuyến khích")


class ResultStatus(models.TextChoices):
    MET = "met", _("Đạt")
    ON_TRACK = "on_track", _("Đúng tiến độ")
    AT_RISK = "at_risk", _("Có nguy cơ không đạt")
    MISSED = "missed", _("Không đạt")
    NOT_APPLICABLE = "not_applicable", _("Không áp dụng")


# Statuses that count towards the compliance percentage, and those that count as compliant.
EVALUATED_STATUSES = (ResultStatus.MET, ResultStatus.ON_TRACK, ResultStatus.AT_RISK, ResultStatus.MISSED)
COMPLIANT_STATUSES = (ResultStatus.MET, ResultStatus.ON_TRACK)


class RunStatus(models.TextChoices):
    RUNNING = "running", _("Đang chạy")
    FINISHED = "finished", _("Hoàn thành")
    FAILED = "failed", _("Lỗi")
    SKIPPED = "skipped", _("Bỏ qua (đang có lượt tính khác)")
