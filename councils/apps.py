from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Hội đồng nhân dân")

    def ready(self):
        # Tells the page framework what only the councils know (Django's place for it: models are loaded).
        from . import page_policy  # noqa: F401
