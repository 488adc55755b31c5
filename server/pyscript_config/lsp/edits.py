"""Applying a client's incremental edits the way VS Code's own text model does.

pygls takes a range as it comes: a start after the end duplicates text, a column
past the end of the last line lands one character short, and an edit to a document
that is not open raises. Clients and servers must agree on the text, and the
reference (vscode-languageserver-textdocument) orders the two ends of a range and
clamps each to the document: a line past the end means the end of the text, a
column past the end of its line means the end of that line's content.

Lines are split as `Snapshot` splits them (`str.splitlines`), so edits and the
positions of diagnostics agree. Columns are counted with string operations, not
character by character, so that 10,000 edits to a long line stay fast.
"""

from __future__ import annotations

from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec


def apply_change(
    text: str, change: types.TextDocumentContentChangeEvent, codec: PositionCodec
) -> str:
    if not isinstance(change, types.TextDocumentContentChangePartial):
        return change.text
    lines = text.splitlines(True)
    encoding = codec.encoding or types.PositionEncodingKind.Utf16
    start = _offset(lines, change.range.start, encoding)
    end = _offset(lines, change.range.end, encoding)
    start, end = min(start, end), max(start, end)
    return text[:start] + change.text + text[end:]


def _offset(lines: list[str], position: types.Position, encoding: object) -> int:
    if position.line >= len(lines):
        return sum(map(len, lines))
    before = sum(map(len, lines[: position.line]))
    line = lines[position.line]
    content = line.splitlines()[0] if line else ""
    return before + _index(content, position.character, encoding)


def _index(content: str, units: int, encoding: object) -> int:
    """The string index of column `units` (in the client's code units), clamped to
    the end of the line's content."""
    if content.isascii() or encoding == types.PositionEncodingKind.Utf32:
        return min(units, len(content))
    utf8 = encoding == types.PositionEncodingKind.Utf8
    count = 0
    for index, char in enumerate(content):
        if count >= units:
            return index
        point = ord(char)
        if utf8:
            count += 1 if point < 0x80 else 2 if point < 0x800 else 3 if point < 0x10000 else 4
        else:
            count += 2 if point >= 0x10000 else 1
    return len(content)
