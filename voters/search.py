"""Accent- and case-insensitive search on petitions: "duong" finds "đường", "DAT DAI" finds "đất đai".

Both the stored ``Petition.search_text`` and the query go through ``normalise``; the lookup is then a
plain substring match per word, which a trigram GIN index serves on PostgreSQL (migration 0003).
"""

from __future__ import annotations

from django.db.models import QuerySet

# The normaliser lives in utilities.text, shared by every app's search; imported here for existing callers.
from utilities.text import normalise

__all__ = ["normalise", "petition_search_text", "search_petitions"]


def petition_search_text(*, content: str, code: str = "", sender_name: str = "") -> str:
    return normalise(" ".join(part for part in (content, code, sender_name) if part))


def search_petitions(queryset: QuerySet, query: str) -> QuerySet:
    """Keep petitions whose normalised text contains every word of the normalised query."""
    for word in normalise(query).split(" "):
        if word:
            # search_text is already lower-case: a case-sensitive LIKE is what the trigram index serves.
            queryset = queryset.filter(search_text__contains=word)
    return queryset
