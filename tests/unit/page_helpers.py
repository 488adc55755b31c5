"""Helpers for the page-rule unit tests: check a page held in memory, apply a fix."""

from __future__ import annotations

from pyscript_config.check import check_text
from pyscript_config.diagnostics import Diagnostic, Fix
from pyscript_config.files import FileKind, LoadFailure, LoadProblem, SourceFile, kind_of
from pyscript_config.settings import Settings

LOADER = '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>\n'


def check(
    html: str,
    files: dict[str, str] | None = None,
    *,
    loader: str = LOADER,
    version: str | None = None,
) -> list[Diagnostic]:
    """Diagnostics of `index.html` = `loader + html`, with `files` beside it."""
    files = files or {}

    def read(path: str) -> SourceFile | LoadProblem:
        if path in files:
            return SourceFile(path, files[path], kind_of(path) or FileKind.TOML)
        return LoadProblem(path, LoadFailure.MISSING, "missing")

    return check_text(
        "index.html", loader + html, FileKind.HTML, Settings(pyscript_version=version), read
    )


def codes(diagnostics: list[Diagnostic], prefix: str = "PSC2") -> list[str]:
    return [d.code for d in diagnostics if d.code.startswith(prefix)]


def only(diagnostics: list[Diagnostic], code: str) -> Diagnostic:
    found = [d for d in diagnostics if d.code == code]
    assert len(found) == 1, [(d.code, d.message) for d in diagnostics]
    return found[0]


def applied(text: str, fix: Fix | None) -> str:
    """`text` with the fix's edits applied (in reverse order, so offsets stay valid)."""
    assert fix is not None
    for edit in sorted(fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
    return text


def shown(text: str, diagnostic: Diagnostic) -> str:
    return text[diagnostic.span.start : diagnostic.span.end]
