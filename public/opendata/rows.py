"""A strategy's plain data (data.py) as CSV rows, one per record, laid out by the CSV's
description (columns.py)."""

import csv

from outcomes.spreadsheets import neutralise_formula

from .columns import COLUMN_NAMES, STRATEGY, Derived, Enclosing


def _cell(value):
    """Every text cell is protected, whoever typed it; numbers stay numbers (a negative figure
    is not a formula)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return neutralise_formula(value)
    return value


def _read(item, key):
    for part in key.split("."):
        if item is None:
            return None
        item = item[part]
    return item


def _items(item, path):
    """The JSON items a record's path finds: each of a list's, or the one object if there is one."""
    value = item[path.removesuffix("[]")]
    if path.endswith("[]"):
        return value
    return [] if value is None else [value]


def csv_rows(data):
    """The nested strategy data as flat rows, one per record, in the page's order."""
    titles = {
        objective["id"]: objective["title"]
        for aim in data["aims"]
        for objective in aim["objectives"]
    }
    blank = dict.fromkeys(COLUMN_NAMES)

    def rows(record, item, enclosing):
        enclosing = {**enclosing, record.name: item}
        values = {"record_type": record.name}
        for column, source in record.columns.items():
            if isinstance(source, Enclosing):
                value = _read(enclosing[source.record], source.key)
            elif isinstance(source, Derived):
                value = source.read(item, titles)
            else:
                value = _read(item, source)
            values[column] = _cell(value)
        yield {**blank, **values}
        for child in record.children:
            for child_item in _items(item, child.path):
                yield from rows(child, child_item, enclosing)

    yield from rows(STRATEGY, data, {})


def write_csv(out, data):
    """A strategy's CSV to a text stream: the same bytes whether it is one strategy's download
    or a file in the bulk zip. It opens with a byte order mark so Excel reads it as UTF-8."""
    out.write("\ufeff")
    writer = csv.DictWriter(out, fieldnames=COLUMN_NAMES)
    writer.writeheader()
    writer.writerows(csv_rows(data))
