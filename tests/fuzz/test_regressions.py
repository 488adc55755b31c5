"""Inputs the fuzzer found to break a property, each pinned with its exact outcome.

Each test names the property that failed and the saved input it was reduced from.
"""

from __future__ import annotations

from pyscript_config.check import check_text

from .properties import check_properties, reader


def test_json_crlf_inside_a_string_is_one_range() -> None:
    # Found as "span: PSC002 ... offset 17 splits a CRLF": the range of an unescaped
    # line break in a JSON string covered the CR only, so its end fell between CR and LF.
    text = '{"packages": ["a\r\nb"]}'
    found = [
        (d.code, d.span, d.message) for d in check_text("pyscript.json", text, read=reader({}))
    ]
    assert found == [
        ("PSC002", (16, 18), "invalid JSON: line break (U+000D U+000A) must be escaped in a string")
    ]
    check_properties("pyscript.json", text)


def test_json_lone_control_character_keeps_its_message() -> None:
    text = '{"packages": ["a\rb"]}'
    found = [
        (d.code, d.span, d.message) for d in check_text("pyscript.json", text, read=reader({}))
    ]
    assert found == [
        ("PSC002", (16, 17), "invalid JSON: control character U+000D must be escaped in a string")
    ]
