"""The diagnostic model shared by every front end.

A diagnostic is plain data: a stable code, a severity, a message in the user's
vocabulary, a range in host-file offsets and, where a safe one exists, a fix made of
text edits. The CLI prints it, the language server converts it, `--fix` applies it;
none of them needs to know which rule produced it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import IntEnum

from .text import Span


class Severity(IntEnum):
    """Numbered as in LSP so the server can pass the value through."""

    ERROR = 1
    WARNING = 2
    INFORMATION = 3
    HINT = 4

    @property
    def label(self) -> str:
        return self.name.lower() if self is not Severity.INFORMATION else "info"

    @classmethod
    def parse(cls, text: str) -> Severity:
        key = text.strip().lower()
        aliases = {"info": "information", "warn": "warning", "err": "error"}
        return cls[aliases.get(key, key).upper()]


@dataclass(frozen=True, slots=True)
class TextEdit:
    """Replace host text `[span.start, span.end)` with `new_text`."""

    path: str
    span: Span
    new_text: str


@dataclass(frozen=True, slots=True)
class Fix:
    """A named set of edits. `safe` fixes are applied by `--fix`; others need
    `--unsafe-fixes`, because they may change what the page does."""

    title: str
    edits: tuple[TextEdit, ...]
    safe: bool = True


@dataclass(frozen=True, slots=True)
class Related:
    """Another place that explains the diagnostic (the first definition of a
    duplicate, the page that references a config file, ...)."""

    path: str
    span: Span
    message: str


@dataclass(frozen=True, slots=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    path: str
    span: Span
    related: tuple[Related, ...] = ()
    fix: Fix | None = None
    # Extra machine-readable facts (e.g. the runtime's own error code, suggestions).
    data: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    def sort_key(self) -> tuple[str, int, int, str, str]:
        return (self.path, self.span.start, self.span.end, self.code, self.message)
