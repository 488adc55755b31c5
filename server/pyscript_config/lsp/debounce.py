"""Coalescing bursts of edits, waiting in proportion to what a re-check costs.

A fixed pause after the last keystroke is what a slow check needs (do not re-check a
1 MB page on every letter) but it is pure latency for a 2 ms check of a small file.
So each key waits `FACTOR` times the last measured duration of its own re-check,
at least `FLOOR` (edits sent together still arrive as one burst) and at most `DELAY`.
"""

from __future__ import annotations

import asyncio
import math
import time
from collections.abc import Callable, Hashable

DELAY = 0.2  # the longest pause: what a check that costs 100 ms or more waits
FACTOR = 2.0  # wait twice the last re-check: at most a third of the time goes to checks
FIRST = 0.05  # a key never checked yet: unknown cost, a short pause
FLOOR = 0.005  # edits written together (one paste, a client's batch) stay one burst


def proportional_delay(
    last: float | None,
    ceiling: float = DELAY,
    factor: float = FACTOR,
    first: float = FIRST,
    floor: float = FLOOR,
) -> float:
    """The pause before re-checking a key whose last re-check took `last` seconds
    (None: never measured)."""
    if last is None or not math.isfinite(last) or last < 0:
        return min(first, ceiling)
    return min(ceiling, max(floor, factor * last))


class Debouncer:
    """Runs `action(key)` once, a pause after the last `schedule(key)`; the pause is
    `proportional_delay` of the key's last measured run, unless given."""

    def __init__(self, action: Callable[[Hashable], None], delay: float = DELAY) -> None:
        self._action = action
        self._delay = delay
        self._pending: dict[Hashable, asyncio.TimerHandle] = {}
        self._costs: dict[Hashable, float] = {}

    def delay_for(self, key: Hashable) -> float:
        return proportional_delay(self._costs.get(key), self._delay)

    def cost(self, key: Hashable) -> float | None:
        """How long the last run for `key` took (None: not run yet)."""
        return self._costs.get(key)

    def schedule(self, key: Hashable, delay: float | None = None) -> float:
        """Run the action for `key` after a pause; returns the pause chosen."""
        self.cancel(key)
        loop = asyncio.get_running_loop()
        wait = self.delay_for(key) if delay is None else delay
        self._pending[key] = loop.call_later(wait, self._fire, key)
        return wait

    def cancel(self, key: Hashable) -> None:
        handle = self._pending.pop(key, None)
        if handle is not None:
            handle.cancel()

    def forget(self, key: Hashable) -> None:
        """Cancel and drop what is known of `key` (its document closed)."""
        self.cancel(key)
        self._costs.pop(key, None)

    def pending(self, key: Hashable) -> bool:
        return key in self._pending

    def _fire(self, key: Hashable) -> None:
        self._pending.pop(key, None)
        started = time.perf_counter()
        try:
            self._action(key)
        finally:
            self._costs[key] = time.perf_counter() - started
