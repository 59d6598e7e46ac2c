"""A `{# … #}` comment must open and close on one line: Django prints one that spans lines
as page text (the chart's comment showed on every indicator page and in every board pack)."""

import re
from pathlib import Path

from django.conf import settings


def test_no_template_comment_spans_lines():
    leaking = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for path in Path(directory).rglob("*.html"):
            for number, line in enumerate(path.read_text().splitlines(), start=1):
                if re.search(r"\{#(?!.*#\})", line):
                    leaking.append(f"{path}:{number}")
    assert leaking == []
