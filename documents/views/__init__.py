"""Pages of the documents app: each document from its record's page, the forwarding letter, the councils' Word
templates and the background jobs."""

from .jobs import job_detail, job_download
from .letters import LetterIssueView, letter_detail, letter_index, letter_url
from .reports import activity_report, compliance_report, receipt, session_report
from .templates import (
    TemplateUploadView,
    builtin_template,
    template_archive,
    template_download,
    template_list,
)

__all__ = [
    "LetterIssueView", "TemplateUploadView", "activity_report", "builtin_template", "compliance_report",
    "job_detail", "job_download", "letter_detail", "letter_index", "letter_url", "receipt", "session_report",
    "template_archive", "template_download", "template_list",
]
