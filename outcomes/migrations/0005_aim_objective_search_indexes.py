"""GIN indexes for searching aims and objectives, on PostgreSQL only (the SQLite demo searches
plainly). They are built on the expression strategies.search.part_vector() searches with, and
must stay identical to it for PostgreSQL to use them. They live outside the models' Meta because
that expression cannot be built on SQLite, which the demo migrates too."""

from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector
from django.db import migrations

INDEXES = {"aim": "outcomes_aim_search", "objective": "outcomes_objective_search"}


def _index(name):
    return GinIndex(
        SearchVector("title", weight="B", config="english")
        + SearchVector("description", weight="C", config="english"),
        name=name,
    )


def add_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, name in INDEXES.items():
        schema_editor.add_index(apps.get_model("outcomes", model_name), _index(name))


def remove_indexes(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for model_name, name in INDEXES.items():
        schema_editor.remove_index(apps.get_model("outcomes", model_name), _index(name))


class Migration(migrations.Migration):
    dependencies = [
        ("outcomes", "0004_progress_updates_protect_signed_off"),
    ]

    operations = [
        migrations.RunPython(add_indexes, remove_indexes),
    ]
