"""SARIF 2.1.0, for GitHub code scanning and other SARIF viewers.

One run; the driver lists every rule from the registry (so `ruleIndex` is stable
across runs). Regions use 1-based lines and columns in Unicode code points (declared
with `columnKind`), `endColumn` exclusive, plus the character offset and length.
Paths become relative URIs with forward slashes; absolute paths become file: URIs.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any
from urllib.parse import quote

from ... import __version__
from ...diagnostics import Diagnostic, Fix, Severity
from ...rules.registry import RULES
from ...text import Span
from . import REPOSITORY_URL, Locator, Report, rule_url

SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFORMATION: "note",
    Severity.HINT: "note",
}


def artifact_uri(path: str) -> str:
    if Path(path).is_absolute():
        return Path(path).as_uri()
    return quote(path.replace(os.sep, "/"))


def _region(locator: Locator, path: str, span: Span) -> dict[str, Any]:
    start = locator.position(path, span.start)
    end = locator.position(path, span.end)
    return {
        "startLine": start.line,
        "startColumn": start.column,
        "endLine": end.line,
        "endColumn": end.column,
        "charOffset": start.offset,
        "charLength": max(0, end.offset - start.offset),
    }


def _location(locator: Locator, path: str, span: Span) -> dict[str, Any]:
    return {
        "physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(path)},
            "region": _region(locator, path, span),
        }
    }


def _rules() -> list[dict[str, Any]]:
    rules = []
    for rule in RULES.values():
        entry: dict[str, Any] = {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "fullDescription": {"text": rule.why},
            "help": {"text": rule.fix, "markdown": rule.fix},
            "helpUri": rule_url(rule.code),
            "defaultConfiguration": {"level": _LEVEL[rule.severity]},
        }
        if rule.runtime:
            entry["properties"] = {"runtime": rule.runtime}
        rules.append(entry)
    return rules


def _fixes(locator: Locator, fix: Fix) -> list[dict[str, Any]]:
    changes: dict[str, list[dict[str, Any]]] = {}
    for edit in fix.edits:
        changes.setdefault(edit.path, []).append(
            {
                "deletedRegion": _region(locator, edit.path, edit.span),
                "insertedContent": {"text": edit.new_text},
            }
        )
    return [
        {
            "description": {"text": fix.title},
            "artifactChanges": [
                {"artifactLocation": {"uri": artifact_uri(path)}, "replacements": replacements}
                for path, replacements in changes.items()
            ],
        }
    ]


def _result(diagnostic: Diagnostic, locator: Locator, index: dict[str, int]) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": diagnostic.code,
        "level": _LEVEL[diagnostic.severity],
        "message": {"text": diagnostic.message},
        "locations": [_location(locator, diagnostic.path, diagnostic.span)],
    }
    if diagnostic.code in index:
        result["ruleIndex"] = index[diagnostic.code]
    if diagnostic.related:
        result["relatedLocations"] = [
            {"id": number, **_location(locator, r.path, r.span), "message": {"text": r.message}}
            for number, r in enumerate(diagnostic.related, start=1)
        ]
    if diagnostic.fix is not None:
        result["fixes"] = _fixes(locator, diagnostic.fix)
    return result


def render(report: Report, *, color: bool = False) -> str:
    rules = _rules()
    index = {rule["id"]: number for number, rule in enumerate(rules)}
    log = {
        "$schema": SCHEMA_URI,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "pyscript-config",
                        "version": __version__,
                        "semanticVersion": __version__,
                        "informationUri": REPOSITORY_URL,
                        "rules": rules,
                    }
                },
                "columnKind": "unicodeCodePoints",
                "results": [_result(d, report.locator, index) for d in report.diagnostics],
            }
        ],
    }
    return json.dumps(log, indent=2) + "\n"
