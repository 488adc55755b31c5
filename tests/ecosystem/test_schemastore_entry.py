"""The SchemaStore catalog entry and its sample files agree with the schema."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import tomlkit
from jsonschema import (  # type: ignore[import-untyped, unused-ignore]
    Draft7Validator,
    Draft202012Validator,
)

from pyscript_config.check import check_source
from pyscript_config.diagnostics import Severity
from pyscript_config.files import FileKind, SourceFile
from pyscript_config.settings import Settings

REPO = Path(__file__).resolve().parents[2]
SCHEMAS = REPO / "schemas"
SCHEMA: dict[str, Any] = json.loads((SCHEMAS / "pyscript.schema.json").read_text("utf-8"))
ENTRY: dict[str, Any] = json.loads((SCHEMAS / "schemastore-catalog-entry.json").read_text("utf-8"))
GOOD = SCHEMAS / "schemastore" / "test" / "pyscript"
BAD = SCHEMAS / "schemastore" / "negative_test" / "pyscript"

# Each negative sample fails for one reason: (where, which keyword).
NEGATIVE_REASONS: dict[str, tuple[str, str]] = {
    "packages-not-array.toml": ("$.packages", "type"),
    "fetch-unknown-key.toml": ("$.fetch[0]", "additionalProperties"),
    "fetch-files-and-to-file.json": ("$.fetch[0]", "not"),
    "packages-cache-value.json": ("$.packages_cache", "enum"),
    "type-reserved.toml": ("$.type", "not"),
    "js-modules-thread.toml": ("$.js_modules", "additionalProperties"),
    "ffi-timeout-fraction.json": ("$.experimental_ffi_timeout", "type"),
}


def _load(path: Path) -> Any:
    if path.suffix == ".toml":
        return tomlkit.parse(path.read_text("utf-8")).unwrap()  # tomllib needs Python 3.11
    return json.loads(path.read_text("utf-8"))


def _errors(path: Path, validator_class: Any = Draft202012Validator) -> list[tuple[str, str]]:
    validator = validator_class(SCHEMA)
    return sorted((e.json_path, str(e.validator)) for e in validator.iter_errors(_load(path)))


def _our_severities(path: Path) -> set[Severity]:
    kind = FileKind.TOML if path.suffix == ".toml" else FileKind.JSON
    source = SourceFile(f"pyscript{path.suffix}", path.read_text("utf-8"), kind)
    return {d.severity for d in check_source(source, Settings()).diagnostics}


def test_the_entry_points_at_the_published_schema() -> None:
    assert list(ENTRY) == ["name", "description", "fileMatch", "url"]  # SchemaStore's order
    assert ENTRY["url"] == SCHEMA["$id"]
    assert ENTRY["url"].startswith("https://") and ENTRY["url"].endswith("pyscript.schema.json")
    assert ENTRY["fileMatch"] == ["pyscript.toml", "pyscript.json"]
    assert ENTRY["name"] == "PyScript configuration"
    # CONTRIBUTING: descriptions do not end with a colon (nor, by custom, a full stop).
    assert ENTRY["description"] and ENTRY["description"][-1] not in ":."


def test_there_are_samples_in_both_directions() -> None:
    good = sorted(p.name for p in GOOD.iterdir())
    bad = sorted(p.name for p in BAD.iterdir())
    assert {Path(n).suffix for n in good} == {".toml", ".json"}
    assert bad == sorted(NEGATIVE_REASONS)


@pytest.mark.parametrize("name", sorted(p.name for p in GOOD.iterdir()))
def test_positive_sample_validates(name: str) -> None:
    assert _errors(GOOD / name) == []
    # pyscript-config agrees: at most warnings (legacy [[fetch]]) and hints (custom keys).
    assert Severity.ERROR not in _our_severities(GOOD / name)


@pytest.mark.parametrize("name", sorted(NEGATIVE_REASONS))
def test_negative_sample_fails_for_its_reason(name: str) -> None:
    assert _errors(BAD / name) == [NEGATIVE_REASONS[name]]
    assert Severity.ERROR in _our_severities(BAD / name)


@pytest.mark.parametrize(
    "path",
    sorted([*GOOD.iterdir(), *BAD.iterdir()]),
    ids=lambda p: f"{p.parent.parent.name}/{p.name}",
)
def test_a_draft_7_validator_gives_the_same_verdict(path: Path) -> None:
    """Many editors (and SchemaStore's advice) stop at draft 7: the schema uses only
    validation keywords draft 7 knows, and `$ref` only to plain JSON pointers."""
    assert _errors(path, Draft7Validator) == _errors(path)
