"""Generate the JSON Schema from the pydantic model, and keep its two copies current.

Only the `schema` command and the tests import this module (it imports pydantic). The
run-time side reads the shipped copy through `schema_data`.

pydantic gives us the types; this module turns them into a schema for people and editors:
no `null` branches or `null` defaults (TOML has no null, and a missing key is how a config
says "not set"), no generated titles, `const` spelled as a one-value `enum` so that enum
descriptions line up, and the dialect extensions each consumer reads:

- VS Code JSON: `markdownDescription`, `enumDescriptions`/`markdownEnumDescriptions`,
  `deprecationMessage`, `doNotSuggest`, `defaultSnippets`;
- taplo (Even Better TOML): `x-taplo` (`docs.main`, `docs.enumValues`, `links.key`,
  `initKeys`) and the root `x-taplo-info`; taplo ignores siblings of `$ref`, so
  referenced definitions carry their own docs too. Never `x-taplo.hidden`: tombi reads
  it too and drops a hidden property's schema altogether, so `type = "app"` (reserved)
  or a wrong type for a removed key would pass there; `doNotSuggest` hides them in
  VS Code;
- tombi: `x-tombi-toml-version`, `x-tombi-table-keys-order` (never on `files`: its order is
  meaningful, placeholders must be defined before use), `x-tombi-additional-key-label`.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel
from pydantic.json_schema import GenerateJsonSchema, JsonSchemaValue
from pydantic_core import core_schema

from . import model

SCHEMA_ID = (
    "https://raw.githubusercontent.com/pyscript-config/pyscript-config/main/schemas/"
    "pyscript.schema.json"
)
DIALECT = "https://json-schema.org/draft/2020-12/schema"
TOML_VERSION = "v1.0.0"  # tombi's spelling; basic-toml is a subset of TOML 1.0

_PACKAGE_DIR = Path(__file__).resolve().parent
_REPO_ROOT = Path(__file__).resolve().parents[2]
PACKAGE_TARGET = _PACKAGE_DIR / "data" / "pyscript.schema.json"
REPO_TARGET = _REPO_ROOT / "schemas" / "pyscript.schema.json"
# The files that hold the generated schema: one for other tools (repo root), one shipped in
# the wheel and read at run time.
SCHEMA_TARGETS: tuple[Path, ...] = (REPO_TARGET, PACKAGE_TARGET)

_SCHEMA_KEYWORDS_ORDER = (
    "$schema",
    "$id",
    "$ref",
    "title",
    "description",
    "markdownDescription",
    "deprecated",
    "deprecationMessage",
    "type",
    "enum",
    "enumDescriptions",
    "markdownEnumDescriptions",
    "minLength",
    "minimum",
    "maximum",
    "items",
    "properties",
    "additionalProperties",
    "required",
    "not",
    "anyOf",
    "default",
    "examples",
    "defaultSnippets",
    "doNotSuggest",
    "x-pyscript",
    "x-taplo",
    "x-taplo-info",
    "x-tombi-toml-version",
    "x-tombi-table-keys-order",
    "x-tombi-additional-key-label",
    "x-pyscript-legacy-keys",
    "$defs",
)
_SUBSCHEMA_KEYS = ("items", "additionalProperties", "not")
_SUBSCHEMA_LIST_KEYS = ("anyOf", "oneOf", "allOf")
_SUBSCHEMA_MAP_KEYS = ("properties", "$defs")

# Labels tombi shows when completing a key of an open table.
_KEY_LABELS: dict[tuple[str, ...], str] = {
    ("properties", "files"): "source",
    ("$defs", "RemotePackageConfig", "properties", "files"): "source",
    ("$defs", "JsModules", "properties", "main"): "module URL",
    ("$defs", "JsModules", "properties", "worker"): "module URL",
}
# Tables whose keys have a natural order (tombi's formatter sorts them by the schema).
_SCHEMA_ORDERED_TABLES: tuple[tuple[str, ...], ...] = (
    (),
    ("$defs", "FetchEntry"),
    ("$defs", "JsModules"),
    ("$defs", "RemotePackageConfig"),
)
_INIT_KEYS: dict[tuple[str, ...], list[str]] = {
    ("$defs", "FetchEntry"): ["from"],
    ("$defs", "JsModules"): ["main"],
    ("$defs", "RemotePackageConfig"): ["name"],
}
_SNIPPETS: dict[tuple[str, ...], list[dict[str, Any]]] = {
    (): [
        {
            "label": "PyScript config",
            "description": "packages and files",
            "body": {"packages": ["${1:numpy}"], "files": {"${2:./main.py}": "${3}"}},
        }
    ],
    ("properties", "files"): [
        {
            "label": "source → destination",
            "description": "fetch a file onto the virtual filesystem",
            "body": {"${1:./module.py}": "${2:./}"},
        }
    ],
    ("$defs", "JsModules"): [
        {
            "label": "main-thread module",
            "body": {"main": {"${1:https://esm.run/module}": "${2:name}"}},
        },
        {
            "label": "worker module",
            "body": {"worker": {"${1:https://esm.run/module}": "${2:name}"}},
        },
    ],
    ("$defs", "FetchEntry"): [
        {"label": "fetch entry", "body": {"from": "${1:./}", "files": ["${2:module.py}"]}}
    ],
    ("$defs", "RemotePackageConfig"): [
        {
            "label": "remote package",
            "body": {
                "name": "${1:my_package}",
                "files": {"${2:./__init__.py}": "${3:./my_package/}"},
            },
        }
    ],
}


class _Generator(GenerateJsonSchema):
    """pydantic's generator minus what makes no sense for a config file."""

    def nullable_schema(self, schema: core_schema.NullableSchema) -> JsonSchemaValue:
        # `X | None` only says "may be absent"; a JSON `null` is not a valid value.
        return self.generate_inner(schema["schema"])

    def default_schema(self, schema: core_schema.WithDefaultSchema) -> JsonSchemaValue:
        if schema.get("default") is None:
            return self.generate_inner(schema["schema"])
        return super().default_schema(schema)

    def field_title_should_be_set(self, schema: Any) -> bool:
        return False

    def handle_ref_overrides(self, json_schema: JsonSchemaValue) -> JsonSchemaValue:
        # pydantic drops a `$ref`'s sibling annotations when the target has the same ones;
        # keep them, so every property documents itself without resolving the reference.
        return json_schema

    def sort(self, value: JsonSchemaValue, parent_key: str | None = None) -> JsonSchemaValue:
        # Keep authored order (x-pyscript fields, enum values); `_order` sorts keywords.
        return value


def _model_schema(cls: type[BaseModel]) -> dict[str, Any]:
    return cls.model_json_schema(
        by_alias=True, ref_template="#/$defs/{model}", schema_generator=_Generator
    )


def generate() -> dict[str, Any]:
    """The complete schema, as plain JSON data (what `render` writes and `load_schema` reads)."""
    root = _model_schema(model.PyScriptConfig)
    remote = _model_schema(model.RemotePackageConfig)
    defs: dict[str, Any] = {**root.pop("$defs", {}), **remote.pop("$defs", {})}
    defs["RemotePackageConfig"] = remote
    root["$defs"] = {name: defs[name] for name in sorted(defs)}

    root.update(
        {
            "$schema": DIALECT,
            "$id": SCHEMA_ID,
            "title": "PyScript configuration",
            "x-taplo-info": {
                "authors": ["pyscript-config (https://github.com/pyscript-config/pyscript-config)"],
                "patterns": [r"^(.*(/|\\)pyscript\.toml|pyscript\.toml)$"],
            },
            "x-tombi-toml-version": TOML_VERSION,
            "x-pyscript-legacy-keys": {
                name: legacy.as_json() for name, legacy in model.LEGACY_KEYS.items()
            },
        }
    )
    for path, node in _walk(root, ()):
        _clean(node, is_root=not path)
        _add_dialects(node, path)
    ordered = _order(root)
    # A JSON round trip makes the result identical to what the shipped file holds (lists,
    # not tuples; only JSON types).
    result: dict[str, Any] = json.loads(json.dumps(ordered))
    return result


def _walk(
    node: dict[str, Any], path: tuple[str, ...]
) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Every schema object, with its path of keywords and names from the root."""
    stack: list[tuple[tuple[str, ...], dict[str, Any]]] = [(path, node)]
    while stack:
        here, current = stack.pop()
        yield here, current
        for kw in _SUBSCHEMA_KEYS:
            sub = current.get(kw)
            if isinstance(sub, dict):
                stack.append(((*here, kw), sub))
        for kw in _SUBSCHEMA_LIST_KEYS:
            for index, sub in enumerate(current.get(kw, ())):
                if isinstance(sub, dict):
                    stack.append(((*here, kw, str(index)), sub))
        for kw in _SUBSCHEMA_MAP_KEYS:
            for name, sub in current.get(kw, {}).items():
                if isinstance(sub, dict):
                    stack.append(((*here, kw, name), sub))


def _clean(node: dict[str, Any], *, is_root: bool) -> None:
    if not is_root:
        node.pop("title", None)
    if "const" in node:
        node["enum"] = [node.pop("const")]


def _add_dialects(node: dict[str, Any], path: tuple[str, ...]) -> None:
    info = node.get("x-pyscript")
    taplo: dict[str, Any] = {}
    if "markdownDescription" in node:
        taplo["docs"] = {"main": node["markdownDescription"]}
    if isinstance(info, dict):
        taplo["links"] = {"key": info["docs"]}
        values: dict[str, dict[str, str]] = info.get("values", {})
        if values and "enum" in node:
            markdown = [values[v]["description"] if v in values else "" for v in node["enum"]]
            node["enumDescriptions"] = [model.plain(text) for text in markdown]
            node["markdownEnumDescriptions"] = markdown
            taplo.setdefault("docs", {})["enumValues"] = markdown
        elif values and isinstance(node.get("items"), dict):
            node["items"]["examples"] = list(values)
        if info.get("reserved") or info.get("removed"):
            node["doNotSuggest"] = True
    if path in _INIT_KEYS:
        taplo["initKeys"] = _INIT_KEYS[path]
    if taplo:
        node["x-taplo"] = taplo
    if path in _KEY_LABELS:
        node["x-tombi-additional-key-label"] = _KEY_LABELS[path]
    if path in _SCHEMA_ORDERED_TABLES:
        node["x-tombi-table-keys-order"] = "schema"
    if path in _SNIPPETS:
        node["defaultSnippets"] = _SNIPPETS[path]


def _order(node: Any, *, schema: bool = True) -> Any:
    """Stable keyword order for schema objects; name maps keep their authored order."""
    if isinstance(node, list):
        return [_order(item, schema=schema) for item in node]
    if not isinstance(node, dict):
        return node
    if not schema:
        return {k: _order(v, schema=False) for k, v in node.items()}
    rank = {kw: i for i, kw in enumerate(_SCHEMA_KEYWORDS_ORDER)}
    keys = sorted(node, key=lambda k: (rank.get(k, len(rank)), k))
    out: dict[str, Any] = {}
    for k in keys:
        value = node[k]
        if k in _SUBSCHEMA_MAP_KEYS:
            out[k] = {name: _order(sub) for name, sub in value.items()}
        elif k in _SUBSCHEMA_KEYS or k in _SUBSCHEMA_LIST_KEYS:
            out[k] = _order(value)
        else:
            out[k] = _order(value, schema=False)
    return out


def render() -> str:
    """The schema as the files hold it: deterministic JSON, 2-space indent, final newline."""
    return json.dumps(generate(), indent=2, ensure_ascii=False) + "\n"


def _in_source_tree() -> bool:
    """Whether the package runs from the repository (not from an installed wheel)."""
    return (_REPO_ROOT / "pyproject.toml").is_file() and (
        _REPO_ROOT / "server" / "pyscript_config"
    ).resolve() == _PACKAGE_DIR


def active_targets() -> list[Path]:
    """The targets that exist in this installation: the repo copy only in a source tree."""
    return [t for t in SCHEMA_TARGETS if t != REPO_TARGET or _in_source_tree()]


def write() -> list[str]:
    """Write every active target; returns the paths written."""
    text = render()
    written: list[str] = []
    for target in active_targets():
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8", newline="\n")
        written.append(str(target))
    return written


def stale_targets() -> list[str]:
    """Active targets whose content differs from `render()` (missing files count as stale)."""
    text = render()
    return [str(t) for t in active_targets() if _read_or_none(t) != text]


def _read_or_none(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return None
