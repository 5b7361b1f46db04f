"""Choices of the oversight app."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    THEMATIC = "thematic", _("Giám sát chuyên đề")
    SURVEY = "survey", _("Khảo sát")
    QUESTIONING_SESSION = "questioning_session", _("Chất vấn tại kỳ họp")
    QUESTIONING_BETWEEN = "questioning_between", _("Chất vấn giữa hai kỳ họp")
    EXPLANATION_HEARING = "explanation_hearing", _("Phiên giải trình")
    REPORT_REVIEW = "report_review", _("Xem xét báo cáo")
    RE_OVERSIGHT = "re_oversight", _("Tái giám sát")


QUESTIONING_KINDS = (ActivityKind.QUESTIONING_SESSION, ActivityKind.QUESTIONING_BETWEEN)


class ActivityStatus(models.TextChoices):
    PLANNED = "planned", _("Kế hoạch")
    IN_PROGRESS = "in_progress", _("Đang tiến hành")
    CONCLUDED = "concluded", _("Đã kết luận")
    CANCELLED = "cancelled", _("Hủy")


class ParticipantRole(models.TextChoices):
    LEAD = "lead", _("Trưởng đoàn")
    DEPUTY_LEAD = "deputy_lead", _("Phó trưởng đoàn")
    MEMBER = "member", _("Thành viên")
    SECRETARY = "secretary", _("Thư ký")


class FollowUpStatus(models.TextChoices):
    """Shared by recommendations and questioning commitments: followed "to the end"."""

    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    IMPLEMENTED = "implemented", _("Đã thực hiện")
    PARTLY_IMPLEMENTED = "partly_implemented", _("Thực hiện một phần")
    NOT_IMPLEMENTED = "not_implemented", _("Không thực hiện")


OPEN_FOLLOW_UP = (FollowUpStatus.NOT_STARTED, FollowUpStatus.IN_PROGRESS, FollowUpStatus.PARTLY_IMPLEMENTED)


class DocumentKind(models.TextChoices):
    PLAN = "plan", _("Kế hoạch")
    REPORT = "report", _("Báo cáo")
    CONCLUSION = "conclusion", _("Kết luận")
    OTHER = "other", _("Khác")


class WorkItemStatus(models.TextChoices):
    NOT_STARTED = "not_started", _("Chưa thực hiện")
    IN_PROGRESS = "in_progress", _("Đang thực hiện")
    DONE = "done", _("Hoàn thành")
    CANCELLED = "cancelled", _("Hủy")


class WorkItemOrigin(models.TextChoices):
    PLANNED = "planned", _("Theo chương trình")
    ARISING = "arising", _("Phát sinh")
