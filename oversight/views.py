"""Pages of the oversight app: the deputy's inbox, activities with their recommendations, questioning and
commitments, the work programme ("5 rõ"), trainings, briefings and programmes, and the overdue board."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse

from councils import scoping
from hdnd_portal import ui

from . import selectors


@login_required
def inbox(request):
    """Việc của tôi: the deputy's home page, overdue first then by deadline."""
    entries = []
    for entry in selectors.inbox_for(request.user):
        try:
            url = reverse(entry.url_name, args=[entry.pk])
        except NoReverseMatch:
            url = ""
        entries.append({"entry": entry, "url": url})
    council = scoping.primary_council(request.user)
    return render(request, "oversight/inbox.html", {
        "council": council, "entries": entries, "persona": ui.persona(request.user, council),
        "overdue_count": sum(1 for item in entries if item["entry"].overdue),
    })
