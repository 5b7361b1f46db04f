"""What a sign-in, a sign-out and a new password set off, connected when the app is ready
(``CouncilsConfig.ready``): the session's lifetime starts counting; signing out or changing one's password
revokes one's API token."""

from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in, user_logged_out
from django.db.models.signals import pre_save
from django.dispatch import receiver

from utilities import session_lifetime
from utilities.api.tokens import revoke_tokens

user_logged_in.connect(session_lifetime.start_session, dispatch_uid="session_lifetime.start_session")


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
