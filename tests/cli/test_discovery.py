"""Which files `validate` looks at, and the parallel path giving the serial results."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from cli_helpers import BAD_TOML, GOOD_TOML, PLAIN_PAGE, Result, page, write

from pyscript_config.cli import batch
from pyscript_config.cli.batch import Job, run, run_jobs
from pyscript_config.cli.discover import Candidate, discover
from pyscript_config.settings import Settings

Cli = Callable[..., Result]

BROKEN_SITE = {"index.html": page(), "pyscript.toml": BAD_TOML}


def nest(prefix: str, files: dict[str, str]) -> dict[str, str]:
    return {f"{prefix}/{name}": text for name, text in files.items()}


def test_tool_dependency_and_venv_directories_are_skipped(cli: Cli, tmp_path: Path) -> None:
    files = {"site/index.html": page(), "site/pyscript.toml": GOOD_TOML}
    for skipped in (
        ".git",
        ".hg",
        ".svn",
        "node_modules/pkg",
        "__pycache__",
        ".tox/py311",
        ".nox",
        ".mypy_cache",
        ".ruff_cache",
        ".pytest_cache",
        "lib/python3.11/site-packages/pkg",
    ):
        files.update(nest(skipped, BROKEN_SITE))
    files.update(nest("env", BROKEN_SITE))
    files["env/pyvenv.cfg"] = "home = /usr/bin\n"
    write(tmp_path, files)
    result = cli("validate", "-v")
    assert (result.code, result.out) == (0, "All checks passed!\n")
    assert "pyscript-config: skipped node_modules: tool or dependency directory\n" in result.err
    assert "pyscript-config: skipped env: virtual environment (has pyvenv.cfg)\n" in result.err
    assert "pyscript-config: checked site/index.html (with site/pyscript.toml)\n" in result.err
    # A skipped directory named on the command line is checked: the user asked for it.
    assert cli("validate", "node_modules/pkg").code == 1


def test_exclude_globs_match_relative_paths_and_names(cli: Cli, tmp_path: Path) -> None:
    files: dict[str, str] = {}
    for prefix in ("legacy", "site/old", "site/new", "deep/er/legacy"):
        files.update(nest(prefix, BROKEN_SITE))
    files["site/app.min.html"] = page("./missing.toml")
    write(tmp_path, files)
    excludes = ("--exclude", "legacy", "--exclude", "site/old/*", "--exclude", "*.min.html")
    result = cli("validate", "-q", *excludes)
    assert result.code == 1
    reported = {line.split(":")[0] for line in result.out.splitlines() if ": PSC" in line}
    assert reported == {"site/new/pyscript.toml"}
    # Relative to each given root: inside `site`, the old pages are at `old/...`.
    inside = cli("validate", "site", "-q", "--exclude", "old", "--exclude", "new")
    assert {line.split(":")[0] for line in inside.out.splitlines() if ": PSC" in line} == {
        "site/app.min.html"
    }
    # Explicit files are excluded too (how a pre-commit user keeps files out).
    assert cli("validate", "legacy/pyscript.toml", "--exclude", "legacy/*") == Result(
        0, "All checks passed!\n", ""
    )


def test_unrelated_json_and_toml_files_are_skipped_without_a_word(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "pyproject.toml": "[project]\nname = 'x'\n",
            "package.json": '{"name": "x", "devDependencies": {}}',
            "tsconfig.json": "{ /* comments are fine here */ }",
            "data/broken.json": "{not json",
            "Cargo.toml": "[package\n",
            "docs/page.html": PLAIN_PAGE,
            "site/index.html": page(),
            "site/pyscript.toml": GOOD_TOML,
        },
    )
    result = cli("validate", "-v")
    assert (result.code, result.out) == (0, "All checks passed!\n")
    reason = "not a PyScript config (not named pyscript.toml/pyscript.json, no page points to it, and no #:schema/$schema names our schema)"
    assert f"pyscript-config: skipped package.json: {reason}\n" in result.err
    assert f"pyscript-config: skipped data/broken.json: {reason}\n" in result.err
    assert "pyscript-config: skipped docs/page.html: no PyScript on this page\n" in result.err
    # Named explicitly, as pre-commit does, they are still skipped.
    explicit = cli("validate", "pyproject.toml", "package.json", "Cargo.toml", "data/broken.json")
    assert explicit == Result(0, "All checks passed!\n", "")


def test_explicit_config_referenced_by_a_sibling_page_is_checked(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/index.html": page("./app.toml"),
            "site/app.toml": BAD_TOML,
            "site/other.toml": BAD_TOML,  # nobody points to it
        },
    )
    result = cli("validate", "site/app.toml", "site/other.toml", "-v")
    assert result.code == 1
    assert result.out.startswith('site/app.toml:1:12: PSC102 "packages" must be an array')
    assert "  note: site/index.html:7:29: used by this page\n" in result.out
    assert "other.toml:" not in result.out
    assert "pyscript-config: checked site/app.toml in the context of site/index.html\n" in (
        result.err
    )


def test_explicit_config_referenced_from_the_parent_directory(cli: Cli, tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "site/index.html": page("./conf/app.json"),
            "site/conf/app.json": '{"packages": "numpy"}',
        },
    )
    result = cli("validate", "site/conf/app.json", "-q")
    assert result.code == 1
    assert result.out.startswith("site/conf/app.json:1:14: PSC102 ")
    # Only the config's own diagnostics: the page is not reported on unless named.
    assert "site/index.html:" not in result.out.replace("note: site/index.html", "")


def test_a_pyscript_toml_named_alone_is_checked_through_the_page_that_uses_it(
    cli: Cli, tmp_path: Path
) -> None:
    # As pre-commit passes it when only the config changed: the same diagnostics as
    # when the page is checked, with the page named as the place that uses it.
    write(tmp_path, {"site/index.html": page("./pyscript.toml"), "site/pyscript.toml": BAD_TOML})
    result = cli("validate", "site/pyscript.toml", "-v")
    assert result.code == 1
    assert result.out.startswith('site/pyscript.toml:1:12: PSC102 "packages" must be an array')
    assert "  note: site/index.html:7:29: used by this page\n" in result.out
    assert "checked site/pyscript.toml in the context of site/index.html\n" in result.err


def test_a_pyscript_toml_no_page_uses_is_checked_standalone(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, {"site/pyscript.toml": BAD_TOML})
    result = cli("validate", "site/pyscript.toml", "-v")
    assert result.code == 1
    assert "used by this page" not in result.out
    assert "checked site/pyscript.toml (standalone config file)\n" in result.err


def test_a_config_used_by_a_page_is_checked_once_in_its_context(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, {"site/index.html": page("./app.toml"), "site/app.toml": BAD_TOML})
    result = cli("validate", "-v")
    assert result.out.count("PSC102") == 1
    assert "pyscript-config: skipped site/app.toml: already checked with site/index.html\n" in (
        result.err
    )


def test_non_candidate_files_named_explicitly_are_skipped(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path, {"main.py": "print('hi')\n"})
    result = cli("validate", "main.py", "-v")
    assert (result.code, result.out) == (0, "All checks passed!\n")
    assert "pyscript-config: skipped main.py: not a page or config file\n" in result.err


def test_discovery_order_is_sorted_files_before_subdirectories(tmp_path: Path) -> None:
    write(
        tmp_path,
        {
            "b/index.html": "",
            "a/z.html": "",
            "a/sub/x.html": "",
            "a/b.toml": "",
            "a/notes.txt": "",
            "c.json": "",
            "a/A.HTM": "",
        },
    )
    found = discover([str(tmp_path)])
    names = [Path(c.path).relative_to(tmp_path).as_posix() for c in found.candidates]
    assert names == ["c.json", "a/A.HTM", "a/b.toml", "a/z.html", "a/sub/x.html", "b/index.html"]
    assert all(not c.explicit for c in found.candidates)
    again = discover([str(tmp_path / "a" / "z.html"), str(tmp_path)])
    assert again.candidates[0] == Candidate(str(tmp_path / "a" / "z.html"), True)
    assert len(again.candidates) == 6  # the explicit file is not listed twice


def big_tree(root: Path, count: int = 40) -> None:
    files: dict[str, str] = {}
    for number in range(count):
        prefix = f"site{number:02d}"
        toml = BAD_TOML if number % 3 == 0 else GOOD_TOML
        files.update(nest(prefix, {"index.html": page(), "pyscript.toml": toml}))
        if number % 5 == 0:
            files[f"{prefix}/extra.json"] = '{"packages": 1}'
            files[f"{prefix}/pyscript.json"] = '{"packages": [1]}'
    write(root, files)


def test_parallel_results_equal_serial_results(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    big_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    found = discover(["."])
    assert len(found.candidates) > batch.PARALLEL_THRESHOLD
    settings = Settings(ignore=("PSC101",))
    serial = run(found.candidates, settings, workers=1)
    parallel = run(found.candidates, settings, workers=2)
    assert parallel == serial
    assert len(serial.diagnostics) >= 14
    assert serial.diagnostics == sorted(serial.diagnostics, key=lambda d: d.sort_key())

    jobs = [Job(c.path, "page", settings) for c in found.candidates if c.path.endswith(".html")]
    in_processes = batch._run_parallel(jobs, 2)  # no silent fallback: really in processes
    assert in_processes == run_jobs(jobs, workers=1)


def test_many_files_use_the_process_pool(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big_tree(tmp_path)
    monkeypatch.chdir(tmp_path)
    calls: list[int] = []
    real = batch._run_parallel

    def spy(jobs: list[Job], workers: int) -> list[batch.Outcome]:
        calls.append(len(jobs))
        return real(jobs, workers)

    monkeypatch.setattr(batch, "_run_parallel", spy)
    monkeypatch.setattr(batch, "worker_count", lambda: 2)
    result = run(discover(["."]).candidates, Settings())
    assert calls == [40]  # the 40 pages; the 8 leftover config files stay serial
    assert sum(d.code == "PSC102" for d in result.diagnostics) >= 14
