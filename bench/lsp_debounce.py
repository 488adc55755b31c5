"""Our server's debounce delay, read from its module without importing the server."""

from __future__ import annotations

import ast

from .common import REPO

DEBOUNCE = REPO / "server" / "pyscript_config" / "lsp" / "debounce.py"


def debounce_delay() -> float:
    """`DELAY` in lsp/debounce.py (seconds); NaN when it cannot be read."""
    try:
        tree = ast.parse(DEBOUNCE.read_text(encoding="utf-8"))
    except (OSError, SyntaxError):
        return float("nan")
    for node in tree.body:
        if (
            isinstance(node, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == "DELAY" for t in node.targets)
            and isinstance(node.value, ast.Constant)
            and isinstance(node.value.value, (int, float))
        ):
            return float(node.value.value)
    return float("nan")
