"""1,000 HTML pages: `validate <dir>` against a bare stdlib `html.parser` pass.

Both sides are processes, so both pay Python start-up: ours checks every config and
script on every page; the baseline (`html_baseline.py`) only tokenizes.
"""

from __future__ import annotations

import sys
from pathlib import Path

from .common import Command, Context, Row, interleave, need, seconds_to_ms
from .generate import inputs_at

TARGET = 3.0
BASELINE = Path(__file__).with_name("html_baseline.py")


def measure(ctx: Context) -> list[Row]:
    where = inputs_at(ctx.root)
    pages = sorted(where.pages.glob("*.html"))
    size = sum(p.stat().st_size for p in pages)
    ours = Command((need("pyscript-config"), "validate", "pages"), ctx.root, ctx.env)
    peer = Command((sys.executable, str(BASELINE), "pages"), ctx.root, ctx.env)
    a, b = interleave(ours.timed, peer.timed, ctx.runs_or(10))
    return [
        Row(
            "pages-html.parser",
            f"validate {len(pages)} pages, {size / 1e6:.1f} MB (process)",
            seconds_to_ms(a),
            "html.parser pass",
            seconds_to_ms(b),
            TARGET,
        )
    ]
