"""Downloading each document from the page of its record: the session report (beside its .xlsx, at the same
URL), a petition's receipt, an oversight activity's result report and the compliance report. Each record is
read through its app's scoped selector, so another council's is a 404."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from councils import selectors as council_selectors
from councils import sessions
from oversight import selectors as oversight_selectors
from voters import excel
from voters import selectors as voters_selectors
from voters.permissions import can_see_tracking_key
from voters.views import session_report as session_report_xlsx

from .. import jobs, rendering, services
from ..choices import DocumentKind, OutputFormat
from ._files import file_response, output_of


def _build(council, kind: str, output: str, context: dict, filename: str):
    data = jobs.build_document(council=council, kind=kind, output=output, context=context)
    return file_response(data, f"{filename}.{output}", output)


@login_required
def session_report(request, pk):
    """/cu-tri/bao-cao-ky-hop/<id>/: ``?format=docx`` and ``?format=pdf`` are built here, anything else is the
    voters app's .xlsx as before. Above ``DOCUMENTS_ASYNC_PETITIONS`` petitions the file is built by a
    background job and the page shows its progress."""
    if request.GET.get("format") not in OutputFormat.values:
        return session_report_xlsx(request, pk)
    output = output_of(request)
    session = get_object_or_404(sessions.sessions_for(request.user).select_related("council", "term"), pk=pk)
    group_by = request.GET.get("group_by", "field")
    group_by = group_by if group_by in rendering.GROUP_BY else "field"
    if excel.session_report_petitions(session).count() > settings.DOCUMENTS_ASYNC_PETITIONS:
        job = services.request_job(council=session.council, kind=DocumentKind.SESSION_REPORT, output=output,
                                   object_id=session.pk, params={"group_by": group_by}, actor=request.user)
        return redirect("documents:job_detail", pk=job.pk)
    context = rendering.session_report_context(session, group_by=group_by)
    return _build(session.council, DocumentKind.SESSION_REPORT, output, context,
                  f"bao-cao-kien-nghi-ky-hop-{session.number}")


@login_required
def receipt(request, pk):
    """Giấy biên nhận of a petition or letter the user may see."""
    output = output_of(request)
    petition = get_object_or_404(voters_selectors.petitions_for(request.user).select_related("council"), pk=pk)
    context = rendering.receipt_context(petition)
    # The sender follows the petition with its public code; the secret key only on the copy staff who may see
    # it hand over (the secretariat, or whoever entered it).
    context.update(tracking_code=petition.tracking_code, tracking_url=f"{settings.PORTAL_BASE_URL}/tra-cuu/",
                   tracking_key=petition.tracking_key if can_see_tracking_key(request.user, petition) else "")
    return _build(petition.council, DocumentKind.RECEIPT, output, context,
                  f"giay-bien-nhan-{petition.code or petition.pk}")


@login_required
def activity_report(request, pk):
    """Báo cáo kết quả giám sát of an oversight activity the user may see."""
    output = output_of(request)
    activity = get_object_or_404(oversight_selectors.activities_for(request.user), pk=pk)
    context = rendering.activity_report_context(activity)
    return _build(activity.council, DocumentKind.ACTIVITY_REPORT, output, context, f"bao-cao-giam-sat-{activity.pk}")


def _year_end(request) -> datetime.date | None:
    """A past ``?year=`` is reported as it stood at its end (as the dashboard does); else the latest figures."""
    year = request.GET.get("year", "")
    if year.isdigit() and 2000 <= int(year) < timezone.localdate().year:
        return datetime.date(int(year), 12, 31)
    return None


@login_required
def compliance_report(request):
    """Báo cáo kết quả thực hiện chỉ tiêu of ``?council=`` (default: the user's own) and its subtree, for the
    year of ``?year=`` as the dashboard shows it."""
    output = output_of(request)
    pk = request.GET.get("council", "")
    council = (council_selectors.council_for(request.user, int(pk)) if pk.isdigit()
               else council_selectors.primary_council(request.user))
    if council is None:
        raise PermissionDenied(_("Tài khoản của bạn chưa được phân quyền cho HĐND nào."))
    context = rendering.compliance_report_context(request.user, council, as_of=_year_end(request))
    return _build(council, DocumentKind.COMPLIANCE_REPORT, output, context,
                  f"bao-cao-chi-tieu-{council.code}-{timezone.localdate():%Y%m%d}")
