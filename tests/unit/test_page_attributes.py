"""Script elements and attributes (PSC230–PSC246): exact spans, messages and fixes."""

from __future__ import annotations

import pytest
from page_helpers import LOADER, applied, check, codes, only, shown

from pyscript_config.rules.attribute_rules import comments_only


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", True),
        ("  # a comment\n  // another\n", True),
        ("/* block\n comment */\n", True),
        ("print(1)", False),
        ("# c\nx = 1", False),
        ("x = 1  # trailing comment", False),
    ],
)
def test_comments_only(text: str, expected: bool) -> None:
    assert comments_only(text) is expected


def test_worker_value_fix_moves_the_file_to_src() -> None:
    html = '<script type="py" worker="./w.py"></script>'
    diagnostic = only(check(html), "PSC230")
    assert shown(LOADER + html, diagnostic) == 'worker="./w.py"'
    fixed = applied(LOADER + html, diagnostic.fix)
    assert fixed.endswith('<script type="py" worker src="./w.py"></script>')
    assert codes(check(fixed[len(LOADER) :])) == []


def test_worker_value_with_src_fix_keeps_src() -> None:
    html = '<script type="mpy" worker="true" src="./w.py"></script>'
    diagnostic = only(check(html), "PSC230")
    assert applied(LOADER + html, diagnostic.fix).endswith(
        '<script type="mpy" worker src="./w.py"></script>'
    )


def test_worker_empty_src_fix_removes_it() -> None:
    html = '<script type="py" worker src="">print(1)</script>'
    diagnostic = only(check(html), "PSC231")
    assert applied(LOADER + html, diagnostic.fix).endswith(
        '<script type="py" worker>print(1)</script>'
    )


def test_src_and_inline_code_on_py_script_element() -> None:
    html = '<py-script src="./m.py">\n  print(1)\n</py-script>'
    diagnostic = only(check(html), "PSC233")
    assert shown(LOADER + html, diagnostic) == "print(1)"


def test_worker_inline_code_fix_deletes_it() -> None:
    html = '<script type="py" worker src="./w.py">\nprint(1)\n</script>'
    diagnostic = only(check(html), "PSC234")
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert applied(LOADER + html, diagnostic.fix).endswith(
        '<script type="py" worker src="./w.py"></script>'
    )


def test_terminals_count_py_script_elements_too() -> None:
    html = '<py-script terminal>1</py-script><script type="mpy" terminal>2</script>'
    diagnostic = only(check(html), "PSC235")
    assert shown(LOADER + html, diagnostic) == "terminal"
    assert diagnostic.related[0].message == "first main-thread terminal"


def test_target_suggestion_fix_keeps_the_hash() -> None:
    html = '<div id="output"></div><script type="py" target="#outptu">1</script>'
    diagnostic = only(check(html), "PSC236")
    assert 'did you mean "output"?' in diagnostic.message
    assert 'target="#output"' in applied(LOADER + html, diagnostic.fix)


@pytest.mark.parametrize(
    "html",
    [
        '<template><div id="out"></div></template><script type="py" target="out">1</script>',
        '<script type="py" target="{{ target }}">1</script>',
        '<script type="py" target="py-0">1</script>',
        '<script type="py" worker target="out">1</script>',
        '<py-script target="out">1</py-script>',
        '<script type="py">from pyscript import document\n'
        'document.body.append(document.createElement("div"))\n</script>'
        '<script>document.querySelector("div").id = "out"</script>'
        '<script type="py" target="out">1</script>',
    ],
)
def test_target_not_reported(html: str) -> None:
    assert "PSC236" not in codes(check(html))


def test_editor_target_is_unknown_target() -> None:
    diagnostic = only(check('<script type="py-editor" target="ed">1</script>'), "PSC236")
    assert "PyScript fails with Unknown target ed" in diagnostic.message


def test_ignored_env_fix_is_safe() -> None:
    html = '<script type="py" env="x">1</script>'
    diagnostic = only(check(html), "PSC237")
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert applied(LOADER + html, diagnostic.fix).endswith('<script type="py">1</script>')


def test_handler_call_fix_and_on_prefix_fix() -> None:
    html = '<button py-onClick="go()">Go</button><script type="py">1</script>'
    text = LOADER + html
    found = check(html)
    call, prefix = only(found, "PSC238"), only(found, "PSC239")
    assert applied(text, call.fix).count('py-onClick="go"') == 1
    assert 'py-click="go()"' in applied(text, prefix.fix)


def test_handler_code_has_no_fix() -> None:
    diagnostic = only(check('<button py-click="print(1)">Go</button>'), "PSC238")
    assert diagnostic.fix is None
    assert diagnostic.message.startswith("py-click is code, but it must be the name of a function")


def test_env_of_a_raw_script_is_known() -> None:
    html = '<script type="pyodide" env="lab">1</script><button py-click="f" py-env="lab">x</button>'
    assert "PSC240" not in codes(check(html))
    wrong = only(check(html.replace('py-env="lab"', 'py-env="lba"')), "PSC240")
    assert 'did you mean "lab"?' in wrong.message


def test_elements_made_from_py_script_text_are_not_checked() -> None:
    html = "<py-script>\nif a<b: print(1)\n</py-script>"
    assert codes(check(html)) == ["PSC242"]


def test_unknown_type_fixes() -> None:
    html = (
        '<script type="text/micropython">1</script>\n'
        '<script type="py-terminal">2</script>\n'
        '<script type="py-repl">3</script>\n'
        '<script type="mpy-config">{}</script>'
    )
    text = LOADER + html
    found = [d for d in check(html) if d.code == "PSC241"]
    assert [shown(text, d) for d in found] == [
        "text/micropython",
        "py-terminal",
        "py-repl",
        "mpy-config",
    ]
    assert '<script type="mpy">1' in applied(text, found[0].fix)
    assert '<script type="py" terminal>2' in applied(text, found[1].fix)
    assert '<script type="py-editor">3' in applied(text, found[2].fix)
    assert found[3].fix is None


def test_py_script_child_elements_fix_converts_to_script() -> None:
    html = "<py-script>\nif 1<b:\n    pass\n</py-script>"
    diagnostic = only(check(html), "PSC242")
    fixed = applied(LOADER + html, diagnostic.fix)
    assert fixed.endswith('<script type="py">\nif 1<b:\n    pass\n</script>')
    assert codes(check(fixed[len(LOADER) :])) == []


def test_py_script_with_entities_gets_no_conversion() -> None:
    html = "<py-script>\nx = '&amp;'\nif 1<b:\n    pass\n</py-script>"
    assert only(check(html), "PSC242").fix is None


def test_py_game_canvas_fix_inserts_a_canvas() -> None:
    html = '<body>\n  <script type="py-game">1</script>\n</body>'
    diagnostic = only(check(html), "PSC243")
    assert shown(LOADER + html, diagnostic) == 'type="py-game"'
    fixed = applied(LOADER + html, diagnostic.fix)
    assert '\n  <canvas id="canvas"></canvas>\n  <script type="py-game">' in fixed
    assert codes(check(fixed[len(LOADER) :])) == []


@pytest.mark.parametrize(
    ("value", "reported"),
    [("off", True), ("false ", True), ("NO", False), ("0", False), ("true", False), ("", False)],
)
def test_async_values(value: str, reported: bool) -> None:
    html = f'<script type="py" async="{value}">1</script>'
    found = codes(check(html))
    assert ("PSC244" in found) is reported
    if reported:
        assert 'async="false"' in applied(LOADER + html, only(check(html), "PSC244").fix)


def test_async_before_2024_8_2() -> None:
    html = '<script type="py" async="no">1</script>'
    diagnostic = only(check(html, version="2024.7.1"), "PSC244")
    assert "before 2024.8.2 any async attribute turns async on" in diagnostic.message
    assert applied(LOADER + html, diagnostic.fix).endswith('<script type="py">1</script>')


def test_editor_ignored_attributes() -> None:
    html = '<script type="mpy-editor" name="x" async>1</script>'
    found = [d for d in check(html) if d.code == "PSC245"]
    assert [shown(LOADER + html, d) for d in found] == ['name="x"', "async"]


def test_event_typo_fix() -> None:
    html = '<input py-chnage="f"><script type="py">1</script>'
    diagnostic = only(check(html), "PSC246")
    assert '<input py-change="f">' in applied(LOADER + html, diagnostic.fix)


def test_custom_events_that_extend_a_known_name_are_not_typos() -> None:
    html = '<div py-clicked="f" py-changed="g" py-inpu="h"></div><script type="py">1</script>'
    diagnostic = only(check(html), "PSC246")
    assert (
        diagnostic.message
        == 'py-inpu listens for an "inpu" event: did you mean "input" (py-input)?'
    )
