"""The national default escalation ladder (no council): due in 3 working days → the responsible agency or
assignee; overdue 1 → also the secretariat; overdue 10 → the standing board; overdue 20 → the party
committee viewers. A council gets its own ladder by adding steps of its own."""

from django.db import migrations

NATIONAL = [(-3, "responsible"), (1, "secretariat"), (10, "standing_board"), (20, "party")]


def create(apps, schema_editor):
    step = apps.get_model("notifications", "EscalationStep")
    for days, audience in NATIONAL:
        step.objects.get_or_create(council=None, item_kind="", days=days, defaults={"audience": audience})


def remove(apps, schema_editor):
    apps.get_model("notifications", "EscalationStep").objects.filter(
        council=None, item_kind="", days__in=[d for d, _a in NATIONAL]).delete()


class Migration(migrations.Migration):
    dependencies = [("notifications", "0001_notifications")]
    operations = [migrations.RunPython(create, remove)]
