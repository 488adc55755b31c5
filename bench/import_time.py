"""Import time of the CLI entry point, and which heavy libraries `validate` loads.

`python -X importtime -c "import pyscript_config.cli.main"`: the cumulative time of
that import (its own line in the report). Then one `validate` of the site in a probe
that lists the top-level modules loaded: pydantic, pygls, lsprotocol and jsonschema must
not be among them (printed as a note, not asserted: tests/cli/test_cli_imports.py does).
"""

from __future__ import annotations

import json
import re
import sys

from .common import BenchError, Command, Context, Row
from .generate import inputs_at

HEAVY = ("pydantic", "pygls", "lsprotocol", "jsonschema")
ENTRY = "pyscript_config.cli.main"
PROBE = """
import json, sys
from pyscript_config.cli.main import main
code = main(sys.argv[1:])
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules})), file=sys.stderr)
"""


def import_seconds(ctx: Context) -> float:
    """Cumulative import time of the entry point, in seconds."""
    done = Command(
        (sys.executable, "-X", "importtime", "-c", f"import {ENTRY}"), ctx.root, ctx.env
    ).run()
    for line in done.stderr.splitlines():
        parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
        if len(parts) == 3 and parts[2] == ENTRY:
            return int(parts[1]) / 1e6
    raise BenchError(f"no import-time line for {ENTRY}:\n{done.stderr[-1000:]}")


def heavy_loaded(ctx: Context) -> list[str]:
    where = inputs_at(ctx.root)
    done = Command(
        (sys.executable, "-c", PROBE, "validate", str(where.site)), ctx.root, ctx.env
    ).run()
    last = done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "[]"
    if not re.match(r"^\[.*\]$", last):
        raise BenchError(f"the import probe failed:\n{done.stderr[-1000:]}")
    loaded = set(json.loads(last))
    return [name for name in HEAVY if name in loaded]


def measure(ctx: Context) -> list[Row]:
    samples = [import_seconds(ctx) for _ in range(ctx.runs_or(10))]
    heavy = heavy_loaded(ctx)
    ctx.notes.append(
        "validate loads "
        + (", ".join(heavy) if heavy else f"none of {', '.join(HEAVY)}")
        + " (a one-site validate, probed)"
    )
    return [
        Row(
            "import-time",
            f"python -X importtime: import {ENTRY}",
            [s * 1000 for s in samples],
            note="cumulative; no target",
        )
    ]
