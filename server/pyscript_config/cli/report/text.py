"""Human output, ruff style: `path:line:col: CODE message`, a code frame, notes.

The frame shows the line with one line of context on each side, line numbers in a
gutter, and carets under the exact range (to the end of the first line for a range
that spans lines). File text is shown safely: control characters become their
visible Unicode pictures (a page can hold anything, including terminal escapes),
tabs become spaces, wide characters count two cells, and very long lines (minified
pages) are cut to a window around the range.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from ...diagnostics import Diagnostic, Severity
from . import Counts, Locator, Report

MAX_WIDTH = 120  # characters of a source line shown in a frame
LEAD = 40  # characters shown before the range when a long line is cut
TAB = "    "

_SGR = {
    Severity.ERROR: "31",  # red
    Severity.WARNING: "33",  # yellow
    Severity.INFORMATION: "34",  # blue
    Severity.HINT: "2",  # dim
}


class Style:
    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def _wrap(self, text: str, sgr: str) -> str:
        return f"\x1b[{sgr}m{text}\x1b[0m" if self.enabled else text

    def bold(self, text: str) -> str:
        return self._wrap(text, "1")

    def severity(self, text: str, severity: Severity) -> str:
        return self._wrap(text, _SGR[severity])


def clean(text: str) -> str:
    """Message text safe for a terminal: control characters shown as escapes."""
    return "".join(
        char if char.isprintable() or char == " " else char.encode("unicode_escape").decode()
        for char in text
    )


def _cell(char: str) -> str:
    code = ord(char)
    if char == "\t":
        return TAB
    if code < 0x20:
        return chr(0x2400 + code)  # control pictures: ␀ ␁ ... ␟
    if code == 0x7F:
        return "\u2421"
    if 0x80 <= code < 0xA0:
        return "\ufffd"
    return char


def _width(cell: str) -> int:
    if len(cell) != 1:
        return len(cell)
    if unicodedata.combining(cell):
        return 0
    return 2 if unicodedata.east_asian_width(cell) in ("W", "F") else 1


def _window_start(length: int, start: int) -> int:
    if length <= MAX_WIDTH:
        return 0
    return max(0, min(start - LEAD, length - MAX_WIDTH))


def _visible(line: str, begin: int) -> tuple[str, list[str]]:
    """The shown text of `line` from `begin`, and its cells (for caret placement)."""
    cells = [_cell(char) for char in line[begin : begin + MAX_WIDTH]]
    prefix = "…" if begin > 0 else ""
    suffix = "…" if begin + MAX_WIDTH < len(line) else ""
    return prefix + "".join(cells) + suffix, cells


def _gutter_line(number: int | None, width: int, text: str = "") -> str:
    label = str(number) if number is not None else ""
    return f"{label:>{width}} |" + (f" {text}" if text else "")


def frame(diagnostic: Diagnostic, locator: Locator, style: Style) -> list[str]:
    index = locator.index(diagnostic.path)
    line_text = None
    if index is not None:
        start = locator.position(diagnostic.path, diagnostic.span.start)
        end = locator.position(diagnostic.path, diagnostic.span.end)
        line_text = locator.line_text(diagnostic.path, start.line)
    if index is None or line_text is None:
        return []
    number = start.line
    before = number - 1 if number > 1 else None
    after: int | None = number + 1 if number < index.line_count() else None
    after_text = locator.line_text(diagnostic.path, after) if after is not None else None
    if after is not None and after == index.line_count() and not after_text:
        after = None  # the empty "line" after a final newline is not worth showing
    width = len(str(after or number))

    first = start.column - 1
    last = end.column - 1 if end.line == start.line else len(line_text)
    begin = _window_start(len(line_text), first)
    shown, cells = _visible(line_text, begin)
    lead = 1 if begin > 0 else 0
    first -= begin
    last = min(last - begin, len(cells))
    pad = lead + sum(_width(cell) for cell in cells[:first]) + max(0, first - len(cells))
    carets = max(1, sum(_width(cell) for cell in cells[first:last]))
    underline = style.severity("^" * carets + " " + diagnostic.severity.label, diagnostic.severity)

    lines = [_gutter_line(None, width)]
    if before is not None:
        lines.append(_gutter_line(before, width, _context(locator, diagnostic.path, before, begin)))
    lines.append(_gutter_line(number, width, shown))
    lines.append(_gutter_line(None, width, " " * pad + underline))
    if after is not None:
        lines.append(_gutter_line(after, width, _context(locator, diagnostic.path, after, begin)))
    lines.append(_gutter_line(None, width))
    return lines


def _context(locator: Locator, path: str, number: int, begin: int) -> str:
    text = locator.line_text(path, number) or ""
    return _visible(text, begin)[0] if begin < len(text) or not begin else "…"


def block(diagnostic: Diagnostic, locator: Locator, style: Style) -> str:
    where = locator.position(diagnostic.path, diagnostic.span.start)
    header = (
        f"{style.bold(clean(diagnostic.path))}:{where.line}:{where.column}: "
        f"{style.severity(diagnostic.code, diagnostic.severity)} {clean(diagnostic.message)}"
    )
    lines = [header, *frame(diagnostic, locator, style)]
    for related in diagnostic.related:
        at = locator.position(related.path, related.span.start)
        lines.append(
            f"  note: {clean(related.path)}:{at.line}:{at.column}: {clean(related.message)}"
        )
    if diagnostic.fix is not None:
        lines.append(f"  help: {clean(diagnostic.fix.title)}")
    return "\n".join(lines) + "\n"


def render(report: Report, *, color: bool = False) -> str:
    style = Style(color)
    return "\n".join(block(d, report.locator, style) for d in report.diagnostics)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary_line(counts: Counts, diagnostics: Sequence[Diagnostic], failures: int = 0) -> str:
    """`Found 3 errors and 1 warning in 2 files.` or `All checks passed!`.

    Only errors and warnings are problems; info and hints are shown but not counted.
    """
    unreadable = f"{_plural(failures, 'path')} could not be checked" if failures else ""
    if not counts.problems:
        if unreadable:
            return f"No problems found in the files that were checked; {unreadable}."
        return "All checks passed!"
    parts = []
    if counts.errors:
        parts.append(_plural(counts.errors, "error"))
    if counts.warnings:
        parts.append(_plural(counts.warnings, "warning"))
    files = len({d.path for d in diagnostics if d.severity <= Severity.WARNING})
    text = f"Found {' and '.join(parts)} in {_plural(files, 'file')}"
    return f"{text}; {unreadable}." if unreadable else f"{text}."
