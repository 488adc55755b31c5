"""V8's `JSON.parse`, reproduced for its error messages.

basic-toml hands every value to `JSON.parse`, so what a PyScript user sees in the
banner is a V8 message such as `Unexpected non-whitespace character after JSON at
position 4`. To quote it exactly we follow V8's parser (`src/json/json-parser.cc`):
the same token classes, the same order of checks, the same message templates, and
the same 10-character context snippets. Positions and snippets count UTF-16 code
units, as JavaScript strings do, so the text is converted to code units first.

Chromium's newer V8 appends ` (line L column C)` to positional messages; Node 20 and
the recordings we compare with by prefix do not need it, so it is left out.

The values built are plain Python ones (dict, list, str, int/float, bool, None),
numbers converted as JavaScript would print them back to JSON: an integral double
below 1e21 becomes an `int`, so `1.0` reads as `1` just like `JSON.stringify` gives.
"""

from __future__ import annotations

import math
import re
from typing import Any

__all__ = [
    "JS_SPACE",
    "JsonSyntaxError",
    "js_number",
    "js_number_to_string",
    "js_trim",
    "json_parse",
    "json_stringify",
    "to_utf16",
]

# What JavaScript's `\s` matches and `String.prototype.trim` removes.
JS_SPACE = (
    "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008"
    "\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
)

_CONTEXT = 10  # V8's kMaxContextCharacters
_SHORT = _CONTEXT * 2  # sources up to this length are quoted whole
_SPECIAL = frozenset({"[object Object]", "undefined", "Infinity", "NaN"})
_JSON_SPACE = " \t\n\r"
_HEX = frozenset("0123456789abcdefABCDEF")
_DIGITS = frozenset("0123456789")
_SIMPLE_ESCAPES = {'"': '"', "\\": "\\", "/": "/", "b": "\b", "f": "\f", "n": "\n", "r": "\r"}
_SIMPLE_ESCAPES["t"] = "\t"
_STRING_RUN = re.compile(r'[^"\\\x00-\x1f]*')
_DIGIT_RUN = re.compile(r"[0-9]*")


def js_trim(text: str) -> str:
    return text.strip(JS_SPACE)


class JsonSyntaxError(Exception):
    """A `JSON.parse` failure: V8's message and where it happened.

    `position` counts code points of the text that was parsed (for mapping back to the
    source); the message counts UTF-16 code units, as V8 does.
    """

    def __init__(self, message: str, position: int) -> None:
        super().__init__(message)
        self.message = message
        self.position = position


def to_utf16(text: str) -> tuple[str, list[int]]:
    """The text as UTF-16 code units (astral characters split into surrogates), and for
    each unit (plus the end) the code-point index it came from."""
    if text.isascii() or all(ord(c) < 0x10000 for c in text):
        return text, list(range(len(text) + 1))
    units: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        code = ord(char)
        if code < 0x10000:
            units.append(char)
            where.append(index)
        else:
            code -= 0x10000
            units.append(chr(0xD800 | (code >> 10)))
            units.append(chr(0xDC00 | (code & 0x3FF)))
            where.extend((index, index))
    where.append(len(text))
    return "".join(units), where


def _from_utf16(units: str) -> str:
    """Join surrogate pairs back; a lone surrogate (a snippet cut in half) becomes U+FFFD."""
    data = units.encode("utf-16-le", "surrogatepass")
    return data.decode("utf-16-le", "replace")


def js_number(text: str) -> int | float:
    """A JSON number as the JavaScript double it becomes, in the shape `JSON.stringify`
    would print it back (integral values below 1e21 have no fraction)."""
    value = float(text)
    if math.isfinite(value) and value.is_integer() and abs(value) < 1e21:
        return int(value)
    return value


def js_number_to_string(value: float) -> str:
    """`Number.prototype.toString()` for a double (shortest round-trip digits)."""
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "Infinity" if value > 0 else "-Infinity"
    if value == 0:
        return "0"
    sign = "-" if value < 0 else ""
    digits, exponent = _shortest(abs(value))
    k = len(digits)
    n = exponent + k  # the decimal point sits after n digits
    if k <= n <= 21:
        return sign + digits + "0" * (n - k)
    if 0 < n <= 21:
        return sign + digits[:n] + "." + digits[n:]
    if -6 < n <= 0:
        return sign + "0." + "0" * (-n) + digits
    e = n - 1
    mantissa = digits[0] + ("." + digits[1:] if k > 1 else "")
    return f"{sign}{mantissa}e{'+' if e >= 0 else '-'}{abs(e)}"


def _shortest(value: float) -> tuple[str, int]:
    """Shortest decimal digits `d` and exponent `e` with value == int(d) * 10**e."""
    # repr() gives the shortest round-trip form; normalise it into digits and exponent.
    text = repr(value)
    if "e" in text:
        mantissa, _, exp = text.partition("e")
        exponent = int(exp)
    else:
        exponent = 0
        mantissa = text
    whole, _, fraction = mantissa.partition(".")
    if fraction == "0":
        fraction = ""
    digits = (whole + fraction).lstrip("0")
    exponent -= len(fraction)
    stripped = digits.rstrip("0")
    exponent += len(digits) - len(stripped)
    return stripped or "0", exponent


def json_stringify(value: object) -> str:
    """`JSON.stringify(value)` for the values our emulators build."""
    from .jsdate import JsDate

    parts: list[str] = []
    stack: list[Any] = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, _Literal):
            parts.append(item.text)
        elif isinstance(item, JsDate):
            iso = item.iso()
            parts.append("null" if iso is None else _quote(iso))
        elif item is None:
            parts.append("null")
        elif item is True:
            parts.append("true")
        elif item is False:
            parts.append("false")
        elif isinstance(item, (int, float)):
            number = float(item)
            parts.append(js_number_to_string(number) if math.isfinite(number) else "null")
        elif isinstance(item, str):
            parts.append(_quote(item))
        elif isinstance(item, list):
            stack.append(_Literal("]"))
            for index in range(len(item) - 1, -1, -1):
                stack.append(item[index])
                if index:
                    stack.append(_Literal(","))
            stack.append(_Literal("["))
        elif isinstance(item, dict):
            stack.append(_Literal("}"))
            entries = list(item.items())
            for index in range(len(entries) - 1, -1, -1):
                key, entry = entries[index]
                stack.append(entry)
                stack.append(_Literal(_quote(str(key)) + ":"))
                if index:
                    stack.append(_Literal(","))
            stack.append(_Literal("{"))
        else:
            parts.append("null")
    return "".join(parts)


class _Literal:
    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text


_QUOTE_ESCAPES = {'"': '\\"', "\\": "\\\\", "\b": "\\b", "\f": "\\f", "\n": "\\n"}
_QUOTE_ESCAPES["\r"] = "\\r"
_QUOTE_ESCAPES["\t"] = "\\t"
_NEEDS_ESCAPE = re.compile(r'["\\\x00-\x1f\ud800-\udfff]')


def _quote(text: str) -> str:
    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _QUOTE_ESCAPES.get(char) or f"\\u{ord(char):04x}"

    return '"' + _NEEDS_ESCAPE.sub(escape, text) + '"'


def json_parse(text: str) -> Any:
    """`JSON.parse(text)` (no reviver); raises `JsonSyntaxError` with V8's message."""
    return _Parser(text).parse()


# Token classes of V8's one-character lookup table.
_EOS = "eos"
_STRING = "string"
_NUMBER = "number"
_OTHER = "other"


def _token(char: str) -> str:
    if char == "":
        return _EOS
    if char == '"':
        return _STRING
    if char == "-" or char in _DIGITS:
        return _NUMBER
    return _OTHER


class _Parser:
    def __init__(self, text: str) -> None:
        self.source = text
        self.units, self.where = to_utf16(text)
        self.n = len(self.units)
        self.pos = 0

    # -- errors

    def _fail(self, pos: int, template: str | None = None) -> JsonSyntaxError:
        """V8's ReportUnexpectedToken at `pos`, with an explicit message or by token."""
        units = self.units
        cp = self.where[min(pos, self.n)]
        if template is not None:
            return JsonSyntaxError(f"{template} at position {pos}", cp)
        char = units[pos] if pos < self.n else ""
        kind = _token(char)
        if kind == _EOS:
            return JsonSyntaxError("Unexpected end of JSON input", cp)
        if kind == _NUMBER:
            return JsonSyntaxError(f"Unexpected number in JSON at position {pos}", cp)
        if kind == _STRING:
            return JsonSyntaxError(f"Unexpected string in JSON at position {pos}", cp)
        if units in _SPECIAL:
            return JsonSyntaxError(f'"{units}" is not valid JSON', cp)
        shown = _from_utf16(char)
        if self.n <= _SHORT:
            snippet = f'"{_from_utf16(units)}"'
        elif pos < _CONTEXT:
            snippet = f'"{_from_utf16(units[: pos + _CONTEXT])}"...'
        elif pos < self.n - _CONTEXT:
            snippet = f'..."{_from_utf16(units[pos - _CONTEXT : pos + _CONTEXT])}"...'
        else:
            snippet = f'..."{_from_utf16(units[pos - _CONTEXT :])}"'
        return JsonSyntaxError(f"Unexpected token '{shown}', {snippet} is not valid JSON", cp)

    # -- scanning

    def _skip(self) -> int:
        units = self.units
        pos = self.pos
        while pos < self.n and units[pos] in _JSON_SPACE:
            pos += 1
        self.pos = pos
        return pos

    def _peek(self) -> str:
        return self.units[self.pos] if self.pos < self.n else ""

    def _string(self) -> str:
        """A string; `self.pos` is at its opening quote."""
        units = self.units
        n = self.n
        pos = self.pos + 1
        parts: list[str] = []
        while True:
            m = _STRING_RUN.match(units, pos)
            if m is not None and m.end() > pos:
                parts.append(m.group())
                pos = m.end()
            if pos >= n:
                raise self._fail(pos, "Unterminated string in JSON")
            char = units[pos]
            if char == '"':
                self.pos = pos + 1
                return _from_utf16("".join(parts))
            if char == "\\":
                pos += 1
                if pos >= n:
                    raise self._fail(pos)
                escape = units[pos]
                simple = _SIMPLE_ESCAPES.get(escape)
                if simple is not None:
                    parts.append(simple)
                    pos += 1
                    continue
                if escape == "u":
                    value = 0
                    for _ in range(4):
                        pos += 1
                        digit = units[pos] if pos < n else ""
                        if not digit or digit not in _HEX:
                            raise self._fail(pos, "Bad Unicode escape in JSON")
                        value = value * 16 + int(digit, 16)
                    parts.append(chr(value))
                    pos += 1
                    continue
                if ord(escape) > 0xFF:  # outside V8's Latin-1 escape table
                    raise self._fail(pos)
                raise self._fail(pos, "Bad escaped character in JSON")
            raise self._fail(pos, "Bad control character in string literal in JSON")

    def _number(self) -> int | float:
        units = self.units
        start = pos = self.pos
        if units[pos] == "-":
            pos += 1
        char = units[pos] if pos < self.n else ""
        if char == "0":
            pos += 1
            following = units[pos] if pos < self.n else ""
            if following in _DIGITS:
                raise self._fail(pos)
        else:
            end = _DIGIT_RUN.match(units, pos).end()  # type: ignore[union-attr]
            if end == pos:
                raise self._fail(pos, "No number after minus sign in JSON")
            pos = end
        if pos < self.n and units[pos] == ".":
            pos += 1
            end = _DIGIT_RUN.match(units, pos).end()  # type: ignore[union-attr]
            if end == pos:
                raise self._fail(pos, "Unterminated fractional number in JSON")
            pos = end
        if pos < self.n and units[pos] in "eE":
            pos += 1
            if pos < self.n and units[pos] in "+-":
                pos += 1
            end = _DIGIT_RUN.match(units, pos).end()  # type: ignore[union-attr]
            if end == pos:
                raise self._fail(pos, "Exponent part is missing a number in JSON")
            pos = end
        self.pos = pos
        return js_number(units[start:pos])

    def _literal(self, word: str) -> None:
        units = self.units
        pos = self.pos
        for index in range(1, len(word)):
            at = pos + index
            if at >= self.n:
                raise self._fail(at)
            if units[at] != word[index]:
                raise self._fail(at)
        self.pos = pos + len(word)

    # -- values

    def parse(self) -> Any:
        value = self._value()
        pos = self._skip()
        if pos < self.n:
            raise self._fail(pos, "Unexpected non-whitespace character after JSON")
        return value

    def _value(self) -> Any:
        """V8's ParseJsonValue: a loop over an explicit stack of open containers."""
        # Each frame: [container, pending key (objects) or None]
        stack: list[list[Any]] = []
        while True:
            # -- produce a value
            while True:
                self._skip()
                char = self._peek()
                if char == '"':
                    value: Any = self._string()
                elif char == "-" or char in _DIGITS:
                    value = self._number()
                elif char == "{":
                    self.pos += 1
                    if self._skip() < self.n and self._peek() == "}":
                        self.pos += 1
                        value = {}
                    else:
                        key = self._key("Expected property name or '}' in JSON")
                        stack.append([{}, key])
                        continue
                elif char == "[":
                    self.pos += 1
                    if self._skip() < self.n and self._peek() == "]":
                        self.pos += 1
                        value = []
                    else:
                        stack.append([[], None])
                        continue
                elif char == "t":
                    self._literal("true")
                    value = True
                elif char == "f":
                    self._literal("false")
                    value = False
                elif char == "n":
                    self._literal("null")
                    value = None
                else:
                    raise self._fail(self.pos)
                break
            # -- consume it
            while True:
                if not stack:
                    return value
                frame = stack[-1]
                container = frame[0]
                if isinstance(container, dict):
                    container[frame[1]] = value
                    self._skip()
                    if self._peek() == ",":
                        self.pos += 1
                        frame[1] = self._key("Expected double-quoted property name in JSON")
                        break
                    if self._peek() != "}":
                        raise self._fail(
                            self.pos, "Expected ',' or '}' after property value in JSON"
                        )
                    self.pos += 1
                else:
                    container.append(value)
                    self._skip()
                    if self._peek() == ",":
                        self.pos += 1
                        break
                    if self._peek() != "]":
                        raise self._fail(
                            self.pos, "Expected ',' or ']' after array element in JSON"
                        )
                    self.pos += 1
                stack.pop()
                value = container

    def _key(self, expected: str) -> str:
        self._skip()
        if self._peek() != '"':
            raise self._fail(self.pos, expected)
        key = self._string()
        self._skip()
        if self._peek() != ":":
            raise self._fail(self.pos, "Expected ':' after property name in JSON")
        self.pos += 1
        return key
