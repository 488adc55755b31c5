"""User settings shared by the CLI, the hook and the language server."""

from __future__ import annotations

from dataclasses import dataclass, field

from .diagnostics import Severity
from .files import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class Settings:
    # Code prefixes to report (empty: all) and to drop, ruff-style (`PSC1` selects PSC1xx).
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity_overrides: dict[str, Severity] = field(default_factory=dict)
    # Custom top-level keys the user's own code reads from `pyscript.config`.
    allowed_keys: frozenset[str] = frozenset()
    # PyScript release to assume when a page does not say (None: detect / newest known).
    pyscript_version: str | None = None
    max_file_bytes: int = DEFAULT_MAX_BYTES

    def wants(self, code: str) -> bool:
        """Whether diagnostics with `code` are reported (longest matching prefix wins)."""
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if self.select and best_select < 0:
            return False
        return best_ignore < 0 or best_select > best_ignore
