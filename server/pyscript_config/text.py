"""Offsets, spans and the maps between decoded text and the host file.

Every offset in the core is a Python string index into the *host* file (the page or
config file on disk). Config text is often decoded first (HTML entities in an
attribute), so a region carries an `OffsetMap` that turns offsets in its decoded text
back into host offsets. Front ends convert host offsets into whatever they need
(line/column for the terminal, LSP positions through pygls) at the very end.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import NamedTuple


class Span(NamedTuple):
    """A half-open range `[start, end)` of string indices.

    A NamedTuple rather than a frozen dataclass: readers create one per key and value,
    and a tuple is several times cheaper to build while staying immutable and hashable.
    """

    start: int
    end: int

    def shifted(self, delta: int) -> Span:
        return Span(self.start + delta, self.end + delta)

    def contains(self, offset: int) -> bool:
        return self.start <= offset <= self.end


class OffsetMap:
    """Maps indices of a decoded text to indices of its host text.

    The mapping is piecewise linear: between two break points every decoded
    character corresponds to exactly one host character. A break point is added
    wherever decoding changed the length (an entity such as `&amp;` is five host
    characters but one decoded character). Text copied verbatim needs no break
    points, only a base offset, which keeps the common case free.
    """

    __slots__ = ("_decoded", "_host")

    def __init__(self, base: int, breaks: list[tuple[int, int]] | None = None) -> None:
        points = [(0, base)]
        if breaks:
            points.extend(breaks)
        self._decoded = [d for d, _ in points]
        self._host = [h for _, h in points]

    @property
    def base(self) -> int:
        return self._host[0]

    def to_host(self, offset: int) -> int:
        i = bisect_right(self._decoded, offset) - 1
        return self._host[i] + (offset - self._decoded[i])

    def span_to_host(self, span: Span) -> Span:
        start = self.to_host(span.start)
        end = self.to_host(span.end) if span.end != span.start else start
        return Span(start, max(start, end))

    def to_decoded(self, host_offset: int) -> int:
        """Inverse of `to_host`; an offset inside an entity maps to the entity."""
        i = max(0, bisect_right(self._host, host_offset) - 1)
        candidate = self._decoded[i] + max(0, host_offset - self._host[i])
        if i + 1 < len(self._decoded):
            candidate = min(candidate, self._decoded[i + 1] - 1)
        return candidate


class LineIndex:
    """Turns string offsets into 1-based line and column numbers (in characters).

    Lines end at `\\n`, `\\r\\n` or a lone `\\r`, as editors count them.
    """

    __slots__ = ("_bom", "_length", "_starts")

    def __init__(self, text: str) -> None:
        starts = [0]
        i = 0
        n = len(text)
        find_n = text.find
        while True:
            j = find_n("\n", i)
            k = find_n("\r", i)
            if j < 0 and k < 0:
                break
            if k < 0 or (0 <= j < k):
                starts.append(j + 1)
                i = j + 1
            elif k + 1 < n and text[k + 1] == "\n":
                starts.append(k + 2)
                i = k + 2
            else:
                starts.append(k + 1)
                i = k + 1
        self._starts = starts
        self._length = n
        self._bom = text.startswith("\ufeff")

    def line_col(self, offset: int) -> tuple[int, int]:
        """1-based line and column of `offset`."""
        offset = max(0, min(offset, self._length))
        line = bisect_right(self._starts, offset) - 1
        column = offset - self._starts[line] + 1
        if line == 0 and self._bom and offset > 0:
            column -= 1
        return line + 1, column

    def line_start(self, line: int) -> int:
        """Offset of the first character of 1-based `line`."""
        return self._starts[max(0, min(line - 1, len(self._starts) - 1))]

    def line_count(self) -> int:
        return len(self._starts)

    def offset(self, line: int, col: int) -> int:
        """Inverse of `line_col` (1-based line and column)."""
        bom = 1 if line == 1 and self._bom else 0
        return min(self.line_start(line) + col - 1 + bom, self._length)
