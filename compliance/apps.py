from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ComplianceConfig(AppConfig):
    name = "compliance"
    verbose_name = _("Chỉ tiêu và tuân thủ")

    def ready(self):
        # Registers the listener on the history (Django's place for receivers: models are loaded now).
        from . import receivers  # noqa: F401
