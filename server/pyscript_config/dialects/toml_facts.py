"""Where each TOML construct is written: keys as typed, sections, values and their
containers, comments.

The strict reader's tree knows values and the last segment of each key, but the
dialect checks need more of the text: a dotted key's whole span and its segments'
quoting, a header's brackets, which section a statement belongs to and where that
section ends (to move a statement into a new `[table]`), which container a value sits
in (toml-j0.4's messages differ between arrays, inline tables and statements). This
module reads those from the tree and the text once, without a second parser: every
statement is found through the tree, and only its key text is scanned.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ..text import Span
from ..tree import Array, Entry, Node, ParseResult, Scalar, Table

__all__ = ["KeyUse", "Section", "Segment", "TomlFacts", "ValueUse", "decode_basic"]

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BASIC = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_LITERAL = re.compile(r"'[^'\n]*'")
_WS = re.compile(r"[ \t]*")
_ESCAPES = {"b": "\b", "t": "\t", "n": "\n", "f": "\f", "r": "\r", '"': '"', "\\": "\\"}
_ESCAPE = re.compile(r"\\(?:u([0-9A-Fa-f]{4})|U([0-9A-Fa-f]{8})|(.))", re.DOTALL)

_NOWHERE = Span(0, 0)

STATEMENT = "statement"  # a key/value line (in the root, a [table] or a [[table]])
INLINE = "inline"  # a key inside an inline table
HEADER = "header"  # a [table] or [[table]] header
ARRAY = "array"  # (value context) an item of an inline array


def decode_basic(raw: str) -> str:
    """The value of a TOML basic string's body (escapes processed)."""

    def replace(m: re.Match[str]) -> str:
        code = m.group(1) or m.group(2)
        if code is not None:
            value = int(code, 16)
            return chr(value) if value <= 0x10FFFF and not 0xD800 <= value <= 0xDFFF else m.group()
        return _ESCAPES.get(m.group(3), m.group())

    return _ESCAPE.sub(replace, raw)


@dataclass(frozen=True, slots=True)
class Segment:
    name: str  # the key as TOML reads it
    span: Span  # as written, quotes included
    style: str  # "bare", "basic" or "literal"


@dataclass(slots=True)
class Section:
    """A run of statements under one header (or before any header: the root)."""

    path: tuple[str, ...]
    header: Span | None  # the `[..]`/`[[..]]` text; None for the root
    is_array_item: bool
    end: int = 0  # where the next header's line starts (or the end of the text)
    first_statement: int | None = None  # start of the line of its first statement


@dataclass(slots=True)
class KeyUse:
    """A key as written: the key of a key/value pair, or a table header."""

    segments: tuple[Segment, ...]
    where: str  # STATEMENT, INLINE or HEADER
    section: Section
    entry: Entry | None = None
    value: Node | None = None  # the value of a key/value pair
    header: Span | None = None  # HEADER: the whole `[..]` text
    is_array: bool = False  # HEADER: `[[..]]`
    after_open: bool = False  # INLINE: first key of its table; HEADER: right after `[`
    table: Table | None = None  # INLINE: the inline table it belongs to
    line: Span = _NOWHERE  # STATEMENT/HEADER: whole lines, line break included

    @property
    def span(self) -> Span:
        return Span(self.segments[0].span.start, self.segments[-1].span.end)

    @property
    def dotted(self) -> bool:
        return len(self.segments) > 1

    @property
    def path(self) -> tuple[str, ...]:
        return tuple(segment.name for segment in self.segments)


@dataclass(frozen=True, slots=True)
class ValueUse:
    node: Node
    context: str  # STATEMENT, ARRAY or INLINE: what directly contains the value
    statement: KeyUse | None  # the top-level statement the value belongs to


@dataclass(slots=True)
class TomlFacts:
    text: str
    parsed: ParseResult
    keys: list[KeyUse] = field(default_factory=list)
    values: list[ValueUse] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    _index: dict[str, tuple[list[int], list[KeyUse]]] = field(default_factory=dict)

    @classmethod
    def read(cls, text: str, parsed: ParseResult) -> TomlFacts:
        facts = cls(text, parsed)
        if isinstance(parsed.root, Table):
            _Walker(facts).walk(parsed.root)
        return facts

    def body(self, segment: Segment) -> str:
        """A quoted segment's text between its quotes, as written."""
        if segment.style == "bare":
            return segment.name
        return self.text[segment.span.start + 1 : segment.span.end - 1]

    def line_start(self, offset: int) -> int:
        return self.text.rfind("\n", 0, offset) + 1

    def line_end(self, offset: int) -> int:
        """Just after the line break of the line holding `offset` (or the text's end)."""
        nl = self.text.find("\n", offset)
        return len(self.text) if nl < 0 else nl + 1

    def indent(self, offset: int) -> str:
        start = self.line_start(offset)
        return _WS.match(self.text, start).group()  # type: ignore[union-attr]

    def statement_at(self, offset: int) -> KeyUse | None:
        """The key/value statement whose lines hold `offset`."""
        return self._line_owner(offset, STATEMENT)

    def header_at(self, offset: int) -> KeyUse | None:
        """The table header whose line holds `offset`."""
        return self._line_owner(offset, HEADER)

    def _line_owner(self, offset: int, where: str) -> KeyUse | None:
        index = self._index.get(where)
        if index is None:
            owners = sorted(
                (key for key in self.keys if key.where == where), key=lambda k: k.line.start
            )
            index = ([key.line.start for key in owners], owners)
            self._index[where] = index
        starts, owners = index
        at = bisect_right(starts, offset) - 1
        if at >= 0 and offset < owners[at].line.end:
            return owners[at]
        return None


def scan_key(text: str, pos: int) -> tuple[list[Segment], int] | None:
    """The (dotted) key written at `pos`; None when no key starts there."""
    segments: list[Segment] = []
    n = len(text)
    while True:
        m = _BARE.match(text, pos)
        if m is not None:
            segments.append(Segment(m.group(), Span(pos, m.end()), "bare"))
        elif text.startswith('"', pos) and not text.startswith('"""', pos):
            m = _BASIC.match(text, pos)
            if m is None:
                return None
            segments.append(Segment(decode_basic(m.group()[1:-1]), Span(pos, m.end()), "basic"))
        elif text.startswith("'", pos) and not text.startswith("'''", pos):
            m = _LITERAL.match(text, pos)
            if m is None:
                return None
            segments.append(Segment(m.group()[1:-1], Span(pos, m.end()), "literal"))
        else:
            return None if not segments else (segments, segments[-1].span.end)
        end = m.end()
        after = _WS.match(text, end).end()  # type: ignore[union-attr]
        if after < n and text[after] == ".":
            pos = _WS.match(text, after + 1).end()  # type: ignore[union-attr]
            continue
        return segments, end


class _Walker:
    def __init__(self, facts: TomlFacts) -> None:
        self.facts = facts
        self.text = facts.text

    def walk(self, root: Table) -> None:
        facts = self.facts
        root_section = Section((), None, False)
        facts.sections.append(root_section)
        # Work items: (table, its path, section)
        stack: list[tuple[Table, tuple[str, ...], Section]] = [(root, (), root_section)]
        while stack:
            table, path, section = stack.pop()
            pending: list[tuple[Table, tuple[str, ...], Section]] = []
            for entry in table.entries:
                value = entry.value
                here = (*path, entry.key)
                if entry.from_header:
                    items = value.items if isinstance(value, Array) else [value]
                    for item in items:
                        if isinstance(item, Table):
                            child = self._header(item, here, isinstance(value, Array), entry)
                            pending.append((item, here, child))
                elif isinstance(value, Table) and not value.inline and entry.dotted:
                    pending.append((value, here, section))
                else:
                    self._statement(entry, section)
            stack.extend(reversed(pending))
        self._finish_sections()
        facts.keys.sort(key=lambda key: key.span.start)

    def _header(self, table: Table, path: tuple[str, ...], is_array: bool, entry: Entry) -> Section:
        text = self.text
        span = table.span
        section = Section(path, span, is_array)
        self.facts.sections.append(section)
        opener = 2 if is_array else 1
        start = _WS.match(text, span.start + opener).end()  # type: ignore[union-attr]
        found = scan_key(text, start)
        if found is not None:
            segments, _ = found
            line = Span(self.facts.line_start(span.start), self.facts.line_end(span.end))
            self.facts.keys.append(
                KeyUse(
                    tuple(segments),
                    HEADER,
                    section,
                    entry=entry,
                    header=span,
                    is_array=is_array,
                    after_open=start == span.start + opener and not is_array,
                    line=line,
                )
            )
        return section

    def _statement(self, entry: Entry, section: Section) -> None:
        facts = self.facts
        start = facts.line_start(entry.key_span.start)
        key_start = _WS.match(self.text, start).end()  # type: ignore[union-attr]
        found = scan_key(self.text, key_start)
        if found is None or found[0][-1].span != entry.key_span:
            return
        segments, _ = found
        value = entry.value
        end = value.span.end
        statement = KeyUse(
            tuple(segments),
            STATEMENT,
            section,
            entry=entry,
            value=value,
            line=Span(start, facts.line_end(end)),
        )
        facts.keys.append(statement)
        if section.first_statement is None or start < section.first_statement:
            section.first_statement = start
        self._values(value, STATEMENT, statement)

    def _values(self, top: Node, context: str, statement: KeyUse) -> None:
        facts = self.facts
        stack: list[tuple[Node, str]] = [(top, context)]
        while stack:
            node, where = stack.pop()
            facts.values.append(ValueUse(node, where, statement))
            if isinstance(node, Array):
                stack.extend((item, ARRAY) for item in reversed(node.items))
            elif isinstance(node, Table):
                leaves = self._inline_keys(node, statement)
                stack.extend((leaf, INLINE) for leaf in reversed(leaves))

    def _inline_keys(self, table: Table, statement: KeyUse) -> list[Node]:
        """Scan the keys of an inline table; return its leaf values in order."""
        leaves: dict[int, tuple[Entry, Node]] = {}
        pending = list(table.entries)
        while pending:
            entry = pending.pop()
            value = entry.value
            if isinstance(value, Table) and not value.inline and entry.dotted:
                pending.extend(value.entries)
            else:
                leaves[value.span.start] = (entry, value)
        text = self.text
        pos = table.span.start + 1
        first = True
        ordered: list[Node] = []
        while True:
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if pos >= table.span.end or text[pos] == "}":
                break
            found = scan_key(text, pos)
            if found is None:
                break
            segments, pos = found
            pos = _WS.match(text, pos).end()  # type: ignore[union-attr]
            if not text.startswith("=", pos):
                break
            pos = _WS.match(text, pos + 1).end()  # type: ignore[union-attr]
            leaf = leaves.get(pos)
            if leaf is None:
                break
            entry, value = leaf
            self.facts.keys.append(
                KeyUse(
                    tuple(segments),
                    INLINE,
                    statement.section,
                    entry=entry,
                    value=value,
                    after_open=first,
                    table=table,
                )
            )
            ordered.append(value)
            first = False
            pos = _WS.match(text, value.span.end).end()  # type: ignore[union-attr]
            if not text.startswith(",", pos):
                break
            pos += 1
        return ordered

    def _finish_sections(self) -> None:
        facts = self.facts
        headers = sorted(
            (section for section in facts.sections if section.header is not None),
            key=lambda section: section.header.start if section.header else 0,
        )
        starts = [facts.line_start(section.header.start) for section in headers if section.header]
        facts.sections.sort(key=lambda section: section.header.start if section.header else -1)
        for section in facts.sections:
            begin = section.header.start if section.header else -1
            later = [start for start in starts if start > begin]
            section.end = min(later) if later else len(facts.text)


def scalar_text(text: str, node: Scalar) -> str:
    return text[node.span.start : node.span.end]
