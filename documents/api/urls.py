"""API routes of the documents app, under /api/v1/."""

urlpatterns: list = []
