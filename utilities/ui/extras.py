"""Buttons that an app higher up adds to the pages of the apps below it (the documents app puts "Word / PDF"
on a petition's or an activity's page): the page framework asks every provider registered for the page's key.

A detail page's key is its record's ``app_label.model_name``; any other page names its own key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from .cells import Link

_providers: dict[str, list[Callable[[Any, Any], list[Link]]]] = {}


def register_links(key: str, provider: Callable[[Any, Any], list[Link]]) -> None:
    """``provider(user, obj) -> [Link, ...]`` adds its buttons to every page of ``key`` (once per provider)."""
    providers = _providers.setdefault(key, [])
    if provider not in providers:
        providers.append(provider)


def page_links(key: str, user, obj) -> list[Link]:
    return [link for provider in _providers.get(key, ()) for link in provider(user, obj)]


def record_key(obj) -> str:
    return obj._meta.label_lower
