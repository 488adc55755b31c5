"""The bundled example site is clean and every broken example is caught, exactly.

These run the real command the README's first line runs, from the repository root
(where `pyscript-config.toml` excludes examples/broken from directory walks).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# (path, line, column, code, message fragment) — worked out by hand from the files.
BROKEN = {
    ("examples/broken/float-at-end.html", 7, 13, "PSC200", 'ends in "0.5"'),
    ("examples/broken/pyscript.json", 4, 31, "PSC002", "trailing comma"),
    (
        "examples/broken/site/pyscript.toml",
        1,
        12,
        "PSC102",
        '"packages" must be an array of strings, not a string',
    ),
    ("examples/broken/site/pyscript.toml", 2, 9, "PSC102", '"files" must be a table, not an array'),
    ("examples/broken/site/pyscript.toml", 3, 9, "PSC102", '"debug" must be a boolean'),
    ("examples/broken/site/pyscript.toml", 4, 1, "PSC105", '"type" is reserved'),
    ("examples/broken/site/pyscript.toml", 5, 1, "PSC106", "2026.6.1"),
    ("examples/broken/site/pyscript.toml", 6, 1, "PSC600", '"paths" is a classic PyScript key'),
    ("examples/broken/site/pyscript.toml", 8, 13, "PSC108", 'did you mean "main"'),
    ("examples/broken/trailing-comma.html", 7, 66, "PSC002", "trailing comma"),
    ("examples/broken/typo-key.html", 6, 5, "PSC100", 'did you mean "packages"'),
    ("examples/broken/typo-key.html", 7, 22, "PSC103", '"never", "passthrough", "all"'),
    ("examples/broken/unterminated/pyscript.toml", 2, 1, "PSC001", 'expected "," or "]"'),
    (
        "examples/broken/wrong-config-file.html",
        7,
        29,
        "PSC200",
        '"./pyscript.yaml" is not a .toml or .json URL',
    ),
    ("examples/broken/wrong-config-file.html", 8, 30, "PSC300", '"./micropython.toml" not found'),
}


def _validate(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pyscript_config", "validate", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=False,
    )


def test_example_site_is_clean() -> None:
    proc = _validate("--output-format", "json", "examples/")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    data = json.loads(proc.stdout)
    assert data["diagnostics"] == []
    # Every page of the site and both of its config files were really read.
    assert data["summary"]["files"] >= 5


def test_every_broken_example_is_reported_exactly() -> None:
    proc = _validate("--output-format", "json", "examples/broken")
    assert proc.returncode == 1, proc.stderr
    found = {
        (
            d["path"],
            d["range"]["start"]["line"],
            d["range"]["start"]["column"],
            d["code"],
            d["message"],
        )
        for d in json.loads(proc.stdout)["diagnostics"]
    }
    for path, line, column, code, fragment in BROKEN:
        matches = [f for f in found if f[:4] == (path, line, column, code) and fragment in f[4]]
        assert matches, f"missing {path}:{line}:{column} {code} ({fragment}); got {sorted(found)}"
    assert len(found) == len(BROKEN), sorted(found)


def test_text_output_points_at_the_exact_column() -> None:
    proc = _validate("--color", "never", "examples/broken/typo-key.html")
    assert proc.returncode == 1
    lines = proc.stdout.splitlines()
    assert (
        lines[0]
        == 'examples/broken/typo-key.html:6:5: PSC100 unknown key "pakages": did you mean "packages"?'
    )
    frame = "\n".join(lines[1:6])
    assert '6 |     pakages = ["numpy", "pandas"]' in frame
    assert "  |     ^^^^^^^ warning" in frame
