"""Every diagnostic code, with the documentation `docs/rules.md` is generated from.

Codes are stable: a code is never reused for a different problem. Groups follow
ruff's habit of numbered families:

- PSC0xx  files and syntax (TOML, JSON, encoding, PyScript's TOML dialects)
- PSC1xx  schema: keys, types, values
- PSC2xx  page, elements, attributes, config detection, loaders
- PSC3xx  files and fetch
- PSC4xx  packages and interpreters
- PSC5xx  js_modules and plugins
- PSC6xx  legacy (classic PyScript) and migration
- PSC9xx  suppressions and the tool itself

The rule data lives in `rules/catalog/<family>.py` (one module per family, each with a
`RULES` tuple), so that families can grow independently; this module collects them.
"""

from __future__ import annotations

import importlib
import pkgutil
from dataclasses import dataclass

from ..diagnostics import Severity


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    name: str  # kebab-case, for humans and SARIF
    severity: Severity  # default severity
    summary: str  # one line: what is wrong
    why: str  # what the runtime does with it
    example: str  # a minimal input that triggers it
    fix: str  # how to fix it (and whether a quick fix exists)
    runtime: str = ""  # the runtime's own error code or message, when there is one


def _collect() -> dict[str, Rule]:
    from . import catalog

    found: dict[str, Rule] = {}
    for info in sorted(pkgutil.iter_modules(catalog.__path__), key=lambda i: i.name):
        module = importlib.import_module(f"{catalog.__name__}.{info.name}")
        for rule in getattr(module, "RULES", ()):
            if rule.code in found:
                raise ValueError(f"rule code {rule.code} is defined twice")
            found[rule.code] = rule
    return dict(sorted(found.items()))


RULES: dict[str, Rule] = _collect()


def rule(code: str) -> Rule:
    return RULES[code]
