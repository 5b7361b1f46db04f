"""Pages of the compliance app: the dashboard of quota rules for the user's council, drill-down to evidence."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from councils import scoping
from hdnd_portal import ui


@login_required
def dashboard(request):
    council = scoping.primary_council(request.user)
    return render(request, "compliance/dashboard.html", {
        "council": council, "persona": ui.persona(request.user, council), "rules": [],
    })
