"""The CSV is described once, in terms of the JSON: each column of each record type is read from a
documented JSON field, and every column is filled by some record type."""

from public.opendata.codes import INVERSE_RELATIONS, RELATIONS
from public.opendata.columns import COLUMN_NAMES, RECORDS, Derived, Enclosing
from public.opendata.fields import JSON_FIELDS
from strategies.models import StrategyRelation

PATHS = {record.name: path for record, path in RECORDS}


def _joined(path, key):
    return f"{path}.{key}" if path else key


def test_every_csv_column_is_read_from_a_documented_json_field():
    documented = {path for path, _ in JSON_FIELDS}
    for record, path in RECORDS:
        for column, source in record.columns.items():
            if isinstance(source, Derived):
                continue
            if isinstance(source, Enclosing):
                enclosing = PATHS[source.record]
                assert path.startswith(enclosing), (record.name, column)
                field = _joined(enclosing, source.key)
            else:
                field = _joined(path, source)
            assert field in documented, (record.name, column, field)


def test_every_csv_column_is_filled_by_some_record_type():
    filled = {column for record, _ in RECORDS for column in record.columns}
    assert filled | {"record_type"} == set(COLUMN_NAMES)
    assert "record_type" not in filled


def test_every_relation_the_downloads_can_give_is_explained_on_the_data_page():
    """A kind of link added to the model must be read both ways in the downloads and listed on
    the /data/ page; this fails until both are written."""
    kinds = set(StrategyRelation.Kind.values)
    assert set(INVERSE_RELATIONS) == kinds
    succession = {"replaces", "replaced_by", "to_be_replaced_by"}
    assert set(RELATIONS) == succession | kinds | set(INVERSE_RELATIONS.values())
