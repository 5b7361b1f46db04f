"""PostgreSQL's unaccent, which ``utilities.text.Normalised`` uses for accent-free search of names, titles
and places. On SQLite (development, tests) the same folding is a Python function; this migration does nothing."""

from django.db import migrations


def create_extension(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("CREATE EXTENSION IF NOT EXISTS unaccent")


class Migration(migrations.Migration):

    dependencies = [
        ("councils", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(create_extension, migrations.RunPython.noop, elidable=False),
    ]
