"""The benchmark tools behave: deterministic inputs that are clean for our checker, an
LSP driver that gets real answers from our server, and a `--quick` run that prints
every row. No timings are asserted: the numbers are the suite's output, not a test."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from bench.common import tool
from bench.generate import Sizes, generate, inputs_at
from bench.lsp_driver import LspClient, hover_text, labels

from bench import run

REPO = Path(__file__).resolve().parents[2]
TINY = Sizes(tomls=12, pages=12, memory_pages=3, big_configs=6, big_bytes=20_000)


def tree(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file()
    }


@pytest.fixture(scope="module")
def inputs(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bench") / "work"
    generate(root, TINY)
    return root


def validate(cwd: Path, *args: str) -> tuple[int, dict[str, object]]:
    command = tool("pyscript-config")
    assert command is not None
    done = subprocess.run(
        [command, "validate", "--output-format", "json", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    report: dict[str, object] = json.loads(done.stdout)
    return done.returncode, report


def test_the_same_seed_gives_the_same_bytes(inputs: Path, tmp_path: Path) -> None:
    again = generate(tmp_path / "again", TINY)
    first, second = tree(inputs), tree(again.root)
    assert list(first) == list(second)
    assert [name for name in first if first[name] != second[name]] == []
    other = tree(generate(tmp_path / "other", TINY, seed=8).root)
    assert other["site/pyscript.toml"] != first["site/pyscript.toml"]


def test_the_sets_have_the_sizes_asked_for(inputs: Path) -> None:
    where = inputs_at(inputs)
    assert len(list(where.tomls.glob("*/pyscript.toml"))) == 12
    assert len(list(where.pages.glob("*.html"))) == 12
    assert len(list(where.memory.glob("*.html"))) == 3
    big = where.big_page.read_text(encoding="utf-8")
    assert big.count("config='") == 6
    assert 19_000 <= len(big) <= 21_000
    sizes = [p.stat().st_size for p in where.pages.glob("*.html")]
    assert min(sizes) >= 2_000
    assert max(sizes) <= 52_000


@pytest.mark.parametrize("name", ["site", "tomls", "pages", "memory", "lsp"])
def test_generated_inputs_are_clean_for_our_checker(inputs: Path, name: str) -> None:
    code, report = validate(inputs, name)
    assert code == 0
    diagnostics = report["diagnostics"]
    assert isinstance(diagnostics, list)
    # Only the deprecation warning of legacy [[fetch]] tables, which some configs keep.
    assert {d["code"] for d in diagnostics} <= {"PSC104"}


def test_the_sanity_config_is_rejected(inputs: Path) -> None:
    code, report = validate(inputs, "sanity")
    assert code == 1
    diagnostics = report["diagnostics"]
    assert isinstance(diagnostics, list)
    assert [(d["code"], d["message"]) for d in diagnostics] == [
        ("PSC102", '"packages" must be an array of strings, not a string')
    ]


def test_the_driver_gets_completion_hover_and_diagnostics_from_our_server(
    tmp_path: Path,
) -> None:
    config = tmp_path / "pyscript.toml"
    text = 'interpreter = "0.29.3"\n\n[files]\n"https://example.com/a.py" = "./a.py"\n'
    config.write_text(text, encoding="utf-8")
    command = tool("pyscript-config")
    assert command is not None
    client = LspClient([command, "server"], cwd=str(tmp_path))
    try:
        client.initialize(str(tmp_path))
        assert client.incremental()
        uri = config.as_uri()
        since = client.open(uri, "toml", text)
        opened = client.wait_diagnostics(uri, since, timeout=30)
        assert [d["code"] for d in opened.items] == ["PSC440"]
        answer, _ = client.request(
            "textDocument/completion",
            {"textDocument": {"uri": uri}, "position": {"line": 1, "character": 0}},
        )
        assert "packages" in labels(answer)
        assert "interpreter" not in labels(answer)
        answer, _ = client.request(
            "textDocument/hover",
            {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}},
        )
        assert hover_text(answer).startswith("**interpreter**")
        edit = {
            "range": {
                "start": {"line": 0, "character": 14},
                "end": {"line": 0, "character": 22},
            },
            "text": '"https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.mjs"',
        }
        since = client.change(uri, 2, [edit])
        changed = client.wait_diagnostics(uri, since, timeout=30)
        assert (changed.version, changed.items) == (2, [])
    finally:
        assert client.close() == 0


def test_a_quick_run_prints_every_row(tmp_path: Path) -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--quick", "--work", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    table = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    for rows in run.ROWS.values():
        for row in rows:
            assert row in table
    assert "sanity: tombi, taplo, check-jsonschema and pyscript-config all reject" in done.stdout


def test_only_and_markdown(tmp_path: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            str(REPO / "bench" / "run.py"),
            "--quick",
            "--only",
            "imports",
            "--runs",
            "1",
            "--markdown",
            "--work",
            str(tmp_path),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    rows = [line for line in done.stdout.splitlines() if line.startswith("| ")]
    assert [row.split(" | ")[0] for row in rows] == ["| row", "| import-time"]
    assert "- validate loads none of pydantic, pygls, lsprotocol, jsonschema" in done.stdout


def test_an_unknown_measurement_is_refused() -> None:
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "run.py"), "--only", "nope"],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert done.returncode == 2
    assert (
        "unknown --only nope; choose from cold, tomls, pages, lsp, memory, imports" in done.stderr
    )
