"""One JSON error format for the whole API.

Every error body is ``{"error": {"code": ..., "message": ..., "fields": {field: [messages]}}}``.
Django's ValidationError raised by a service becomes a 400 with the same shape, so a rule checked in
a service (and not only in a serializer) never surfaces as a 500. A unique constraint lost to a
concurrent request (IntegrityError) becomes a 409, and deleting a row that others still point to
(ProtectedError) a 409 too: both are the caller's conflict, not a server fault.
"""

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404, JsonResponse
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler

from utilities.errors import bad_request_page, forbidden_page, not_found_page, server_error_page
from utilities.security_log import log_access_refused, log_refused

logger = logging.getLogger(__name__)


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"

    @property
    def default_detail(self):
        return _("Dữ liệu xung đột với một bản ghi khác (có thể vừa được người khác lưu). Hãy tải lại và thử lại.")


class PreconditionFailed(exceptions.APIException):
    """An ``If-Match`` that names a version other than the record's current one: a stale write."""

    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_code = "precondition_failed"

    @property
    def default_detail(self):
        return _("Bản ghi đã được người khác thay đổi (If-Match không khớp phiên bản hiện tại): không có gì được "
                 "lưu. Hãy đọc lại bản ghi và gửi lại với ETag mới.")


def _fields_from_django(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        # Django names errors that belong to no single field NON_FIELD_ERRORS ("__all__").
        return {
            ("non_field_errors" if field == "__all__" else field): [str(m) for m in messages]
            for field, messages in error.message_dict.items()
        }
    return {"non_field_errors": [str(m) for m in error.messages]}


def _flatten(detail):
    if isinstance(detail, dict):
        return {key: _flatten_list(value) for key, value in detail.items()}
    return {"non_field_errors": _flatten_list(detail)}


def _flatten_list(value):
    if isinstance(value, list):
        out = []
        for item in value:
            out.extend(_flatten_list(item) if isinstance(item, list | dict) else [str(item)])
        return out
    if isinstance(value, dict):
        return [f"{k}: {m}" for k, v in value.items() for m in _flatten_list(v)]
    return [str(value)]


def _translate(exc):
    """Turn Django and database exceptions into the DRF exception that says what the caller did wrong."""
    if isinstance(exc, DjangoValidationError):
        translated = exceptions.ValidationError(detail=_fields_from_django(exc))
        # A service may name its refusal (e.g. "invalid_transition") so clients can branch on it.
        translated.error_code = getattr(exc, "code", None) or "invalid"
        return translated
    if isinstance(exc, Http404):
        return exceptions.NotFound(_("Không tìm thấy."))
    if isinstance(exc, DjangoPermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, IntegrityError):
        logger.info("API write lost a race on a constraint: %s", exc)
        return Conflict()
    if isinstance(exc, ProtectedError | RestrictedError):
        return Conflict(_("Không thể xóa vì bản ghi này đang được dùng ở nơi khác."))
    if isinstance(exc, DataError | OverflowError):
        # A value the database (or a date) cannot hold, too long or out of range, that slipped past
        # validation: e.g. a year of 10^80 given to a filter. The caller's input, so a 400.
        logger.warning("API input out of range slipped past validation: %r", exc)
        return exceptions.ValidationError({"non_field_errors": [_("Giá trị vượt quá giới hạn cho phép.")]})
    return exc


def exception_handler(exc, context):
    exc = _translate(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        message = _("Dữ liệu không hợp lệ.")
        code = getattr(exc, "error_code", "invalid")
    else:
        detail = getattr(exc, "detail", "")
        fields = {}
        message = str(detail) if not isinstance(detail, list | dict) else str(_flatten(detail))
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    request = context.get("request")
    if request is not None and isinstance(exc, exceptions.AuthenticationFailed):
        log_refused("token_refused", request, response, reason=code)
    elif request is not None and isinstance(exc, exceptions.PermissionDenied):
        log_access_refused(request, response, reason=message)
    return response


def not_found(request, exception=None):
    """The project's 404 view: API paths answer in the error format, pages get the portal's 404 page.

    DRF only formats errors raised inside its views; a URL that matches no route at all (an id such as
    "1.5" or "a/b") never reaches one, and API clients must not get an HTML page.
    """
    if request.path.startswith("/api/"):
        return JsonResponse({"error": {"code": "not_found", "message": _("Không tìm thấy."), "fields": {}}},
                            status=status.HTTP_404_NOT_FOUND)
    return not_found_page(request, exception)


def bad_request(request, exception=None):
    """The project's 400 view, for what Django refuses before any view runs (a body over
    ``DATA_UPLOAD_MAX_MEMORY_SIZE``, a forbidden host header): API paths answer in the error format."""
    if request.path.startswith("/api/"):
        if isinstance(exception, RequestDataTooBig):
            code, message = "request_too_large", _("Dữ liệu gửi lên quá lớn.")
        else:
            code, message = "bad_request", _("Yêu cầu không hợp lệ.")
        return JsonResponse({"error": {"code": code, "message": message, "fields": {}}},
                            status=status.HTTP_400_BAD_REQUEST)
    return bad_request_page(request, exception)


def _api_error(code: str, message: str, status_code: int) -> JsonResponse:
    return JsonResponse({"error": {"code": code, "message": message, "fields": {}}}, status=status_code)


def permission_denied(request, exception=None):
    """The project's 403 view (a page's PermissionDenied, through utilities.security_log's middleware)."""
    if request.path.startswith("/api/"):
        return _api_error("permission_denied", _("Bạn không có quyền thực hiện thao tác này."), status.HTTP_403_FORBIDDEN)
    return forbidden_page(request, exception)


def server_error(request):
    """The project's 500 view: the API's error format on API paths, the portal's page elsewhere."""
    if request.path.startswith("/api/"):
        return _api_error("server_error", _("Hệ thống gặp sự cố, vui lòng thử lại sau."),
                          status.HTTP_500_INTERNAL_SERVER_ERROR)
    return server_error_page(request)
