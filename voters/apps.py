from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotersConfig(AppConfig):
    name = "voters"
    verbose_name = _("Cử tri, kiến nghị và đơn thư")

    def ready(self):
        # How the voters' records read in a record's history (the councils' history asks at render time).
        from . import history

        history.register()
