"""Compares our checker's verdict on each corpus case with what the runtime did.

The rule: a runtime error or silent loss must get at least one *error* diagnostic from
us on the element or key responsible (and naming the runtime's code when it has one); a
page that works must get no error from us.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

from pyscript_config.cli.batch import run
from pyscript_config.cli.discover import discover
from pyscript_config.diagnostics import Diagnostic, Severity
from pyscript_config.reading.toml_reader import parse_toml
from pyscript_config.settings import Settings
from pyscript_config.tree import to_python

HERE = Path(__file__).parent
CORPUS = HERE / "corpus"
RECORDINGS = HERE / "recordings"
EXPECTED_FAILURES = HERE / "expected_failures.toml"
_RUNTIME_CODE = re.compile(r"^PY\d{4}$")


@dataclass(frozen=True)
class Verdict:
    case: str
    runtime: str  # the recorded outcome
    ours: str  # caught | missed | wrong-place | clean | false-alarm | no-code
    agrees: bool
    codes: tuple[str, ...]
    detail: str


def case_ids() -> list[str]:
    """Cases that have both a folder and a recording, sorted."""
    if not CORPUS.is_dir():
        return []
    return sorted(
        p.name
        for p in CORPUS.iterdir()
        if (p / "case.toml").is_file() and (RECORDINGS / f"{p.name}.json").is_file()
    )


def _toml(path: Path) -> dict[str, object]:
    """Read a TOML file with our own reader (tomllib needs Python 3.11)."""
    parsed = parse_toml(path.read_text(encoding="utf-8"))
    assert not parsed.problems and parsed.root is not None, f"{path}: {parsed.problems}"
    data = to_python(parsed.root)
    assert isinstance(data, dict)
    return data


def load_case(case: str) -> dict[str, object]:
    return _toml(CORPUS / case / "case.toml")


def load_recording(case: str) -> dict[str, object]:
    with open(RECORDINGS / f"{case}.json", encoding="utf-8") as handle:
        data: dict[str, object] = json.load(handle)
    return data


def expected_failures() -> dict[str, str]:
    return {str(k): str(v) for k, v in _toml(EXPECTED_FAILURES).items()}


def our_diagnostics(case: str) -> tuple[list[Diagnostic], dict[str, str]]:
    """Run the checker over the case folder as `pyscript-config validate .` would."""
    folder = CORPUS / case
    cwd = os.getcwd()
    os.chdir(folder)
    try:
        found = discover(["."])
        result = run(found.candidates, Settings(), workers=1)
        texts: dict[str, str] = {}
        for diagnostic in result.diagnostics:
            if diagnostic.path not in texts:
                texts[diagnostic.path] = _read(diagnostic.path)
    finally:
        os.chdir(cwd)
    return result.diagnostics, texts


def _read(path: str) -> str:
    with open(path, "rb") as handle:
        return handle.read().decode("utf-8", errors="replace")


def _blame_spans(case: str, meta: dict[str, object]) -> list[tuple[str, int, int]]:
    spans = []
    blames = meta.get("blame", [])
    assert isinstance(blames, list)
    for blame in blames:
        assert isinstance(blame, dict)
        file, text = str(blame["file"]), str(blame["text"])
        content = _read(str(CORPUS / case / file))
        start = content.find(text)
        assert start >= 0, f"{case}: blame text {text!r} is not in {file}"
        spans.append((os.path.normpath(file), start, start + len(text)))
    return spans


def _overlaps(diagnostic: Diagnostic, spans: list[tuple[str, int, int]]) -> bool:
    path = os.path.normpath(diagnostic.path)
    for file, start, end in spans:
        if path != file:
            continue
        if diagnostic.span.start < end and start < max(
            diagnostic.span.end, diagnostic.span.start + 1
        ):
            return True
    return False


def _names_code(diagnostic: Diagnostic, code: str) -> bool:
    return code in diagnostic.message or diagnostic.data.get("runtime") == code


def judge(case: str) -> Verdict:
    meta = load_case(case)
    recording = load_recording(case)
    outcome = str(recording["outcome"])
    diagnostics, _ = our_diagnostics(case)
    errors = [d for d in diagnostics if d.severity is Severity.ERROR]
    codes = tuple(sorted({d.code for d in errors}))
    if outcome in ("works", "warning"):
        if errors:
            first = errors[0]
            return Verdict(
                case, outcome, "false-alarm", False, codes, f"{first.code} {first.message}"
            )
        return Verdict(case, outcome, "clean", True, codes, "")
    if not errors:
        return Verdict(case, outcome, "missed", False, codes, "no error diagnostic")
    spans = _blame_spans(case, meta)
    placed = [d for d in errors if _overlaps(d, spans)] if spans else errors
    if not placed:
        where = ", ".join(f"{d.code}@{d.path}:{d.span.start}" for d in errors)
        return Verdict(case, outcome, "wrong-place", False, codes, f"errors elsewhere: {where}")
    runtime = str(meta.get("runtime", ""))
    if _RUNTIME_CODE.match(runtime) and not any(_names_code(d, runtime) for d in placed):
        return Verdict(case, outcome, "no-code", False, codes, f"does not name {runtime}")
    return Verdict(case, outcome, "caught", True, codes, "")


def table(verdicts: list[Verdict]) -> str:
    """The agreement table printed at the end of the test run."""
    width = max((len(v.case) for v in verdicts), default=4)
    lines = [f"{'case':<{width}}  {'runtime':<11}  {'ours':<11}  codes / detail"]
    for v in verdicts:
        mark = "" if v.agrees else "  <-- " + v.detail
        lines.append(f"{v.case:<{width}}  {v.runtime:<11}  {v.ours:<11}  {','.join(v.codes)}{mark}")
    agree = sum(v.agrees for v in verdicts)
    lines.append(f"agreement: {agree}/{len(verdicts)} cases")
    return "\n".join(lines)


# Filled by the agreement test, printed by conftest at the end of the run.
VERDICTS: list[Verdict] = []
