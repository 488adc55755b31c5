"""File names for completing paths relative to a page or a config file."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import unquote

from ..cli.discover import SKIP_DIRS

_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")
MAX_ENTRIES = 500


@dataclass(frozen=True, slots=True)
class Entry:
    name: str
    is_dir: bool


def split_typed(typed: str) -> tuple[str, str] | None:
    """`typed` as (directory part, name part); None for URLs a browser would fetch
    from elsewhere (remote, root-absolute) or templated paths."""
    if _REMOTE.match(typed) or typed.startswith("/") or "{" in typed:
        return None
    cut = typed.rfind("/") + 1
    return typed[:cut], typed[cut:]


def entries(base_dir: str, typed: str, suffixes: tuple[str, ...] = ()) -> list[Entry]:
    """What can follow `typed` (a relative path being written) in `base_dir`."""
    parts = split_typed(typed)
    if parts is None:
        return []
    directory_part, name_part = parts
    directory = os.path.normpath(os.path.join(base_dir, unquote(directory_part)))
    found: list[Entry] = []
    try:
        with os.scandir(directory) as scan:
            for item in scan:
                name = item.name
                if name.startswith(".") and not name_part.startswith("."):
                    continue
                try:
                    is_dir = item.is_dir()
                except OSError:
                    continue
                if is_dir and name in SKIP_DIRS:
                    continue
                if not is_dir and suffixes and not name.lower().endswith(suffixes):
                    continue
                found.append(Entry(name, is_dir))
                if len(found) >= MAX_ENTRIES:
                    break
    except OSError:
        return []
    found.sort(key=lambda e: (not e.is_dir, e.name.lower()))
    return found
