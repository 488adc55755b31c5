"""Check a list of cases and print their diagnostics as JSON (for the hash-seed check).

Run twice with different PYTHONHASHSEED values: set and dict iteration order must not
leak into the diagnostics, so both outputs must be identical.

    python -m tests.fuzz.hashseed cases.json > out.json
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

from .properties import Case, run_check, serialise

ROOT = Path(__file__).resolve().parents[2]


def dump(cases: Sequence[Case]) -> str:
    results = [serialise(run_check(case.files, case.path)) for case in cases]
    return json.dumps(results, ensure_ascii=True)


def differing(cases: Sequence[Case], seeds: tuple[str, str] = ("1", "2024")) -> list[int]:
    """Indexes of the cases whose diagnostics differ between two fresh processes."""
    with_surrogates = json.dumps([c.to_json() for c in cases], ensure_ascii=True)
    outputs: list[list[object]] = []
    for seed in seeds:
        env = {**os.environ, "PYTHONHASHSEED": seed}
        done = subprocess.run(
            [sys.executable, "-m", "tests.fuzz.hashseed", "-"],
            input=with_surrogates,
            capture_output=True,
            text=True,
            cwd=ROOT,
            env=env,
            check=True,
        )
        outputs.append(json.loads(done.stdout))
    first, second = outputs
    return [i for i, (a, b) in enumerate(zip(first, second, strict=True)) if a != b]


def main(argv: Sequence[str]) -> int:
    source = sys.stdin.read() if argv[0] == "-" else Path(argv[0]).read_text(encoding="utf-8")
    cases = [Case.from_json(item) for item in json.loads(source)]
    sys.stdout.write(dump(cases))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
