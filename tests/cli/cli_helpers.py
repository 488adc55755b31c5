"""Helpers for the command-line tests: small sites on disk, in-process and real runs."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pyscript_config.cli.main import main

LOADER = "https://pyscript.net/releases/2026.7.3/core.js"

PAGE = """<!DOCTYPE html>
<html>
<head>
  <script type="module" src="{loader}"></script>
</head>
<body>
  <script type="py" config="{config}" src="main.py"></script>
</body>
</html>
"""
PLAIN_PAGE = "<!DOCTYPE html>\n<html><body><p>No Python here.</p></body></html>\n"
GOOD_TOML = 'packages = ["numpy"]\n'
# `packages` must be an array: PSC102 on the value, line 1, column 12.
BAD_TOML = 'packages = "numpy"\n'


def page(config: str = "./pyscript.toml") -> str:
    return PAGE.format(loader=LOADER, config=config)


def write(root: Path, files: dict[str, str | bytes]) -> Path:
    for name, content in files.items():
        target = root / name
        target.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            target.write_bytes(content)
        else:
            target.write_text(content, encoding="utf-8")
    return root


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> Iterator[Callable[..., Result]]:
    """Run `main()` in this process, in `tmp_path`, with a clean colour environment."""
    monkeypatch.chdir(tmp_path)
    for name in ("NO_COLOR", "FORCE_COLOR", "PYSCRIPT_CONFIG_OUTPUT_FORMAT"):
        monkeypatch.delenv(name, raising=False)

    def run(*args: str) -> Result:
        code = main(list(args))
        captured = capsys.readouterr()
        assert "Traceback" not in captured.out + captured.err
        return Result(code, captured.out, captured.err)

    yield run


def console_script() -> str:
    """The installed `pyscript-config` entry point (what users and pre-commit run)."""
    script = Path(sysconfig.get_path("scripts")) / "pyscript-config"
    if not script.exists():
        script = Path(sys.executable).parent / "pyscript-config"
    assert script.exists(), "pyscript-config is not installed: run pip install -e '.[test]'"
    return str(script)


@pytest.fixture
def run_script(tmp_path: Path) -> Callable[..., Result]:
    """Run the real console script in a subprocess, in `tmp_path` by default."""

    def run(
        *args: str,
        cwd: Path | None = None,
        stdin: bytes | None = None,
        env: dict[str, str] | None = None,
    ) -> Result:
        completed = subprocess.run(
            [console_script(), *args],
            cwd=cwd or tmp_path,
            input=stdin if stdin is not None else b"",
            capture_output=True,
            env=env,
            timeout=120,
            check=False,
        )
        out = completed.stdout.decode("utf-8", errors="replace")
        err = completed.stderr.decode("utf-8", errors="replace")
        assert "Traceback" not in out + err, out + err
        return Result(completed.returncode, out, err)

    return run
