"""Public pages, for everyone, signed in or not: the lookup of a petition by its tracking code and key, the
sender's feedback, and each council's published answers to voters' petitions.

They show no personal data of anyone (sender, deputies, staff). A wrong code, a wrong key and a code nobody
holds give the same page; lookups and feedback are throttled per address (scope ``lookup``, shared with the API).
"""

from __future__ import annotations

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from councils.models import Council
from utilities.api.throttling import allow_page_request
from utilities.ui import apply_service_errors, style_form
from voters import selectors as voter_selectors
from voters import services as voter_services

from .forms import FeedbackForm, LookupForm, SearchForm

PAGE_SIZE = 20


def _throttled(request):
    allowed, wait = allow_page_request(request)
    if allowed:
        return None
    response = render(request, "public/throttled.html", {"wait": wait}, status=429)
    if wait:
        response["Retry-After"] = str(wait)
    return response


def _lookup_page(request, form, *, status=200, petition=None, feedback_form=None):
    context = {"form": style_form(form), "petition": petition, "not_found": False}
    if petition is not None:
        context["result"] = voter_selectors.public_status(petition)
        if context["result"]["feedback_allowed"]:
            feedback_form = feedback_form or FeedbackForm(initial={"code": petition.tracking_code,
                                                                   "key": form.cleaned_data["key"]})
            context["feedback_form"] = style_form(feedback_form)
    elif form.is_bound and form.is_valid():
        context["not_found"] = True
    return render(request, "public/lookup.html", context, status=status)


@never_cache
@require_GET
def lookup(request):
    """Tra cứu kiến nghị, đơn thư: status, agencies and their deadlines, published answers."""
    if not request.GET:
        return _lookup_page(request, LookupForm())
    form = LookupForm(request.GET)
    if not form.is_valid():
        return _lookup_page(request, form, status=400)
    refused = _throttled(request)
    if refused:
        return refused
    petition = voter_selectors.petition_for_tracking(form.cleaned_data["code"], form.cleaned_data["key"])
    # A wrong code, a wrong key and a code nobody holds: one and the same answer.
    return _lookup_page(request, form, petition=petition, status=200 if petition else 404)


@never_cache
@require_POST
def feedback(request):
    """Ý kiến của người gửi: resolved or not, with a comment (a "not resolved" one goes to the secretariat)."""
    form = FeedbackForm(request.POST)
    lookup_form = LookupForm(request.POST)
    if not lookup_form.is_valid():
        return _lookup_page(request, lookup_form, status=400)
    refused = _throttled(request)
    if refused:
        return refused
    petition = voter_selectors.petition_for_tracking(lookup_form.cleaned_data["code"],
                                                     lookup_form.cleaned_data["key"])
    if petition is None:
        return _lookup_page(request, lookup_form, status=404)
    if form.is_valid():
        try:
            voter_services.record_voter_feedback(petition=petition, key=form.cleaned_data["key"],
                                                 resolved=form.cleaned_data["resolved"],
                                                 comment=form.cleaned_data["comment"])
        except PermissionDenied:
            return _lookup_page(request, lookup_form, status=404)
        except ValidationError as error:
            apply_service_errors(form, error)
        else:
            messages.success(request, _("Cảm ơn bạn, ý kiến đã được gửi tới Văn phòng HĐND."))
            query = urlencode({"code": petition.tracking_code, "key": lookup_form.cleaned_data["key"]})
            return HttpResponseRedirect(f"{reverse('public:lookup')}?{query}")
    return _lookup_page(request, lookup_form, petition=petition, feedback_form=form, status=400)


@require_GET
def council_answers(request, code: str):
    """Công khai kết quả trả lời kiến nghị cử tri của một HĐND: searchable without accents, paginated."""
    council = get_object_or_404(Council.objects.filter(archived_at__isnull=True), code=code)
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    paginator = Paginator(voter_selectors.public_answers(council, query), PAGE_SIZE)
    page = paginator.get_page(request.GET.get("page"))
    return render(request, "public/council_answers.html", {
        "council": council, "form": style_form(form if form.is_bound else SearchForm()), "query": query,
        "page_obj": page, "paginator": paginator, "answers": page.object_list,
        "page_query": urlencode({"q": query}) if query else "",
    }, status=200 if form.is_valid() or not form.is_bound else 400)
