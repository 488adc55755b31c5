"""The rule registry, the code that reports, and docs/rules.md agree."""

from __future__ import annotations

import re
from pathlib import Path

from pyscript_config.rules.docs import render_markdown
from pyscript_config.rules.registry import RULES

REPO = Path(__file__).resolve().parents[2]
SERVER = REPO / "server" / "pyscript_config"


def test_docs_rules_md_is_generated_from_the_registry() -> None:
    committed = (REPO / "docs" / "rules.md").read_text(encoding="utf-8")
    assert committed == render_markdown(), (
        "docs/rules.md is stale: run `python -m pyscript_config.rules.docs > docs/rules.md`"
    )


def test_every_code_the_server_reports_is_registered() -> None:
    used: set[str] = set()
    for path in SERVER.rglob("*.py"):
        used.update(re.findall(r'"(PSC\d{3})"', path.read_text(encoding="utf-8")))
    unknown = used - set(RULES)
    assert not unknown, f"codes used but not in the registry: {sorted(unknown)}"


def test_codes_and_names_are_unique_and_well_formed() -> None:
    names = [rule.name for rule in RULES.values()]
    assert len(names) == len(set(names))
    for code, rule in RULES.items():
        assert re.fullmatch(r"PSC\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", rule.name), rule.name
        assert rule.summary.endswith(".") and rule.why and rule.example and rule.fix


def test_every_rule_is_documented_with_an_anchor() -> None:
    text = render_markdown()
    for code, rule in RULES.items():
        assert f"### {code} `{rule.name}`" in text
        assert f"(#{code.lower()}-{rule.name})" in text
