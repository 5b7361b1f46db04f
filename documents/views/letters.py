"""The forwarding letter (công văn chuyển kiến nghị): the agencies with forwardings still without a letter, the
page to pick the forwardings and give the letter its number, and the letter itself in Word or PDF."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from councils import selectors as council_selectors
from councils.models import Agency
from utilities import ui
from voters import selectors as voters_selectors
from voters import services as voters_services

from .. import jobs, permissions, rendering
from ..choices import DocumentKind, OutputFormat
from ..forms import LetterForm
from ._files import file_response


def _council(request):
    pk = request.GET.get("council", "")
    council = (council_selectors.council_for(request.user, int(pk)) if pk.isdigit()
               else council_selectors.primary_council(request.user))
    if council is None:
        raise Http404(_("Không có HĐND nào."))
    return council


def letter_url(agency_id: int, council_id: int, number: str = "", output: str = "") -> str:
    if not number:
        return reverse("documents:letter_issue", args=[agency_id]) + "?" + urlencode({"council": council_id})
    query = {"council": council_id, "so": number, **({"format": output} if output else {})}
    return reverse("documents:letter_detail", args=[agency_id]) + "?" + urlencode(query)


@login_required
def letter_index(request):
    """Công văn chuyển kiến nghị: per council and agency, the forwardings without a letter and the letters."""
    rows = list(
        voters_selectors.forwardings_for(request.user)
        .values("council_id", "council__name", "agency_id", "agency__name")
        .annotate(pending=Count("pk", filter=Q(document_number="")),
                  lettered=Count("document_number", distinct=True, filter=~Q(document_number="")))
        .order_by("council__name", "agency__name")
    )
    for row in rows:
        row["url"] = letter_url(row["agency_id"], row["council_id"])
    return render(request, "documents/letter_index.html", {"title": _("Công văn chuyển kiến nghị"), "rows": rows})


class LetterIssueView(ui.ServiceFormView):
    """Lập công văn: the forwardings to one agency not yet in a letter, preselected; the number fills them."""

    title = gettext_lazy("Lập công văn chuyển kiến nghị")
    form_class = LetterForm
    success_message = gettext_lazy("Đã ghi số công văn vào các kiến nghị đã chọn.")

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.agency = get_object_or_404(Agency.objects.all(), pk=kwargs["pk"])

    def check_permission(self) -> None:
        self.council = _council(self.request)
        if not permissions.can_issue_letter(self.request.user, self.council):
            raise PermissionDenied(_("Bạn không có quyền lập công văn của HĐND này."))

    def get_form_kwargs(self) -> dict:
        kwargs = super().get_form_kwargs()
        kwargs["queryset"] = (voters_selectors.forwardings_for(self.request.user)
                              .filter(agency=self.agency, council=self.council, document_number="")
                              .select_related("petition").order_by("due_date", "pk"))
        return kwargs

    def perform(self, form):
        forwardings = voters_services.issue_forwarding_letter(
            agency=self.agency, forwardings=form.cleaned_data["forwardings"],
            document_number=form.cleaned_data["document_number"], actor=self.request.user)
        return forwardings[0].document_number

    def success_url(self, number) -> str:
        return letter_url(self.agency.pk, self.council.pk, number)

    def cancel_url(self) -> str:
        return reverse("documents:letter_index")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["title"] = f"{self.title} — {self.agency.name} ({self.council.name})"
        return context


@login_required
def letter_detail(request, pk):
    """The letter numbered ``?so=`` to an agency: its forwardings (the user's scope), in Word or PDF."""
    agency = get_object_or_404(Agency.objects.all(), pk=pk)
    council = _council(request)
    number = request.GET.get("so", "").strip()
    forwardings = list(voters_selectors.forwardings_for(request.user)
                       .filter(agency=agency, council=council, document_number=number)
                       .exclude(document_number="").select_related("petition"))
    if not forwardings:
        raise Http404(_("Không có công văn này."))
    output = request.GET.get("format", "")
    if output in OutputFormat.values:
        context = rendering.forwarding_letter_context(agency=agency, council=council, forwardings=forwardings,
                                                      document_number=number)
        data = jobs.build_document(council=council, kind=DocumentKind.FORWARDING_LETTER, output=output,
                                   context=context)
        return file_response(data, f"cong-van-{number.replace('/', '-')}.{output}", output)
    return render(request, "documents/letter_detail.html", {
        "title": _("Công văn số %(number)s gửi %(agency)s") % {"number": number, "agency": agency.name},
        "agency": agency, "council": council, "number": number, "forwardings": forwardings,
        "docx_url": letter_url(agency.pk, council.pk, number, OutputFormat.DOCX),
        "pdf_url": letter_url(agency.pk, council.pk, number, OutputFormat.PDF),
    })
