"""The position-aware JSON reader: spans, values, messages, recovery and limits."""

from __future__ import annotations

import json
import math
import time

from hypothesis import given, settings
from hypothesis import strategies as st

from pyscript_config.reading.json_reader import parse_json
from pyscript_config.text import Span
from pyscript_config.tree import Array, Entry, Kind, Node, ParseResult, Scalar, Table, to_python

CONFIG = """{
  "packages": ["numpy", "pandas>=2.0"],
  "files": {
    "{DOMAIN}": "https://example.com/data",
    "{DOMAIN}/penguins.csv": "./penguins.csv"
  },
  "js_modules": {
    "main": {
      "https://esm.run/leaflet": "leaflet"
    }
  },
  "experimental_create_proxy": "auto",
  "debug": true,
  "interpreter": null,
  "version": 1.5
}
"""


def at(text: str, needle: str) -> Span:
    """The span of the only occurrence of `needle` in `text`."""
    start = text.index(needle)
    assert text.find(needle, start + 1) == -1, f"{needle!r} is not unique"
    return Span(start, start + len(needle))


def table(node: Node | None) -> Table:
    assert isinstance(node, Table)
    return node


def entry(node: Node | None, key: str) -> Entry:
    found = table(node).get(key)
    assert found is not None, key
    return found


def problems(result: ParseResult) -> list[tuple[str, int, int]]:
    return [(p.message, p.span.start, p.span.end) for p in result.problems]


# -- a realistic config -----------------------------------------------------------


def test_realistic_config_values() -> None:
    result = parse_json(CONFIG)
    assert result.problems == []
    assert to_python(table(result.root)) == json.loads(CONFIG)


def test_realistic_config_spans() -> None:
    result = parse_json(CONFIG)
    root = table(result.root)
    assert root.span == Span(0, len(CONFIG) - 1)  # braces, not the final newline
    assert root.inline is True
    assert root.keys() == [
        "packages",
        "files",
        "js_modules",
        "experimental_create_proxy",
        "debug",
        "interpreter",
        "version",
    ]

    packages = entry(root, "packages")
    assert packages.key_span == at(CONFIG, '"packages"') == Span(4, 14)
    assert isinstance(packages.value, Array)
    assert packages.value.span == at(CONFIG, '["numpy", "pandas>=2.0"]')
    numpy, pandas = packages.value.items
    assert numpy == Scalar(Kind.STRING, "numpy", at(CONFIG, '"numpy"'))
    assert pandas == Scalar(Kind.STRING, "pandas>=2.0", at(CONFIG, '"pandas>=2.0"'))

    files = entry(root, "files")
    assert files.key_span == at(CONFIG, '"files"')
    assert table(files.value).span.start == CONFIG.index('{\n    "{DOMAIN}')
    placeholder = entry(files.value, "{DOMAIN}")
    assert placeholder.key_span == at(CONFIG, '"{DOMAIN}"')
    assert placeholder.value.span == at(CONFIG, '"https://example.com/data"')
    csv = entry(files.value, "{DOMAIN}/penguins.csv")
    assert csv.key_span == at(CONFIG, '"{DOMAIN}/penguins.csv"')
    assert csv.value == Scalar(Kind.STRING, "./penguins.csv", at(CONFIG, '"./penguins.csv"'))

    main = entry(entry(root, "js_modules").value, "main")
    assert main.key_span == at(CONFIG, '"main"')
    url = entry(main.value, "https://esm.run/leaflet")
    assert url.key_span == at(CONFIG, '"https://esm.run/leaflet"')
    assert url.value.span == at(CONFIG, '"leaflet"')
    assert table(main.value).span == at(
        CONFIG, '{\n      "https://esm.run/leaflet": "leaflet"\n    }'
    )

    assert entry(root, "debug").value == Scalar(Kind.BOOLEAN, True, at(CONFIG, "true"))
    assert entry(root, "interpreter").value == Scalar(Kind.NULL, None, at(CONFIG, "null"))
    assert entry(root, "version").value == Scalar(Kind.FLOAT, 1.5, at(CONFIG, "1.5"), "1.5")


# -- values ---------------------------------------------------------------------------


def test_numbers_keep_kind_value_and_raw_text() -> None:
    text = "[0, -12, 1e2, 2.50, -0.0, 123456789012345678901234567890, 1e400, -1E-400]"
    items = [item for item in _array(text).items if isinstance(item, Scalar)]
    assert [(item.kind, item.value, item.style) for item in items] == [
        (Kind.INTEGER, 0, "0"),
        (Kind.INTEGER, -12, "-12"),
        (Kind.FLOAT, 100.0, "1e2"),
        (Kind.FLOAT, 2.5, "2.50"),
        (Kind.FLOAT, -0.0, "-0.0"),
        (Kind.INTEGER, 123456789012345678901234567890, "123456789012345678901234567890"),
        (Kind.FLOAT, math.inf, "1e400"),
        (Kind.FLOAT, -0.0, "-1E-400"),
    ]
    assert isinstance(items[0].value, int)
    assert isinstance(items[2].value, float)


def test_integer_beyond_python_digit_limit_becomes_infinity() -> None:
    text = "9" * 5000
    result = parse_json(text)
    assert result.problems == []
    assert result.root == Scalar(Kind.FLOAT, math.inf, Span(0, 5000), text)


def test_strings_escapes_and_surrogates() -> None:
    text = r'["a\"b\\c\/d\b\f\n\r\t", "\u00e9\uD83D\uDE00", "\udada", "\uDFAA\uD800"]'
    values = to_python(_array(text))
    assert values == ['a"b\\c/d\b\f\n\r\t', "é😀", "\udada", "\udfaa\ud800"]


def test_root_can_be_any_value() -> None:
    assert parse_json(' "x" ').root == Scalar(Kind.STRING, "x", Span(1, 4))
    assert parse_json("\n42\r\n").root == Scalar(Kind.INTEGER, 42, Span(1, 3), "42")
    assert parse_json("null").root == Scalar(Kind.NULL, None, Span(0, 4))
    assert parse_json("\tfalse").root == Scalar(Kind.BOOLEAN, False, Span(1, 6))


def test_duplicate_keys_are_kept_and_get_returns_the_last() -> None:
    text = '{"name": "a", "name": "b"}'
    result = parse_json(text)
    assert result.problems == []
    root = table(result.root)
    assert [e.key_span for e in root.entries] == [Span(1, 7), Span(14, 20)]
    assert entry(root, "name").value == Scalar(Kind.STRING, "b", Span(22, 25))
    assert to_python(root) == {"name": "b"}


def _array(text: str) -> Array:
    result = parse_json(text)
    assert result.problems == []
    assert isinstance(result.root, Array)
    return result.root


# -- typical mistakes -------------------------------------------------------------------

MISTAKES: list[tuple[str, str, str, int, int]] = [
    # (name, text, message, span start, span end) of the first problem
    (
        "trailing comma in array",
        '{"packages": ["numpy", "pandas",]}',
        "trailing comma is not allowed in JSON",
        31,
        32,
    ),
    (
        "trailing comma in object",
        '{\n  "name": "app",\n}',
        "trailing comma is not allowed in JSON",
        17,
        18,
    ),
    (
        "missing comma between members",
        '{"a": 1\n "b": 2}',
        'expected "," or "}" after a property value',
        9,
        12,
    ),
    (
        "missing comma between elements",
        '["numpy" "pandas"]',
        'expected "," or "]" after an array element',
        9,
        17,
    ),
    (
        "single quotes",
        "{'packages': []}",
        "single quotes are not allowed in JSON; use double quotes",
        1,
        11,
    ),
    ("unquoted key", "{packages: []}", "property names must be double-quoted strings", 1, 9),
    (
        "line comment",
        '{\n  // the packages\n  "packages": []\n}',
        "comments are not allowed in JSON",
        4,
        19,
    ),
    ("block comment", '{"a": 1 /* c */}', "comments are not allowed in JSON", 8, 15),
    (
        "unclosed brace at end of input",
        '{"packages": ["numpy"]',
        'unexpected end of input: "}" is missing',
        22,
        22,
    ),
    ("missing colon", '{"packages" ["numpy"]}', 'expected ":" after a property name', 12, 13),
    ("Python True", '{"debug": True}', "True is not valid JSON; use true", 10, 14),
    ("Python None", '{"interpreter": None}', "None is not valid JSON; use null", 16, 20),
    ("NaN", "[NaN]", "NaN is not allowed in JSON", 1, 4),
    ("leading zero", '{"version": 01}', 'invalid number "01"', 12, 14),
    ("bad escape", r'{"files": {"C:\data": "x"}}', r'invalid escape "\d"', 14, 16),
    (
        "bad unicode escape",
        r'["\u12G4"]',
        r'invalid escape "\u12": \u needs four hex digits',
        2,
        6,
    ),
    (
        "raw newline in string",
        '{"name": "a\nb"}',
        "control character U+000A must be escaped in a string",
        11,
        12,
    ),
    (
        "raw tab in string",
        '["a\tb"]',
        "control character U+0009 must be escaped in a string",
        3,
        4,
    ),
    ("unterminated string", '["abc', "unterminated string", 1, 5),
    ("text after the value", '{"a": 1} {"b": 2}', "unexpected text after the JSON value", 9, 10),
    ("empty input", "", "expected a value", 0, 0),
    ("whitespace only", " \n", "expected a value", 2, 2),
    ("missing value", '{"a": }', "expected a value", 6, 7),
    (
        "unquoted value",
        '{"name": app}',
        'unexpected word "app"; strings must be double-quoted',
        9,
        12,
    ),
    ("byte order mark", '\ufeff{"a": 1}', "byte order mark is not allowed in JSON text", 0, 1),
    (
        "non-breaking space",
        '{"a":\u00a01}',
        "whitespace character U+00A0 is not allowed in JSON",
        5,
        6,
    ),
    ("hex number", "[0x1F]", 'invalid number "0x1F"', 1, 5),
]


def test_each_mistake_names_the_exact_place() -> None:
    for name, text, message, start, end in MISTAKES:
        result = parse_json(text)
        assert result.problems, name
        first = result.problems[0]
        assert (first.message, first.span) == (message, Span(start, end)), name


def test_end_of_input_points_back_at_the_opening_bracket() -> None:
    text = '{"a": [1, {"b": 2, "c": '
    result = parse_json(text)
    assert len(result.problems) == 1
    problem = result.problems[0]
    assert problem.message == 'unexpected end of input: "}" is missing'
    assert problem.span == Span(len(text), len(text))
    assert problem.related == (Span(10, 11),)


# -- recovery -----------------------------------------------------------------------------


def test_several_problems_are_reported_and_the_tree_is_complete() -> None:
    text = '{\n  "packages": ["numpy" "pandas"],\n  "files": {"a": "b",}\n}'
    result = parse_json(text)
    assert problems(result) == [
        ('expected "," or "]" after an array element', 25, 33),
        ("trailing comma is not allowed in JSON", 56, 57),
    ]
    assert to_python(table(result.root)) == {
        "packages": ["numpy", "pandas"],
        "files": {"a": "b"},
    }


def test_members_before_a_fatal_error_are_kept_and_containers_closed_there() -> None:
    text = '{"name": "app", "packages": ["numpy", @ ], "after": 1}'
    result = parse_json(text)
    assert problems(result) == [("expected a value", 38, 39)]
    root = table(result.root)
    assert to_python(root) == {"name": "app", "packages": ["numpy"]}
    assert root.span == Span(0, 38)
    assert entry(root, "packages").value.span == Span(28, 38)


def test_unclosed_containers_are_closed_at_the_end() -> None:
    text = '{"a": [1, 2'
    result = parse_json(text)
    assert problems(result) == [('unexpected end of input: "]" is missing', 11, 11)]
    root = table(result.root)
    assert root.span == Span(0, 11)
    assert entry(root, "a").value.span == Span(6, 11)
    assert to_python(root) == {"a": [1, 2]}


def test_forgotten_closing_quote_costs_one_problem() -> None:
    text = '{\n  "name": "app,\n  "debug": true\n}'
    result = parse_json(text)
    assert problems(result) == [("control character U+000A must be escaped in a string", 17, 18)]
    assert to_python(table(result.root)) == {"name": "app,", "debug": True}


def test_recovered_values_are_what_the_author_meant() -> None:
    text = '{\'a\': True, b: None, "c": 01, "d": NaN, // note\n "e": [1,]}'
    result = parse_json(text)
    assert [p.message for p in result.problems] == [
        "single quotes are not allowed in JSON; use double quotes",
        "True is not valid JSON; use true",
        "property names must be double-quoted strings",
        "None is not valid JSON; use null",
        'invalid number "01"',
        "NaN is not allowed in JSON",
        "comments are not allowed in JSON",
        "trailing comma is not allowed in JSON",
    ]
    values = to_python(table(result.root))
    assert isinstance(values, dict)
    assert math.isnan(values.pop("d"))
    assert values == {"a": True, "b": None, "c": 1, "e": [1]}


# -- limits -------------------------------------------------------------------------------


def test_nesting_up_to_256_levels_is_fine() -> None:
    text = "[" * 256 + "]" * 256
    assert parse_json(text).problems == []


def test_nesting_deeper_than_256_levels_is_a_problem() -> None:
    text = "[" * 257 + "]" * 257
    assert problems(parse_json(text)) == [("nesting is deeper than 256 levels", 256, 257)]
    objects = '{"a":' * 300
    result = parse_json(objects)
    assert problems(result)[0] == ("nesting is deeper than 256 levels", 256 * 5, 256 * 5 + 1)


def test_a_hundred_thousand_brackets_return_quickly() -> None:
    text = "[" * 100_000
    started = time.perf_counter()
    result = parse_json(text)
    elapsed = time.perf_counter() - started
    assert problems(result) == [("nesting is deeper than 256 levels", 256, 257)]
    assert isinstance(result.root, Array)
    assert elapsed < 2.0  # generous: the point is no recursion and no quadratic work


# -- never crash --------------------------------------------------------------------------

_JSONISH = st.text(alphabet=" \t\n\r{}[]:,\"\\'/*-+.0123456789eEtrufalsnNI\x00\ud800\ufeffx")
_JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda children: st.lists(children) | st.dictionaries(st.text(), children),
    max_leaves=20,
)


def _check_spans(text: str, result: ParseResult) -> None:
    n = len(text)
    for problem in result.problems:
        assert 0 <= problem.span.start <= problem.span.end <= n
    todo: list[Node] = [result.root] if result.root is not None else []
    while todo:
        node = todo.pop()
        assert 0 <= node.span.start <= node.span.end <= n
        if isinstance(node, Array):
            todo.extend(node.items)
        elif isinstance(node, Table):
            for member in node.entries:
                assert 0 <= member.key_span.start <= member.key_span.end <= n
                todo.append(member.value)


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(), _JSONISH))
def test_any_text_parses_without_exception(text: str) -> None:
    _check_spans(text, parse_json(text))


@settings(max_examples=300, deadline=None)
@given(_JSON_VALUES, st.booleans())
def test_dumped_json_round_trips(value: object, indent: bool) -> None:
    text = json.dumps(value, indent=2 if indent else None, ensure_ascii=False)
    result = parse_json(text)
    assert result.problems == []
    assert result.root is not None
    assert to_python(result.root) == value
    _check_spans(text, result)
