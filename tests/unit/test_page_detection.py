"""Config detection per pipeline (PSC201–PSC208), conflicts (PSC210–PSC214) and HTML
hazards (PSC220–PSC222): exact messages, spans and fixes."""

from __future__ import annotations

import pytest
from page_helpers import LOADER, applied, check, codes, only, shown

from pyscript_config.rules.page_rules import _intended_end, _looks_like_url


@pytest.mark.parametrize(
    ("token", "expected"),
    [
        ("https://example.com/config", True),
        ("./pyscript.toml?v=2", True),
        ("settings", True),
        ("a=1", False),
        ('packages=["numpy"]', False),
        ("[files]", False),
        ("# comment", False),
        ("two words", False),
        ("", False),
    ],
)
def test_what_looks_like_a_url(token: str, expected: bool) -> None:
    assert _looks_like_url(token) is expected


def test_url_without_extension_replaces_the_toml_syntax_error() -> None:
    html = '<script type="py" config="https://example.com/config">print(1)</script>'
    found = check(html)
    assert codes(found, "PSC0") == []
    diagnostic = only(found, "PSC201")
    assert shown(LOADER + html, diagnostic) == "https://example.com/config"
    assert diagnostic.message == (
        'PyScript does not fetch "https://example.com/config" (only URLs ending in .toml or '
        ".json are fetched): it is read as inline TOML and the config is silently empty"
    )
    assert diagnostic.fix is None


def test_url_without_extension_before_basic_toml_is_a_toml_error() -> None:
    html = '<script type="py" config="./config">print(1)</script>'
    diagnostic = only(check(html, version="2026.1.1"), "PSC201")
    assert diagnostic.message.endswith("fails with (PY1000) Invalid TOML")


def test_py_game_reads_a_url_without_extension_with_toml_j04() -> None:
    html = '<canvas id="canvas"></canvas><script type="py-game" config="./game">print(1)</script>'
    diagnostic = only(check(html), "PSC201")
    assert "py-game reads it as inline TOML and fails with a TOML syntax error" in (
        diagnostic.message
    )


def test_hash_on_main_fix_drops_the_fragment() -> None:
    html = '<script type="py" config="./pyscript.toml#v2">print(1)</script>'
    text = LOADER + html
    diagnostic = only(check(html, {"pyscript.toml": 'packages = ["numpy"]\n'}), "PSC201")
    assert "a #fragment is not allowed after the extension" in diagnostic.message
    assert diagnostic.fix is not None and not diagnostic.fix.safe
    fixed = applied(text, diagnostic.fix)
    assert 'config="./pyscript.toml"' in fixed
    assert codes(check(fixed[len(LOADER) :], {"pyscript.toml": 'packages = ["numpy"]\n'})) == []


def test_worker_query_fix_and_message() -> None:
    html = '<script type="py" worker config="./w.toml?v=2">print(1)</script>'
    diagnostic = only(check(html, {"w.toml": "packages = []\n"}), "PSC201")
    assert 'giving only the key "./w.toml?v"' in diagnostic.message
    assert 'config="./w.toml"' in applied(LOADER + html, diagnostic.fix)


def test_worker_txt_config() -> None:
    html = '<script type="py" worker config="./cfg.txt">print(1)</script>'
    diagnostic = only(check(html), "PSC202")
    assert shown(LOADER + html, diagnostic) == "./cfg.txt"


def test_type_json_with_toml_body_fix_removes_the_attribute() -> None:
    html = '<py-config type="json">\npackages = ["numpy"]\n</py-config><script type="py">1</script>'
    found = check(html)
    assert codes(found, "PSC0") == []
    diagnostic = only(found, "PSC203")
    assert shown(LOADER + html, diagnostic) == 'packages = ["numpy"]'
    fixed = applied(LOADER + html, diagnostic.fix)
    assert "<py-config>\npackages" in fixed
    assert codes(check(fixed[len(LOADER) :])) == []


def test_type_json_with_broken_json_is_left_to_the_json_reader() -> None:
    html = '<py-config type="json">{"packages": [}</py-config><script type="py">1</script>'
    found = check(html)
    assert "PSC203" not in codes(found)
    assert "PSC002" in codes(found, "PSC0")


def test_type_case_fix_and_unknown_type_fix() -> None:
    html = (
        '<py-config type="JSON">{"packages": []}</py-config><script type="py">1</script>\n'
        '<mpy-config type="text/toml">packages = []</mpy-config><script type="mpy">1</script>'
    )
    text = LOADER + html
    found = [d for d in check(html) if d.code == "PSC204"]
    assert [shown(text, d) for d in found] == ["JSON", "text/toml"]
    assert '<py-config type="json">' in applied(text, found[0].fix)
    assert found[1].fix is not None and found[1].fix.safe
    assert "<mpy-config>packages" in applied(text, found[1].fix)


def test_blank_json_config() -> None:
    html = '<py-config type="json">  \n </py-config><script type="py">1</script>'
    found = check(html)
    assert codes(found, "PSC0") == []
    diagnostic = only(found, "PSC205")
    assert shown(LOADER + html, diagnostic) == 'type="json"'
    assert '<py-config type="json"></py-config>' in applied(LOADER + html, diagnostic.fix)


def test_editor_inline_toml_fix_writes_json_with_the_other_quote() -> None:
    html = (
        '<script type="py-editor" config="packages = [&quot;numpy&quot;]\ndebug = true">1</script>'
    )
    found = check(html)
    assert codes(found, "PSC0") == []
    diagnostic = only(found, "PSC206")
    fixed = applied(LOADER + html, diagnostic.fix)
    assert """config='{"packages": ["numpy"], "debug": true}'""" in fixed
    assert codes(check(fixed[len(LOADER) :])) == []


def test_editor_broken_json_is_left_to_the_json_reader() -> None:
    found = check("""<script type="py-editor" config='{"packages": ["numpy",]}'>1</script>""")
    assert codes(found) == []
    assert codes(found, "PSC0") == ["PSC002"]


def test_editor_whitespace_config() -> None:
    diagnostic = only(check('<script type="py-editor" config="  ">1</script>'), "PSC206")
    assert "a config of only spaces is not empty to py-editor" in diagnostic.message


def test_editor_url_with_query() -> None:
    diagnostic = only(check('<script type="py-editor" config="./e.toml?v=1">1</script>'), "PSC206")
    assert "(no ?query or #fragment may follow)" in diagnostic.message


def test_src_and_body_fix_deletes_the_body() -> None:
    html = '<py-config src="./p.toml">\n  x = 1\n</py-config><script type="py">1</script>'
    diagnostic = only(check(html, {"p.toml": "packages = []\n"}), "PSC207")
    assert shown(LOADER + html, diagnostic) == "x = 1"
    assert '<py-config src="./p.toml"></py-config>' in applied(LOADER + html, diagnostic.fix)


def test_worker_blank_config_only_when_there_is_something_to_inherit() -> None:
    html = '<script type="py" worker config=" ">1</script>'
    assert codes(check(html)) == []
    with_main = '<py-config>packages = ["numpy"]</py-config><script type="py">1</script>' + html
    diagnostic = only(check(with_main), "PSC208")
    assert 'config=""' in applied(LOADER + with_main, diagnostic.fix)


def test_too_many_configs_before_2023_12_1_are_silently_ignored() -> None:
    html = "<py-config></py-config>\n<py-config></py-config><script type='py'>1</script>"
    assert "(PY0409): Too many py-config" in only(check(html), "PSC210").message
    old = only(check(html, version="2023.11.1"), "PSC210")
    assert "PyScript 2023.11.1 silently uses only the first one" in old.message
    assert old.related[0].message == "first <py-config>"


def test_ambiguous_even_with_an_empty_config_attribute() -> None:
    html = '<py-config></py-config><script type="py" config="">1</script>'
    diagnostic = only(check(html), "PSC211")
    assert shown(LOADER + html, diagnostic) == 'config=""'


def test_different_configs_fix_only_for_the_same_file() -> None:
    html = (
        '<script type="py" config="a.toml">1</script>\n'
        '<script type="py" config="./a.toml">2</script>\n'
        '<script type="py" config="b.toml">3</script>'
    )
    files = {"a.toml": "packages = []\n", "b.toml": "packages = []\n"}
    found = [d for d in check(html, files) if d.code == "PSC212"]
    assert [shown(LOADER + html, d) for d in found] == ["./a.toml", "b.toml"]
    assert found[0].fix is not None and found[0].fix.safe
    assert '<script type="py" config="a.toml">2' in applied(LOADER + html, found[0].fix)
    assert found[1].fix is None


def test_editor_env_duplicate_identical_config_fix() -> None:
    html = (
        '<script type="py-editor" env="e" config=\'{"packages": []}\'>1</script>\n'
        '<script type="py-editor" env="e" config=\'{"packages": []}\'>2</script>'
    )
    diagnostic = only(check(html), "PSC213")
    assert "duplicated config for env: pyodide-e" in diagnostic.message
    fixed = applied(LOADER + html, diagnostic.fix)
    assert fixed.endswith('<script type="py-editor" env="e">2</script>')


def test_env_override_is_release_aware() -> None:
    html = (
        '<script type="py-editor" env="e" config=\'{}\'>1</script>\n'
        '<script type="py-editor" env="e" env-override config=\'{}\'>2</script>'
    )
    assert codes(check(html)) == []
    assert codes(check(html, version="2026.3.1")) == ["PSC213"]


def test_unused_config_reads_a_local_file_for_plugins() -> None:
    html = '<py-config src="./p.toml"></py-config><script type="py-editor">1</script>'
    assert codes(check(html, {"p.toml": 'plugins = ["!error"]\n'})) == []
    assert codes(check(html, {"p.toml": "packages = []\n"})) == ["PSC214"]


def test_tags_in_config_fix_escapes_only_tags() -> None:
    html = '<py-config>\nx = "<b>a</b> <!-- c --> d < e"\n</py-config><script type="py">1</script>'
    diagnostic = only(check(html), "PSC220")
    assert shown(LOADER + html, diagnostic) == "<b"
    fixed = applied(LOADER + html, diagnostic.fix)
    assert 'x = "&lt;b>a&lt;/b> <!-- c --> d < e"' in fixed


def test_entity_without_semicolon_fix() -> None:
    html = '<py-config>\nx = "a=1&not=2&amp;b&copy;"\n</py-config><script type="py">1</script>'
    diagnostic = only(check(html), "PSC222")
    assert shown(LOADER + html, diagnostic) == "&not"
    assert '"a=1&amp;not=2&amp;b&copy;"' in applied(LOADER + html, diagnostic.fix)


def test_attribute_quotes_broken_fix_swaps_quotes() -> None:
    html = '<script type="py" worker config="{"packages": ["numpy"]}" src="./w.py"></script>'
    found = check(html, {"w.py": "print(1)\n"})
    assert codes(found, "PSC0") == []
    diagnostic = only(found, "PSC221")
    assert shown(LOADER + html, diagnostic) == '{"packages": ["numpy"]}'
    assert diagnostic.fix is not None and diagnostic.fix.safe
    fixed = applied(LOADER + html, diagnostic.fix)
    assert """config='{"packages": ["numpy"]}' src="./w.py">""" in fixed


def test_attribute_quotes_broken_with_both_quotes_inside_encodes() -> None:
    html = """<script type="py" worker config='x = ['it'], y = "z"'></script>"""
    diagnostic = only(check(html), "PSC221")
    fixed = applied(LOADER + html, diagnostic.fix)
    assert """config='x = [&#39;it&#39;], y = "z"'""" in fixed


@pytest.mark.parametrize(
    ("text", "quote", "expected"),
    [
        ('{"a": [1, "}"]}" x', '"', 15),
        ("a = ['x y'] ' z", "'", 12),
        ('{"a": 1', '"', None),
    ],
)
def test_intended_end(text: str, quote: str, expected: int | None) -> None:
    assert _intended_end(text, 0, quote, len(text)) == expected
