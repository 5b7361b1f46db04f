"""Pages of the voters app: voter meetings with their petitions, petitions and letters through their lifecycle
(classify, forward, answer, report, close, reopen, merge), citizen receptions, import and exports."""

from .agency import (
    ForwardingAcceptView,
    ForwardingAcknowledgeView,
    ForwardingAnswerView,
    ForwardingClarificationView,
    ForwardingDetailView,
    ForwardingReturnView,
    PetitionAttachmentView,
    PetitionReleaseIdentityView,
    attachment_download,
    attachments_section,
    next_step,
)
from .bulk import PetitionBulkClassifyView, PetitionBulkForwardView, PetitionBulkReportView
from .meetings import (
    MeetingCreateView,
    MeetingDetailView,
    MeetingEditView,
    MeetingListView,
    MeetingPetitionsView,
)
from .petitions import (
    PETITION_COLUMNS,
    LetterCreateView,
    PetitionAnswerView,
    PetitionClassifyView,
    PetitionCloseView,
    PetitionDetailView,
    PetitionEditView,
    PetitionFormView,
    PetitionForwardView,
    PetitionListView,
    PetitionMergeView,
    PetitionReopenView,
    PetitionReportView,
)
from .receptions import ReceptionCreateView, ReceptionListView
from .spreadsheets import ImportView, import_template, session_report
from .tracking import FeedbackQueueView, FeedbackReopenView, PetitionReceiptView, PublishAnswerView

__all__ = [
    # Voter meetings
    "MeetingListView", "MeetingDetailView", "MeetingCreateView", "MeetingEditView", "MeetingPetitionsView",
    # Petitions and letters
    "PETITION_COLUMNS", "PetitionEditView", "PetitionListView", "PetitionDetailView", "PetitionFormView",
    "PetitionClassifyView", "PetitionForwardView", "PetitionAnswerView", "PetitionReportView",
    "PetitionReopenView", "PetitionMergeView", "PetitionCloseView", "LetterCreateView",
    "PetitionBulkClassifyView", "PetitionBulkForwardView", "PetitionBulkReportView",
    # Forwardings as agencies answer them, attachments, a denunciation's sender
    "ForwardingDetailView", "ForwardingAcknowledgeView", "ForwardingClarificationView", "ForwardingAnswerView",
    "ForwardingReturnView", "ForwardingAcceptView", "PetitionAttachmentView", "PetitionReleaseIdentityView",
    "attachment_download", "attachments_section", "next_step",
    # Citizen receptions
    "ReceptionCreateView", "ReceptionListView",
    # Import and the session report
    "ImportView", "import_template", "session_report",
    # The sender's side: receipt, published answers, the feedback queue
    "PetitionReceiptView", "PublishAnswerView", "FeedbackQueueView", "FeedbackReopenView",
]
