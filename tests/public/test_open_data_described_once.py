"""The CSV is described once, in terms of the JSON: each column of each record type is read from a
documented JSON field, and every column is filled by some record type."""

from public.opendata.columns import COLUMN_NAMES, RECORDS, Derived, Enclosing
from public.opendata.fields import JSON_FIELDS

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
