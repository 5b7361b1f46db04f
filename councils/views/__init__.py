"""Pages of the councils app: sign-in and the council records (the tree of councils, deputies, bodies with
their members, sessions with their documents)."""

from __future__ import annotations

import os

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.db.models import Count, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from utilities import ui
from utilities.text import NaturalKey

from .. import filtersets, permissions, selectors, services, sessions
from ..forms import (
    AgendaItemForm,
    DeputyEditForm,
    LoginForm,
    SessionDocumentForm,
    SessionEditForm,
    SessionForm,
)
from ..models import Body, Deputy, Handover, Membership, Session


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True


# --- the tree of councils ----------------------------------------------------------------------------------

def _count_of(model, lookup: str = "council"):
    """A correlated count per council, so several counts never multiply each other's rows."""
    return Coalesce(Subquery(
        model.objects.filter(**{lookup: OuterRef("pk")}).order_by().values(lookup)
        .annotate(n=Count("pk")).values("n")[:1]
    ), 0)


class CouncilListView(ui.ScopedListView):
    title = _("Hội đồng nhân dân các cấp")
    selector = staticmethod(selectors.councils_for)
    filterset_class = filtersets.CouncilFilterSet
    filter_fields = ("name__icontains", "code__startswith", "parent", "level", "active_on")
    detail_url_name = "council_detail"
    default_sort = "path"
    export_filename = "hdnd-cac-cap"
    columns = (
        ui.Column(_("Mã"), "code", sort="code"),
        ui.Column(_("Tên HĐND"), "name", sort="name", link=True),
        ui.Column(_("Cấp"), "level", sort="level__rank"),
        ui.Column(_("Cấp trên"), "parent.name"),
        ui.Column(_("Đại biểu"), "deputy_count", sort="deputy_count", css="text-end"),
        ui.Column(_("Hoạt động đến"), "valid_to", sort="valid_to"),
    )

    def get_queryset(self):
        return super().get_queryset().annotate(
            deputy_count=_count_of(Deputy)
        )


class CouncilDetailView(ui.ScopedDetailView):
    """One council: its place in the tree (drill down to the councils below), bodies, recent sessions."""

    template_name = "councils/council_detail.html"
    selector = staticmethod(selectors.councils_for)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        council = context["object"]
        visible = selectors.councils_for(self.request.user)
        context["ancestors"] = selectors.ancestors_for(self.request.user, council)
        context["can_manage_accounts"] = bool(permissions.grantable_roles(self.request.user, council))
        context["children"] = list(
            visible.filter(parent=council).annotate(
                deputy_count=_count_of(Deputy), session_count=_count_of(Session), body_count=_count_of(Body),
            ).order_by("code")
        )
        context["bodies"] = list(
            Body.objects.filter(council=council, dissolved_on__isnull=True).select_related("term")
            .annotate(member_count=Count("memberships", filter=Q(memberships__end_date__isnull=True)))
            .order_by("kind", NaturalKey("name"))
        )
        context["sessions"] = list(Session.objects.filter(council=council).select_related("term")[:10])
        context["deputy_count"] = Deputy.objects.filter(council=council, end_date__isnull=True).count()
        context["can_manage"] = permissions.can_manage(self.request.user, council)
        context["can_change_term"] = council.valid_to is None and permissions.can_change_term(self.request.user, council)
        # A retired council's handovers, or those it received: those the reader may see.
        context["can_hand_over"] = council.valid_to is not None and permissions.can_hand_over(self.request.user, council)
        context["handovers"] = list(
            Handover.objects.for_user(self.request.user).filter(Q(from_council=council) | Q(to_council=council))
            .select_related("from_council", "to_council")[:20])
        return context


# --- deputies -----------------------------------------------------------------------------------------------

class DeputyListView(ui.ScopedListView):
    title = _("Đại biểu HĐND")
    selector = staticmethod(selectors.deputies_for)
    filterset_class = filtersets.DeputyFilterSet
    filter_fields = ("q", "subtree_of", "term", "gender", "is_full_time", "is_active")
    detail_url_name = "deputy_detail"
    default_sort = "full_name"
    export_filename = "dai-bieu"
    columns = (
        ui.Column(_("Họ và tên"), "full_name", sort="full_name", link=True),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Nhiệm kỳ"), "term.name"),
        ui.Column(_("Giới tính"), "gender"),
        ui.Column(_("Chuyên trách"), "is_full_time", sort="is_full_time"),
        ui.Column(_("Đơn vị bầu cử"), "electoral_unit.name"),
        ui.Column(_("Chức vụ, nơi công tác"), "position"),
        ui.Column(_("Thôi làm đại biểu từ"), "end_date", sort="end_date"),
    )


class DeputyEditView(ui.ObjectEditView):
    title = _("Sửa thông tin đại biểu")
    form_class = DeputyEditForm
    selector = staticmethod(selectors.deputies_for)
    detail_url_name = "deputy_detail"

    def perform(self, form):
        return services.update_deputy(deputy=self.get_object(), data=self.changed_data(form), actor=self.request.user)


# --- agencies -------------------------------------------------------------------------------------------------

class AgencyListView(ui.ScopedListView):
    """Cơ quan nhận kiến nghị, chịu giám sát: central ones and those of the user's area."""

    title = _("Cơ quan, tổ chức")
    selector = staticmethod(selectors.agencies_for)
    filterset_class = filtersets.AgencyFilterSet
    filter_fields = ("q", "kind", "council", "is_active")
    default_sort = "name"
    export_filename = "co-quan-to-chuc"
    columns = (
        ui.Column(_("Tên cơ quan"), "name", sort="name"),
        ui.Column(_("Tên viết tắt"), "short_name", sort="short_name"),
        ui.Column(_("Loại"), "kind", sort="kind"),
        ui.Column(_("Địa bàn"), lambda a: a.council.name if a.council else _("Trung ương")),
        ui.Column(_("Đang hoạt động"), "is_active"),
    )

    def get_queryset(self):
        return super().get_queryset().select_related("council")


# --- bodies ---------------------------------------------------------------------------------------------------

class BodyListView(ui.ScopedListView):
    title = _("Cơ quan của HĐND")
    selector = staticmethod(selectors.bodies_for)
    filterset_class = filtersets.BodyFilterSet
    filter_fields = ("name__icontains", "subtree_of", "kind", "term", "is_dissolved")
    detail_url_name = "body_detail"
    default_sort = "council__path"
    export_filename = "co-quan-hdnd"
    columns = (
        ui.Column(_("Tên"), "name", sort="name_key", link=True),
        ui.Column(_("Loại"), "kind", sort="kind"),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Nhiệm kỳ"), "term.name"),
        ui.Column(_("Số thành viên"), "member_count", sort="member_count", css="text-end"),
        ui.Column(_("Giải thể ngày"), "dissolved_on"),
    )

    def get_queryset(self):
        # "Tổ đại biểu số 2" before "số 10" when sorted by name.
        return super().get_queryset().annotate(
            member_count=Count("memberships", filter=Q(memberships__end_date__isnull=True)),
            name_key=NaturalKey("name"),
        )


class BodyDetailView(ui.ScopedDetailView):
    template_name = "councils/body_detail.html"
    selector = staticmethod(selectors.bodies_for)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        body = context["object"]
        context["memberships"] = list(
            Membership.objects.filter(body=body).select_related("deputy").order_by("end_date", "role", "deputy__full_name")
        )
        context["electoral_units"] = list(body.electoral_units.all())
        return context


# --- sessions -------------------------------------------------------------------------------------------------

class SessionListView(ui.ScopedListView):
    title = _("Kỳ họp")
    selector = staticmethod(sessions.sessions_for)
    filterset_class = filtersets.SessionFilterSet
    detail_url_name = "session_detail"
    create_url_name = "session_create"
    default_sort = "-start_date"
    export_filename = "ky-hop"
    columns = (
        ui.Column(_("Kỳ họp thứ"), "number", sort="number", link=True),
        ui.Column(_("Tên kỳ họp"), "title", link=True),
        ui.Column(_("Loại"), "kind", sort="kind"),
        ui.Column(_("HĐND"), "council.name", sort="council__path"),
        ui.Column(_("Khai mạc"), "start_date", sort="start_date"),
        ui.Column(_("Bế mạc"), "end_date"),
        ui.Column(_("Địa điểm"), "place"),
        ui.Column(_("Tài liệu"), "documents_count", css="text-end"),
        ui.Column(_("Chưa gửi"), "unsent_count", css="text-end"),
        ui.Column(_("Gửi trước khai mạc (ngày)"), lambda s: sessions.lead_time(s)["lead_days"], css="text-end"),
    )


class SessionDetailView(ui.ScopedDetailView):
    """A session: agenda, and each document with when it reached deputies and the lead time it left."""

    template_name = "councils/session_detail.html"
    selector = staticmethod(sessions.sessions_for)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        session = context["object"]
        context["agenda"] = list(session.agenda_items.all())
        can_manage = permissions.can_manage(self.request.user, session.council)
        context["documents"] = sessions.papers_of(session, with_readers=can_manage)
        context["lead_time"] = sessions.lead_time(session)
        context["lead_rule"] = sessions.lead_rule_for(session)
        context["can_manage"] = can_manage
        context["actions"] = [
            ui.Link(_("Báo cáo kiến nghị cử tri (.xlsx)"), reverse("voters:session_report", args=[session.pk]),
                    icon="file-earmark-excel", css="btn-outline-success"),
            *context["actions"],
        ]
        if can_manage:
            context["actions"] += [
                ui.edit_link("session_edit", session),
                ui.Link(_("Thêm nội dung"), reverse("session_agenda_add", args=[session.pk]), icon="list-ol"),
                ui.Link(_("Thêm tài liệu"), reverse("session_document_add", args=[session.pk]), icon="file-earmark-plus"),
            ]
            here = reverse("session_detail", args=[session.pk])
            for document in context["documents"]:
                document.send_link = None if document.sent_at else ui.Link(
                    _("Đánh dấu đã gửi"), reverse("session_document_sent", args=[document.pk]), icon="send",
                    css="btn-sm btn-outline-primary", method="post", fields={"next": here})
        return context


class SessionCreateView(ui.ServiceFormView):
    title = _("Thêm kỳ họp")
    form_class = SessionForm
    service = staticmethod(sessions.create_session)
    detail_url_name = "session_detail"
    cancel_url_name = "session_list"
    success_message = _("Đã lưu kỳ họp.")


class SessionObjectFormView(ui.ObjectFormView):
    selector = staticmethod(sessions.sessions_for)
    object_kwarg = "session"
    detail_url_name = "session_detail"

    def check_permission(self) -> None:
        permissions.require_manage(self.request.user, self.get_object().council)


class SessionEditView(ui.ObjectEditView):
    title = _("Sửa kỳ họp")
    form_class = SessionEditForm
    selector = staticmethod(sessions.sessions_for)
    service = staticmethod(sessions.update_session)
    object_kwarg = "session"
    detail_url_name = "session_detail"


class SessionAgendaItemView(SessionObjectFormView):
    title = _("Thêm nội dung kỳ họp")
    form_class = AgendaItemForm
    service = staticmethod(sessions.add_agenda_item)
    success_message = _("Đã thêm nội dung.")


class SessionDocumentView(SessionObjectFormView):
    title = _("Thêm tài liệu kỳ họp")
    form_class = SessionDocumentForm
    service = staticmethod(sessions.add_session_document)
    success_message = _("Đã thêm tài liệu.")


class SessionDocumentSentView(ui.ServiceActionView):
    selector = staticmethod(sessions.session_documents_for)
    service = staticmethod(sessions.mark_document_sent)
    object_kwarg = "document"
    success_message = _("Đã ghi nhận thời điểm gửi tài liệu.")

    def perform(self, obj):
        return sessions.mark_document_sent(document=obj, sent_at=None, actor=self.request.user)


@login_required
def session_document_download(request, pk):
    """A session document's file, to whoever sees the session (another council's is a 404); a deputy's first
    opening is recorded."""
    document = get_object_or_404(sessions.session_documents_for(request.user), pk=pk)
    handle = sessions.open_paper(document=document, actor=request.user)
    return FileResponse(handle, as_attachment=True, filename=os.path.basename(document.file.name))
