"""Stored search vectors: one document per strategy and per aim, objective and programme, with a
GIN index, filled from today's rows. The per-table GIN indexes built on each part's words
(outcomes 0005, strategies 0004) are dropped: search now reads the stored documents instead.
PostgreSQL only, like those indexes; the SQLite demo searches plainly."""

import django.contrib.postgres.search
import django.db.models.deletion
from django.db import migrations, models

PARTS = "setweight(to_tsvector('english', COALESCE({t}.title, '')), 'B') || setweight(to_tsvector('english', COALESCE({t}.description, '')), 'C')"
FILL = [
    """INSERT INTO outcomes_searchdocument (strategy_id, kind, part_id, vector)
    SELECT s.id, 'strategy', s.id,
        setweight(to_tsvector('english', COALESCE(s.title, '') || ' ' || COALESCE(c.name, '')), 'A')
        || setweight(to_tsvector('english', COALESCE(s.summary, '')), 'B')
        || setweight(to_tsvector('english', COALESCE(s.vision, '')), 'C')
    FROM strategies_strategy s JOIN councils_council c ON c.id = s.lead_council_id""",
    f"""INSERT INTO outcomes_searchdocument (strategy_id, kind, part_id, vector)
    SELECT a.strategy_id, 'aim', a.id, {PARTS.format(t="a")} FROM outcomes_aim a""",
    f"""INSERT INTO outcomes_searchdocument (strategy_id, kind, part_id, vector)
    SELECT a.strategy_id, 'objective', o.id, {PARTS.format(t="o")}
    FROM outcomes_objective o JOIN outcomes_aim a ON a.id = o.aim_id""",
    f"""INSERT INTO outcomes_searchdocument (strategy_id, kind, part_id, vector)
    SELECT p.strategy_id, 'programme', p.id, {PARTS.format(t="p")} FROM strategies_programme p""",
]
OLD_INDEXES = {
    "outcomes_aim_search": "outcomes_aim",
    "outcomes_objective_search": "outcomes_objective",
    "strategies_programme_search": "strategies_programme",
}


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        "CREATE INDEX search_document_words ON outcomes_searchdocument USING gin (vector)"
    )
    for statement in FILL:
        schema_editor.execute(statement)
    for name in OLD_INDEXES:
        schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name, table in OLD_INDEXES.items():
        schema_editor.execute(f"CREATE INDEX {name} ON {table} USING gin (({PARTS.format(t=table)}))")


class Migration(migrations.Migration):

    dependencies = [
        ('outcomes', '0008_progress_newest_signed_off_index'),
        ('strategies', '0006_young_people_never_named'),
    ]

    operations = [
        migrations.CreateModel(
            name='SearchDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('kind', models.CharField(choices=[('strategy', 'Strategy'), ('aim', 'Aim'), ('objective', 'Objective'), ('programme', 'Programme')], max_length=20)),
                ('part_id', models.BigIntegerField()),
                ('vector', django.contrib.postgres.search.SearchVectorField()),
                ('strategy', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='search_documents', to='strategies.strategy')),
            ],
            options={
                'indexes': [models.Index(fields=['strategy', 'kind'], name='search_document_strategy')],
                'constraints': [models.UniqueConstraint(fields=('kind', 'part_id'), name='search_document_one_per_part', violation_error_message='This part already has its search words stored.')],
            },
        ),
        migrations.RunPython(forwards, backwards),
    ]
