"""Words for types and places, in the vocabulary of the file being checked.

TOML users think in tables, keys and arrays; JSON users in objects and properties.
Messages use the words of the syntax the user is writing.
"""

from __future__ import annotations

from typing import Any

from .regions import Syntax
from .tree import Kind, Node

_TOML_NAMES = {
    Kind.STRING: "a string",
    Kind.INTEGER: "an integer",
    Kind.FLOAT: "a float",
    Kind.BOOLEAN: "a boolean",
    Kind.DATETIME: "a date-time",
    Kind.DATETIME_LOCAL: "a local date-time",
    Kind.DATE_LOCAL: "a date",
    Kind.TIME_LOCAL: "a time",
    Kind.NULL: "null",
    Kind.ARRAY: "an array",
    Kind.TABLE: "a table",
}
_JSON_NAMES = {
    **_TOML_NAMES,
    Kind.INTEGER: "a number",
    Kind.FLOAT: "a number",
    Kind.TABLE: "an object",
}

_SCHEMA_TYPE = {
    "string": ("a string", "strings"),
    "integer": ("an integer", "integers"),
    "number": ("a number", "numbers"),
    "boolean": ("a boolean (true or false)", "booleans"),
    "null": ("null", "nulls"),
}


def kind_name(node: Node, syntax: Syntax) -> str:
    names = _JSON_NAMES if syntax is Syntax.JSON else _TOML_NAMES
    return names[node.kind]


def table_word(syntax: Syntax) -> str:
    return "object" if syntax is Syntax.JSON else "table"


def key_word(syntax: Syntax) -> str:
    return "property" if syntax is Syntax.JSON else "key"


def describe_schema(schema: dict[str, Any], syntax: Syntax, *, plural: bool = False) -> str:
    """A phrase for what a schema accepts: "an array of strings", "a string or an array"."""
    branches = schema.get("anyOf") or schema.get("oneOf")
    if branches:
        parts = [describe_schema(branch, syntax, plural=plural) for branch in branches]
        return " or ".join(dict.fromkeys(parts))
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(
            describe_schema({**schema, "type": k}, syntax, plural=plural) for k in kind
        )
    if kind == "array":
        items = schema.get("items")
        if isinstance(items, dict) and items:
            inner = describe_schema(items, syntax, plural=True)
            return f"arrays of {inner}" if plural else f"an array of {inner}"
        return "arrays" if plural else "an array"
    if kind == "object":
        word = table_word(syntax)
        if plural:
            return f"{word}s"
        return f"an {word}" if word == "object" else f"a {word}"
    if isinstance(kind, str) and kind in _SCHEMA_TYPE:
        singular, many = _SCHEMA_TYPE[kind]
        if kind == "integer" and syntax is Syntax.JSON:
            singular, many = "a whole number", "whole numbers"
        return many if plural else singular
    if "enum" in schema:
        return "one of " + ", ".join(_literal(v, syntax) for v in schema["enum"])
    if "const" in schema:
        return _literal(schema["const"], syntax)
    return "values" if plural else "a value"


def _literal(value: object, syntax: Syntax) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return f'"{value}"'
    return str(value)


def literal(value: object, syntax: Syntax) -> str:
    return _literal(value, syntax)
