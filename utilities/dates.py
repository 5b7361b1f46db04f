"""Cross-field date rules ("end not before start") checked in a model's ``clean`` so the message lands next to the
later field, on every path that validates (pages, API, admin, imports), instead of only as the database
constraint's message about the whole record."""

from __future__ import annotations

from collections.abc import Iterable

from django.core.exceptions import ValidationError


def check_order(obj, rules: Iterable[tuple[str, str, str]]) -> None:
    """``rules``: (earlier field, later field, message). Raise every broken rule at once, each on its later field;
    a rule with an empty side says nothing (a missing date is the field's own business)."""
    errors: dict[str, list[str]] = {}
    for earlier, later, message in rules:
        start, end = getattr(obj, earlier, None), getattr(obj, later, None)
        if start is not None and end is not None and end < start:
            errors.setdefault(later, []).append(message)
    if errors:
        raise ValidationError(errors)
