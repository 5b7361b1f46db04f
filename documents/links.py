"""The Word / PDF buttons the documents app adds to the pages of the records they are made from (registered with
the page framework by ``DocumentsConfig.ready``; the pages themselves know nothing of this app)."""

from __future__ import annotations

from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from utilities import ui
from voters.permissions import can_manage

from .choices import OutputFormat
from .views.letters import letter_url

COMPLIANCE_DASHBOARD = "compliance.dashboard"


def _pair(label: str, url: str, query: dict | None = None) -> list[ui.Link]:
    joiner = "&" if "?" in url else "?"
    return [
        ui.Link(_("%(label)s (.docx)") % {"label": label},
                url + joiner + urlencode({**(query or {}), "format": OutputFormat.DOCX}),
                icon="file-earmark-word", css="btn-outline-primary"),
        ui.Link(_("%(label)s (.pdf)") % {"label": label},
                url + joiner + urlencode({**(query or {}), "format": OutputFormat.PDF}),
                icon="file-earmark-pdf", css="btn-outline-danger"),
    ]


def session_links(user, session) -> list[ui.Link]:
    return _pair(_("Báo cáo kiến nghị cử tri"), reverse("voters:session_report", args=[session.pk]))


def petition_links(user, petition) -> list[ui.Link]:
    links = _pair(_("Giấy biên nhận"), reverse("documents:receipt", args=[petition.pk]))
    if can_manage(user, petition.council):
        for forwarding in petition.forwardings.select_related("agency"):
            label = forwarding.agency.short_name or forwarding.agency.name
            if forwarding.document_number:
                links.append(ui.Link(_("Công văn %(number)s — %(agency)s") % {
                    "number": forwarding.document_number, "agency": label},
                    letter_url(forwarding.agency_id, petition.council_id, forwarding.document_number),
                    icon="envelope-paper", css="btn-outline-secondary"))
            else:
                links.append(ui.Link(_("Lập công văn chuyển — %(agency)s") % {"agency": label},
                                     letter_url(forwarding.agency_id, petition.council_id),
                                     icon="envelope-plus", css="btn-outline-secondary"))
    return links


def activity_links(user, activity) -> list[ui.Link]:
    return _pair(_("Báo cáo kết quả giám sát"), reverse("documents:activity_report", args=[activity.pk]))


def compliance_links(user, filters) -> list[ui.Link]:
    """``filters``: the dashboard's council and year."""
    return _pair(_("Báo cáo chỉ tiêu"), reverse("documents:compliance_report"), filters)


def register() -> None:
    ui.register_links("councils.session", session_links)
    ui.register_links("voters.petition", petition_links)
    ui.register_links("oversight.oversightactivity", activity_links)
    ui.register_links(COMPLIANCE_DASHBOARD, compliance_links)
