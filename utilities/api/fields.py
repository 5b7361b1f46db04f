"""Serializer fields of every API: foreign keys that respect the council scope, texts with a stated length
and plausible dates.

A foreign key given in a request is looked up only among the rows the caller may see, so naming
another council's record gives the same "does not exist" as naming no record at all. A text has a
maximum length the schema states, and a date or moment must fall in ``utilities.limits``' plausible range,
both refused with a Vietnamese message naming the limit.
"""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..limits import LONG_TEXT_MAX_LENGTH, validate_plausible_date

# DRF has no Vietnamese for this one (its catalogue translates a handful of messages).
MAX_LENGTH_MESSAGE = _("Không được dài quá {max_length} ký tự.")


class BoundedCharField(serializers.CharField):
    """A text input with a maximum length: the given one (a column's), else ``LONG_TEXT_MAX_LENGTH``."""

    default_error_messages = {"max_length": MAX_LENGTH_MESSAGE}

    def __init__(self, **kwargs):
        # A long text's limit binds what comes in, not what was stored before it existed (the schema says so).
        self.is_long_text = "max_length" not in kwargs
        if not kwargs.get("read_only"):
            kwargs.setdefault("max_length", LONG_TEXT_MAX_LENGTH)
        super().__init__(**kwargs)


class _PlausibleMixin:
    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        # Appended, not default_validators: a ModelSerializer passes the model field's validators explicitly.
        self.validators = [*self.validators, validate_plausible_date]


class PlausibleDateField(_PlausibleMixin, serializers.DateField):
    """A date from 1/1/1945 to ten years ahead (``utilities.limits``)."""


class PlausibleDateTimeField(_PlausibleMixin, serializers.DateTimeField):
    """A moment whose day is from 1/1/1945 to ten years ahead (``utilities.limits``)."""


class ScopedPrimaryKeyRelatedField(serializers.PrimaryKeyRelatedField):
    """A primary key among the rows the caller sees (``Model.objects.for_user`` when the model is scoped)."""

    def get_queryset(self):
        queryset = super().get_queryset()
        request = self.context.get("request")
        user = getattr(request, "user", None)
        if hasattr(queryset, "for_user"):
            return queryset.for_user(user)
        return queryset


def scoped(model, **kwargs):
    """A ``ScopedPrimaryKeyRelatedField`` over ``model``."""
    return ScopedPrimaryKeyRelatedField(queryset=model.objects.all(), **kwargs)


# No docstring on purpose: drf-spectacular would show it as the description of every serializer using it.
class CreateOnlyMixin:
    # Fields chosen when a record is created (its council, its source) become read-only on update.

    create_only_fields: tuple[str, ...] = ()

    def get_fields(self):
        fields = super().get_fields()
        if self.instance is not None:
            for name in self.create_only_fields:
                if name in fields:
                    fields[name].read_only = True
        return fields
