"""`validate` with a settings file (`pyscript-config.toml` or `[tool.pyscript-config]`)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BAD_TOML, Result, page, write

Cli = Callable[..., Result]

TYPO_AND_TYPE = 'pakages = ["numpy"]\npackages = "numpy"\n'  # PSC100 (1:1), PSC102 (2:12)


def codes(result: Result) -> list[str]:
    return [line.split(": ")[1].split()[0] for line in result.out.splitlines() if ": PSC" in line]


def test_exclude_applies_to_walks_relative_to_the_settings_file(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyscript-config.toml": 'exclude = ["examples/broken"]\n',
            "examples/index.html": page(),
            "examples/pyscript.toml": 'packages = ["numpy"]\n',
            "examples/broken/index.html": page(),
            "examples/broken/pyscript.toml": BAD_TOML,
        },
    )
    walked = cli("validate", "examples", "-v")
    assert (walked.code, walked.out) == (0, "All checks passed!\n")
    assert walked.err.startswith(
        f"pyscript-config: settings from {tmp_path}/pyscript-config.toml\n"
    )
    assert "pyscript-config: skipped examples/broken: excluded by pyscript-config.toml\n" in (
        walked.err
    )
    # Named on the command line, the excluded directory is checked.
    named = cli("validate", "examples/broken", "-q")
    assert named.code == 1
    assert codes(named) == ["PSC102"]
    # --isolated ignores the settings file.
    assert cli("validate", "examples", "-q", "--isolated").code == 1


def test_settings_from_pyproject_and_command_line_precedence(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": '[project]\nname = "x"\n\n[tool.pyscript-config]\nignore = ["psc1"]\n',
            "site/index.html": page(),
            "site/pyscript.toml": TYPO_AND_TYPE,
        },
    )
    assert cli("validate", "-q") == Result(0, "", "")
    # A command-line --select does not undo the file's ignore of the same prefix length...
    assert codes(cli("validate", "-q", "--select", "PSC1")) == []
    # ...but a longer (more specific) selected prefix wins over it, as ruff does.
    assert codes(cli("validate", "-q", "--select", "PSC102")) == ["PSC102"]
    # Run from a subdirectory, the settings file is found upwards.
    monkeypatch.chdir(tmp_path / "site")
    assert cli("validate", "-q") == Result(0, "", "")
    assert codes(cli("validate", "-q", "--isolated")) == ["PSC100", "PSC102"]


def test_select_from_the_file_is_replaced_by_the_command_line(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyscript-config.toml": 'select = ["PSC100"]\n',
            "site/index.html": page(),
            "site/pyscript.toml": TYPO_AND_TYPE,
        },
    )
    assert codes(cli("validate", "-q")) == ["PSC100"]
    assert codes(cli("validate", "-q", "--select", "PSC102")) == ["PSC102"]


def test_a_broken_settings_file_stops_the_run(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, {"pyscript-config.toml": 'exclude = "x"\nselct = []\n'})
    config = tmp_path / "pyscript-config.toml"
    assert cli("validate") == Result(
        2,
        "",
        f"pyscript-config: error: {config}: exclude must be an array of strings\n"
        f"pyscript-config: error: {config}: unknown setting 'selct'\n",
    )


def test_an_unknown_selector_in_the_settings_file(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, {"pyscript-config.toml": 'ignore = ["E501"]\n'})
    result = cli("validate")
    assert result.code == 2
    assert result.err == (
        "pyscript-config: error: pyscript-config.toml: ignore: unknown rule selector 'E501' "
        "(expected a code or a code prefix such as PSC1 or PSC102; see 'pyscript-config rules')\n"
    )
