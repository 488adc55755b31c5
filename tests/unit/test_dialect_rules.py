"""The dialect rules in the checker: which parser applies where, how a failure is
worded for each pipeline, one diagnostic where a syntax error is explained, and fixes
in host coordinates."""

from __future__ import annotations

import pytest

from pyscript_config.check import check_text, superseded
from pyscript_config.diagnostics import Diagnostic, Severity
from pyscript_config.files import FileKind, LoadFailure, LoadProblem, SourceFile, kind_of
from pyscript_config.fixes import apply_edits
from pyscript_config.knowledge.releases import find_release, toml_parser
from pyscript_config.text import Span


def _page(body: str, version: str = "2026.7.3") -> str:
    return (
        "<!DOCTYPE html>\n<html>\n<head>\n"
        f'  <script type="module" src="https://pyscript.net/releases/{version}/core.js"></script>\n'
        f"</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


def _check(files: dict[str, str], main: str = "index.html") -> list[Diagnostic]:
    def read(path: str) -> SourceFile | LoadProblem:
        if path in files:
            return SourceFile(path, files[path], kind_of(path) or FileKind.HTML)
        return LoadProblem(path, LoadFailure.MISSING, "missing")

    return check_text(main, files[main], read=read)


def _codes(found: list[Diagnostic]) -> list[str]:
    return [d.code for d in found]


@pytest.mark.parametrize(
    ("release", "pipeline", "parser"),
    [
        ("2026.7.3", "main", "basic-toml-0.4"),
        ("2026.2.1", "main", "basic-toml-0.4"),
        ("2026.1.1", "main", "toml-j0.4"),
        ("2023.11.1", "main", "toml-j0.4"),
        ("2026.7.3", "worker", "basic-toml-0.4"),
        ("2026.1.1", "worker", "basic-toml-0.3"),
        ("2026.1.1", "polyscript", "basic-toml-0.3"),
        ("2026.7.3", "remote-package", "basic-toml-0.4"),
        ("2026.7.3", "editor", "toml-j0.4"),
        ("2026.7.3", "game", "toml-j0.4"),
        ("2026.7.3", "standalone", "basic-toml-0.4"),
        ("2026.1.1", "standalone", "toml-j0.4"),
    ],
)
def test_parser_by_pipeline_and_release(release: str, pipeline: str, parser: str) -> None:
    found = find_release(release)
    assert found is not None
    assert toml_parser(found, pipeline) == parser


COMMENTED = (
    '  <py-config>\n    packages = [\n      # numpy\n      "scipy",\n    ]\n  </py-config>\n'
)


def test_the_release_a_page_loads_decides() -> None:
    new = _check({"index.html": _page(COMMENTED + '  <script type="py"></script>')})
    old = _check({"index.html": _page(COMMENTED + '  <script type="py"></script>', "2026.1.1")})
    assert _codes(new) == ["PSC010"]
    assert new[0].data["parser"] == "basic-toml-0.4"
    assert new[0].data["runtime"] == "PY1000"
    assert _codes(old) == []


def test_one_diagnostic_where_a_line_is_silently_ignored() -> None:
    page = _page(
        '  <py-config>\n    packages ["numpy"]\n  </py-config>\n  <script type="py"></script>'
    )
    [found] = _check({"index.html": page})
    assert found.code == "PSC018"
    assert found.data["supersedes"] == "PSC001"
    start = page.index('["numpy"]')
    assert found.span == Span(start, start + 1)


def test_superseded_drops_only_the_same_span_and_code() -> None:
    def make(code: str, span: Span, data: dict[str, str] | None = None) -> Diagnostic:
        return Diagnostic(code, Severity.ERROR, "m", "p", span, data=data or {})

    syntax = make("PSC001", Span(1, 2))
    other = make("PSC001", Span(5, 6))
    dialect = make("PSC018", Span(1, 2), {"supersedes": "PSC001"})
    assert superseded([syntax, other, dialect]) == [other, dialect]
    assert superseded([syntax, other]) == [syntax, other]


def test_worker_failure_names_the_element() -> None:
    files = {
        "index.html": _page('  <script type="py" worker src="./w.py" config="./w.toml"></script>'),
        "w.toml": "x = 1_000\n",
    }
    found = [d for d in _check(files) if d.code == "PSC016"]
    assert len(found) == 1
    assert found[0].data["runtime"] == "PY0409"
    assert (
        '"(PY0409) Unexpected non-whitespace character after JSON at position 1 for '
        '<script type="py" worker="" src="./w.py" config="./w.toml"></script>"'
    ) in found[0].message


def test_raw_polyscript_and_editor_wording() -> None:
    files = {
        "index.html": _page(
            '  <script type="pyodide" config="x = 1_000">print(1)</script>\n'
            '  <script type="py-editor" config="./e.toml">print(1)</script>'
        ),
        "e.toml": "x = 0xFF\n",
    }
    by_path = {d.path: d for d in _check(files) if d.code == "PSC016"}
    assert 'polyscript fails to read the config: "Unexpected non-whitespace' in (
        by_path["index.html"].message
    )
    assert by_path["e.toml"].message.endswith("; write 255")
    assert (
        'the editor fails with "Expected ".", "E", "_", "e", Comment' in by_path["e.toml"].message
    )


def test_config_parser_turns_the_rules_off_since_2025_10_1() -> None:
    body = (
        '  <py-config config-parser="./my.js">\n    x = {a=1}\n  </py-config>\n'
        '  <script type="py"></script>'
    )
    assert "PSC011" not in _codes(_check({"index.html": _page(body)}))
    # Before 2025.10.1 the attribute did not exist: toml-j0.4 reads {a=1} fine.
    assert _codes(_check({"index.html": _page(body, "2025.8.1")})) == ["PSC101"]


def test_fix_in_a_py_config_body_edits_the_page() -> None:
    page = _page(
        "  <py-config>\n    experimental_ffi_timeout = 1_000\n  </py-config>\n"
        '  <script type="py"></script>'
    )
    [found] = _check({"index.html": page})
    assert found.fix is not None and found.fix.safe
    assert apply_edits(page, found.fix.edits) == page.replace("1_000", "1000")


def test_no_fix_that_would_need_html_escaping() -> None:
    attr = '  <script type="py" worker config=\'path = "C:\\\\data"\'></script>'
    found = [d for d in _check({"index.html": _page(attr)}) if d.code == "PSC017"]
    assert len(found) == 1
    assert found[0].fix is None  # the fix writes 'C:\data' inside a '-quoted attribute
    files = {
        "index.html": _page('  <script type="py" worker config="./w.toml"></script>'),
        "w.toml": 'path = "C:\\\\data"\n',
    }
    [in_file] = [d for d in _check(files) if d.code == "PSC017"]
    assert in_file.fix is not None
    assert apply_edits(files["w.toml"], in_file.fix.edits) == "path = 'C:\\data'\n"


def test_a_syntax_error_the_runtime_also_fails_on_gains_its_message() -> None:
    files = {
        "index.html": _page('  <script type="py" worker src="./w.py" config="./w.toml"></script>'),
        "w.toml": "debug = True\n",
    }
    [found] = _check(files)
    assert found.code == "PSC001"
    assert found.data["runtime"] == "PY0409"
    assert found.message.endswith(
        '; PyScript 2026.7.3 fails with "(PY0409) Unexpected token \'T\', "True" is not valid '
        'JSON for <script type="py" worker="" src="./w.py" config="./w.toml"></script>"'
    )


def test_a_comment_that_cannot_be_moved_is_deleted_instead() -> None:
    # Moving "# R&amp;D" above the key would write a bare "&" into the page: only the
    # deletion (unsafe: the comment is lost) is offered.
    page = _page(
        '  <py-config>\n    packages = [\n      "numpy",  # R&amp;D\n    ]\n  </py-config>\n'
        '  <script type="py"></script>'
    )
    [found] = _check({"index.html": page})
    assert found.code == "PSC010"
    assert found.fix is not None
    assert (found.fix.title, found.fix.safe) == ("Delete the comment", False)
    assert apply_edits(page, found.fix.edits) == page.replace("  # R&amp;D", "")
