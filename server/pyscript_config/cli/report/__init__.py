"""Output formats for `validate`: one module per format, all fed the same `Report`.

A reporter is a function `render(report, color=...) -> str`. It gets the diagnostics
already deduplicated and sorted, the list of files that were checked, and a way to
get a file's text (for 1-based line and column numbers, counted in characters, and
for code frames). Reporters only format; they decide nothing about exit codes.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Protocol

from ...diagnostics import Diagnostic, Severity
from ...text import LineIndex

FORMATS = ("text", "json", "github", "sarif", "junit")
_MODULES = {
    "text": "text",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
    "junit": "junit",
}
REPOSITORY_URL = "https://github.com/pyscript-config/pyscript-config"
RULES_DOC_URL = f"{REPOSITORY_URL}/blob/main/docs/rules.md"

TextOf = Callable[[str], "str | None"]


@dataclass(frozen=True, slots=True)
class Position:
    line: int  # 1-based
    column: int  # 1-based, in characters
    offset: int  # 0-based string index into the file's text


class Locator:
    """Offsets to positions and lines, with one `LineIndex` per file, built on demand."""

    def __init__(self, text_of: TextOf) -> None:
        self._text_of = text_of
        self._indexes: dict[str, LineIndex | None] = {}

    def text(self, path: str) -> str | None:
        return self._text_of(path)

    def index(self, path: str) -> LineIndex | None:
        if path not in self._indexes:
            text = self._text_of(path)
            self._indexes[path] = LineIndex(text) if text is not None else None
        return self._indexes[path]

    def position(self, path: str, offset: int) -> Position:
        index = self.index(path)
        if index is None:  # text not available (e.g. over the size limit): offsets only
            return Position(1, offset + 1, offset)
        line, column = index.line_col(offset)
        text = self._text_of(path) or ""
        return Position(line, column, max(0, min(offset, len(text))))

    def line_text(self, path: str, line: int) -> str | None:
        """The text of 1-based `line`, without its line ending."""
        index = self.index(path)
        text = self._text_of(path)
        if index is None or text is None or not 1 <= line <= index.line_count():
            return None
        start = index.line_start(line)
        end = index.line_start(line + 1) if line < index.line_count() else len(text)
        return text[start:end].rstrip("\r\n")


@dataclass(frozen=True, slots=True)
class Report:
    diagnostics: Sequence[Diagnostic]
    files: Sequence[str]  # files that were checked, sorted
    locator: Locator
    # `--fix` runs: (path, code, count) of the fixes applied; None when not fixing.
    fixed: Sequence[tuple[str, str, int]] | None = None
    show_fixes: bool = False  # text: show each fix's changed lines (`--show-fixes`)


class Reporter(Protocol):
    def __call__(self, report: Report, *, color: bool = False) -> str: ...


def get_reporter(name: str) -> Reporter:
    """The `render` function of format `name` (imported only when asked for)."""
    module = importlib.import_module(f"{__name__}.{_MODULES[name]}")
    render: Reporter = module.render
    return render


@dataclass(frozen=True, slots=True)
class Counts:
    errors: int = 0
    warnings: int = 0
    info: int = 0
    hints: int = 0

    @property
    def problems(self) -> int:
        """Errors and warnings: what the summary counts (info and hints are not problems)."""
        return self.errors + self.warnings


def count(diagnostics: Sequence[Diagnostic]) -> Counts:
    by = dict.fromkeys(Severity, 0)
    for diagnostic in diagnostics:
        by[diagnostic.severity] += 1
    return Counts(
        by[Severity.ERROR], by[Severity.WARNING], by[Severity.INFORMATION], by[Severity.HINT]
    )


def rule_url(code: str) -> str:
    """Link to the rule's section of docs/rules.md (anchors as GitHub renders them)."""
    from ...rules.registry import RULES

    rule = RULES.get(code)
    if rule is None:
        return RULES_DOC_URL
    return f"{RULES_DOC_URL}#{rule.code.lower()}-{rule.name}"


def rule_title(code: str) -> str:
    """`PSC001 toml-syntax`, or the bare code for a code the registry does not know."""
    from ...rules.registry import RULES

    rule = RULES.get(code)
    return f"{code} {rule.name}" if rule is not None else code
