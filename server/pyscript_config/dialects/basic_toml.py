"""basic-toml, the TOML subset PyScript's own parser reads, reproduced step by step.

PyScript reads worker configs, remote package configs and (since 2026.2.1) main-thread
configs with basic-toml (`polyscript/esm/3rd-party/toml.js`, 0.4.x; 0.3.1 before
polyscript 0.20.9). It is not a TOML parser but a handful of regular expressions and
`JSON.parse`:

1. every `"…"`/`'…'` string on one line is masked as `"s<n>"`, keeping its raw text
   (no escape processing), and every date-like run as `"d<n>"` (a JavaScript Date);
2. multi-line arrays are joined onto one line (and, in 0.4, trailing commas dropped);
3. each line is a `[header]`, a `key = value` (the value, up to the first `#`, goes to
   `JSON.parse` after `key =` inside it became `"key":`), or it is silently ignored.

This module does the same on text whose characters remember their source offsets, so
every outcome (a thrown message, an ignored line, a key stored flat, a value replaced)
can be pointed at in the user's text. `parse` behaves like the library: it returns
the config or raises `BasicTomlError` with the library's (that is, V8's) message.
`analyse` goes on after a failing line and reports what each line does.

JavaScript details that matter and are reproduced: `\\s`, `.` and `trim` use
JavaScript's character sets; a property set on a number or string throws a
`TypeError` (ES modules are strict); `entry[key] || (entry[key] = {})` reuses any
truthy value and replaces a falsy one.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from ..text import Span
from .jsdate import JsDate, js_date
from .jsjson import JsonSyntaxError, js_number_to_string, json_parse
from .tracked import Tracked

__all__ = [
    "UNDEFINED",
    "V03",
    "V04",
    "Analysis",
    "BasicTomlError",
    "Line",
    "analyse",
    "parse",
]

V04 = "0.4"  # polyscript >= 0.20.9 (PyScript 2026.2.1)
V03 = "0.3"  # basic-toml 0.3.1 from npm, before that

_S = "\\t\\n\\x0b\\x0c\\r \\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
_JS_SPACE_CHARS = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)
_LT = "\\n\\r\\u2028\\u2029"  # what JavaScript's `.` does not match

# /(["'])(?:(?=(\\?))\2.)*?\1/g : the lookahead makes a backslash always take the next
# character with it, which is what the alternation below says without backtracking.
_STRING = re.compile(f"([\"'])(?:\\\\[^{_LT}]|[^\\\\{_LT}])*?\\1")
_DATE = re.compile(r"[0-9]{2,}(?:[:-][0-9]{2}){2}(?:[ T:-][0-9Z:-]+)?")
_JOIN_04 = re.compile(f"([,\\[])[{_S}]*[\\r\\n]+")
_CLOSE = re.compile(f"[\\r\\n]+[{_S}]*\\]")
_TRAILING_04 = re.compile(f",[{_S}]*\\]")
_JOIN_COMMA_03 = re.compile(f",[{_S}]*[\\r\\n]+")
_JOIN_OPEN_03 = re.compile(f"\\[[{_S}]*[\\r\\n]+")
_LINES = re.compile(r"[\r\n]+")
_HEADER = re.compile(f"(\\[+)([^{_LT}]*?)\\]+")
_KEYVAL = re.compile(f"([^{_S}]+?)[{_S}]*=([^#]+)")
_ASSIGN = re.compile(f"([^{_S}]+?)[{_S}]*=")
_MASKED_KEY = re.compile(r'"s([0-9]+)"')
_DOT = re.compile(r"\.")

_OBJECT_PROTOTYPE = frozenset(
    {
        "constructor",
        "hasOwnProperty",
        "isPrototypeOf",
        "propertyIsEnumerable",
        "toLocaleString",
        "toString",
        "valueOf",
        "__proto__",
        "__defineGetter__",
        "__defineSetter__",
        "__lookupGetter__",
        "__lookupSetter__",
    }
)


class _Undefined:
    """JavaScript's `undefined` (a missing property)."""

    _instance: _Undefined | None = None

    def __new__(cls) -> _Undefined:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "undefined"


UNDEFINED = _Undefined()


class _Sink:
    """An object whose properties never reach the config (a prototype method, say)."""


class BasicTomlError(Exception):
    """What basic-toml throws: V8's `JSON.parse` message, or a `TypeError`'s."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


HEADER = "header"
ASSIGN = "assign"
IGNORED = "ignored"
ERROR = "error"


@dataclass(slots=True)
class Line:
    """What basic-toml did with one (joined, trimmed) line of the text."""

    kind: str  # HEADER, ASSIGN, IGNORED or ERROR
    span: Span  # the line's text in the source (a joined array spans several lines)
    message: str = ""  # ERROR: the message thrown
    at: Span | None = None  # ERROR: where, in the source (empty: just before that offset)
    key: str = ""  # ASSIGN: the key as stored
    masked_key: str = ""  # ASSIGN: the key text after masking (dots outside quotes show)
    key_span: Span | None = None  # ASSIGN: the key text
    path: tuple[str, ...] = ()  # HEADER: the table names, as stored
    path_spans: tuple[Span, ...] = ()
    is_array: bool = False  # HEADER: `[[...]]`
    value: Any = None  # ASSIGN: the value stored
    value_span: Span | None = None
    replaced: Span | None = None  # ASSIGN: where the value it replaced was set
    merged: Span | None = None  # HEADER: an earlier definition of the same table
    header: Span | None = None  # HEADER: the `[..]` text basic-toml matched
    rest: Span | None = None  # HEADER: text after it on the line, silently ignored


@dataclass(slots=True)
class Analysis:
    """Every line's outcome, the config built, and the first failure (what the runtime
    reports, after which it stops)."""

    version: str
    lines: list[Line] = field(default_factory=list)
    value: dict[str, Any] = field(default_factory=dict)
    strings: list[tuple[str, Span]] = field(default_factory=list)  # masked strings
    dates: list[tuple[JsDate, Span]] = field(default_factory=list)  # masked dates

    @property
    def error(self) -> Line | None:
        for line in self.lines:
            if line.kind == ERROR:
                return line
        return None

    def line_at(self, offset: int) -> Line | None:
        """The line whose text covers `offset` of the source (lines are in text order)."""
        lines = self.lines
        low, high = 0, len(lines)
        while low < high:
            middle = (low + high) // 2
            if lines[middle].span.start <= offset:
                low = middle + 1
            else:
                high = middle
        if low:
            line = lines[low - 1]
            if offset < max(line.span.end, line.span.start + 1):
                return line
        return None


def parse(text: str, version: str = V04) -> dict[str, Any]:
    """basic-toml's `parse(text)`: the config, or `BasicTomlError` for the first failure."""
    analysis = analyse(text, version)
    failure = analysis.error
    if failure is not None:
        raise BasicTomlError(failure.message)
    return analysis.value


def analyse(text: str, version: str = V04) -> Analysis:
    """What basic-toml does with each line of `text` (continuing after failures)."""
    return _Reader(text, version).run()


def _truthy(value: object) -> bool:
    if value is UNDEFINED or value is None or value is False:
        return False
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return not math.isnan(value) and value != 0  # NaN and 0 are falsy
    if isinstance(value, str):
        return value != ""
    return True  # objects, arrays (even empty), dates


def _index(key: str) -> int | None:
    """`key` as an array index, when JavaScript would treat it as one."""
    if key.isdigit() and key.isascii() and (key == "0" or not key.startswith("0")):
        return int(key)
    return None


def _describe_primitive(value: object) -> tuple[str, str]:
    if isinstance(value, bool):
        return "boolean", "true" if value else "false"
    if isinstance(value, (int, float)):
        return "number", js_number_to_string(float(value))
    return "string", str(value)


def _js_get(target: object, key: str) -> object:
    if isinstance(target, dict):
        if key in target:
            return target[key]
        return _Sink() if key in _OBJECT_PROTOTYPE else UNDEFINED
    if target is None:
        raise BasicTomlError(f"Cannot read properties of null (reading '{key}')")
    if isinstance(target, (list, str)):
        if key == "length":
            return len(target)
        index = _index(key)
        if index is not None and index < len(target):
            return target[index]
    return UNDEFINED


def _js_set(target: object, key: str, value: object) -> None:
    if isinstance(target, dict):
        if value is UNDEFINED:
            target.pop(key, None)
        else:
            target[key] = value
        return
    if target is None:
        raise BasicTomlError(f"Cannot set properties of null (setting '{key}')")
    if isinstance(target, list):
        index = _index(key)
        if index is not None:
            while len(target) <= index:
                target.append(None)
            target[index] = None if value is UNDEFINED else value
        return
    if isinstance(target, (str, int, float, bool)):
        kind, shown = _describe_primitive(target)
        raise BasicTomlError(f"Cannot create property '{key}' on {kind} '{shown}'")
    # Dates and prototype objects take the property, but it never reaches the config.


class _Reader:
    def __init__(self, text: str, version: str) -> None:
        self.source = text
        self.version = version
        self.result = Analysis(version)
        self.strings: list[str] = []
        self.dates: list[JsDate] = []
        # Where each key of each object was set, for "last one wins" and merges.
        self.origins: dict[int, dict[str, Span]] = {}
        self.defined: dict[int, Span] = {}  # tables defined by their own [header]
        self.implicit: set[int] = set()  # tables created as a prefix of a header
        self.keep: list[object] = []  # keeps every object alive, so ids stay unique

    # -- step 1 and 2: masking and joining

    def _masked(self) -> Tracked:
        tracked = Tracked.of(self.source)
        result = self.result

        def mask_string(m: re.Match[str]) -> list[tuple[str, Span | None]]:
            self.strings.append(m.group()[1:-1])
            result.strings.append((m.group()[1:-1], tracked.origin(*m.span())))
            return [(f'"s{len(self.strings) - 1}"', None)]

        tracked = tracked.sub(_STRING, mask_string)
        masked = tracked

        def mask_date(m: re.Match[str]) -> list[tuple[str, Span | None]]:
            date = js_date(m.group())
            self.dates.append(date)
            result.dates.append((date, masked.origin(*m.span())))
            return [(f'"d{len(self.dates) - 1}"', None)]

        tracked = tracked.sub(_DATE, mask_date)
        if self.version == V04:
            joined = tracked
            tracked = joined.sub(
                _JOIN_04,
                lambda m: [(m.group(1), joined.origin(*m.span(1))), (" ", None)],
            )
            tracked = tracked.sub(_CLOSE, lambda m: [("]", None)])
            tracked = tracked.sub(_TRAILING_04, lambda m: [("]", None)])
        else:
            tracked = tracked.sub(_JOIN_COMMA_03, lambda m: [(", ", None)])
            tracked = tracked.sub(_JOIN_OPEN_03, lambda m: [("[", None)])
            tracked = tracked.sub(_CLOSE, lambda m: [("]", None)])
        return tracked

    # -- step 3: the lines

    def run(self) -> Analysis:
        result = self.result
        root: dict[str, Any] = result.value
        self.keep.append(root)
        entry: object = root
        for raw in self._masked().split(_LINES):
            line = raw.trim(_JS_SPACE_CHARS)
            text = line.text
            if not text or text[0] == "#":
                continue
            span = line.origin(0, len(text))
            m = _HEADER.match(text)
            if m is not None:
                try:
                    entry = self._header(line, m, root, span)
                except BasicTomlError as error:
                    result.lines.append(Line(ERROR, span, error.message, line.origin(0)))
                continue
            m = _KEYVAL.match(text)
            if m is None:
                result.lines.append(Line(IGNORED, span))
                continue
            self._assign(line, m, entry, span)
        return result

    def _key(self, masked: str) -> str:
        strings = self.strings

        def unmask(m: re.Match[str]) -> str:
            index = _index(m.group(1))
            if index is None or index >= len(strings):
                return "undefined"
            return strings[index]

        return _MASKED_KEY.sub(unmask, masked)

    def _header(self, line: Tracked, m: re.Match[str], root: dict[str, Any], span: Span) -> object:
        is_array = m.group(1) != "["
        inner = line.slice(m.start(2), m.end(2)).trim(_JS_SPACE_CHARS)
        parts = inner.split(_DOT)
        names = tuple(self._key(part.text) for part in parts)
        spans = tuple(part.origin(0, len(part)) for part in parts)
        record = Line(HEADER, span, path=names, path_spans=spans, is_array=is_array)
        record.header = line.origin(*m.span())
        tail = line.slice(m.end(), len(line)).trim(_JS_SPACE_CHARS)
        if tail.text and not tail.text.startswith("#"):
            record.rest = tail.origin(0, len(tail))
        entry: object = root
        last = len(names) - 1
        for index, name in enumerate(names):
            current = _js_get(entry, name)
            if not _truthy(current):
                current = [] if is_array and index == last else {}
                self.keep.append(current)
                _js_set(entry, name, current)
                if isinstance(entry, dict):
                    self.origins.setdefault(id(entry), {})[name] = spans[index]
                if index < last:
                    self.implicit.add(id(current))
                elif isinstance(current, dict):
                    self.defined[id(current)] = span
            elif index == last and not isinstance(current, list):
                ident = id(current)
                if ident in self.implicit:
                    self.implicit.discard(ident)
                    self.defined[ident] = span
                elif isinstance(current, dict) and ident in self.defined:
                    record.merged = self.defined[ident]
                elif isinstance(entry, dict):
                    record.merged = self.origins.get(id(entry), {}).get(name)
            entry = current
            if isinstance(entry, list):
                if index == last or not entry:
                    table: dict[str, Any] = {}
                    self.keep.append(table)
                    entry.append(table)
                entry = entry[-1]
        self.result.lines.append(record)
        return entry

    def _assign(self, line: Tracked, m: re.Match[str], entry: object, span: Span) -> None:
        masked_key = m.group(1)
        key = self._key(masked_key)
        key_span = line.origin(*m.span(1))
        value_text = line.slice(m.start(2), m.end(2)).trim(_JS_SPACE_CHARS)
        value_span = value_text.origin(0, len(value_text))
        try:
            value = self._value(value_text)
            previous = _js_get(entry, key) if isinstance(entry, dict) else UNDEFINED
            _js_set(entry, key, value)
        except _ValueError as error:
            self.result.lines.append(
                Line(
                    ERROR,
                    span,
                    error.message,
                    error.at,
                    key=key,
                    masked_key=masked_key,
                    key_span=key_span,
                    value_span=value_span,
                )
            )
            return
        except BasicTomlError as error:
            at = key_span
            self.result.lines.append(
                Line(ERROR, span, error.message, at, key=key, masked_key=masked_key, key_span=at)
            )
            return
        replaced = None
        if isinstance(entry, dict):
            known = self.origins.setdefault(id(entry), {})
            if previous is not UNDEFINED:
                replaced = known.get(key)
            known[key] = key_span
        self.result.lines.append(
            Line(
                ASSIGN,
                span,
                key=key,
                masked_key=masked_key,
                key_span=key_span,
                value=value,
                value_span=value_span,
                replaced=replaced,
            )
        )

    def _value(self, value: Tracked) -> object:
        """getValue: `key =` becomes `"key":`, then JSON.parse with the unmasking reviver."""
        rewritten = value.sub(_ASSIGN, lambda m: [(f'"{m.group(1)}":', None)])
        try:
            parsed = json_parse(rewritten.text)
        except JsonSyntaxError as error:
            raise _ValueError(error.message, rewritten.origin(error.position)) from None
        try:
            return self._revive(parsed)
        except BasicTomlError as error:
            raise _ValueError(error.message, value.origin(0, len(value))) from None

    def _revive(self, value: object) -> object:
        """The reviver: every JSON string is a mask, replaced by its string or Date."""
        if isinstance(value, str):
            return self._unmask(value)
        stack: list[object] = [value]
        while stack:
            item = stack.pop()
            self.keep.append(item)
            if isinstance(item, dict):
                for key in list(item):
                    child = item[key]
                    if isinstance(child, str):
                        revived = self._unmask(child)
                        if revived is UNDEFINED:
                            del item[key]
                        else:
                            item[key] = revived
                    elif isinstance(child, (dict, list)):
                        stack.append(child)
            elif isinstance(item, list):
                for index, child in enumerate(item):
                    if isinstance(child, str):
                        revived = self._unmask(child)
                        item[index] = None if revived is UNDEFINED else revived
                    elif isinstance(child, (dict, list)):
                        stack.append(child)
        return value

    def _unmask(self, text: str) -> object:
        kind, rest = text[:1], text[1:]
        table: list[Any]
        if kind == "s":
            table = self.strings
        elif kind == "d":
            table = self.dates
        else:
            raise BasicTomlError(f"Cannot read properties of undefined (reading '{rest}')")
        index = _index(rest)
        if index is None or index >= len(table):
            return UNDEFINED
        return table[index]


class _ValueError(Exception):
    def __init__(self, message: str, at: Span) -> None:
        super().__init__(message)
        self.message = message
        self.at = at
