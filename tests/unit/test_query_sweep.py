"""Completion and hover on example files cut off at every position: no exception, and
every suggestion replaces text that exists, at the cursor."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyscript_config.files import FileKind, SourceFile, kind_of
from pyscript_config.lsp.completions import complete
from pyscript_config.lsp.hovers import hover

EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
FILES = ["index.html", "micropython.html", "editor.html", "pyscript.toml", "broken/pyscript.json"]


@pytest.mark.parametrize("name", FILES)
def test_every_cut(name: str) -> None:
    path = EXAMPLES / name
    text = path.read_text(encoding="utf-8")
    kind = kind_of(str(path)) or FileKind.HTML
    with_suggestions = 0
    for cut in range(len(text) + 1):
        source = SourceFile(str(path), text[:cut], kind)
        found = complete(source, cut)
        labels = [s.label for s in found]
        assert len(labels) == len(set(labels)), (cut, labels)
        for suggestion in found:
            assert suggestion.label
            assert 0 <= suggestion.replace.start <= cut == suggestion.replace.end or (
                suggestion.replace.start <= cut <= suggestion.replace.end <= len(source.text)
            ), (cut, suggestion)
        with_suggestions += bool(found)
        shown = hover(source, cut)
        if shown is not None:
            assert shown.markdown.strip()
            assert shown.span.start <= cut <= shown.span.end
    assert with_suggestions > 0


def _complete_at(text: str, marker: str, path: str = "/site/index.html") -> list[str]:
    cut = text.index(marker) + len(marker)
    return [s.label for s in complete(SourceFile(path, text[:cut], FileKind.HTML), cut)]


def test_sensible_items_on_the_cut_example_page() -> None:
    text = (EXAMPLES / "index.html").read_text(encoding="utf-8")
    path = str(EXAMPLES / "index.html")
    assert _complete_at(text, '<script type="', path)[:2] == ["py", "mpy"]
    assert _complete_at(text, '<script type="py" config="', path) == [
        "broken/",
        "data/",
        "pyscript.toml",
        "worker.toml",
    ]
    assert "py-click" in _complete_at(text, '<button id="refresh" ', path)
    worker = _complete_at(text, '<script type="py" worker ', path)
    assert "worker" not in worker and "config" in worker and "name" in worker


def test_sensible_items_on_the_cut_config() -> None:
    text = (EXAMPLES / "pyscript.toml").read_text(encoding="utf-8")
    path = str(EXAMPLES / "pyscript.toml")
    cut = text.index("[js_modules.main]") + len("[js_modules.")
    labels = [s.label for s in complete(SourceFile(path, text[:cut], FileKind.TOML), cut)]
    assert labels == ["main", "worker"]
    cut = text.index('"./utils.py"') + len('"./')
    labels = [s.label for s in complete(SourceFile(path, text[:cut], FileKind.TOML), cut)]
    assert "utils.py" in labels and "data/" in labels


_PIECES = st.sampled_from(
    [
        "<",
        ">",
        '"',
        "'",
        "=",
        "[",
        "]",
        "{",
        "}",
        "#",
        "\n",
        " ",
        ".",
        ",",
        ":",
        "<py-config>",
        "</py-config>",
        '<script type="py" ',
        "config=",
        "worker ",
        "packages",
        "files",
        "js_modules",
        "main",
        "&quot;",
        "&amp;",
        '"""',
        "😀",
        "é",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(_PIECES, max_size=40),
    kind=st.sampled_from([FileKind.HTML, FileKind.TOML, FileKind.JSON]),
    data=st.data(),
)
def test_random_text_never_raises(pieces: list[str], kind: FileKind, data: st.DataObject) -> None:
    text = "".join(pieces)
    offset = data.draw(st.integers(min_value=0, max_value=len(text)))
    source = SourceFile("/site/page.html", text, kind)
    for suggestion in complete(source, offset):
        assert suggestion.replace.start <= offset <= suggestion.replace.end <= len(text)
    shown = hover(source, offset)
    assert shown is None or shown.span.start <= offset <= shown.span.end
