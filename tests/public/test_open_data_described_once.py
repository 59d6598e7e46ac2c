"""The CSV is described once, in terms of the JSON: each column of each record type is read from a
documented JSON field, every column is filled by some record type, and the open data page gives
each column the meaning of the fields it is read from."""

import html
import re

import pytest

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


@pytest.mark.django_db
def test_the_data_page_gives_each_column_the_meaning_of_the_json_field_it_is_read_from(client):
    page = client.get("/data/").content.decode()
    columns = page[page.index('id="csv-columns"') : page.index('id="json"')]
    described = {
        name: html.unescape(re.sub(r"<[^>]+>", "", text))
        for name, text in re.findall(
            r"<dt[^>]*>\s*<code>(.*?)</code>\s*</dt>\s*<dd[^>]*>(.*?)</dd>", columns, re.S
        )
    }
    assert list(described) == COLUMN_NAMES
    meanings = dict(JSON_FIELDS)
    for record, path in RECORDS:
        for column, source in record.columns.items():
            if isinstance(source, Derived):
                assert source.meaning in described[column], (record.name, column)
                continue
            enclosing = PATHS[source.record] if isinstance(source, Enclosing) else path
            field = _joined(enclosing, source.key if isinstance(source, Enclosing) else source)
            assert f"from {field}: {meanings[field]}" in described[column], (record.name, column)
