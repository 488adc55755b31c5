"""A least-recently-used cache bounded by the size of its keys' text.

Parses and dialect findings are kept by content (see `check.parse_text`). A parsed
tree takes about 50 bytes per character of config, so a bound on the number of
entries alone says little about memory: one pasted 60 KB config weighs as much as a
thousand ordinary ones. This cache counts characters instead, and keeps no entry for
a text larger than a tenth of its budget.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")


@dataclass(frozen=True, slots=True)
class CacheStats:
    hits: int
    misses: int
    entries: int
    chars: int  # characters of text held as keys


class ContentCache(Generic[V]):
    """`get(text, extra, compute)`: `compute()` once per (text, extra) while it is kept.

    Values are shared between callers: they must be immutable, or never mutated.
    """

    def __init__(self, max_chars: int) -> None:
        self.max_chars = max_chars
        self.max_entry_chars = max_chars // 10
        self._entries: OrderedDict[tuple[str, Hashable], V] = OrderedDict()
        self._chars = 0
        self._hits = 0
        self._misses = 0

    def get(self, text: str, extra: Hashable, compute: Callable[[], V]) -> V:
        key = (text, extra)
        entries = self._entries
        if key in entries:
            entries.move_to_end(key)
            self._hits += 1
            return entries[key]
        self._misses += 1
        value = compute()
        size = len(text)
        if size > self.max_entry_chars:
            return value
        entries[key] = value
        self._chars += size
        while self._chars > self.max_chars:
            (old_text, _), _ = entries.popitem(last=False)
            self._chars -= len(old_text)
        return value

    def stats(self) -> CacheStats:
        return CacheStats(self._hits, self._misses, len(self._entries), self._chars)

    def clear(self) -> None:
        self._entries.clear()
        self._chars = self._hits = self._misses = 0
