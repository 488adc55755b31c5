"""The debounce pause follows what a re-check costs (a pure function, and the
debouncer that measures each key's re-check)."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Hashable

import pytest

from pyscript_config.lsp.debounce import DELAY, FIRST, FLOOR, Debouncer, proportional_delay

# --- the policy (a pure function) ------------------------------------------------------


@pytest.mark.parametrize(
    ("last", "expected"),
    [
        (None, FIRST),  # never measured: a short default
        (0.0, FLOOR),  # free checks still coalesce edits sent together
        (0.001, FLOOR),  # 2 ms is under the floor
        (0.004, 0.008),  # twice the last re-check
        (0.05, 0.1),
        (0.1, DELAY),
        (0.3, DELAY),  # the 1 MB page: the full 200 ms
        (float("inf"), FIRST),  # nonsense measurements count as unknown
        (float("nan"), FIRST),
        (-1.0, FIRST),
    ],
)
def test_proportional_delay(last: float | None, expected: float) -> None:
    assert math.isclose(proportional_delay(last), expected)


def test_proportional_delay_parameters() -> None:
    assert proportional_delay(0.01, ceiling=0.5, factor=3.0, floor=0.0) == pytest.approx(0.03)
    assert proportional_delay(None, ceiling=0.01, first=0.05) == 0.01  # never over the ceiling
    assert proportional_delay(1.0, ceiling=0.2) == 0.2
    assert (DELAY, FIRST, FLOOR) == (0.2, 0.05, 0.005)


@pytest.mark.asyncio
async def test_debouncer_measures_each_key_and_coalesces() -> None:
    ran: list[Hashable] = []

    def action(key: Hashable) -> None:
        ran.append(key)

    debouncer = Debouncer(action)
    assert debouncer.delay_for("a") == FIRST
    assert debouncer.schedule("a", 0) == 0
    await asyncio.sleep(0.02)
    assert ran == ["a"]
    measured = debouncer.cost("a")
    assert measured is not None and 0 <= measured < 0.05
    assert debouncer.delay_for("a") == proportional_delay(measured)
    assert debouncer.delay_for("b") == FIRST  # costs are per key
    # A burst of schedules runs the action once.
    for _ in range(5):
        debouncer.schedule("a", 0.01)
    assert debouncer.pending("a")
    await asyncio.sleep(0.05)
    assert ran == ["a", "a"]
    debouncer.forget("a")
    assert debouncer.cost("a") is None and not debouncer.pending("a")


@pytest.mark.asyncio
async def test_a_failing_action_is_still_measured() -> None:
    def action(key: Hashable) -> None:
        raise RuntimeError("boom")

    debouncer = Debouncer(action)
    loop = asyncio.get_running_loop()
    errors: list[object] = []
    loop.set_exception_handler(lambda _loop, context: errors.append(context.get("exception")))
    try:
        debouncer.schedule("k", 0)
        await asyncio.sleep(0.02)
    finally:
        loop.set_exception_handler(None)
    assert [type(e) for e in errors] == [RuntimeError]
    assert debouncer.cost("k") is not None
