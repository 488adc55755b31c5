"""A real editor: Debian's Neovim (headless) runs the server as its LSP client.

The Lua script (nvim/check.lua) opens a page, and the test reads back what Neovim
itself holds: the diagnostics from `vim.diagnostic.get` and the labels of a
completion request. Neovim is installed by tests/setup.sh.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "nvim" / "check.lua"
PAGE = """<!doctype html>
<html>
<head>
  <script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>
  <py-config>
    # café 😀
    packages_cache = "sometimes"
    pak
  </py-config>
</head>
<body>
  <script type="py">print("hi")</script>
</body>
</html>
"""

pytestmark = pytest.mark.slow


def test_neovim_shows_diagnostics_and_completion(tmp_path: Path) -> None:
    nvim = shutil.which("nvim")
    assert nvim is not None, "Neovim is missing: run tests/setup.sh"
    page = tmp_path / "index.html"
    page.write_text(PAGE, encoding="utf-8")
    out = tmp_path / "out.json"
    lines = PAGE.splitlines()
    completion_line = next(i for i, text in enumerate(lines) if text.strip() == "pak")
    env = {
        **os.environ,
        "PSC_OUT": str(out),
        "PSC_PAGE": str(page),
        "PSC_PYTHON": sys.executable,
        "PSC_LINE": str(completion_line + 1),
        "PSC_COL": str(len(lines[completion_line])),
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
    }
    completed = subprocess.run(
        [nvim, "--headless", "--clean", "-i", "NONE", "-n", "-c", f"luafile {SCRIPT}"],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        stdin=subprocess.DEVNULL,
    )
    assert out.exists(), completed.stderr + completed.stdout
    result = json.loads(out.read_text(encoding="utf-8"))
    assert result["waited"] is True
    by_code = {d["code"]: d for d in result["diagnostics"]}
    cache = by_code["PSC103"]
    cache_line = next(i for i, text in enumerate(lines) if "packages_cache" in text)
    # Neovim counts UTF-8 bytes: nothing non-ASCII on this line, so byte = character.
    assert (cache["lnum"], cache["col"]) == (cache_line, lines[cache_line].index('"sometimes"'))
    assert cache["end_col"] == cache["col"] + len('"sometimes"')
    assert cache["source"] == "pyscript-config"
    assert cache["severity"] == 1
    assert "PSC101" not in by_code  # the initializationOptions' ignore list applies
    assert "packages" in result["completion"]
    assert "packages_cache" not in result["completion"]  # already present
