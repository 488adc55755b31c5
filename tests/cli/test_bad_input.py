"""Bad input through the real `pyscript-config` console script, in a subprocess.

Each case checks the exact one-line message, the exit code, that the other files
are still checked, and (in the `run_script` fixture) that no traceback is printed.
Tests run as root here, where `chmod 000` does not stop reads, so unreadable files
are made in ways that hold for root too: a FIFO, a dangling symlink, a symlink loop.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BAD_TOML, GOOD_TOML, Result, page, write

from pyscript_config.cli.discover import os_error_message

Run = Callable[..., Result]


@pytest.fixture
def good_site(tmp_path: Path) -> Path:
    return write(tmp_path, {"site/index.html": page(), "site/pyscript.toml": GOOD_TOML})


def test_missing_path(run_script: Run, good_site: Path) -> None:
    result = run_script("validate", "nope/index.html", "site")
    assert result.code == 2
    assert result.err == "pyscript-config: error: nope/index.html: no such file or directory\n"
    assert result.out == (
        "No problems found in the files that were checked; 1 path could not be checked.\n"
    )


def test_missing_path_does_not_hide_problems_elsewhere(run_script: Run, tmp_path: Path) -> None:
    write(tmp_path, {"site/index.html": page(), "site/pyscript.toml": BAD_TOML})
    result = run_script("validate", "site", "gone.toml")
    assert result.code == 2
    assert result.out.startswith("site/pyscript.toml:1:12: PSC102 ")
    assert result.out.endswith("Found 1 error in 1 file; 1 path could not be checked.\n")
    assert result.err == "pyscript-config: error: gone.toml: no such file or directory\n"


def test_fifo_is_not_read(run_script: Run, good_site: Path) -> None:
    os.mkfifo(good_site / "site" / "pipe.html")  # opening it for reading would block forever
    explicit = run_script("validate", "site/pipe.html")
    assert (explicit.code, explicit.err) == (
        2,
        "pyscript-config: error: site/pipe.html: not a regular file\n",
    )
    walked = run_script("validate", "site")
    assert (walked.code, walked.err) == (
        2,
        "pyscript-config: error: site/pipe.html: not a regular file\n",
    )


def test_dangling_symlink(run_script: Run, good_site: Path) -> None:
    (good_site / "site" / "other.toml").symlink_to("does-not-exist.toml")
    result = run_script("validate", "site/other.toml", "site/index.html")
    assert result.code == 2
    assert result.err == (
        "pyscript-config: error: site/other.toml: broken symlink (its target does not exist)\n"
    )


def test_config_behind_a_dangling_symlink_is_reported_on_the_page(
    run_script: Run, tmp_path: Path
) -> None:
    write(tmp_path, {"site/index.html": page()})
    (tmp_path / "site" / "pyscript.toml").symlink_to("gone.toml")
    result = run_script("validate", "site/index.html", "-q")
    assert result.code == 1
    assert result.out.startswith(
        'site/index.html:7:29: PSC301 config file "./pyscript.toml" cannot be read: '
        "broken symlink (its target does not exist)\n"
    )


def test_symlink_loop_named_explicitly(run_script: Run, good_site: Path) -> None:
    (good_site / "loop.html").symlink_to("loop.html")
    result = run_script("validate", "loop.html", "site")
    assert result.code == 2
    assert result.err == (
        "pyscript-config: error: loop.html: symlink loop (too many levels of symbolic links)\n"
    )
    assert result.out.endswith("1 path could not be checked.\n")


def test_symlinked_directory_loop_is_walked_once(run_script: Run, tmp_path: Path) -> None:
    write(tmp_path, {"site/index.html": page(), "site/pyscript.toml": BAD_TOML})
    (tmp_path / "site" / "again").symlink_to("..")  # site/again/site/again/...
    (tmp_path / "site" / "self").symlink_to(".")
    result = run_script("validate", "site", "-v")
    assert result.code == 1
    assert result.out.count("PSC102") == 1
    assert result.out.endswith("Found 1 error in 1 file.\n")
    assert "pyscript-config: skipped site/self: directory already visited (symlink loop)\n" in (
        result.err
    )
    assert (
        "pyscript-config: skipped site/again/site: directory already visited (symlink loop)\n"
        in result.err
    )


def test_invalid_utf8_names_the_byte_offset_and_other_files_are_checked(
    run_script: Run, tmp_path: Path
) -> None:
    write(
        tmp_path,
        {
            "latin1/pyscript.toml": b'packages = ["caf\xe9"]\n',
            "site/index.html": page(),
            "site/pyscript.toml": BAD_TOML,
        },
    )
    result = run_script("validate", "-q")
    assert result.code == 1
    assert result.out.startswith(
        "latin1/pyscript.toml:1:17: PSC003 file is not valid UTF-8: byte 0xe9 at byte offset 16\n"
    )
    assert "site/pyscript.toml:1:12: PSC102 " in result.out
    assert result.err == ""


def test_binary_file(run_script: Run, tmp_path: Path) -> None:
    write(tmp_path, {"pyscript.json": b"GIF89a\n\x01\x00\x01\x00\x7f\x00\x00"})
    result = run_script("validate", "pyscript.json")
    assert result.code == 1
    lines = result.out.splitlines()
    # The message wording is the loader's; the position and the frame are the CLI's.
    assert lines[0].startswith("pyscript.json:2:2: PSC005 file looks binary (NUL ")
    assert lines[1:5] == [
        "  |",
        "1 | GIF89a",
        "2 | \u2401\u2400\u2401\u2400\u2421\u2400\u2400",
        "  |  ^ error",
    ]
    assert "\x00" not in result.out  # shown as a control picture, never raw


def test_file_over_the_size_limit(run_script: Run, tmp_path: Path) -> None:
    big = page().replace("<body>", "<body>" + "<p>x</p>" * 2000)
    write(tmp_path, {"site/index.html": big, "site/pyscript.toml": BAD_TOML})
    size = len(big.encode())
    result = run_script("validate", "site/index.html", "--max-file-size", "10000")
    assert result.code == 0
    assert result.out == (
        f"site/index.html:1:1: PSC004 file is {size:,} bytes, over the 10,000 byte limit; "
        "not checked\n\nFound 1 warning in 1 file.\n"
    )


def test_very_deep_json_nesting(run_script: Run, tmp_path: Path) -> None:
    write(tmp_path, {"pyscript.json": "[" * 100_000 + "]" * 100_000})
    result = run_script("validate", "pyscript.json", "--output-format", "json")
    assert result.code == 1
    assert result.err == ""
    assert '"code": "PSC002"' in result.out


def test_very_deep_toml_nesting(run_script: Run, tmp_path: Path) -> None:
    write(tmp_path, {"pyscript.toml": "x = " + "[" * 100_000 + "]" * 100_000 + "\n"})
    result = run_script("validate", "pyscript.toml", "-q")
    assert result.code == 1
    assert result.err == ""
    assert result.out.startswith("pyscript.toml:1:")


def test_empty_files(run_script: Run, tmp_path: Path) -> None:
    write(
        tmp_path,
        {"a/pyscript.toml": "", "b/pyscript.json": "", "c/index.html": "", "d/index.htm": " "},
    )
    result = run_script("validate", "-v")
    # An empty TOML file is a valid, empty config; an empty JSON file is not JSON;
    # an empty page has no PyScript and is skipped.
    assert result.code == 1
    assert result.out == (
        "b/pyscript.json:1:1: PSC002 invalid JSON: expected a value\n"
        "  |\n"
        "1 |\n"
        "  | ^ error\n"
        "  |\n"
        "\n"
        "Found 1 error in 1 file.\n"
    )
    assert "pyscript-config: skipped c/index.html: no PyScript on this page\n" in result.err
    assert "pyscript-config: checked a/pyscript.toml (standalone config file)\n" in result.err


def test_directory_named_like_a_config(run_script: Run, good_site: Path) -> None:
    # A directory is walked, not read: a directory called pyscript.toml holds nothing to check.
    (good_site / "site" / "nested" / "pyscript.toml").mkdir(parents=True)
    result = run_script("validate", "site/nested/pyscript.toml")
    assert result == Result(0, "All checks passed!\n", "")


@pytest.mark.parametrize(
    ("number", "message"),
    [
        (errno.EACCES, "permission denied"),
        (errno.EPERM, "permission denied"),
        (errno.ELOOP, "symlink loop (too many levels of symbolic links)"),
        (errno.ENOENT, "no such file or directory"),
        (errno.EIO, "input/output error"),
    ],
)
def test_os_error_messages(number: int, message: str, tmp_path: Path) -> None:
    error = OSError(number, os.strerror(number))
    assert os_error_message(error, str(tmp_path / "x")) == message


def test_output_the_terminal_cannot_encode_is_escaped(run_script: Run, tmp_path: Path) -> None:
    write(tmp_path, {"site/index.html": page(), "site/pyscript.toml": 'packages = "caf\u00e9"\n'})
    env = dict(os.environ, PYTHONIOENCODING="ascii")
    result = run_script("validate", "-q", env=env)
    assert result.code == 1
    assert '1 | packages = "caf\\xe9"\n' in result.out


def test_undecodable_files_are_reported_only_when_they_are_pyscript_files(
    run_script: Run, tmp_path: Path
) -> None:
    latin1_page = page().replace("<body>", "<body><p>Caf\xe9</p>").encode("latin-1")
    write(
        tmp_path,
        {
            # An old Latin-1 page without PyScript, and data files nobody points to: the
            # hook receives them all (as pre-commit passes every HTML/TOML/JSON file).
            "legacy/old.html": b"<html><body><p>Caf\xe9</p></body></html>\n",
            "data/latin1.json": b'{"name": "caf\xe9"}',
            "data/big.json": "[" + "1," * 20_000 + "1]",
            # A Latin-1 page that does use PyScript.
            "site/index.html": latin1_page,
        },
    )
    offset = latin1_page.index(b"\xe9")
    named = ["legacy/old.html", "data/latin1.json", "data/big.json", "site/index.html"]
    result = run_script("validate", "-q", "--max-file-size", "30000", *named)
    assert result.code == 1
    assert result.out.splitlines()[0] == (
        f"site/index.html:6:13: PSC003 file is not valid UTF-8: byte 0xe9 at byte offset {offset}"
    )
    assert "legacy/old.html" not in result.out
    assert "data/" not in result.out
    assert result.err == ""


def test_undecodable_stdin(run_script: Run, tmp_path: Path) -> None:
    result = run_script(
        "validate", "-", "--stdin-filename", "pyscript.toml", stdin=b'packages = ["caf\xe9"]\n'
    )
    assert result.code == 1
    assert result.out.startswith(
        "pyscript.toml:1:17: PSC003 file is not valid UTF-8: byte 0xe9 at byte offset 16\n"
        "  |\n"
        '1 | packages = ["caf\ufffd"]\n'
        "  |                 ^ error\n"
    )
