"""JUnit XML, for CI systems that show test reports.

`testsuites` holds one `testsuite` per checked file, each with one `testcase` (the
file) carrying a `failure` per error or warning. Info and hints are not failures.
Built with ElementTree, so every attribute and text is escaped correctly.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections import defaultdict

from ...diagnostics import Diagnostic, Severity
from . import Report, rule_title


def _text(diagnostic: Diagnostic, report: Report) -> str:
    at = report.locator.position(diagnostic.path, diagnostic.span.start)
    lines = [f"{diagnostic.path}:{at.line}:{at.column}: {diagnostic.code} {diagnostic.message}"]
    for related in diagnostic.related:
        where = report.locator.position(related.path, related.span.start)
        lines.append(f"note: {related.path}:{where.line}:{where.column}: {related.message}")
    return "\n".join(lines)


def _xml_safe(text: str) -> str:
    """XML 1.0 cannot hold most control characters, even escaped."""
    return "".join(
        char
        if char in "\t\n\r"
        or (" " <= char <= "\ud7ff")
        or ("\ue000" <= char <= "\ufffd")
        or char >= "\U00010000"
        else "\ufffd"
        for char in text
    )


def render(report: Report, *, color: bool = False) -> str:
    by_file: dict[str, list[Diagnostic]] = defaultdict(list)
    for diagnostic in report.diagnostics:
        if diagnostic.severity <= Severity.WARNING:
            by_file[diagnostic.path].append(diagnostic)
    files = sorted({*report.files, *by_file})
    total = sum(len(found) for found in by_file.values())
    root = ET.Element(
        "testsuites",
        name="pyscript-config",
        tests=str(len(files)),
        failures=str(total),
        errors="0",
    )
    for path in files:
        found = by_file.get(path, [])
        suite = ET.SubElement(
            root,
            "testsuite",
            name=_xml_safe(path),
            tests="1",
            failures=str(len(found)),
            errors="0",
            skipped="0",
        )
        case = ET.SubElement(suite, "testcase", name=_xml_safe(path), classname="pyscript-config")
        for diagnostic in found:
            at = report.locator.position(diagnostic.path, diagnostic.span.start)
            failure = ET.SubElement(
                case,
                "failure",
                message=_xml_safe(f"{at.line}:{at.column}: {diagnostic.code} {diagnostic.message}"),
                type=_xml_safe(rule_title(diagnostic.code)),
            )
            failure.text = _xml_safe(_text(diagnostic, report))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
