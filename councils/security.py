"""What a sign-in, a sign-out and a new password set off, connected when the app is ready
(``CouncilsConfig.ready``): each goes to the security log; the session's lifetime starts counting; signing
out or changing one's password revokes one's API token."""

import logging

from axes.signals import user_locked_out
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models.signals import pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from utilities import lockout, session_lifetime
from utilities.api.auth import refuse_tokens_when
from utilities.api.tokens import revoke_tokens
from utilities.security_log import log_event

from .accounts import must_change_password
from .middleware import MUST_CHANGE_PASSWORD

user_logged_in.connect(session_lifetime.start_session, dispatch_uid="session_lifetime.start_session")


@receiver(user_logged_in, dispatch_uid="log_login")
def log_login(sender, request, user, **kwargs):
    log_event("login_succeeded", request, username=user.get_username())


@receiver(user_logged_in, dispatch_uid="flag_temporary_password")
def flag_temporary_password(sender, request, user, **kwargs):
    """A temporary password issued by the secretariat must be changed first (councils.middleware)."""
    if request is not None and hasattr(request, "session") and must_change_password(user):
        request.session[MUST_CHANGE_PASSWORD] = True


def _token_refusal(user) -> str | None:
    if must_change_password(user):
        return _("Tài khoản đang dùng mật khẩu tạm: xin đăng nhập Cổng và đổi mật khẩu trước khi lấy mã truy cập.")
    return None


refuse_tokens_when(_token_refusal)


@receiver(user_login_failed, dispatch_uid="log_login_failed")
def log_login_failed(sender, credentials, request=None, **kwargs):
    # Without a request the attempt came from code, not from a client. An attempt the lock-out refused (or
    # that started it) was logged by axes' signal below: axes, installed before this app, has handled this one.
    if request is None or lockout.locked_out(request):
        return
    log_event("login_failed", request, username=credentials.get("username"), level=logging.WARNING)


@receiver(user_locked_out, dispatch_uid="log_locked_out")
def log_locked_out(sender, request, username, **kwargs):
    log_event("login_locked_out", request, username=username, level=logging.WARNING)


@receiver(user_logged_out, dispatch_uid="log_logout")
def log_logout(sender, request, user, **kwargs):
    log_event("logout", request, username=user.get_username() if user is not None else None)


@receiver(user_logged_out, dispatch_uid="revoke_tokens_on_logout")
def revoke_tokens_on_logout(sender, request, user, **kwargs):
    if user is not None:
        revoke_tokens(user)


@receiver(pre_save, sender=get_user_model(), dispatch_uid="revoke_tokens_on_password_change")
def revoke_tokens_on_password_change(sender, instance, raw=False, update_fields=None, **kwargs):
    """Whatever path changed it: the password page, the admin, ``changepassword``, a script."""
    if raw or instance.pk is None or (update_fields is not None and "password" not in update_fields):
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        revoke_tokens(instance)
