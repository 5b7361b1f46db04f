"""What the remote choice boxes of the list filters ask as one types (``ui.RemoteSelect``): the first councils or
agencies the user may see whose name contains the words typed, accents ignored."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_GET

from utilities import ui

from .. import selectors
from ..filtersets import agency_choice_label, council_choice_label


@require_GET
@login_required
def council_suggestions(request):
    councils = selectors.councils_for(request.user).order_by("path")
    return ui.suggestion_response(request, councils, fields=["name", "area_name"], label=council_choice_label)


@require_GET
@login_required
def agency_suggestions(request):
    agencies = selectors.agencies_for(request.user).select_related("council").order_by("name", "pk")
    return ui.suggestion_response(request, agencies, fields=["name", "short_name"], label=agency_choice_label)
