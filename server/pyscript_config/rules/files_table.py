"""The `files` algorithm of polyscript (spec §1.2), as a pure function over the tree.

`resolve_files` gives what the runtime computes from a `files` table: every placeholder
with its value, every source URL with the destination it is written to (after
placeholders, `""` and trailing-`/` expansion) and whether it is unpacked as an archive,
plus every error the runtime would throw, each with the span that causes it. The rules
report from it; hover can show the resolved table.

Runtime order is JavaScript's property order (`Object.entries`): keys that are array
indices ("0", "1", ...) come first in numeric order, then the others in the order written;
a JSON key written twice keeps its first position and its last value.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

from ..text import Span
from ..tree import Kind, Node, Scalar, Table

# JavaScript's `.` does not match line terminators, and `$` (no m flag) is the very end.
_ANY = r"[^\n\r\u2028\u2029]"
TEMPLATE = re.compile(rf"\{{{_ANY}+?\}}")
DEFINITION = re.compile(rf"\{{{_ANY}+\}}\Z")
ARCHIVE = re.compile(r"\.(zip|whl|tgz|tar(?:\.gz)?)\Z")
_INDEX_KEY = re.compile(r"(?:0|[1-9][0-9]*)\Z")
_MAX_INDEX = 2**32 - 2


@dataclass(frozen=True, slots=True)
class Placeholder:
    name: str  # "{NAME}", braces included
    value: str | None  # expanded value; None when its own definition fails
    key_span: Span
    value_span: Span


@dataclass(frozen=True, slots=True)
class FileTarget:
    source: str  # the key as written
    key_span: Span
    dest: str | None  # the value when it is a string
    value_span: Span
    url: str | None  # expanded source; None when expansion fails
    path: str | None  # destination after expansion and `""`/trailing-`/` rules
    archive: str | None = None  # "zip", "whl", "tgz", "tar", "tar.gz" when unpacked


@dataclass(frozen=True, slots=True)
class FilesProblem:
    kind: str  # "invalid-template", "duplicated-destination", "unsupported-archive", "type-error"
    message: str  # the runtime's own message
    span: Span
    name: str = ""  # the placeholder, destination or URL the message is about
    related: Span | None = None  # the later definition / the first destination
    defined_later: bool = False  # invalid-template: the placeholder is defined below


@dataclass(slots=True)
class FilesTable:
    placeholders: list[Placeholder] = field(default_factory=list)
    targets: list[FileTarget] = field(default_factory=list)
    problems: list[FilesProblem] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class _Item:
    key: str
    key_span: Span
    value: Node


def runtime_order(table: Table) -> list[_Item]:
    """The entries as `Object.entries` yields them."""
    position: dict[str, int] = {}
    items: list[_Item] = []
    for entry in table.entries:
        item = _Item(entry.key, entry.key_span, entry.value)
        if entry.key in position:
            items[position[entry.key]] = item  # last value, first position
        else:
            position[entry.key] = len(items)
            items.append(item)
    index = [i for i in items if _INDEX_KEY.match(i.key) and int(i.key) <= _MAX_INDEX]
    index.sort(key=lambda i: int(i.key))
    return index + [i for i in items if i not in index]


def _truthy(node: Node) -> bool:
    """JavaScript truthiness of a scalar value (objects and arrays are always truthy)."""
    if not isinstance(node, Scalar):
        return True
    value = node.value
    if node.kind is Kind.NULL or value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value != 0 and not math.isnan(value)  # 0 and NaN are falsy
    return not (isinstance(value, str) and value == "")


def resolve_files(table: Table, text: str = "") -> FilesTable:
    """Run the runtime's `files` algorithm; `text` (the region text) sharpens spans."""
    result = FilesTable()
    defined: dict[str, str | None] = {}
    definitions = {item.key: item.key_span for item in table.entries if DEFINITION.match(item.key)}
    used: dict[str, Span] = {}  # destination path -> where it was first produced

    def expand(source: str, span: Span, written: str | None) -> str | None:
        out: list[str] = []
        last = 0
        for match in TEMPLATE.finditer(source):
            name = match.group()
            if name not in defined:
                later = definitions.get(name)
                result.problems.append(
                    FilesProblem(
                        "invalid-template",
                        f"SyntaxError: Invalid template: {name}",
                        _inner_span(span, written, source, match.start(), match.end()),
                        name,
                        related=later,
                        defined_later=later is not None,
                    )
                )
                return None
            value = defined[name]
            if value is None:
                return None  # its definition failed; that failure is reported there
            out.append(source[last : match.start()])
            out.append(value)
            last = match.end()
        out.append(source[last:])
        return "".join(out)

    for item in runtime_order(table):
        value = item.value
        dest = value.value if isinstance(value, Scalar) and isinstance(value.value, str) else None
        raw_value = text[value.span.start : value.span.end] if text else None
        if DEFINITION.match(item.key):
            if dest is None:
                result.problems.append(_type_error(value))
                defined[item.key] = None
                continue
            expanded = expand(dest, value.span, raw_value)
            defined[item.key] = expanded
            result.placeholders.append(Placeholder(item.key, expanded, item.key_span, value.span))
            continue
        raw_key = text[item.key_span.start : item.key_span.end] if text else None
        url = expand(item.key, item.key_span, raw_key)
        if dest is None and _truthy(value):
            result.problems.append(_type_error(value))
            result.targets.append(FileTarget(item.key, item.key_span, None, value.span, url, None))
            continue
        path = expand(dest or "./", value.span, raw_value if dest else None)
        if url is None or path is None:
            result.targets.append(FileTarget(item.key, item.key_span, dest, value.span, url, None))
            continue
        if path.endswith("/"):
            path += url.split("/")[-1]
        archive = None
        if path.endswith("/*"):
            match = ARCHIVE.search(url)
            if match:
                archive = match.group(1)
            else:
                result.problems.append(
                    FilesProblem(
                        "unsupported-archive",
                        f"Error: Unsupported archive {url}",
                        item.key_span,
                        url,
                        related=value.span,
                    )
                )
        elif path in used:
            result.problems.append(
                FilesProblem(
                    "duplicated-destination",
                    f"SyntaxError: Duplicated destination: {path}",
                    value.span if dest else item.key_span,
                    path,
                    related=used[path],
                )
            )
        used.setdefault(path, value.span if dest else item.key_span)
        result.targets.append(
            FileTarget(item.key, item.key_span, dest, value.span, url, path, archive)
        )
    return result


def _type_error(value: Node) -> FilesProblem:
    return FilesProblem(
        "type-error", "TypeError: dest.replace is not a function", value.span, related=None
    )


def _inner_span(span: Span, written: str | None, decoded: str, start: int, end: int) -> Span:
    """The span of `decoded[start:end]` inside its token when the token is the plain
    quoted (or bare) string, without escapes; else the whole token."""
    if written is None:
        return span
    inner, offset = written, 0
    if written[:1] in ('"', "'") and len(written) >= 2:
        inner, offset = written[1:-1], 1
    if inner != decoded:
        return span
    return Span(span.start + offset + start, span.start + offset + end)
