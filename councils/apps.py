from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilsConfig(AppConfig):
    name = "councils"
    verbose_name = _("Hội đồng nhân dân")

    def ready(self):
        # Tells the page framework what only the councils know, and connects what signing in and out set off
        # (Django's place for both: models are loaded).
        from . import page_policy, security, task_source, tasks  # noqa: F401
        from .forms import register_groupings

        register_groupings()
