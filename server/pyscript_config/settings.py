"""User settings shared by the CLI, the hook and the language server."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from fnmatch import fnmatchcase

from .diagnostics import Severity
from .files import DEFAULT_MAX_BYTES


@dataclass(frozen=True)
class PerFileIgnore:
    """Codes (prefixes) not reported for files matching a glob, ruff's `per-file-ignores`.

    The glob is matched against the path relative to `root` (the settings file's
    directory; "" for the current directory), with `/` separators, and against the
    file's name alone, as `exclude` is.
    """

    pattern: str
    codes: tuple[str, ...]
    root: str = ""

    def matches(self, path: str) -> bool:
        try:
            relative = os.path.relpath(os.path.abspath(path), os.path.abspath(self.root or "."))
        except ValueError:  # another drive (Windows): only the name can match
            relative = os.path.basename(path)
        posix = relative.replace(os.sep, "/")
        pattern = self.pattern.removeprefix("./").rstrip("/")
        return fnmatchcase(posix, pattern) or fnmatchcase(posix.rsplit("/", 1)[-1], pattern)


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
    per_file_ignores: tuple[PerFileIgnore, ...] = ()

    def wants(self, code: str) -> bool:
        """Whether diagnostics with `code` are reported (longest matching prefix wins)."""
        best_select = max((len(p) for p in self.select if code.startswith(p)), default=-1)
        best_ignore = max((len(p) for p in self.ignore if code.startswith(p)), default=-1)
        if self.select and best_select < 0:
            return False
        return best_ignore < 0 or best_select > best_ignore

    def wants_in(self, code: str, path: str) -> bool:
        """`wants`, and not ignored for this file by `per_file_ignores`."""
        if not self.wants(code):
            return False
        return not any(
            any(code.startswith(prefix) for prefix in rule.codes) and rule.matches(path)
            for rule in self.per_file_ignores
        )
