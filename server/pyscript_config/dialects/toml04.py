"""TOML 1.0 that toml-j0.4 (a TOML 0.4.0 parser) rejects, with its own messages.

py-editor and py-game configs, and main-thread configs up to PyScript 2026.1.1, are
read by toml-j0.4, a PEG parser for TOML 0.4.0. TOML 1.0 added dotted
keys, single-quoted keys, local dates and times, hexadecimal/octal/binary integers,
`inf`/`nan` and mixed-type arrays; toml-j0.4 throws on each, and on any redefinition.
We find these constructs in the strict tree and the text. Its messages are PEG
"Expected … but … found." texts whose expectation lists depend only on what can
follow at that point, so for these constructs we can give them exactly (verified
against the shipped parser in Node); they do not include a position.
"""

from __future__ import annotations

import datetime as _dt
import re
from typing import Any

from ..tree import Array, Kind, Node, ParseResult, Scalar, Table, to_python
from .basic_checks import WHOLE_TEXT_BUDGET, big_integer, date_value, dotted_fix
from .findings import Edit, Finding, FixPlan, apply_edits, same_toml, toml_key
from .jsdate import JsDate, js_date
from .jsjson import json_stringify
from .toml_facts import ARRAY, HEADER, INLINE, STATEMENT, KeyUse, TomlFacts, scan_key

__all__ = ["check_toml04"]

PARSER = "toml-j0.4 (a TOML 0.4 parser)"

_BARE_CHARS = '[a-z], [A-Z], [0-9], "-", "_"'
_AFTER_BARE_KEY = f'Expected "=", Whitespace, or {_BARE_CHARS}'
_AFTER_QUOTED_KEY = 'Expected "=" or Whitespace'
_KEY_AT_STATEMENT = (
    f'Expected "[", Comment, DoubleQuote, Newline, Whitespace, {_BARE_CHARS}, or end of input'
)
_KEY_AFTER_BRACKET = f'Expected "[", DoubleQuote, Whitespace, or {_BARE_CHARS}'
_KEY_IN_HEADER = f"Expected DoubleQuote, Whitespace, or {_BARE_CHARS}"
_KEY_AFTER_BRACE = f'Expected "}}", DoubleQuote, Whitespace, or {_BARE_CHARS}'
_EMPTY_KEY = 'Expected Backslash or NormalCharacter but "\\"" found.'
_VALUE_START = (
    'Expected "+", "-", "[", "false", "true", "{", DoubleQuote, FullDate (YYYY-mm-dd), '
    "SingleQuote, ThreeDoubleQuotes, ThreeSingleQuotes, Whitespace, or [0-9]"
)
_VALUE_IN_ARRAY = (
    'Expected "+", "-", "[", "]", "false", "true", "{", Comment, DoubleQuote, '
    "FullDate (YYYY-mm-dd), Newline, SingleQuote, ThreeDoubleQuotes, ThreeSingleQuotes, "
    "Whitespace, or [0-9]"
)
_AFTER_INTEGER = {
    STATEMENT: 'Expected ".", "E", "_", "e", Comment, Newline, Whitespace, [0-9], or end of input',
    ARRAY: 'Expected ",", ".", "E", "]", "_", "e", Comment, Newline, Whitespace, or [0-9]',
    INLINE: 'Expected ",", ".", "E", "_", "e", "}", Whitespace, or [0-9]',
}
_OFFSET = "TimeOffset (Z or +/-HH:MM)"
_TYPE_NAMES = {
    Kind.STRING: "String",
    Kind.BOOLEAN: "Boolean",
    Kind.DATETIME: "DateTime",
    Kind.FLOAT: "Float",
    Kind.INTEGER: "Integer",
}
_REDEFINED = re.compile(
    r"^(duplicate key|table .* is defined twice|table .* is already defined|"
    r".* conflicts with|cannot define table)"
)


def _found(text: str, pos: int) -> str:
    """How pegjs shows the character it found at `pos`."""
    if pos >= len(text):
        return "end of input"
    char = text[pos]
    code = ord(char)
    simple = {"\\": "\\\\", '"': '\\"', "\0": "\\0", "\t": "\\t", "\n": "\\n", "\r": "\\r"}
    if char in simple:
        shown = simple[char]
    elif code <= 0x0F:
        shown = f"\\x0{code:X}"
    elif code <= 0x1F or 0x7F <= code <= 0x9F:
        shown = f"\\x{code:X}"
    else:
        shown = char
    return f'"{shown}"'


def check_toml04(text: str, parsed: ParseResult) -> list[Finding]:
    facts = TomlFacts.read(text, parsed)
    findings: list[Finding] = []
    findings.extend(_keys(text, parsed, facts))
    findings.extend(_values(text, facts))
    findings.extend(_redefinitions(text, parsed, facts))
    findings.sort(key=lambda finding: (finding.span.start, finding.span.end, finding.kind))
    return findings


def _context(use_context: str) -> str:
    return use_context if use_context in (ARRAY, INLINE) else STATEMENT


# ---------------------------------------------------------------- keys


def _keys(text: str, parsed: ParseResult, facts: TomlFacts) -> list[Finding]:
    found: list[Finding] = []
    groups: dict[tuple[int, str], list[KeyUse]] = {}
    for key in facts.keys:
        if key.where == STATEMENT and key.dotted:
            groups.setdefault((id(key.section), key.segments[0].name), []).append(key)
    fixes: dict[tuple[int, str], FixPlan | None] = {}
    budget = WHOLE_TEXT_BUDGET  # each check re-reads the whole text
    for group, keys in groups.items():
        if budget < len(text):
            break
        budget -= len(text)
        fixes[group] = dotted_fix(text, parsed, keys, None)
    for key in facts.keys:
        if key.where in (STATEMENT, INLINE) and key.dotted:
            first = key.segments[0]
            dot = text.index(".", first.span.end)
            before = text[dot - 1]
            expected = (
                _AFTER_BARE_KEY
                if first.style == "bare" and before not in " \t"
                else (_AFTER_QUOTED_KEY)
            )
            written = text[key.span.start : key.span.end]
            fix = fixes.get((id(key.section), first.name)) if key.where == STATEMENT else None
            found.append(
                Finding(
                    "toml-dotted-key",
                    key.span,
                    f"dotted key {_show(written)}: {PARSER} has no dotted keys",
                    thrown=f'{expected} but "." found.',
                    hint="use a [table] header"
                    if key.where == STATEMENT
                    else "nest an inline table",
                    fix=fix,
                )
            )
            continue
        segments = key.segments if key.where == HEADER else key.segments[:1]
        for index, segment in enumerate(segments):
            if segment.style == "literal":
                found.append(_literal_key(text, parsed, key, index))
                break
            if (
                segment.style == "basic"
                and segment.name == ""
                and text[segment.span.start : segment.span.end] == '""'
            ):
                found.append(
                    Finding(
                        "toml-empty-key",
                        segment.span,
                        f'empty key "": {PARSER} requires at least one character in a quoted key',
                        thrown=_EMPTY_KEY,
                        hint="give the key a name",
                    )
                )
                break
    return found


def _literal_key(text: str, parsed: ParseResult, key: KeyUse, index: int) -> Finding:
    segment = key.segments[index]
    if key.where == STATEMENT:
        expected = _KEY_AT_STATEMENT
    elif key.where == INLINE:
        expected = _KEY_AFTER_BRACE if key.after_open else _KEY_IN_HEADER
    elif index == 0 and key.after_open:
        expected = _KEY_AFTER_BRACKET
    else:
        expected = _KEY_IN_HEADER
    fix = None
    spelled = toml_key(segment.name)
    if spelled is not None:
        edits = (Edit(segment.span, spelled),)
        if same_toml(parsed, apply_edits(text, edits)):
            fix = FixPlan(f"Write {spelled}", edits, True)
    written = text[segment.span.start : segment.span.end]
    return Finding(
        "toml-literal-key",
        segment.span,
        f"single-quoted key {written}: {PARSER} only allows bare keys and double-quoted keys",
        thrown=f'{expected} but "\'" found.',
        hint="use double quotes" if spelled else "rename the key",
        fix=fix,
    )


def _show(text: str) -> str:
    return f'"{text}"' if '"' not in text else f"'{text}'"


# ---------------------------------------------------------------- values


def _values(text: str, facts: TomlFacts) -> list[Finding]:
    found: list[Finding] = []
    for use in facts.values:
        node = use.node
        context = _context(use.context)
        if isinstance(node, Array) and node.inline:
            mixed = _mixed(node)
            if mixed is not None:
                found.append(mixed)
        if not isinstance(node, Scalar):
            continue
        if node.kind in (Kind.INTEGER, Kind.FLOAT):
            finding = _number(text, node, context) or big_integer(node)
        elif node.kind in (Kind.TIME_LOCAL, Kind.DATE_LOCAL, Kind.DATETIME_LOCAL, Kind.DATETIME):
            finding = _date(text, node, context)
        else:
            finding = None
        if finding is not None:
            found.append(finding)
    return found


def _number(text: str, node: Scalar, context: str) -> Finding | None:
    raw = node.style
    body = raw.lstrip("+-")
    if body in ("inf", "nan"):
        if raw != body:
            thrown = f'Expected [0-9] but "{body[0]}" found.'
        else:
            start = _VALUE_IN_ARRAY if context == ARRAY else _VALUE_START
            thrown = f'{start} but "{raw[0]}" found.'
        return Finding(
            "toml-number-format",
            node.span,
            f"{raw}: {PARSER} has no infinity or NaN",
            thrown=thrown,
            hint="use a string or leave the key out",
        )
    if raw[:2] in ("0x", "0o", "0b"):
        value = node.value
        fix = None
        if isinstance(value, int):
            fix = FixPlan(f"Write {value}", (Edit(node.span, str(value)),), True)
        return Finding(
            "toml-number-format",
            node.span,
            f"number {raw}: {PARSER} only reads decimal integers",
            thrown=f'{_AFTER_INTEGER[context]} but "{raw[1]}" found.',
            hint=f"write {value}",
            fix=fix,
        )
    return None


def _date(text: str, node: Scalar, context: str) -> Finding | None:
    raw = node.style
    end = node.span.end
    if node.kind is Kind.TIME_LOCAL:
        if raw.startswith("0"):
            thrown = "integer must not contain leading zeros"
        else:
            thrown = f'{_AFTER_INTEGER[context]} but ":" found.'
        return Finding(
            "toml-local-time",
            node.span,
            f"local time {raw}: {PARSER} has no local times",
            thrown=thrown,
            hint=f'write it as a string ("{raw}")',
            fix=FixPlan("Write it as a string", (Edit(node.span, f'"{raw}"'),), False),
        )
    if node.kind is Kind.DATE_LOCAL:
        thrown = f'Expected "T" but {_found(text, end)} found.'
        what = f"local date {raw}: {PARSER} only has date-times with a time zone"
    else:
        separator = raw[10:11]
        fraction = "." in raw[19:20]
        offset_at = _offset_start(raw)
        if separator != "T":
            thrown = f'Expected "T" but {_found(raw, 10)} found.'
        elif offset_at is None or raw[offset_at : offset_at + 1] == "z":
            at = node.span.start + (offset_at if offset_at is not None else len(raw))
            expected = f"Expected {_OFFSET} or [0-9]" if fraction else f'Expected "." or {_OFFSET}'
            thrown = f"{expected} but {_found(text, at)} found."
        else:
            return date_value(node, js_date(raw.replace(raw[10], "T")))
        what = (
            f"date-time {raw}: {PARSER} only reads RFC 3339 date-times with an uppercase T and "
            "a time zone (Z or ±HH:MM)"
        )
    return Finding(
        "toml-date-format",
        node.span,
        what,
        thrown=thrown,
        hint=f'write it as a string ("{raw}"), or add the time zone',
    )


def _offset_start(raw: str) -> int | None:
    """Index of the time-zone part of a date-time token (None: there is none)."""
    index = 19
    if raw[index : index + 1] == ".":
        index += 1
        while index < len(raw) and raw[index].isdigit():
            index += 1
    return index if index < len(raw) else None


def _type_name(node: Node) -> str:
    if isinstance(node, Array):
        return "Array"
    if isinstance(node, Table):
        return "InlineTable"
    if node.kind in (Kind.DATETIME_LOCAL, Kind.DATE_LOCAL, Kind.TIME_LOCAL):
        return "DateTime"
    return _TYPE_NAMES.get(node.kind, "String")


def _mixed(array: Array) -> Finding | None:
    """toml-j0.4 checks types from the right: the last item whose successors differ."""
    items = array.items
    for i in range(len(items) - 2, -1, -1):
        expected = _type_name(items[i])
        for j in range(i + 1, len(items)):
            if _type_name(items[j]) != expected:
                item = items[j]
                shown = json_stringify(_js_plain(to_python(item)))
                return Finding(
                    "toml-mixed-array",
                    item.span,
                    f"array mixes {expected} and {_type_name(item)} items: {PARSER} requires "
                    "every item of an array to have the same type",
                    thrown=f'{shown} should be of type "{expected}".',
                    hint="make the items one type (quote the numbers, for instance)",
                )
    return None


def _js_plain(value: object) -> Any:
    if isinstance(value, _dt.datetime):
        aware = value if value.tzinfo is not None else value.replace(tzinfo=_dt.timezone.utc)
        return JsDate("", "utc", aware)
    if isinstance(value, dict):
        return {key: _js_plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_js_plain(item) for item in value]
    return value


# ---------------------------------------------------------------- redefinitions


def _redefinitions(text: str, parsed: ParseResult, facts: TomlFacts) -> list[Finding]:
    found: list[Finding] = []
    for problem in parsed.problems:
        if not _REDEFINED.match(problem.message):
            continue
        span = problem.span
        if text.startswith("[", span.start):
            opener = 2 if text.startswith("[[", span.start) else 1
            start = span.start + opener
            while start < span.end and text[start] in " \t":
                start += 1
            scanned = scan_key(text, start)
            if scanned is None:
                continue
            names = [segment.name for segment in scanned[0]]
            shown = _header_path(names, facts, span.start)
        else:
            scanned = scan_key(text, span.start)
            if scanned is None:
                continue
            segments = scanned[0]
            if len(segments) > 1:
                continue  # a dotted key: toml-j0.4 stops at its dot first
            shown = json_stringify(segments[-1].name)
            if problem.message.startswith("cannot define table"):
                continue
        related = tuple((where, "first defined here") for where in problem.related)
        written = text[span.start : span.end]
        what = f"table {written}" if written.startswith("[") else f"key {_show(written)}"
        found.append(
            Finding(
                "toml-redefinition",
                span,
                f"{what} is defined twice: {PARSER} rejects any redefinition",
                thrown=f"Value for {shown} should not be redefined in the same table.",
                hint="define each key and table once",
                related=related,
                supersedes=True,
            )
        )
    return found


def _header_path(names: list[str], facts: TomlFacts, before: int) -> str:
    """toml-j0.4's path text for a header: JSON strings joined by dots, with the index of
    the current item after each array of tables it passes through."""
    parts: list[str] = []
    for index, name in enumerate(names):
        parts.append(json_stringify(name))
        prefix = tuple(names[: index + 1])
        if index == len(names) - 1:
            break
        count = sum(
            1
            for key in facts.keys
            if key.where == HEADER
            and key.is_array
            and key.path == prefix
            and key.header is not None
            and key.header.start < before
        )
        if count:
            parts.append(str(count - 1))
    return ".".join(parts)
