"""The rest of the CLI bad-input matrix (issue 8 item 3), next to `test_bad_input.py`.

Each case runs the real console script, checks the exact message and the exit code,
and that a good-but-wrong site next to the bad input is still checked (its PSC102).

Unreadable files: these tests run as root, and root reads a `chmod 000` file. So the
CLI runs with the two capabilities that let root ignore permissions
(CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH) dropped from its bounding set by `setpriv`:
it is still uid 0 (it can run the Python under /root), but file modes now apply.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BAD_TOML, GOOD_TOML, Result, console_script, page, write

Run = Callable[..., Result]
SITE_ERROR = 'site/pyscript.toml:1:12: PSC102 "packages" must be an array of strings, not a string'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A site with one known error, to show that other files are still checked."""
    return write(tmp_path, {"site/index.html": page(), "site/pyscript.toml": BAD_TOML})


def run_without_dac_override(*args: str, cwd: Path) -> Result:
    prefix: list[str] = []
    if os.geteuid() == 0:
        setpriv = shutil.which("setpriv")
        assert setpriv is not None, "setpriv (util-linux) is needed to drop root's file access"
        prefix = [setpriv, "--bounding-set=-dac_override,-dac_read_search"]
    completed = subprocess.run(
        [*prefix, console_script(), *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert "Traceback" not in completed.stdout + completed.stderr
    return Result(completed.returncode, completed.stdout, completed.stderr)


def test_files_and_directories_without_read_permission(site: Path) -> None:
    write(site, {"locked/index.html": page(), "locked/pyscript.toml": GOOD_TOML})
    write(site, {"closed/pyscript.toml": GOOD_TOML, "secret.json": '{"packages": []}'})
    (site / "locked" / "pyscript.toml").chmod(0)
    (site / "secret.json").chmod(0)
    (site / "closed").chmod(0)
    try:
        walked = run_without_dac_override("validate", cwd=site)
        named = run_without_dac_override(
            "validate", "secret.json", "locked/pyscript.toml", "site", cwd=site
        )
    finally:
        (site / "closed").chmod(0o755)
    # Walking: the unreadable directory is an error; the config behind the page is PSC301.
    assert walked.code == 2
    assert walked.err == "pyscript-config: error: closed: permission denied\n"
    assert walked.out.startswith(
        'locked/index.html:7:29: PSC301 config file "./pyscript.toml" cannot be read: '
        "permission denied\n"
    )
    assert SITE_ERROR in walked.out
    assert walked.out.endswith("Found 2 errors in 2 files; 1 path could not be checked.\n")
    # Named: each unreadable file is an error of its own, and the site is still checked.
    assert named.code == 2
    assert named.err == (
        "pyscript-config: error: secret.json: permission denied\n"
        "pyscript-config: error: locked/pyscript.toml: permission denied\n"
    )
    assert named.out.startswith(SITE_ERROR + "\n")
    assert named.out.endswith("Found 1 error in 1 file; 2 paths could not be checked.\n")


def test_utf16_with_a_byte_order_mark(run_script: Run, site: Path) -> None:
    little = 'packages = ["numpy"]\n'.encode("utf-16")  # BOM ff fe
    big = b"\xfe\xff" + '{"packages": []}'.encode("utf-16-be")
    utf16_page = (
        page()
        .replace("<body>", '<body><p>caf\u00e9</p><py-config>packages = "x"</py-config>')
        .replace(' config="./pyscript.toml"', "")
    )
    write(
        site,
        {
            "le/pyscript.toml": little,
            "be/pyscript.json": big,
            "page/index.html": utf16_page.encode("utf-16"),
        },
    )
    result = run_script("validate", "-q")
    assert result.code == 1
    lines = [line for line in result.out.splitlines() if ": PSC" in line]
    assert lines == [
        "be/pyscript.json:1:1: PSC003 file is UTF-16 (byte-order mark 0xfeff at byte offset 0), "
        "but browsers read PyScript configs as UTF-8; re-save it as UTF-8",
        "le/pyscript.toml:1:1: PSC003 file is UTF-16 (byte-order mark 0xfffe at byte offset 0), "
        "but browsers read PyScript configs as UTF-8; re-save it as UTF-8",
        # The page is decoded as a browser does: the error is found in its <py-config>,
        # at a column counted in characters (after the "é").
        'page/index.html:6:40: PSC102 "packages" must be an array of strings, not a string',
        SITE_ERROR,
    ]
    assert result.err == ""


def test_nul_bytes_in_a_page_and_a_config(run_script: Run, site: Path) -> None:
    nul_page = page().replace("<body>", "<body>\x00").encode()
    write(site, {"nul/index.html": nul_page, "nul/pyscript.toml": b"packages = [\x00]\n"})
    result = run_script("validate", "-q")
    assert result.code == 1
    offset = nul_page.index(b"\x00")
    lines = [line for line in result.out.splitlines() if ": PSC" in line]
    assert lines == [
        f"nul/index.html:6:7: PSC005 file looks binary (NUL byte at byte offset {offset}); "
        "not checked",
        "nul/pyscript.toml:1:13: PSC005 file looks binary (NUL byte at byte offset 12); "
        "not checked",
        SITE_ERROR,
    ]
    assert "\x00" not in result.out


def test_100000_deep_nesting_in_toml_json_and_html(run_script: Run, site: Path) -> None:
    depth = 100_000
    deep_page = page().replace(
        "<body>",
        "<body>" + "<div>" * depth + '<py-config>packages = "x"</py-config>' + "</div>" * depth,
    )
    write(
        site,
        {
            "toml/pyscript.toml": "x = " + "[" * depth + "]" * depth + "\n",
            "json/pyscript.json": '{"x": ' + "[" * depth + "]" * depth + "}",
            "html/index.html": deep_page,
        },
    )
    result = run_script("validate", "--output-format", "json")
    assert result.err == ""
    assert result.code == 1
    found = json.loads(result.out)["diagnostics"]
    codes = {(d["path"], d["code"], d["range"]["start"]["line"]) for d in found}
    message = {d["path"]: d["message"] for d in found if d["code"] in ("PSC001", "PSC002")}
    # The parsers stop at their depth limit with a syntax diagnostic, never a RecursionError.
    assert ("toml/pyscript.toml", "PSC001", 1) in codes
    assert ("json/pyscript.json", "PSC002", 1) in codes
    assert "nest" in message["toml/pyscript.toml"] and "nest" in message["json/pyscript.json"]
    # The page is read to the bottom: its <py-config>, 100,000 elements deep, is checked.
    assert ("html/index.html", "PSC102", 6) in codes
    assert ("site/pyscript.toml", "PSC102", 1) in codes


def test_a_100_mb_single_line(run_script: Run, site: Path, tmp_path: Path) -> None:
    size = 100 * 1024 * 1024
    body = '{"packages": "' + "a" * (size - 16) + '"}'
    assert len(body) == size
    (site / "big").mkdir()
    (site / "big" / "pyscript.json").write_text(body, encoding="ascii")
    result = run_script("validate", "-q", "big/pyscript.json", "site")
    assert result.code == 1  # the site's error; the big file is a warning
    assert result.out.startswith(
        "big/pyscript.json:1:1: PSC004 file is 104,857,600 bytes, over the 5,242,880 byte "
        "limit; not checked\n"
    )
    assert SITE_ERROR in result.out
    # With the limit raised, it is read and checked, in bounded memory. The child's
    # peak RSS is measured in a fresh interpreter, so no other test's child counts.
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run(sys.argv[1:], capture_output=True, text=True)\n"
        "peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024\n"
        "print(done.returncode, peak, done.stdout.splitlines()[0])\n"
    )
    command = [console_script(), "validate", "-q", "--max-file-size", str(2 * size)]
    completed = subprocess.run(
        [sys.executable, "-c", measure, *command, "big/pyscript.json"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    code, peak, first = completed.stdout.rstrip("\n").split(" ", 2)
    assert code == "1"
    assert first == (
        'big/pyscript.json:1:14: PSC102 "packages" must be an array of strings, not a string'
    )
    assert int(peak) < 6 * size, f"peak RSS {int(peak) / 2**20:.0f} MiB for a 100 MiB file"


def test_ten_thousand_files(run_script: Run, tmp_path: Path) -> None:
    files: dict[str, str | bytes] = {}
    for index in range(5_000):
        folder = f"d{index // 100:02d}/s{index % 100:02d}"
        files[f"{folder}/index.html"] = page()
        files[f"{folder}/pyscript.toml"] = BAD_TOML if index == 4321 else GOOD_TOML
    write(tmp_path, files)
    result = run_script("validate", "--output-format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["summary"] == {
        "files": 10_000,
        "errors": 1,
        "warnings": 0,
        "info": 0,
        "hints": 0,
    }
    assert [(d["path"], d["code"]) for d in report["diagnostics"]] == [
        ("d43/s21/pyscript.toml", "PSC102")
    ]
