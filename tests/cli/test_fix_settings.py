"""Every key of the settings file, and suppressions, end to end through `validate`."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import Result, page, write

Cli = Callable[..., Result]

MAIN = 'print("hello")\n'
# PSC101 (hint, 1:1), PSC100 (warning, 2:1), PSC102 (error, 3:12).
CONFIG = 'theme = "dark"\npakages = ["numpy"]\npackages = "numpy"\n'


def codes(result: Result) -> list[str]:
    """`path CODE` of every diagnostic in text output."""
    found = []
    for line in result.out.splitlines():
        if ": PSC" in line:
            path, rest = line.split(": ", 1)
            found.append(f"{path.split(':')[0]} {rest.split()[0]}")
    return found


@pytest.fixture
def sites(tmp_path: Path) -> Path:
    write(
        tmp_path,
        {
            "app/index.html": page(),
            "app/main.py": MAIN,
            "app/pyscript.toml": CONFIG,
            "legacy/index.html": page("./pyscript.json"),
            "legacy/main.py": MAIN,
            "legacy/pyscript.json": '{"theme": "dark", "packages": ["numpy"]}\n',
        },
    )
    return tmp_path


ALL = ["app/pyscript.toml PSC101", "app/pyscript.toml PSC100", "app/pyscript.toml PSC102"]
JSON_HINT = "legacy/pyscript.json PSC101"


def settings(tmp_path: Path, text: str) -> None:
    write(tmp_path, {"pyscript-config.toml": text})


def test_without_settings(cli: Cli, sites: Path) -> None:
    assert codes(cli("validate")) == [*ALL, JSON_HINT]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('select = ["PSC102"]\n', [ALL[2]]),
        ('select = ["PSC100"]\n', ["app/pyscript.toml PSC100"]),
        ('select = ["PSC100"]\nextend-select = ["PSC102"]\n', [ALL[1], ALL[2]]),
        ('ignore = ["PSC101"]\n', [ALL[1], ALL[2]]),
        ('ignore = ["PSC101"]\nextend-ignore = ["PSC102"]\n', [ALL[1]]),
        ('allowed-keys = ["theme"]\n', [ALL[1], ALL[2]]),
        ('exclude = ["legacy"]\n', ALL),
        ('per-file-ignores = { "legacy/*" = ["PSC1"] }\n', ALL),
        ('per-file-ignores = { "*.toml" = ["PSC100", "PSC102"] }\n', [ALL[0], JSON_HINT]),
        ('[per-file-ignores]\n"pyscript.json" = ["ALL"]\n"app/**" = ["psc101"]\n', ALL[1:]),
    ],
)
def test_each_key_of_the_settings_file(
    cli: Cli, sites: Path, text: str, expected: list[str]
) -> None:
    settings(sites, text)
    assert codes(cli("validate")) == expected


def test_per_file_ignores_in_pyproject_are_relative_to_it(
    cli: Cli, sites: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(
        sites,
        {
            "pyproject.toml": (
                '[project]\nname = "x"\n\n'
                '[tool.pyscript-config.per-file-ignores]\n"legacy/pyscript.json" = ["PSC101"]\n'
            )
        },
    )
    assert codes(cli("validate")) == ALL
    monkeypatch.chdir(sites / "legacy")  # the globs stay relative to pyproject.toml
    assert codes(cli("validate", ".", "../app")) == [f"../{code}" for code in ALL]
    assert codes(cli("validate", "--isolated")) == ["pyscript.json PSC101"]


def test_severity_overrides(cli: Cli, sites: Path) -> None:
    settings(sites, '[severity]\nPSC101 = "error"\nPSC102 = "info"\n')
    result = cli("validate", "app")
    assert result.code == 1  # PSC101 is an error now; PSC102 is only information
    assert "  | ^^^^^ error\n" in result.out  # theme
    assert "  |            ^^^^^^^ info\n" in result.out  # "numpy"
    assert result.out.endswith("Found 1 error and 1 warning in 1 file.\n")


def test_pyscript_version(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, {"pyscript.toml": "experimental_remote_packages = true\n"})
    assert codes(cli("validate")) == ["pyscript.toml PSC106"]  # removed in 2026.6.1
    settings(tmp_path, 'pyscript-version = "2026.5.1"\n')
    assert codes(cli("validate")) == ["pyscript.toml PSC104"]  # still there, deprecated
    assert codes(cli("validate", "--pyscript-version", "2026.7.3")) == ["pyscript.toml PSC106"]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            'per-file-ignores = ["PSC101"]\n',
            'per-file-ignores must be a table of "glob" = ["CODE", ...]',
        ),
        (
            'per-file-ignores = { "*.html" = "PSC101" }\n',
            "per-file-ignores: '*.html' must be an array of codes",
        ),
    ],
)
def test_malformed_per_file_ignores_stop_the_run(
    cli: Cli, sites: Path, text: str, message: str
) -> None:
    settings(sites, text)
    assert cli("validate") == Result(
        2, "", f"pyscript-config: error: {sites / 'pyscript-config.toml'}: {message}\n"
    )


def test_unknown_code_in_per_file_ignores(cli: Cli, sites: Path) -> None:
    settings(sites, 'per-file-ignores = { "*.html" = ["E501"] }\n')
    result = cli("validate")
    assert result == Result(
        2,
        "",
        "pyscript-config: error: pyscript-config.toml: per-file-ignores: '*.html': unknown rule "
        "selector 'E501' (expected a code or a code prefix such as PSC1 or PSC102; see "
        "'pyscript-config rules')\n",
    )


# -- suppression comments and settings together -------------------------------------------


def test_suppressions_in_files_through_the_cli(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "index.html": page().replace(
                '  <script type="py"',
                "  <!-- pyscript-config: ignore[PSC300] written by the build -->\n"
                '  <script type="py"',
            ),
            "main.py": MAIN,
        },
    )
    assert cli("validate") == Result(0, "All checks passed!\n", "")
    write(tmp_path, {"pyscript.toml": 'packages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'})
    result = cli("validate")  # the file exists now: both comments are unused
    assert codes(result) == ["index.html PSC901", "pyscript.toml PSC901"]
    assert result.out.endswith("Found 2 warnings in 2 files.\n")
    fixed = cli("validate", "--fix")
    assert fixed == Result(0, "Fixed 2 problems (0 remaining).\nAll checks passed!\n", "")
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == page()
    assert (tmp_path / "pyscript.toml").read_text(encoding="utf-8") == 'packages = ["numpy"]\n'


def test_settings_decide_which_suppressions_are_judged(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyscript.toml": (
                'packages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'
                'theme = "dark"  # pyscript-config: ignore[PSC101]\n'
            )
        },
    )
    assert codes(cli("validate")) == ["pyscript.toml PSC901"]
    # A code the run does not report cannot show whether its comment is needed.
    settings(tmp_path, 'ignore = ["PSC102"]\n')
    assert cli("validate") == Result(0, "All checks passed!\n", "")
    settings(tmp_path, 'per-file-ignores = { "pyscript.toml" = ["PSC102"] }\n')
    assert cli("validate") == Result(0, "All checks passed!\n", "")
    # Unused suppressions themselves can be ignored, like any code.
    settings(tmp_path, 'ignore = ["PSC901"]\n')
    assert cli("validate", "--fix") == Result(0, "All checks passed!\n", "")
    assert "ignore[PSC102]" in (tmp_path / "pyscript.toml").read_text(encoding="utf-8")
    # A severity override applies to the tool's own codes too.
    settings(tmp_path, '[severity]\nPSC901 = "error"\n')
    result = cli("validate")
    assert result.code == 1
    assert result.out.endswith("Found 1 error in 1 file.\n")
