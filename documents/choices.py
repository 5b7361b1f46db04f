"""The kinds of official document the portal issues, and the states of a template and of a background job."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    SESSION_REPORT = "session_report", _("Báo cáo kết quả giải quyết kiến nghị cử tri")
    FORWARDING_LETTER = "forwarding_letter", _("Công văn chuyển kiến nghị")
    RECEIPT = "receipt", _("Giấy biên nhận đơn thư, kiến nghị")
    ACTIVITY_REPORT = "activity_report", _("Báo cáo kết quả giám sát")
    COMPLIANCE_REPORT = "compliance_report", _("Báo cáo kết quả thực hiện chỉ tiêu")


class OutputFormat(models.TextChoices):
    DOCX = "docx", _("Word (.docx, sửa được)")
    PDF = "pdf", _("PDF (bản phát hành)")


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Lỗi")


CONTENT_TYPES = {
    OutputFormat.DOCX: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    OutputFormat.PDF: "application/pdf",
}
