"""Token login for scripts and other systems: ``POST /api/v1/auth/token/`` with username and password.

Browsers use the portal's session (with its CSRF token); programs send ``Authorization: Token <key>``.
Attempts are throttled per address (scope ``login``) to slow down password guessing.
"""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from .throttling import LoginThrottle


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("tên đăng nhập"), max_length=150, write_only=True)
    password = serializers.CharField(label=_("mật khẩu"), max_length=128, trim_whitespace=False, write_only=True)

    def validate(self, attrs):
        user = authenticate(request=self.context.get("request"), username=attrs["username"],
                            password=attrs["password"])
        if user is None:
            raise serializers.ValidationError(_("Tên đăng nhập hoặc mật khẩu không đúng."), code="authorization")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class ObtainTokenView(APIView):
    """Exchange a username and password for the user's API token (created on first use)."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [LoginThrottle]

    @extend_schema(request=LoginSerializer, responses={200: TokenSerializer}, auth=[], tags=["auth"],
                   operation_id="auth_token_create")
    def post(self, request):
        serializer = LoginSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        token, _created = Token.objects.get_or_create(user=serializer.validated_data["user"])
        return Response({"token": token.key})
