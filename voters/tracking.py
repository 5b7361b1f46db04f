"""Tracking codes and keys: what a citizen holds to follow their petition or letter (tra cứu).

- The **tracking code** (mã tra cứu) is public and unique, e.g. ``KN7Q-M4TX``: eight characters in two groups
  of four, from an alphabet a person can read over the phone without confusion (no 0/O, 1/I/L, nor 5/S, 2/Z,
  8/B). Staff may read it aloud; it identifies the petition but opens nothing by itself.
- The **tracking key** (mã bí mật) is a separate secret of eight characters from the same alphabet, random
  (``secrets``), compared in constant time. Code and key together open the petition's public status.

Both are set when a petition is built (the model's field defaults), so every intake path has them; migration
0007 gave the existing rows theirs.
"""

from __future__ import annotations

import hmac
import secrets

# 23 characters that sound and look distinct: no 0 O 1 I L 5 S 2 Z 8 B U V (V/U and B/8 are misheard);
# 23**8 (7.8e10) keys per code, against a lookup throttled per address.
ALPHABET = "ACDEFGHJKMNPQRTWXY34679"
GROUP = 4
LENGTH = 8
FORMATTED_LENGTH = LENGTH + 1  # with the dash between the two groups


def _random(length: int = LENGTH) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def _grouped(raw: str) -> str:
    return "-".join(raw[i:i + GROUP] for i in range(0, len(raw), GROUP))


def new_tracking_code() -> str:
    """A new public code (the model's default; uniqueness is the column's, see ``_helpers``)."""
    return _grouped(_random())


def new_tracking_key() -> str:
    """A new secret key."""
    return _grouped(_random())


def normalise(value: str | None) -> str:
    """What was typed, as stored: upper case, grouped, spaces and dashes where the person put them ignored.

    Anything that is not exactly eight characters of the alphabet gives "" (which matches nothing)."""
    raw = "".join(ch for ch in (value or "").upper() if ch.isalnum())
    if len(raw) != LENGTH or any(ch not in ALPHABET for ch in raw):
        return ""
    return _grouped(raw)


# Compared against when no petition has the code, so a wrong code costs what a wrong key costs.
_DUMMY_KEY = new_tracking_key()


def key_matches(stored: str | None, given: str | None) -> bool:
    """Constant-time comparison of the stored key with the one given (both normalised)."""
    expected = stored if stored else _DUMMY_KEY
    candidate = normalise(given) or "-" * FORMATTED_LENGTH
    same = hmac.compare_digest(expected.encode(), candidate.encode())
    return same and bool(stored)
