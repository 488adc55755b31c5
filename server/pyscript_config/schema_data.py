"""The shipped JSON Schema, read at run time.

The `validate` path, completion and hover need the schema but must stay cheap to import:
this module reads the generated JSON file (package data) and never imports pydantic or
the generator. `schema.py` writes the file; a test keeps the two in step.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Sequence
from typing import Any

_DATA_FILE = "pyscript.schema.json"
_MAX_REF_HOPS = 32  # a longer chain of $ref is a cycle


@functools.cache
def load_schema() -> dict[str, Any]:
    """The schema as a dict (cached and shared: treat it as read-only)."""
    from importlib import resources

    text = resources.files(__package__ or "pyscript_config") / "data" / _DATA_FILE
    data: dict[str, Any] = json.loads(text.read_text(encoding="utf-8"))
    return data


def resolve(schema: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """`node` with its local `$ref` (`#/$defs/X`) followed.

    The referenced schema is merged under the node's own keywords, so a property's own
    description and `x-pyscript` win over the definition's. Unresolvable references leave
    the node as it is (minus `$ref`).
    """
    seen = 0
    current = node
    while isinstance(current.get("$ref"), str) and seen < _MAX_REF_HOPS:
        seen += 1
        target = _pointer(schema, current["$ref"])
        siblings = {k: v for k, v in current.items() if k != "$ref"}
        if target is None:
            return siblings
        current = {**target, **siblings}
    return current


def _pointer(schema: dict[str, Any], ref: str) -> dict[str, Any] | None:
    if not ref.startswith("#"):
        return None  # remote references: never fetched
    node: Any = schema
    for raw in ref[1:].split("/")[1:] if ref != "#" else []:
        part = raw.replace("~1", "/").replace("~0", "~")
        if not isinstance(node, dict) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, dict) else None


def legacy_keys() -> dict[str, dict[str, Any]]:
    """Classic keys that no longer exist: `{key: {era, since, until, replacement, message}}`."""
    table: dict[str, dict[str, Any]] = load_schema().get("x-pyscript-legacy-keys", {})
    return table


def top_level_keys() -> list[str]:
    """The keys PyScript reads at the top of a config, in schema order."""
    return list(load_schema().get("properties", {}))


def property_schema(
    path: Sequence[str | int], *, definition: str | None = None
) -> dict[str, Any] | None:
    """The (resolved) schema of the value at `path`, e.g. `("js_modules", "main")`.

    Array elements are reached with an index (or any name). `None` means the path leads
    outside the schema: a custom key, or a key inside a closed table that is not known.
    `definition` starts from `$defs[definition]` (e.g. "RemotePackageConfig") instead of
    the root.
    """
    schema = load_schema()
    node: dict[str, Any] | None = schema
    if definition is not None:
        node = schema.get("$defs", {}).get(definition)
    if node is None:
        return None
    node = resolve(schema, node)
    for segment in path:
        node = _step(schema, node, segment)
        if node is None:
            return None
    return node


def _step(
    schema: dict[str, Any], node: dict[str, Any], segment: str | int
) -> dict[str, Any] | None:
    child: Any = None
    if isinstance(segment, str) and segment in node.get("properties", {}):
        child = node["properties"][segment]
    elif isinstance(node.get("items"), dict):
        child = node["items"]
    elif isinstance(node.get("additionalProperties"), dict) and isinstance(segment, str):
        child = node["additionalProperties"]
    else:
        for branch in (*node.get("anyOf", ()), *node.get("oneOf", ())):
            if isinstance(branch, dict):
                found = _step(schema, resolve(schema, branch), segment)
                if found is not None:
                    return found
        return None
    return resolve(schema, child) if isinstance(child, dict) else None
