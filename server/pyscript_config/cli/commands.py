"""The small subcommands: `rules` (the rule reference) and `schema` (the JSON Schema)."""

from __future__ import annotations

import sys

from .main import PROG, UsageError


def rules_command(code: str | None) -> int:
    from ..rules.registry import RULES
    from .report import rule_url

    if code is None:
        width = max(len(rule.name) for rule in RULES.values())
        for rule in RULES.values():
            sys.stdout.write(
                f"{rule.code}  {rule.name:<{width}}  {rule.severity.label:<7}  {rule.summary}\n"
            )
        return 0
    found = RULES.get(code.strip().upper())
    if found is None:
        raise UsageError(f"unknown rule code {code!r} (see '{PROG} rules' for the list)")
    rule = found
    example = "\n".join(f"    {line}" for line in rule.example.splitlines())
    parts = [
        f"{rule.code} {rule.name}",
        "",
        f"Default severity: {rule.severity.label}"
        + (f" (runtime: {rule.runtime})" if rule.runtime else ""),
        "",
        rule.summary,
        "",
        f"Why: {rule.why}",
        "",
        "Example:",
        "",
        example,
        "",
        f"Fix: {rule.fix}",
        "",
        f"More: {rule_url(rule.code)}",
    ]
    sys.stdout.write("\n".join(parts) + "\n")
    return 0


def schema_command(*, write: bool, check: bool) -> int:
    from .. import schema

    if write:
        for path in schema.write():
            sys.stdout.write(f"wrote {path}\n")
        return 0
    if check:
        stale = schema.stale_targets()
        for path in stale:
            sys.stderr.write(f"{PROG}: error: {path}: out of date; run '{PROG} schema --write'\n")
        return 1 if stale else 0
    text = schema.render()
    sys.stdout.write(text if text.endswith("\n") else text + "\n")
    return 0
