"""PyScript's TOML dialects: what its runtime parsers make of TOML 1.0 text.

PyScript does not read TOML with a TOML 1.0 parser. Depending on the pipeline and
the release it uses basic-toml 0.4 or 0.3.1 (a regex and `JSON.parse` subset,
emulated exactly in `basic_toml`) or toml-j0.4 (a TOML 0.4.0 parser, whose
restrictions `toml04` checks). `check_toml` reports every construct that TOML 1.0
accepts but the given parser rejects or silently changes.
"""

from __future__ import annotations

import re
from dataclasses import replace

from ..tree import ParseResult
from .basic_toml import V03, V04, BasicTomlError, analyse, parse
from .findings import Edit, Finding, FixPlan

__all__ = [
    "BASIC_TOML_03",
    "BASIC_TOML_04",
    "PARSERS",
    "TOML_J04",
    "BasicTomlError",
    "Edit",
    "Finding",
    "FixPlan",
    "analyse",
    "check_toml",
    "parse",
]

BASIC_TOML_04 = "basic-toml-0.4"
BASIC_TOML_03 = "basic-toml-0.3"
TOML_J04 = "toml-j0.4"
PARSERS = (BASIC_TOML_04, BASIC_TOML_03, TOML_J04)


def check_toml(text: str, parsed: ParseResult, parser: str) -> list[Finding]:
    """Findings for `text` (already parsed strictly as `parsed`) read by `parser`."""
    if parser == TOML_J04:
        from .toml04 import check_toml04

        findings = check_toml04(text, parsed)
    else:
        from .basic_checks import check_basic_toml

        findings = check_basic_toml(text, parsed, V03 if parser == BASIC_TOML_03 else V04)
    if "\r\n" in text:
        findings = [_crlf(finding) for finding in findings]
    return findings


_LONE_LF = re.compile(r"(?<!\r)\n")


def _crlf(finding: Finding) -> Finding:
    """Fixes write the line breaks the text already uses (fixes are planned with LF;
    both parsers read CRLF the same way)."""

    def convert(plan: FixPlan | None) -> FixPlan | None:
        if plan is None:
            return None
        edits = tuple(Edit(e.span, _LONE_LF.sub("\r\n", e.text)) for e in plan.edits)
        return replace(plan, edits=edits, alternative=convert(plan.alternative))

    return replace(finding, fix=convert(finding.fix)) if finding.fix else finding
