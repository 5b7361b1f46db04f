"""Pages of the documents app, under /van-ban/ (the session report's Word and PDF answer at the voters app's
URL: see ``session_report_urls``)."""

from django.urls import path

from . import views

app_name = "documents"
urlpatterns = [
    path("bien-nhan/<int:pk>/", views.receipt, name="receipt"),
    path("giam-sat/<int:pk>/", views.activity_report, name="activity_report"),
    path("tuan-thu/", views.compliance_report, name="compliance_report"),
    path("cong-van/", views.letter_index, name="letter_index"),
    path("cong-van/<int:pk>/lap/", views.LetterIssueView.as_view(), name="letter_issue"),
    path("cong-van/<int:pk>/", views.letter_detail, name="letter_detail"),
    path("mau/", views.template_list, name="template_list"),
    path("mau/tai-len/", views.TemplateUploadView.as_view(), name="template_upload"),
    path("mau/goc/<str:kind>/", views.builtin_template, name="builtin_template"),
    path("mau/<int:pk>/tai-ve/", views.template_download, name="template_download"),
    path("mau/<int:pk>/luu-tru/", views.template_archive, name="template_archive"),
    path("viec/<int:pk>/", views.job_detail, name="job_detail"),
    path("viec/<int:pk>/tai-ve/", views.job_download, name="job_download"),
]
