"""Pages of the councils app."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views
from .imports import views as import_views
from .views import accounts, calendar, handovers, suggest

urlpatterns = [
    path("dang-nhap/", views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("doi-mat-khau/", accounts.PasswordChangeView.as_view(), name="password_change"),
    path("quan-tri/tai-khoan/", accounts.AccountListView.as_view(), name="account_list"),
    path("quan-tri/tai-khoan/them/", accounts.AccountCreateView.as_view(), name="account_create"),
    path("quan-tri/tai-khoan/dai-bieu-chua-co/", accounts.DeputyAccountsView.as_view(), name="deputy_accounts"),
    path("quan-tri/tai-khoan/<int:pk>/", accounts.AccountDetailView.as_view(), name="account_detail"),
    path("quan-tri/tai-khoan/<int:pk>/phan-quyen/", accounts.AccountRoleView.as_view(), name="account_grant_role"),
    path("quan-tri/tai-khoan/<int:pk>/khoa/", accounts.AccountActionView.as_view(action="deactivate"),
         name="account_deactivate"),
    path("quan-tri/tai-khoan/<int:pk>/mo-khoa/", accounts.AccountActionView.as_view(action="reactivate"),
         name="account_reactivate"),
    path("quan-tri/tai-khoan/<int:pk>/cap-lai-mat-khau/", accounts.AccountActionView.as_view(action="reset"),
         name="account_reset_password"),
    path("hdnd/", views.CouncilListView.as_view(), name="council_list"),
    path("hdnd/goi-y/", suggest.council_suggestions, name="council_suggestions"),
    path("hdnd/<int:pk>/", views.CouncilDetailView.as_view(), name="council_detail"),
    path("hdnd/<int:pk>/lich-lam-viec/", calendar.CouncilCalendarView.as_view(), name="council_calendar"),
    path("hdnd/<int:council_pk>/lich-lam-viec/<int:pk>/sua/", calendar.DayOffEditView.as_view(), name="day_off_edit"),
    path("hdnd/<int:council_pk>/lich-lam-viec/<int:pk>/bo/", calendar.DayOffRemoveView.as_view(),
         name="day_off_remove"),
    path("hdnd/<int:pk>/ban-giao/", handovers.HandoverView.as_view(), name="council_handover"),
    path("ban-giao/<int:pk>/", handovers.HandoverDetailView.as_view(), name="handover_detail"),
    path("hdnd/<int:pk>/chuyen-nhiem-ky/", handovers.TermChangeoverView.as_view(), name="council_term_changeover"),
    path("chuyen-nhiem-ky/<int:pk>/", handovers.TermChangeoverDetailView.as_view(), name="term_changeover_detail"),
    path("lich-lam-viec/cach-tinh-thoi-han/", calendar.DeadlineExplainView.as_view(), name="deadline_explain"),
    path("dai-bieu/", views.DeputyListView.as_view(), name="deputy_list"),
    path("dai-bieu/<int:pk>/sua/", views.DeputyEditView.as_view(), name="deputy_edit"),
    path("co-quan/", views.BodyListView.as_view(), name="body_list"),
    path("co-quan-to-chuc/", views.AgencyListView.as_view(), name="agency_list"),
    path("co-quan-to-chuc/goi-y/", suggest.agency_suggestions, name="agency_suggestions"),
    path("co-quan/<int:pk>/", views.BodyDetailView.as_view(), name="body_detail"),
    path("ky-hop/", views.SessionListView.as_view(), name="session_list"),
    path("ky-hop/them/", views.SessionCreateView.as_view(), name="session_create"),
    path("ky-hop/<int:pk>/", views.SessionDetailView.as_view(), name="session_detail"),
    path("ky-hop/<int:pk>/sua/", views.SessionEditView.as_view(), name="session_edit"),
    path("ky-hop/<int:pk>/them-noi-dung/", views.SessionAgendaItemView.as_view(), name="session_agenda_add"),
    path("ky-hop/<int:pk>/them-tai-lieu/", views.SessionDocumentView.as_view(), name="session_document_add"),
    path("ky-hop/tai-lieu/<int:pk>/tai-ve/", views.session_document_download, name="session_document_download"),
    path("nhap-du-lieu/", import_views.ImportStartView.as_view(), name="import_start"),
    path("nhap-du-lieu/mau/<str:kind>/", import_views.import_template, name="import_template"),
    path("nhap-du-lieu/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("ky-hop/tai-lieu/<int:pk>/da-gui/", views.SessionDocumentSentView.as_view(), name="session_document_sent"),
]
