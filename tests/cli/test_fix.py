"""`validate --fix`, `--unsafe-fixes`, `--diff` and `--show-fixes`, through the CLI."""

from __future__ import annotations

import io
import json
import os
import stat
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from cli_helpers import Result, page, write

from pyscript_config.diagnostics import Fix
from pyscript_config.regions import Pipeline, Syntax
from pyscript_config.rules import all as all_rules
from pyscript_config.rules import hooks
from pyscript_config.rules.context import RuleContext
from pyscript_config.text import Span

Cli = Callable[..., Result]

# Two unused suppressions (safe fixes) and a misspelt value (an unsafe fix).
CONFIG = (
    'packages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'
    "# pyscript-config: ignore[PSC101]\n"
    "\n"
    'packages_cache = "nevr"\n'
)
MAIN = 'print("hello")\n'
SAFE_FIXED = 'packages = ["numpy"]\n\npackages_cache = "nevr"\n'
ALL_FIXED = 'packages = ["numpy"]\n\npackages_cache = "never"\n'


@pytest.fixture
def site(tmp_path: Path) -> Path:
    write(tmp_path, {"site/index.html": page(), "site/main.py": MAIN, "site/pyscript.toml": CONFIG})
    return tmp_path / "site" / "pyscript.toml"


def tail(result: Result, lines: int = 2) -> list[str]:
    return result.out.splitlines()[-lines:]


def test_fix_applies_safe_fixes_and_reports_what_remains(cli: Cli, site: Path) -> None:
    result = cli("validate", "site", "--fix")
    assert site.read_text(encoding="utf-8") == SAFE_FIXED
    assert result.code == 1  # the misspelt value is an error, and its fix is unsafe
    assert result.out.startswith("site/pyscript.toml:3:18: PSC103 ")
    assert tail(result) == ["Fixed 2 problems (1 remaining).", "Found 1 error in 1 file."]
    assert result.err == ""


def test_a_second_fix_run_changes_nothing(cli: Cli, site: Path) -> None:
    first = cli("validate", "site", "--fix")
    after_first = site.read_bytes()
    second = cli("validate", "site", "--fix")
    assert site.read_bytes() == after_first
    assert second.code == first.code == 1
    assert "Fixed" not in second.out
    assert tail(second, 1) == ["Found 1 error in 1 file."]


def test_unsafe_fixes_apply_the_rest(cli: Cli, site: Path) -> None:
    result = cli("validate", "site", "--fix", "--unsafe-fixes")
    assert site.read_text(encoding="utf-8") == ALL_FIXED
    assert result == Result(0, "Fixed 3 problems (0 remaining).\nAll checks passed!\n", "")
    again = cli("validate", "site", "--fix", "--unsafe-fixes")
    assert again == Result(0, "All checks passed!\n", "")
    assert site.read_text(encoding="utf-8") == ALL_FIXED


def test_no_byte_outside_the_edits_changes(cli: Cli, tmp_path: Path) -> None:
    config = (
        b"\xef\xbb\xbf# settings \t \r\n"
        b'packages = ["numpy"]\t  # pyscript-config: ignore[PSC102]\r\n'
        b"\t# pyscript-config: ignore[PSC101]  \r\n"
        b'packages_cache = "never"   \r\n'
        b"\r\n"
        b"[files]\t\r\n"
        b'"./data.csv" = ""  # pyscript-config: ignore[PSC100, PSC103]'
    )
    inline = (
        '<!DOCTYPE html>\r\n<html>\r\n<head>\r\n<script type="module" '
        'src="https://pyscript.net/releases/2026.7.3/core.js"></script>\r\n</head>\r\n<body>\r\n'
        "<!-- pyscript-config: ignore[PSC101] -->\r\n"
        "\t<py-config>\r\n"
        '\t\tpackages = ["numpy"] \t# pyscript-config: ignore[PSC102]\r\n'
        "\t</py-config>\t\r\n"
        '<script type="py">print("é")</script>\r\n'
        "</body>\r\n</html>"
    )
    write(
        tmp_path,
        {
            "site/pyscript.toml": config,
            "site/data.csv": "a,b\n",
            "site/index.html": page(),
            "site/main.py": MAIN,
            "other/index.html": b"\xef\xbb\xbf" + inline.encode("utf-8"),
        },
    )
    result = cli("validate", "--fix")
    assert (tmp_path / "site/pyscript.toml").read_bytes() == (
        b"\xef\xbb\xbf# settings \t \r\n"
        b'packages = ["numpy"]\r\n'
        b'packages_cache = "never"   \r\n'
        b"\r\n"
        b"[files]\t\r\n"
        b'"./data.csv" = ""'
    )
    assert (tmp_path / "other/index.html").read_bytes() == b"\xef\xbb\xbf" + inline.replace(
        "<!-- pyscript-config: ignore[PSC101] -->\r\n", ""
    ).replace(" \t# pyscript-config: ignore[PSC102]", "").encode("utf-8")
    assert result == Result(0, "Fixed 5 problems (0 remaining).\nAll checks passed!\n", "")


def test_diff_shows_what_fix_would_change_and_writes_nothing(cli: Cli, site: Path) -> None:
    before = site.read_bytes()
    result = cli("validate", "site", "--diff")
    assert site.read_bytes() == before
    assert result == Result(
        1,
        "--- site/pyscript.toml\n"
        "+++ site/pyscript.toml\n"
        "@@ -1,4 +1,3 @@\n"
        '-packages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'
        "-# pyscript-config: ignore[PSC101]\n"
        '+packages = ["numpy"]\n'
        " \n"
        ' packages_cache = "nevr"\n',
        "Would fix 2 problems.\n",
    )
    unsafe = cli("validate", "site", "--diff", "--unsafe-fixes", "-q")
    assert unsafe.code == 1 and unsafe.err == ""
    assert unsafe.out.endswith('-packages_cache = "nevr"\n+packages_cache = "never"\n')
    cli("validate", "site", "--fix", "--unsafe-fixes")
    assert cli("validate", "site", "--diff") == Result(0, "", "")


def test_diff_keeps_line_endings_and_marks_a_missing_final_newline(
    cli: Cli, tmp_path: Path
) -> None:
    config = b"a = 1\r\npackages = []  # pyscript-config: ignore[PSC102]"
    write(tmp_path, {"pyscript.toml": config})
    result = cli("validate", "pyscript.toml", "--diff", "--select", "PSC102,PSC9")
    assert result.out == (
        "--- pyscript.toml\n"
        "+++ pyscript.toml\n"
        "@@ -1,2 +1,2 @@\n"
        " a = 1\r\n"
        "-packages = []  # pyscript-config: ignore[PSC102]\n"
        "\\ No newline at end of file\n"
        "+packages = []\n"
        "\\ No newline at end of file\n"
    )


def test_show_fixes_lists_each_fix_under_its_diagnostic(cli: Cli, site: Path) -> None:
    result = cli("validate", "site", "--show-fixes", "--ignore", "PSC103")
    assert result.out == (
        "site/pyscript.toml:1:25: PSC901 unused suppression: no PSC102 diagnostic on this line "
        "to ignore\n"
        "  |\n"
        '1 | packages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'
        "  |                         ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning\n"
        "2 | # pyscript-config: ignore[PSC101]\n"
        "  |\n"
        "  help: Remove the unused suppression comment\n"
        "  fix (safe, applied by --fix):\n"
        '    1 - packages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'
        '    1 + packages = ["numpy"]\n'
        "\n"
        "site/pyscript.toml:2:3: PSC901 unused suppression: no PSC101 diagnostic on the next "
        "line to ignore\n"
        "  |\n"
        '1 | packages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'
        "2 | # pyscript-config: ignore[PSC101]\n"
        "  |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning\n"
        "3 |\n"
        "  |\n"
        "  help: Remove the unused suppression comment\n"
        "  fix (safe, applied by --fix):\n"
        "    2 - # pyscript-config: ignore[PSC101]\n"
        "\n"
        "Found 2 warnings in 1 file.\n"
    )
    unsafe = cli("validate", "site", "--show-fixes", "--select", "PSC103")
    assert "  fix (unsafe, applied by --fix --unsafe-fixes):\n" in unsafe.out
    assert unsafe.out.endswith(
        '    4 - packages_cache = "nevr"\n    4 + packages_cache = "never"\n\nFound 1 error in 1 file.\n'
    )
    # Without --show-fixes only the help line names the fix, as before.
    plain = cli("validate", "site", "--select", "PSC103")
    assert "  help: " in plain.out and "fix (" not in plain.out


def test_show_fixes_with_fix_lists_what_was_fixed(cli: Cli, site: Path) -> None:
    result = cli("validate", "site", "--fix", "--unsafe-fixes", "--show-fixes")
    assert result == Result(
        0,
        "Fixed 3 problems (0 remaining).\n"
        "  site/pyscript.toml: 1 × PSC103 (invalid-value)\n"
        "  site/pyscript.toml: 2 × PSC901 (unused-suppression)\n"
        "All checks passed!\n",
        "",
    )


def test_json_output_counts_the_fixes(cli: Cli, site: Path) -> None:
    plain = json.loads(cli("validate", "site", "--output-format", "json").out)
    assert "fixed" not in plain and "fixed" not in plain["summary"]
    result = cli("validate", "site", "--fix", "--output-format", "json")
    document = json.loads(result.out)
    assert document["summary"]["fixed"] == 2
    assert document["fixed"] == [{"path": "site/pyscript.toml", "code": "PSC901", "count": 2}]
    assert [d["code"] for d in document["diagnostics"]] == ["PSC103"]
    assert document["diagnostics"][0]["range"]["start"] == {"line": 3, "column": 18, "offset": 39}


def test_quiet_fix_still_writes(cli: Cli, site: Path) -> None:
    assert cli("validate", "site", "--fix", "-qq") == Result(1, "", "")
    assert site.read_text(encoding="utf-8") == SAFE_FIXED


# -- stdin -----------------------------------------------------------------------------


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> io.BytesIO:
    stdout = io.BytesIO()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    return stdout


def test_stdin_fix_prints_the_fixed_text_and_writes_nothing(
    run_script: Callable[..., Result], site: Path, tmp_path: Path
) -> None:
    data = ("\ufeff" + CONFIG.replace("\n", "\r\n")).encode("utf-8")
    before = site.read_bytes()
    result = run_script(
        "validate", "-", "--stdin-filename", "site/pyscript.toml", "--fix", cwd=tmp_path, stdin=data
    )
    assert site.read_bytes() == before
    assert result.out.encode("utf-8") == ("\ufeff" + SAFE_FIXED.replace("\n", "\r\n")).encode()
    assert result.code == 1
    assert result.err.startswith("site/pyscript.toml:3:18: PSC103 ")  # the report: stderr
    assert result.err.endswith("Fixed 2 problems (1 remaining).\nFound 1 error in 1 file.\n")


def test_stdin_with_nothing_to_fix_is_printed_unchanged(
    run_script: Callable[..., Result], tmp_path: Path
) -> None:
    data = b'packages = ["numpy"]\r\n'
    result = run_script(
        "validate", "-", "--stdin-filename", "pyscript.toml", "--fix", cwd=tmp_path, stdin=data
    )
    assert (result.code, result.out, result.err) == (0, data.decode(), "All checks passed!\n")


def test_stdin_fix_takes_no_other_paths(
    cli: Cli, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_stdin(monkeypatch, CONFIG.encode())
    result = cli("validate", "-", "site", "--stdin-filename", "site/pyscript.toml", "--fix")
    assert result == Result(
        2,
        "",
        "pyscript-config: error: --fix and --diff with stdin ('-') fix only stdin; do not pass "
        "other paths\n",
    )


def test_unsafe_fixes_alone_is_a_usage_error(cli: Cli, site: Path) -> None:
    assert cli("validate", "site", "--unsafe-fixes") == Result(
        2, "", "pyscript-config: error: --unsafe-fixes only has an effect with --fix or --diff\n"
    )


# -- writing safely --------------------------------------------------------------------


def leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


def test_a_failed_rename_leaves_the_original_byte_identical(
    cli: Cli, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = site.read_bytes()

    def broken_replace(source: str, target: str) -> None:
        raise OSError(5, "Input/output error")

    monkeypatch.setattr(os, "replace", broken_replace)
    result = cli("validate", "site", "--fix")
    assert site.read_bytes() == before
    assert leftovers(site.parent) == []
    assert result.code == 2
    assert result.err == (
        "pyscript-config: error: site/pyscript.toml: cannot write the fixed file: input/output "
        "error; the file was left unchanged\n"
    )
    # What is reported is the file as it still is: its unused suppressions included.
    assert [
        line.split(": ")[1].split()[0] for line in result.out.splitlines() if ": PSC" in line
    ] == [
        "PSC901",
        "PSC901",
        "PSC103",
    ]
    assert "Fixed" not in result.out
    assert result.out.endswith("Found 1 error and 2 warnings in 1 file.\n")


def test_a_read_only_directory_is_a_clear_error(
    cli: Cli, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = site.read_bytes()
    directory = site.parent
    directory.chmod(0o555)
    try:
        if os.geteuid() == 0:  # root writes anywhere: make the kernel's refusal happen
            import tempfile

            def refuse(*args: object, **kwargs: object) -> tuple[int, str]:
                raise PermissionError(13, "Permission denied")

            monkeypatch.setattr(tempfile, "mkstemp", refuse)
        result = cli("validate", "site", "--fix")
    finally:
        directory.chmod(0o755)
    assert site.read_bytes() == before
    assert result.code == 2
    assert result.err == (
        f"pyscript-config: error: site/pyscript.toml: cannot write the fixed file: permission "
        f"denied (is the directory {directory} read-only?); the file was left unchanged\n"
    )


def test_a_kill_between_write_and_rename_leaves_the_original(
    run_script: Callable[..., Result], site: Path, tmp_path: Path
) -> None:
    import subprocess

    before = site.read_bytes()
    program = (
        "import os, signal, sys\n"
        "os.replace = lambda *a: os.kill(os.getpid(), signal.SIGKILL)\n"
        "from pyscript_config.cli.main import main\n"
        "sys.exit(main(['validate', 'site', '--fix']))\n"
    )
    completed = subprocess.run(
        [sys.executable, "-c", program], cwd=tmp_path, capture_output=True, timeout=120, check=False
    )
    assert completed.returncode == -9
    assert site.read_bytes() == before
    # A later run is not confused by what the killed one left behind.
    assert run_script("validate", "site", "--fix", cwd=tmp_path).code == 1
    assert site.read_text(encoding="utf-8") == SAFE_FIXED


def test_permission_bits_are_kept_and_symlinks_stay_links(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/index.html": page("./linked.toml"),
            "site/main.py": MAIN,
            "shared/real.toml": CONFIG,
            "site/pyscript.toml": CONFIG,
        },
    )
    (tmp_path / "site/linked.toml").symlink_to(tmp_path / "shared/real.toml")
    (tmp_path / "shared/real.toml").chmod(0o640)
    cli("validate", "site", "--fix")
    link = tmp_path / "site/linked.toml"
    assert link.is_symlink()
    assert (tmp_path / "shared/real.toml").read_text(encoding="utf-8") == SAFE_FIXED
    assert stat.S_IMODE((tmp_path / "shared/real.toml").stat().st_mode) == 0o640


def test_a_file_changed_while_fixing_is_not_overwritten(
    cli: Cli, site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pyscript_config.cli import fixing

    real = fixing.write_atomic

    def meddle(path: str, data: bytes, expected: bytes | None = None) -> None:
        site.write_text("# edited meanwhile\n", encoding="utf-8")
        real(path, data, expected)

    monkeypatch.setattr(fixing, "write_atomic", meddle)
    result = cli("validate", "site", "--fix")
    assert site.read_text(encoding="utf-8") == "# edited meanwhile\n"
    assert result.code == 2
    assert result.err == (
        "pyscript-config: error: site/pyscript.toml: not fixed: the file changed on disk while "
        "it was being fixed\n"
    )


# -- fixes in rounds, with a test-only rule ----------------------------------------------


@pytest.fixture
def doubled_x_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A safe fix with a known shape: every "XX" in a TOML config becomes "X".

    Overlapping occurrences make conflicting fixes, so fixing needs several rounds.
    """
    all_rules.load()  # register the real rules first, so the patch does not keep them

    def doubled_x(ctx: RuleContext) -> None:
        if ctx.syntax is not Syntax.TOML:
            return
        position = ctx.region.text.find("XX")
        while position >= 0:
            span = Span(position, position + 2)
            fix = Fix('Write one "X"', (ctx.edit(span, "X"),), safe=True)
            ctx.report("PSC107", "doubled X", span, fix=fix)
            position = ctx.region.text.find("XX", position + 1)

    monkeypatch.setattr(hooks, "REGION_RULES", [*hooks.REGION_RULES, doubled_x])
    yield


@pytest.mark.usefixtures("doubled_x_rule")
def test_conflicting_fixes_are_applied_over_several_rounds(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "a/index.html": page().replace(
                '<script type="py" config="./pyscript.toml" src="main.py"></script>',
                '<py-config>packages = ["XXXXX"]</py-config>\n'
                '  <script type="py">print("a")</script>',
            ),
            "b/index.html": page(),
            "b/main.py": MAIN,
            "b/pyscript.toml": 'packages = ["XXX", "XX"]\n',
        },
    )
    result = cli("validate", "--fix", "--show-fixes", "--select", "PSC107")
    assert 'packages = ["X"]</py-config>' in (tmp_path / "a/index.html").read_text(encoding="utf-8")
    assert (tmp_path / "b/pyscript.toml").read_text(encoding="utf-8") == 'packages = ["X", "X"]\n'
    # a: XXXXX -> XXX (2 fixed; the other 2 overlap) -> XX (1) -> X (1): 4 fixes.
    # b: XXX -> XX (1) -> X (1), and XX -> X (1): 3 fixes.
    assert result == Result(
        0,
        "Fixed 7 problems (0 remaining).\n"
        "  a/index.html: 4 × PSC107 (empty-value)\n"
        "  b/pyscript.toml: 3 × PSC107 (empty-value)\n"
        "All checks passed!\n",
        "",
    )


def test_a_utf16_page_is_fixed_in_utf16(cli: Cli, tmp_path: Path) -> None:
    html = page().replace(
        '  <script type="py"', '  <!-- pyscript-config: ignore[PSC300] -->\n  <script type="py"'
    )
    write(
        tmp_path,
        {
            "index.html": b"\xff\xfe" + html.encode("utf-16-le"),
            "main.py": MAIN,
            "pyscript.toml": 'packages = ["numpy"]\n',
        },
    )
    result = cli("validate", "index.html", "--fix")
    assert result == Result(0, "Fixed 1 problem (0 remaining).\nAll checks passed!\n", "")
    assert (tmp_path / "index.html").read_bytes() == b"\xff\xfe" + page().encode("utf-16-le")


def test_encoders_reproduce_the_original_bytes_or_refuse() -> None:
    from pyscript_config.cli.fixing import encoder_for

    for data in (b"a\r\n", b"\xef\xbb\xbfa\n", b"\xff\xfea\x00", b"\xfe\xff\x00a"):
        text = (
            data.decode("utf-8")
            if data[:1] != b"\xff" and data[:1] != b"\xfe"
            else (data.decode("utf-16"))
        )
        encode = encoder_for(data, text)
        assert encode is not None and encode(text) == data
    assert encoder_for(b"a\n", "b\n") is None  # the text is not what the bytes say


@pytest.fixture
def worker_only_rule(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A diagnostic that only a worker's reading of a config produces."""
    all_rules.load()

    def worker_only(ctx: RuleContext) -> None:
        position = ctx.region.text.find("worker_thing")
        if position >= 0 and ctx.region.pipeline is Pipeline.WORKER:
            ctx.report("PSC107", "only in a worker", Span(position, position + 12))

    monkeypatch.setattr(hooks, "REGION_RULES", [*hooks.REGION_RULES, worker_only])
    yield


@pytest.mark.usefixtures("worker_only_rule")
def test_a_comment_in_a_shared_config_is_used_if_any_page_needs_it(
    cli: Cli, tmp_path: Path
) -> None:
    main_page = page()
    worker_page = page().replace('<script type="py"', '<script type="py" worker')
    config = "worker_thing = 1  # pyscript-config: ignore[PSC107]\n"
    write(
        tmp_path,
        {
            "main.html": main_page,
            "worker.html": worker_page,
            "both.html": main_page.replace("</body>", worker_page.split("<body>")[1]),
            "main.py": MAIN,
            "pyscript.toml": config,
        },
    )
    # Checked through the main page alone, the comment suppresses nothing...
    alone = cli("validate", "main.html", "--select", "PSC107,PSC9")
    assert [line.split(": ")[1][:6] for line in alone.out.splitlines() if ": PSC" in line] == [
        "PSC901"
    ]
    # ...but the worker page needs it: through both pages (or one page with both), it is used.
    for paths in (("main.html", "worker.html"), ("worker.html", "main.html"), ("both.html",)):
        result = cli("validate", *paths, "--select", "PSC107,PSC9", "--fix")
        assert result == Result(0, "All checks passed!\n", ""), paths
    assert (tmp_path / "pyscript.toml").read_text(encoding="utf-8") == config
    named = cli("validate", "pyscript.toml", "--select", "PSC107,PSC9")  # via the pages beside it
    assert named == Result(0, "All checks passed!\n", "")
