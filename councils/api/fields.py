"""Serializer fields that know the councils' rules."""

from rest_framework import serializers

from ..models import Agency
from ..selectors import agencies_for


class AgencyField(serializers.PrimaryKeyRelatedField):
    """An agency the caller may address: central ones, and those of their councils' areas."""

    def __init__(self, **kwargs):
        if not kwargs.get("read_only"):
            kwargs.setdefault("queryset", Agency.objects.all())  # narrowed per request in get_queryset
        super().__init__(**kwargs)

    def get_queryset(self):
        request = self.context.get("request")
        return agencies_for(getattr(request, "user", None))
