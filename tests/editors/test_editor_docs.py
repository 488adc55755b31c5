"""docs/editors.md and the editor READMEs: what they show is what the files hold.

The Neovim capture embedded in docs/editors.md is the committed capture file, and that
capture shows the diagnostics validate reports for the page; the table of expected
diagnostics is validate's; relative links point to files that exist.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DOC = ROOT / "docs" / "editors.md"
CAPTURE = ROOT / "docs" / "captures" / "neovim-diagnostics.txt"
PAGE = ROOT / "examples" / "broken" / "typo-key.html"


def typo_key_diagnostics() -> list[dict[str, object]]:
    completed = subprocess.run(
        [sys.executable, "-m", "pyscript_config", "validate", "--output-format", "json", str(PAGE)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 1, completed.stderr
    diagnostics: list[dict[str, object]] = json.loads(completed.stdout)["diagnostics"]
    return diagnostics


def test_doc_embeds_the_capture_file() -> None:
    doc = DOC.read_text(encoding="utf-8")
    blocks = re.findall(r"```text\n(.*?)```", doc, re.DOTALL)
    assert CAPTURE.read_text(encoding="utf-8") in blocks


def test_capture_shows_the_page_and_its_diagnostics() -> None:
    screen = CAPTURE.read_text(encoding="utf-8").splitlines()
    page = PAGE.read_text(encoding="utf-8").splitlines()
    [warning, error] = typo_key_diagnostics()
    assert (warning["code"], error["code"]) == ("PSC100", "PSC103")
    # The sign column ("W"/"E") and the virtual text sit on the diagnostics' lines.
    assert screen[5] == f"W {page[5]}     ■ {warning['message']}"
    assert screen[6].startswith(f"E {page[6]}     ■ {str(error['message'])[:20]}")
    # The float opened on line 7 shows the error's whole message.
    assert screen[7:9] == ["   Diagnostics:", f"   1. {error['message']}"]
    assert screen[-1].startswith("typo-key.html ")


def test_doc_table_is_what_validate_reports() -> None:
    doc = DOC.read_text(encoding="utf-8")
    rows = re.findall(r"^\| (\d+:\d+) \| (PSC\d+) \| (\w+) \| (.+) \|$", doc, re.MULTILINE)
    expected = [
        (
            f"{d['range']['start']['line']}:{d['range']['start']['column']}",  # type: ignore[index]
            d["code"],
            d["severity"],
            d["message"],
        )
        for d in typo_key_diagnostics()
    ]
    assert rows == expected


DOCS = [
    DOC,
    ROOT / "docs" / "ci.md",
    ROOT / "editors" / "neovim" / "README.md",
    ROOT / "editors" / "helix" / "README.md",
    ROOT / "editors" / "sublime" / "README.md",
    ROOT / "editors" / "emacs" / "README.md",
]


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_relative_links_resolve(doc: Path) -> None:
    links = re.findall(r"\]\(([^)#\s]+)(?:#[^)]*)?\)", doc.read_text(encoding="utf-8"))
    local = [link for link in links if "://" not in link]
    assert local
    missing = [link for link in local if not (doc.parent / link).exists()]
    assert missing == []
