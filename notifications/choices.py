"""Choices of the notifications app: what a notification is about, how a user wants email, who a ladder
step tells."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    ASSIGNED = "assigned", _("Được giao, được phân công theo dõi")
    FORWARDING_RECEIVED = "forwarding_received", _("Nhận kiến nghị được chuyển")
    ANSWER_RECEIVED = "answer_received", _("Cơ quan đã trả lời")
    ANSWER_RETURNED = "answer_returned", _("Câu trả lời bị trả lại")
    DUE_SOON = "due_soon", _("Sắp đến hạn")
    OVERDUE = "overdue", _("Quá hạn")
    ESCALATED = "escalated", _("Báo cáo cấp trên do quá hạn")
    FEEDBACK_NOT_RESOLVED = "feedback_not_resolved", _("Cử tri phản hồi chưa được giải quyết")
    COMPLIANCE_FELL = "compliance_fell", _("Chỉ tiêu chuyển sang nguy cơ hoặc không đạt")


class EmailMode(models.TextChoices):
    IMMEDIATE = "immediate", _("Gửi ngay từng thông báo")
    DIGEST = "digest", _("Gửi một thư tổng hợp mỗi ngày")
    OFF = "off", _("Không gửi thư")


class Audience(models.TextChoices):
    """Who a step of the escalation ladder tells, besides those told by the earlier steps."""

    RESPONSIBLE = "responsible", _("Cơ quan, người được giao")
    SECRETARIAT = "secretariat", _("Văn phòng HĐND")
    STANDING_BOARD = "standing_board", _("Thường trực HĐND")
    PARTY = "party", _("Cấp ủy")


# The audiences of a step include those of the steps below it: "overdue 10 → the standing board" still
# tells the agency and the secretariat.
AUDIENCE_ORDER = (Audience.RESPONSIBLE, Audience.SECRETARIAT, Audience.STANDING_BOARD, Audience.PARTY)


class ItemKind(models.TextChoices):
    """The kinds of records with a deadline the ladder follows."""

    PETITION = "petition", _("Kiến nghị, đơn thư chờ chuyển")
    FORWARDING = "forwarding", _("Kiến nghị đã chuyển, chờ trả lời")
    RECOMMENDATION = "recommendation", _("Kiến nghị giám sát")
    COMMITMENT = "commitment", _("Cam kết sau chất vấn")
    WORK_ITEM = "work_item", _("Nội dung chương trình công tác")
