"""The page's main config is worked out once per check, not once per worker config.

With 300 worker configs on a page, every region rule that compares a worker with the
main config (interpreter pins, Pyodide version for packages) used to walk all regions
and re-read the main config: a quadratic cost on big pages.
"""

from __future__ import annotations

import pytest

from pyscript_config.check import check_source
from pyscript_config.files import FileKind, SourceFile
from pyscript_config.rules import page_configs
from pyscript_config.settings import Settings

LOADER = '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>\n'


def page_with_workers(count: int, main_interpreter: str) -> str:
    workers = "".join(
        f'<script type="py" worker config=\'{{"packages": ["numpy"], "interpreter": "0.27.{i}"}}\'>'
        "print(1)</script>\n"
        for i in range(count)
    )
    return (
        f'{LOADER}<py-config>interpreter = "{main_interpreter}"</py-config>\n'
        f'<script type="py">print(0)</script>\n{workers}'
    )


def check(text: str) -> list[tuple[str, int]]:
    result = check_source(SourceFile("/site/index.html", text, FileKind.HTML), Settings())
    return [(d.code, d.span.start) for d in result.diagnostics]


def test_main_config_is_found_once_per_check(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[object] = []
    real = page_configs._find_main_config

    def counting(page: object, interpreter: object) -> object:
        calls.append(interpreter)
        return real(page, interpreter)  # type: ignore[arg-type]

    monkeypatch.setattr(page_configs, "_find_main_config", counting)
    text = page_with_workers(5, "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.mjs")
    found = check(text)
    assert len(calls) == len(set(calls)) >= 1  # once per interpreter asked about
    # A second check of the same text asks again: the memo lives for one check only.
    calls.clear()
    assert check(text) == found
    assert len(calls) == len(set(calls)) >= 1


def test_workers_are_still_judged_against_the_main_config() -> None:
    pinned = check(
        page_with_workers(3, "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.mjs")
    )
    unpinned = check(page_with_workers(3, ""))
    # The main config's interpreter wins over each worker's (spec §2.3): every worker's
    # own pin is reported when the main config pins one, none when it does not.
    assert [code for code, _ in pinned] == ["PSC436"] * 3
    assert unpinned == []
