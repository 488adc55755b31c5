"""Suggestions, offset maps, line indexes, settings and the tool settings file."""

from __future__ import annotations

from pathlib import Path

from pyscript_config.diagnostics import Severity
from pyscript_config.settings import Settings
from pyscript_config.suggest import ranked_matches
from pyscript_config.text import LineIndex, OffsetMap, Span
from pyscript_config.tool_config import find_tool_config, load_tool_config

KEYS = ["packages", "files", "fetch", "js_modules", "interpreter", "plugins", "packages_cache"]


def test_typos_rank_the_intended_key_first() -> None:
    assert ranked_matches("pakages", KEYS)[0] == "packages"
    assert ranked_matches("js-modules", KEYS) == ["js_modules"]
    assert ranked_matches("Packages", KEYS)[0] == "packages"
    assert ranked_matches("plugin", KEYS) == ["plugins"]
    assert ranked_matches("theme", KEYS) == []
    assert ranked_matches("packages", KEYS) == []  # the word itself is no suggestion


def test_offset_map_skips_entities() -> None:
    # host: 'x="a&amp;b"' value starts at 3; decoded "a&b" (3 chars)
    offsets = OffsetMap(3, [(2, 9)])
    assert [offsets.to_host(i) for i in range(4)] == [3, 4, 9, 10]
    assert offsets.span_to_host(Span(0, 3)) == Span(3, 10)
    assert [offsets.to_decoded(h) for h in range(3, 11)] == [0, 1, 1, 1, 1, 1, 2, 3]


def test_line_index_counts_every_newline_style() -> None:
    index = LineIndex("a\r\nb\rc\nd")
    assert [index.line_col(i) for i in (0, 3, 5, 7)] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert index.offset(3, 1) == 5


def test_line_index_does_not_count_a_bom_as_a_column() -> None:
    index = LineIndex("\ufeffab\ncd")
    assert index.line_col(1) == (1, 1)
    assert index.line_col(2) == (1, 2)
    assert index.line_col(5) == (2, 2)
    assert index.offset(1, 2) == 2


def test_settings_prefixes_follow_ruff() -> None:
    settings = Settings(select=("PSC1",), ignore=("PSC101",))
    assert settings.wants("PSC102")
    assert not settings.wants("PSC101")
    assert not settings.wants("PSC001")
    assert Settings(select=("PSC101",), ignore=("PSC1",)).wants("PSC101")  # longer prefix wins


def test_tool_config_from_pyproject(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        "[project]\nname = 'site'\n\n[tool.pyscript-config]\n"
        'ignore = ["PSC101"]\nallowed-keys = ["theme"]\npyscript-version = "2026.2.1"\n'
        'exclude = ["build"]\n\n[tool.pyscript-config.severity]\nPSC100 = "error"\n',
        encoding="utf-8",
    )
    sub = tmp_path / "site" / "pages"
    sub.mkdir(parents=True)
    found = find_tool_config(str(sub))
    assert found == str(tmp_path / "pyproject.toml")
    config = load_tool_config(found)
    assert config.errors == ()
    settings = config.apply(Settings(ignore=("PSC600",)))
    assert settings.ignore == ("PSC101", "PSC600")
    assert settings.allowed_keys == frozenset({"theme"})
    assert settings.pyscript_version == "2026.2.1"
    assert settings.severity_overrides == {"PSC100": Severity.ERROR}
    assert config.exclude == ("build",)


def test_tool_config_problems_are_values(tmp_path: Path) -> None:
    path = tmp_path / "pyscript-config.toml"
    path.write_text(
        'ignore = "PSC101"\ncolour = "red"\n[severity]\nPSC100 = "loud"\n', encoding="utf-8"
    )
    config = load_tool_config(str(path))
    assert f"{path}: ignore must be an array of strings" in config.errors
    assert f"{path}: unknown setting 'colour'" in config.errors
    assert any("severity of PSC100" in error for error in config.errors)
    path.write_text("ignore = [", encoding="utf-8")
    assert load_tool_config(str(path)).errors[0].startswith(f"{path}: invalid TOML")


def test_tool_config_with_a_bom_reads(tmp_path: Path) -> None:
    path = tmp_path / "pyscript-config.toml"
    path.write_text('\ufeffignore = ["PSC101"]\n', encoding="utf-8")
    assert load_tool_config(str(path)).ignore == ("PSC101",)
