"""The metrics the engine knows, by code: rules are validated and measured through the spec registered here."""

from __future__ import annotations

from .base import MetricSpec

_specs: dict[str, MetricSpec] = {}


def register(spec: MetricSpec) -> MetricSpec:
    if spec.code in _specs:
        raise ValueError(f"A metric is already registered under the code {spec.code!r}.")
    _specs[spec.code] = spec
    return spec


def unregister(code: str) -> None:
    del _specs[code]


def get(code: str) -> MetricSpec | None:
    return _specs.get(code)


def all() -> list[MetricSpec]:
    return list(_specs.values())
