"""Helpers for the VS Code extension tests (a unique module name: test folders share
one import path).

The extension is built by tests/setup.sh (`npm ci` and `npm run package` in
editors/vscode). A missing or stale build fails the tests with that instruction;
nothing is skipped.
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

REPO = Path(__file__).resolve().parents[3]
EXTENSION = REPO / "editors" / "vscode"
DIST = EXTENSION / "dist"
VSIX = DIST / "pyscript-config.vsix"
SERVER_OPTIONS_JS = DIST / "serverOptions.js"
EXTENSION_JS = DIST / "extension.js"
LAUNCH = EXTENSION / "test" / "launch.mjs"
BROKEN = REPO / "examples" / "broken"
SETUP = "run tests/setup.sh (it runs `npm ci` and `npm run package` in editors/vscode)"

# What the build reads: a change to any of these after the .vsix was made means the
# tests would check an old build.
BUILD_INPUTS = [
    *sorted((EXTENSION / "src").glob("*.ts")),
    *sorted((EXTENSION / "scripts").glob("*.mjs")),
    EXTENSION / "package.json",
    EXTENSION / ".vscodeignore",
    EXTENSION / "README.md",
    REPO / "schemas" / "pyscript.schema.json",
    REPO / "server" / "pyscript_config" / "__init__.py",
]

SEVERITY = {"error": 1, "warning": 2, "info": 3, "hint": 4}


def node() -> str:
    found = shutil.which("node")
    if found is None:
        pytest.fail(f"node is not installed: {SETUP}")
    return found


def require_build() -> None:
    """Fail (never skip) when the extension has not been built, or was built from older
    sources than the working tree's."""
    needed = [
        VSIX,
        SERVER_OPTIONS_JS,
        EXTENSION_JS,
        EXTENSION / "node_modules" / "vscode-languageserver-protocol",
    ]
    missing = [str(p.relative_to(REPO)) for p in needed if not p.exists()]
    if missing:
        pytest.fail(f"the VS Code extension is not built ({', '.join(missing)} missing): {SETUP}")
    built = min(p.stat().st_mtime for p in (VSIX, SERVER_OPTIONS_JS, EXTENSION_JS))
    newer = [str(p.relative_to(REPO)) for p in BUILD_INPUTS if p.stat().st_mtime > built]
    if newer:
        pytest.fail(f"the VS Code extension build is older than {', '.join(newer)}: {SETUP}")


def node_env() -> dict[str, str]:
    """This Python's scripts directory first on PATH, so that `pyscript-config` is the
    one installed for the interpreter running the tests."""
    scripts = os.path.dirname(sys.executable)
    return {**os.environ, "PATH": scripts + os.pathsep + os.environ.get("PATH", "")}


def launch(spec: dict[str, Any]) -> dict[str, Any]:
    """Run test/launch.mjs: the server started through dist/serverOptions.js."""
    require_build()
    completed = subprocess.run(
        [node(), str(LAUNCH), json.dumps(spec)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env=node_env(),
        cwd=REPO,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    result: dict[str, Any] = json.loads(completed.stdout)
    return result


def validate_json(pages: list[Path], *options: str) -> list[dict[str, Any]]:
    """`pyscript-config validate --output-format json` on the pages, by absolute path as
    an editor names them (messages quote paths as given), from the repository root (so
    both find the same settings file)."""
    completed = subprocess.run(
        [
            sys.executable,
            "-m",
            "pyscript_config",
            "validate",
            "--output-format",
            "json",
            *options,
            *(str(p) for p in pages),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        cwd=REPO,
    )
    assert completed.returncode in (0, 1), completed.stderr
    report: dict[str, Any] = json.loads(completed.stdout)
    diagnostics: list[dict[str, Any]] = report["diagnostics"]
    return diagnostics


def lsp_position(text: str, position: dict[str, int]) -> dict[str, int]:
    """A validate position (1-based line and column in characters, 0-based offset) as an
    LSP position (0-based line, UTF-16 code units): the same point, checked both ways."""
    offset = position["offset"]
    line_start = text.rfind("\n", 0, offset) + 1
    line = text.count("\n", 0, offset)
    assert (line + 1, offset - line_start + 1) == (position["line"], position["column"])
    character = len(text[line_start:offset].encode("utf-16-le")) // 2
    return {"line": line, "character": character}


def lsp_range(text: str, range_: dict[str, dict[str, int]]) -> dict[str, dict[str, int]]:
    return {"start": lsp_position(text, range_["start"]), "end": lsp_position(text, range_["end"])}


def expected_lsp(page: Path, diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """What an editor should receive for `page`, from validate's JSON report."""
    text = page.read_text(encoding="utf-8")
    out = []
    for d in diagnostics:
        if d["path"] != str(page):
            continue
        fix = d["fix"]
        out.append(
            {
                "code": d["code"],
                "severity": SEVERITY[d["severity"]],
                "message": d["message"],
                "range": lsp_range(text, d["range"]),
                "href": d["url"],
                "related": len(d["related"]),
                "fix": None
                if fix is None
                else {
                    "title": fix["title"],
                    "safe": fix["safe"],
                    "edits": [
                        {
                            "uri": Path(e["path"]).as_uri(),
                            "range": lsp_range(text, e["range"]),
                            "newText": e["new_text"],
                        }
                        for e in fix["edits"]
                    ],
                },
            }
        )
    return sorted(out, key=_order)


def received(diagnostics: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The LSP diagnostics in the same shape as `expected_lsp`."""
    out = []
    for d in diagnostics:
        assert d["source"] == "pyscript-config"
        fix = (d.get("data") or {}).get("fix")
        out.append(
            {
                "code": d["code"],
                "severity": d["severity"],
                "message": d["message"],
                "range": d["range"],
                "href": d["codeDescription"]["href"],
                "related": len(d.get("relatedInformation") or []),
                "fix": None
                if fix is None
                else {"title": fix["title"], "safe": fix["safe"], "edits": fix["edits"]},
            }
        )
    return sorted(out, key=_order)


def _order(d: dict[str, Any]) -> tuple[int, int, str]:
    start = d["range"]["start"]
    return (start["line"], start["character"], d["code"])
