"""API tokens that expire and can be revoked.

A token lasts ``API_TOKEN_LIFETIME`` from when it was issued: then it is deleted and refused (401
``token_expired``). Signing out of the portal or a new password revokes it (``revoke_tokens``, which the
sign-in's app calls). Kept apart from the token view: DRF imports authentication classes while its views
module loads.
"""

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication
from rest_framework.authtoken.models import Token


def token_expired(token: Token) -> bool:
    return timezone.now() - token.created > settings.API_TOKEN_LIFETIME


def revoke_tokens(user) -> None:
    Token.objects.filter(user=user).delete()


class ExpiringTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, for ``API_TOKEN_LIFETIME`` after the token was issued."""

    def authenticate_credentials(self, key):
        user, token = super().authenticate_credentials(key)
        if token_expired(token):
            token.delete()
            raise exceptions.AuthenticationFailed(
                _("Mã truy cập (token) đã hết hạn. Xin đăng nhập lại để lấy mã mới."), code="token_expired")
        return user, token
