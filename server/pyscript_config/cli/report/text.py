"""Human output, ruff style: `path:line:col: CODE message`, a code frame, notes.

The frame shows the line with one line of context on each side, line numbers in a
gutter, and carets under the exact range (to the end of the first line for a range
that spans lines). File text is shown safely: control characters become their
visible Unicode pictures (a page can hold anything, including terminal escapes),
tabs become spaces, wide characters count two cells, and very long lines (minified
pages) are cut to a window around the range.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace

from ...diagnostics import Diagnostic, Fix, Severity, TextEdit
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


def block(diagnostic: Diagnostic, locator: Locator, style: Style, show_fixes: bool = False) -> str:
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
        if show_fixes:
            lines.extend(fix_preview(diagnostic.fix, diagnostic.path, locator))
    return "\n".join(lines) + "\n"


def render(report: Report, *, color: bool = False) -> str:
    style = Style(color)
    return "\n".join(block(d, report.locator, style, report.show_fixes) for d in report.diagnostics)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def fix_preview(fix: Fix, path: str, locator: Locator) -> list[str]:
    """`--show-fixes`: whether `--fix` applies the fix, and the lines it changes,
    before (`-`) and after (`+`), with their line numbers."""
    how = "safe, applied by --fix" if fix.safe else "unsafe, applied by --fix --unsafe-fixes"
    lines = [f"  fix ({how}):"]
    by_path: dict[str, list[TextEdit]] = {}
    for edit in fix.edits:
        by_path.setdefault(edit.path, []).append(edit)
    for where, edits in by_path.items():
        if where != path:
            lines.append(f"    in {clean(where)}:")
        lines.extend(_changed_lines(where, edits, locator))
    return lines


def _changed_lines(path: str, edits: list[TextEdit], locator: Locator) -> list[str]:
    from ...fixes import apply_edits

    text = locator.text(path)
    index = locator.index(path)
    first = min(edit.span.start for edit in edits)
    last = max(edit.span.end for edit in edits)
    if text is None or index is None or last > len(text):
        return [
            f"    replace offsets {e.span.start}-{e.span.end} with {e.new_text!r}" for e in edits
        ]
    first_line = index.line_col(first)[0]
    last_line = index.line_col(max(first, last - 1))[0]
    start = index.line_start(first_line)
    end = index.line_start(last_line + 1) if last_line < index.line_count() else len(text)
    before = text[start:end]
    after = apply_edits(before, [replace(e, span=e.span.shifted(-start)) for e in edits])
    old = _split_lines(before)
    new = _split_lines(after)
    width = len(str(first_line + max(len(old), len(new), 1) - 1))
    column = first - start
    shown = [
        *(f"    {first_line + i:>{width}} - {_shown(line, column)}" for i, line in enumerate(old)),
        *(f"    {first_line + i:>{width}} + {_shown(line, column)}" for i, line in enumerate(new)),
    ]
    return [line.rstrip() for line in shown]


def _split_lines(text: str) -> list[str]:
    if not text:
        return []
    lines = _LINE_BREAK.split(text)
    return lines[:-1] if lines[-1] == "" else lines


def _shown(line: str, column: int) -> str:
    return _visible(line, _window_start(len(line), column))[0]


def fixed_lines(
    fixed: Sequence[tuple[str, str, int]], counts: Counts, *, details: bool = False
) -> list[str]:
    """`Fixed 2 problems (1 remaining).` and, with `details`, what was fixed where.

    "Remaining" counts errors and warnings, as the summary line does.
    """
    total = sum(number for _, _, number in fixed)
    lines = [f"Fixed {_plural(total, 'problem')} ({counts.problems} remaining)."]
    if details:
        from ...rules.registry import RULES

        for path, code, number in fixed:
            rule = RULES.get(code)
            name = f" ({rule.name})" if rule is not None else ""
            lines.append(f"  {clean(path)}: {number} × {code}{name}")
    return lines


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
