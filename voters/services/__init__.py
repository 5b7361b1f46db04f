"""Writes of the voters app: intake of voter meetings, citizen receptions, petitions and letters, and the
lifecycle of a petition (classify, forward to one or more agencies, answer, report to voters, close,
merge, reopen). Every status change goes through ``councils.audit.transition``.
"""

from .agency import accept_answer, acknowledge_forwarding, release_identity, return_answer, submit_answer
from .attachments import add_attachment
from .bulk import BULK_LIMIT, bulk_classify_petitions, bulk_forward_petitions, bulk_report_to_voters
from .deadlines import default_answer_due, forward_due_for
from .intake import (
    MEETING_EDITABLE_FIELDS,
    PETITION_EDITABLE_FIELDS,
    PETITION_INTAKE_FIELDS,
    RECEPTION_EDITABLE_FIELDS,
    add_meeting_petitions,
    correct_petition,
    create_petition,
    import_petitions,
    record_citizen_reception,
    record_voter_meeting,
    register_letter,
    update_citizen_reception,
    update_petition,
    update_voter_meeting,
)
from .letters import issue_forwarding_letter
from .lifecycle import (
    add_forwarding,
    answer_forwarding,
    clarify,
    classify_petition,
    close_petition,
    forward_petition,
    merge_petitions,
    reopen_petition,
    report_to_voters,
    request_clarification,
)
from .tracking import publish_answer, record_voter_feedback, reopen_from_feedback

__all__ = [
    # Deadlines
    "forward_due_for", "default_answer_due",
    # Intake
    "PETITION_EDITABLE_FIELDS", "MEETING_EDITABLE_FIELDS", "RECEPTION_EDITABLE_FIELDS", "PETITION_INTAKE_FIELDS",
    "record_voter_meeting", "update_voter_meeting", "add_meeting_petitions", "create_petition", "register_letter",
    "record_citizen_reception", "update_citizen_reception", "update_petition", "correct_petition",
    "import_petitions",
    # Lifecycle
    "classify_petition", "forward_petition", "add_forwarding", "answer_forwarding", "request_clarification",
    "clarify", "report_to_voters", "close_petition", "reopen_petition", "merge_petitions",
    # Bulk work on the list
    "BULK_LIMIT", "bulk_classify_petitions", "bulk_forward_petitions", "bulk_report_to_voters",
    # Agencies answering in the portal, attachments
    "acknowledge_forwarding", "submit_answer", "return_answer", "accept_answer", "release_identity",
    "add_attachment",
    # Tracking by the sender: published answers, feedback
    "publish_answer", "record_voter_feedback", "reopen_from_feedback",
    # Letters
    "issue_forwarding_letter",
]
