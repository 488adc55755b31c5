"""The committed recordings are what the real runtime does today.

Re-records a deterministic sample of the corpus through the harness's own command
(`npm --prefix tests/conformance/harness run record -- --sample N --out DIR`) in headless
Chromium and compares each new recording with the committed one. A missing browser or
harness install is a failure that names the command to fix it, never a skip: a green run
must mean the recordings were checked.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

HERE = Path(__file__).parent
HARNESS = HERE / "harness"
RECORDINGS = HERE / "recordings"
CHROMIUM = Path(os.environ.get("PSC_CHROMIUM", "/usr/bin/chromium"))
SAMPLE = 8
SETUP = "bash tests/setup.sh"


def _require_harness() -> str:
    """The npm executable, or a failure saying how to install what is missing."""
    npm = shutil.which("npm")
    if npm is None:
        pytest.fail("npm is not on PATH: install Node.js with npm, then run: " + SETUP)
    if not (HARNESS / "node_modules" / "playwright-core" / "package.json").is_file():
        pytest.fail(
            "the conformance harness is not installed; run: "
            "npm ci --prefix tests/conformance/harness  (or: " + SETUP + ")"
        )
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} is missing; install Debian's chromium with: {SETUP}")
    return npm


def test_harness_selftest() -> None:
    """Routing, normalisation and outcome rules, without a browser (node --test)."""
    npm = _require_harness()
    done = subprocess.run(
        [npm, "--prefix", str(HARNESS), "run", "selftest"],
        check=False,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "# fail 0" in done.stdout, done.stdout


def _comparable(recording: dict[str, object]) -> dict[str, object]:
    """The recording with Chromium's version cut to its major number.

    Debian ships Chromium security updates within a major version; the runtime's
    behaviour and messages are compared in full, the browser build only by major.
    """
    versions = dict(recording["versions"])  # type: ignore[call-overload]
    versions["chromium"] = str(versions["chromium"]).split(".")[0]
    return {**recording, "versions": versions}


@pytest.mark.slow
def test_rerecorded_sample_matches_committed(tmp_path: Path) -> None:
    npm = _require_harness()
    out = tmp_path / "recordings"
    command = [npm, "--prefix", str(HARNESS), "run", "record", "--", "--sample", str(SAMPLE)]
    done = subprocess.run(
        [*command, "--out", str(out)],
        check=False,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    fresh = sorted(out.glob("*.json"))
    assert len(fresh) == SAMPLE, done.stdout + done.stderr
    kinds = set()
    for path in fresh:
        committed_path = RECORDINGS / path.name
        assert committed_path.is_file(), (
            f"{path.stem} has no committed recording; run: "
            f"npm --prefix tests/conformance/harness run record -- {path.stem}"
        )
        new = json.loads(path.read_text(encoding="utf-8"))
        committed = json.loads(committed_path.read_text(encoding="utf-8"))
        assert _comparable(new) == _comparable(committed), (
            f"{path.stem}: the runtime no longer does what its recording says; review with "
            f"`npm --prefix tests/conformance/harness run record -- {path.stem}` and git diff"
        )
        kinds.add(str(new["outcome"]))
    # the sample is spread over outcomes, so a harness that records everything alike fails
    assert "works" in kinds and "error" in kinds, kinds
