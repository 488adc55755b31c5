"""The server started exactly as the VS Code extension starts it.

editors/vscode/test/launch.mjs loads the built dist/serverOptions.js (the module the
extension bundles), takes the command, arguments, environment and working directory
it computes for the settings, starts that process and talks LSP to it with
vscode-languageserver-protocol, declaring what VS Code declares. Whatever it receives
for the broken example pages must be what `pyscript-config validate` reports for them.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from vscode_helpers import BROKEN, REPO, expected_lsp, launch, node_env, received, validate_json

pytestmark = pytest.mark.slow

PAGES = sorted(BROKEN.glob("*.html"))


def check_against_validate(
    result: dict[str, Any], report: list[dict[str, Any]], expected_codes: int
) -> None:
    assert result["ok"] is True, result
    assert result["exitCode"] == 0  # shutdown, then exit
    assert result["configurationRequests"] >= 1  # the settings were asked for
    assert sorted(result["diagnostics"]) == sorted(str(p) for p in PAGES)
    total = 0
    for page in PAGES:
        want = expected_lsp(page, report)
        assert received(result["diagnostics"][str(page)]) == want, page.name
        total += len(want)
    assert total == expected_codes


def test_broken_pages_are_checked() -> None:
    # The comparison below is only as good as the pages: each has something to report.
    report = validate_json(PAGES)
    assert sorted({d["path"] for d in report}) == [str(p) for p in PAGES]
    assert len(report) == 6


@pytest.mark.parametrize("mode", ["pull", "push"])
def test_interpreter_setting_gives_validate_diagnostics(mode: str) -> None:
    result = launch(
        {
            "launch": {"interpreter": sys.executable},
            "settings": {},
            "folder": str(REPO),
            "pages": [str(p) for p in PAGES],
            "mode": mode,
        }
    )
    assert result["executable"] == {
        "command": sys.executable,
        "args": ["-m", "pyscript_config", "server"],
        "cwd": str(REPO),
    }
    check_against_validate(result, validate_json(PAGES), 6)


def test_command_setting_gives_validate_diagnostics() -> None:
    result = launch(
        {
            "launch": {"command": ["pyscript-config", "server"]},
            "folder": str(REPO),
            "pages": [str(p) for p in PAGES],
            "mode": "pull",
        }
    )
    # Looked up on PATH as the extension does, and started by its full path.
    assert result["executable"]["command"] == shutil.which(
        "pyscript-config", path=node_env()["PATH"]
    )
    assert result["executable"]["args"] == ["server"]
    check_against_validate(result, validate_json(PAGES), 6)


def test_settings_reach_the_server() -> None:
    # Sent as initializationOptions and in answer to workspace/configuration, as the
    # extension sends the values the user set; unset ones (None, "") are left out.
    result = launch(
        {
            "launch": {"interpreter": sys.executable},
            "settings": {
                "ignore": ["PSC100"],
                "severity": {"PSC200": "warning"},
                "pyscriptVersion": "",
                "select": None,
            },
            "folder": str(REPO),
            "pages": [str(p) for p in PAGES],
            "mode": "push",
        }
    )
    report = validate_json(PAGES, "--ignore", "PSC100")
    for d in report:
        if d["code"] == "PSC200":
            d["severity"] = "warning"
    assert [d["code"] for d in report].count("PSC200") == 2
    check_against_validate(result, report, 5)


def test_project_settings_file_applies_as_in_validate(tmp_path: Path) -> None:
    # The project's pyscript-config.toml, found upwards from the page by the server and
    # from the working directory by validate. Its per-file-ignores used to be dropped
    # by the server (settings_map.combine), so the editor showed PSC100 here.
    site = tmp_path / "site"
    site.mkdir()
    pages = [site / "typo-key.html", site / "wrong-config-file.html"]
    for page in pages:
        shutil.copy(BROKEN / page.name, page)
    (site / "pyscript-config.toml").write_text(
        '[per-file-ignores]\n"typo-key.html" = ["PSC100"]\n\n[severity]\nPSC300 = "hint"\n',
        encoding="utf-8",
    )
    result = launch(
        {
            "launch": {"interpreter": sys.executable},
            "settings": {"severity": {"PSC200": "info"}},
            "folder": str(site),
            "pages": [str(p) for p in pages],
        }
    )
    assert result["ok"] is True, result
    completed = subprocess.run(
        [sys.executable, "-m", "pyscript_config", "validate", "--output-format", "json"]
        + [str(p) for p in pages],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=site,
    )
    report = json.loads(completed.stdout)["diagnostics"]
    for d in report:
        if d["code"] == "PSC200":
            d["severity"] = "info"  # the editor setting, merged over the file's table
    assert sorted((d["code"], d["severity"]) for d in report) == [
        ("PSC103", "error"),
        ("PSC200", "info"),
        ("PSC300", "hint"),
    ]
    for page in pages:
        assert received(result["diagnostics"][str(page)]) == expected_lsp(page, report), page.name


def test_missing_interpreter_message(tmp_path: Path) -> None:
    python = str(tmp_path / "nowhere" / "python3")
    result = launch({"launch": {"interpreter": python}, "folder": str(REPO), "pages": []})
    assert result == {
        "ok": False,
        "executable": python,
        "message": f"The Python interpreter {python} was not found: set pyscript-config.server.interpreter "
        "to a Python (3.10 or newer) that has pyscript-config installed, or clear it to use "
        "pyscript-config.server.command.",
    }


def test_interpreter_without_the_package_message(tmp_path: Path) -> None:
    # A virtual environment of this Python without its packages: Python runs, but
    # `pyscript_config` is not importable there.
    venv = tmp_path / "venv"
    subprocess.run(
        [sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120
    )
    python = str(venv / ("Scripts" if os.name == "nt" else "bin") / "python")
    result = launch({"launch": {"interpreter": python}, "folder": str(REPO), "pages": []})
    assert result == {
        "ok": False,
        "executable": python,
        "message": f"pyscript-config is not installed for {python}: run `{python} -m pip install "
        "pyscript-config`, or set pyscript-config.server.command.",
    }


def test_missing_command_message(tmp_path: Path) -> None:
    result = launch(
        {"launch": {"command": ["psc-not-installed", "server"]}, "folder": str(REPO), "pages": []}
    )
    assert result == {
        "ok": False,
        "executable": "psc-not-installed",
        "message": "psc-not-installed was not found on PATH: install pyscript-config (`python -m pip "
        "install pyscript-config`, or `pipx install pyscript-config`), or set "
        "pyscript-config.server.command to the command that starts it, or "
        "pyscript-config.server.interpreter to a Python that has it.",
    }
    # A path is not looked up on PATH, and the message does not claim it was.
    path = str(tmp_path / "bin" / "pyscript-config")
    result = launch({"launch": {"command": [path, "server"]}, "folder": str(REPO), "pages": []})
    assert result["ok"] is False
    assert result["message"].startswith(f"{path} was not found: install pyscript-config (")
