"""OpenAPI generation: every operation documents the one error format next to its success response.

Clients (and the schemathesis fuzz tests) then know that a 400, 401, 403, 404, 409, 412, 415 or 429 is part
of the contract and what its body looks like.
"""

from django.core.exceptions import FieldDoesNotExist
from drf_spectacular.openapi import AutoSchema
from drf_spectacular.plumbing import append_meta, build_basic_type, force_instance
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse
from rest_framework import serializers

from .viewsets import ConditionalUpdateMixin


def _model_field_of(field):
    """The model field a serializer field reads, when it reads one directly."""
    model = getattr(getattr(field.parent, "Meta", None), "model", None)
    if model is None or not field.source or "." in field.source:
        return None
    try:
        return model._meta.get_field(field.source)
    except FieldDoesNotExist:
        return None


class ErrorBodySerializer(serializers.Serializer):
    code = serializers.CharField(help_text="Mã lỗi máy đọc được, ví dụ invalid, not_found, invalid_transition.")
    message = serializers.CharField(help_text="Thông báo lỗi cho người dùng.")
    fields = serializers.DictField(
        child=serializers.ListField(child=serializers.CharField()),
        help_text="Lỗi theo từng trường; non_field_errors cho lỗi chung.",
    )


class ErrorSerializer(serializers.Serializer):
    error = ErrorBodySerializer()


_ERRORS_EVERYWHERE = {
    "400": "Dữ liệu hoặc tham số không hợp lệ.",
    "401": "Chưa đăng nhập.",
    "403": "Không có quyền.",
    "404": "Không tìm thấy (hoặc thuộc HĐND khác).",
    "429": "Gửi quá nhiều yêu cầu.",
}
_ERRORS_OF_WRITES = {"409": "Xung đột với dữ liệu vừa được lưu."}
_ERRORS_OF_BODIES = {"415": "Kiểu nội dung (Content-Type) không được hỗ trợ."}
_ERRORS_OF_CONDITIONAL_UPDATES = {"412": "If-Match không khớp phiên bản hiện tại (ETag): không có gì được lưu."}


class PortalAutoSchema(AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        if (isinstance(field, serializers.PrimaryKeyRelatedField) and field.queryset is None
                and field.pk_field is None and not field.read_only):
            # A related field that computes its queryset per request (scoped to the caller) has no model
            # to inspect here; every primary key of the project is an integer (DEFAULT_AUTO_FIELD).
            return append_meta(build_basic_type(OpenApiTypes.INT), self._get_serializer_field_meta(field, direction))
        if field.read_only and isinstance(field, serializers.CharField | serializers.ChoiceField):
            # DRF builds read-only model fields without allow_blank, although the stored value may be ""
            # (an optional choice or address): the schema must admit what the API really returns.
            model_field = _model_field_of(field)
            if model_field is not None and model_field.blank:
                field.allow_blank = True
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # An optional e-mail or URL is stored as "", which is no valid "email"/"uri": without this, a
        # client validating responses (or schemathesis) rejects every record whose address is empty.
        if getattr(field, "allow_blank", False) and schema.get("format") in ("email", "uri"):
            schema = {**schema}
            schema.pop("format")
        return schema

    def _map_basic_serializer(self, serializer, direction):
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response":
            # A long text is bounded on the way in; one stored before the bound (or written by the system: an
            # error, a rule's description) may be longer, so a response promises no length.
            for field in force_instance(serializer).fields.values():
                if getattr(field, "is_long_text", False):
                    schema["properties"].get(field.field_name, {}).pop("maxLength", None)
        return schema

    def _is_conditional_update(self) -> bool:
        return self.method in ("PUT", "PATCH") and isinstance(self.view, ConditionalUpdateMixin)

    def get_override_parameters(self):
        parameters = list(super().get_override_parameters())
        if self._is_conditional_update():
            parameters.append(OpenApiParameter(
                "If-Match", OpenApiTypes.STR, OpenApiParameter.HEADER, required=False,
                description="ETag của bản ghi khi đọc (GET trả về header ETag). Nếu gửi mà bản ghi đã đổi phiên "
                            "bản thì trả 412 và không lưu gì; không gửi thì ghi đè (cho client đơn giản).",
            ))
        return parameters

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(_ERRORS_EVERYWHERE)
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            errors.update(_ERRORS_OF_WRITES)
        if self.method in ("POST", "PUT", "PATCH"):
            errors.update(_ERRORS_OF_BODIES)
        if self._is_conditional_update():
            errors.update(_ERRORS_OF_CONDITIONAL_UPDATES)
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        return responses

