"""The checker re-checks only the pages an edit can change, and parses a page for the
configs it points to only when its text changed (counted, not timed)."""

from __future__ import annotations

from pathlib import Path

from pyscript_config.lsp.checking import Checker
from pyscript_config.lsp.overlay import OverlayReader, path_key
from pyscript_config.settings import Settings

PAGE = """<!doctype html>
<html><head>
<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>
</head><body>
<script type="py" config="{config}" src="main.py"></script>
</body></html>
"""


class Editor:
    """Open documents as the server keeps them, and a checker over them."""

    def __init__(self) -> None:
        self.texts: dict[str, str] = {}
        self.reader = OverlayReader(lambda path: self.texts.get(path_key(path)))
        self.checker = Checker(
            self.reader,
            lambda _path: Settings(),
            lambda: [p for p in self.texts if p.endswith(".html")],
        )

    def open(self, path: Path, text: str) -> str:
        key = path_key(str(path))
        self.texts[key] = text
        self.checker.invalidate()
        return key

    def edit(self, key: str, text: str) -> None:
        self.texts[key] = text
        self.checker.edited(key)

    def codes(self, key: str) -> list[str]:
        found = self.checker.document(key)
        assert found is not None
        return sorted(d.code for d in found)


def test_editing_a_config_rechecks_only_the_pages_that_use_it(tmp_path: Path) -> None:
    editor = Editor()
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
    a = editor.open(tmp_path / "a" / "index.html", PAGE.format(config="conf.toml"))
    b = editor.open(tmp_path / "b" / "index.html", PAGE.format(config="other.toml"))
    conf = editor.open(tmp_path / "a" / "conf.toml", "packages = 1\n")
    editor.open(tmp_path / "b" / "other.toml", 'packages = ["numpy"]\n')
    assert editor.codes(conf) == ["PSC102"]
    assert editor.codes(a) == [] and editor.codes(b) == []
    assert editor.checker.page_checks == 2
    scans = editor.checker.reference_scans
    for text in ('packages = "x"\n', 'packages = ["numpy"]\n', "pakages = 1\n"):
        editor.edit(conf, text)
        editor.checker.related_files(conf)
        editor.codes(conf)
        editor.codes(b)  # unchanged: its result is kept
    assert editor.codes(conf) == ["PSC100"]  # unknown key "pakages"
    assert editor.checker.page_checks == 2 + 3  # page a once per edit, page b never
    assert editor.checker.reference_scans == scans  # no page text changed: no parse


def test_editing_a_page_rechecks_that_page_only(tmp_path: Path) -> None:
    editor = Editor()
    (tmp_path / "conf.toml").write_text("packages = 1\n", encoding="utf-8")
    one = editor.open(tmp_path / "one.html", PAGE.format(config="conf.toml"))
    two = editor.open(tmp_path / "two.html", PAGE.format(config="conf.toml"))
    conf = path_key(str(tmp_path / "conf.toml"))
    assert editor.codes(one) == [] and editor.codes(two) == []
    assert editor.codes(conf) == ["PSC102"]
    assert editor.checker.page_checks == 2
    editor.edit(one, PAGE.format(config="missing.toml"))
    assert editor.codes(one) == ["PSC300"]
    assert editor.codes(two) == []
    assert editor.codes(conf) == ["PSC102"]  # still used by page two
    assert editor.checker.page_checks == 3
    assert editor.checker.related_files(conf) == [str(tmp_path / "two.html")]
    assert editor.checker.page_checks == 3
    # A save (or any file-system event) forgets everything: disk may have changed.
    editor.checker.invalidate()
    editor.codes(one)
    editor.codes(two)
    assert editor.checker.page_checks == 5


def test_a_config_beside_a_closed_page_uses_kept_references(tmp_path: Path) -> None:
    editor = Editor()
    (tmp_path / "index.html").write_text(PAGE.format(config="pyscript.toml"), encoding="utf-8")
    conf = editor.open(tmp_path / "pyscript.toml", "packages = 1\n")
    assert editor.codes(conf) == ["PSC102"]
    assert (editor.checker.page_checks, editor.checker.reference_scans) == (1, 1)
    for number in range(5):
        editor.edit(conf, f"packages = {number}\n")
        assert editor.codes(conf) == ["PSC102"]
    # The page on disk is checked again for each config edit, but parsed for its
    # references only once.
    assert (editor.checker.page_checks, editor.checker.reference_scans) == (6, 1)
    editor.checker.invalidate()  # closed pages' references go with a save
    editor.codes(conf)
    assert editor.checker.reference_scans == 2
