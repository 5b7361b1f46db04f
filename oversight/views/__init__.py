"""Pages of the oversight app: activities with their recommendations, questioning and
commitments, the work programme ("5 rõ"), trainings, briefings and programmes."""

from .activities import (
    ActivityCancelView,
    ActivityConcludeView,
    ActivityCreateView,
    ActivityDetailView,
    ActivityEditView,
    ActivityListView,
    ActivityStartView,
)
from .follow_up import (
    FOLLOW_UP_COLUMNS,
    CommitmentDetailView,
    CommitmentListView,
    CommitmentStatusView,
    FollowUpDetailView,
    QuestionDetailView,
    QuestionListView,
    RecommendationCreateView,
    RecommendationDetailView,
    RecommendationListView,
    RecommendationStatusView,
)
from .programmes import ProgrammeDetailView, ProgrammeListView
from .trainings import (
    BriefingDetailView,
    BriefingListView,
    TrainingCreateView,
    TrainingDetailView,
    TrainingListView,
)
from .work_items import (
    WorkItemCancelView,
    WorkItemCompleteView,
    WorkItemCreateView,
    WorkItemDetailView,
    WorkItemEditView,
    WorkItemListView,
    WorkItemProgressView,
    WorkItemStartView,
)

__all__ = [
    # Activities
    "ActivityListView", "ActivityDetailView", "ActivityCreateView", "ActivityEditView", "ActivityConcludeView",
    "ActivityStartView", "ActivityCancelView",
    # Recommendations, questioning and commitments
    "FOLLOW_UP_COLUMNS", "RecommendationListView", "FollowUpDetailView", "RecommendationDetailView",
    "RecommendationCreateView", "RecommendationStatusView", "QuestionListView", "QuestionDetailView",
    "CommitmentListView", "CommitmentDetailView", "CommitmentStatusView",
    # Work programme ("5 rõ")
    "WorkItemListView", "WorkItemDetailView", "WorkItemCreateView", "WorkItemEditView", "WorkItemStartView",
    "WorkItemCancelView", "WorkItemCompleteView", "WorkItemProgressView",
    # Trainings, briefings, programmes
    "TrainingListView", "TrainingDetailView", "TrainingCreateView", "BriefingListView", "BriefingDetailView",
    "ProgrammeListView", "ProgrammeDetailView",
]
