"""A position-aware TOML 1.0.0 reader.

tomllib and tomlkit throw positions away (or keep them in a shape rules cannot
use), yet every diagnostic and every editor feature needs the exact span of a key
or value. So we parse TOML ourselves into the `tree` nodes, with a span on
everything.

Design choices, all driven by running on every keystroke in an editor:

* Never raise. Problems are `SyntaxProblem` values. A *hard* problem (the text can
  no longer be read as TOML at that point) abandons the statement and resumes at
  the next line that can start one; a *soft* problem (a bad escape, a control
  character in a string, a duplicate key) is reported and parsing carries on.
  Whatever was read before a problem stays in the tree, including the items of a
  half-written array.
* Runs of characters are consumed by compiled regular expressions, not by one
  Python call per character.
* Arrays and inline tables are read with an explicit stack, so deep nesting is a
  problem value ("nesting is deeper than 256 levels"), never a RecursionError.

Node conventions (rules rely on them): the root is a non-inline `Table` spanning the
text. A `[a.b]` header gives `b` an entry with `from_header=True` whose table spans
the header token, and creates `a` (if new) as an implicit table spanning its key
segment, with `dotted=True` on its entry; a dotted key `a.b.c = 1` does the same for
`a` and `b` and marks all three entries `dotted`. When an implicitly created table
is later defined by its own header, its entry is switched to that header
(`from_header=True`, `dotted=False`, key span of the new segment) and its table span
becomes the header. `[[x]]` gives `x` an `Array(inline=False)` spanning the first
header, whose items are tables spanning their own headers. A number's or a date's
`style` is its raw text; a string's is "basic", "literal", "ml-basic" or
"ml-literal". Integers outside the signed 64-bit range are a problem, as the TOML
specification demands.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable
from typing import Any, cast

from ..text import Span
from ..tree import Array, Entry, Kind, Node, ParseResult, Scalar, SyntaxProblem, Table

__all__ = ["MAX_DEPTH", "parse_toml"]

MAX_DEPTH = 256

# Characters TOML forbids inside strings and comments: C0 controls except tab, DEL,
# and lone surrogates (which only appear when undecodable bytes were smuggled in).
_BAD = "\\x00-\\x08\\x0a-\\x1f\\x7f\\ud800-\\udfff"
_BAD_ML = "\\x00-\\x08\\x0b-\\x1f\\x7f\\ud800-\\udfff"  # newline (LF) allowed

_WS = re.compile(r"[ \t]*")
_WS_NL = re.compile(r"(?:[ \t\n]|\r\n)*")
_BARE = re.compile(r"[A-Za-z0-9_-]+")
# A key made of bare segments without spaces: `name`, `js_modules.main`.
_BARE_DOTTED = re.compile(r"([A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]+)*)(?![ \t]*\.|[A-Za-z0-9_-])[ \t]*")
# `key = ` with a single bare or escape-free quoted key: the common statement.
_SIMPLE_KV = re.compile(
    f"(?:([A-Za-z0-9_-]+)|\"([^\"\\\\{_BAD}]*)\"|'([^'{_BAD}]*)')[ \\t]*=[ \\t]*"
)
_COMMENT_BODY = re.compile(f"[^{_BAD}]*")
_EOL = re.compile(f"[ \\t]*(?:(#)[^{_BAD}]*)?(\\r?\\n|\\Z)")
_BASIC_FAST = re.compile(f'"([^"\\\\{_BAD}]*)"')
_BASIC_CHUNK = re.compile(f'[^"\\\\{_BAD}]+')
_LITERAL_FAST = re.compile(f"'([^'{_BAD}]*)'")
_LITERAL_CHUNK = re.compile(f"[^'{_BAD}]+")
_ML_BASIC_CHUNK = re.compile(f'[^"\\\\{_BAD_ML}]+')
_ML_LITERAL_CHUNK = re.compile(f"[^'{_BAD_ML}]+")
_QUOTES = re.compile(r'"+')
_APOSTROPHES = re.compile(r"'+")
_LINE_CONTINUATION = re.compile(r"[ \t]*\r?\n(?:[ \t\n]|\r\n)*")
_HEX = re.compile(r"[0-9A-Fa-f]*")

_NUMBER = re.compile(
    r"[+-]?(?:0|[1-9](?:_?[0-9])*)(\.[0-9](?:_?[0-9])*)?([eE][+-]?[0-9](?:_?[0-9])*)?"
)
_PREFIXED = re.compile(r"0(?:x[0-9A-Fa-f](?:_?[0-9A-Fa-f])*|o[0-7](?:_?[0-7])*|b[01](?:_?[01])*)")
_SPECIAL_FLOAT = re.compile(r"[+-]?(?:inf|nan)")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_TIME = re.compile(r"([0-9]{2}):([0-9]{2}):([0-9]{2})(?:\.([0-9]+))?")
_OFFSET = re.compile(r"[Zz]|([+-])([0-9]{2}):([0-9]{2})")
_LOOSE_TOKEN = re.compile(r"[^ \t\r\n,\]}#\[{=\"']+")
_NON_SPACE = re.compile(r"[^ \t\r\n]+")

_KEY_RE = r"(?:[A-Za-z0-9_-]+|\"[^\"\r\n]*\"|'[^'\r\n]*')"
_DOTTED_KEY_RE = f"{_KEY_RE}(?:[ \\t]*\\.[ \\t]*{_KEY_RE})*"
# Lines that can only start a statement; used to resynchronise after a broken value.
_HEADER_LINE = re.compile(
    f"[ \\t]*\\[\\[?[ \\t]*{_DOTTED_KEY_RE}[ \\t]*\\]\\]?[ \\t]*(?:#|\\r?\\n|\\Z)"
)
_KEYVAL_LINE = re.compile(f"[ \\t]*{_DOTTED_KEY_RE}[ \\t]*=")
_SCAN_PLAIN = re.compile(r"[^\"'{}\[\]#\n]*")
_SCAN_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_SCAN_LITERAL = re.compile(r"'[^'\n]*'")

_Matcher = Callable[..., "re.Match[str]"]
# Patterns that match the empty string (or are only used where they must match),
# typed so that `.end()` needs no None check.
_ws = cast(_Matcher, _WS.match)
_ws_nl = cast(_Matcher, _WS_NL.match)
_comment_body = cast(_Matcher, _COMMENT_BODY.match)
_hex = cast(_Matcher, _HEX.match)
_scan_plain = cast(_Matcher, _SCAN_PLAIN.match)
_quotes = cast(_Matcher, _QUOTES.match)
_apostrophes = cast(_Matcher, _APOSTROPHES.match)

_TERMINATORS = frozenset(" \t\r\n,]}#")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
# Enum attribute access is slow on Python 3.11; the reader uses these names.
_STRING = Kind.STRING
_INTEGER = Kind.INTEGER
_FLOAT = Kind.FLOAT
_BOOLEAN = Kind.BOOLEAN
_DATETIME = Kind.DATETIME
_DATETIME_LOCAL = Kind.DATETIME_LOCAL
_DATE_LOCAL = Kind.DATE_LOCAL
_TIME_LOCAL = Kind.TIME_LOCAL
_INT_MIN = -(2**63)
_INT_MAX = 2**63 - 1
_UTC = _dt.timezone.utc

# States of a table while the document is read; they decide what may still extend it.
_IMPLICIT = 0  # created by a header prefix ([a.b] creates a); a header may define it later
_HEADER = 1  # defined by its own [header]
_DOTTED = 2  # created by dotted keys; only those (and sub-table headers) extend it
_AOT_ITEM = 3  # an element of an array of tables
_INLINE = 4  # an inline table while it is being read

_ARRAY_FRAME = 0
_TABLE_FRAME = 1

_Segment = tuple[str, Span, bool]  # name, span as written, quoted


class _Tab:
    """Book-keeping for a table that can still receive keys."""

    __slots__ = ("depth", "dotted_at", "index", "name", "node", "parent", "state", "sub")

    def __init__(self, node: Table, state: int, parent: _Tab | None, name: str, depth: int) -> None:
        self.node = node
        self.state = state
        self.parent = parent
        self.name = name
        self.depth = depth  # containers between the root and this table (root: 0)
        self.dotted_at = node.span  # the key segment that made it a dotted-key table
        self.index: dict[str, Entry] = {}
        # Child tables that can be reopened (for an array of tables: its last item).
        self.sub: dict[str, _Tab] = {}

    def path(self, *more: str) -> str:
        """The dotted name of this table (plus `more`), for messages."""
        names = list(more)
        tab: _Tab | None = self
        while tab is not None and tab.parent is not None:
            names.insert(0, tab.name)
            tab = tab.parent
        return _format_key(names)


class _Stop(Exception):
    """A hard problem: the current statement cannot be read any further."""

    def __init__(self, problem: SyntaxProblem, resume: int | None = None) -> None:
        super().__init__(problem.message)
        self.problem = problem
        self.resume = resume  # where to continue, when not "the next line"
        self.partial: Node | None = None  # the value read so far, for the tree
        self.opened = ""  # the brackets still open at the problem, outermost first


def parse_toml(text: str) -> ParseResult:
    """Parse `text` as TOML 1.0.0; never raises."""
    return _Reader(text).parse()


def _char_name(char: str) -> str:
    if not char:
        return "end of file"
    if char in {"\n", "\r"}:
        return "end of line"
    if char == '"':
        return "'\"'"
    if char.isprintable() and not char.isspace():
        return f'"{char}"'
    return f"U+{ord(char):04X}"


def _is_bad_char(char: str) -> bool:
    code = ord(char)
    return (code < 0x20 and char != "\t") or code == 0x7F or 0xD800 <= code <= 0xDFFF


def _bad_char_message(char: str, where: str) -> str:
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF:
        return f"invalid character U+{code:04X} (text is not valid UTF-8)"
    if char == "\r":
        return f"carriage return (U+000D) without a line feed is not allowed {where}"
    return f"control character U+{code:04X} is not allowed {where}"


def _format_key(names: list[str] | tuple[str, ...]) -> str:
    parts = []
    for name in names:
        if name and _BARE.fullmatch(name):
            parts.append(name)
        elif "'" not in name:
            parts.append(f"'{name}'")
        else:
            escaped = name.replace("\\", "\\\\").replace('"', '\\"')
            parts.append(f'\\"{escaped}\\"')
    return ".".join(parts)


def _format_header(segments: list[_Segment], is_array: bool) -> str:
    full = _format_key([segment[0] for segment in segments])
    return f"[[{full}]]" if is_array else f"[{full}]"


def _describe(node: Node) -> str:
    if isinstance(node, Scalar):
        return {
            Kind.STRING: "a string",
            Kind.INTEGER: "an integer",
            Kind.FLOAT: "a float",
            Kind.BOOLEAN: "a boolean",
            Kind.DATETIME: "a date-time",
            Kind.DATETIME_LOCAL: "a local date-time",
            Kind.DATE_LOCAL: "a local date",
            Kind.TIME_LOCAL: "a local time",
        }.get(node.kind, "a value")
    if isinstance(node, Array):
        return "an array" if node.inline else "an array of tables"
    return "an inline table" if node.inline else "a table"


class _Reader:
    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.problems: list[SyntaxProblem] = []
        self.comments: list[Span] = []
        self.root = Table([], Span(0, len(text)), inline=False)
        self.root_tab = _Tab(self.root, _HEADER, None, "", 0)

    # ------------------------------------------------------------------ helpers

    def _line(self, offset: int) -> int:
        return self.text.count("\n", 0, offset) + 1

    def _soft(self, message: str, span: Span, related: tuple[Span, ...] = ()) -> None:
        self.problems.append(SyntaxProblem(message, span, related))

    def _hard(self, message: str, start: int, end: int | None = None) -> _Stop:
        return _Stop(SyntaxProblem(message, Span(start, start if end is None else end)))

    def _at_char(self, message: str, pos: int) -> _Stop:
        """A hard problem at the character `pos` (zero-width at a line end)."""
        text = self.text
        if pos >= self.n or text[pos] == "\n" or text.startswith("\r\n", pos):
            return self._hard(message, pos)
        return self._hard(message, pos, pos + 1)

    def _unexpected(self, pos: int, message: str, where: str = "here") -> _Stop:
        """`message` plus what was found instead, or a control-character problem."""
        text = self.text
        char = text[pos] if pos < self.n else ""
        if char and char not in "\r\n\t" and _is_bad_char(char):
            return self._hard(_bad_char_message(char, where), pos, pos + 1)
        if char == "\r" and not text.startswith("\r\n", pos):
            return self._hard(_bad_char_message(char, where), pos, pos + 1)
        word = _BARE.match(text, pos)
        if word is not None:  # a whole word reads better than its first letter
            shown = word.group() if len(word.group()) <= 20 else word.group()[:20] + "…"
            return self._hard(f'{message}, found "{shown}"', pos, word.end())
        return self._at_char(f"{message}, found {_char_name(char)}", pos)

    # ------------------------------------------------------------------ document

    def parse(self) -> ParseResult:
        text = self.text
        n = self.n
        pos = 0
        if text.startswith("\ufeff"):
            self._soft("byte order mark at the start of TOML text", Span(0, 1))
            pos = 1
        tab = self.root_tab
        ws = _ws
        simple_kv = _SIMPLE_KV.match
        eol = _EOL.match
        basic_fast = _BASIC_FAST.match
        comments = self.comments
        while pos < n:
            pos = ws(text, pos).end()
            if pos >= n:
                break
            c = text[pos]
            if c == "\n":
                pos += 1
                continue
            if c == "\r" and text.startswith("\r\n", pos):
                pos += 2
                continue
            if c == "#":
                pos = self._comment(pos)
                pos = self._newline(pos)
                continue
            header = c == "["
            start = pos
            try:
                if header:
                    tab, pos = self._header(pos)
                else:
                    m = simple_kv(text, pos)
                    if m is None:
                        pos = self._keyval(tab, pos)
                    else:
                        group = m.lastindex or 1
                        name = m.group(group)
                        quoted = group != 1
                        key_span = Span(pos, m.end(group) + quoted)
                        pos = m.end()
                        value = basic_fast(text, pos) if text.startswith('"', pos) else None
                        if (
                            value is not None
                            and name not in tab.index
                            and not text.startswith('"""', pos)
                        ):
                            end = value.end()
                            entry = Entry(
                                name,
                                key_span,
                                Scalar(_STRING, value.group(1), Span(pos, end), "basic"),
                                quoted=quoted,
                            )
                            tab.node.entries.append(entry)
                            tab.index[name] = entry
                            pos = end
                        else:
                            pos = self._keyval_value(tab, [(name, key_span, quoted)], pos)
                m = eol(text, pos)
                if m is not None:
                    if m.group(1) is not None:
                        comments.append(Span(m.start(1), m.start(2)))
                    pos = m.end()
                else:
                    pos = self._end_of_statement(pos, "table header" if header else "value")
            except _Stop as stop:
                self.problems.append(stop.problem)
                if header:
                    tab = self._detached()
                pos = self._recover(stop, start)
        self.problems.sort(key=lambda problem: problem.span.start)
        return ParseResult(self.root, self.problems, self.comments)

    def _detached(self) -> _Tab:
        """Where keys go after a broken header: read and checked, but not in the tree."""
        return _Tab(Table([], Span(0, 0), inline=False), _HEADER, None, "", 0)

    def _recover(self, stop: _Stop, statement_start: int) -> int:
        """Where to continue after a hard problem: the next line, or, inside an
        array or inline table, the line after the one that closes it (or an
        earlier line that can only be a statement)."""
        text = self.text
        n = self.n
        if stop.resume is not None:
            return min(max(stop.resume, 0), n)
        at = min(stop.problem.span.start, n)
        if not stop.opened:
            nl = text.find("\n", at)
            return n if nl < 0 else nl + 1
        # An unclosed array or inline table ran into the next statement (`[files]`
        # after a forgotten "]"): read that statement as one.
        line_start = text.rfind("\n", 0, at) + 1
        at_line_start = line_start > statement_start and not text[line_start:at].strip(" \t")
        if at_line_start and (
            _HEADER_LINE.match(text, line_start) or _KEYVAL_LINE.match(text, line_start)
        ):
            return line_start
        stack = list(stop.opened)
        pos = self._scan_line(at, stack)
        while stack and pos < n:
            if _HEADER_LINE.match(text, pos) or (
                stack[-1] == "[" and _KEYVAL_LINE.match(text, pos)
            ):
                return pos
            pos = self._scan_line(pos, stack)
        return pos

    def _scan_line(self, pos: int, stack: list[str]) -> int:
        """Skip to the next line, counting brackets into `stack` (emptied when the
        broken value closes) and recording comments; return the next line start."""
        text = self.text
        n = self.n
        closed = not stack
        while pos < n:
            pos = _scan_plain(text, pos).end()
            if pos >= n:
                break
            c = text[pos]
            if c == "\n":
                return pos + 1
            if c == "#":
                pos = self._comment(pos)
            elif c in {'"', "'"}:
                if text.startswith(c * 3, pos):
                    close = text.find(c * 3, pos + 3)
                    pos = n if close < 0 else close + 3
                else:
                    m = (_SCAN_BASIC if c == '"' else _SCAN_LITERAL).match(text, pos)
                    pos = pos + 1 if m is None else m.end()
            else:
                pos += 1
                if not closed:
                    if c in {"[", "{"}:
                        stack.append(c)
                        if len(stack) > 2 * MAX_DEPTH:  # hopeless: do not count further
                            nl = text.find("\n", pos)
                            return n if nl < 0 else nl + 1
                    else:
                        stack.pop()
                        closed = not stack
        return n

    def _comment(self, pos: int) -> int:
        """Record the comment starting at `pos` ("#"); return where it ends."""
        text = self.text
        n = self.n
        end = _comment_body(text, pos + 1).end()
        if end < n and text[end] != "\n" and not text.startswith("\r\n", end):
            self._soft(_bad_char_message(text[end], "in a comment"), Span(end, end + 1))
            nl = text.find("\n", end)
            end = n if nl < 0 else nl
            if text[end - 1 : end] == "\r" and end - 1 > pos:
                end -= 1
        self.comments.append(Span(pos, end))
        return end

    def _newline(self, pos: int) -> int:
        """Consume the line break at `pos` (after a comment)."""
        text = self.text
        if pos >= self.n:
            return pos
        if text[pos] == "\n":
            return pos + 1
        if text.startswith("\r\n", pos):
            return pos + 2
        return pos

    def _end_of_statement(self, pos: int, what: str) -> int:
        text = self.text
        n = self.n
        pos = _ws(text, pos).end()
        if pos < n and text[pos] == "#":
            return self._newline(self._comment(pos))
        if pos >= n:
            return pos
        char = text[pos]
        if char == "\n":
            return pos + 1
        if text.startswith("\r\n", pos):
            return pos + 2
        if _is_bad_char(char):
            raise self._hard(_bad_char_message(char, "here"), pos, pos + 1)
        token = _NON_SPACE.match(text, pos)
        end = token.end() if token is not None else pos + 1
        shown = text[pos:end] if end - pos <= 20 else text[pos : pos + 20] + "…"
        quoted = f"'{shown}'" if '"' in shown else f'"{shown}"'
        raise self._hard(f"expected end of line after {what}, found {quoted}", pos, end)

    # ------------------------------------------------------------------ keys

    def _key(self, pos: int, expected: str) -> tuple[list[_Segment], int]:
        """Read a (dotted) key at `pos`; return its segments and the position after
        the key and any whitespace that follows it."""
        text = self.text
        n = self.n
        m = _BARE_DOTTED.match(text, pos)
        if m is not None:
            # The common shapes `name` and `a.b.c`, without spaces or quotes.
            segments = []
            for name in m.group(1).split(".", MAX_DEPTH):
                end = pos + len(name)
                segments.append((name, Span(pos, end), False))
                pos = end + 1
            if len(segments) > MAX_DEPTH:
                start = segments[-1][1].start
                raise self._hard(f"nesting is deeper than {MAX_DEPTH} levels", start, start + 1)
            return segments, m.end()
        segments = []
        while True:
            m = _BARE.match(text, pos)
            if m is not None:
                end = m.end()
                segments.append((m.group(), Span(pos, end), False))
            else:
                char = text[pos] if pos < n else ""
                if char in {'"', "'"}:
                    if text.startswith(char * 3, pos):
                        raise self._hard("a key cannot be a multi-line string", pos, pos + 3)
                    if char == '"':
                        name, end = self._basic(pos, "in a key")
                    else:
                        name, end = self._literal(pos, "in a key")
                    segments.append((name, Span(pos, end), True))
                elif segments:
                    raise self._unexpected(pos, 'expected a key after "."')
                elif char == "=":
                    raise self._hard('missing key before "="', pos, pos + 1)
                else:
                    raise self._unexpected(pos, expected)
            if len(segments) > MAX_DEPTH:
                start = segments[-1][1].start
                raise self._hard(f"nesting is deeper than {MAX_DEPTH} levels", start, end)
            pos = _ws(text, end).end()
            if pos < n and text[pos] == ".":
                pos = _ws(text, pos + 1).end()
                continue
            return segments, pos

    def _keyval(self, tab: _Tab, pos: int) -> int:
        text = self.text
        segments, pos = self._key(pos, "expected a key")
        if pos >= self.n or text[pos] != "=":
            shown = _format_key([segment[0] for segment in segments])
            message = f'expected "=" after key "{shown}"'
            if text.startswith(":", pos):
                message += ' (TOML uses "=", not ":")'
                raise self._hard(message, pos, pos + 1)
            raise self._unexpected(pos, message)
        return self._keyval_value(tab, segments, _ws(text, pos + 1).end())

    def _keyval_value(self, tab: _Tab, segments: list[_Segment], pos: int) -> int:
        text = self.text
        char = text[pos] if pos < self.n else ""
        if not char or char in {"\n", "\r", "#"}:
            found = "a comment" if char == "#" else _char_name(char)
            raise self._at_char(f'expected a value after "=", found {found}', pos)
        target = self._place(tab, segments)
        try:
            if char in {"[", "{"}:
                depth = tab.depth + len(segments) - 1 if target is None else target.depth
                node, pos = self._value(pos, depth)
            else:
                node, pos = self._scalar(pos)
        except _Stop as stop:
            if target is not None and stop.partial is not None:
                self._insert(target, segments, stop.partial)
            raise
        if target is not None:
            self._insert(target, segments, node)
        return pos

    def _insert(self, target: _Tab, segments: list[_Segment], node: Node) -> None:
        name, span, quoted = segments[-1]
        entry = Entry(name, span, node, quoted=quoted, dotted=len(segments) > 1)
        target.node.entries.append(entry)
        target.index[name] = entry

    def _place(self, tab: _Tab, segments: list[_Segment]) -> _Tab | None:
        """The table that receives the last segment of a key/value pair, creating
        the tables named by a dotted key; None (after reporting) on a conflict."""
        for name, span, quoted in segments[:-1]:
            entry = tab.index.get(name)
            if entry is None:
                if tab.depth >= MAX_DEPTH:
                    self._soft(f"nesting is deeper than {MAX_DEPTH} levels", span)
                    return None
                node = Table([], span, inline=False)
                entry = Entry(name, span, node, quoted=quoted, dotted=True)
                tab.node.entries.append(entry)
                tab.index[name] = entry
                child = _Tab(node, _DOTTED, tab, name, tab.depth + 1)
                tab.sub[name] = child
                tab = child
                continue
            found = tab.sub.get(name)
            line = self._line(entry.key_span.start)
            path = tab.path(name)
            if found is None:
                value = entry.value
                if isinstance(value, Table):
                    message = (
                        f'key "{path}" is an inline table (line {line}), which cannot be extended'
                    )
                else:
                    message = (
                        f'key "{path}" is already {_describe(value)} (line {line}), not a table'
                    )
                self._soft(message, span, (entry.key_span,))
                return None
            if found.state == _IMPLICIT:
                found.state = _DOTTED
                found.dotted_at = span
            elif found.state == _HEADER:
                where = self._line(found.node.span.start)
                self._soft(
                    f"table [{path}] is defined by a header (line {where});"
                    " dotted keys cannot add to it",
                    span,
                    (found.node.span,),
                )
                return None
            elif found.state == _AOT_ITEM:
                self._soft(
                    f'key "{path}" is an array of tables (line {line});'
                    " dotted keys cannot add to it",
                    span,
                    (entry.key_span,),
                )
                return None
            tab = found
        name, span, _ = segments[-1]
        entry = tab.index.get(name)
        if entry is not None:
            shown = _format_key([segment[0] for segment in segments])
            first = entry.key_span
            self._soft(
                f'duplicate key "{shown}" (first defined on line {self._line(first.start)})',
                Span(segments[0][1].start, span.end),
                (first,),
            )
            return None
        return tab

    # ------------------------------------------------------------------ headers

    def _header(self, pos: int) -> tuple[_Tab, int]:
        text = self.text
        start = pos
        is_array = text.startswith("[[", pos)
        pos = _ws(text, pos + (2 if is_array else 1)).end()
        segments, pos = self._key(
            pos,
            'expected a table name after "[["' if is_array else 'expected a table name after "["',
        )
        if is_array:
            if not text.startswith("]]", pos):
                raise self._unexpected(pos, 'expected "]]" to close the array of tables header')
            pos += 2
        else:
            if not text.startswith("]", pos):
                raise self._unexpected(pos, 'expected "]" to close the table header')
            pos += 1
        header = Span(start, pos)
        return self._open_table(segments, header, is_array), pos

    def _open_table(self, segments: list[_Segment], header: Span, is_array: bool) -> _Tab:
        tab = self.root_tab
        for name, span, quoted in segments[:-1]:
            entry = tab.index.get(name)
            if entry is None:
                if tab.depth >= MAX_DEPTH:
                    self._soft(f"nesting is deeper than {MAX_DEPTH} levels", span)
                    return self._detached()
                node = Table([], span, inline=False)
                entry = Entry(name, span, node, quoted=quoted, dotted=True)
                tab.node.entries.append(entry)
                tab.index[name] = entry
                child = _Tab(node, _IMPLICIT, tab, name, tab.depth + 1)
                tab.sub[name] = child
                tab = child
                continue
            found = tab.sub.get(name)
            if found is None:
                value = entry.value
                path = tab.path(name)
                line = self._line(entry.key_span.start)
                if isinstance(value, Table):
                    what = f"is an inline table (line {line}), which cannot be extended"
                else:
                    what = f"is already {_describe(value)} (line {line})"
                shown = _format_header(segments, is_array)
                self._soft(
                    f'cannot define table {shown}: key "{path}" {what}', span, (entry.key_span,)
                )
                return self._detached()
            tab = found
        name, span, quoted = segments[-1]
        entry = tab.index.get(name)
        # An array of tables is a container too: its tables sit one level deeper.
        depth = tab.depth + (2 if is_array else 1)
        if entry is None:
            if depth > MAX_DEPTH:
                self._soft(f"nesting is deeper than {MAX_DEPTH} levels", span)
                return self._detached()
            node = Table([], header, inline=False)
            if is_array:
                child = _Tab(node, _AOT_ITEM, tab, name, depth)
                entry = Entry(name, span, Array([node], header, inline=False), quoted=quoted)
            else:
                child = _Tab(node, _HEADER, tab, name, depth)
                entry = Entry(name, span, node, quoted=quoted)
            entry.from_header = True
            tab.node.entries.append(entry)
            tab.index[name] = entry
            tab.sub[name] = child
            return child
        found = tab.sub.get(name)
        value = entry.value
        if is_array and isinstance(value, Array) and not value.inline and found is not None:
            node = Table([], header, inline=False)
            value.items.append(node)
            child = _Tab(node, _AOT_ITEM, tab, name, depth)
            tab.sub[name] = child
            return child
        if not is_array and found is not None and found.state == _IMPLICIT:
            node = found.node
            node.span = header
            found.state = _HEADER
            entry.key_span = span
            entry.quoted = quoted
            entry.dotted = False
            entry.from_header = True
            return found
        line = self._line(entry.key_span.start)
        related = (entry.key_span,)
        full = tab.path(name)
        shown = _format_header(segments, is_array)
        if is_array:
            if isinstance(value, Table):
                what = "inline table" if value.inline else "table"
                message = f"{shown} conflicts with {what} [{full}] (line {line})"
            elif isinstance(value, Array):
                message = f'{shown} conflicts with array "{full}" (line {line})'
            else:
                message = f'{shown} conflicts with key "{full}" (line {line})'
        elif found is not None and found.state == _HEADER:
            first = found.node.span
            related = (first,)
            message = (
                f"table {shown} is defined twice (first defined on line {self._line(first.start)})"
            )
        elif found is not None and found.state == _DOTTED:
            related = (found.dotted_at,)
            where = self._line(found.dotted_at.start)
            message = f"table {shown} is already defined by dotted keys (line {where})"
        elif found is not None:
            message = f"table {shown} is already defined as an array of tables (line {line})"
        elif isinstance(value, Table):
            message = f"table {shown} is already defined as an inline table (line {line})"
        else:
            what = _describe(value)
            message = f'cannot define table {shown}: key "{full}" is already {what} (line {line})'
        self._soft(message, header, related)
        return self._detached()

    # ------------------------------------------------------------------ values

    def _value(self, pos: int, base: int) -> tuple[Node, int]:
        """Read a value; `base` is the depth of the table that receives it."""
        text = self.text
        c = text[pos : pos + 1]
        if c not in {"[", "{"}:
            return self._scalar(pos)
        ws = _ws
        ws_nl = _ws_nl
        basic_fast = _BASIC_FAST.match
        stack: list[list[Any]] = []
        top: Node | None = None
        try:
            while True:
                # -- a value is expected at `pos`
                c = text[pos : pos + 1]
                if c in {"[", "{"}:
                    if not stack:
                        depth = base + 1
                    elif stack[-1][0] == _ARRAY_FRAME:
                        depth = stack[-1][3] + 1
                    else:
                        depth = stack[-1][4][2] + 1
                    if depth > MAX_DEPTH:
                        raise self._hard(f"nesting is deeper than {MAX_DEPTH} levels", pos, pos + 1)
                    start = pos
                    if c == "[":
                        array = Array([], Span(pos, pos))
                        if stack:
                            self._attach(stack[-1], array)
                        else:
                            top = array
                        stack.append([_ARRAY_FRAME, array, start, depth])
                        pos = self._skip_array_space(pos + 1)
                        if not text.startswith("]", pos):
                            continue
                        pos += 1
                        array.span = Span(start, pos)
                        stack.pop()
                    else:
                        table = Table([], Span(pos, pos), inline=True)
                        if stack:
                            self._attach(stack[-1], table)
                        else:
                            top = table
                        frame: list[Any] = [
                            _TABLE_FRAME,
                            table,
                            start,
                            _Tab(table, _INLINE, None, "", depth),
                            None,
                        ]
                        stack.append(frame)
                        pos = ws(text, pos + 1).end()
                        if not text.startswith("}", pos):
                            pos = self._inline_key(frame, pos)
                            continue
                        pos += 1
                        table.span = Span(start, pos)
                        stack.pop()
                else:
                    frame = stack[-1]
                    m = basic_fast(text, pos) if c == '"' else None
                    if m is not None and not text.startswith('"""', pos):
                        end = m.end()
                        scalar = Scalar(_STRING, m.group(1), Span(pos, end), "basic")
                        pos = end
                    else:
                        if frame[0] == _TABLE_FRAME and (c in {"\n", "\r"}):
                            raise self._at_char("newline is not allowed in an inline table", pos)
                        scalar, pos = self._scalar(pos)
                    if frame[0] == _ARRAY_FRAME:
                        frame[1].items.append(scalar)
                    else:
                        self._attach(frame, scalar)
                # -- a value was read: close what can be closed
                while stack:
                    frame = stack[-1]
                    if frame[0] == _ARRAY_FRAME:
                        pos = ws_nl(text, pos).end()
                        c = text[pos : pos + 1]
                        if c == "#":
                            pos = self._skip_array_space(pos)
                            c = text[pos : pos + 1]
                        if c == ",":
                            pos = ws_nl(text, pos + 1).end()
                            if text.startswith("#", pos):
                                pos = self._skip_array_space(pos)
                            if not text.startswith("]", pos):
                                break
                            c = "]"
                        if c == "]":
                            pos += 1
                            frame[1].span = Span(frame[2], pos)
                            stack.pop()
                            continue
                        raise self._unexpected(
                            pos, 'expected "," or "]" after an array item', "in an array"
                        )
                    pos = ws(text, pos).end()
                    c = text[pos : pos + 1]
                    if c == ",":
                        after = ws(text, pos + 1).end()
                        if text.startswith("}", after):
                            raise self._hard(
                                "trailing comma is not allowed in an inline table", pos, pos + 1
                            )
                        pos = self._inline_key(frame, after)
                        break
                    if c == "}":
                        pos += 1
                        frame[1].span = Span(frame[2], pos)
                        stack.pop()
                        continue
                    raise self._inline_table_problem(pos, 'expected "," or "}" after a value')
                if not stack:
                    assert top is not None
                    return top, pos
        except _Stop as stop:
            at = min(stop.problem.span.start, self.n)
            for frame in stack:
                frame[1].span = Span(frame[2], max(frame[2], at))
            stop.opened = "".join("[" if frame[0] == _ARRAY_FRAME else "{" for frame in stack)
            stop.partial = top
            raise

    def _attach(self, frame: list[Any], node: Node) -> None:
        if frame[0] == _ARRAY_FRAME:
            frame[1].items.append(node)
            return
        target, segments, _ = frame[4]
        if target is not None:
            self._insert(target, segments, node)

    def _inline_table_problem(self, pos: int, message: str) -> _Stop:
        text = self.text
        char = text[pos : pos + 1]
        if char == "\n" or text.startswith("\r\n", pos):
            return self._at_char("newline is not allowed in an inline table", pos)
        if char == "#":
            return self._hard("comments are not allowed in an inline table", pos, pos + 1)
        if not char:
            return self._hard('unterminated inline table: expected "}"', pos)
        return self._unexpected(pos, message, "in an inline table")

    def _inline_key(self, frame: list[Any], pos: int) -> int:
        """Read `key =` inside an inline table; the value follows at the result."""
        text = self.text
        char = text[pos : pos + 1]
        if not char or char in "\r\n#":
            raise self._inline_table_problem(pos, "expected a key")
        segments, pos = self._key(pos, "expected a key in an inline table")
        if not text.startswith("=", pos):
            shown = _format_key([segment[0] for segment in segments])
            raise self._inline_table_problem(pos, f'expected "=" after key "{shown}"')
        tab: _Tab = frame[3]
        target = self._place(tab, segments)
        depth = tab.depth + len(segments) - 1 if target is None else target.depth
        frame[4] = (target, segments, depth)
        return _ws(text, pos + 1).end()

    def _skip_array_space(self, pos: int) -> int:
        """Skip whitespace, newlines and comments between array items."""
        text = self.text
        while True:
            pos = _ws_nl(text, pos).end()
            if pos < self.n and text[pos] == "#":
                pos = self._newline(self._comment(pos))
            else:
                return pos

    # ------------------------------------------------------------------ scalars

    def _scalar(self, pos: int) -> tuple[Scalar, int]:
        text = self.text
        n = self.n
        c = text[pos] if pos < n else ""
        if c == '"':
            if text.startswith('"""', pos):
                return self._ml_basic(pos)
            m = _BASIC_FAST.match(text, pos)
            if m is not None:
                end = m.end()
                return Scalar(_STRING, m.group(1), Span(pos, end), "basic"), end
            value, end = self._basic(pos, "in a string")
            return Scalar(_STRING, value, Span(pos, end), "basic"), end
        if c == "'":
            if text.startswith("'''", pos):
                return self._ml_literal(pos)
            m = _LITERAL_FAST.match(text, pos)
            if m is not None:
                end = m.end()
                return Scalar(_STRING, m.group(1), Span(pos, end), "literal"), end
            value, end = self._literal(pos, "in a string")
            return Scalar(_STRING, value, Span(pos, end), "literal"), end
        if c == "t" and text.startswith("true", pos) and self._ends(pos + 4):
            return Scalar(_BOOLEAN, True, Span(pos, pos + 4), "true"), pos + 4
        if c == "f" and text.startswith("false", pos) and self._ends(pos + 5):
            return Scalar(_BOOLEAN, False, Span(pos, pos + 5), "false"), pos + 5
        if "0" <= c <= "9":
            if text[pos + 4 : pos + 5] == "-":
                m = _DATE.match(text, pos)
                if m is not None:
                    return self._date_time(pos, m)
            elif text[pos + 2 : pos + 3] == ":":
                m = _TIME.match(text, pos)
                if m is not None:
                    node = self._time(pos, m)
                    end = node.span.end
                    if self._ends(end):
                        return node, end
        if "0" <= c <= "9" or c in {"+", "-"}:
            if c == "0" and text[pos + 1 : pos + 2] in ("x", "o", "b"):
                m = _PREFIXED.match(text, pos)
                if m is not None and self._ends(m.end()):
                    token = m.group()
                    base = {"x": 16, "o": 8, "b": 2}[token[1]]
                    end = m.end()
                    return Scalar(_INTEGER, int(token[2:], base), Span(pos, end), token), end
            else:
                m = _NUMBER.match(text, pos)
                if m is not None and self._ends(m.end()):
                    token = m.group()
                    end = m.end()
                    if m.group(1) is None and m.group(2) is None:
                        number = int(token)
                        if number < _INT_MIN or number > _INT_MAX:
                            raise self._hard(
                                f"integer {token} is out of range (64-bit signed)", pos, end
                            )
                        return Scalar(_INTEGER, number, Span(pos, end), token), end
                    return Scalar(_FLOAT, float(token), Span(pos, end), token), end
        if c in {"i", "n", "+", "-"}:
            m = _SPECIAL_FLOAT.match(text, pos)
            if m is not None and self._ends(m.end()):
                token = m.group()
                end = m.end()
                return Scalar(_FLOAT, float(token), Span(pos, end), token), end
        raise self._bad_value(pos)

    def _ends(self, pos: int) -> bool:
        return pos >= self.n or self.text[pos] in _TERMINATORS

    def _bad_value(self, pos: int) -> _Stop:
        """The most helpful problem for a token that is not a TOML value."""
        text = self.text
        char = text[pos : pos + 1]
        if not char or char in {"\n", "\r"}:
            return self._unexpected(pos, "expected a value")
        if char == "#":
            return self._hard("expected a value, found a comment", pos, pos + 1)
        if char in ",]}=":
            return self._hard(f'expected a value, found "{char}"', pos, pos + 1)
        if _is_bad_char(char):
            return self._hard(_bad_char_message(char, "here"), pos, pos + 1)
        m = _LOOSE_TOKEN.match(text, pos)
        end = m.end() if m is not None else pos + 1
        # A date-time with a space: keep "1979-05-27 07:32" together in the message.
        if (
            m is not None
            and _DATE.match(text, pos)
            and text[end : end + 1] == " "
            and text[end + 1 : end + 2].isdigit()
        ):
            more = _LOOSE_TOKEN.match(text, end + 1)
            if more is not None:
                end = more.end()
        token = text[pos:end]
        for index, char in enumerate(token):
            if not char.isprintable():
                at = pos + index
                if _is_bad_char(char):
                    return self._hard(_bad_char_message(char, "here"), at, at + 1)
                return self._hard(f"unexpected character U+{ord(char):04X}", at, at + 1)
        return self._hard(_explain_token(token), pos, end)

    # -- strings

    def _escape(self, pos: int, parts: list[str]) -> int:
        """Decode the escape sequence at `pos` (a backslash) into `parts`."""
        text = self.text
        e = text[pos + 1 : pos + 2]
        simple = _ESCAPES.get(e)
        if simple is not None:
            parts.append(simple)
            return pos + 2
        if e in {"u", "U"}:
            size = 4 if e == "u" else 8
            digits = _hex(text, pos + 2, pos + 2 + size).group()
            end = pos + 2 + len(digits)
            raw = text[pos:end]
            if len(digits) < size:
                self._soft(
                    f'invalid escape sequence "{raw}" (\\{e} needs {size} hex digits)',
                    Span(pos, end),
                )
            else:
                code = int(digits, 16)
                if 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
                    self._soft(
                        f'invalid Unicode escape "{raw}" (not a Unicode scalar value)',
                        Span(pos, end),
                    )
                else:
                    parts.append(chr(code))
                    return end
            parts.append(raw)
            return end
        if not e or e in {"\n", "\r"}:
            parts.append("\\")
            return pos + 1  # the caller reports the unterminated string
        shown = e if e.isprintable() else f"U+{ord(e):04X}"
        self._soft(f'invalid escape sequence "\\{shown}"', Span(pos, pos + 2))
        parts.append(text[pos : pos + 2])
        return pos + 2

    def _basic(self, pos: int, where: str) -> tuple[str, int]:
        """A single-line basic string at `pos`; returns its value and end."""
        text = self.text
        n = self.n
        start = pos
        pos += 1
        parts: list[str] = []
        chunk = _BASIC_CHUNK.match
        while True:
            m = chunk(text, pos)
            if m is not None:
                parts.append(m.group())
                pos = m.end()
            if pos >= n:
                raise self._hard("unterminated string", start, n)
            c = text[pos]
            if c == '"':
                return "".join(parts), pos + 1
            if c == "\\":
                pos = self._escape(pos, parts)
            elif c == "\n" or text.startswith("\r\n", pos):
                raise self._hard("unterminated string", start, pos)
            else:
                self._soft(_bad_char_message(c, where), Span(pos, pos + 1))
                parts.append(c)
                pos += 1

    def _literal(self, pos: int, where: str) -> tuple[str, int]:
        text = self.text
        n = self.n
        start = pos
        pos += 1
        parts: list[str] = []
        while True:
            m = _LITERAL_CHUNK.match(text, pos)
            if m is not None:
                parts.append(m.group())
                pos = m.end()
            if pos >= n:
                raise self._hard("unterminated string", start, n)
            c = text[pos]
            if c == "'":
                return "".join(parts), pos + 1
            if c == "\n" or text.startswith("\r\n", pos):
                raise self._hard("unterminated string", start, pos)
            self._soft(_bad_char_message(c, where), Span(pos, pos + 1))
            parts.append(c)
            pos += 1

    def _ml_start(self, pos: int) -> int:
        """Skip the opening delimiter and a newline right after it."""
        text = self.text
        pos += 3
        if text.startswith("\n", pos):
            return pos + 1
        if text.startswith("\r\n", pos):
            return pos + 2
        return pos

    def _ml_basic(self, pos: int) -> tuple[Scalar, int]:
        text = self.text
        n = self.n
        start = pos
        pos = self._ml_start(pos)
        parts: list[str] = []
        chunk = _ML_BASIC_CHUNK.match
        while True:
            m = chunk(text, pos)
            if m is not None:
                parts.append(m.group())
                pos = m.end()
            if pos >= n:
                raise _Stop(
                    SyntaxProblem("unterminated multi-line string", Span(start, start + 3)), n
                )
            c = text[pos]
            if c == '"':
                run = _quotes(text, pos).end() - pos
                if run >= 3:
                    extra = min(run, 5) - 3
                    parts.append('"' * extra)
                    end = pos + 3 + extra
                    return Scalar(_STRING, "".join(parts), Span(start, end), "ml-basic"), end
                parts.append('"' * run)
                pos += run
            elif c == "\\":
                after = text[pos + 1 : pos + 2]
                if after in (" ", "\t", "\n", "\r"):
                    cont = _LINE_CONTINUATION.match(text, pos + 1)
                    if cont is not None:
                        pos = cont.end()
                        continue
                    if after != "\r":
                        self._soft(f'invalid escape sequence "\\{after}"', Span(pos, pos + 2))
                        parts.append(text[pos : pos + 2])
                        pos += 2
                        continue
                    parts.append("\\")
                    pos += 1
                else:
                    pos = self._escape(pos, parts)
            elif text.startswith("\r\n", pos):
                parts.append("\n")
                pos += 2
            else:
                self._soft(_bad_char_message(c, "in a string"), Span(pos, pos + 1))
                parts.append(c)
                pos += 1

    def _ml_literal(self, pos: int) -> tuple[Scalar, int]:
        text = self.text
        n = self.n
        start = pos
        pos = self._ml_start(pos)
        parts: list[str] = []
        chunk = _ML_LITERAL_CHUNK.match
        while True:
            m = chunk(text, pos)
            if m is not None:
                parts.append(m.group())
                pos = m.end()
            if pos >= n:
                raise _Stop(
                    SyntaxProblem("unterminated multi-line string", Span(start, start + 3)), n
                )
            c = text[pos]
            if c == "'":
                run = _apostrophes(text, pos).end() - pos
                if run >= 3:
                    extra = min(run, 5) - 3
                    parts.append("'" * extra)
                    end = pos + 3 + extra
                    return (
                        Scalar(_STRING, "".join(parts), Span(start, end), "ml-literal"),
                        end,
                    )
                parts.append("'" * run)
                pos += run
            elif text.startswith("\r\n", pos):
                parts.append("\n")
                pos += 2
            else:
                self._soft(_bad_char_message(c, "in a string"), Span(pos, pos + 1))
                parts.append(c)
                pos += 1

    # -- dates and times

    def _time(self, pos: int, m: re.Match[str]) -> Scalar:
        """A local time matched by `_TIME` at `pos`."""
        end = m.end()
        value = self._make_time(m)
        return Scalar(_TIME_LOCAL, value, Span(pos, end), self.text[pos:end])

    def _make_time(self, m: re.Match[str]) -> _dt.time:
        hour, minute, second = int(m.group(1)), int(m.group(2)), int(m.group(3))
        fraction = m.group(4)
        if hour > 23 or minute > 59 or second > 59:
            raise self._hard(f'invalid time "{m.group()}"', m.start(), m.end())
        micro = int(fraction.ljust(6, "0")[:6]) if fraction else 0  # TOML: truncate
        return _dt.time(hour, minute, second, micro)

    def _date_time(self, pos: int, m: re.Match[str]) -> tuple[Scalar, int]:
        text = self.text
        end = m.end()
        try:
            date = _dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            date = None
        sep = text[end : end + 1]
        t = None
        if sep in {"T", "t"} or (sep == " " and _TIME.match(text, end + 1)):
            t = _TIME.match(text, end + 1)
            if t is None:
                bad = _LOOSE_TOKEN.match(text, pos)
                stop = bad.end() if bad is not None else end + 1
                raise self._hard(
                    f'invalid date-time "{text[pos:stop]}" (expected HH:MM:SS after "{sep}")',
                    pos,
                    stop,
                )
        if date is None:
            raise self._hard(f'invalid date "{m.group()}"', pos, end)
        if t is None:
            if not self._ends(end):
                raise self._bad_value(pos)
            return Scalar(_DATE_LOCAL, date, Span(pos, end), m.group()), end
        time = self._make_time(t)
        end = t.end()
        o = _OFFSET.match(text, end)
        tz: _dt.tzinfo | None = None
        if o is not None:
            if o.group(1) is None:
                tz = _UTC
            else:
                hours, minutes = int(o.group(2)), int(o.group(3))
                if hours > 23 or minutes > 59:
                    raise self._hard(f'invalid time offset "{o.group()}"', o.start(), o.end())
                delta = _dt.timedelta(hours=hours, minutes=minutes)
                tz = _dt.timezone(-delta if o.group(1) == "-" else delta)
            end = o.end()
        if not self._ends(end):
            raise self._bad_value(pos)
        value = _dt.datetime.combine(date, time, tz)
        kind = _DATETIME_LOCAL if tz is None else _DATETIME
        return Scalar(kind, value, Span(pos, end), text[pos:end]), end


def _explain_token(token: str) -> str:
    """A specific message for a bare token that is not a valid TOML value."""
    lower = token.lower()
    if lower in ("true", "false"):
        return f'invalid boolean "{token}" (booleans are lowercase: {lower})'
    if lower in ("null", "none", "nil", "undefined"):
        return f'invalid value "{token}" (TOML has no null; leave the key out)'
    unsigned = lower.lstrip("+-")
    if unsigned in ("inf", "nan"):
        return f'invalid float "{token}" (write inf and nan in lowercase)'
    body = token.lstrip("+-")
    if body[:1] == "_" and body[1:2].isdigit():
        return f'invalid number "{token}" (underscores must be between digits)'
    if body[:1].isdigit() and body.isascii():
        if re.fullmatch(r"[0-9]+-[0-9]+-[0-9]+", token):
            return f'invalid date "{token}" (expected YYYY-MM-DD)'
        if re.fullmatch(r"[0-9]+-[0-9]+-[0-9]+.*", token):
            return f'invalid date-time "{token}" (expected YYYY-MM-DDTHH:MM:SS)'
        if ":" in token:
            return f'invalid time "{token}" (expected HH:MM:SS)'
        if body[:2] in ("0x", "0o", "0b", "0X", "0O", "0B"):
            if body[1] in "XOB":
                return (
                    f'invalid integer "{token}" (the prefix must be lowercase: 0{body[1].lower()})'
                )
            if token[0] in "+-":
                return f'invalid integer "{token}" (only decimal integers can have a sign)'
            names = {"x": "hexadecimal", "o": "octal", "b": "binary"}
            return f'invalid {names[body[1]]} integer "{token}"'
        if (
            "__" in body
            or body.startswith("_")
            or body.endswith("_")
            or re.search(r"_[.eE]|[.eE+-]_", body)
        ):
            return f'invalid number "{token}" (underscores must be between digits)'
        is_float = re.search(r"[.eE]", body) is not None
        if re.match(r"0[0-9_]", body):
            kind = "floats" if is_float else "integers"
            return f"leading zeros are not allowed in {kind}"
        if re.search(r"\.(?![0-9])", body):
            return f'invalid float "{token}" (a decimal point must be followed by digits)'
        if re.search(r"[eE](?![+-]?[0-9])", body):
            return f'invalid float "{token}" (an exponent needs digits)'
        return f'invalid number "{token}"'
    if body.startswith("."):
        return f'invalid float "{token}" (a decimal point must be preceded by digits)'
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_.-]*", token):
        return f'invalid value "{token}" (strings must be quoted)'
    if len(token) == 1:
        return f"unexpected {_char_name(token)}"
    return f'invalid value "{token}"'
