"""Host offsets ↔ LSP positions, only through pygls's `TextDocument`.

The core speaks Python string indices; the client speaks lines and columns in the
negotiated encoding (UTF-16 unless it offered UTF-8 or UTF-32). `Snapshot` is a
`TextDocument` frozen at one text: its line table is computed once (pygls re-splits
the text on every call), offsets are found by bisection, and the two edges pygls
gets wrong are handled: an empty text, and the very end of a text that does not
end with a line break. The unit conversion itself is pygls's.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

from lsprotocol import types
from pygls.workspace import TextDocument
from pygls.workspace.position_codec import PositionCodec, ServerTextPosition

from ..text import Span


class Snapshot(TextDocument):
    def __init__(self, uri: str, text: str, version: int | None, codec: PositionCodec) -> None:
        super().__init__(uri, source=text, version=version, position_codec=codec)
        self._text = text
        self._lines: tuple[str, ...] = tuple(text.splitlines(True))
        starts = [0]
        for line in self._lines:
            starts.append(starts[-1] + len(line))
        self._starts = starts

    @property
    def lines(self) -> Sequence[str]:
        return self._lines

    @property
    def text(self) -> str:
        return self._text

    def server_position_at_offset(self, offset: int) -> ServerTextPosition:
        offset = max(0, min(offset, len(self._text)))
        if not self._lines:
            return ServerTextPosition(0, 0)
        if offset == len(self._text):
            last = self._lines[-1]
            if last.splitlines() != [last]:  # ends with a line break
                return ServerTextPosition(len(self._lines), 0)
            return ServerTextPosition(len(self._lines) - 1, len(last))
        line = bisect_right(self._starts, offset) - 1
        return ServerTextPosition(line, offset - self._starts[line])

    def client_position_at_offset(self, offset: int) -> types.Position:
        position = self.server_position_at_offset(offset)
        if position.line >= len(self._lines):
            return types.Position(line=position.line, character=0)
        return self.position_to_client_units(position)

    def offset_at_server_position(self, server_position: ServerTextPosition) -> int:
        line = max(0, min(server_position.line, len(self._lines)))
        if line >= len(self._lines):
            return len(self._text)
        return min(self._starts[line] + server_position.character, self._starts[line + 1])

    def offset_at_position(self, client_position: types.Position) -> int:
        # pygls clamps the position it is given in place: hand it a copy.
        copy = types.Position(line=client_position.line, character=client_position.character)
        if copy.line >= len(self._lines):
            return len(self._text)
        return super().offset_at_position(copy)

    def range(self, span: Span) -> types.Range:
        return types.Range(
            start=self.client_position_at_offset(span.start),
            end=self.client_position_at_offset(span.end),
        )

    def span(self, range_: types.Range) -> Span:
        start = self.offset_at_position(range_.start)
        end = self.offset_at_position(range_.end)
        return Span(min(start, end), max(start, end))


def snapshot(document: TextDocument) -> Snapshot:
    """A frozen copy of an open document (its text and version now)."""
    return Snapshot(document.uri, document.source, document.version, document.position_codec)
