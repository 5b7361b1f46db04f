"""OpenAPI generation: every operation documents the one error format next to its success response.

Clients (and the schemathesis fuzz tests) then know that a 400, 401, 403, 404, 409 or 429 is part of
the contract and what its body looks like.
"""

from drf_spectacular.openapi import AutoSchema
from drf_spectacular.utils import OpenApiResponse
from rest_framework import serializers


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


class PortalAutoSchema(AutoSchema):
    def _map_serializer_field(self, field, direction, bypass_extensions=False):
        schema = super()._map_serializer_field(field, direction, bypass_extensions)
        # An optional e-mail or URL is stored as "", which is no valid "email"/"uri": without this, a
        # client validating responses (or schemathesis) rejects every record whose address is empty.
        if getattr(field, "allow_blank", False) and schema.get("format") in ("email", "uri"):
            schema = {**schema}
            schema.pop("format")
        return schema

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        errors = dict(_ERRORS_EVERYWHERE)
        if self.method not in ("GET", "HEAD", "OPTIONS"):
            errors.update(_ERRORS_OF_WRITES)
        for code, description in errors.items():
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(ErrorSerializer, description=description), code, direction=direction
                )
        return responses
