"""A GIN index for searching programmes, on PostgreSQL only (the SQLite demo searches plainly).
It is built on the expression strategies.search.part_vector() searches with, and must stay
identical to it for PostgreSQL to use it. It lives outside the model's Meta because that
expression cannot be built on SQLite, which the demo migrates too."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

NAME = "strategies_programme_search"


def _index():
    return GinIndex(
        SearchVector("title", weight="B", config="english")
        + SearchVector("description", weight="C", config="english"),
        name=NAME,
    )


def add_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.add_index(apps.get_model("strategies", "programme"), _index())


def remove_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.remove_index(apps.get_model("strategies", "programme"), _index())


class Migration(migrations.Migration):
    dependencies = [
        ("strategies", "0003_plural_names"),
    ]

    operations = [
        migrations.RunPython(add_index, remove_index),
    ]
