"""Accent- and case-insensitive search on petitions: "duong" finds "đường", "DAT DAI" finds "đất đai".

Both the stored ``Petition.search_text`` and the query go through ``normalise``; the lookup is then a
plain substring match per word. A word of four letters or more is a ``LIKE`` that the trigram GIN index
serves on PostgreSQL (migration 0003). A shorter one ("dat", "dai", "xa") has at most one trigram, found
in a large share of the country's petitions: reading that from the index costs more than checking the rows
the other conditions keep, so it is matched with ``strpos``, which no index serves and the planner applies
to those rows only.
"""

from __future__ import annotations

from django.db.models import QuerySet, Value
from django.db.models.functions import StrIndex

from councils.scoping import subtree_ids_q

# The normaliser lives in utilities.text, shared by every app's search; imported here for existing callers.
from utilities.text import normalise

__all__ = ["normalise", "petition_search_text", "search_petitions"]

# Words shorter than this are checked on the rows, not looked up in the trigram index.
INDEXED_WORD_LENGTH = 4


def petition_search_text(*, content: str, code: str = "", sender_name: str = "") -> str:
    return normalise(" ".join(part for part in (content, code, sender_name) if part))


def search_petitions(queryset: QuerySet, query: str, *, user=None) -> QuerySet:
    """Keep petitions whose normalised text contains every word of the normalised query. With ``user`` (the
    queryset already scoped to them), the scope is also given as council ids, so the trigram index is read
    once for the user's whole subtree rather than once per council (``scoping.subtree_ids_q``)."""
    words = [word for word in dict.fromkeys(normalise(query).split(" ")) if word]
    if user is not None and words:
        queryset = queryset.filter(subtree_ids_q(user, queryset.model.council_scope))
    for index, word in enumerate(words):
        if len(word) >= INDEXED_WORD_LENGTH:
            # search_text is already lower-case: a case-sensitive LIKE is what the trigram index serves.
            queryset = queryset.filter(search_text__contains=word)
        else:
            name = f"_search_word_{index}"
            queryset = queryset.alias(**{name: StrIndex("search_text", Value(word))}).filter(**{f"{name}__gt": 0})
    return queryset
