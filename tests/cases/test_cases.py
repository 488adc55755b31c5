"""Runs every data-driven case through the core API and through the CLI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from pyscript_config.check import check_source, is_config_name, load_problem_diagnostic
from pyscript_config.diagnostics import Diagnostic
from pyscript_config.files import FileKind, SourceFile, decode, kind_of, load_source
from pyscript_config.schema_directive import file_declares_our_schema
from pyscript_config.text import LineIndex

CASES = Path(__file__).parent
_LINE = re.compile(
    r"^(?P<path>[^:\s]+):(?P<l1>\d+):(?P<c1>\d+)-(?P<l2>\d+):(?P<c2>\d+) (?P<code>PSC\d{3}) (?P<text>.+)$"
)


@dataclass(frozen=True)
class Expected:
    path: str
    start: tuple[int, int]
    end: tuple[int, int]
    code: str
    text: str

    def matches(self, found: Found) -> bool:
        return (found.path, found.start, found.end, found.code) == (
            self.path,
            self.start,
            self.end,
            self.code,
        ) and self.text in found.message


@dataclass(frozen=True)
class Found:
    path: str
    start: tuple[int, int]
    end: tuple[int, int]
    code: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.start[0]}:{self.start[1]}-{self.end[0]}:{self.end[1]} {self.code} {self.message}"


def _case_dirs() -> list[Path]:
    return sorted(p.parent for p in CASES.glob("*/*/expected.txt"))


def _expected(case: Path) -> list[Expected]:
    items = []
    for number, line in enumerate(
        (case / "expected.txt").read_text(encoding="utf-8").splitlines(), 1
    ):
        if not line.strip() or line.startswith("#"):
            continue
        match = _LINE.match(line)
        assert match, f"{case}/expected.txt:{number}: cannot read {line!r}"
        items.append(
            Expected(
                match["path"],
                (int(match["l1"]), int(match["c1"])),
                (int(match["l2"]), int(match["c2"])),
                match["code"],
                match["text"],
            )
        )
    return items


def _compare(case: Path, found: list[Found]) -> None:
    expected = _expected(case)
    missing = [e for e in expected if not any(e.matches(f) for f in found)]
    extra = [f for f in found if not any(e.matches(f) for e in expected)]
    report = "\n".join(
        ["missing:"] + [f"  {e}" for e in missing] + ["unexpected:"] + [f"  {f}" for f in extra]
    )
    assert not missing and not extra, f"{case.relative_to(CASES)}\n{report}"
    assert len(found) == len(expected), f"{case.relative_to(CASES)}: duplicate diagnostics {found}"


def _text(path: str) -> str:
    """The text the diagnostic offsets index: decoded as the checks decode it.

    Not `Path.read_text`, which turns CRLF into LF (shifting every offset after it)
    and fails on the undecodable files the PSC003 cases are about.
    """
    data = Path(path).read_bytes()
    loaded = decode(path, data, kind_of(path) or FileKind.HTML)
    if isinstance(loaded, SourceFile):
        return loaded.text
    return data.decode("utf-8", errors="replace")


def _run_api(case: Path) -> list[Found]:
    found: list[Found] = []
    texts: dict[str, str] = {}
    checked: set[str] = set()
    cwd = os.getcwd()
    os.chdir(case)
    try:
        files = sorted(
            str(p.relative_to(case)) for p in case.rglob("*") if p.is_file() and kind_of(str(p))
        )
        pages = [f for f in files if f.endswith((".html", ".htm"))]
        configs = [f for f in files if is_config_name(f) or file_declares_our_schema(f)]
        for name in pages + configs:
            if name in checked:
                continue
            loaded = load_source(name)
            diagnostics: list[Diagnostic]
            if isinstance(loaded, SourceFile):
                result = check_source(loaded)
                checked.update(result.checked_configs)
                diagnostics = result.diagnostics
            else:
                # A file that cannot be decoded is reported, not checked (as `validate` does).
                assert not loaded.is_io_error, loaded
                diagnostics = [load_problem_diagnostic(loaded)]
            before = list(found)
            for d in diagnostics:
                if d.path not in texts:
                    texts[d.path] = _text(d.path)
                index = LineIndex(texts[d.path])
                item = Found(
                    d.path,
                    index.line_col(d.span.start),
                    index.line_col(d.span.end),
                    d.code,
                    d.message,
                )
                # A config used by two pages is reported by both checks; the user sees it
                # once (as `validate` merges them). Duplicates within one check still count.
                if item not in before:
                    found.append(item)
    finally:
        os.chdir(cwd)
    return found


@pytest.fixture(scope="module")
def cli_results() -> dict[str, list[Found]]:
    """One real `validate` run over every case folder, split by case.

    A single process keeps the suite fast; each case folder is a separate path
    argument, exactly as a user would pass several sites.
    """
    names = [str(p.relative_to(CASES)) for p in _case_dirs()]
    proc = subprocess.run(
        [sys.executable, "-m", "pyscript_config", "validate", "--output-format", "json", *names],
        cwd=CASES,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode in (0, 1), proc.stderr
    data = json.loads(proc.stdout)
    grouped: dict[str, list[Found]] = {name: [] for name in names}
    for d in data["diagnostics"]:
        start, end = d["range"]["start"], d["range"]["end"]
        path = os.path.normpath(d["path"])
        case = next(name for name in names if path.startswith(name + os.sep))
        grouped[case].append(
            Found(
                os.path.relpath(path, case),
                (start["line"], start["column"]),
                (end["line"], end["column"]),
                d["code"],
                d["message"],
            )
        )
    has_error = any(d["severity"] == "error" for d in data["diagnostics"])
    assert proc.returncode == (1 if has_error else 0)
    return grouped


IDS = [str(p.relative_to(CASES)) for p in _case_dirs()]


def test_there_are_enough_cases() -> None:
    assert len(IDS) >= 60, f"only {len(IDS)} cases"


@pytest.mark.parametrize("case", _case_dirs(), ids=IDS)
def test_case_core_api(case: Path) -> None:
    _compare(case, _run_api(case))


@pytest.mark.parametrize("case", _case_dirs(), ids=IDS)
def test_case_cli(case: Path, cli_results: dict[str, list[Found]]) -> None:
    _compare(case, cli_results[str(case.relative_to(CASES))])
