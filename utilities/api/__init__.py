"""Pieces every app's API shares: pagination, the error format, the base viewset and serializer, bounded fields."""
