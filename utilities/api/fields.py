"""Serializer fields that respect the council scope.

A foreign key given in a request is looked up only among the rows the caller may see, so naming
another council's record gives the same "does not exist" as naming no record at all.
"""

from rest_framework import serializers


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
