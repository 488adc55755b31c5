"""A strict JSON reader that keeps a span on every key and value.

PyScript reads JSON configs with `JSON.parse`, so this reader accepts exactly what
V8's `JSON.parse` accepts (RFC 8259), and reports everything else as a
`SyntaxProblem` in words a JSON user knows, at the offending character or token.

It is written for an editor as much as for a validator: it never raises, it returns
whatever tree it had built when it stopped (open containers are closed at the error),
and after the common slips (trailing or missing commas, comments, single quotes,
unquoted keys, Python literals, a raw line break in a string) it reports the problem
and keeps going, so one run shows several problems. The first problem is always the
one `JSON.parse` would stop at; later ones are best effort.

The parser is a loop over an explicit stack, not a recursive descent, so no input
can exhaust Python's recursion limit; nesting is capped at `MAX_DEPTH` levels. Strings,
numbers and whitespace runs are consumed with compiled regexes, which keeps a typical
config well under a millisecond.
"""

from __future__ import annotations

import re

from ..text import Span
from ..tree import Array, Entry, Kind, Node, ParseResult, Scalar, SyntaxProblem, Table

__all__ = ["MAX_DEPTH", "MAX_PROBLEMS", "parse_json"]

MAX_DEPTH = 256
MAX_PROBLEMS = 100

# Insignificant whitespace is exactly these four characters in JSON.
_WS = re.compile(r"[ \t\n\r]*")
# A string without escapes or control characters: the common case, one regex call.
_SIMPLE_STRING = re.compile(r'"[^"\\\x00-\x1f]*"')
# The run of ordinary characters inside a string, up to a quote, backslash or control.
_CHUNK_DQ = re.compile(r'[^"\\\x00-\x1f]*')
_CHUNK_SQ = re.compile(r"[^'\\\x00-\x1f]*")
# After a raw line break in a string: does the next line close the string, as in a
# string deliberately written over two lines? (If not, the quote was forgotten.)
_CONTINUED = re.compile(r'[^"\n\r]*"[ \t]*(?:[,:}\]\r\n]|$)')
_HEX4 = re.compile(r"[0-9a-fA-F]{4}")
_HEX_PREFIX = re.compile(r"[0-9a-fA-F]{0,3}")
# A JSON number; it is valid only if no number-like text follows ("01", "1.", "0x1").
# (The caller checks the next character, rather than a lookahead that could backtrack.)
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?")
_LINE_REST = re.compile(r"[^\n\r]*")
# Number-like or word-like text, for messages and for skipping a bad token.
_LOOSE = re.compile(r"[-+.\w$]+")
_WORD = re.compile(r"(?:[^\W\d]|\$)[\w$]*")
# The token at an error position, for the span of "expected ..." problems.
_TOKEN = re.compile(r'"(?:[^"\\\n\r]|\\[^\n\r])*"?|[-+.\w$]+|.', re.DOTALL)

_ESCAPES = {
    '"': '"',
    "\\": "\\",
    "/": "/",
    "b": "\b",
    "f": "\f",
    "n": "\n",
    "r": "\r",
    "t": "\t",
}

_LITERALS: dict[str, tuple[Kind, bool | None]] = {
    "true": (Kind.BOOLEAN, True),
    "false": (Kind.BOOLEAN, False),
    "null": (Kind.NULL, None),
}

# Words from other languages that people write in JSON, with what JSON wants instead.
_FOREIGN_WORDS: dict[str, tuple[str, Kind, bool | float | None]] = {
    "True": ("True is not valid JSON; use true", Kind.BOOLEAN, True),
    "False": ("False is not valid JSON; use false", Kind.BOOLEAN, False),
    "TRUE": ("TRUE is not valid JSON; use true", Kind.BOOLEAN, True),
    "FALSE": ("FALSE is not valid JSON; use false", Kind.BOOLEAN, False),
    "None": ("None is not valid JSON; use null", Kind.NULL, None),
    "NULL": ("NULL is not valid JSON; use null", Kind.NULL, None),
    "Null": ("Null is not valid JSON; use null", Kind.NULL, None),
    "nil": ("nil is not valid JSON; use null", Kind.NULL, None),
    "undefined": ("undefined is not valid JSON; use null", Kind.NULL, None),
    "NaN": ("NaN is not allowed in JSON", Kind.FLOAT, float("nan")),
    "Infinity": ("Infinity is not allowed in JSON", Kind.FLOAT, float("inf")),
    "-Infinity": ("-Infinity is not allowed in JSON", Kind.FLOAT, float("-inf")),
    "+Infinity": ("+Infinity is not allowed in JSON", Kind.FLOAT, float("inf")),
    "-NaN": ("NaN is not allowed in JSON", Kind.FLOAT, float("nan")),
    "+NaN": ("NaN is not allowed in JSON", Kind.FLOAT, float("nan")),
}

# Characters that need a closer look where whitespace may appear: comments, and
# Unicode spaces that JavaScript source allows but JSON does not.
_OTHER_SPACE = frozenset("\f\v\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff") | frozenset(
    chr(c) for c in range(0x2000, 0x200B)
)
_ODD = _OTHER_SPACE | {"/"}
_SPACE = _ODD | set(" \t\n\r")
_VALUE_START = frozenset('"{[-0123456789' + "'")

_TOO_MANY = "too many problems; reading stopped here"
_BOM_MESSAGE = "byte order mark is not allowed in JSON text"
_SINGLE_QUOTES = "single quotes are not allowed in JSON; use double quotes"

# Parser states.
_VALUE = 0  # a value is expected
_AFTER = 1  # a value just ended
_KEY_FIRST = 2  # just after "{"
_KEY = 3  # just after "," in an object
_ITEM_FIRST = 4  # just after "["
_ITEM = 5  # just after "," in an array

_STRING = Kind.STRING
_INTEGER = Kind.INTEGER
_FLOAT = Kind.FLOAT


class _Frame:
    """An open object or array: where it started and where its members go."""

    __slots__ = ("closer", "comma", "entries", "is_object", "items", "node", "start")

    def __init__(self, node: Table | Array, start: int) -> None:
        self.node = node
        self.start = start
        self.comma = start  # the last comma read in it, for "trailing comma"
        if isinstance(node, Table):
            self.is_object = True
            self.closer = "}"
            self.entries = node.entries
            self.items: list[Node] = []
        else:
            self.is_object = False
            self.closer = "]"
            self.entries = []
            self.items = node.items


def parse_json(text: str) -> ParseResult:
    """Parse `text` as strict JSON into a tree with spans; never raises."""
    return _Parser(text).parse()


def _shorten(token: str) -> str:
    """A token as quoted in a message: whole if short, else its start."""
    return token if len(token) <= 30 else token[:29] + "…"


def _describe(char: str) -> str:
    return f"U+{ord(char):04X}"


def _is_word_start(char: str) -> bool:
    return char.isalnum() or char in "_$+-."


class _Parser:
    __slots__ = ("broken_at", "n", "problems", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.n = len(text)
        self.problems: list[SyntaxProblem] = []
        # Where the last string was cut short by a raw line break.
        self.broken_at = -1

    def report(self, message: str, start: int, end: int, related: tuple[Span, ...] = ()) -> None:
        problems = self.problems
        # One problem per place: a recovery must not report the same spot twice.
        if problems and problems[-1].span.start == start:
            return
        if len(problems) >= MAX_PROBLEMS:
            # Past this, a document is not JSON at all; the main loop stops.
            if len(problems) == MAX_PROBLEMS:
                problems.append(SyntaxProblem(_TOO_MANY, Span(start, start)))
            return
        problems.append(SyntaxProblem(message, Span(start, end), related))

    def follows_broken_string(self) -> bool:
        problems = self.problems
        return bool(problems) and problems[-1].span.start == self.broken_at

    def trailing_comma(self, frame: _Frame) -> None:
        self.report("trailing comma is not allowed in JSON", frame.comma, frame.comma + 1)

    def token_end(self, pos: int) -> int:
        """End of the token at `pos`, so that a problem underlines the whole token."""
        if pos >= self.n:
            return pos
        m = _TOKEN.match(self.text, pos)
        return m.end() if m else pos + 1

    # -- the main loop -------------------------------------------------------------

    def parse(self) -> ParseResult:
        text = self.text
        n = self.n
        space = _SPACE
        skip = self.skip
        simple_string = _SIMPLE_STRING.match
        number = _NUMBER.match
        stack: list[_Frame] = []
        top: _Frame | None = None  # stack[-1], kept at hand
        root: Node | None = None
        # The key of the member whose value comes next. A value is attached as soon as
        # it starts (containers too), so one pair of variables serves every level.
        key = ""
        key_span = Span(0, 0)
        pos = 0
        state = _VALUE
        error_at = -1  # where parsing stopped for good, if it did

        if n and text[0] == "\ufeff":
            self.report(_BOM_MESSAGE, 0, 1)
            pos = 1

        # One turn of the loop reads what follows a value: a comma, then a key and its
        # colon, then the next value; the states say where a turn starts.
        problems = self.problems
        while True:
            if pos < n and text[pos] in space:
                pos = skip(pos)
            if len(problems) > MAX_PROBLEMS:
                error_at = pos
                break

            if state == _AFTER:
                if top is None:
                    if pos < n:
                        end = self.token_end(pos)
                        self.report("unexpected text after the JSON value", pos, end)
                    break
                if pos >= n:
                    error_at = self.end_of_input(top, "")
                    break
                c = text[pos]
                if c == ",":
                    top.comma = pos
                    pos += 1
                    if pos < n and text[pos] in space:
                        pos = skip(pos)
                    state = _KEY if top.is_object else _ITEM
                elif c == top.closer:
                    top.node.span = Span(top.start, pos + 1)
                    stack.pop()
                    top = stack[-1] if stack else None
                    pos += 1
                    continue
                else:
                    if top.is_object:
                        message = 'expected "," or "}" after a property value'
                        resume = c in "\"'" or _is_word_start(c)
                    else:
                        message = 'expected "," or "]" after an array element'
                        resume = c in _VALUE_START or _is_word_start(c)
                    if not (resume and self.follows_broken_string()):
                        # (after a string cut at a line break, the missing comma is
                        # a consequence of the missing quote: say nothing more)
                        self.report(message, pos, self.token_end(pos))
                    if not resume:
                        error_at = pos
                        break
                    # A missing comma: read on as if it were there.
                    state = _KEY if top.is_object else _VALUE

            if state in (_KEY, _KEY_FIRST):
                assert top is not None
                if pos >= n:
                    error_at = self.end_of_input(top, "")
                    break
                c = text[pos]
                if c == '"':
                    m = simple_string(text, pos)
                    if m is not None:
                        end = m.end()
                        key = text[pos + 1 : end - 1]
                    else:
                        key, end = self.string(pos, '"')
                elif c == "}":
                    if state == _KEY:
                        self.trailing_comma(top)
                    top.node.span = Span(top.start, pos + 1)
                    stack.pop()
                    top = stack[-1] if stack else None
                    pos += 1
                    state = _AFTER
                    continue
                elif c == "'":
                    key, end = self.string(pos, "'")
                    self.report(_SINGLE_QUOTES, pos, end)
                elif _is_word_start(c):
                    m = _LOOSE.match(text, pos)
                    end = m.end() if m is not None else pos + 1
                    key = text[pos:end]
                    self.report("property names must be double-quoted strings", pos, end)
                elif c == ",":
                    self.report("expected a property name", pos, pos + 1)
                    top.comma = pos
                    pos += 1
                    continue
                else:
                    self.report("expected a property name", pos, self.token_end(pos))
                    error_at = pos
                    break
                key_span = Span(pos, end)
                pos = end
                if pos < n and text[pos] in space:
                    pos = skip(pos)
                if pos < n and text[pos] == ":":
                    pos += 1
                elif pos >= n:
                    error_at = self.end_of_input(top, "")
                    break
                else:
                    c = text[pos]
                    self.report('expected ":" after a property name', pos, self.token_end(pos))
                    if c == "=":
                        pos += 1
                    elif not (c in _VALUE_START or _is_word_start(c)):
                        error_at = pos
                        break
                if pos < n and text[pos] in space:
                    pos = skip(pos)
                state = _VALUE
            elif state in (_ITEM, _ITEM_FIRST):
                assert top is not None
                if pos < n and text[pos] == "]":
                    if state == _ITEM:
                        self.trailing_comma(top)
                    top.node.span = Span(top.start, pos + 1)
                    stack.pop()
                    top = stack[-1] if stack else None
                    pos += 1
                    state = _AFTER
                    continue
                state = _VALUE

            # state == _VALUE
            if pos >= n:
                error_at = self.end_of_input(top, "expected a value")
                break
            c = text[pos]
            node: Node
            if c == '"':
                m = simple_string(text, pos)
                if m is not None:
                    end = m.end()
                    node = Scalar(_STRING, text[pos + 1 : end - 1], Span(pos, end))
                else:
                    value, end = self.string(pos, '"')
                    node = Scalar(_STRING, value, Span(pos, end))
                pos = end
            elif c in "{[":
                if len(stack) >= MAX_DEPTH:
                    self.report(f"nesting is deeper than {MAX_DEPTH} levels", pos, pos + 1)
                    error_at = pos
                    break
                if c == "{":
                    node = Table([], Span(pos, pos + 1))
                    state = _KEY_FIRST
                else:
                    node = Array([], Span(pos, pos + 1))
                    state = _ITEM_FIRST
                if top is None:
                    root = node
                elif top.is_object:
                    top.entries.append(Entry(key, key_span, node))
                else:
                    top.items.append(node)
                top = _Frame(node, pos)
                stack.append(top)
                pos += 1
                continue
            elif c in "-0123456789":
                m = number(text, pos)
                if m is not None and not (m.end() < n and _is_word_start(text[m.end()])):
                    end = m.end()
                    raw = m.group()
                    if m.lastindex is None:
                        whole = _to_int(raw)
                        kind = _INTEGER if isinstance(whole, int) else _FLOAT
                        node = Scalar(kind, whole, Span(pos, end), raw)
                    else:
                        node = Scalar(_FLOAT, float(raw), Span(pos, end), raw)
                    pos = end
                else:
                    recovered = self.bad_word(pos)
                    if recovered is None:
                        pos = self.token_end(pos)
                        state = _AFTER
                        continue
                    node, pos = recovered
            elif c == "'":
                value, end = self.string(pos, "'")
                self.report(_SINGLE_QUOTES, pos, end)
                node = Scalar(_STRING, value, Span(pos, end))
                pos = end
            elif _is_word_start(c):
                m = _WORD.match(text, pos)
                literal = _LITERALS.get(m.group()) if m is not None else None
                if m is not None and literal is not None:
                    end = m.end()
                    node = Scalar(literal[0], literal[1], Span(pos, end))
                    pos = end
                else:
                    recovered = self.bad_word(pos)
                    if recovered is None:
                        pos = self.token_end(pos)
                        state = _AFTER
                        continue
                    node, pos = recovered
            else:
                self.report("expected a value", pos, self.token_end(pos))
                # `[1,,2]` or `{"a": }`: the value is missing but the structure goes on.
                if top is not None and c in (",", top.closer):
                    state = _AFTER
                    continue
                error_at = pos
                break
            if top is None:
                root = node
            elif top.is_object:
                top.entries.append(Entry(key, key_span, node))
            else:
                top.items.append(node)
            state = _AFTER

        if stack:
            # Close what is still open at the point where reading stopped.
            stop = min(error_at if error_at >= 0 else pos, n)
            for frame in stack:
                frame.node.span = Span(frame.start, max(frame.start + 1, stop))
        return ParseResult(root, problems)

    # -- pieces --------------------------------------------------------------------

    def end_of_input(self, top: _Frame | None, at_root: str) -> int:
        """Report the end of the text inside a container (or where a value is needed)."""
        n = self.n
        if top is not None:
            self.report(
                f'unexpected end of input: "{top.closer}" is missing',
                n,
                n,
                (Span(top.start, top.start + 1),),
            )
        else:
            self.report(at_root, n, n)
        return n

    def skip(self, pos: int) -> int:
        """Skip whitespace, and report and skip comments and non-JSON spaces."""
        m = _WS.match(self.text, pos)
        pos = m.end() if m is not None else pos
        if pos < self.n and self.text[pos] in _ODD:
            pos = self.skip_odd(pos)
        return pos

    def skip_odd(self, pos: int) -> int:
        """Skip comments and non-JSON spaces, reporting each; stop at anything else."""
        text = self.text
        n = self.n
        problems = self.problems
        while pos < n and len(problems) <= MAX_PROBLEMS:
            c = text[pos]
            if c == "/":
                nxt = text[pos + 1 : pos + 2]
                if nxt == "/":
                    line = _LINE_REST.match(text, pos + 2)
                    end = line.end() if line is not None else n
                elif nxt == "*":
                    close = text.find("*/", pos + 2)
                    end = n if close < 0 else close + 2
                else:
                    return pos
                self.report("comments are not allowed in JSON", pos, end)
                pos = end
            elif c in _OTHER_SPACE:
                if c == "\ufeff":
                    self.report(_BOM_MESSAGE, pos, pos + 1)
                else:
                    message = f"whitespace character {_describe(c)} is not allowed in JSON"
                    self.report(message, pos, pos + 1)
                pos += 1
            else:
                return pos
            m = _WS.match(text, pos)
            pos = m.end() if m is not None else pos
        return pos

    def string(self, start: int, quote: str) -> tuple[str, int]:
        """Read a string with escapes or problems; returns its value and end.

        A raw line break is reported; it ends the string (the closing quote was most
        likely forgotten) unless the next line closes it, so that the rest of the text
        still parses sensibly either way.
        """
        text = self.text
        n = self.n
        chunk = _CHUNK_DQ.match if quote == '"' else _CHUNK_SQ.match
        parts: list[str] = []
        pos = start + 1
        while True:
            m = chunk(text, pos)
            end = m.end() if m is not None else pos
            if end > pos:
                parts.append(text[pos:end])
                pos = end
            if pos >= n:
                self.report("unterminated string", start, n)
                return "".join(parts), n
            c = text[pos]
            if c == quote:
                return "".join(parts), pos + 1
            if len(self.problems) > MAX_PROBLEMS:
                return "".join(parts), pos  # the main loop stops
            if c == "\\":
                esc = text[pos + 1 : pos + 2]
                simple = _ESCAPES.get(esc)
                if simple is not None:
                    parts.append(simple)
                    pos += 2
                elif esc == "u":
                    pos = self.unicode_escape(pos, parts)
                elif esc == "":
                    self.report("unterminated string", start, n)
                    return "".join(parts), n
                elif esc == "'" and quote == "'":
                    parts.append("'")
                    pos += 2
                elif esc in "\n\r":
                    self.report('invalid escape: "\\" at the end of a line', pos, pos + 1)
                    return "".join(parts), pos + 1
                elif esc.isprintable():
                    self.report(f'invalid escape "\\{esc}"', pos, pos + 2)
                    parts.append(esc)
                    pos += 2
                else:
                    self.report(f'invalid escape: "\\" followed by {_describe(esc)}', pos, pos + 2)
                    parts.append(esc)
                    pos += 2
            else:  # a control character
                size = 2 if text.startswith("\r\n", pos) else 1
                # A CRLF is one line break: the range covers both characters, never half.
                what = (
                    "line break (U+000D U+000A)"
                    if size == 2
                    else f"control character {_describe(c)}"
                )
                self.report(f"{what} must be escaped in a string", pos, pos + size)
                if c in "\n\r" and _CONTINUED.match(text, pos + size) is None:
                    self.broken_at = pos
                    return "".join(parts), pos
                parts.append(text[pos : pos + size])
                pos += size

    def unicode_escape(self, pos: int, parts: list[str]) -> int:
        r"""Read `\uXXXX` at `pos` (pairing surrogates as JSON.parse does)."""
        text = self.text
        m = _HEX4.match(text, pos + 2)
        if m is None:
            prefix = _HEX_PREFIX.match(text, pos + 2)
            end = prefix.end() if prefix is not None else pos + 2
            self.report(f'invalid escape "{text[pos:end]}": \\u needs four hex digits', pos, end)
            return end
        code = int(m.group(), 16)
        pos += 6
        if 0xD800 <= code < 0xDC00 and text.startswith("\\u", pos):
            low = _HEX4.match(text, pos + 2)
            if low is not None:
                low_code = int(low.group(), 16)
                if 0xDC00 <= low_code < 0xE000:
                    parts.append(chr(0x10000 + ((code - 0xD800) << 10) + (low_code - 0xDC00)))
                    return pos + 6
        # Lone surrogates are kept as they are, as JSON.parse keeps them.
        parts.append(chr(code))
        return pos

    def bad_word(self, pos: int) -> tuple[Scalar, int] | None:
        """Report a non-JSON word or number at `pos`; return the value it stands for, if any."""
        text = self.text
        m = _LOOSE.match(text, pos)
        end = m.end() if m is not None else pos + 1
        word = text[pos:end]
        span = Span(pos, end)
        foreign = _FOREIGN_WORDS.get(word)
        if foreign is not None:
            message, kind, value = foreign
            self.report(message, pos, end)
            return Scalar(kind, value, span, word if kind is Kind.FLOAT else ""), end
        if word[0] in "-+.0123456789":
            self.report(f'invalid number "{_shorten(word)}"', pos, end)
            # Keep what the author evidently meant ("01", "+1", ".5", "1.") if it is a number.
            try:
                return Scalar(_INTEGER, int(word), span, word), end
            except ValueError:
                pass
            try:
                return Scalar(_FLOAT, float(word), span, word), end
            except ValueError:
                return None
        message = f'unexpected word "{_shorten(word)}"; strings must be double-quoted'
        self.report(message, pos, end)
        return Scalar(_STRING, word, span), end


def _to_int(raw: str) -> int | float:
    """Python int of an integer literal.

    Beyond Python's limit on digits (`sys.get_int_max_str_digits`, 4300 by default)
    the literal becomes the float JSON.parse gives for it (infinity), never an error.
    """
    try:
        return int(raw)
    except ValueError:
        return float(raw)
