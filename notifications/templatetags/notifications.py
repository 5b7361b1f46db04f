"""``{% load notifications %}{% escalation_summary object %}``: what the ladder sent for a record, on the
pages of forwardings, petitions, recommendations, commitments and work items (nothing for other records)."""

from django import template

from .. import items, selectors

register = template.Library()


@register.inclusion_tag("notifications/_escalation_summary.html")
def escalation_summary(obj, label=""):
    """``label`` names the item when a page shows several (the agencies of a petition's forwardings)."""
    if obj is None or items.spec_for(obj) is None:
        return {"summary": None}
    summary = selectors.escalation_summary(obj)
    return {"summary": summary if summary["count"] else None, "label": label}
