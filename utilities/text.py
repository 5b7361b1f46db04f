"""Accent- and case-insensitive text matching shared by every app: "duong" finds "đường", "nguyen" finds
"Nguyễn".

``normalise`` is the one normaliser (petitions store its output in ``search_text``). Other records are
searched without a stored copy: ``Normalised`` applies the same folding inside the database — PostgreSQL's
``unaccent`` (migration councils 0002), or ``normalise`` itself registered as an SQLite function — so a
record saved by any path (service, admin, import, demo data) is found at once.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from django.db.models import CharField, Func, QuerySet, Value
from django.db.models.functions import Coalesce, Concat
from unidecode import unidecode

SPACES = re.compile(r"\s+")
SQLITE_FUNCTION = "hdnd_normalise"


def normalise(text: str) -> str:
    """Lower-case, accent-free, single-spaced: "Đường  LÀNG" -> "duong lang"."""
    # unidecode maps đ/Đ to d/D and strips the Vietnamese tone and vowel marks.
    return SPACES.sub(" ", unidecode(text or "")).strip().lower()


def words(query: str) -> list[str]:
    return [word for word in normalise(query).split(" ") if word]


class Normalised(Func):
    """``normalise(expression)`` computed by the database."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, template="lower(unaccent(%(expressions)s))", **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        # Registering is cheap and idempotent; doing it here covers connections opened before this module.
        connection.ensure_connection()
        connection.connection.create_function(SQLITE_FUNCTION, 1, normalise, deterministic=True)
        return self.as_sql(compiler, connection, function=SQLITE_FUNCTION, **extra_context)


def search(queryset: QuerySet, fields: Sequence[str], query: str) -> QuerySet:
    """Keep the rows whose ``fields`` (joined) contain every word of ``query``, accents and case ignored."""
    terms = words(query)
    if not terms:
        return queryset
    parts: list = []
    for name in fields:
        parts += [Coalesce(name, Value(""), output_field=CharField()), Value(" ")]
    text = Normalised(Concat(*parts, output_field=CharField()) if len(parts) > 2 else parts[0])
    queryset = queryset.alias(_search_text=text)
    for word in terms:
        queryset = queryset.filter(_search_text__contains=word)
    return queryset


def shorten(text: str, limit: int) -> str:
    """``text`` on one line, at most ``limit`` characters: cut at a word boundary with an ellipsis, never
    mid-word (unless a single word is longer than most of the room)."""
    flat = " ".join((text or "").split())
    if len(flat) <= limit:
        return flat
    cut = flat[: limit - 1]
    space = cut.rfind(" ")
    # Keep the last word when the cut falls right after it.
    if flat[limit - 1] != " " and space >= limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:-–") + "…"


_NUMBER = re.compile(r"(\d+)")
_NUMBER_WIDTH = 10
NATURAL_SQLITE_FUNCTION = "hdnd_natural"


def natural_key(text: str) -> tuple:
    """A sort key that orders the numbers inside names by value: "Tổ đại biểu số 2" before "Tổ đại biểu số 10",
    letters compared accent- and case-insensitively ("Đ" with "D")."""
    # (0, number) and (1, text) pairs, so a number and a word in the same place never meet in a comparison.
    return tuple((0, int(part)) if part.isdigit() else (1, normalise(part))
                 for part in _NUMBER.split(str(text or "")) if part)


def natural_text(text: str) -> str:
    """``text`` with every number left-padded to ten digits: the database's natural sort key."""
    return _NUMBER.sub(lambda match: match.group(1).rjust(_NUMBER_WIDTH, "0"), text or "")


class NaturalKey(Func):
    """``natural_text(expression)`` computed by the database, to ``order_by`` numbered names naturally in lists:
    PostgreSQL pads with two regular expressions, SQLite calls ``natural_text`` registered as a function."""

    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        # Prefix each number with ten zeros, then keep its last ten digits (or all of a longer number).
        template = (r"regexp_replace(regexp_replace(%(expressions)s, '(\d+)', '0000000000\1', 'g'),"
                    r" '0*(\d{10})', '\1', 'g')")
        return self.as_sql(compiler, connection, template=template, **extra_context)

    def as_sqlite(self, compiler, connection, **extra_context):
        connection.ensure_connection()
        connection.connection.create_function(NATURAL_SQLITE_FUNCTION, 1, natural_text, deterministic=True)
        return self.as_sql(compiler, connection, function=NATURAL_SQLITE_FUNCTION, **extra_context)
