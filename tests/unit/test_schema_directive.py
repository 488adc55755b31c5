"""Schema directives: which files name our schema, and what `validate`, the language
server and the schema rule do with them."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

from pyscript_config.check import check_source
from pyscript_config.cli.batch import run
from pyscript_config.cli.discover import Candidate
from pyscript_config.cli.main import main
from pyscript_config.files import FileKind, SourceFile
from pyscript_config.lsp.checking import Checker
from pyscript_config.lsp.overlay import OverlayReader
from pyscript_config.schema import SCHEMA_ID
from pyscript_config.schema_directive import (
    HEAD_CHARS,
    declares_our_schema,
    file_declares_our_schema,
    json_schema_reference,
    names_our_schema,
    schema_reference,
    toml_schema_reference,
)
from pyscript_config.settings import Settings
from pyscript_config.text import LineIndex

OURS_TOML = f'#:schema {SCHEMA_ID}\n\npakages = ["numpy"]\n'
OTHER_TOML = '#:schema https://json.schemastore.org/pyproject.json\n\npakages = ["numpy"]\n'


@pytest.mark.parametrize(
    "reference",
    [
        SCHEMA_ID,
        "./pyscript.schema.json",
        "../../schemas/pyscript.schema.json",
        "file:///home/me/site/pyscript.schema.json",
        "..\\schemas\\pyscript.schema.json",
        "https://example.com/schemas/PyScript.Schema.JSON",
        "https://example.com/pyscript.schema.json?v=2",
        "https://example.com/pyscript.schema.json#/$defs/FetchEntry",
        "  https://example.com/pyscript.schema.json  ",
        "https://json.schemastore.org/pyscript.json",
        "https://www.schemastore.org/pyscript.json",
        "http://json.schemastore.org/pyscript.json",
        "tombi://json.schemastore.org/pyscript.json",
    ],
)
def test_names_our_schema(reference: str) -> None:
    assert names_our_schema(reference) is True


@pytest.mark.parametrize(
    "reference",
    [
        "",
        "https://json.schemastore.org/pyproject.json",
        "https://json.schemastore.org/pyscript.json/extra",
        "https://example.com/pyscript.json",
        "https://example.com/notpyscript.schema.json",
        "./pyscript.schema.json.bak",
        "https://example.com/pyscript.schema.json/other.json",
        "https://json.schemastore.org.evil.example/pyscript.json",
    ],
)
def test_names_another_schema(reference: str) -> None:
    assert names_our_schema(reference) is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("#:schema ./pyscript.schema.json\n\npackages = []\n", "./pyscript.schema.json"),
        ("#:schema   ./a b.json  \r\npackages = []\r\n", "./a b.json"),
        ("# my site\n\n#:schema ./s.json\n\n[files]\n", "./s.json"),
        ("\ufeff#:schema ./s.json\n", "./s.json"),
        ("\n\n   #:schema ./s.json\n", "./s.json"),
        ("#:schema ./first.json\n#:schema ./second.json\n", "./first.json"),
        ("packages = []\n#:schema ./s.json\n", None),
        ("[files]\n#:schema ./s.json\n", None),
        ("#:schema\npackages = []\n", None),
        ("#:schemas ./s.json\n", None),
        ("# :schema ./s.json\n", None),
        ("#:schema: ./s.json\n", None),
        ("", None),
    ],
)
def test_toml_header_directive(text: str, expected: str | None) -> None:
    assert toml_schema_reference(text) == expected


def test_toml_directive_beyond_the_head_is_not_read() -> None:
    comments = "# padding\n" * (HEAD_CHARS // 10 + 1)
    assert toml_schema_reference(comments + "#:schema ./pyscript.schema.json\n") is None
    assert toml_schema_reference("#:schema ./pyscript.schema.json\n" + comments) == (
        "./pyscript.schema.json"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('{"$schema": "./pyscript.schema.json"}', "./pyscript.schema.json"),
        ('\ufeff\n  {\n  "$schema" : "a.json",\n "packages": []}', "a.json"),
        ('{"packages": ["x", {"y": 1}], "files": {}, "$schema": "late.json"}', "late.json"),
        ('{"\\u0024schema": "escaped-key.json"}', "escaped-key.json"),
        ('{"$schema": "https:\\/\\/example.com\\/s.json"}', "https://example.com/s.json"),
        ('{"custom": {"$schema": "nested.json"}}', None),
        ('{"list": ["$schema", ":"], "x": 1}', None),
        ('{"packages": "$schema"}', None),
        ('{"$schema": 42}', None),
        ('{"$schema": null}', None),
        ('{"$schema": ["a.json"]}', None),
        ('[{"$schema": "a.json"}]', None),
        ('{"a": 1} {"$schema": "after-the-root.json"}', None),
        ('{"$schema": "cut', None),
        ('{"$schema"', None),
        ('{"a": "broken\nstring", "$schema": "s.json"}', None),
        ("", None),
        ("not json", None),
    ],
)
def test_json_top_level_schema_property(text: str, expected: str | None) -> None:
    assert json_schema_reference(text) == expected


def test_json_schema_property_beyond_the_head_is_not_read() -> None:
    padding = '"x": "' + "a" * HEAD_CHARS + '"'
    assert json_schema_reference("{" + padding + ', "$schema": "s.json"}') is None
    assert json_schema_reference('{"$schema": "s.json", ' + padding + "}") == "s.json"


def test_the_file_kind_picks_the_syntax() -> None:
    toml = f"#:schema {SCHEMA_ID}\n"
    json_text = json.dumps({"$schema": SCHEMA_ID})
    assert schema_reference(toml, FileKind.TOML) == SCHEMA_ID
    assert schema_reference(toml, FileKind.JSON) is None
    assert schema_reference(json_text, FileKind.JSON) == SCHEMA_ID
    assert schema_reference(json_text, FileKind.HTML) is None
    assert declares_our_schema(toml, "site/app.TOML") is True
    assert declares_our_schema(json_text, "site/app.json") is True
    assert declares_our_schema(json_text, "site/app.toml") is False
    assert declares_our_schema(toml, "site/index.html") is False
    assert declares_our_schema(OTHER_TOML, "site/app.toml") is False


def test_file_check_reads_only_the_head(tmp_path: Path) -> None:
    early = tmp_path / "early.json"
    early.write_text(json.dumps({"$schema": SCHEMA_ID, "blob": "x" * 100_000}), encoding="utf-8")
    late = tmp_path / "late.json"
    late.write_text(json.dumps({"blob": "x" * 100_000, "$schema": SCHEMA_ID}), encoding="utf-8")
    assert file_declares_our_schema(str(early)) is True
    assert file_declares_our_schema(str(late)) is False


def test_file_check_never_blocks_or_raises(tmp_path: Path) -> None:
    assert file_declares_our_schema(str(tmp_path / "missing.toml")) is False
    assert file_declares_our_schema(str(tmp_path)) is False
    fifo = tmp_path / "pipe.toml"
    os.mkfifo(fifo)
    assert file_declares_our_schema(str(fifo)) is False  # opening it would block
    page = tmp_path / "index.html"
    page.write_text(OURS_TOML, encoding="utf-8")
    assert file_declares_our_schema(str(page)) is False
    latin = tmp_path / "latin.toml"
    latin.write_bytes(f"#:schema {SCHEMA_ID}\n# caf\xe9\n".encode("latin-1"))
    assert file_declares_our_schema(str(latin)) is True


# --- validate ------------------------------------------------------------------------


def _validate(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    *args: str,
) -> tuple[int, list[tuple[str, str]], str]:
    monkeypatch.chdir(tmp_path)
    code = main(["validate", "--isolated", "--verbose", "--output-format", "json", *args])
    captured = capsys.readouterr()
    found = [(d["path"], d["code"]) for d in json.loads(captured.out)["diagnostics"]]
    return code, found, captured.err


def test_validate_checks_a_directory_file_that_names_our_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "app.toml").write_text(OURS_TOML, encoding="utf-8")
    (tmp_path / "site" / "other.toml").write_text(OTHER_TOML, encoding="utf-8")
    code, found, err = _validate(tmp_path, monkeypatch, capsys, "site")
    assert code == 0  # PSC100 is a warning
    assert found == [(os.path.join("site", "app.toml"), "PSC100")]
    assert f"checked {os.path.join('site', 'app.toml')} (standalone config file)" in err
    assert f"skipped {os.path.join('site', 'other.toml')}: not a PyScript config" in err


def test_validate_checks_a_named_file_that_names_our_schema(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "app.json").write_text(
        json.dumps({"$schema": "./pyscript.schema.json", "packages": "numpy"}), encoding="utf-8"
    )
    (tmp_path / "other.json").write_text(
        json.dumps({"$schema": "https://json.schemastore.org/tsconfig.json", "packages": 1}),
        encoding="utf-8",
    )
    code, found, err = _validate(tmp_path, monkeypatch, capsys, "app.json", "other.json")
    assert code == 1
    assert found == [("app.json", "PSC102")]
    assert "skipped other.json: not a PyScript config" in err


def test_validate_stdin_honours_the_directive(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    class Stdin:
        buffer = io.BytesIO(OURS_TOML.encode("utf-8"))

    monkeypatch.setattr("sys.stdin", Stdin())
    code, found, _ = _validate(tmp_path, monkeypatch, capsys, "--stdin-filename", "app.toml", "-")
    assert (code, found) == (0, [("app.toml", "PSC100")])

    Stdin.buffer = io.BytesIO(OTHER_TOML.encode("utf-8"))
    code, found, err = _validate(tmp_path, monkeypatch, capsys, "--stdin-filename", "app.toml", "-")
    assert (code, found) == (0, [])
    assert "skipped app.toml: not a PyScript config" in err


def test_fixed_text_in_memory_decides(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    Path("app.toml").write_text(OTHER_TOML, encoding="utf-8")
    candidates = [Candidate("app.toml", explicit=False)]
    assert run(candidates, Settings(), workers=1).diagnostics == []
    overlaid = run(candidates, Settings(), workers=1, overlay={"app.toml": OURS_TOML})
    assert [d.code for d in overlaid.diagnostics] == ["PSC100"]


# --- the language server ---------------------------------------------------------------


def _checker(documents: dict[str, str]) -> Checker:
    reader = OverlayReader(documents.get)
    return Checker(reader, lambda _path: Settings(), lambda: ())


def test_language_server_serves_an_open_file_that_names_our_schema(tmp_path: Path) -> None:
    path = str(tmp_path / "app.toml")
    documents = {path: OURS_TOML}
    checker = _checker(documents)
    diagnostics = checker.document(path)
    assert diagnostics is not None
    assert [(d.code, d.message) for d in diagnostics] == [
        ("PSC100", 'unknown key "pakages": did you mean "packages"?')
    ]
    documents[path] = OTHER_TOML  # the user edits the directive away
    checker.invalidate()
    assert checker.document(path) is None
    assert checker.config(path) is None  # so no completion, hover or outline either


def test_language_server_reads_the_file_when_it_is_not_open(tmp_path: Path) -> None:
    ours = tmp_path / "site.json"
    ours.write_text(json.dumps({"$schema": SCHEMA_ID, "pakages": []}), encoding="utf-8")
    other = tmp_path / "other.json"
    other.write_text(json.dumps({"pakages": []}), encoding="utf-8")
    checker = _checker({})
    found = checker.config(str(ours))
    assert found is not None and [d.code for d in found] == ["PSC100"]
    assert checker.config(str(other)) is None


# --- the `$schema` property --------------------------------------------------------------


def _check_json(text: str, name: str = "pyscript.json") -> list[tuple[str, str, str]]:
    result = check_source(SourceFile(name, text, FileKind.JSON), Settings())
    index = LineIndex(text)
    return [
        (d.code, d.message, f"{index.line_col(d.span.start)}-{index.line_col(d.span.end)}")
        for d in result.diagnostics
    ]


def test_a_string_schema_property_is_not_a_custom_key() -> None:
    assert _check_json(json.dumps({"$schema": SCHEMA_ID, "packages": ["numpy"]})) == []
    # Any string: another schema's URL is the user's business, not a PyScript problem.
    assert _check_json('{"$schema": "https://example.com/x.json"}') == []


@pytest.mark.parametrize(
    ("value", "kind"),
    [("true", "a boolean"), ("null", "null"), ("1.5", "a number"), ("[]", "an array")],
)
def test_a_schema_property_that_is_not_a_string(value: str, kind: str) -> None:
    text = '{\n  "$schema": ' + value + "\n}"
    assert _check_json(text) == [
        (
            "PSC109",
            f'"$schema" must be a string, the URL or path of a JSON Schema, not {kind}: '
            "editors and validators ignore it",
            f"(2, 14)-(2, {14 + len(value)})",
        )
    ]


def test_a_schema_property_inside_a_table_is_checked_like_any_key() -> None:
    # `js_modules` is closed: "$schema" there is an ignored key, not a schema directive.
    found = _check_json('{"js_modules": {"$schema": "x.json"}}')
    assert [code for code, _, _ in found] == ["PSC108"]


def test_allowed_keys_do_not_hide_a_bad_schema_property() -> None:
    text = '{"$schema": 1}'
    settings = Settings(allowed_keys=frozenset({"$schema"}))
    result = check_source(SourceFile("pyscript.json", text, FileKind.JSON), settings)
    assert [d.code for d in result.diagnostics] == ["PSC109"]
