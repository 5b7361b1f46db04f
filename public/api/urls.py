"""API routes of the public app, under /api/v1/."""

urlpatterns: list = []
