"""Building the documents: a context per kind (``contexts``), then Word from a docxtpl template (``word``) or
PDF from HTML (``pdf``)."""

from .contexts import (
    GROUP_BY,
    activity_report_context,
    compliance_report_context,
    forwarding_letter_context,
    receipt_context,
    session_report_context,
)
from .pdf import render_html, render_pdf
from .word import builtin_template, render_docx, template_errors

__all__ = [
    "GROUP_BY", "activity_report_context", "builtin_template", "compliance_report_context",
    "forwarding_letter_context", "receipt_context", "render_docx", "render_html", "render_pdf",
    "session_report_context", "template_errors",
]
