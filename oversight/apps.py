from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Giám sát và chương trình công tác")

    def ready(self):
        # How oversight records read in a record's history (the councils' history asks at render time).
        from . import history

        history.register()
