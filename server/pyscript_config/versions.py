"""PyScript release names and their order.

Releases are calendar versions (`2026.7.3`); comparing them as integer tuples is
enough. The full release table (core, polyscript, Pyodide, MicroPython per release)
lives with the runtime knowledge; this module only knows how to compare.
"""

from __future__ import annotations

import re

NEWEST_KNOWN = "2026.7.3"

_RELEASE = re.compile(r"^(\d{4})\.(\d{1,2})\.(\d{1,2})")


def release_key(version: str) -> tuple[int, ...] | None:
    match = _RELEASE.match(version.strip())
    if not match:
        return None
    return tuple(int(part) for part in match.groups())


def is_at_least(version: str, threshold: str) -> bool:
    """Whether release `version` is `threshold` or newer (unknown versions count as newest)."""
    have, want = release_key(version), release_key(threshold)
    if have is None or want is None:
        return True
    return have >= want
