"""Classic-era migration (PSC600 fixes, PSC601–PSC610) and its conversion helpers."""

from __future__ import annotations

import pytest
from page_helpers import LOADER, applied, check, codes, only, shown

from pyscript_config.check import check_text
from pyscript_config.files import FileKind
from pyscript_config.rules.legacy_convert import (
    classic_yaml_config,
    modern_interpreter,
    narrowest_edit,
    py_env_config,
    read_simple_yaml,
    rewrite_toml_key,
    write_toml,
)
from pyscript_config.rules.legacy_rules import looks_like_yaml

# --- the YAML reader -------------------------------------------------------------------


def test_simple_yaml_forms() -> None:
    text = """
packages:
- numpy
- "pandas"
flags: [a, 2, true]
splashscreen:
  autoclose: yes
runtimes:
  - src: https://x/pyodide.js  # a comment
    name: pyodide
"""
    assert read_simple_yaml(text) == {
        "packages": ["numpy", "pandas"],
        "flags": ["a", 2, True],
        "splashscreen": {"autoclose": True},
        "runtimes": [{"src": "https://x/pyodide.js", "name": "pyodide"}],
    }


@pytest.mark.parametrize(
    "text",
    [
        "a: {b: 1}",  # flow mapping
        "a: |\n  text",  # block scalar
        "a: 1\n   b: 2",  # stray indentation
        "a:",  # missing value
        "\ta: 1",  # tab indentation
        "",
    ],
)
def test_yaml_beyond_the_simple_subset_gives_none(text: str) -> None:
    assert read_simple_yaml(text) is None


def test_classic_list_of_one_key_maps_is_a_map() -> None:
    text = "- autoclose_loader: true\n- runtimes:\n  -\n    src: https://x/pyodide.js\n"
    assert classic_yaml_config(text) == {
        "autoclose_loader": True,
        "runtimes": [{"src": "https://x/pyodide.js"}],
    }


def test_py_env_config() -> None:
    text = "\n  - numpy\n  - matplotlib\n  - paths:\n    - ./utils.py\n    - data/a.csv\n"
    assert py_env_config(text) == {
        "packages": ["numpy", "matplotlib"],
        "files": {"./utils.py": "", "data/a.csv": ""},
    }
    assert py_env_config("- numpy\n- other: 1\n") is None


def test_write_toml() -> None:
    config = {
        "packages": ["numpy"],
        "autoclose_loader": True,
        "files": {"./a b.py": ""},
        "runtimes": [{"src": "https://x/p.js", "lang": "python"}],
    }
    assert write_toml(config) == (
        'packages = ["numpy"]\n'
        "autoclose_loader = true\n"
        "\n"
        "[files]\n"
        '"./a b.py" = ""\n'
        "\n"
        "[[runtimes]]\n"
        'src = "https://x/p.js"\n'
        'lang = "python"'
    )
    assert write_toml({"a": {"b": {"c": 1}}}) is None


@pytest.mark.parametrize(
    ("text", "yaml"),
    [
        ("packages:\n  - numpy\n", True),
        ("- numpy\n", True),
        ('packages = ["numpy"]\n', False),
        ('[app]\ntitle = "a: b"\n', False),
        ("# only: a comment\n", False),
    ],
)
def test_looks_like_yaml(text: str, yaml: bool) -> None:
    assert looks_like_yaml(text) is yaml


@pytest.mark.parametrize(
    ("src", "expected"),
    [
        (
            "https://cdn.jsdelivr.net/pyodide/v0.23.4/full/pyodide.js",
            "https://cdn.jsdelivr.net/pyodide/v0.23.4/full/pyodide.mjs",
        ),
        ("/static/pyodide/pyodide.js", "/static/pyodide/pyodide.mjs"),
        ("https://cdn.jsdelivr.net/pyodide/v0.21.2/full/pyodide.js", None),
        ("https://example.com/runtime.tar.bz2", None),
    ],
)
def test_modern_interpreter(src: str, expected: str | None) -> None:
    assert modern_interpreter(src) == expected


def test_narrowest_edit() -> None:
    assert narrowest_edit("abcXYZdef", "abc12def") == (3, 6, "12")
    assert narrowest_edit("same", "same") == (4, 4, "")


# --- PSC600 rewrites ------------------------------------------------------------------------


def test_rewrite_paths_keeps_formatting_and_joins_an_existing_files_table() -> None:
    text = (
        "# my app\n"
        'packages = [ "numpy" ]   # spaced\n'
        'paths = ["./utils.py", "./data.csv"]\n'
        "\n"
        "[files]\n"
        '"./other.py" = ""\n'
    )
    assert rewrite_toml_key(text, "paths") == (
        "# my app\n"
        'packages = [ "numpy" ]   # spaced\n'
        "\n"
        "[files]\n"
        '"./other.py" = ""\n'
        '"./utils.py" = ""\n'
        '"./data.csv" = ""\n'
    )


def test_rewrite_runtimes_to_interpreter() -> None:
    text = (
        'packages = ["numpy"]\n\n[[runtimes]]\n'
        'src = "https://cdn.jsdelivr.net/pyodide/v0.23.0/full/pyodide.js"\n'
        'name = "pyodide"\nlang = "python"\n'
    )
    new = rewrite_toml_key(text, "runtimes")
    assert new is not None
    assert new.startswith(
        'packages = ["numpy"]\n'
        'interpreter = "https://cdn.jsdelivr.net/pyodide/v0.23.0/full/pyodide.mjs"\n'
    )
    assert "runtimes" not in new


def test_rewrite_has_no_answer_for_uncertain_cases() -> None:
    assert rewrite_toml_key("paths = 5\n", "paths") is None
    assert rewrite_toml_key('[[runtimes]]\nsrc = "a.tar"\n', "runtimes") is None
    assert rewrite_toml_key("name = 'x'\n", "name") is None
    assert rewrite_toml_key("not toml [", "paths") is None


def _file_fix(path: str, text: str, code: str = "PSC600") -> str:
    kind = FileKind.JSON if path.endswith(".json") else FileKind.TOML
    found = [d for d in check_text(path, text, kind) if d.code == code]
    assert len(found) == 1, found
    return applied(text, found[0].fix)


def test_psc600_fix_on_a_toml_file_is_exactly_one_diagnostic_per_key() -> None:
    text = 'autoclose_loader = true\npackages = ["numpy"]\n'
    found = check_text("pyscript.toml", text, FileKind.TOML)
    assert [d.code for d in found] == ["PSC600"]
    assert found[0].fix is not None and found[0].fix.safe
    assert applied(text, found[0].fix) == 'packages = ["numpy"]\n'


def test_psc600_terminal_fix_is_not_safe() -> None:
    found = check_text("pyscript.toml", "terminal = true\n", FileKind.TOML)
    assert found[0].fix is not None and not found[0].fix.safe


def test_psc600_json_fixes() -> None:
    text = '{\n  "paths": ["./a.py"],\n  "packages": ["numpy"],\n  "xterm": true\n}\n'
    found = [d for d in check_text("pyscript.json", text, FileKind.JSON) if d.code == "PSC600"]
    paths, xterm = found
    assert applied(text, paths.fix) == (
        '{\n  "files": {"./a.py": ""},\n  "packages": ["numpy"],\n  "xterm": true\n}\n'
    )
    assert applied(text, xterm.fix) == '{\n  "paths": ["./a.py"],\n  "packages": ["numpy"]\n}\n'


def test_psc600_json_runtimes_fix() -> None:
    text = '{"runtimes": [{"src": "https://x/v0.24.1/full/pyodide.js", "name": "p"}]}'
    assert _file_fix("pyscript.json", text) == (
        '{"interpreter": "https://x/v0.24.1/full/pyodide.mjs"}'
    )


def test_psc600_fix_in_an_inline_py_config() -> None:
    html = '<py-config>\n  paths = ["./u.py"]\n</py-config><script type="py">1</script>'
    diagnostic = only(check(html), "PSC600")
    fixed = applied(LOADER + html, diagnostic.fix)
    assert '<py-config>\n[files]\n"./u.py" = ""\n</py-config>' in fixed
    assert codes(check(fixed[len(LOADER) :]), "PSC6") == []


def test_psc600_no_fix_inside_an_entity_encoded_attribute() -> None:
    html = '<script type="py" config="paths = [&quot;./u.py&quot;]">1</script>'
    assert only(check(html), "PSC600").fix is None


# --- page rules --------------------------------------------------------------------------


def test_py_env_fix_builds_a_py_config() -> None:
    html = "<body>\n  <py-env>\n    - numpy\n    - paths:\n      - ./u.py\n  </py-env>\n</body>"
    diagnostic = only(check(html), "PSC601")
    assert shown(LOADER + html, diagnostic) == "py-env"
    fixed = applied(LOADER + html, diagnostic.fix)
    assert fixed.endswith(
        "<body>\n  <py-config>\n"
        '    packages = ["numpy"]\n'
        "\n"
        "    [files]\n"
        '    "./u.py" = ""\n'
        "  </py-config>\n</body>"
    )


def test_py_env_no_fix_when_the_page_has_a_py_config() -> None:
    html = "<py-config></py-config><py-env>- numpy</py-env><script type='py'>1</script>"
    diagnostic = only(check(html), "PSC601")
    assert diagnostic.fix is None
    assert "the page's <py-config>" in diagnostic.message


def test_yaml_fix_converts_to_toml() -> None:
    html = (
        "<py-config>\n  packages:\n    - numpy\n  autoclose_loader: false\n</py-config>"
        '<script type="py">1</script>'
    )
    found = check(html)
    assert codes(found, "PSC0") == []
    diagnostic = only(found, "PSC602")
    fixed = applied(LOADER + html, diagnostic.fix)
    assert '<py-config>\n  packages = ["numpy"]\n  autoclose_loader = false\n</py-config>' in fixed
    assert codes(check(fixed[len(LOADER) :]), "PSC60") == ["PSC600"]


def test_yaml_before_2026_2_1_is_a_toml_error() -> None:
    html = "<py-config>\npackages:\n  - numpy\n</py-config><script type='py'>1</script>"
    assert (
        "fails with (PY1000) Invalid TOML"
        in only(check(html, version="2026.1.1"), "PSC602").message
    )


def test_py_script_output_fix() -> None:
    html = '<div id="o"></div><py-script output="o">print(1)</py-script>'
    diagnostic = only(check(html), "PSC604")
    fixed = applied(LOADER + html, diagnostic.fix)
    assert fixed.endswith('<script type="py" target="o">print(1)</script>')


def test_py_script_src_hint_fix() -> None:
    html = '<py-script src="./m.py"></py-script>'
    diagnostic = only(check(html), "PSC603")
    assert applied(LOADER + html, diagnostic.fix).endswith(
        '<script type="py" src="./m.py"></script>'
    )


def test_classic_event_fix() -> None:
    html = '<button pys-onClick="go()">x</button><script type="py">1</script>'
    diagnostic = only(check(html), "PSC605")
    assert '<button py-click="go">' in applied(LOADER + html, diagnostic.fix)


def test_py_repl_fix_keeps_the_id() -> None:
    html = '<py-repl id="r" auto-generate="true">print(1)</py-repl>'
    diagnostic = only(check(html), "PSC606")
    assert applied(LOADER + html, diagnostic.fix).endswith(
        '<script type="py-editor" id="r">print(1)</script>'
    )


def test_py_terminal_fix_moves_to_the_script() -> None:
    html = (
        '<body>\n  <py-terminal></py-terminal>\n  <script type="py" src="./m.py"></script>\n</body>'
    )
    diagnostic = only(check(html), "PSC607")
    fixed = applied(LOADER + html, diagnostic.fix)
    assert fixed.endswith('<body>\n  <script type="py" src="./m.py" terminal></script>\n</body>')


def test_classic_pinned_page_reports_only_psc609() -> None:
    loader = '<script defer src="https://pyscript.net/releases/2022.12.1/pyscript.js"></script>\n'
    html = "<py-repl></py-repl><py-title>t</py-title><button pys-onClick='go'>x</button>"
    assert codes(check(html, loader=loader), "PSC6") == ["PSC609"]


def test_yaml_is_classic_only_before_2022_09_1() -> None:
    html = "<py-config>\npackages:\n  - numpy\n</py-config><py-script>1</py-script>"
    early = '<script defer src="https://pyscript.net/releases/2022.06.1/pyscript.js"></script>\n'
    later = early.replace("2022.06.1", "2022.12.1")
    assert "PSC602" not in codes(check(html, loader=early), "PSC6")
    assert "PSC602" in codes(check(html, loader=later), "PSC6")
