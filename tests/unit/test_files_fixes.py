"""Fixes of the files family: `files` written as an array, and `[[fetch]]` rewritten as
`[files]` (attached to the schema's PSC102 and PSC104)."""

from __future__ import annotations

from pyscript_config.check import check_text
from pyscript_config.diagnostics import Diagnostic, Fix
from pyscript_config.files import FileKind


def _diagnostic(path: str, text: str, code: str, kind: FileKind | None = None) -> Diagnostic:
    found = [d for d in check_text(path, text, kind) if d.code == code]
    assert len(found) == 1, found
    return found[0]


def _apply(text: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
    return text


def test_files_array_in_toml_becomes_a_files_table() -> None:
    text = 'files = ["a.py", "b.py"]\npackages = ["numpy"]\n'
    diagnostic = _diagnostic("pyscript.toml", text, "PSC102")
    assert diagnostic.fix is not None and not diagnostic.fix.safe
    assert _apply(text, diagnostic.fix) == (
        'packages = ["numpy"]\n\n[files]\n"a.py" = ""\n"b.py" = ""\n'
    )


def test_files_array_in_json_becomes_an_object() -> None:
    text = '{"files": ["a.py", "b.py"]}\n'
    diagnostic = _diagnostic("pyscript.json", text, "PSC102")
    assert diagnostic.fix is not None
    assert _apply(text, diagnostic.fix) == '{"files": {"a.py": "", "b.py": ""}}\n'
    # Only the array is replaced.
    [edit] = diagnostic.fix.edits
    assert text[edit.span.start : edit.span.end] == '["a.py", "b.py"]'


def test_files_array_with_placeholders_or_repeats_gets_no_fix() -> None:
    assert _diagnostic("pyscript.json", '{"files": ["{A}/x.py"]}', "PSC102").fix is None
    assert _diagnostic("pyscript.json", '{"files": ["a.py", "a.py"]}', "PSC102").fix is None


def test_fetch_rewrite_toml_keeps_the_rest_of_the_document() -> None:
    text = (
        'packages = ["pandas"]\n\n[[fetch]]\nfrom = "https://example.com/data/"\n'
        'files = ["2024.csv", "2025.csv"]\nto_folder = "./data"\n\n'
        '[[fetch]]\nfrom = "https://example.com/readme.txt"\nto_file = "./README.txt"\n'
    )
    diagnostic = _diagnostic("pyscript.toml", text, "PSC104")
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert _apply(text, diagnostic.fix) == (
        'packages = ["pandas"]\n\n[files]\n'
        '"https://example.com/data/2024.csv" = "./data/2024.csv"\n'
        '"https://example.com/data/2025.csv" = "./data/2025.csv"\n'
        '"https://example.com/readme.txt" = "./README.txt"\n'
    )


def test_fetch_rewrite_toml_merges_into_an_existing_files_table() -> None:
    text = '# app\n[[fetch]]\nfrom = "./src/"\nfiles = ["a.py"]\n\n[files]\n"./b.py" = ""\n'
    diagnostic = _diagnostic("pyscript.toml", text, "PSC104")
    assert diagnostic.fix is not None
    assert _apply(text, diagnostic.fix) == '# app\n[files]\n"./b.py" = ""\n"./src/a.py" = "a.py"\n'


def test_fetch_rewrite_json_replaces_the_member() -> None:
    text = (
        '{\n  "packages": ["numpy"],\n  "fetch": [\n'
        '    {"from": "https://example.com/data/", "files": ["a.csv", "b.csv"]}\n  ]\n}\n'
    )
    diagnostic = _diagnostic("pyscript.json", text, "PSC104")
    assert diagnostic.fix is not None
    assert _apply(text, diagnostic.fix) == (
        '{\n  "packages": ["numpy"],\n  "files": {\n'
        '    "https://example.com/data/a.csv": "a.csv",\n'
        '    "https://example.com/data/b.csv": "b.csv"\n  }\n}\n'
    )


def test_fetch_that_the_runtime_rejects_or_would_collide_is_not_rewritten() -> None:
    folder = '[[fetch]]\nfrom = "https://x/dir/"\n'
    assert _diagnostic("pyscript.toml", folder, "PSC104").fix is None
    both = '[[fetch]]\nfiles = ["a"]\nto_file = "b"\n'
    assert _diagnostic("pyscript.toml", both, "PSC104").fix is None
    collide = '[[fetch]]\nfiles = ["a.py"]\n\n[files]\n"./x/a.py" = "a.py"\n'
    assert _diagnostic("pyscript.toml", collide, "PSC104").fix is None
    braces = '[[fetch]]\nfrom = "https://x/{v}/a.py"\n'
    assert _diagnostic("pyscript.toml", braces, "PSC104").fix is None


def test_no_fix_inside_entity_encoded_attribute_text() -> None:
    page = (
        '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>\n'
        '<script type="py" config="files = [&quot;a.py&quot;]"></script>\n'
    )
    found = [d for d in check_text("index.html", page) if d.code == "PSC102"]
    assert len(found) == 1 and found[0].fix is None
