"""Machine-readable JSON, version 1 (documented in docs/output-formats.md).

The shape is a promise: keys are only ever added, and `version` changes if a key
changes meaning. Ranges carry line/column (1-based, characters) and the 0-based
string offset; `end` is exclusive.
"""

from __future__ import annotations

import json
from typing import Any

from ...diagnostics import Diagnostic, Fix
from ...text import Span
from . import Locator, Report, count, rule_url

VERSION = 1


def _range(locator: Locator, path: str, span: Span) -> dict[str, Any]:
    start = locator.position(path, span.start)
    end = locator.position(path, span.end)
    return {
        "start": {"line": start.line, "column": start.column, "offset": start.offset},
        "end": {"line": end.line, "column": end.column, "offset": end.offset},
    }


def _fix(locator: Locator, fix: Fix | None) -> dict[str, Any] | None:
    if fix is None:
        return None
    return {
        "title": fix.title,
        "safe": fix.safe,
        "edits": [
            {
                "path": edit.path,
                "range": _range(locator, edit.path, edit.span),
                "new_text": edit.new_text,
            }
            for edit in fix.edits
        ],
    }


def diagnostic_object(diagnostic: Diagnostic, locator: Locator) -> dict[str, Any]:
    return {
        "code": diagnostic.code,
        "severity": diagnostic.severity.label,
        "message": diagnostic.message,
        "path": diagnostic.path,
        "range": _range(locator, diagnostic.path, diagnostic.span),
        "related": [
            {
                "path": related.path,
                "range": _range(locator, related.path, related.span),
                "message": related.message,
            }
            for related in diagnostic.related
        ],
        "fix": _fix(locator, diagnostic.fix),
        "url": rule_url(diagnostic.code),
    }


def render(report: Report, *, color: bool = False) -> str:
    counts = count(report.diagnostics)
    document: dict[str, Any] = {
        "version": VERSION,
        "diagnostics": [diagnostic_object(d, report.locator) for d in report.diagnostics],
        "summary": {
            "files": len(report.files),
            "errors": counts.errors,
            "warnings": counts.warnings,
            "info": counts.info,
            "hints": counts.hints,
        },
    }
    if report.fixed is not None:  # a --fix run: what was fixed (what remains is above)
        document["summary"]["fixed"] = sum(number for _, _, number in report.fixed)
        document["fixed"] = [
            {"path": path, "code": code, "count": number} for path, code, number in report.fixed
        ]
    return json.dumps(document, indent=2) + "\n"
