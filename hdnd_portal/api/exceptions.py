"""One JSON error format for the whole API.

Every error body is ``{"error": {"code": ..., "message": ..., "fields": {field: [messages]}}}``.
Django's ValidationError raised by a service becomes a 400 with the same shape, so a rule checked in
a service (and not only in a serializer) never surfaces as a 500.
"""

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler


def _fields_from_django(error: DjangoValidationError) -> dict:
    if hasattr(error, "error_dict"):
        return {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
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


def exception_handler(exc, context):
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(detail=_fields_from_django(exc))
    elif isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied()

    response = drf_exception_handler(exc, context)
    if response is None:
        return None

    if isinstance(exc, exceptions.ValidationError):
        fields = _flatten(exc.detail)
        message = "Dữ liệu không hợp lệ."
        code = "invalid"
    else:
        detail = getattr(exc, "detail", "")
        fields = {}
        message = str(detail) if not isinstance(detail, list | dict) else str(_flatten(detail))
        code = getattr(detail, "code", None) or getattr(exc, "default_code", "error")
    response.data = {"error": {"code": code, "message": message, "fields": fields}}
    return response


def error_response(message: str, *, code: str = "invalid", status_code: int = status.HTTP_400_BAD_REQUEST):
    return Response({"error": {"code": code, "message": message, "fields": {}}}, status=status_code)
