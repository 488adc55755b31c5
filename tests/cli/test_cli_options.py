"""`validate` options, exit codes and the small subcommands, run in-process."""

from __future__ import annotations

import io
import json
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BAD_TOML, GOOD_TOML, Result, page, write

from pyscript_config import __version__
from pyscript_config.cli import batch

Cli = Callable[..., Result]

TYPO_TOML = 'pakages = ["numpy"]\n'  # PSC100 warning only


def site(root: Path, toml: str) -> None:
    write(root, {"site/index.html": page(), "site/pyscript.toml": toml})


def test_default_path_is_the_current_directory(cli: Cli, tmp_path: Path) -> None:
    site(tmp_path, BAD_TOML)
    result = cli("validate")
    assert result.code == 1
    assert result.out.startswith(
        'site/pyscript.toml:1:12: PSC102 "packages" must be an array of strings, not a string\n'
    )
    assert "  note: site/index.html:7:29: used by this page\n" in result.out
    assert result.out.endswith("\nFound 1 error in 1 file.\n")
    assert result.err == ""


def test_clean_site_passes(cli: Cli, tmp_path: Path) -> None:
    site(tmp_path, GOOD_TOML)
    assert cli("validate", "site") == Result(0, "All checks passed!\n", "")


@pytest.mark.parametrize(
    ("options", "reported"),
    [
        ((), True),
        (("--select", "PSC1"), True),
        (("--select", "psc102"), True),
        (("--select", "PSC2,PSC3"), False),
        (("--select", "PSC2", "--select", "PSC10"), True),
        (("--ignore", "PSC102"), False),
        (("--ignore", "PSC1"), False),
        (("--ignore", "PSC1", "--select", "PSC102"), True),  # the longer prefix wins
        (("--select", "ALL", "--ignore", "PSC10"), False),
    ],
)
def test_select_and_ignore_use_prefixes(
    cli: Cli, tmp_path: Path, options: tuple[str, ...], reported: bool
) -> None:
    site(tmp_path, BAD_TOML)
    result = cli("validate", *options)
    assert ("PSC102" in result.out) is reported
    assert result.code == (1 if reported else 0)


@pytest.mark.parametrize("selector", ["E501", "PSC8", "PSC1x", "PSC1000"])
def test_unknown_selector_is_a_usage_error(cli: Cli, tmp_path: Path, selector: str) -> None:
    result = cli("validate", "--ignore", f"PSC1,{selector}")
    assert result.code == 2
    assert result.out == ""
    assert result.err == (
        f"pyscript-config: error: --ignore: unknown rule selector '{selector}' (expected a code "
        "or a code prefix such as PSC1 or PSC102; see 'pyscript-config rules')\n"
    )


def test_warnings_fail_only_with_error_on_warnings(cli: Cli, tmp_path: Path) -> None:
    site(tmp_path, TYPO_TOML)
    plain = cli("validate")
    assert plain.code == 0
    assert "PSC100" in plain.out
    assert plain.out.endswith("Found 1 warning in 1 file.\n")
    assert cli("validate", "--error-on-warnings").code == 1


def test_quiet_levels(cli: Cli, tmp_path: Path) -> None:
    site(tmp_path, BAD_TOML)
    quiet = cli("validate", "-q")
    assert quiet.code == 1
    assert "PSC102" in quiet.out
    assert "Found" not in quiet.out
    assert not quiet.out.endswith("\n\n")
    silent = cli("validate", "-qq")
    assert silent == Result(1, "", "")
    (tmp_path / "missing-dir").mkdir()
    assert cli("validate", "-qq", "nope.html") == Result(2, "", "")


def test_quiet_clean_run_prints_nothing(cli: Cli, tmp_path: Path) -> None:
    site(tmp_path, GOOD_TOML)
    assert cli("validate", "-q") == Result(0, "", "")


@pytest.mark.parametrize(
    "case",
    [
        ({}, "auto", False),  # captured stdout is not a terminal
        ({"FORCE_COLOR": "1"}, "auto", True),
        ({"FORCE_COLOR": "0"}, "auto", False),
        ({"NO_COLOR": "1", "FORCE_COLOR": "1"}, "auto", False),
        ({"NO_COLOR": "1"}, "always", True),  # an explicit flag wins over the environment
        ({"FORCE_COLOR": "1"}, "never", False),
        ({"NO_COLOR": ""}, "always", True),
    ],
)
def test_colour_choice(
    cli: Cli,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    case: tuple[dict[str, str], str, bool],
) -> None:
    env, option, colored = case
    site(tmp_path, BAD_TOML)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    result = cli("validate", "--color", option)
    assert ("\x1b[" in result.out) is colored
    if colored:
        assert result.out.startswith("\x1b[1msite/pyscript.toml\x1b[0m:1:12: \x1b[31mPSC102\x1b[0m")


def test_colour_never_applies_to_machine_formats(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, BAD_TOML)
    monkeypatch.setenv("FORCE_COLOR", "1")
    result = cli("validate", "--output-format", "json", "--color", "always")
    assert "\x1b" not in result.out
    assert json.loads(result.out)["summary"]["errors"] == 1


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))


def test_stdin_page_is_checked_as_the_named_file(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # On disk the site is clean; the page text on stdin points to a broken config.
    site(tmp_path, GOOD_TOML)
    write(tmp_path, {"site/broken.toml": BAD_TOML})
    feed_stdin(monkeypatch, page("./broken.toml").encode())
    result = cli("validate", "-", "--stdin-filename", "site/index.html")
    assert result.code == 1
    assert result.out.startswith("site/broken.toml:1:12: PSC102 ")
    assert "  note: site/index.html:7:29: used by this page\n" in result.out


def test_stdin_config_replaces_the_file_on_disk(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, GOOD_TOML)
    feed_stdin(monkeypatch, BAD_TOML.encode())
    result = cli("validate", "--stdin-filename", "site/pyscript.toml", "-")
    assert result.code == 1
    assert result.out.startswith("site/pyscript.toml:1:12: PSC102 ")
    assert '1 | packages = "numpy"\n' in result.out  # the frame shows the stdin text


def test_stdin_filename_alone_reads_stdin(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    feed_stdin(monkeypatch, BAD_TOML.encode())
    result = cli("validate", "--stdin-filename", "pyscript.toml")
    assert result.code == 1
    assert result.out.startswith("pyscript.toml:1:12: PSC102 ")


def test_stdin_without_a_file_name_is_a_usage_error(cli: Cli) -> None:
    result = cli("validate", "-")
    assert result == Result(
        2,
        "",
        "pyscript-config: error: reading stdin ('-') needs --stdin-filename NAME, "
        "the name to check it as\n",
    )


def test_stdin_filename_with_other_paths_only_is_a_usage_error(cli: Cli, tmp_path: Path) -> None:
    site(tmp_path, GOOD_TOML)
    result = cli("validate", "site", "--stdin-filename", "x.html")
    assert result == Result(
        2, "", "pyscript-config: error: --stdin-filename is only used when reading stdin ('-')\n"
    )


def test_output_format_from_the_environment(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site(tmp_path, BAD_TOML)
    monkeypatch.setenv("PYSCRIPT_CONFIG_OUTPUT_FORMAT", "json")
    assert json.loads(cli("validate").out)["summary"]["errors"] == 1
    # The option wins over the environment.
    assert cli("validate", "--output-format", "github").out.startswith("::error file=")
    monkeypatch.setenv("PYSCRIPT_CONFIG_OUTPUT_FORMAT", "xml")
    assert cli("validate") == Result(
        2,
        "",
        "pyscript-config: error: $PYSCRIPT_CONFIG_OUTPUT_FORMAT: unknown output format 'xml' "
        "(expected one of text, json, github, sarif, junit)\n",
    )


def test_unknown_output_format_option(cli: Cli) -> None:
    result = cli("validate", "--output-format=yaml")
    assert result.code == 2
    assert result.err == (
        "pyscript-config: error: --output-format: unknown output format 'yaml' "
        "(expected one of text, json, github, sarif, junit)\n"
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ("--max-file-size", "lots"),
            "argument --max-file-size: not a number of bytes: 'lots'",
        ),
        (
            ("--max-file-size", "0"),
            "argument --max-file-size: must be a positive number of bytes: '0'",
        ),
        (("--color", "sometimes"), "argument --color: invalid choice: 'sometimes'"),
        (("--frobnicate",), "unrecognized arguments: --frobnicate"),
    ],
)
def test_bad_options_are_usage_errors(cli: Cli, args: tuple[str, ...], message: str) -> None:
    result = cli("validate", *args)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith(f"pyscript-config: error: {message}")
    assert result.err.count("\n") == 1


def test_bad_pyscript_version(cli: Cli) -> None:
    assert cli("validate", "--pyscript-version", "newest") == Result(
        2,
        "",
        "pyscript-config: error: --pyscript-version: 'newest' is not a PyScript release "
        "(e.g. 2026.7.3)\n",
    )


def test_max_file_size_skips_large_files_with_psc004(cli: Cli, tmp_path: Path) -> None:
    site(tmp_path, GOOD_TOML)
    result = cli("validate", "--max-file-size", "100")
    assert result.code == 0  # PSC004 is a warning
    size = len(page().encode())
    assert result.out.startswith(
        f"site/index.html:1:1: PSC004 file is {size} bytes, over the 100 byte limit; not checked\n"
    )
    assert cli("validate", "--max-file-size", "100", "--error-on-warnings").code == 1


def test_version(cli: Cli) -> None:
    assert cli("--version") == Result(0, f"pyscript-config {__version__}\n", "")


def test_no_command_prints_help_and_fails(cli: Cli) -> None:
    result = cli()
    assert result.code == 2
    assert "validate" in result.err
    assert "usage: pyscript-config" in result.err


def test_rules_list(cli: Cli) -> None:
    result = cli("rules")
    assert result.code == 0
    lines = result.out.splitlines()
    assert lines[0].split(maxsplit=3) == [
        "PSC001",
        "toml-syntax",
        "error",
        "The config is not valid TOML.",
    ]
    assert any(line.split()[:3] == ["PSC101", "custom-key", "hint"] for line in lines)


def test_rules_show_one(cli: Cli) -> None:
    result = cli("rules", "psc100")
    assert result.code == 0
    assert result.out.startswith("PSC100 unknown-key-typo\n\nDefault severity: warning\n")
    assert '\n    pakages = ["numpy"]\n' in result.out
    assert result.out.endswith("docs/rules.md#psc100-unknown-key-typo\n")


def test_rules_unknown_code(cli: Cli) -> None:
    assert cli("rules", "PSC999") == Result(
        2,
        "",
        "pyscript-config: error: unknown rule code 'PSC999' "
        "(see 'pyscript-config rules' for the list)\n",
    )


def test_schema_print_write_and_check(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    from pyscript_config import schema

    monkeypatch.setattr(schema, "render", lambda: '{"$schema": "x"}')
    assert cli("schema") == Result(0, '{"$schema": "x"}\n', "")
    monkeypatch.setattr(schema, "write", lambda: ["schemas/pyscript.schema.json"])
    assert cli("schema", "--write") == Result(0, "wrote schemas/pyscript.schema.json\n", "")
    monkeypatch.setattr(schema, "stale_targets", lambda: ["schemas/pyscript.schema.json"])
    assert cli("schema", "--check") == Result(
        1,
        "",
        "pyscript-config: error: schemas/pyscript.schema.json: out of date; "
        "run 'pyscript-config schema --write'\n",
    )
    monkeypatch.setattr(schema, "stale_targets", lambda: [])
    assert cli("schema", "--check") == Result(0, "", "")
    assert cli("schema", "--write", "--check").code == 2


def test_unexpected_exception_is_one_line_and_exit_2(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(*args: object, **kwargs: object) -> None:
        raise ValueError("boom\nsecond line")

    monkeypatch.setattr("pyscript_config.cli.validate.run_batch", explode)
    result = cli("validate")
    assert result == Result(
        2,
        "",
        "pyscript-config: internal error: ValueError: boom second line (this is a bug; please "
        "report it at https://github.com/pyscript-config/pyscript-config/issues)\n",
    )


def test_a_crash_on_one_file_does_not_hide_the_others(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(tmp_path, {"a/index.html": page(), "a/pyscript.toml": BAD_TOML, "b/index.html": page()})
    write(tmp_path, {"b/pyscript.toml": GOOD_TOML})
    real = batch.check_source

    def flaky(source, *args, **kwargs):  # type: ignore[no-untyped-def]
        if source.path == "b/index.html":
            raise RecursionError("maximum recursion depth exceeded")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(batch, "check_source", flaky)
    result = cli("validate", "-v")
    assert result.code == 2
    assert result.out.startswith("a/pyscript.toml:1:12: PSC102 ")
    # The page crashed, so its config was not covered by it: checked on its own instead.
    assert "pyscript-config: checked b/pyscript.toml (standalone config file)\n" in result.err
    assert result.out.endswith("Found 1 error in 1 file; 1 path could not be checked.\n")
    assert result.err.endswith(
        "pyscript-config: error: b/index.html: internal error while checking this file "
        "(RecursionError: maximum recursion depth exceeded); please report it at "
        "https://github.com/pyscript-config/pyscript-config/issues\n"
    )
