"""What every document page shares: which format was asked for, and the file response."""

from __future__ import annotations

from urllib.parse import quote

from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _

from ..choices import CONTENT_TYPES, OutputFormat


def output_of(request) -> str:
    """``?format=docx`` or ``?format=pdf`` (PDF when none is given); anything else is a 404."""
    output = request.GET.get("format") or OutputFormat.PDF
    if output not in OutputFormat.values:
        raise Http404(_("Không có định dạng này."))
    return output


def file_response(data: bytes, filename: str, output: str) -> HttpResponse:
    response = HttpResponse(data, content_type=CONTENT_TYPES[output])
    response["Content-Disposition"] = f"attachment; filename*=UTF-8''{quote(filename)}"
    response["Cache-Control"] = "private, no-store"
    return response
