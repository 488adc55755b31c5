"""Generates docs/rules.md from the rule registry, so the reference cannot drift.

Run `python -m pyscript_config.rules.docs > docs/rules.md` after changing a rule; a
test fails while the committed file differs from what this renders.
"""

from __future__ import annotations

from .registry import RULES, Rule

_GROUPS = {
    "PSC0": "Files and syntax",
    "PSC1": "Schema: keys, types and values",
    "PSC2": "Page, elements and config detection",
    "PSC3": "Files and fetch",
    "PSC4": "Packages and interpreters",
    "PSC5": "js_modules and plugins",
    "PSC6": "Legacy PyScript and migration",
    "PSC9": "Suppression comments and the tool itself",
}


def _fence(text: str) -> str:
    longest = max((len(run) for run in text.split("\n") if set(run) == {"`"}), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _rule_section(rule: Rule) -> str:
    lines = [
        f"### {rule.code} `{rule.name}`",
        "",
        f"Default severity: **{rule.severity.label}**"
        + (f" · runtime: `{rule.runtime}`" if rule.runtime else ""),
        "",
        f"**What:** {rule.summary}",
        "",
        f"**Why:** {rule.why}",
        "",
        "**Example:**",
        "",
        _fence(rule.example),
        "",
        f"**Fix:** {rule.fix}",
        "",
    ]
    return "\n".join(lines)


def render_markdown() -> str:
    parts = [
        "# Rules",
        "",
        "Every diagnostic pyscript-config reports has a stable code. Codes are grouped by "
        "family; select or ignore whole families by prefix (`--ignore PSC1`).",
        "",
        "This file is generated from `server/pyscript_config/rules/registry.py` by "
        "`python -m pyscript_config.rules.docs > docs/rules.md`; do not edit it by hand.",
        "",
        "| code | name | severity | what |",
        "|---|---|---|---|",
    ]
    for rule in RULES.values():
        parts.append(
            f"| [{rule.code}](#{rule.code.lower()}-{rule.name}) | `{rule.name}` | "
            f"{rule.severity.label} | {rule.summary} |"
        )
    parts.append("")
    current = ""
    for rule in RULES.values():
        group = _GROUPS.get(rule.code[:4], "Other")
        if group != current:
            parts.extend([f"## {rule.code[:4]}xx — {group}", ""])
            current = group
        parts.append(_rule_section(rule))
    return "\n".join(parts).rstrip() + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(render_markdown())
