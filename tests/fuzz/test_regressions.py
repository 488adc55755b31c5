"""Inputs the fuzzer found to break a property, each pinned with its exact outcome.

Each test names the property that failed and the saved input it was reduced from.
"""

from __future__ import annotations

from pyscript_config.check import check_text
from pyscript_config.fixes import apply_edits

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


def test_fetch_rewrite_in_a_crlf_file_keeps_crlf() -> None:
    # Found as "span: PSC104 ... fix edit: offset 128 splits a CRLF": tomlkit writes new
    # lines with LF, and the narrowed edit ended between the CR and LF of the file.
    text = 'name = "x"\r\n\r\n[[fetch]]\r\nfrom = "https://example.com/data.csv"\r\n'
    (fetch,) = [d for d in check_text("pyscript.toml", text, read=reader({})) if d.code == "PSC104"]
    assert fetch.fix is not None
    (edit,) = fetch.fix.edits
    assert (edit.span, edit.new_text) == ((15, 53), 'files]\r\n"https://example.com/data.csv" = "')
    fixed = apply_edits(text, fetch.fix.edits)
    assert fixed == 'name = "x"\r\n\r\n[files]\r\n"https://example.com/data.csv" = "data.csv"\r\n'
    check_properties("pyscript.toml", text)


def test_fetch_rewrite_from_the_fuzzer_input() -> None:
    # The saved input itself (seed 8, input 30480): a file mixing CRLF and LF lines keeps
    # tomlkit's LF lines, but the edit now replaces the whole CRLF, not its CR alone.
    text = (
        'plugins = [\n  {  },\n  ["py", { "./main.py" = 1.5, numpy = "x.toml", main = "numpy" },],\n]'
        '\r\n  \r\n\n[[fetch]]\r\n"from" = "/abs/path"\r\n'
    )
    (fetch,) = [d for d in check_text("worker.toml", text, read=reader({})) if d.code == "PSC104"]
    assert fetch.fix is not None
    (edit,) = fetch.fix.edits
    assert edit.span == (97, 129)
    assert apply_edits(text, fetch.fix.edits).endswith('\n\n[files]\n"/abs/path" = "path"\n')
    check_properties("worker.toml", text)


def test_removing_an_attribute_removes_its_later_duplicates() -> None:
    # Found as "fix: PSC245 ... still reported after its fix was applied" (seed 9, input
    # 178950): `name` twice on an mpy-editor; the browser ignores the second while the
    # first is there, so removing only the first brought the second to life.
    page = (
        '<script type="module" src="https://pyscript.net/releases/2025.2.1/core.js"></script>\n'
        '<script type="mpy-editor" name="a" async name="b">print(1)</script>\n'
    )
    found = check_text("page.html", page, read=reader({}))
    psc245 = [d for d in found if d.code == "PSC245" and '"name"' in d.message]
    assert [d.span for d in psc245] == [(111, 119)]
    fix = psc245[0].fix
    assert fix is not None and fix.safe
    fixed = apply_edits(page, list(fix.edits))
    assert fixed == page.replace(' name="a"', "").replace(' name="b"', "")
    check_properties("page.html", page)
