from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VotersConfig(AppConfig):
    name = "voters"
    verbose_name = _("Cử tri, kiến nghị và đơn thư")

    def ready(self):
        # How the voters' records read in a record's history (the councils' history asks at render time).
        from . import history

        history.register()

        # Forwardings' answer deadlines count working days: a day off declared later moves the open ones, and
        # the forwarding's page explains how its deadline was counted.
        from councils import calendar
        from councils.views.calendar import explain_link
        from utilities import ui

        from .services import deadlines

        calendar.on_day_off_added(deadlines.move_for_day_off)
        calendar.on_day_off_removed(deadlines.move_back_for_day_off)

        # A retired council's open petitions go to its successor in a handover (councils.handovers).
        from councils import handovers

        from .services import handover

        handovers.register_provider(kinds=handover.KINDS, count=handover.count_open, move=handover.move_open)
        ui.register_links("voters.forwarding",
                          lambda user, obj: explain_link(obj.forwarded_on, obj.due_date, obj.petition.council))
