"""The stacked bar of a result count, drawn in Python: a province's dashboard draws some 140 of them, and the
template that drew them (two loops over the statuses, each count localised three times) took a third of the
page's time."""

from __future__ import annotations

from django import template
from django.utils.html import format_html, format_html_join

register = template.Library()


@register.simple_tag
def status_bars(bars: list[dict]):
    """``bars`` as ``compliance.views.dashboard._bars`` gives them: one segment per status counted, its width
    set by ``portal.js`` from ``data-bar-width`` (the style policy allows no inline style)."""
    described = ", ".join(f"{bar['label']}: {bar['text']}" for bar in bars)
    segments = format_html_join(
        "", '<div class="progress" data-bar-width="{}"><div class="progress-bar bg-{}" title="{}: {}">{}</div></div>',
        ((bar["width"], bar["css"], bar["label"], bar["text"], bar["text"]) for bar in bars if bar["count"]))
    return format_html('<div class="progress-stacked bars" role="img" aria-label="{}">\n{}\n</div>', described, segments)
