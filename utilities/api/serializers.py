"""The base of every model serializer of the API: each text it accepts has a maximum length the schema states,
and each date a plausible range (``utilities.limits``), whatever the model declares; and the record it answers
is whole, after a partial update too."""

from django.db import models
from rest_framework import serializers

from .fields import MAX_LENGTH_MESSAGE, BoundedCharField, PlausibleDateField, PlausibleDateTimeField


class BoundedModelSerializer(serializers.ModelSerializer):
    # A model's TextField has no length of its own: it becomes a BoundedCharField of LONG_TEXT_MAX_LENGTH.
    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: BoundedCharField,
        models.TextField: BoundedCharField,
        models.DateField: PlausibleDateField,
        models.DateTimeField: PlausibleDateTimeField,
    }

    def build_standard_field(self, field_name, model_field):
        field_class, field_kwargs = super().build_standard_field(field_name, model_field)
        if issubclass(field_class, serializers.CharField) and "max_length" in field_kwargs:
            # E-mail, URL and slug columns keep DRF's field and gain the Vietnamese message.
            field_kwargs["error_messages"] = {"max_length": MAX_LENGTH_MESSAGE, **field_kwargs.get("error_messages", {})}
        return field_class, field_kwargs

    def to_representation(self, instance):
        # DRF skips a field's default while ``partial`` is set (encode/django-rest-framework#5905), so a PATCH
        # would answer without e.g. "field_name" when the petition has no field. Partial governs what is read.
        partial, self.partial = self.partial, False
        try:
            return super().to_representation(instance)
        finally:
            self.partial = partial
