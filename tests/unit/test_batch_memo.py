"""The batch run's memo: each directory listed once per run, and nothing kept after it."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from pyscript_config.cli import batch
from pyscript_config.cli.discover import discover
from pyscript_config.settings import Settings

PAGE = '<script type="py" config="{name}"></script>\n'


def _tree(root: Path, configs: int) -> None:
    for number in range(configs):
        site = root / f"s{number}"
        site.mkdir()
        (site / "pyscript.toml").write_text('packages = ["numpy"]\n')


def _checked(root: Path) -> list[str]:
    found = discover([str(root)])
    return batch.run(found.candidates, Settings(), workers=1).notes


def test_each_directory_is_listed_once_per_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _tree(tmp_path, 5)
    listed: list[str] = []
    real = batch._html_names

    def spy(directory: str) -> list[str] | None:
        listed.append(directory)
        return real(directory)

    monkeypatch.setattr(batch, "_html_names", spy)
    _checked(tmp_path)
    # Five own directories and their shared parent, each once (not the parent five times).
    assert sorted(listed) == sorted([str(tmp_path), *(str(tmp_path / f"s{n}") for n in range(5))])


def test_a_page_added_between_runs_is_seen(tmp_path: Path) -> None:
    _tree(tmp_path, 1)
    config = os.path.join(tmp_path, "s0", "pyscript.toml")
    assert f"checked {config} (standalone config file)" in _checked(tmp_path)
    (tmp_path / "s0" / "index.html").write_text(PAGE.format(name="pyscript.toml"))
    notes = _checked(tmp_path)
    assert f"skipped {config}: already checked with {tmp_path / 's0' / 'index.html'}" in notes


def test_no_memo_outside_a_run(tmp_path: Path) -> None:
    _tree(tmp_path, 1)
    _checked(tmp_path)
    assert batch._current.memo is None
    config = str(tmp_path / "s0" / "pyscript.toml")
    assert batch.referencing_pages(config, batch.reader_for(Settings())) == []
    (tmp_path / "s0" / "index.html").write_text(PAGE.format(name="pyscript.toml"))
    pages = batch.referencing_pages(config, batch.reader_for(Settings()))
    assert [page.path for page in pages] == [str(tmp_path / "s0" / "index.html")]


def test_the_memo_keys_page_references_by_text(tmp_path: Path) -> None:
    memo = batch.RunMemo()
    from pyscript_config.files import FileKind, SourceFile

    path = str(tmp_path / "index.html")
    first = memo.references(SourceFile(path, PAGE.format(name="a.toml"), FileKind.HTML))
    again = memo.references(SourceFile(path, PAGE.format(name="a.toml"), FileKind.HTML))
    edited = memo.references(SourceFile(path, PAGE.format(name="b.toml"), FileKind.HTML))
    assert first == [str(tmp_path / "a.toml")]
    assert again is first
    assert edited == [str(tmp_path / "b.toml")]
