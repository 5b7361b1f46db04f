"""In-app and email notifications, and the escalation ladder that sends them when deadlines slip."""
from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NotificationsConfig(AppConfig):
    name = "notifications"
    verbose_name = _("Thông báo và nhắc hạn")

    def ready(self):
        # Registers the listener on the history (models are loaded now), and the tasks, which the services
        # queue by name (they sit above the services).
        from . import receivers, tasks  # noqa: F401
