"""Quick fixes and suppressions: which fixes apply where, and the "ignore CODE here"
comment that `suppress.py` honours (TOML and HTML comments; JSON has none)."""

from __future__ import annotations

from ..diagnostics import Diagnostic, Fix, TextEdit
from ..extract import page_regions
from ..files import FileKind, SourceFile
from ..page import Page
from ..regions import Origin, Syntax
from ..text import Span

TOOL_CODES = frozenset({"PSC901", "PSC902", "PSC903"})


def touching(diagnostics: list[Diagnostic], span: Span) -> list[Diagnostic]:
    """Diagnostics whose range meets `span` (an empty selection touches its edges)."""
    return [d for d in diagnostics if d.span.start <= span.end and span.start <= d.span.end]


def preferred(diagnostic: Diagnostic) -> bool:
    """The obvious fix: a safe one, or the only suggestion there is (a typo with one
    close match); a pick among several suggestions is left to the user."""
    if diagnostic.fix is None:
        return False
    suggestions = diagnostic.data.get("suggestions")
    return diagnostic.fix.safe or (suggestions is not None and "," not in suggestions)


def safe_fixes(diagnostics: list[Diagnostic]) -> list[Fix]:
    return [d.fix for d in diagnostics if d.fix is not None and d.fix.safe]


def _line_start(text: str, offset: int) -> int:
    return max(text.rfind("\n", 0, offset), text.rfind("\r", 0, offset)) + 1


def _indent(text: str, start: int) -> str:
    end = start
    while end < len(text) and text[end] in " \t":
        end += 1
    return text[start:end]


def _newline(text: str) -> str:
    return "\r\n" if "\r\n" in text else "\n"


def suppression(diagnostic: Diagnostic, source: SourceFile, page: Page | None = None) -> Fix | None:
    """A fix that adds `pyscript-config: ignore[CODE]` where it covers `diagnostic`."""
    if diagnostic.code in TOOL_CODES or diagnostic.path != source.path:
        return None
    text = source.text
    directive = f"pyscript-config: ignore[{diagnostic.code}]"
    title = f"Ignore {diagnostic.code} here ({directive})"
    kind = source.kind
    if kind is FileKind.TOML:
        return _toml_line(diagnostic, text, directive, title, 0)
    if kind is not FileKind.HTML:
        return None
    if page is None:
        from ..reading.html_reader import read_page

        page = read_page(source.path, text)
    for region in page_regions(page):
        host = region.host_span
        if (
            region.origin is Origin.CONFIG_ELEMENT
            and region.syntax is Syntax.TOML
            and host.start <= diagnostic.span.start <= host.end
        ):
            fix = _toml_line(diagnostic, text, directive, title, host.start)
            if fix is not None:
                return fix
    element = None
    for candidate in page.elements:
        end = candidate.end_tag_span.end if candidate.end_tag_span else candidate.start_tag_span.end
        if candidate.start_tag_span.start <= diagnostic.span.start < end:
            element = candidate  # later elements are nested deeper
    if element is None:
        return None
    at = element.start_tag_span.start
    line = _line_start(text, at)
    if text[line:at].strip():
        insert = f"<!-- {directive} --> "
    else:
        insert = f"<!-- {directive} -->{_newline(text)}{text[line:at]}"
    return Fix(title, (TextEdit(source.path, Span(at, at), insert),), safe=True)


def _toml_line(
    diagnostic: Diagnostic, text: str, directive: str, title: str, floor: int
) -> Fix | None:
    """A comment line of its own above the diagnostic's line (never inside a string:
    the line must start at or after `floor`, the start of the config text)."""
    line = _line_start(text, diagnostic.span.start)
    if line < floor:
        return None
    indent = _indent(text, line)
    insert = f"{indent}# {directive}{_newline(text)}"
    return Fix(title, (TextEdit(diagnostic.path, Span(line, line), insert),), safe=True)
