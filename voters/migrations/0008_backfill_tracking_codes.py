"""Every existing petition gets its own tracking code and key (0006 gave them all the same default)."""

from django.db import migrations

from voters.tracking import new_tracking_code, new_tracking_key


def backfill(apps, schema_editor):
    Petition = apps.get_model("voters", "Petition")
    taken = set()
    batch = []
    for petition in Petition.objects.only("pk").order_by("pk").iterator(chunk_size=2000):
        code = new_tracking_code()
        while code in taken:
            code = new_tracking_code()
        taken.add(code)
        petition.tracking_code, petition.tracking_key = code, new_tracking_key()
        batch.append(petition)
        if len(batch) >= 2000:
            Petition.objects.bulk_update(batch, ["tracking_code", "tracking_key"])
            batch = []
    Petition.objects.bulk_update(batch, ["tracking_code", "tracking_key"])


class Migration(migrations.Migration):
    dependencies = [("voters", "0007_tracking_and_feedback")]
    operations = [migrations.RunPython(backfill, migrations.RunPython.noop)]
