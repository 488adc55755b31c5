"""Syntax-neutral config trees with a span on every key and value.

The TOML and JSON readers both produce these nodes, so every rule works on one
shape. Spans are offsets into the region's *decoded* text; `ConfigRegion.offsets`
maps them to the host file. Readers never raise: problems are returned as
`SyntaxProblem` values together with whatever tree could be built, which is what a
language server needs while a user is typing.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from enum import Enum

from .text import Span


class Kind(str, Enum):
    STRING = "string"
    INTEGER = "integer"
    FLOAT = "float"
    BOOLEAN = "boolean"
    DATETIME = "datetime"  # offset date-time
    DATETIME_LOCAL = "datetime-local"
    DATE_LOCAL = "date-local"
    TIME_LOCAL = "time-local"
    NULL = "null"  # JSON only
    ARRAY = "array"
    TABLE = "table"


ScalarValue = str | int | float | bool | None | _dt.datetime | _dt.date | _dt.time


@dataclass(slots=True)
class Scalar:
    kind: Kind
    value: ScalarValue
    span: Span
    # How the value was written, for dialect rules: TOML string style
    # ("basic", "literal", "ml-basic", "ml-literal") or the raw number text.
    style: str = ""


@dataclass(slots=True)
class Array:
    items: list[Node]
    span: Span
    kind: Kind = Kind.ARRAY
    # TOML: True for `[...]`, False for an array of tables built from `[[x]]` headers.
    inline: bool = True


@dataclass(slots=True)
class Entry:
    key: str
    key_span: Span  # the (last segment of the) key as written, quotes included
    value: Node
    # TOML details for dialect rules; JSON entries leave the defaults.
    quoted: bool = False  # the key segment was a quoted string
    dotted: bool = False  # defined through a dotted key or a dotted table header
    from_header: bool = False  # the value is a table defined by a `[header]`/`[[header]]`


@dataclass(slots=True)
class Table:
    entries: list[Entry]
    span: Span  # `{...}` for inline tables and JSON objects, the header for TOML tables
    kind: Kind = Kind.TABLE
    inline: bool = True  # False for TOML tables defined by headers, dotted keys or the root

    def get(self, key: str) -> Entry | None:
        """The entry for `key`; for JSON duplicates the last one, as JSON.parse keeps."""
        found = None
        for entry in self.entries:
            if entry.key == key:
                found = entry
        return found

    def keys(self) -> list[str]:
        return [entry.key for entry in self.entries]


Node = Scalar | Array | Table


@dataclass(frozen=True, slots=True)
class SyntaxProblem:
    message: str
    span: Span
    # Other places that explain the problem (the first definition of a duplicate key).
    related: tuple[Span, ...] = ()


@dataclass(slots=True)
class ParseResult:
    """What a reader returns: the tree it could build, the problems it found, and the
    comments (TOML) it saw, so that suppression comments can be found later."""

    root: Node | None
    problems: list[SyntaxProblem] = field(default_factory=list)
    comments: list[Span] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def to_python(node: Node) -> object:
    """Plain Python value of a node (tables become dicts, last duplicate wins)."""
    if isinstance(node, Scalar):
        return node.value
    if isinstance(node, Array):
        return [to_python(item) for item in node.items]
    return {entry.key: to_python(entry.value) for entry in node.entries}
