"""API routes of the notifications app, under /api/v1/."""

urlpatterns: list = []
