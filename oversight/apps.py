from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OversightConfig(AppConfig):
    name = "oversight"
    verbose_name = _("Giám sát và chương trình công tác")

    def ready(self):
        # How oversight records read in a record's history (the councils' history asks at render time).
        from . import history

        history.register()

        # A work item's or a recommendation's deadline is a date the council set: its page shows the working
        # days it leaves from the day the item was entered.
        from django.utils import timezone

        from councils.views.calendar import explain_link
        from utilities import ui

        def entered(obj):
            return timezone.localdate(obj.created_at)

        ui.register_links("oversight.workitem", lambda user, obj: explain_link(entered(obj), obj.due_date, obj.council))
        ui.register_links("oversight.recommendation",
                          lambda user, obj: explain_link(entered(obj), obj.due_date, obj.activity.council))

        # A retired council's open oversight and work items go to its successor in a handover.
        from councils import handovers

        from .services import handover

        handovers.register_provider(kinds=handover.KINDS, count=handover.count_open, move=handover.move_open)
        # A new term's bodies take over the open items of the old term's (councils.term_changeover).
        from councils import term_changeover

        term_changeover.register_carrier(kinds=handover.CARRIED_KINDS, count=handover.count_carried,
                                         move=handover.carry_over)
