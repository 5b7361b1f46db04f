"""Compliance metrics: one module per way of measuring a rule, each registered below in one line."""

from . import (
    activity_count,
    agency_answers_on_time,
    deputies_with_min,
    forwardings_answered_on_time,
    petitions_forwarded,
    recommendations_implemented,
    session_documents_lead,
    sessions_with_activity,
    work_items_on_time,
)
from .registry import register

register(activity_count.SPEC)
register(petitions_forwarded.SPEC)
register(forwardings_answered_on_time.SPEC)
register(deputies_with_min.SPEC)
register(recommendations_implemented.SPEC)
register(work_items_on_time.SPEC)
register(session_documents_lead.SPEC)
register(sessions_with_activity.SPEC)
register(agency_answers_on_time.SPEC)
