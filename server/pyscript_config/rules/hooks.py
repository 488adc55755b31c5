"""Where rule functions register, so the checker can run every family without
knowing them by name."""

from __future__ import annotations

from collections.abc import Callable

from .context import PageContext, RuleContext

RegionRule = Callable[[RuleContext], None]
PageRule = Callable[[PageContext], None]

REGION_RULES: list[RegionRule] = []
PAGE_RULES: list[PageRule] = []


def region_rule(function: RegionRule) -> RegionRule:
    """Run `function` on every parsed config region (its tree is `ctx.parsed.root`)."""
    REGION_RULES.append(function)
    return function


def page_rule(function: PageRule) -> PageRule:
    """Run `function` once per HTML page that uses PyScript."""
    PAGE_RULES.append(function)
    return function
