"""GitHub Actions workflow commands: one annotation per diagnostic.

`::error file=...,line=...,col=...,endLine=...,endColumn=...,title=...::message`.
GitHub reads `%`, CR and LF as escapes in the message, and also `:` and `,` in the
properties, so those are percent-encoded; anything else is passed through.
Related locations are appended to the message as `note:` lines.
"""

from __future__ import annotations

from ...diagnostics import Severity
from . import Report, rule_title

_COMMAND = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "notice",
    Severity.HINT: "notice",
}


def escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, *, color: bool = False) -> str:
    locator = report.locator
    lines = []
    for diagnostic in report.diagnostics:
        start = locator.position(diagnostic.path, diagnostic.span.start)
        end = locator.position(diagnostic.path, diagnostic.span.end)
        message = diagnostic.message
        for related in diagnostic.related:
            at = locator.position(related.path, related.span.start)
            message += f"\nnote: {related.path}:{at.line}:{at.column}: {related.message}"
        properties = ",".join(
            [
                f"file={escape_property(diagnostic.path)}",
                f"line={start.line}",
                f"col={start.column}",
                f"endLine={end.line}",
                f"endColumn={end.column}",
                f"title={escape_property(rule_title(diagnostic.code))}",
            ]
        )
        command = _COMMAND[diagnostic.severity]
        lines.append(f"::{command} {properties}::{escape_data(message)}\n")
    return "".join(lines)
