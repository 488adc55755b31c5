"""`pyscript_config.__version__` is the one place the Python project writes its version.

Everything else must derive from it: the distribution metadata (setuptools reads the
attribute; tests/packaging/test_distributions.py checks the built METADATA), the
`--version` line and the language server's `serverInfo`. The last two are checked by
changing `__version__` to a value no release will ever have and watching it come out,
so a second, hard-coded copy anywhere on those paths fails here.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import tomlkit
from lsp_stdio import initialize_and_exit

import pyscript_config
from pyscript_config.cli.main import main

REPO = Path(__file__).resolve().parents[2]
PACKAGE = REPO / "server" / "pyscript_config"
SENTINEL = "9999.0.0.dev0"
# PEP 440 in its normalised spelling: what setuptools writes into METADATA and file names.
NORMALISED = re.compile(
    r"(?:0|[1-9]\d*)(?:\.(?:0|[1-9]\d*))*(?:(?:a|b|rc)(?:0|[1-9]\d*))?"
    r"(?:\.post(?:0|[1-9]\d*))?(?:\.dev(?:0|[1-9]\d*))?"
)


def _patched(argv: list[str]) -> list[str]:
    """A fresh interpreter that sets `__version__` before anything else is imported."""
    code = (
        "import pyscript_config\n"
        f"pyscript_config.__version__ = {SENTINEL!r}\n"
        "from pyscript_config.cli.main import main\n"
        f"raise SystemExit(main({argv!r}))\n"
    )
    return [sys.executable, "-c", code]


def test_the_version_is_normalised_pep_440() -> None:
    # Otherwise METADATA and the file names would spell it differently from --version.
    assert NORMALISED.fullmatch(pyscript_config.__version__), pyscript_config.__version__


def test_pyproject_takes_the_version_from_the_attribute() -> None:
    data = tomlkit.parse((REPO / "pyproject.toml").read_text(encoding="utf-8")).unwrap()
    assert "version" not in data["project"]
    assert "version" in data["project"]["dynamic"]
    assert data["tool"]["setuptools"]["dynamic"]["version"] == {
        "attr": "pyscript_config.__version__"
    }
    assert not (REPO / "setup.py").exists()
    assert not (REPO / "setup.cfg").exists()


def test_only_the_package_root_assigns_the_version() -> None:
    assigned = []
    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            targets = (
                node.targets
                if isinstance(node, ast.Assign)
                else [node.target]
                if isinstance(node, ast.AnnAssign | ast.AugAssign)
                else []
            )
            if any(isinstance(t, ast.Name) and t.id == "__version__" for t in targets):
                assigned.append(path.relative_to(PACKAGE).as_posix())
    assert assigned == ["__init__.py"]


def test_version_flag_prints_the_attribute(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pyscript_config, "__version__", SENTINEL)
    assert main(["--version"]) == 0
    assert capsys.readouterr() == (f"pyscript-config {SENTINEL}\n", "")


def test_version_flag_in_a_fresh_interpreter() -> None:
    proc = subprocess.run(
        _patched(["--version"]), capture_output=True, text=True, timeout=60, check=False
    )
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"pyscript-config {SENTINEL}\n", "")


def test_server_info_reports_the_attribute(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYSCRIPT_CONFIG_")}
    exchange = initialize_and_exit(_patched(["server"]), cwd=tmp_path, env=env)
    assert exchange.initialize["result"]["serverInfo"] == {
        "name": "pyscript-config",
        "version": SENTINEL,
    }, exchange.stderr
    assert exchange.shutdown == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert exchange.exit_code == 0, exchange.stderr
