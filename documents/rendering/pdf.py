"""PDF (final) from the same context: HTML of templates/documents/<kind>.html laid out by WeasyPrint, with the
serif font embedded so every Vietnamese diacritic prints as typed."""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML


def render_html(kind: str, context: dict) -> str:
    return render_to_string(f"documents/{kind}.html", context)


def render_pdf(kind: str, context: dict) -> bytes:
    return HTML(string=render_html(kind, context)).write_pdf()
