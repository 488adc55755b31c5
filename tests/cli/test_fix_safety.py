"""`--fix` interrupted at every step of the write, line endings, and idempotence.

The write is: create a temporary file next to the original, write, flush, fsync,
copy the permission bits, rename over the original, fsync the directory. A child
process runs `validate --fix` with one of those steps replaced by a SIGKILL (or by
an I/O error); the file must then be byte-identical to the original (killed before
the rename) or to the fully fixed text (after it), never anything in between.

A killed run cannot remove its temporary file. The next run that writes the same
file removes temporaries whose process is gone (their names carry the PID), so
after it nothing is left over.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result, page, write

from pyscript_config.cli.fixing import remove_stale_temporaries

Run = Callable[..., Result]
ROOT = Path(__file__).resolve().parents[2]

CONFIG = (
    b'packages = ["numpy"]  # pyscript-config: ignore[PSC102]\r\n'
    b"# pyscript-config: ignore[PSC101]\n"
    b"\r\n"
    b'packages_cache = "nevr"'
)
# Mixed line endings and no final line break, kept: only the two comments go.
FIXED = b'packages = ["numpy"]\r\n\r\npackages_cache = "nevr"'

HARNESS = """
import io, os, signal, sys, tempfile

STEP, MODE = sys.argv[1], sys.argv[2]


def hit():
    if MODE == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    raise OSError(5, "Input/output error")


def from_fixing():
    return sys._getframe(2).f_code.co_filename.endswith("fixing.py")


def arm(module, name, step):
    original = getattr(module, name)

    def wrapper(*args, **kwargs):
        if step == STEP and from_fixing():
            hit()
        return original(*args, **kwargs)

    setattr(module, name, wrapper)


arm(tempfile, "mkstemp", "mkstemp")
arm(os, "fsync", "fsync")
arm(os, "chmod", "chmod")
arm(os, "replace", "replace")
arm(os, "open", "sync-directory")  # only the directory is opened with os.open, after the rename


class Writer:
    def __init__(self, raw):
        self.raw = raw

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        return self.raw.__exit__(*exc)

    def write(self, data):
        if STEP == "write":  # half of the bytes reach the temporary file, then the end
            self.raw.write(data[: len(data) // 2])
            self.raw.flush()
            hit()
        return self.raw.write(data)

    def flush(self):
        if STEP == "flush":
            hit()
        return self.raw.flush()

    def fileno(self):
        return self.raw.fileno()


real_fdopen = os.fdopen


def fdopen(*args, **kwargs):
    raw = real_fdopen(*args, **kwargs)
    return Writer(raw) if sys._getframe(1).f_code.co_filename.endswith("fixing.py") else raw


os.fdopen = fdopen

from pyscript_config.cli.main import main

sys.exit(main(["validate", "site", "--fix"]))
"""

BEFORE_RENAME = ["mkstemp", "write", "flush", "fsync", "chmod", "replace"]
STEPS = [*BEFORE_RENAME, "sync-directory"]


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, {"site/index.html": page(), "site/pyscript.toml": CONFIG})
    return tmp_path / "site" / "pyscript.toml"


def temporaries(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.rglob("*.tmp"))


def interrupted(step: str, mode: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", HARNESS, step, mode],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.parametrize("step", STEPS)
def test_a_kill_at_any_step_leaves_the_original_or_the_fixed_file(
    step: str, site: Path, tmp_path: Path, run_script: Run
) -> None:
    completed = interrupted(step, "kill", tmp_path)
    assert completed.returncode == -9, completed.stderr
    assert site.read_bytes() == (CONFIG if step in BEFORE_RENAME else FIXED)
    left = temporaries(site.parent)
    if step in ("mkstemp", "sync-directory"):
        assert left == []  # killed before the file existed, or after it was renamed
    else:
        assert len(left) == 1 and left[0].startswith(".pyscript.toml.")
    # The next run fixes the file and removes what the killed run left behind.
    again = run_script("validate", "site", "--fix", cwd=tmp_path)
    assert again.code == 1
    assert site.read_bytes() == FIXED
    assert temporaries(site.parent) == []


@pytest.mark.parametrize("step", BEFORE_RENAME)
def test_an_io_error_at_any_step_leaves_the_original_and_no_temporary(
    step: str, site: Path, tmp_path: Path
) -> None:
    completed = interrupted(step, "fail", tmp_path)
    assert completed.returncode == 2
    assert completed.stderr == (
        "pyscript-config: error: site/pyscript.toml: cannot write the fixed file: "
        "input/output error; the file was left unchanged\n"
    )
    assert site.read_bytes() == CONFIG
    assert temporaries(site.parent) == []


def test_a_failed_directory_sync_still_counts_as_written(site: Path, tmp_path: Path) -> None:
    # After the rename the file is fixed; not being able to open the directory only
    # means the rename may not be durable yet, which is no reason to fail.
    completed = interrupted("sync-directory", "fail", tmp_path)
    assert completed.returncode == 1
    assert completed.stderr == ""
    assert "Fixed 2 problems (1 remaining)." in completed.stdout
    assert site.read_bytes() == FIXED


def test_temporaries_of_a_running_process_are_kept(site: Path) -> None:
    directory = site.parent
    alive = directory / f".pyscript.toml.{os.getpid()}.abcd1234.pyscript-config.tmp"
    gone = directory / ".pyscript.toml.999999999.abcd1234.pyscript-config.tmp"
    other = directory / ".index.html.999999999.abcd1234.pyscript-config.tmp"
    for path in (alive, gone, other):
        path.write_bytes(b"partial")
    remove_stale_temporaries(str(directory), "pyscript.toml")
    assert temporaries(directory) == sorted([alive.name, other.name])


@pytest.mark.parametrize(
    ("original", "fixed"),
    [
        (b"a = 1\npackages = []  # pyscript-config: ignore[PSC102]\n", b"a = 1\npackages = []\n"),
        (
            b"a = 1\r\npackages = []  # pyscript-config: ignore[PSC102]\r\n",
            b"a = 1\r\npackages = []\r\n",
        ),
        (b"a = 1\r\npackages = []  # pyscript-config: ignore[PSC102]", b"a = 1\r\npackages = []"),
        (CONFIG, FIXED),
    ],
    ids=["lf", "crlf", "crlf-no-final-newline", "mixed-no-final-newline"],
)
def test_line_endings_and_a_missing_final_newline_are_kept(
    original: bytes, fixed: bytes, tmp_path: Path, run_script: Run
) -> None:
    write(tmp_path, {"pyscript.toml": original})
    (tmp_path / "pyscript.toml").chmod(0o640)
    result = run_script("validate", "pyscript.toml", "--fix", "--isolated")
    assert "Fixed " in result.out
    assert (tmp_path / "pyscript.toml").read_bytes() == fixed
    assert (tmp_path / "pyscript.toml").stat().st_mode & 0o777 == 0o640


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(path.relative_to(root)): path.read_bytes()
        for path in sorted(root.rglob("*"))
        if path.is_file() and not path.is_symlink()
    }


@pytest.mark.parametrize("flags", [["--fix"], ["--fix", "--unsafe-fixes"]], ids=["safe", "unsafe"])
def test_fixing_twice_equals_fixing_once(flags: list[str], tmp_path: Path, run_script: Run) -> None:
    """Every input of examples/broken and tests/cases: a second run changes no byte."""
    shutil.copytree(ROOT / "examples" / "broken", tmp_path / "broken", symlinks=True)
    shutil.copytree(
        ROOT / "tests" / "cases",
        tmp_path / "cases",
        symlinks=True,
        ignore=shutil.ignore_patterns("test_cases.py", "expected.txt", "README.md", "__pycache__"),
    )
    before = snapshot(tmp_path)
    first = run_script("validate", "--isolated", *flags, "broken", "cases")
    once = snapshot(tmp_path)
    assert once != before  # there was something to fix
    second = run_script("validate", "--isolated", *flags, "broken", "cases")
    assert snapshot(tmp_path) == once
    assert "Fixed" in first.out and "Fixed" not in second.out
    assert second.code == first.code == 1
    assert temporaries(tmp_path) == []
