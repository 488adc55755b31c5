"""1,000 `pyscript.toml` files: `validate <dir>` against `tombi lint` (and taplo).

tombi finds our schema through the `tombi.toml` in the folder (`[[schemas]]` with
`include = ["**/pyscript.toml"]`, no catalog) and runs `--offline`; taplo gets it with
`--schema`. A separate sanity check, outside the timed set, shows that each peer really
applies the schema: a config with a wrong type must fail in each of them.
"""

from __future__ import annotations

from .common import BenchError, Command, Context, Row, interleave, need, seconds_to_ms
from .generate import inputs_at

TARGET = 3.0


def sanity(ctx: Context) -> str:
    """Every peer rejects the bad config (and accepts nothing silently)."""
    where = inputs_at(ctx.root)
    schema_uri = (ctx.root / "pyscript.schema.json").resolve().as_uri()
    checks = {
        "tombi": Command(
            (need("tombi"), "lint", "--offline", "bad/pyscript.toml"), where.sanity, ctx.env
        ),
        "taplo": Command(
            (
                need("taplo"),
                "lint",
                "--no-auto-config",
                "--colors",
                "never",
                "--schema",
                schema_uri,
                "bad/pyscript.toml",
            ),
            where.sanity,
            ctx.env,
        ),
        "check-jsonschema": Command(
            (
                need("check-jsonschema"),
                "--schemafile",
                "../pyscript.schema.json",
                "bad/pyscript.toml",
            ),
            where.sanity,
            ctx.env,
        ),
        "pyscript-config": Command(
            (need("pyscript-config"), "validate", "bad/pyscript.toml"), where.sanity, ctx.env
        ),
    }
    for name, command in checks.items():
        done = command.run()
        output = done.stdout + done.stderr
        mentions_type = "array" in output.lower() or "Array" in output
        if done.returncode == 0 or not mentions_type:
            raise BenchError(
                f'sanity: {name} did not reject packages = "numpy" (exit {done.returncode}); '
                f"is the schema associated?\n{output[-1500:]}"
            )
    return "sanity: tombi, taplo, check-jsonschema and pyscript-config all reject a bad config"


def measure(ctx: Context) -> list[Row]:
    where = inputs_at(ctx.root)
    count = sum(1 for _ in where.tomls.glob("*/pyscript.toml"))
    ctx.notes.append(sanity(ctx))
    ours = Command((need("pyscript-config"), "validate", "tomls"), ctx.root, ctx.env)
    tombi = Command((need("tombi"), "lint", "--offline", "--quiet"), where.tomls, ctx.env)
    schema_uri = (ctx.root / "pyscript.schema.json").resolve().as_uri()
    taplo = Command(
        (
            need("taplo"),
            "lint",
            "--no-auto-config",
            "--colors",
            "never",
            "--schema",
            schema_uri,
            "**/pyscript.toml",
        ),
        where.tomls,
        ctx.env,
    )
    runs = ctx.runs_or(10)
    a, b = interleave(ours.timed, tombi.timed, runs)
    c, d = interleave(ours.timed, taplo.timed, runs)
    return [
        Row(
            "tomls-tombi",
            f"validate {count} pyscript.toml (process)",
            seconds_to_ms(a),
            "tombi lint",
            seconds_to_ms(b),
            TARGET,
        ),
        Row(
            "tomls-taplo",
            f"validate {count} pyscript.toml (process)",
            seconds_to_ms(c),
            "taplo lint",
            seconds_to_ms(d),
            None,
            note="extra line, no target",
        ),
    ]
