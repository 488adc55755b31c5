"""The basic-toml and V8 JSON.parse emulations against the real thing.

The expected outcomes below were recorded once in Node 20.20.2 (V8 11.3), not computed:

    mkdir -p /tmp/np && cd /tmp/np && npm pack polyscript@0.20.16 basic-toml@0.3.1
    # untar both; then for each input, in an ES module with TZ=UTC:
    #   import { parse as bt04 } from './polyscript-0.20.16/package/esm/3rd-party/toml.js'
    #   import { parse as bt03 } from './basic-toml-0.3.1/package/esm/index.js'
    #   try { ['ok', JSON.stringify(bt04(s))] } catch (e) { ['err', e.message] }
    # and likewise ['ok', JSON.stringify(JSON.parse(s))] / ['err', e.message] for JSON_PARSE.

basic-toml 0.4.x is the copy vendored by polyscript (PyScript 2026.2.1 and later), 0.3.1
the npm release used before. Local date-times were recorded in UTC, which is how
`JsDate.iso` shows them.
"""

from __future__ import annotations

import json

import pytest

from pyscript_config.dialects.basic_toml import (
    ASSIGN,
    HEADER,
    IGNORED,
    V03,
    V04,
    BasicTomlError,
    analyse,
    parse,
)
from pyscript_config.dialects.jsdate import INVALID, LOCAL, UNKNOWN, UTC, js_date
from pyscript_config.dialects.jsjson import (
    JsonSyntaxError,
    js_number_to_string,
    json_parse,
    json_stringify,
    to_utf16,
)
from pyscript_config.dialects.tracked import Tracked
from pyscript_config.text import Span

# (input, "ok" | "err", JSON.stringify(result) | error message), recorded in Node.
JSON_PARSE = [
    ("", "err", "Unexpected end of JSON input"),
    ("[1", "err", "Expected ',' or ']' after array element in JSON at position 2"),
    ("[1,", "err", "Unexpected end of JSON input"),
    ("{", "err", "Expected property name or '}' in JSON at position 1"),
    ('{"a"', "err", "Expected ':' after property name in JSON at position 4"),
    ('{"a":1', "err", "Expected ',' or '}' after property value in JSON at position 6"),
    ("1_000", "err", "Unexpected non-whitespace character after JSON at position 1"),
    ("+1", "err", "Unexpected token '+', \"+1\" is not valid JSON"),
    ("0x1F", "err", "Unexpected non-whitespace character after JSON at position 1"),
    ("inf", "err", "Unexpected token 'i', \"inf\" is not valid JSON"),
    ("nan", "err", "Unexpected token 'a', \"nan\" is not valid JSON"),
    ("NaN", "err", '"NaN" is not valid JSON'),
    ("Infinity", "err", '"Infinity" is not valid JSON'),
    ("undefined", "err", '"undefined" is not valid JSON'),
    ("[object Object]", "err", '"[object Object]" is not valid JSON'),
    ("01", "err", "Unexpected number in JSON at position 1"),
    ("1.", "err", "Unterminated fractional number in JSON at position 2"),
    ("1e", "err", "Exponent part is missing a number in JSON at position 2"),
    ("-", "err", "No number after minus sign in JSON at position 1"),
    ('"abc', "err", "Unterminated string in JSON at position 4"),
    ("True", "err", "Unexpected token 'T', \"True\" is not valid JSON"),
    ("[1 2]", "err", "Expected ',' or ']' after array element in JSON at position 3"),
    ('"\\x"', "err", "Bad escaped character in JSON at position 2"),
    ('"\\u12"', "err", "Bad Unicode escape in JSON at position 5"),
    ('"a\tb"', "err", "Bad control character in string literal in JSON at position 2"),
    ('{ ""s1"": 1 }', "err", "Expected ':' after property name in JSON at position 4"),
    ('"{a":1}', "err", "Unexpected non-whitespace character after JSON at position 4"),
    (
        "[1,2,3,4,5,6,7,8,9,10,11,12,x]",
        "err",
        "Unexpected token 'x', ...\",10,11,12,x]\" is not valid JSON",
    ),
    ("abcdefghijklmnopqrstu", "err", "Unexpected token 'a', \"abcdefghij\"... is not valid JSON"),
    (
        "abcdefghijklmnopqrst",
        "err",
        "Unexpected token 'a', \"abcdefghijklmnopqrst\" is not valid JSON",
    ),
    (
        "[1, 2, 3, 4, 5, 6, 7, x, 8, 9, 10, 11, 12, 13]",
        "err",
        "Unexpected token 'x', ...\" 5, 6, 7, x, 8, 9, 1\"... is not valid JSON",
    ),
    ('"\\u00e9\\n"', "ok", '"é\\n"'),
    ("[1,]", "err", "Unexpected token ']', \"[1,]\" is not valid JSON"),
    ('{"a":1,}', "err", "Expected double-quoted property name in JSON at position 7"),
    ("nu1", "err", "Unexpected number in JSON at position 2"),
    ("tr ue", "err", "Unexpected token ' ', \"tr ue\" is not valid JSON"),
    ('t"x', "err", "Unexpected string in JSON at position 1"),
    ("fals", "err", "Unexpected end of JSON input"),
    ('"\\\\', "err", "Unterminated string in JSON at position 3"),
    ('"\\Ā"', "err", 'Unexpected token \'Ā\', ""\\Ā"" is not valid JSON'),
    ("\xa0 1", "err", "Unexpected token '\xa0', \"\xa0 1\" is not valid JSON"),
    ('["😀", x]', "err", 'Unexpected token \'x\', "["😀", x]" is not valid JSON'),
    ('[ "s0",  ]', "err", 'Unexpected token \']\', "[ "s0",  ]" is not valid JSON'),
    ('{"a": [1, {"b": null}], "c": -0.5e3}', "ok", '{"a":[1,{"b":null}],"c":-500}'),
]

# (input, basic-toml 0.4 outcome, basic-toml 0.3.1 outcome), recorded in Node.
BASIC_TOML = [
    (
        'packages = ["numpy", "pandas"]',
        ("ok", '{"packages":["numpy","pandas"]}'),
        ("ok", '{"packages":["numpy","pandas"]}'),
    ),
    (
        'packages = [\n  "numpy",\n  # "pandas",\n  "scipy",\n]',
        ("err", "Unexpected end of JSON input"),
        ("err", "Unexpected end of JSON input"),
    ),
    (
        'packages = [\n  "numpy", # main\n  "scipy"\n]',
        ("err", "Unexpected end of JSON input"),
        ("err", "Unexpected end of JSON input"),
    ),
    (
        'packages = [\n "Pillow",\n "beartype",\n]',
        ("ok", '{"packages":["Pillow","beartype"]}'),
        ("err", 'Unexpected token \']\', "[ "s0",  "s1", ]" is not valid JSON'),
    ),
    (
        'packages = ["a", "b",]',
        ("ok", '{"packages":["a","b"]}'),
        ("err", 'Unexpected token \']\', "["s0", "s1",]" is not valid JSON'),
    ),
    (
        '[js_modules]\nmain = { "https://cdn.x/a.js" = "a" }',
        ("err", "Expected ':' after property name in JSON at position 4"),
        ("err", "Expected ':' after property name in JSON at position 4"),
    ),
    (
        '[js_modules.main]\n"https://cdn.x/a.js" = "a"',
        ("ok", '{"js_modules":{"main":{"https://cdn.x/a.js":"a"}}}'),
        ("ok", '{"js_modules":{"main":{"https://cdn.x/a.js":"a"}}}'),
    ),
    (
        'js_modules.main."https://cdn.x/a.js" = "a"',
        ("ok", '{"js_modules.main.https://cdn.x/a.js":"a"}'),
        ("ok", '{"js_modules.main.https://cdn.x/a.js":"a"}'),
    ),
    ('packages: ["numpy"]', ("ok", "{}"), ("ok", "{}")),
    (
        "debug = True",
        ("err", "Unexpected token 'T', \"True\" is not valid JSON"),
        ("err", "Unexpected token 'T', \"True\" is not valid JSON"),
    ),
    ("x = { a = 1 }", ("ok", '{"x":{"a":1}}'), ("ok", '{"x":{"a":1}}')),
    (
        "x = {a=1}",
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
    ),
    (
        "x = { a = 1,b = 2 }",
        ("err", "Expected ',' or '}' after property value in JSON at position 12"),
        ("err", "Expected ',' or '}' after property value in JSON at position 12"),
    ),
    ("x = { a = { b = 1 } }", ("ok", '{"x":{"a":{"b":1}}}'), ("ok", '{"x":{"a":{"b":1}}}')),
    (
        "x = 1_000",
        ("err", "Unexpected non-whitespace character after JSON at position 1"),
        ("err", "Unexpected non-whitespace character after JSON at position 1"),
    ),
    (
        "x = +1",
        ("err", "Unexpected token '+', \"+1\" is not valid JSON"),
        ("err", "Unexpected token '+', \"+1\" is not valid JSON"),
    ),
    (
        "x = 0xFF",
        ("err", "Unexpected non-whitespace character after JSON at position 1"),
        ("err", "Unexpected non-whitespace character after JSON at position 1"),
    ),
    (
        "x = inf",
        ("err", "Unexpected token 'i', \"inf\" is not valid JSON"),
        ("err", "Unexpected token 'i', \"inf\" is not valid JSON"),
    ),
    (
        "x = nan",
        ("err", "Unexpected token 'a', \"nan\" is not valid JSON"),
        ("err", "Unexpected token 'a', \"nan\" is not valid JSON"),
    ),
    ("x = NaN", ("err", '"NaN" is not valid JSON'), ("err", '"NaN" is not valid JSON')),
    ("x = -0", ("ok", '{"x":0}'), ("ok", '{"x":0}')),
    ("x = 1e5", ("ok", '{"x":100000}'), ("ok", '{"x":100000}')),
    ("x = 1.5", ("ok", '{"x":1.5}'), ("ok", '{"x":1.5}')),
    ("x = 9007199254740993", ("ok", '{"x":9007199254740992}'), ("ok", '{"x":9007199254740992}')),
    ('x = "a\\nb"', ("ok", '{"x":"a\\\\nb"}'), ("ok", '{"x":"a\\\\nb"}')),
    ('x = "C:\\\\new"', ("ok", '{"x":"C:\\\\\\\\new"}'), ("ok", '{"x":"C:\\\\\\\\new"}')),
    ("x = 'C:\\new'", ("ok", '{"x":"C:\\\\new"}'), ("ok", '{"x":"C:\\\\new"}')),
    (
        "x = 'C:\\'",
        ("err", "Unexpected token ''', \"'C:\\'\" is not valid JSON"),
        ("err", "Unexpected token ''', \"'C:\\'\" is not valid JSON"),
    ),
    (
        'x = "say \\"hi\\""',
        ("ok", '{"x":"say \\\\\\"hi\\\\\\""}'),
        ("ok", '{"x":"say \\\\\\"hi\\\\\\""}'),
    ),
    (
        'x = """abc"""',
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
    ),
    (
        "x = '''abc'''",
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
    ),
    (
        'x = """\nabc\n"""',
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
    ),
    (
        "d = 1979-05-27T07:32:00Z",
        ("ok", '{"d":"1979-05-27T07:32:00.000Z"}'),
        ("ok", '{"d":"1979-05-27T07:32:00.000Z"}'),
    ),
    (
        "d = 1979-05-27",
        ("ok", '{"d":"1979-05-27T00:00:00.000Z"}'),
        ("ok", '{"d":"1979-05-27T00:00:00.000Z"}'),
    ),
    (
        "d = 1979-05-27T07:32:00",
        ("ok", '{"d":"1979-05-27T07:32:00.000Z"}'),
        ("ok", '{"d":"1979-05-27T07:32:00.000Z"}'),
    ),
    (
        "d = 1979-05-27 07:32:00",
        ("ok", '{"d":"1979-05-27T07:32:00.000Z"}'),
        ("ok", '{"d":"1979-05-27T07:32:00.000Z"}'),
    ),
    (
        "d = 1979-05-27T07:32:00-07:00",
        ("ok", '{"d":"1979-05-27T14:32:00.000Z"}'),
        ("ok", '{"d":"1979-05-27T14:32:00.000Z"}'),
    ),
    (
        "d = 1979-05-27T07:32:00.999Z",
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
    ),
    (
        "d = 1979-05-27T00:32:00+07:00",
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
    ),
    ("t = 07:32:00", ("ok", '{"t":null}'), ("ok", '{"t":null}')),
    (
        "d = 1979-05-27t07:32:00z",
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
        ("err", "Unexpected non-whitespace character after JSON at position 4"),
    ),
    ('[something]\n"" = ""', ("ok", '{"something":{"":""}}'), ("ok", '{"something":{"":""}}')),
    ("a = 1\na = 2", ("ok", '{"a":2}'), ("ok", '{"a":2}')),
    ("[a]\nx = 1\n[a]\ny = 2", ("ok", '{"a":{"x":1,"y":2}}'), ("ok", '{"a":{"x":1,"y":2}}')),
    ("[a]\nx = 1\n[a]\nx = 2", ("ok", '{"a":{"x":2}}'), ("ok", '{"a":{"x":2}}')),
    ("['files']\na = 1", ("ok", '{"files":{"a":1}}'), ("ok", '{"files":{"a":1}}')),
    (
        '[files."a.b"]\nx = 1',
        ("ok", '{"files":{"a.b":{"x":1}}}'),
        ("ok", '{"files":{"a.b":{"x":1}}}'),
    ),
    (
        'x = "abc',
        ("err", "Unterminated string in JSON at position 4"),
        ("err", "Unterminated string in JSON at position 4"),
    ),
    ("a.b = 1", ("ok", '{"a.b":1}'), ("ok", '{"a.b":1}')),
    ("a . b = 1", ("ok", "{}"), ("ok", "{}")),
    ("[ a . b ]\nx = 1", ("ok", '{"a ":{" b":{"x":1}}}'), ("ok", '{"a ":{" b":{"x":1}}}')),
    ("[ a ]\nx = 1", ("ok", '{"a":{"x":1}}'), ("ok", '{"a":{"x":1}}')),
    ('x = [1, "a"]', ("ok", '{"x":[1,"a"]}'), ("ok", '{"x":[1,"a"]}')),
    (
        '[[fetch]]\nfrom = "a"\n[[fetch]]\nfrom = "b"',
        ("ok", '{"fetch":[{"from":"a"},{"from":"b"}]}'),
        ("ok", '{"fetch":[{"from":"a"},{"from":"b"}]}'),
    ),
    (
        "[[a]]\nx = 1\n[a.b]\ny = 2",
        ("ok", '{"a":[{"x":1,"b":{"y":2}}]}'),
        ("ok", '{"a":[{"x":1,"b":{"y":2}}]}'),
    ),
    ("[a] x = 1", ("ok", '{"a":{}}'), ("ok", '{"a":{}}')),
    ("stray words\nx = 1", ("ok", '{"x":1}'), ("ok", '{"x":1}')),
    (
        "x = [1\n, 2]",
        ("err", "Expected ',' or ']' after array element in JSON at position 2"),
        ("err", "Expected ',' or ']' after array element in JSON at position 2"),
    ),
    ("x = 1 # comment", ("ok", '{"x":1}'), ("ok", '{"x":1}')),
    ('x = "#" # comment', ("ok", '{"x":"#"}'), ("ok", '{"x":"#"}')),
    ("# only a comment", ("ok", "{}"), ("ok", "{}")),
    ("", ("ok", "{}"), ("ok", "{}")),
    ("key =", ("ok", "{}"), ("ok", "{}")),
    (
        "key = # nothing",
        ("err", "Unexpected end of JSON input"),
        ("err", "Unexpected end of JSON input"),
    ),
    (
        "a = 1\n[a]\nx = 1",
        ("err", "Cannot create property 'x' on number '1'"),
        ("err", "Cannot create property 'x' on number '1'"),
    ),
    (
        'a = "str"\n[a]\nx = 1',
        ("err", "Cannot create property 'x' on string 'str'"),
        ("err", "Cannot create property 'x' on string 'str'"),
    ),
    ("a = [1]\n[a]\nx = 1", ("ok", '{"a":[1,{"x":1}]}'), ("ok", '{"a":[1,{"x":1}]}')),
    ('{"packages":["numpy"]}', ("ok", "{}"), ("ok", "{}")),
    ("x = [\r\n  1,\r\n  2\r\n]", ("ok", '{"x":[1,2]}'), ("ok", '{"x":[1,2]}')),
    ("\xa0x = 1", ("ok", '{"x":1}'), ("ok", '{"x":1}')),
    ("x = [[1, 2], [3]]", ("ok", '{"x":[[1,2],[3]]}'), ("ok", '{"x":[[1,2],[3]]}')),
    (
        "x = [{ a = 1 }, { b = 2 }]",
        ("ok", '{"x":[{"a":1},{"b":2}]}'),
        ("ok", '{"x":[{"a":1},{"b":2}]}'),
    ),
    ("x = []", ("ok", '{"x":[]}'), ("ok", '{"x":[]}')),
    ("x = {}", ("ok", '{"x":{}}'), ("ok", '{"x":{}}')),
]


def _outcome(text: str, version: str) -> tuple[str, str]:
    try:
        return "ok", json_stringify(parse(text, version))
    except BasicTomlError as error:
        return "err", error.message


@pytest.mark.parametrize(("text", "kind", "expected"), JSON_PARSE)
def test_json_parse_matches_v8(text: str, kind: str, expected: str) -> None:
    if kind == "ok":
        assert json_stringify(json_parse(text)) == expected
    else:
        with pytest.raises(JsonSyntaxError) as caught:
            json_parse(text)
        assert caught.value.message == expected


@pytest.mark.parametrize(("text", "v04", "v03"), BASIC_TOML)
def test_basic_toml_matches_the_library(
    text: str, v04: tuple[str, str], v03: tuple[str, str]
) -> None:
    for version, recorded in ((V04, v04), (V03, v03)):
        ours = _outcome(text, version)
        if recorded[0] == "ok" and ours[0] == "ok":
            assert json.loads(ours[1]) == json.loads(recorded[1]), version
        else:
            assert ours == recorded, version


def test_json_error_positions_count_code_points_for_mapping() -> None:
    # V8 counts UTF-16 units (the emoji is two), the mapping position is a code point.
    with pytest.raises(JsonSyntaxError) as caught:
        json_parse('["\U0001f600", x]' + " " * 20)
    # Recorded in Node: the snippet is the first 7 + 10 units.
    assert caught.value.message == (
        'Unexpected token \'x\', "["\U0001f600", x]        "... is not valid JSON'
    )
    assert caught.value.position == 6
    units, where = to_utf16("a\U0001f600b")
    assert len(units) == 4
    assert where == [0, 1, 1, 2, 3]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0.0, "0"),
        (1.0, "1"),
        (1.5, "1.5"),
        (100000.0, "100000"),
        (1e21, "1e+21"),
        (1.5e-7, "1.5e-7"),
        (0.000015, "0.000015"),
        (123456789012345680000.0, "123456789012345680000"),
        (-2.5, "-2.5"),
        (float("inf"), "Infinity"),
        (float("nan"), "NaN"),
    ],
)
def test_js_number_to_string(value: float, expected: str) -> None:
    assert js_number_to_string(value) == expected


def test_json_stringify_escapes_like_javascript() -> None:
    assert json_stringify({"a": ['x"y', "\n", 1.0, None, True]}) == (
        '{"a":["x\\"y","\\n",1,null,true]}'
    )
    assert json_stringify([float("nan")]) == "[null]"


@pytest.mark.parametrize(
    ("text", "kind", "iso"),
    [
        ("1979-05-27", UTC, "1979-05-27T00:00:00.000Z"),
        ("1979-05-27T07:32:00Z", UTC, "1979-05-27T07:32:00.000Z"),
        ("1979-05-27 07:32:00Z", UTC, "1979-05-27T07:32:00.000Z"),
        ("1979-05-27T07:32:00-07:00", UTC, "1979-05-27T14:32:00.000Z"),
        ("1979-05-27T07:32:00", LOCAL, "1979-05-27T07:32:00.000Z"),
        ("1979-05-27 07:32:00", LOCAL, "1979-05-27T07:32:00.000Z"),
        ("07:32:00", INVALID, None),
        ("1979-05-27T25:00:00Z", INVALID, None),
        ("123-45-67", UNKNOWN, None),
    ],
)
def test_dates_as_v8_reads_them(text: str, kind: str, iso: str | None) -> None:
    date = js_date(text)
    assert date.kind == kind
    assert date.iso() == iso


def test_tracked_text_maps_replacements_to_their_source() -> None:
    import re

    source = 'a = "xyz" # c'
    tracked = Tracked.of(source).sub(re.compile(r'"[^"]*"'), lambda m: [('"s0"', None)])
    assert tracked.text == 'a = "s0" # c'
    assert tracked.origin(4, 8) == Span(4, 9)  # the mask stands for the whole string
    assert tracked.origin(9) == Span(10, 11)  # text after it keeps its own offsets
    assert tracked.origin(len(tracked.text)) == Span(13, 13)


def test_analysis_points_at_the_failing_text() -> None:
    text = 'packages = [\n  "numpy",\n  # "pandas",\n  "scipy",\n]\n'
    result = analyse(text)
    failure = result.error
    assert failure is not None
    assert failure.message == "Unexpected end of JSON input"
    assert failure.span == Span(0, text.index("]") + 1)  # the joined array is one line
    # "Unexpected end": just after the last character JSON.parse saw, the comma.
    comma = text.index('"numpy",') + len('"numpy"')
    assert failure.at == Span(comma + 1, comma + 1)
    text = "x = {a=1}"
    failure = analyse(text).error
    assert failure is not None
    assert failure.at == Span(4, 7)  # `{a=` became `"{a":`; V8 stopped at its colon


def test_analysis_reports_what_each_line_does() -> None:
    text = 'a.b = 1\npackages: ["x"]\n[t]\nk = 1\n[t]\nk = 2\n[u] z = 3\n'
    lines = analyse(text).lines
    kinds = [line.kind for line in lines]
    assert kinds == [ASSIGN, IGNORED, HEADER, ASSIGN, HEADER, ASSIGN, HEADER]
    flat = lines[0]
    assert (flat.key, flat.masked_key, flat.key_span) == ("a.b", "a.b", Span(0, 3))
    assert lines[1].span == Span(8, 23)
    first_k, again = lines[3], lines[5]
    assert again.replaced == first_k.key_span
    assert lines[4].merged == lines[2].span
    assert lines[4].header == Span(text.index("[t]", 30), text.index("[t]", 30) + 3)
    tail = text.index("z = 3")
    assert lines[6].rest == Span(tail, tail + 5)
    assert analyse(text).value == {"a.b": 1, "t": {"k": 2}, "u": {}}


def test_strict_mode_type_errors_on_primitives() -> None:
    assert analyse("a = 1\n[a]\nx = 1").error is not None
    with pytest.raises(BasicTomlError) as caught:
        parse("a = true\n[a.b]")
    assert caught.value.message == "Cannot create property 'b' on boolean 'true'"
