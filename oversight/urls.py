"""Pages of the oversight app."""

from django.urls import path

from . import views

app_name = "oversight"
urlpatterns = [
    path("hoat-dong/", views.ActivityListView.as_view(), name="activity_list"),
    path("hoat-dong/them/", views.ActivityCreateView.as_view(), name="activity_create"),
    path("hoat-dong/<int:pk>/", views.ActivityDetailView.as_view(), name="activity_detail"),
    path("hoat-dong/<int:pk>/sua/", views.ActivityEditView.as_view(), name="activity_edit"),
    path("hoat-dong/<int:pk>/bat-dau/", views.ActivityStartView.as_view(), name="activity_start"),
    path("hoat-dong/<int:pk>/ket-luan/", views.ActivityConcludeView.as_view(), name="activity_conclude"),
    path("hoat-dong/<int:pk>/huy/", views.ActivityCancelView.as_view(), name="activity_cancel"),
    path("hoat-dong/<int:pk>/them-kien-nghi/", views.RecommendationCreateView.as_view(), name="recommendation_create"),
    path("kien-nghi/", views.RecommendationListView.as_view(), name="recommendation_list"),
    path("kien-nghi/<int:pk>/", views.RecommendationDetailView.as_view(), name="recommendation_detail"),
    path("kien-nghi/<int:pk>/tinh-trang/", views.RecommendationStatusView.as_view(), name="recommendation_status"),
    path("chat-van/", views.QuestionListView.as_view(), name="question_list"),
    path("chat-van/<int:pk>/", views.QuestionDetailView.as_view(), name="question_detail"),
    path("cam-ket/", views.CommitmentListView.as_view(), name="commitment_list"),
    path("cam-ket/<int:pk>/", views.CommitmentDetailView.as_view(), name="commitment_detail"),
    path("cam-ket/<int:pk>/tinh-trang/", views.CommitmentStatusView.as_view(), name="commitment_status"),
    path("cong-viec/", views.WorkItemListView.as_view(), name="workitem_list"),
    path("cong-viec/them/", views.WorkItemCreateView.as_view(), name="workitem_create"),
    path("cong-viec/<int:pk>/", views.WorkItemDetailView.as_view(), name="workitem_detail"),
    path("cong-viec/<int:pk>/sua/", views.WorkItemEditView.as_view(), name="workitem_edit"),
    path("cong-viec/<int:pk>/bat-dau/", views.WorkItemStartView.as_view(), name="workitem_start"),
    path("cong-viec/<int:pk>/hoan-thanh/", views.WorkItemCompleteView.as_view(), name="workitem_complete"),
    path("cong-viec/<int:pk>/tien-do/", views.WorkItemProgressView.as_view(), name="workitem_progress"),
    path("cong-viec/<int:pk>/huy/", views.WorkItemCancelView.as_view(), name="workitem_cancel"),
    path("tap-huan/", views.TrainingListView.as_view(), name="training_list"),
    path("tap-huan/them/", views.TrainingCreateView.as_view(), name="training_create"),
    path("tap-huan/<int:pk>/", views.TrainingDetailView.as_view(), name="training_detail"),
    path("giao-ban/", views.BriefingListView.as_view(), name="briefing_list"),
    path("giao-ban/<int:pk>/", views.BriefingDetailView.as_view(), name="briefing_detail"),
    path("chuong-trinh/", views.ProgrammeListView.as_view(), name="programme_list"),
    path("chuong-trinh/<int:pk>/", views.ProgrammeDetailView.as_view(), name="programme_detail"),
]
