"""A trigram GIN index on Petition.search_text, so accent-free substring search stays fast with a
million petitions. PostgreSQL only: on SQLite (development, tests) this migration does nothing."""

from django.db import migrations

INDEX_NAME = "voters_petition_search_trgm"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX_NAME} ON voters_petition USING gin (search_text gin_trgm_ops)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):

    dependencies = [
        ("voters", "0002_petition_classification_reminders"),
    ]

    operations = [
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
