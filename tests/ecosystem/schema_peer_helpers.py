"""Shared by the schema peer tests: the tools, a throw-away project, good and bad configs.

Each tool runs as a subprocess on a small project in a temporary folder, with the schema
copied from `schemas/pyscript.schema.json`. The tools are test extras (`pip install -e
'.[test]'`): a missing one fails the test, it is never skipped. No network: every proxy
variable points at a closed local port, so any request fails, and tombi's verbose log is
checked for catalog fetches (SchemaStore's catalog is its default). Caches and user
configuration live in the temporary folder.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

import pytest
import tomlkit

REPO = Path(__file__).resolve().parents[2]
SCHEMA = REPO / "schemas" / "pyscript.schema.json"
EXAMPLE = REPO / "examples" / "pyscript.toml"
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: connections are refused at once

# One fault per bad file, so that the key each tool names is unambiguous:
# (fault, key it concerns, text added to the good example).
FETCH_ENTRY = '\n[[fetch]]\nfrom = "https://example.com/src/"\nfiles = ["utils.py"]\n'
FAULTS: dict[str, tuple[str, str]] = {
    "wrong-type": ("packages", ""),  # packages = "numpy" instead of ["numpy"]
    "unknown-key-in-fetch": ("tofolder", FETCH_ENTRY + 'tofolder = "lib"\n'),
    "wrong-enum": ("packages_cache", 'packages_cache = "sometimes"\n'),
}


def good_toml() -> str:
    return EXAMPLE.read_text(encoding="utf-8")


def bad_toml(fault: str) -> str:
    text = good_toml()
    if fault == "wrong-type":
        assert 'packages = ["numpy"]\n' in text, "examples/pyscript.toml changed: adapt the test"
        return text.replace('packages = ["numpy"]\n', 'packages = "numpy"\n')
    key, addition = FAULTS[fault]
    if key == "packages_cache":
        # A top-level key goes before the first table header.
        head, _, rest = text.partition("\n[")
        return f"{head}\n{addition}\n[{rest}"
    return text + addition


def as_json(toml_text: str) -> str:
    return json.dumps(tomlkit.parse(toml_text).unwrap(), indent=2) + "\n"


def tool(name: str) -> str:
    """The executable installed with this Python (a test extra), else one on PATH."""
    candidates = [Path(sys.executable).parent / name, Path(sysconfig.get_path("scripts")) / name]
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed (looked next to {sys.executable} and on PATH): it is a "
            "test extra, install it with pip install -e '.[test]'. This test runs the real "
            f"{name} and is never skipped.",
            pytrace=False,
        )
    return found


@dataclass
class Run:
    code: int
    output: str  # stdout and stderr together, colours off


@dataclass
class Project:
    root: Path
    schema: Path
    env: dict[str, str]

    def write(self, name: str, text: str) -> Path:
        path = self.root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def run(self, *args: str, cwd: Path | None = None) -> Run:
        completed = subprocess.run(
            list(args),
            cwd=cwd or self.root,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        return Run(completed.returncode, completed.stdout + completed.stderr)


def make_project(tmp_path: Path) -> Project:
    schema = tmp_path / "schemas" / "pyscript.schema.json"
    schema.parent.mkdir()
    shutil.copyfile(SCHEMA, schema)
    home = tmp_path / "home"
    home.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy") and not key.startswith(("TOMBI_", "TAPLO_"))
    }
    env.update(
        {
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "TOMBI_CACHE_HOME": str(home / ".cache" / "tombi"),
            "NO_COLOR": "1",
            "RUST_LOG_STYLE": "never",
        }
    )
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = env[name.lower()] = DEAD_PROXY
    env["NO_PROXY"] = env["no_proxy"] = ""
    return Project(tmp_path / "site", schema, env)


def cited_lines(output: str, file_name: str) -> set[int]:
    """Line numbers the output points at in `file_name` (`name:line:col`)."""
    pattern = re.escape(file_name) + r":(\d+):\d+"
    return {int(m[1]) for m in re.finditer(pattern, output)}


def key_line(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), 1):
        if re.match(rf"\s*{re.escape(key)}\s*=", line):
            return number
    raise AssertionError(f"{key} not in the text")


def names(output: str, key: str) -> bool:
    """Whether the output names `key` as a whole word (`packages` is not `packages_cache`)."""
    return re.search(rf"(?<![\w-]){re.escape(key)}(?![\w-])", output) is not None


def assert_rejects_naming(result: Run, key: str) -> None:
    assert result.code != 0, result.output
    assert names(result.output, key), f"{key!r} not in the output:\n{result.output}"


def assert_rejects_pointing_at(result: Run, file: Path, key: str) -> None:
    """tombi names positions, not keys: the key is the one on the line it points at (and
    an unknown key is also named in its message)."""
    assert result.code != 0, result.output
    text = file.read_text(encoding="utf-8")
    assert key_line(text, key) in cited_lines(result.output, file.name), result.output


def assert_no_catalog_fetch(log: str) -> None:
    """tombi fetches SchemaStore's catalog unless told not to; the verbose log shows it."""
    for line in log.splitlines():
        if re.search(r"(?i)fetch", line) and re.search(r"https?://", line):
            assert "offline mode, skip" in line, f"tombi tried the network: {line}"
    assert "failed to fetch" not in log
