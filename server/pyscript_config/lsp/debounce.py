"""Coalescing bursts of edits: one re-check ~200 ms after the last keystroke."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Hashable

DELAY = 0.2


class Debouncer:
    """Runs `action(key)` once, `delay` seconds after the last `schedule(key)`."""

    def __init__(self, action: Callable[[Hashable], None], delay: float = DELAY) -> None:
        self._action = action
        self._delay = delay
        self._pending: dict[Hashable, asyncio.TimerHandle] = {}

    def schedule(self, key: Hashable, delay: float | None = None) -> None:
        self.cancel(key)
        loop = asyncio.get_running_loop()
        wait = self._delay if delay is None else delay
        self._pending[key] = loop.call_later(wait, self._fire, key)

    def cancel(self, key: Hashable) -> None:
        handle = self._pending.pop(key, None)
        if handle is not None:
            handle.cancel()

    def pending(self, key: Hashable) -> bool:
        return key in self._pending

    def _fire(self, key: Hashable) -> None:
        self._pending.pop(key, None)
        self._action(key)
