"""The secretariat's account pages (Quản trị tài khoản): the accounts of the councils one maintains, creating
one, giving a role, locking, unlocking, a new temporary password, the accounts of every deputy who has none
with a sheet of temporary passwords to print, and the page where a temporary password is changed."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm, SetPasswordForm
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.generic import TemplateView

from utilities import ui

from .. import accounts, permissions, selectors
from ..choices import AccountEvent
from ..forms import AccountCreateForm, AccountRoleForm, CouncilChoiceForm
from ..middleware import MUST_CHANGE_PASSWORD
from ..models import AuditEntry


class AccountPageMixin(ui.PortalPageMixin):
    """Open to the secretariat and administrators; an account outside what they maintain is a 404."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and not permissions.can_manage_accounts_anywhere(request.user):
            raise PermissionDenied(_("Chỉ Văn phòng và quản trị viên mới quản lý tài khoản."))
        return super().dispatch(request, *args, **kwargs)

    def get_account(self):
        if not hasattr(self, "_account"):
            self._account = get_object_or_404(selectors.accounts_for(self.request.user), pk=self.kwargs["pk"])
        return self._account

    def credentials(self, issued: list, title):
        return credentials_page(self, issued, title)


def credentials_page(view: ui.PortalPageMixin, issued: list, title, *, back_url: str = "") -> TemplateResponse:
    """The sheet of temporary passwords: shown in this answer only, never stored, never cached."""
    context = {**ui.PortalPageMixin.get_context_data(view), "issued": issued, "title": title, "back_url": back_url}
    response = TemplateResponse(view.request, "councils/account_credentials.html", context)
    add_never_cache_headers(response)
    return response


def display_name(user) -> str:
    return " ".join(part for part in (user.last_name, user.first_name) if part) or user.get_username()


@method_decorator(never_cache, name="dispatch")
class AccountListView(AccountPageMixin, TemplateView):
    template_name = "councils/account_list.html"
    title = _("Quản trị tài khoản")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        users = selectors.accounts_for(self.request.user)
        council_pk = self.request.GET.get("hdnd", "")
        if council_pk.isdigit():
            users = users.filter(council_roles__council_id=int(council_pk)).distinct()
        query = self.request.GET.get("q", "").strip()[:100]
        if query:
            users = users.filter(Q(username__icontains=query) | Q(last_name__icontains=query)
                                 | Q(first_name__icontains=query))
        page = Paginator(users, ui.PAGE_SIZE).get_page(self.request.GET.get("page"))
        context.update(page=page, accounts=[(user, display_name(user)) for user in page.object_list], query=query)
        return context


class AccountDetailView(AccountPageMixin, TemplateView):
    template_name = "councils/account_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.get_account()
        roles = list(user.council_roles.all())
        history = (AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(user), object_id=user.pk)
                   .select_related("actor").order_by("-at", "-id")[:50])
        labels = dict(AccountEvent.choices)
        context.update(
            account=user, title=display_name(user), roles=roles,
            can_manage=permissions.can_manage_account(self.request.user, user, [(r.council, r.role) for r in roles]),
            history=[(entry, labels.get(entry.action, entry.action)) for entry in history],
            temporary=getattr(user, "temporary_password", None),
        )
        return context


class AccountCreateView(AccountPageMixin, ui.ServiceFormView):
    title = _("Tạo tài khoản")
    form_class = AccountCreateForm
    cancel_url_name = "account_list"

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid():
            try:
                issued = accounts.create_account(actor=request.user, **form.cleaned_data)
            except ValidationError as error:
                ui.apply_service_errors(form, error)
            else:
                return self.credentials([issued], _("Tài khoản mới"))
        ui.style_form(form)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class AccountRoleView(AccountPageMixin, ui.ServiceFormView):
    title = _("Phân quyền")
    form_class = AccountRoleForm

    def cancel_url(self) -> str:
        return reverse("account_detail", args=[self.get_account().pk])

    def perform(self, form):
        accounts.grant_role(actor=self.request.user, user=self.get_account(), **form.cleaned_data)
        return self.get_account()

    def success_url(self, obj) -> str:
        return reverse("account_detail", args=[obj.pk])


class AccountActionView(AccountPageMixin, TemplateView):
    """Lock, unlock (back to the account's page) or a new temporary password (the sheet to print)."""

    action = ""

    def get(self, request, *args, **kwargs):
        return HttpResponseRedirect(reverse("account_detail", args=[self.get_account().pk]))

    def post(self, request, *args, **kwargs):
        user = self.get_account()
        try:
            if self.action == "reset":
                issued = accounts.reset_password(actor=request.user, user=user)
                return self.credentials([issued], _("Mật khẩu tạm mới"))
            service = accounts.deactivate_account if self.action == "deactivate" else accounts.reactivate_account
            service(actor=request.user, user=user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Đã khóa tài khoản.") if self.action == "deactivate" else _("Đã mở lại tài khoản."))
        return HttpResponseRedirect(reverse("account_detail", args=[user.pk]))


class DeputyAccountsView(AccountPageMixin, TemplateView):
    """Tạo tài khoản cho mọi đại biểu chưa có: a council, how many deputies lack one, and the printed sheet."""

    template_name = "councils/deputy_accounts.html"
    title = _("Tạo tài khoản cho đại biểu chưa có")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        form = kwargs.get("form") or ui.style_form(CouncilChoiceForm(user=self.request.user, data=self.request.GET or None))
        council = form.cleaned_data["council"] if form.is_bound and form.is_valid() else None
        context.update(form=form, council=council,
                       missing=list(accounts.deputies_without_account(council)) if council else None)
        return context

    def post(self, request, *args, **kwargs):
        form = CouncilChoiceForm(user=request.user, data=request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=ui.style_form(form)), status=400)
        council = form.cleaned_data["council"]
        issued = accounts.create_deputy_accounts(actor=request.user, council=council)
        if not issued:
            messages.info(request, _("Mọi đại biểu của HĐND này đã có tài khoản."))
            return HttpResponseRedirect(reverse("deputy_accounts") + f"?council={council.pk}")
        return self.credentials(issued, _("Tài khoản của đại biểu — %(council)s") % {"council": council.name})


@method_decorator(never_cache, name="dispatch")
class PasswordChangeView(ui.PortalPageMixin, TemplateView):
    """Đổi mật khẩu: the page a temporary password leads to (no old password asked: it was just typed)."""

    template_name = "ui/form.html"
    title = _("Đổi mật khẩu")

    def forced(self) -> bool:
        return bool(self.request.session.get(MUST_CHANGE_PASSWORD))

    def get_form(self):
        form_class = SetPasswordForm if self.forced() else PasswordChangeForm
        data = self.request.POST if self.request.method == "POST" else None
        # The account itself, not the request's lazy wrapper: the history line is written on it.
        user = get_user_model()._default_manager.get(pk=self.request.user.pk)
        return ui.style_form(form_class(user, data))

    def get(self, request, *args, **kwargs):
        return self.render_to_response(self.get_context_data(form=self.get_form(), cancel_url=reverse("logout")))

    def post(self, request, *args, **kwargs):
        form = self.get_form()
        if form.is_valid() and request.user.check_password(form.cleaned_data["new_password1"]):
            form.add_error("new_password1", _("Mật khẩu mới phải khác mật khẩu tạm."))
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=ui.style_form(form), cancel_url=reverse("home")),
                                           status=400)
        user = form.save()
        accounts.complete_password_change(user=user)
        update_session_auth_hash(request, user)
        request.session.pop(MUST_CHANGE_PASSWORD, None)
        messages.success(request, _("Đã đổi mật khẩu."))
        return HttpResponseRedirect(reverse("home"))
