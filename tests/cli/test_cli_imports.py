"""Start-up stays cheap: `validate` never loads the heavy libraries.

The pre-commit hook starts the command on every commit; pydantic, jsonschema,
pygls and lsprotocol cost hundreds of milliseconds to import and are not needed
to check files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from cli_helpers import BAD_TOML, page, write

HEAVY = ("pydantic", "jsonschema", "pygls", "lsprotocol")

PROBE = """
import json, sys
from pyscript_config.cli.main import main
after_import = sorted(m for m in sys.modules if m.startswith("pyscript_config"))
code = main(sys.argv[1:])
loaded = sorted({m.split(".")[0] for m in sys.modules})
print(json.dumps({"code": code, "after_import": after_import, "loaded": loaded}), file=sys.stderr)
"""


def probe(cwd: Path, *args: str) -> dict[str, object]:
    completed = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    result: dict[str, object] = json.loads(completed.stderr.strip().splitlines()[-1])
    return result


def test_validate_loads_none_of_the_heavy_libraries(tmp_path: Path) -> None:
    write(tmp_path, {"site/index.html": page(), "site/pyscript.toml": BAD_TOML})
    for output_format in ("text", "json", "github", "sarif", "junit"):
        result = probe(tmp_path, "validate", "--output-format", output_format)
        assert result["code"] == 1
        loaded = result["loaded"]
        assert isinstance(loaded, list)
        assert [name for name in HEAVY if name in loaded] == []


def test_importing_the_entry_point_loads_only_the_cli_module(tmp_path: Path) -> None:
    result = probe(tmp_path, "--version")
    assert result["after_import"] == [
        "pyscript_config",
        "pyscript_config.cli",
        "pyscript_config.cli.main",
    ]


def test_importtime_of_validate_help(tmp_path: Path) -> None:
    completed = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pyscript_config", "validate", "--help"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0
    assert "usage: pyscript-config validate" in completed.stdout
    imported = {line.split("|")[-1].strip() for line in completed.stderr.splitlines()}
    assert "pyscript_config.cli.main" in imported
    assert not {name for name in imported if name.split(".")[0] in HEAVY}
    # --help needs neither the checker nor the reporters.
    assert "pyscript_config.check" not in imported
