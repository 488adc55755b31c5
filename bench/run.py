"""Run every benchmark and print the table: `python bench/run.py`.

Options: `--quick` (small inputs, two runs: a smoke run), `--only NAME[,NAME]`,
`--runs N`, `--markdown` (the report as Markdown), `--write-docs` (put that report into
docs/performance.md between its markers), `--work DIR` (where inputs are generated).
See bench/README.md for what each line measures.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):  # run as a script: import the suite as the `bench` package
    sys.path[0] = str(Path(__file__).resolve().parents[1])
    __package__ = "bench"

from bench import (
    cold_start,
    import_time,
    lsp_latency,
    machine,
    page_batch,
    server_memory,
    toml_batch,
)
from bench.common import INSTALL_HINT, REPO, BenchError, Context, Row, hermetic_env, missing_tools
from bench.common import summary as describe_samples
from bench.generate import DEFAULT_WORK, Sizes, generate
from bench.lsp_debounce import debounce_delay

MEASUREMENTS: dict[str, Callable[[Context], list[Row]]] = {
    "cold": cold_start.measure,
    "tomls": toml_batch.measure,
    "pages": page_batch.measure,
    "lsp": lsp_latency.measure,
    "memory": server_memory.measure,
    "imports": import_time.measure,
}
ROWS = {
    "cold": ["cold-validate"],
    "tomls": ["tomls-tombi", "tomls-taplo"],
    "pages": ["pages-html.parser"],
    "lsp": [
        "lsp-round-trip",
        "lsp-completion",
        "lsp-hover",
        "lsp-edit-diagnostics",
        "lsp-save-diagnostics",
        "lsp-big-page",
        "lsp-big-page-save",
    ],
    "memory": ["server-memory"],
    "imports": ["import-time"],
}
DOCS = REPO / "docs" / "performance.md"
BEGIN, END = "<!-- bench:begin -->", "<!-- bench:end -->"
HEADER = ("row", "measures", "ours: median (min–max)", "peer", "peer: median (min–max)",
          "ratio", "target", "result")  # fmt: skip


def cells(row: Row) -> tuple[str, ...]:
    ratio = "–" if row.ratio is None else f"{row.ratio:.2f}×"
    target = "–" if row.target is None else f"≤ {row.target:g}×"
    what = row.what + (f" ({row.note})" if row.note else "")
    return (
        row.name,
        what,
        describe_samples(row.ours, row.unit),
        row.peer_name or "–",
        describe_samples(row.peer, row.unit) if row.peer_name != "budget" else "40 MB",
        ratio,
        target,
        row.verdict,
    )


def text_table(rows: list[Row]) -> str:
    table = [HEADER, *(cells(r) for r in rows)]
    widths = [max(len(line[i]) for line in table) for i in range(len(HEADER))]
    out = []
    for index, line in enumerate(table):
        out.append("  ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)).rstrip())
        if index == 0:
            out.append("  ".join("-" * w for w in widths))
    return "\n".join(out)


def markdown_table(rows: list[Row]) -> str:
    def line(values: tuple[str, ...]) -> str:
        return "| " + " | ".join(v.replace("|", "\\|") for v in values) + " |"

    out = [line(HEADER), "|" + "---|" * len(HEADER)]
    out += [line(cells(r)) for r in rows]
    return "\n".join(out)


def report(rows: list[Row], ctx: Context, started: str, load_before: str, markdown: bool,
           runs_label: str) -> str:  # fmt: skip
    facts = machine.describe()
    facts += [
        ("Date", started),
        ("Load average (1, 5, 15 min)", f"before {load_before}; after {machine.load()}"),
        ("Runs", runs_label),
    ]
    notes = [
        *ctx.notes,
        "our server waits twice a document's last re-check before checking again "
        f"(at least 5 ms, at most {debounce_delay() * 1000:.0f} ms; "
        "server/pyscript_config/lsp/debounce.py); tombi publishes at once",
        "subprocess rows are wall clock with process start-up on both sides",
    ]
    if markdown:
        lines = [f"- **{k}**: {v}" for k, v in facts]
        return "\n".join([*lines, "", markdown_table(rows), "", *(f"- {n}" for n in notes)])
    lines = [f"{k}: {v}" for k, v in facts]
    return "\n".join([*lines, "", text_table(rows), "", *(f"* {n}" for n in notes)])


def write_docs(block: str) -> None:
    text = DOCS.read_text(encoding="utf-8")
    if BEGIN not in text or END not in text:
        raise BenchError(f"{DOCS} has no {BEGIN} … {END} markers")
    head, _, rest = text.partition(BEGIN)
    _, _, tail = rest.partition(END)
    DOCS.write_text(f"{head}{BEGIN}\n{block}\n{END}{tail}", encoding="utf-8")


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python bench/run.py", description="Run the pyscript-config benchmarks."
    )
    parser.add_argument("--quick", action="store_true", help="small inputs, 2 runs (smoke run)")
    parser.add_argument(
        "--only", metavar="NAME", help="comma-separated: " + ", ".join(MEASUREMENTS)
    )
    parser.add_argument("--runs", type=int, metavar="N", help="runs per side (default: per row)")
    parser.add_argument("--markdown", action="store_true", help="print the report as Markdown")
    parser.add_argument(
        "--write-docs", action="store_true", help=f"also put the Markdown report into {DOCS}"
    )
    parser.add_argument("--work", type=Path, help=f"input folder (default {DEFAULT_WORK})")
    args = parser.parse_args(argv)
    names = (args.only or ",".join(MEASUREMENTS)).split(",")
    unknown = [n for n in names if n not in MEASUREMENTS]
    if unknown:
        parser.error(f"unknown --only {', '.join(unknown)}; choose from {', '.join(MEASUREMENTS)}")
    if args.runs is not None and args.runs < 1:
        parser.error("--runs must be at least 1")
    args.names = names
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse(argv)
    missing = missing_tools()
    if missing:
        print(
            f"missing: {', '.join(missing)}. Install the peers with `{INSTALL_HINT}` "
            "(and this project with `pip install -e .`), then run again.",
            file=sys.stderr,
        )
        return 2
    work: Path = args.work or (DEFAULT_WORK / ("quick" if args.quick else "full"))
    started = time.strftime("%Y-%m-%d %H:%M %Z")
    load_before = machine.load()
    print(f"generating inputs under {work} …", file=sys.stderr)
    generate(work, Sizes.quick() if args.quick else Sizes())
    ctx = Context(work, hermetic_env(work / "home"), args.runs, args.quick)
    rows: list[Row] = []
    for name in args.names:
        print(f"measuring {name} …", file=sys.stderr)
        try:
            rows += MEASUREMENTS[name](ctx)
        except BenchError as error:
            print(f"{name} failed: {error}", file=sys.stderr)
            return 1
    label = f"--runs {args.runs}" if args.runs else "per-row defaults"
    if args.quick:
        label += ", --quick (small inputs)"
    markdown = report(rows, ctx, started, load_before, True, label)
    if args.write_docs:
        write_docs(markdown)
    print(markdown if args.markdown else report(rows, ctx, started, load_before, False, label))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
