"""The pre-commit hook, run for real: `pre-commit try-repo <this repo> pyscript-config`.

try-repo installs the hook from the repository's committed state (with a local
repository that has uncommitted changes to tracked files, from a shadow commit of
them; untracked files are never included), into a fresh environment in a temporary
store, exactly as a user's pre-commit would. PRE_COMMIT_HOME points into the test's
temporary directory so nothing is written to the user's cache.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_helpers import BAD_TOML, GOOD_TOML, page, write

REPO = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.slow


def git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def try_repo(cwd: Path, home: Path) -> subprocess.CompletedProcess[str]:
    env = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("GIT_", "PRE_COMMIT", "PYSCRIPT_CONFIG_", "VIRTUAL_ENV"))
    }
    env.update(PRE_COMMIT_HOME=str(home), PRE_COMMIT_COLOR="never", NO_COLOR="1")
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "try-repo",
            str(REPO),
            "pyscript-config",
            "--all-files",
            "--verbose",
        ],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )


def test_hook_passes_a_good_site_and_fails_a_broken_config(tmp_path: Path) -> None:
    assert (REPO / ".pre-commit-hooks.yaml").is_file()
    project = tmp_path / "project"
    project.mkdir()
    git(project, "init", "-q")
    git(project, "config", "user.email", "test@example.com")
    git(project, "config", "user.name", "Test")
    git(project, "config", "commit.gpgsign", "false")
    write(
        project,
        {
            "site/index.html": page(),
            "site/pyscript.toml": GOOD_TOML,
            "site/main.py": "print('hello')\n",
            # Unrelated TOML and JSON the hook receives (types_or) and must ignore.
            "pyproject.toml": '[project]\nname = "demo"\nversion = "0"\n',
            "package.json": '{"name": "demo", "private": true, "scripts": {}}\n',
        },
    )
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "good site")

    good = try_repo(project, tmp_path / "pre-commit-home")
    output = good.stdout + good.stderr
    assert good.returncode == 0, output
    assert "pyscript-config" in output
    assert "Passed" in output
    assert "Traceback" not in output

    write(project, {"site/pyscript.toml": BAD_TOML})
    git(project, "commit", "-q", "-am", "break the config")

    bad = try_repo(project, tmp_path / "pre-commit-home")
    output = bad.stdout + bad.stderr
    assert bad.returncode == 1, output
    assert "Failed" in output
    assert 'site/pyscript.toml:1:12: PSC102 "packages" must be an array of strings' in output
    assert "Found 1 error in 1 file." in output
    # pyproject.toml and package.json were passed to the hook and skipped silently.
    assert "pyproject.toml:" not in output
    assert "package.json:" not in output
    assert "Traceback" not in output
