"""Text that remembers where each of its characters came from.

basic-toml rewrites the config before it reads it (strings become `"s0"`, dates
`"d0"`, multi-line arrays are joined onto one line), and its errors are positions in
the rewritten text. To point at what the user wrote we rewrite a `Tracked` text the
same way: every character keeps the span of source text it stands for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from ..text import Span

__all__ = ["Piece", "Tracked"]

# A piece of replacement text and the source span it stands for (None: the whole match).
Piece = tuple[str, "Span | None"]


class Tracked:
    """A string plus, per character, the source span it stands for."""

    __slots__ = ("ends", "source_end", "starts", "text")

    def __init__(self, text: str, starts: list[int], ends: list[int], source_end: int) -> None:
        self.text = text
        self.starts = starts
        self.ends = ends
        self.source_end = source_end  # where "the end of this text" is in the source

    @classmethod
    def of(cls, source: str) -> Tracked:
        n = len(source)
        return cls(source, list(range(n)), list(range(1, n + 1)), n)

    def __len__(self) -> int:
        return len(self.text)

    def origin(self, start: int, end: int | None = None) -> Span:
        """The source span of `text[start:end]` (a point when it is empty)."""
        if end is None:
            end = start + 1
        n = len(self.text)
        if start >= n:
            point = self.source_end if n == 0 else self.ends[n - 1]
            return Span(point, point)
        if end <= start:
            return Span(self.starts[start], self.starts[start])
        end = min(end, n)
        return Span(self.starts[start], max(self.starts[start], self.ends[end - 1]))

    def point(self, offset: int) -> int:
        """The source offset of the position `offset` (between characters)."""
        if offset < len(self.text):
            return self.starts[offset]
        return self.origin(offset).end

    def slice(self, start: int, end: int) -> Tracked:
        source_end = self.ends[end - 1] if end > start else self.point(start)
        return Tracked(
            self.text[start:end], self.starts[start:end], self.ends[start:end], source_end
        )

    def sub(
        self, pattern: re.Pattern[str], replace: Callable[[re.Match[str]], Sequence[Piece]]
    ) -> Tracked:
        """`text.replace(pattern, ...)` with every match replaced by `replace(match)`."""
        text = self.text
        parts: list[str] = []
        starts: list[int] = []
        ends: list[int] = []
        last = 0
        for m in pattern.finditer(text):
            a, b = m.span()
            parts.append(text[last:a])
            starts.extend(self.starts[last:a])
            ends.extend(self.ends[last:a])
            whole = self.origin(a, b)
            for piece, where in replace(m):
                span = whole if where is None else where
                parts.append(piece)
                starts.extend([span.start] * len(piece))
                ends.extend([span.end] * len(piece))
            last = b
        if last == 0 and not parts:
            return self
        parts.append(text[last:])
        starts.extend(self.starts[last:])
        ends.extend(self.ends[last:])
        return Tracked("".join(parts), starts, ends, self.source_end)

    def split(self, pattern: re.Pattern[str]) -> list[Tracked]:
        """`text.split(pattern)` (JavaScript semantics for a pattern without groups)."""
        pieces: list[Tracked] = []
        last = 0
        for m in pattern.finditer(self.text):
            pieces.append(self.slice(last, m.start()))
            last = m.end()
        pieces.append(self.slice(last, len(self.text)))
        return pieces

    def trim(self, chars: str) -> Tracked:
        text = self.text
        start = len(text) - len(text.lstrip(chars))
        end = len(text.rstrip(chars))
        if end <= start:
            return self.slice(start, start)
        return self.slice(start, end)
