"""Pages of the voters app."""

from django.urls import path

from . import views

app_name = "voters"
urlpatterns = [
    path("tiep-xuc/", views.MeetingListView.as_view(), name="meeting_list"),
    path("tiep-xuc/them/", views.MeetingCreateView.as_view(), name="meeting_create"),
    path("tiep-xuc/<int:pk>/", views.MeetingDetailView.as_view(), name="meeting_detail"),
    path("tiep-xuc/<int:pk>/sua/", views.MeetingEditView.as_view(), name="meeting_edit"),
    path("tiep-xuc/<int:pk>/kien-nghi/", views.MeetingPetitionsView.as_view(), name="meeting_petitions"),
    path("kien-nghi/", views.PetitionListView.as_view(), name="petition_list"),
    path("kien-nghi/hang-loat/phan-loai/", views.PetitionBulkClassifyView.as_view(), name="petition_bulk_classify"),
    path("kien-nghi/hang-loat/chuyen/", views.PetitionBulkForwardView.as_view(), name="petition_bulk_forward"),
    path("kien-nghi/hang-loat/bao-cao/", views.PetitionBulkReportView.as_view(), name="petition_bulk_report"),
    path("kien-nghi/<int:pk>/", views.PetitionDetailView.as_view(), name="petition_detail"),
    path("kien-nghi/<int:pk>/sua/", views.PetitionEditView.as_view(), name="petition_edit"),
    path("kien-nghi/<int:pk>/phan-loai/", views.PetitionClassifyView.as_view(), name="petition_classify"),
    path("kien-nghi/<int:pk>/chuyen/", views.PetitionForwardView.as_view(), name="petition_forward"),
    path("kien-nghi/<int:pk>/tra-loi/", views.PetitionAnswerView.as_view(), name="petition_answer"),
    path("kien-nghi/<int:pk>/bao-cao/", views.PetitionReportView.as_view(), name="petition_report"),
    path("kien-nghi/<int:pk>/ket-thuc/", views.PetitionCloseView.as_view(), name="petition_close"),
    path("kien-nghi/<int:pk>/mo-lai/", views.PetitionReopenView.as_view(), name="petition_reopen"),
    path("kien-nghi/<int:pk>/gop/", views.PetitionMergeView.as_view(), name="petition_merge"),
    path("kien-nghi/<int:pk>/dinh-kem/", views.PetitionAttachmentView.as_view(), name="petition_attach"),
    path("kien-nghi/<int:pk>/cho-biet-danh-tinh/", views.PetitionReleaseIdentityView.as_view(),
         name="petition_release_identity"),
    path("chuyen/<int:pk>/", views.ForwardingDetailView.as_view(), name="forwarding_detail"),
    path("chuyen/<int:pk>/da-nhan/", views.ForwardingAcknowledgeView.as_view(), name="forwarding_acknowledge"),
    path("chuyen/<int:pk>/lam-ro/", views.ForwardingClarificationView.as_view(), name="forwarding_clarification"),
    path("chuyen/<int:pk>/tra-loi/", views.ForwardingAnswerView.as_view(), name="forwarding_answer"),
    path("chuyen/<int:pk>/tra-lai/", views.ForwardingReturnView.as_view(), name="forwarding_return"),
    path("chuyen/<int:pk>/chap-nhan/", views.ForwardingAcceptView.as_view(), name="forwarding_accept"),
    path("tep/<int:pk>/", views.attachment_download, name="attachment_download"),
    path("kien-nghi/<int:pk>/bien-nhan/", views.PetitionReceiptView.as_view(), name="petition_receipt"),
    path("chuyen/<int:pk>/cong-khai/", views.PublishAnswerView.as_view(), name="forwarding_publish"),
    path("y-kien-cu-tri/", views.FeedbackQueueView.as_view(), name="feedback_queue"),
    path("y-kien-cu-tri/<int:pk>/mo-lai/", views.FeedbackReopenView.as_view(), name="feedback_reopen"),
    path("don-thu/them/", views.LetterCreateView.as_view(), name="letter_create"),
    path("tiep-cong-dan/", views.ReceptionListView.as_view(), name="reception_list"),
    path("tiep-cong-dan/them/", views.ReceptionCreateView.as_view(), name="reception_create"),
    path("nhap-excel/", views.ImportView.as_view(), name="import"),
    path("nhap-excel/mau/", views.import_template, name="import_template"),
    path("bao-cao-ky-hop/<int:pk>/", views.session_report, name="session_report"),
]
