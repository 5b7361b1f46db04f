"""Token login for scripts and other systems: ``POST /api/v1/auth/token/`` with username and password.

Browsers use the portal's session (with its CSRF token); programs send ``Authorization: Token <key>``.
A token lasts ``API_TOKEN_LIFETIME`` from when it was issued (``utilities.api.tokens``): the next login after
that issues a new one. Attempts are throttled per address (scope ``login``) to slow down password guessing, and count towards the
same lock-out as the sign-in form (``utilities.lockout``): a locked-out account or address gets a 429.
"""

from django.contrib.auth import authenticate
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import exceptions, serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView

from utilities import lockout
from utilities.security_log import log_event

from .schema import ErrorSerializer
from .throttling import LoginThrottle
from .tokens import token_expired

# ``check(user) -> message or None``: an app above refuses a token to an account that is not ready for one
# (the councils app: a temporary password not yet changed). Registered in its AppConfig.ready.
_token_checks: list = []


def refuse_tokens_when(check) -> None:
    if check not in _token_checks:
        _token_checks.append(check)


class TokenRefused(exceptions.PermissionDenied):
    default_code = "password_change_required"


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_code = "locked_out"

    def __init__(self, request):
        super().__init__(lockout.lockout_message(request))
        # The exception handler sends it as Retry-After, as for a throttled request.
        self.wait = lockout.lockout_seconds(request)


class LoginSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("tên đăng nhập"), max_length=150, write_only=True)
    password = serializers.CharField(label=_("mật khẩu"), max_length=128, trim_whitespace=False, write_only=True)

    def validate(self, attrs):
        request = self.context.get("request")
        user = authenticate(request=request, username=attrs["username"], password=attrs["password"])
        if user is None:
            if lockout.locked_out(request):
                raise LockedOut(request)
            raise serializers.ValidationError(_("Tên đăng nhập hoặc mật khẩu không đúng."), code="authorization")
        attrs["user"] = user
        return attrs


class TokenSerializer(serializers.Serializer):
    token = serializers.CharField(read_only=True)


class ObtainTokenView(APIView):
    """Exchange a username and password for the user's API token (the same one until it expires)."""

    authentication_classes = []
    permission_classes = []
    throttle_classes = [LoginThrottle]

    @extend_schema(
        request=LoginSerializer, auth=[], tags=["auth"], operation_id="auth_token_create",
        responses={
            200: TokenSerializer,
            403: OpenApiResponse(ErrorSerializer, description=(
                "`password_change_required`: tài khoản đang dùng mật khẩu tạm; đăng nhập Cổng để đổi mật khẩu "
                "trước khi lấy mã truy cập."
            )),
            429: OpenApiResponse(ErrorSerializer, description=(
                "Quá nhiều lần thử: `throttled` (quá nhiều yêu cầu từ một địa chỉ), hoặc `locked_out` (tài khoản "
                "hoặc địa chỉ đăng nhập sai quá số lần cho phép, tạm khóa; cả mật khẩu đúng cũng bị từ chối). "
                "Header Retry-After cho biết số giây phải chờ."
            )),
        },
    )
    def post(self, request):
        serializer = LoginSerializer(data=request.data, context={"request": request})
        serializer.is_valid(raise_exception=True)
        user = serializer.validated_data["user"]
        for check in _token_checks:
            if (message := check(user)) is not None:
                raise TokenRefused(message)
        token, _created = Token.objects.get_or_create(user=user)
        if token_expired(token):
            token.delete()
            token = Token.objects.create(user=user)
        log_event("token_issued", request, username=user.get_username())
        return Response({"token": token.key})
