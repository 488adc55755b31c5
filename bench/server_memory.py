"""Memory of our language server: resident size idle, then with 200 pages open.

RSS comes from /proc/<pid>/status (VmRSS), read after `initialize` and a short pause,
then again once every opened page has had its diagnostics published. The budget is
idle + 40 MB: the row's ratio is (after − idle) / 40 MB.
"""

from __future__ import annotations

import statistics
import time

from .common import Context, Row, need
from .generate import inputs_at
from .lsp_driver import LspClient, rss_kib

BUDGET_MB = 40.0
SETTLE = 0.5  # seconds for the server to finish start-up work before the idle reading


def once(ctx: Context) -> tuple[float, float, int]:
    """(idle MB, after MB, pages) for one fresh server."""
    where = inputs_at(ctx.root)
    pages = sorted(where.memory.glob("*.html"))
    logs = ctx.root / "logs"
    logs.mkdir(exist_ok=True)
    client = LspClient(
        [need("pyscript-config"), "server"],
        cwd=str(where.memory),
        env=ctx.env,
        stderr_path=str(logs / "memory-lsp.log"),
    )
    try:
        client.initialize(str(where.memory))
        time.sleep(SETTLE)
        idle = rss_kib(client.pid) / 1024
        for page in pages:
            uri = page.resolve().as_uri()
            since = client.open(uri, "html", page.read_text(encoding="utf-8"))
            client.wait_diagnostics(uri, since)
        after = rss_kib(client.pid) / 1024
    finally:
        client.close()
    return idle, after, len(pages)


def measure(ctx: Context) -> list[Row]:
    runs = ctx.runs if ctx.runs is not None else (1 if ctx.quick else 3)
    samples = [once(ctx) for _ in range(max(1, min(runs, 5)))]
    idle = [s[0] for s in samples]
    after = [s[1] for s in samples]
    deltas = [s[1] - s[0] for s in samples]
    ctx.notes.append(
        f"server memory: idle {statistics.median(idle):.1f} MB, after opening {samples[0][2]} "
        f"pages {statistics.median(after):.1f} MB (RSS, median of {len(samples)} servers)"
    )
    return [
        Row(
            "server-memory",
            f"RSS after opening {samples[0][2]} pages − idle",
            deltas,
            "budget",
            [BUDGET_MB] * len(deltas),
            1.0,
            unit="MB",
            note="ratio: growth / 40 MB",
        )
    ]
