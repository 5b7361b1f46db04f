"""Pages of the voters app."""

app_name = "voters"
urlpatterns: list = []
