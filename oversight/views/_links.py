"""Links shared by the oversight pages."""

from __future__ import annotations

from django.urls import reverse


def _url(name):
    return lambda obj: reverse(f"oversight:{name}", args=[obj.pk])
