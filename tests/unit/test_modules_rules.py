"""js_modules and plugins helpers and fixes."""

from __future__ import annotations

import pytest

from pyscript_config.check import check_text
from pyscript_config.diagnostics import Diagnostic, Fix
from pyscript_config.rules.modules_rules import is_css, python_name


def _apply(text: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
    return text


def _only(path: str, text: str, code: str) -> Diagnostic:
    found = [d for d in check_text(path, text) if d.code == code]
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("url", "css"),
    [
        ("https://cdn.x/leaflet.css", True),
        ("https://cdn.x/LEAFLET.CSS", True),
        ("https://cdn.x/theme.css?v=2", True),
        ("./style.css#top", True),
        ("https://cdn.x/leaflet.css.js", False),
        ("https://cdn.x/css", False),
        ("https://cdn.x/a.js?f=x.css", False),
    ],
)
def test_is_css_looks_at_the_path_only(url: str, css: bool) -> None:
    assert is_css(url) is css


@pytest.mark.parametrize(
    ("name", "fixed"),
    [("leaflet-src", "leaflet_src"), ("d3.js", "d3_js"), ("3d", "_3d"), ("class", "class_")],
)
def test_python_name(name: str, fixed: str) -> None:
    assert python_name(name) == fixed
    assert fixed.isidentifier()


def test_module_name_fix_renames_the_value() -> None:
    text = '[js_modules.main]\n"https://esm.run/leaflet" = "leaflet-src"\n'
    diagnostic = _only("pyscript.toml", text, "PSC500")
    assert diagnostic.fix is not None and not diagnostic.fix.safe
    assert (
        _apply(text, diagnostic.fix)
        == '[js_modules.main]\n"https://esm.run/leaflet" = "leaflet_src"\n'
    )


def test_plugins_string_fix_makes_an_array_when_every_token_is_a_plugin() -> None:
    text = 'plugins = "!error, !py-terminal"\n'
    diagnostic = _only("pyscript.toml", text, "PSC504")
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert _apply(text, diagnostic.fix) == 'plugins = ["!error", "!py-terminal"]\n'
    assert "turns off error, py-terminal only because the text contains" in diagnostic.message


def test_plugins_string_in_json() -> None:
    text = '{"plugins": "!error"}'
    diagnostic = _only("pyscript.json", text, "PSC504")
    assert diagnostic.fix is not None
    assert _apply(text, diagnostic.fix) == '{"plugins": ["!error"]}'


def test_plugins_string_with_other_text_gets_no_fix() -> None:
    diagnostic = _only("pyscript.toml", 'plugins = "!error and more"\n', "PSC504")
    assert diagnostic.fix is None


def test_plugins_other_types_keep_the_schema_error() -> None:
    [diagnostic] = [d for d in check_text("pyscript.toml", "plugins = 5\n") if d.code == "PSC102"]
    assert diagnostic.message == '"plugins" must be an array of strings, not an integer'
    assert not [d for d in check_text("pyscript.toml", "plugins = 5\n") if d.code == "PSC504"]


def test_plugin_near_miss_fix() -> None:
    text = 'plugins = ["error"]\n'
    diagnostic = _only("pyscript.toml", text, "PSC503")
    assert 'did you mean "!error"?' in diagnostic.message
    assert diagnostic.fix is not None
    assert _apply(text, diagnostic.fix) == 'plugins = ["!error"]\n'
