"""Pages that span apps: each role's home page, the deputy's inbox, a deputy's activity record, the
overdue board, the user's own account page and their calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST
from django.views.generic import TemplateView

from compliance.views import dashboard
from councils import permissions
from councils import selectors as council_selectors
from oversight import selectors as oversight_selectors
from utilities import ui
from utilities.pagination import bounded_count
from voters import selectors as voters_selectors
from voters import views as voters_views

from . import cards, feeds, selectors, services

AGENCY_HOME_LIMIT = 200
# The home's "N late" badges count up to this many and say "more than" beyond: counting all of a province's
# late answers took 90 ms (Hà Nội, 7,721 of them) of a 500-ms page, and the overdue board lists them all.
BADGE_LIMIT = 999


def _badge(queryset) -> dict:
    count, exact = bounded_count(queryset, BADGE_LIMIT)
    return {"count": count, "exact": exact}


@login_required
def home(request):
    """Each role's own home page: the secretariat's workspace, the deputy's inbox, the party dashboard."""
    council = council_selectors.primary_council(request.user)
    persona = permissions.persona(request.user, council)
    if persona == "agency":
        return agency_home(request)
    if council is None:
        return render(request, "portal/no_council.html", status=403)
    if persona == "party_viewer":
        return dashboard(request)
    if persona == "deputy":
        return inbox(request)
    user = request.user
    return render(request, "portal/home.html", {
        "council": council, "persona": persona,
        "councils_count": council_selectors.councils_for(user).filter(path__startswith=council.path).count(),
        "queue": cards.cards(request, council, cards.QUEUE),
        "overview": cards.cards(request, council, cards.OVERVIEW),
        "due_petitions": list(voters_selectors.due_soon_petitions(user, council=council)[:10]),
        "due_forwardings": list(voters_selectors.due_soon_forwardings(user, council=council)[:10]),
        "overdue_petitions": _badge(voters_selectors.overdue_petitions(user, council=council)),
        "overdue_forwardings": _badge(voters_selectors.overdue_forwardings(user, council=council)),
    })


@login_required
def inbox(request):
    """Việc của tôi: the deputy's home page, overdue first then by deadline."""
    entries = []
    for entry in selectors.inbox_for(request.user):
        try:
            url = reverse(entry.url_name, args=[entry.pk])
        except NoReverseMatch:
            url = ""
        entries.append({"entry": entry, "url": url})
    council = council_selectors.primary_council(request.user)
    return render(request, "portal/inbox.html", {
        "council": council, "entries": entries, "persona": permissions.persona(request.user, council),
        "overdue_count": sum(1 for item in entries if item["entry"].overdue),
        "upcoming": selectors.upcoming_for(request.user),
    })


@login_required
def agency_home(request):
    """An agency's staff: the forwardings addressed to their agency, overdue and due soon first, each with
    what it waits for."""
    user = request.user
    rows = [{"forwarding": f, "next": voters_views.next_step(user, f)}
            for f in voters_selectors.agency_forwardings(user)[:AGENCY_HOME_LIMIT]]
    return render(request, "portal/agency_home.html", {
        "rows": rows, "persona": "agency", "agencies": sorted({str(r["forwarding"].agency) for r in rows}),
        "overdue_count": sum(1 for r in rows if r["forwarding"].urgency == 0),
        "due_soon_count": sum(1 for r in rows if r["forwarding"].urgency == 1),
    })


class DeputyDetailView(ui.ScopedDetailView):
    """A deputy and their own activity record: bodies, oversight, voter meetings, receptions, trainings."""

    template_name = "portal/deputy_detail.html"
    selector = staticmethod(council_selectors.deputies_for)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["record"] = selectors.activity_record_for(self.request.user, context["object"])
        return context

    def actions(self, deputy):
        if permissions.can_manage(self.request.user, deputy.council):
            return [ui.edit_link("deputy_edit", deputy)]
        return []


class OverdueView(ui.PortalPageMixin, TemplateView):
    """Bảng quá hạn: petitions not forwarded in time, forwardings not answered in time, overdue oversight
    recommendations and late work items, by council and by agency."""

    template_name = "portal/overdue.html"
    title = _("Quá hạn")
    limit = 200

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        petitions = voters_selectors.overdue_petitions(user)
        forwardings = voters_selectors.overdue_forwardings(user)
        recommendations = oversight_selectors.recommendations_for(user).filter(is_overdue=True).order_by("due_date")
        work_items = oversight_selectors.work_items_for(user).filter(is_overdue=True).order_by("due_date")
        context.update(
            petitions=list(petitions[: self.limit]), petitions_total=petitions.count(),
            forwardings=list(forwardings[: self.limit]), forwardings_total=forwardings.count(),
            recommendations=list(recommendations[: self.limit]), recommendations_total=recommendations.count(),
            work_items=list(work_items[: self.limit]), work_items_total=work_items.count(),
            by_agency=voters_selectors.overdue_counts_by_agency(user),
            by_council=selectors.overdue_by_council(petitions, forwardings, recommendations, work_items),
        )
        return context


class AccountView(ui.PortalPageMixin, TemplateView):
    """Tài khoản của tôi: who I am, my roles, and the address of my calendar feed."""

    template_name = "portal/account.html"
    title = _("Tài khoản của tôi")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        token = services.calendar_token(user=user)
        context.update(
            roles=list(user.council_roles.select_related("council", "agency").order_by("council__path", "role")),
            feed_url=self.request.build_absolute_uri(reverse("calendar_feed", args=[token])) if token else "",
            regenerate=ui.Link(_("Tạo đường dẫn mới"), reverse("account_calendar_regenerate"), icon="arrow-repeat",
                               css="btn-outline-primary", method="post",
                               confirm=_("Đường dẫn cũ sẽ ngừng hoạt động. Tiếp tục?")),
            revoke=ui.Link(_("Thu hồi đường dẫn"), reverse("account_calendar_revoke"), icon="x-circle",
                           css="btn-outline-danger", method="post",
                           confirm=_("Lịch sẽ ngừng cập nhật ở mọi ứng dụng đang dùng đường dẫn này. Tiếp tục?")),
        )
        return context


@require_POST
@login_required
def account_calendar_regenerate(request):
    services.regenerate_calendar_token(user=request.user)
    messages.success(request, _("Đã tạo đường dẫn lịch mới; đường dẫn cũ không còn dùng được."))
    return HttpResponseRedirect(reverse("account"))


@require_POST
@login_required
def account_calendar_revoke(request):
    services.revoke_calendar_token(user=request.user)
    messages.success(request, _("Đã thu hồi đường dẫn lịch."))
    return HttpResponseRedirect(reverse("account"))


@require_GET
def calendar_feed(request, token):
    """The iCalendar file behind a secret address: no sign-in (calendar applications have none), a wrong or
    revoked token is a 404."""
    feed = feeds.feed_for_token(token)
    if feed is None:
        raise Http404
    body = feeds.calendar_for(feed.user, page_url=request.build_absolute_uri)
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = 'inline; filename="lich-cong-tac.ics"'
    response["Cache-Control"] = "private, no-cache"
    response["X-Robots-Tag"] = "noindex"
    return response
