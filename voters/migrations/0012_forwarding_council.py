"""Forwarding.council: the petition's council, copied so a council's forwardings are read from their own index.

Added empty, filled from the petitions in one UPDATE (1.2 million rows of the national copy: about a minute), then
required and indexed with the status and due date the secretariat's counts filter on."""

import django.db.models.deletion
from django.db import migrations, models
from django.db.models import OuterRef, Subquery


def copy_councils(apps, schema_editor):
    Forwarding = apps.get_model("voters", "Forwarding")
    Petition = apps.get_model("voters", "Petition")
    Forwarding.objects.using(schema_editor.connection.alias).update(
        council_id=Subquery(Petition.objects.filter(pk=OuterRef("petition_id")).values("council_id")[:1]))
    if schema_editor.connection.vendor == "postgresql":
        # Check the new foreign keys now: PostgreSQL refuses to alter a table with checks still pending.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")


class Migration(migrations.Migration):

    dependencies = [
        ("councils", "0001_initial"),
        ("voters", "0011_forwarding_review_submitted_index"),
    ]

    operations = [
        migrations.AddField(
            model_name="forwarding",
            name="council",
            field=models.ForeignKey(editable=False, null=True, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="forwardings", to="councils.council", verbose_name="HĐND"),
        ),
        migrations.RunPython(copy_councils, migrations.RunPython.noop, elidable=True),
        migrations.AlterField(
            model_name="forwarding",
            name="council",
            field=models.ForeignKey(editable=False, on_delete=django.db.models.deletion.PROTECT,
                                    related_name="forwardings", to="councils.council", verbose_name="HĐND"),
        ),
        migrations.AddIndex(
            model_name="forwarding",
            index=models.Index(fields=["council", "status", "due_date"], name="voters_forw_council_4a5234_idx"),
        ),
    ]
