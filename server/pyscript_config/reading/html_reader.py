"""A tolerant HTML scanner that keeps exact host offsets.

The standard library's `html.parser` normalises what it reports and loses the
positions of attribute names, values and entities, so diagnostics could not point
at them. This module follows the WHATWG tokenizer closely enough that a page reads
the way a browser reads it (comments, raw-text elements, the attribute grammar,
character references), while every piece it reports carries string indices into the
original text: nothing is normalised, not even line endings.

The tree is built with a plain open-element stack instead of the full HTML
tree-construction algorithm: tags stay in source order, an end tag closes the
nearest open element of the same name. Only the parts of tree construction that
change how the *tokenizer* reads what follows are modelled: void elements, raw-text
elements, and foreign content (`<svg>`/`<math>`, where `<script>` is not raw text and
`<x/>` closes itself).

Text content is computed only for the elements whose body PyScript reads; a page is
otherwise scanned without decoding its text, which keeps the reader fast.
"""

from __future__ import annotations

import re
import string
from html.entities import html5

from ..page import Attribute, Element, Page
from ..text import OffsetMap, Span

__all__ = ["read_page"]


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_VOID = _words(
    "area base br col embed hr img input link meta source track wbr"
    # Obsolete elements the HTML parser never leaves open either.
    " basefont bgsound frame keygen param"
)
# Elements whose content is raw text (no tags, no entities). `noscript` is raw text
# because PyScript pages run with scripting enabled.
_RAWTEXT = frozenset(("style", "xmp", "iframe", "noembed", "noframes", "noscript"))
_RCDATA = frozenset(("textarea", "title"))  # no tags, entities decoded
# Elements whose `textContent` PyScript reads (besides `<script>`, read verbatim).
_TEXT_CONTENT = frozenset(("py-config", "mpy-config", "py-script", "mpy-script"))
# Start tags that end foreign content (HTML "in foreign content" insertion mode).
_BREAKOUT = _words(
    "b big blockquote body br center code dd div dl dt em embed h1 h2 h3 h4 h5 h6 head hr i"
    " img li listing menu meta nobr ol p pre ruby s small span strong strike sub sup table"
    " tt u ul var"
)
_SVG_HTML_POINTS = frozenset(("foreignobject", "desc", "title"))
_MATH_TEXT_POINTS = frozenset(("mi", "mo", "mn", "ms", "mtext"))
# Elements `_Scanner._pop_to` has more to do for when they close.
_CLOSE_SPECIAL = frozenset(("template", "script", *_TEXT_CONTENT))
# Start tags the fast path of the scanner leaves to `_Scanner._start_tag`.
_SPECIAL = frozenset(
    ("svg", "math", "script", "plaintext", "template", *_RAWTEXT, *_RCDATA, *_TEXT_CONTENT)
)

# Namespaces. An open element's "mode" is its namespace, plus _INSIDE_HTML when it is
# an integration point (its children are parsed as HTML): mode 1 or 2 = foreign content.
_HTML, _SVG, _MATH = 0, 1, 2
_INSIDE_HTML = 4
_DATA, _RAW = 0, 1  # segment kinds: decode entities, or copy verbatim

_LOWER = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)
_ALNUM = frozenset(string.ascii_letters + string.digits)

# `<` followed by something that makes it a token rather than text. For tags: group 1
# the `/` of an end tag, 2 the tag name, 3 a `>` right after the name.
_TOKEN = re.compile(r"<(?:(/?)([A-Za-z][^\t\n\f\r />]*)(>?)|[!?/])")
# One step of the "before attribute name" .. "after attribute value" states: skip
# whitespace and stray solidi, then an optional attribute with an optional value.
# Groups: 1 name, 2 "value", 3 closing ", 4 'value', 5 closing ', 6 unquoted value.
# `\r` counts as whitespace because the browser turns it into `\n` before tokenizing.
_ATTRIBUTE = re.compile(
    r"""[\t\n\f\r /]*
    (?:
        ([^\t\n\f\r />][^\t\n\f\r />=]*)
        (?:
            [\t\n\f\r ]*=[\t\n\f\r ]*
            (?: "([^"]*)("?) | '([^']*)('?) | ([^\t\n\f\r >]*) )
        )?
    )?""",
    re.VERBOSE,
)
_COMMENT_END = re.compile(r"--!?>")
# Tag names compare ASCII case-insensitively: without re.ASCII, U+017F would match `s`.
_SCRIPT_EVENT = re.compile(r"<!--|-->|<(/?)script[\t\n\f\r />]", re.IGNORECASE | re.ASCII)
_END_TAG_CACHE: dict[str, re.Pattern[str]] = {}

_REFERENCE = re.compile(r"&(?:#[xX]([0-9a-fA-F]+);?|#([0-9]+);?|([A-Za-z][A-Za-z0-9]*;?))")
_LEGACY = {name: value for name, value in html5.items() if not name.endswith(";")}
_LEGACY_MAX = max(map(len, _LEGACY))
# WHATWG "numeric character reference end state": C1 controls read as windows-1252.
_WINDOWS_1252 = {
    0x80: 0x20AC,
    0x82: 0x201A,
    0x83: 0x0192,
    0x84: 0x201E,
    0x85: 0x2026,
    0x86: 0x2020,
    0x87: 0x2021,
    0x88: 0x02C6,
    0x89: 0x2030,
    0x8A: 0x0160,
    0x8B: 0x2039,
    0x8C: 0x0152,
    0x8E: 0x017D,
    0x91: 0x2018,
    0x92: 0x2019,
    0x93: 0x201C,
    0x94: 0x201D,
    0x95: 0x2022,
    0x96: 0x2013,
    0x97: 0x2014,
    0x98: 0x02DC,
    0x99: 0x2122,
    0x9A: 0x0161,
    0x9B: 0x203A,
    0x9C: 0x0153,
    0x9E: 0x017E,
    0x9F: 0x0178,
}


def read_page(path: str, text: str) -> Page:
    """Every element of `text` in document order, with host spans."""
    scanner = _Scanner(text)
    elements = scanner.run()
    return Page(path, text, elements, scanner.comments)


def _lower(name: str) -> str:
    """ASCII lower-casing, as the tokenizer does (`str.lower` also folds non-ASCII)."""
    return name.lower() if name.isascii() else name.translate(_LOWER)


def _numeric(digits: str, base: int) -> str:
    digits = digits.lstrip("0")
    # Long digit strings overflow anyway (and `int()` refuses very long ones).
    code = int(digits or "0", base) if len(digits) <= 8 else 0x110000
    if code == 0 or code > 0x10FFFF or 0xD800 <= code <= 0xDFFF:
        return "\ufffd"
    return chr(_WINDOWS_1252.get(code, code))


def _named(candidate: str) -> tuple[str | None, int, bool]:
    """Value, length used and whether a `;` ended it, for `&candidate`.

    The tokenizer takes the longest name in the table; only the legacy names (those
    without `;`) can be a proper prefix of the candidate.
    """
    if candidate[-1] == ";":
        value = html5.get(candidate)
        if value is not None:
            return value, len(candidate), True
        candidate = candidate[:-1]
    for size in range(min(len(candidate), _LEGACY_MAX), 1, -1):
        value = _LEGACY.get(candidate[:size])
        if value is not None:
            return value, size, False
    return None, 0, False


def _decode_into(
    text: str,
    start: int,
    end: int,
    *,
    attribute: bool,
    parts: list[str],
    breaks: list[tuple[int, int]],
    decoded: int,
) -> int:
    """Decode the references in `text[start:end]` onto `parts`.

    A break point is added after every reference (decoded index, host offset), so
    that text copied verbatim maps linearly from it. Returns the decoded length.
    """
    literal = position = start
    search = _REFERENCE.search
    while True:
        match = search(text, position, end)
        if match is None:
            break
        amp = match.start()
        named = match.group(3)
        if named is None:
            hexadecimal = match.group(1)
            if hexadecimal is not None:
                value = _numeric(hexadecimal, 16)
            else:
                value = _numeric(match.group(2), 10)
            stop = match.end()
        else:
            found, used, terminated = _named(named)
            stop = amp + 1 + used
            if found is None or (
                attribute
                and not terminated
                and stop < end
                and (text[stop] == "=" or text[stop] in _ALNUM)
            ):
                position = match.end()
                continue
            value = found
        if amp > literal:
            parts.append(text[literal:amp])
            decoded += amp - literal
        parts.append(value)
        decoded += len(value)
        breaks.append((decoded, stop))
        literal = position = stop
    if end > literal:
        parts.append(text[literal:end])
        decoded += end - literal
    return decoded


def _decode_value(text: str, start: int, end: int) -> tuple[str, OffsetMap]:
    parts: list[str] = []
    breaks: list[tuple[int, int]] = []
    _decode_into(text, start, end, attribute=True, parts=parts, breaks=breaks, decoded=0)
    return "".join(parts), OffsetMap(start, breaks)


def _scan_attributes(text: str, position: int, keep: bool) -> tuple[list[Attribute], int, bool]:
    """Attributes from `position` to the end of the tag.

    Returns the attributes (none unless `keep`), the offset after the closing `>`
    (-1 when the text ends inside the tag: the browser then drops the tag) and
    whether the tag ended with `/>`.
    """
    attributes: list[Attribute] = []
    match = _ATTRIBUTE.match
    size = len(text)
    while True:
        found = match(text, position)
        assert found is not None  # every part of the pattern is optional
        name_start = found.start(1)
        if name_start < 0:
            close = found.end()
            if close >= size:
                return attributes, -1, False
            return attributes, close + 1, close > position and text[close - 1] == "/"
        position = found.end()
        if not keep:
            continue
        name_end = found.end(1)
        name = _lower(found.group(1))
        value_start = found.start(2)
        if value_start >= 0:
            quote = '"'
            value_end = found.end(2)
        else:
            value_start = found.start(4)
            if value_start >= 0:
                quote = "'"
                value_end = found.end(4)
            else:
                value_start = found.start(6)
                if value_start < 0:
                    attributes.append(Attribute(name, None, Span(name_start, name_end), None, None))
                    continue
                quote = ""
                value_end = found.end(6)
        raw = text[value_start:value_end]
        if "&" in raw:
            value, offsets = _decode_value(text, value_start, value_end)
        else:
            value, offsets = raw, OffsetMap(value_start)
        attributes.append(
            Attribute(
                name,
                value,
                Span(name_start, name_end),
                Span(value_start, value_end),
                offsets,
                quote,
            )
        )


def _end_tag_pattern(tag: str) -> re.Pattern[str]:
    pattern = _END_TAG_CACHE.get(tag)
    if pattern is None:
        pattern = re.compile("</" + re.escape(tag) + r"[\t\n\f\r />]", re.IGNORECASE | re.ASCII)
        _END_TAG_CACHE[tag] = pattern
    return pattern


def _script_end(text: str, start: int) -> int:
    """Where `</script` ends script data, following the escape states; -1 if never.

    Inside `<!--`, a `<script` enters the "double escaped" state in which `</script`
    does not end the element; `-->` leaves both escape states.
    """
    state = 0  # 0 script data, 1 escaped, 2 double escaped
    position = start
    search = _SCRIPT_EVENT.search
    while True:
        event = search(text, position)
        if event is None:
            return -1
        token = event.group()
        if token == "<!--":
            if state == 0:
                state = 1
            position = event.start() + 2  # its `--` may begin a `-->`
        elif token == "-->":
            state = 0
            position = event.end()
        elif event.group(1):
            if state != 2:
                return event.start()
            state = 1
            position = event.end() - 1
        else:
            if state == 1:
                state = 2
            position = event.end() - 1


class _Scanner:
    """One pass over a page; see the module docstring for the model."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.size = len(text)
        self.elements: list[Element] = []
        # The open-element stack: (element index, tag, mode).
        self.stack: list[tuple[int, str, int]] = []
        self.open_count: dict[str, int] = {}  # open elements by tag: unmatched end tags are O(1)
        self.template_depth = 0
        # Open elements collecting their text content: (element, first segment, depth).
        self.collectors: list[tuple[int, int, int]] = []
        # While collecting: (start, end, kind, template depth) of every text run.
        self.segments: list[tuple[int, int, int, int]] = []
        self.comments: list[Span] = []  # `<!--` comments, for suppression comments

    def run(self) -> list[Element]:
        text = self.text
        size = self.size
        search = _TOKEN.search
        elements = self.elements
        stack = self.stack
        open_count = self.open_count
        data_start = position = 0
        while True:
            found = search(text, position)
            if found is None:
                break
            start = found.start()
            if self.collectors and start > data_start:
                self.segments.append((data_start, start, _DATA, self.template_depth))
            data_start = start
            slash, name, closed = found.groups()
            if name is None:
                position = self._other(start)
            elif slash:
                end = found.end() if closed else _scan_attributes(text, found.end(), False)[1]
                position = end
                if end >= 0:
                    tag = name.lower() if name.isascii() else name.translate(_LOWER)
                    if stack and stack[-1][1] == tag and tag not in _CLOSE_SPECIAL:
                        # The common case, inlined: the end tag of the current element.
                        element = elements[stack.pop()[0]]
                        open_count[tag] -= 1
                        element.body_span = Span(element.start_tag_span.end, start)
                        element.end_tag_span = Span(start, end)
                    elif open_count.get(tag):
                        depth = len(stack) - 1
                        while stack[depth][1] != tag:
                            depth -= 1
                        self._pop_to(depth, start, Span(start, end))
            else:
                name_end = found.end(2)
                if closed:
                    attributes: list[Attribute] = []
                    end = name_end + 1
                    self_closing = False
                else:
                    attributes, end, self_closing = _scan_attributes(text, name_end, True)
                position = end
                if end >= 0:
                    tag = name.lower() if name.isascii() else name.translate(_LOWER)
                    if (stack and stack[-1][2]) or self.collectors or tag in _SPECIAL:
                        position = self._start_tag(
                            start, tag, name_end, attributes, end=end, self_closing=self_closing
                        )
                    else:  # the common case, inlined: an ordinary HTML element
                        elements.append(
                            Element(
                                tag,
                                attributes,
                                Span(start, end),
                                Span(start + 1, name_end),
                                None,
                                None,
                                self.template_depth > 0,
                                stack[-1][0] if stack else None,
                            )
                        )
                        if tag not in _VOID:
                            stack.append((len(elements) - 1, tag, _HTML))
                            open_count[tag] = open_count.get(tag, 0) + 1
            if position < 0:  # the text ended inside a tag: the browser drops it
                data_start = size
                break
            if position == start:  # `</` at the very end is text
                break
            data_start = position
        if self.collectors and size > data_start:
            self.segments.append((data_start, size, _DATA, self.template_depth))
        self._pop_to(0, size, None)
        return self.elements

    # -- tokens other than tags -----------------------------------------------------

    def _other(self, start: int) -> int:
        """`<!...`, `<?...` and `</` not followed by a letter."""
        text = self.text
        size = self.size
        kind = text[start + 1]
        if kind == "/":
            after = start + 2
            if after >= size:
                return start  # `</` then EOF: plain text
            if text[after] == ">":
                return after + 1  # `</>` is dropped altogether
        elif kind == "!":
            if text.startswith("<!--", start):
                body = start + 4
                if text.startswith(">", body):
                    end = body + 1
                elif text.startswith("->", body):
                    end = body + 2
                else:
                    close = _COMMENT_END.search(text, body)
                    end = size if close is None else close.end()
                self.comments.append(Span(start, end))
                return end
            if self.stack and self.stack[-1][2] & 3 and text.startswith("<![CDATA[", start):
                close_at = text.find("]]>", start + 9)
                end = size if close_at < 0 else close_at
                if self.collectors and end > start + 9:
                    self.segments.append((start + 9, end, _RAW, self.template_depth))
                return end if close_at < 0 else end + 3
        # Doctype, bogus comment, CDATA in HTML content: all end at the first `>`.
        close_at = text.find(">", start + 2)
        return size if close_at < 0 else close_at + 1

    # -- start tags -----------------------------------------------------------------

    def _start_tag(
        self,
        start: int,
        tag: str,
        name_end: int,
        attributes: list[Attribute],
        *,
        end: int,
        self_closing: bool,
    ) -> int:
        """Add the element; returns where scanning resumes (after a raw-text body)."""
        stack = self.stack
        space = _HTML
        if stack and 0 < stack[-1][2] < _INSIDE_HTML:  # foreign content
            if tag in _BREAKOUT or (
                tag == "font" and any(a.name in ("color", "face", "size") for a in attributes)
            ):
                self._leave_foreign(start)
            elif tag == "svg" and stack[-1][1] == "annotation-xml":
                space = _SVG
            else:
                space = stack[-1][2]
        if space == _HTML:
            if tag == "svg":
                space = _SVG
            elif tag == "math":
                space = _MATH

        elements = self.elements
        index = len(elements)
        element = Element(
            tag,
            attributes,
            Span(start, end),
            Span(start + 1, name_end),
            None,
            None,
            self.template_depth > 0,
            stack[-1][0] if stack else None,
        )
        elements.append(element)
        for collector, _, _ in self.collectors:
            elements[collector].has_child_elements = True

        if space != _HTML:
            if not self_closing:
                mode = space | (_INSIDE_HTML if _html_inside(tag, space, attributes) else 0)
                self._push(index, tag, mode)
            return end
        if tag in _VOID:
            return end
        if tag == "script":
            return self._raw_body(element, end, _script_end(self.text, end), _RAW)
        if tag in _RAWTEXT or tag in _RCDATA:
            close = _end_tag_pattern(tag).search(self.text, end)
            kind = _DATA if tag in _RCDATA else _RAW
            return self._raw_body(element, end, -1 if close is None else close.start(), kind)
        if tag == "plaintext":
            return self._raw_body(element, end, -1, _RAW)
        self._push(index, tag, _HTML)
        return end

    def _raw_body(self, element: Element, start: int, close: int, kind: int) -> int:
        """Finish a raw-text element whose end tag (if any) begins at `close`."""
        text = self.text
        end = -1
        if close >= 0:
            _, end, _ = _scan_attributes(text, close + 2 + len(element.tag), False)
        if end < 0:
            body_end = self.size
            content_end = self.size if close < 0 else close
        else:
            body_end = content_end = close
            element.end_tag_span = Span(close, end)
        element.body_span = Span(start, body_end)
        if element.tag == "script":
            element.text = text[start:body_end]
            element.text_offsets = OffsetMap(start)
        if self.collectors and content_end > start:
            self.segments.append((start, content_end, kind, self.template_depth))
        return end

    # -- the open-element stack -----------------------------------------------------

    def _push(self, index: int, tag: str, mode: int) -> None:
        self.stack.append((index, tag, mode))
        self.open_count[tag] = self.open_count.get(tag, 0) + 1
        if tag == "template":
            self.template_depth += 1
        elif tag in _TEXT_CONTENT:
            self.collectors.append((index, len(self.segments), self.template_depth))

    def _leave_foreign(self, at: int) -> None:
        """A breakout tag closes foreign elements up to HTML or an integration point."""
        stack = self.stack
        depth = len(stack)
        while depth and 0 < stack[depth - 1][2] < _INSIDE_HTML:
            depth -= 1
        self._pop_to(depth, at, None)

    def _pop_to(self, depth: int, body_end: int, end_tag: Span | None) -> None:
        """Close the open elements above `depth`; the last one closed gets `end_tag`."""
        elements = self.elements
        stack = self.stack
        open_count = self.open_count
        while len(stack) > depth:
            index, tag, _ = stack.pop()
            open_count[tag] -= 1
            element = elements[index]
            body_start = element.start_tag_span.end
            element.body_span = Span(body_start, body_end)
            if len(stack) == depth:
                element.end_tag_span = end_tag
            if tag == "template":
                self.template_depth -= 1
            elif tag == "script":  # in foreign content: an ordinary element
                element.text = self.text[body_start:body_end]
                element.text_offsets = OffsetMap(body_start)
            elif tag in _TEXT_CONTENT and self.collectors and self.collectors[-1][0] == index:
                _, first, level = self.collectors.pop()
                self._collect(element, first, level)
                if not self.collectors:
                    self.segments.clear()

    def _collect(self, element: Element, first: int, depth: int) -> None:
        """`textContent`: the text runs of the body outside nested templates."""
        text = self.text
        parts: list[str] = []
        breaks: list[tuple[int, int]] = []
        base = expected = element.start_tag_span.end
        decoded = 0
        for start, end, kind, level in self.segments[first:]:
            if level > depth or end <= start:
                continue
            if start != expected:
                if decoded == 0:
                    base = start
                elif breaks and breaks[-1][0] == decoded:
                    breaks[-1] = (decoded, start)
                else:
                    breaks.append((decoded, start))
            if kind == _RAW or text.find("&", start, end) < 0:
                parts.append(text[start:end])
                decoded += end - start
            else:
                decoded = _decode_into(
                    text, start, end, attribute=False, parts=parts, breaks=breaks, decoded=decoded
                )
            expected = end
        element.text = "".join(parts)
        element.text_offsets = OffsetMap(base, breaks)


def _html_inside(tag: str, space: int, attributes: list[Attribute]) -> bool:
    """Whether a foreign element is an integration point (children parsed as HTML)."""
    if space == _SVG:
        return tag in _SVG_HTML_POINTS
    if tag in _MATH_TEXT_POINTS:
        return True
    if tag == "annotation-xml":
        for attribute in attributes:
            if attribute.name == "encoding":
                return _lower(attribute.value or "") in ("text/html", "application/xhtml+xml")
    return False
