"""Cold `validate` of one site against check-jsonschema on its config.

Both are fresh processes (wall clock, start-up included). Ours reads the page and the
`pyscript.toml` it names and runs every rule; check-jsonschema reads only the TOML and
applies our JSON Schema.
"""

from __future__ import annotations

from .common import Command, Context, Row, interleave, need, seconds_to_ms
from .generate import inputs_at

TARGET = 0.5


def measure(ctx: Context) -> list[Row]:
    where = inputs_at(ctx.root)
    ours = Command((need("pyscript-config"), "validate", "site"), ctx.root, ctx.env)
    peer = Command(
        (
            need("check-jsonschema"),
            "--schemafile",
            "pyscript.schema.json",
            "site/pyscript.toml",
        ),
        ctx.root,
        ctx.env,
    )
    assert where.site.is_dir()
    a, b = interleave(ours.timed, peer.timed, ctx.runs_or(20))
    return [
        Row(
            "cold-validate",
            "validate one page + its pyscript.toml (process)",
            seconds_to_ms(a),
            "check-jsonschema",
            seconds_to_ms(b),
            TARGET,
        )
    ]
