"""Where is the cursor? Offset → region → key path and context.

Completion and hover both ask this question (taplo calls it `query`), and they ask it
while the user is typing, so the answer must not depend on the text parsing. HTML
comes from the page reader (which recovers like a browser) plus a small scanner for a
start tag cut off at the end of the text; config text is read by two forgiving
lexers (TOML and JSON) that never reject anything: they only track which table,
key, array or string the cursor is in. Every span in a `Query` is a host offset.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import Enum

from .extract import file_region, page_regions
from .files import FileKind, SourceFile
from .page import Element, Page
from .regions import ConfigRegion, Interpreter, Origin, Pipeline, Syntax
from .text import Span

PathPart = str | int
KeyPath = tuple[PathPart, ...]

# Raw-text elements: a `<` in their body does not start a tag.
_RAW_TEXT = frozenset({"script", "style", "textarea", "title", "py-config", "mpy-config"})
_TAG_START = re.compile(r"[A-Za-z]")
_SCAN_BACK = 4096  # how far back a cut-off start tag is looked for
_BARE = re.compile(r"[A-Za-z0-9_-]")
_MAX_DEPTH = 64  # deeper arrays and tables are read, but their paths stop growing


class Place(str, Enum):
    NOWHERE = "nowhere"  # page text, a comment, punctuation
    TAG_NAME = "tag-name"
    ATTRIBUTE_NAME = "attribute-name"
    ATTRIBUTE_VALUE = "attribute-value"
    KEY = "key"
    VALUE = "value"
    TABLE_HEADER = "table-header"


@dataclass(frozen=True, slots=True)
class Tag:
    """The start tag around the cursor, as far as it is written."""

    name: str
    attributes: tuple[tuple[str, str | None], ...]
    element: Element | None = None  # None when only the scanner saw it (cut off at EOF)

    def value(self, name: str) -> str | None:
        for attribute, value in self.attributes:
            if attribute == name:
                return value
        return None

    def has(self, name: str) -> bool:
        return any(attribute == name for attribute, _ in self.attributes)


@dataclass(frozen=True, slots=True)
class Query:
    offset: int
    place: Place
    word: Span  # host span of the token under the cursor (what a completion replaces)
    prefix: str = ""  # the token's text before the cursor
    token: str = ""  # the whole token (a key, a value, an attribute or tag name)
    tag: Tag | None = None
    attribute: str | None = None  # ATTRIBUTE_NAME/VALUE: the attribute's name
    region: ConfigRegion | None = None
    syntax: Syntax | None = None  # TOML or JSON inside a config
    # KEY and TABLE_HEADER: the table the key belongs to; VALUE: the value's own path.
    path: KeyPath = ()
    present: frozenset[str] = frozenset()  # keys the table already has
    quote: str = ""  # the quote character when the cursor is inside a string
    # KEY in TOML: nothing else is written on this line, and no key follows in this table
    # before the next header, so a `[header]` block can be inserted here.
    table_tail: bool = False

    @property
    def key_path(self) -> KeyPath:
        """KEY and TABLE_HEADER: the full path of the key under the cursor."""
        if self.place in (Place.KEY, Place.TABLE_HEADER) and self.token:
            return (*self.path, self.token)
        return self.path


# --- config lexers ----------------------------------------------------------------------


class _Kind(str, Enum):
    KEY = "key"
    HEADER = "header"
    VALUE = "value"


@dataclass(frozen=True, slots=True)
class _Token:
    kind: _Kind
    span: Span  # the whole token, quotes included
    inner: Span  # the text a completion replaces (inside the quotes)
    table: KeyPath  # KEY/HEADER: the table holding it; VALUE: the value's path
    text: str  # decoded enough for matching: the inner text
    quote: str = ""
    closed: bool = True  # a string's closing quote was found


@dataclass(slots=True)
class _State:
    """What the lexer expects at one offset when no token is there."""

    place: Place
    path: KeyPath
    quote: str = ""


@dataclass(slots=True)
class _Scan:
    tokens: list[_Token] = field(default_factory=list)
    present: dict[KeyPath, set[str]] = field(default_factory=dict)
    at_cursor: _State | None = None
    headers: list[int] = field(default_factory=list)  # offsets of TOML header lines

    def add_key(self, table: KeyPath, key: str) -> None:
        self.present.setdefault(table, set()).add(key)


def _read_string(text: str, i: int, multiline_ok: bool) -> tuple[int, int, int, str, bool]:
    """A string starting at `i`: (end, inner start, inner end, quote, closed)."""
    quote = text[i]
    n = len(text)
    if multiline_ok and text.startswith(quote * 3, i):
        close = text.find(quote * 3, i + 3)
        if close < 0:
            return n, i + 3, n, quote, False
        return close + 3, i + 3, close, quote, True
    j = i + 1
    while j < n:
        char = text[j]
        if char == "\\" and quote == '"':
            j += 2
            continue
        if char == quote:
            return j + 1, i + 1, j, quote, True
        if char in "\r\n":
            break
        j += 1
    j = min(j, n)
    return j, i + 1, j, quote, False


def _unescape(raw: str, quote: str) -> str:
    if quote != '"' or "\\" not in raw:
        return raw
    return re.sub(r"\\(.)", lambda m: {"n": "\n", "t": "\t"}.get(m[1], m[1]), raw)


class _TomlLexer:
    """TOML, leniently: tables, dotted keys, arrays and inline tables, strings, comments."""

    def __init__(self, text: str, cursor: int) -> None:
        self.text = text
        self.cursor = cursor
        self.scan = _Scan()
        self.table: KeyPath = ()
        self.array_tables: dict[KeyPath, int] = {}
        # frames: ("array", path, index) or ("inline", path, None)
        self.stack: list[list[object]] = []
        self.expect = "key"  # "key", "value", "after" (a value ended), "header"
        self.segments: list[str] = []  # dotted key segments read so far

    def _snapshot(self) -> None:
        if self.scan.at_cursor is not None:
            return
        if self.expect == "header":
            self.scan.at_cursor = _State(Place.TABLE_HEADER, tuple(self.segments))
        elif self.expect == "key":
            self.scan.at_cursor = _State(Place.KEY, self._key_table())
        elif self.expect == "value":
            self.scan.at_cursor = _State(Place.VALUE, self._value_path())
        else:
            self.scan.at_cursor = _State(Place.NOWHERE, ())

    def _base(self) -> KeyPath:
        if self.stack:
            top = self.stack[-1]
            path = top[1]
            assert isinstance(path, tuple)
            return path
        return self.table

    def _key_table(self) -> KeyPath:
        return (*self._base(), *self.segments)

    def _value_path(self) -> KeyPath:
        if self.stack and self.stack[-1][0] == "array":
            top = self.stack[-1]
            path, index = top[1], top[2]
            assert isinstance(path, tuple) and isinstance(index, int)
            return (*path, index)
        return self._key_table()

    def run(self) -> _Scan:
        text, n = self.text, len(self.text)
        i = 0
        while i < n:
            if i == self.cursor:
                self._snapshot()
            char = text[i]
            if char == "#":
                end = _line_end(text, i)
                if i < self.cursor <= end:
                    self.scan.at_cursor = _State(Place.NOWHERE, ())
                i = end
                continue
            if char in "\r\n":
                if not self.stack:
                    self.expect = "key"
                    self.segments = []
                i += 1
                continue
            if char in " \t":
                i += 1
                continue
            if self.expect == "key" and not self.stack and char == "[" and _at_line_start(text, i):
                i = self._header(i)
                continue
            if char in "\"'":
                i = self._string(i)
                continue
            if self.expect == "key":
                if char == "=":
                    self._equals()
                    i += 1
                    continue
                if char == ".":
                    i += 1
                    continue
                if char == "}" and self.stack and self.stack[-1][0] == "inline":
                    self._close()
                    i += 1
                    continue
                if char == "," and self.stack and self.stack[-1][0] == "inline":
                    self.segments = []
                    i += 1
                    continue
                if _BARE.match(char):
                    i = self._bare_key(i)
                    continue
                i += 1
                continue
            if self.expect == "value":
                if char == "[":
                    self.stack.append(["array", self._value_path()[:_MAX_DEPTH], 0])
                    self.segments = []
                    i += 1
                    continue
                if char == "{":
                    self.stack.append(["inline", self._value_path()[:_MAX_DEPTH], None])
                    self.segments = []
                    self.expect = "key"
                    i += 1
                    continue
                if char == "]" and self.stack and self.stack[-1][0] == "array":
                    self._close()
                    i += 1
                    continue
                if char == "," and self.stack and self.stack[-1][0] == "array":
                    index = self.stack[-1][2]
                    assert isinstance(index, int)
                    self.stack[-1][2] = index + 1
                    i += 1
                    continue
                i = self._bare_value(i)
                continue
            # "after": a value ended; only separators and closers matter now.
            if char == "," and self.stack:
                if self.stack[-1][0] == "array":
                    index = self.stack[-1][2]
                    assert isinstance(index, int)
                    self.stack[-1][2] = index + 1
                    self.expect = "value"
                else:
                    self.expect = "key"
                    self.segments = []
            elif self.stack and (char, self.stack[-1][0]) in (("]", "array"), ("}", "inline")):
                self._close()
            i += 1
        if self.cursor >= n:
            self._snapshot()
        return self.scan

    def _close(self) -> None:
        self.stack.pop()
        self.segments = []
        self.expect = "after"

    def _equals(self) -> None:
        self.expect = "value"

    def _after_value(self) -> None:
        self.expect = "after"

    def _bare_key(self, i: int) -> int:
        j = i
        text = self.text
        while j < len(text) and _BARE.match(text[j]):
            j += 1
        self._add_key_token(Span(i, j), Span(i, j), text[i:j], "", True)
        return j

    def _add_key_token(self, span: Span, inner: Span, key: str, quote: str, closed: bool) -> None:
        table = self._key_table()
        self.scan.tokens.append(_Token(_Kind.KEY, span, inner, table, key, quote, closed))
        if not self.segments:
            self.scan.add_key(table, key)
        self.segments.append(key)

    def _string(self, i: int) -> int:
        end, start_inner, end_inner, quote, closed = _read_string(
            self.text, i, self.expect == "value"
        )
        raw = self.text[start_inner:end_inner]
        span, inner = Span(i, end), Span(start_inner, end_inner)
        if self.expect == "key":
            self._add_key_token(span, inner, _unescape(raw, quote), quote, closed)
        elif self.expect == "value":
            self.scan.tokens.append(
                _Token(_Kind.VALUE, span, inner, self._value_path(), raw, quote, closed)
            )
            if self.cursor in range(i + 1, end + (0 if closed else 1)):
                self.scan.at_cursor = _State(Place.VALUE, self._value_path(), quote)
            self._after_value()
        return end

    def _bare_value(self, i: int) -> int:
        text = self.text
        j = i
        while j < len(text) and text[j] not in " \t\r\n,]}#":
            j += 1
        if j == i:
            return i + 1
        self.scan.tokens.append(
            _Token(_Kind.VALUE, Span(i, j), Span(i, j), self._value_path(), text[i:j])
        )
        self._after_value()
        return j

    def _header(self, i: int) -> int:
        text, n = self.text, len(self.text)
        is_array = text.startswith("[[", i)
        j = i + (2 if is_array else 1)
        self.scan.headers.append(i)
        self.expect = "header"
        self.segments = []
        parts: list[str] = []
        while j < n and text[j] not in "\r\n":
            if j == self.cursor:
                self._snapshot()
            char = text[j]
            if char == "]":
                break
            if char in "\"'":
                end, start_inner, end_inner, quote, _closed = _read_string(text, j, False)
                key = _unescape(text[start_inner:end_inner], quote)
                self._header_token(Span(j, end), Span(start_inner, end_inner), parts, key, quote)
                parts.append(key)
                self.segments = list(parts)
                j = end
                continue
            if _BARE.match(char):
                k = j
                while k < n and _BARE.match(text[k]):
                    k += 1
                self._header_token(Span(j, k), Span(j, k), parts, text[j:k], "")
                parts.append(text[j:k])
                self.segments = list(parts)
                j = k
                continue
            j += 1
        if j == self.cursor and self.scan.at_cursor is None:
            self._snapshot()
        close_end = j
        while close_end < n and text[close_end] == "]":
            close_end += 1
        path: KeyPath = tuple(parts)
        for k in range(1, len(parts) + 1):
            parent: KeyPath = tuple(parts[: k - 1])
            self.scan.add_key(self._resolve(parent), parts[k - 1])
        if is_array:
            index = self.array_tables.get(path, -1) + 1
            self.array_tables[path] = index
            path = (*path, index)
        self.table = self._resolve(path) if not is_array else (*self._resolve(path[:-1]), index)
        self.expect = "after"
        self.segments = []
        return close_end

    def _resolve(self, path: KeyPath) -> KeyPath:
        """A header path with the current index of every array of tables on the way."""
        resolved: list[PathPart] = []
        for part in path:
            resolved.append(part)
            key = tuple(p for p in resolved if isinstance(p, str))
            if key in self.array_tables and len(key) < len([p for p in path if isinstance(p, str)]):
                resolved.append(self.array_tables[key])
        return tuple(resolved)

    def _header_token(
        self, span: Span, inner: Span, parts: list[str], key: str, quote: str
    ) -> None:
        table = self._resolve(tuple(parts))
        self.scan.tokens.append(_Token(_Kind.HEADER, span, inner, table, key, quote))


class _JsonLexer:
    """JSON, leniently: objects, arrays, strings and bare words."""

    def __init__(self, text: str, cursor: int) -> None:
        self.text = text
        self.cursor = cursor
        self.scan = _Scan()
        # frames: ["object", path, state, key] with state "key" | "colon" | "value" | "after"
        #         ["array", path, index, state] with state "value" | "after"
        self.stack: list[list[object]] = []
        self.top_done = False

    def _path(self, frame: list[object]) -> KeyPath:
        path = frame[1]
        assert isinstance(path, tuple)
        return path

    def _value_path(self) -> KeyPath:
        if not self.stack:
            return ()
        frame = self.stack[-1]
        if frame[0] == "object":
            return (*self._path(frame), str(frame[3]))
        index = frame[2]
        assert isinstance(index, int)
        return (*self._path(frame), index)

    def _expecting(self) -> str:
        if not self.stack:
            return "after" if self.top_done else "value"
        frame = self.stack[-1]
        return str(frame[2] if frame[0] == "object" else frame[3])

    def _snapshot(self) -> None:
        if self.scan.at_cursor is not None:
            return
        expecting = self._expecting()
        if expecting == "key":
            self.scan.at_cursor = _State(Place.KEY, self._path(self.stack[-1]))
        elif expecting == "value":
            self.scan.at_cursor = _State(Place.VALUE, self._value_path())
        else:
            self.scan.at_cursor = _State(Place.NOWHERE, ())

    def _set(self, state: str) -> None:
        if not self.stack:
            self.top_done = state == "after"
            return
        frame = self.stack[-1]
        if frame[0] == "object":
            frame[2] = state
        else:
            frame[3] = state

    def _value_done(self) -> None:
        self._set("after")

    def run(self) -> _Scan:
        text, n = self.text, len(self.text)
        i = 0
        while i < n:
            if i == self.cursor:
                self._snapshot()
            char = text[i]
            expecting = self._expecting()
            if char in " \t\r\n":
                i += 1
                continue
            if char == '"':
                end, start_inner, end_inner, _quote, closed = _read_string(text, i, False)
                raw = text[start_inner:end_inner]
                span, inner = Span(i, end), Span(start_inner, end_inner)
                if expecting == "key":
                    frame = self.stack[-1]
                    key = _unescape(raw, '"')
                    self.scan.tokens.append(
                        _Token(_Kind.KEY, span, inner, self._path(frame), key, '"', closed)
                    )
                    self.scan.add_key(self._path(frame), key)
                    frame[3] = key
                    frame[2] = "colon"
                else:
                    self.scan.tokens.append(
                        _Token(_Kind.VALUE, span, inner, self._value_path(), raw, '"', closed)
                    )
                    self._value_done()
                i = end
                continue
            if char == ":" and self.stack and self.stack[-1][0] == "object":
                self.stack[-1][2] = "value"
            elif char == ",":
                if self.stack and self.stack[-1][0] == "object":
                    self.stack[-1][2] = "key"
                elif self.stack:
                    index = self.stack[-1][2]
                    assert isinstance(index, int)
                    self.stack[-1][2] = index + 1
                    self.stack[-1][3] = "value"
            elif char == "{" and expecting == "value":
                self.stack.append(["object", self._value_path()[:_MAX_DEPTH], "key", ""])
            elif char == "[" and expecting == "value":
                self.stack.append(["array", self._value_path()[:_MAX_DEPTH], 0, "value"])
            elif char in "}]" and self.stack:
                self.stack.pop()
                self._value_done()
            elif _BARE.match(char) or char in "+.":
                j = i
                while j < n and text[j] not in ' \t\r\n,:]}"':
                    j += 1
                kind = _Kind.KEY if expecting == "key" else _Kind.VALUE
                path = self._path(self.stack[-1]) if kind is _Kind.KEY else self._value_path()
                self.scan.tokens.append(_Token(kind, Span(i, j), Span(i, j), path, text[i:j]))
                if kind is _Kind.VALUE:
                    self._value_done()
                i = j
                continue
            i += 1
        if self.cursor >= n:
            self._snapshot()
        return self.scan


def _line_end(text: str, i: int) -> int:
    ends = [k for k in (text.find("\n", i), text.find("\r", i)) if k >= 0]
    return min(ends) if ends else len(text)


def _at_line_start(text: str, i: int) -> bool:
    j = i - 1
    while j >= 0 and text[j] in " \t":
        j -= 1
    return j < 0 or text[j] in "\r\n"


def _scan_config(text: str, syntax: Syntax, cursor: int) -> _Scan:
    if syntax is Syntax.JSON:
        return _JsonLexer(text, cursor).run()
    return _TomlLexer(text, cursor).run()


def config_query(region: ConfigRegion, offset: int, syntax: Syntax | None = None) -> Query:
    """The cursor inside a config region (`offset` is a host offset)."""
    kind = syntax or (region.syntax if region.syntax in (Syntax.TOML, Syntax.JSON) else None)
    if kind is None:
        kind = Syntax.JSON if region.text.lstrip().startswith("{") else Syntax.TOML
    cursor = max(0, min(region.offsets.to_decoded(offset), len(region.text)))
    base = Query(offset, Place.NOWHERE, Span(offset, offset), region=region, syntax=kind)
    if region.offsets.to_host(cursor) != offset and cursor < len(region.text):
        return base  # the cursor is inside an entity such as `&quot;`: nothing to offer
    scan = _scan_config(region.text, kind, cursor)
    for token in scan.tokens:
        inner = token.inner
        limit = inner.end if token.closed or token.quote == "" else token.span.end
        if not (inner.start <= cursor <= max(inner.end, limit)):
            continue
        if token.quote and not (token.span.start < cursor):
            continue
        word = region.to_host(inner)
        prefix = region.text[inner.start : max(inner.start, min(cursor, inner.end))]
        if token.kind is _Kind.VALUE:
            return _replace(
                base,
                place=Place.VALUE,
                word=word,
                prefix=prefix,
                token=token.text,
                path=token.table,
                quote=token.quote,
            )
        place = Place.KEY if token.kind is _Kind.KEY else Place.TABLE_HEADER
        present = frozenset(scan.present.get(token.table, set()) - {token.text})
        return _replace(
            base,
            place=place,
            word=word,
            prefix=prefix,
            token=token.text,
            path=token.table,
            quote=token.quote,
            present=present,
            table_tail=place is Place.KEY and _table_tail(region.text, scan, token.span, kind),
        )
    state = scan.at_cursor or _State(Place.NOWHERE, ())
    if state.place is Place.NOWHERE:
        return base
    present = frozenset(scan.present.get(state.path, set()))
    tail = state.place is Place.KEY and _table_tail(region.text, scan, Span(cursor, cursor), kind)
    return _replace(base, place=state.place, path=state.path, present=present, table_tail=tail)


def _table_tail(text: str, scan: _Scan, span: Span, syntax: Syntax) -> bool:
    if syntax is not Syntax.TOML:
        return False
    start = text.rfind("\n", 0, span.start) + 1
    end = _line_end(text, span.end)
    if text[start : span.start].strip() or text[span.end : end].strip():
        return False
    next_header = min((h for h in scan.headers if h > end), default=len(text))
    return not any(t.kind is _Kind.KEY and end < t.span.start < next_header for t in scan.tokens)


def _replace(query: Query, **changes: object) -> Query:
    from dataclasses import replace

    return replace(query, **changes)  # type: ignore[arg-type]


# --- HTML --------------------------------------------------------------------------------


def page_query(page: Page, offset: int) -> Query:
    """The cursor in an HTML page."""
    nowhere = Query(offset, Place.NOWHERE, Span(offset, offset))
    for element in page.elements:
        span = element.start_tag_span
        if span.start < offset < span.end or (
            span.start < offset == span.end and not page.text[span.start : span.end].endswith(">")
        ):
            return _in_start_tag(page, element, offset)
    for region in page_regions(page):
        if region.origin is not Origin.CONFIG_ELEMENT:
            continue
        host = region.host_span
        if host.start <= offset <= host.end:
            syntax = region.syntax
            if syntax not in (Syntax.TOML, Syntax.JSON):
                forced = (region.element.value("type") if region.element else None) or ""
                syntax = Syntax.JSON if forced.strip().lower() == "json" else Syntax.TOML
            return config_query(region, offset, syntax)
    for element in page.elements:
        body = element.body_span
        if element.tag in _RAW_TEXT and body is not None and body.start <= offset <= body.end:
            return nowhere
    return _scan_cut_tag(page.text, offset) or nowhere


def _in_start_tag(page: Page, element: Element, offset: int) -> Query:
    tag = Tag(
        element.tag,
        tuple((a.name, a.value) for a in element.attributes),
        element,
    )
    text = page.text
    if element.name_span.start <= offset <= element.name_span.end:
        name = element.name_span
        return Query(
            offset,
            Place.TAG_NAME,
            name,
            prefix=text[name.start : offset].lower(),
            token=element.tag,
            tag=tag,
        )
    for attribute in element.attributes:
        value = attribute.value_span
        if value is not None and value.start <= offset <= value.end:
            region = _attribute_region(page, element, attribute.name)
            if region is not None and region.syntax in (Syntax.TOML, Syntax.JSON):
                found = config_query(region, offset)
                return _replace(found, tag=tag, attribute=attribute.name)
            decoded = attribute.value or ""
            cut = offset - value.start
            if attribute.value_offsets is not None:
                cut = attribute.value_offsets.to_decoded(offset)
            return Query(
                offset,
                Place.ATTRIBUTE_VALUE,
                value,
                prefix=decoded[: max(0, cut)],
                token=decoded,
                tag=tag,
                attribute=attribute.name,
                quote=attribute.quote,
            )
        name = attribute.name_span
        if name.start <= offset <= name.end:
            return Query(
                offset,
                Place.ATTRIBUTE_NAME,
                name,
                prefix=text[name.start : offset].lower(),
                token=attribute.name,
                tag=tag,
                attribute=attribute.name,
            )
    return Query(offset, Place.ATTRIBUTE_NAME, Span(offset, offset), tag=tag)


def _attribute_region(page: Page, element: Element, name: str) -> ConfigRegion | None:
    for region in page_regions(page):
        attribute = region.attribute
        if region.element is element and attribute is not None and attribute.name == name:
            return region
    return None


_ATTR_TOKEN = re.compile(
    r"""\s*(?P<name>[^\s"'>/=]+)(?:\s*=\s*(?:"(?P<dq>[^"]*)"?|'(?P<sq>[^']*)'?|(?P<uq>[^\s>]*)))?"""
)


def _scan_cut_tag(text: str, offset: int) -> Query | None:
    """A start tag the reader did not keep (cut off at the end of the text)."""
    low = max(0, offset - _SCAN_BACK)
    lt = text.rfind("<", low, offset)
    if lt < 0 or (text.find(">", lt, offset) >= 0 and _closed_before(text, lt, offset)):
        return None
    after = text[lt + 1 : offset]
    name_match = re.match(r"[A-Za-z][^\s/>]*", after)
    if name_match is None:
        if after == "":
            return Query(offset, Place.TAG_NAME, Span(offset, offset), tag=Tag("", ()))
        return None
    name = name_match.group(0).lower()
    name_end = lt + 1 + name_match.end()
    if offset <= name_end:
        return Query(
            offset,
            Place.TAG_NAME,
            Span(lt + 1, name_end),
            prefix=text[lt + 1 : offset].lower(),
            token=name,
            tag=Tag(name, ()),
        )
    attributes: list[tuple[str, str | None]] = []
    position = name_end
    while position < offset:
        match = _ATTR_TOKEN.match(text, position, offset)
        if match is None or match.end() == position:
            position += 1
            continue
        attr = match.group("name").lower()
        quote = (
            '"' if match.group("dq") is not None else "'" if match.group("sq") is not None else ""
        )
        value = match.group("dq") or match.group("sq") or match.group("uq")
        if match.end() == offset:
            tag = Tag(name, tuple(attributes))
            if "=" in match.group(0):
                value_text = value or ""
                start = offset - len(value_text)
                return Query(
                    offset,
                    Place.ATTRIBUTE_VALUE,
                    Span(start, offset),
                    prefix=value_text,
                    token=value_text,
                    tag=tag,
                    attribute=attr,
                    quote=quote,
                )
            start = match.start("name")
            return Query(
                offset,
                Place.ATTRIBUTE_NAME,
                Span(start, offset),
                prefix=attr,
                token=attr,
                tag=tag,
                attribute=attr,
            )
        attributes.append((attr, value))
        position = match.end()
    return Query(
        offset, Place.ATTRIBUTE_NAME, Span(offset, offset), tag=Tag(name, tuple(attributes))
    )


def _closed_before(text: str, lt: int, offset: int) -> bool:
    """Whether a `>` outside quotes closes the tag that starts at `lt` before `offset`."""
    quote = ""
    for i in range(lt + 1, offset):
        char = text[i]
        if quote:
            if char == quote:
                quote = ""
        elif (char in "\"'" and text[i - 1] == "=") or (char in "\"'" and text[i - 1].isspace()):
            quote = char
        elif char == ">":
            return True
    return False


# --- entry points ------------------------------------------------------------------------


def query(source: SourceFile, offset: int, page: Page | None = None) -> Query:
    """Where `offset` is in a page or config file; never raises on broken text."""
    offset = max(0, min(offset, len(source.text)))
    if source.kind is FileKind.HTML:
        if page is None:
            from .reading.html_reader import read_page

            page = read_page(source.path, source.text)
        return page_query(page, offset)
    region = file_region(source, Pipeline.STANDALONE, Interpreter.PY)
    syntax = Syntax.JSON if source.kind is FileKind.JSON else Syntax.TOML
    if offset < source.content_start:
        return Query(offset, Place.NOWHERE, Span(offset, offset))
    return config_query(region, offset, syntax)
