"""Rules for JSON configs that JSON itself allows but that lose what the user wrote."""

from __future__ import annotations

from ..regions import Syntax
from ..text import Span
from ..tree import Array, Node, Table
from .context import RuleContext
from .hooks import region_rule


@region_rule
def json_duplicate_keys(ctx: RuleContext) -> None:
    """`JSON.parse` keeps the last of two equal property names, silently."""
    parsed = ctx.parsed
    if ctx.region.syntax is not Syntax.JSON or parsed is None or parsed.root is None:
        return
    stack: list[Node] = [parsed.root]
    while stack:
        node = stack.pop()
        if isinstance(node, Array):
            stack.extend(node.items)
            continue
        if not isinstance(node, Table):
            continue
        spans: dict[str, Span] = {}
        for entry in node.entries:
            stack.append(entry.value)
            if entry.key in spans:
                ctx.report(
                    "PSC006",
                    f'property "{entry.key}" appears twice in this object: JSON.parse keeps '
                    "this last value and silently drops the earlier one",
                    entry.key_span,
                    related=((spans[entry.key], "first defined here"),),
                )
            else:
                spans[entry.key] = entry.key_span
