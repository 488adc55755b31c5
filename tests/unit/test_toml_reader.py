"""The TOML reader: exact spans, node conventions, problem messages and recovery."""

from __future__ import annotations

import datetime as dt
import math
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pyscript_config.reading.toml_reader import MAX_DEPTH, parse_toml
from pyscript_config.text import Span
from pyscript_config.tree import Array, Entry, Kind, Node, ParseResult, Scalar, Table, to_python

PYSCRIPT_TOML = """\
# pyscript.toml for the demo
name = "Demo app"
packages = [
    "numpy",
    "pandas>=2.0",  # data frames
    './wheels/mylib-0.1-py3-none-any.whl',
]

[files]
"https://example.com/data.csv" = "./data/data.csv"
'./utils.py' = ""

[js_modules.main]
"https://cdn.example.com/leaflet.js" = "leaflet"

[[fetch]]
from = "https://example.com/"
files = ["a.py", "b.py"]

[[fetch]]
files = ["c.py"]
"""


def span_of(text: str, needle: str, nth: int = 0) -> Span:
    """The span of the `nth` occurrence of `needle` in `text`."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return Span(start, start + len(needle))


def root_of(result: ParseResult) -> Table:
    assert isinstance(result.root, Table)
    return result.root


def entry(table: Node, key: str) -> Entry:
    assert isinstance(table, Table)
    found = table.get(key)
    assert found is not None, f"no key {key!r} in {table.keys()}"
    return found


def messages(text: str) -> list[str]:
    return [problem.message for problem in parse_toml(text).problems]


# --------------------------------------------------------------------- spans


@pytest.fixture(scope="module")
def doc() -> ParseResult:
    return parse_toml(PYSCRIPT_TOML)


def test_realistic_file_parses_cleanly(doc: ParseResult) -> None:
    assert doc.problems == []
    root = root_of(doc)
    assert root.inline is False
    assert root.span == Span(0, len(PYSCRIPT_TOML))
    assert root.keys() == ["name", "packages", "files", "js_modules", "fetch"]


def test_string_value_and_key_spans(doc: ParseResult) -> None:
    name = entry(root_of(doc), "name")
    assert name.key_span == span_of(PYSCRIPT_TOML, "name")
    assert (name.quoted, name.dotted, name.from_header) == (False, False, False)
    assert name.value == Scalar(
        Kind.STRING, "Demo app", span_of(PYSCRIPT_TOML, '"Demo app"'), "basic"
    )


def test_packages_array_spans(doc: ParseResult) -> None:
    packages = entry(root_of(doc), "packages")
    assert packages.key_span == span_of(PYSCRIPT_TOML, "packages")
    array = packages.value
    assert isinstance(array, Array)
    assert array.inline is True
    start = PYSCRIPT_TOML.index("[\n")
    end = PYSCRIPT_TOML.index("]\n", start) + 1
    assert array.span == Span(start, end)
    assert [item.span for item in array.items] == [
        span_of(PYSCRIPT_TOML, '"numpy"'),
        span_of(PYSCRIPT_TOML, '"pandas>=2.0"'),
        span_of(PYSCRIPT_TOML, "'./wheels/mylib-0.1-py3-none-any.whl'"),
    ]
    assert [(item.value, item.style) for item in array.items if isinstance(item, Scalar)] == [
        ("numpy", "basic"),
        ("pandas>=2.0", "basic"),
        ("./wheels/mylib-0.1-py3-none-any.whl", "literal"),
    ]


def test_header_table_with_quoted_keys(doc: ParseResult) -> None:
    files = entry(root_of(doc), "files")
    assert files.key_span == span_of(PYSCRIPT_TOML, "files")  # inside "[files]"
    assert (files.from_header, files.dotted, files.quoted) == (True, False, False)
    table = files.value
    assert isinstance(table, Table)
    assert table.inline is False
    assert table.span == span_of(PYSCRIPT_TOML, "[files]")
    url = entry(table, "https://example.com/data.csv")
    assert url.quoted is True
    assert url.key_span == span_of(PYSCRIPT_TOML, '"https://example.com/data.csv"')
    assert url.value.span == span_of(PYSCRIPT_TOML, '"./data/data.csv"')
    utils = entry(table, "./utils.py")
    assert utils.quoted is True
    assert utils.key_span == span_of(PYSCRIPT_TOML, "'./utils.py'")
    assert utils.value == Scalar(Kind.STRING, "", span_of(PYSCRIPT_TOML, '""'), "basic")


def test_dotted_header_creates_implicit_table(doc: ParseResult) -> None:
    js_modules = entry(root_of(doc), "js_modules")
    assert (js_modules.dotted, js_modules.from_header) == (True, False)
    assert js_modules.key_span == span_of(PYSCRIPT_TOML, "js_modules")
    implicit = js_modules.value
    assert isinstance(implicit, Table)
    assert implicit.inline is False
    assert implicit.span == span_of(PYSCRIPT_TOML, "js_modules")
    main = entry(implicit, "main")
    assert (main.dotted, main.from_header) == (False, True)
    assert main.key_span == span_of(PYSCRIPT_TOML, "main", 0)
    assert main.value.span == span_of(PYSCRIPT_TOML, "[js_modules.main]")
    leaflet = entry(main.value, "https://cdn.example.com/leaflet.js")
    assert leaflet.value.span == span_of(PYSCRIPT_TOML, '"leaflet"')


def test_array_of_tables(doc: ParseResult) -> None:
    fetch = entry(root_of(doc), "fetch")
    assert fetch.from_header is True
    assert fetch.key_span == span_of(PYSCRIPT_TOML, "fetch", 0)
    aot = fetch.value
    assert isinstance(aot, Array)
    assert aot.inline is False
    assert aot.span == span_of(PYSCRIPT_TOML, "[[fetch]]", 0)
    assert [item.span for item in aot.items] == [
        span_of(PYSCRIPT_TOML, "[[fetch]]", 0),
        span_of(PYSCRIPT_TOML, "[[fetch]]", 1),
    ]
    assert all(isinstance(item, Table) and not item.inline for item in aot.items)
    first_files = entry(aot.items[0], "files")
    assert first_files.key_span == span_of(PYSCRIPT_TOML, "files", 1)
    assert first_files.value.span == span_of(PYSCRIPT_TOML, '["a.py", "b.py"]')
    assert to_python(aot) == [
        {"from": "https://example.com/", "files": ["a.py", "b.py"]},
        {"files": ["c.py"]},
    ]


def test_comments_are_collected(doc: ParseResult) -> None:
    assert doc.comments == [
        span_of(PYSCRIPT_TOML, "# pyscript.toml for the demo"),
        span_of(PYSCRIPT_TOML, "# data frames"),
    ]


def test_comment_spans_exclude_crlf_and_cover_odd_places() -> None:
    text = "a = 1 # one\r\n# two\r\nb = [ # three\r\n  1, # four\r\n] # five\r\n[t] # six"
    result = parse_toml(text)
    assert result.problems == []
    assert [text[span.start : span.end] for span in result.comments] == [
        "# one",
        "# two",
        "# three",
        "# four",
        "# five",
        "# six",
    ]


def test_dotted_keys_flags_and_spans() -> None:
    text = 'a.b.c = 1\na.b.d = "x"\n"q.r".s = true\n'
    root = root_of(parse_toml(text))
    a = entry(root, "a")
    assert (a.dotted, a.from_header, a.quoted) == (True, False, False)
    assert a.key_span == Span(0, 1)
    assert isinstance(a.value, Table) and a.value.inline is False
    assert a.value.span == Span(0, 1)
    b = entry(a.value, "b")
    assert b.dotted is True and b.key_span == Span(2, 3) and b.value.span == Span(2, 3)
    c = entry(b.value, "c")
    assert c.dotted is True and c.key_span == Span(4, 5)
    assert c.value == Scalar(Kind.INTEGER, 1, Span(8, 9), "1")
    d = entry(b.value, "d")
    assert d.key_span == span_of(text, "d")
    quoted = entry(root, "q.r")
    assert (quoted.quoted, quoted.dotted) == (True, True)
    assert quoted.key_span == span_of(text, '"q.r"')
    s = entry(quoted.value, "s")
    assert (s.quoted, s.dotted) == (False, True)
    assert to_python(root) == {"a": {"b": {"c": 1, "d": "x"}}, "q.r": {"s": True}}


def test_implicit_table_later_defined_by_its_header() -> None:
    text = "[a.b]\nx = 1\n[a]\ny = 2\n"
    result = parse_toml(text)
    assert result.problems == []
    a = entry(root_of(result), "a")
    assert (a.from_header, a.dotted) == (True, False)
    assert a.key_span == span_of(text, "a", 1)
    assert a.value.span == span_of(text, "[a]")
    assert to_python(a.value) == {"b": {"x": 1}, "y": 2}


def test_inline_table_spans() -> None:
    text = 'm = { from = "x", to = {deep = [1, {z = 2}]} }'
    root = root_of(parse_toml(text))
    table = entry(root, "m").value
    assert isinstance(table, Table)
    assert table.inline is True
    assert table.span == Span(text.index("{"), len(text))
    to = entry(table, "to")
    assert to.value.span == span_of(text, "{deep = [1, {z = 2}]}")
    deep = entry(to.value, "deep").value
    assert isinstance(deep, Array) and deep.span == span_of(text, "[1, {z = 2}]")
    assert deep.items[1].span == span_of(text, "{z = 2}")


def test_scalar_kinds_styles_and_values() -> None:
    text = (
        "s1 = 'lit'\n"
        's2 = """\nml "basic" \\\n   continued"""\n'
        "s3 = '''\nraw \\n'''\n"
        "i = 0x_ff\n".replace("_", "")
        + "j = -1_000\n"
        "f = 6.02e+23\n"
        "n = nan\n"
        "b = false\n"
        "odt = 1979-05-27 07:32:00.5-07:00\n"
        "ldt = 1979-05-27T07:32:00\n"
        "ld = 1979-05-27\n"
        "lt = 00:32:00.999999999\n"
    )
    result = parse_toml(text)
    assert result.problems == []
    root = root_of(result)

    def scalar(key: str) -> Scalar:
        node = entry(root, key).value
        assert isinstance(node, Scalar)
        return node

    for key in ("s1", "i", "j", "f", "n", "b", "odt", "ldt", "ld", "lt"):
        start = text.index(f"\n{key} = ") + len(key) + 4 if key != "s1" else 5
        assert scalar(key).span == Span(start, text.index("\n", start)), key
    assert (scalar("s1").value, scalar("s1").style) == ("lit", "literal")
    assert (scalar("s2").value, scalar("s2").style) == ('ml "basic" continued', "ml-basic")
    assert scalar("s2").span == Span(text.index('"""'), text.index('continued"""') + 12)
    assert (scalar("s3").value, scalar("s3").style) == ("raw \\n", "ml-literal")
    assert (scalar("i").kind, scalar("i").value, scalar("i").style) == (Kind.INTEGER, 255, "0xff")
    assert (scalar("j").value, scalar("j").style) == (-1000, "-1_000")
    assert (scalar("f").kind, scalar("f").value) == (Kind.FLOAT, 6.02e23)
    nan = scalar("n").value
    assert isinstance(nan, float) and math.isnan(nan) and scalar("n").style == "nan"
    assert (scalar("b").kind, scalar("b").value, scalar("b").style) == (
        Kind.BOOLEAN,
        False,
        "false",
    )
    odt = scalar("odt")
    assert odt.kind is Kind.DATETIME and odt.style == "1979-05-27 07:32:00.5-07:00"
    assert odt.value == dt.datetime(
        1979, 5, 27, 7, 32, 0, 500000, dt.timezone(dt.timedelta(hours=-7))
    )
    ldt = scalar("ldt")
    assert ldt.kind is Kind.DATETIME_LOCAL and ldt.value == dt.datetime(1979, 5, 27, 7, 32)
    assert isinstance(ldt.value, dt.datetime) and ldt.value.tzinfo is None
    assert (scalar("ld").kind, scalar("ld").value) == (Kind.DATE_LOCAL, dt.date(1979, 5, 27))
    lt = scalar("lt")
    assert (lt.kind, lt.value) == (Kind.TIME_LOCAL, dt.time(0, 32, 0, 999999))


def test_crlf_tabs_and_non_ascii() -> None:
    text = 'nom\t=\t"café ☕"\r\n"clé" = """\r\nligne 1\r\nligne 2"""\r\n["été"]\r\nx = 1\r\n'
    result = parse_toml(text)
    assert result.problems == []
    root = root_of(result)
    assert entry(root, "nom").value.span == span_of(text, '"café ☕"')
    assert entry(root, "clé").key_span == span_of(text, '"clé"')
    assert to_python(root) == {"nom": "café ☕", "clé": "ligne 1\nligne 2", "été": {"x": 1}}
    assert entry(root, "été").value.span == span_of(text, '["été"]')


# --------------------------------------------------------------------- problems

PROBLEMS = [
    # (text, message, the text under the span; for "" a zero-width span at the newline)
    ('packages ["numpy"]\n', 'expected "=" after key "packages", found "["', "["),
    (
        'packages: ["numpy"]\n',
        'expected "=" after key "packages" (TOML uses "=", not ":")',
        ":",
    ),
    ('name = "demo\nx = 1\n', "unterminated string", '"demo'),
    ("name = '''\nabc\n", "unterminated multi-line string", "'''"),
    ('path = "C:\\q"\n', 'invalid escape sequence "\\q"', "\\q"),
    ('x = "\\uD800"\n', 'invalid Unicode escape "\\uD800" (not a Unicode scalar value)', "\\uD800"),
    ("name = # the name\n", 'expected a value after "=", found a comment', "#"),
    ("a = {b = 1 # c}\n", "comments are not allowed in an inline table", "#"),
    ("debug = True\n", 'invalid boolean "True" (booleans are lowercase: true)', "True"),
    ("x = null\n", 'invalid value "null" (TOML has no null; leave the key out)', "null"),
    ("packages = [numpy]\n", 'invalid value "numpy" (strings must be quoted)', "numpy"),
    ("a = {b = 1, }\n", "trailing comma is not allowed in an inline table", ","),
    ("a = {b = 1,\n c = 2}\n", "newline is not allowed in an inline table", ""),
    ("retries = 007\n", "leading zeros are not allowed in integers", "007"),
    ("x = 1__0\n", 'invalid number "1__0" (underscores must be between digits)', "1__0"),
    ("x = 1.\n", 'invalid float "1." (a decimal point must be followed by digits)', "1."),
    ("d = 2021-02-30\n", 'invalid date "2021-02-30"', "2021-02-30"),
    ("t = 24:00:00\n", 'invalid time "24:00:00"', "24:00:00"),
    (
        "x = 9223372036854775808\n",
        "integer 9223372036854775808 is out of range (64-bit signed)",
        "9223372036854775808",
    ),
    ('name = "a\x07b"\n', "control character U+0007 is not allowed in a string", "\x07"),
    ("a = 1 # bell \x07\n", "control character U+0007 is not allowed in a comment", "\x07"),
    ("[files\n", 'expected "]" to close the table header, found end of line', ""),
    ("[[fetch]\n", 'expected "]]" to close the array of tables header, found "]"', "]"),
    ('version = "1" "2"\n', "expected end of line after value, found '\"2\"'", '"2"'),
    ('packages = ["a" "b"]\n', 'expected "," or "]" after an array item, found \'"\'', '" "'),
    ("= 1\n", 'missing key before "="', "="),
    ("\ufeffa = 1\n", "byte order mark at the start of TOML text", "\ufeff"),
    ('"""key""" = 1\n', "a key cannot be a multi-line string", '"""'),
]


@pytest.mark.parametrize(("text", "message", "under"), PROBLEMS, ids=[p[1][:40] for p in PROBLEMS])
def test_problem_message_and_span(text: str, message: str, under: str) -> None:
    result = parse_toml(text)
    assert [problem.message for problem in result.problems] == [message]
    span = result.problems[0].span
    if under == '" "':  # the second string of `"a" "b"`: the quote that opens it
        assert span == Span(text.index('"b"'), text.index('"b"') + 1)
    elif under:
        assert span == span_of(text, under)
    else:
        newline = text.index("\n")
        assert span == Span(newline, newline)


def test_duplicate_key_points_at_both_definitions() -> None:
    text = 'packages = ["a"]\nname = "x"\npackages = ["b"]\n'
    result = parse_toml(text)
    (problem,) = result.problems
    assert problem.message == 'duplicate key "packages" (first defined on line 1)'
    assert problem.span == span_of(text, "packages", 1)
    assert problem.related == (span_of(text, "packages", 0),)
    assert to_python(root_of(result)) == {"packages": ["a"], "name": "x"}


def test_table_defined_twice() -> None:
    text = '[files]\n"a" = "b"\n\n[files]\n"c" = "d"\n'
    result = parse_toml(text)
    (problem,) = result.problems
    assert problem.message == "table [files] is defined twice (first defined on line 1)"
    assert problem.span == span_of(text, "[files]", 1)
    assert problem.related == (span_of(text, "[files]", 0),)
    # The second table's keys are checked but kept out of the first one.
    assert to_python(root_of(result)) == {"files": {"a": "b"}}


def test_conflicts_between_tables_and_values() -> None:
    assert messages("a = 1\na.b = 2\n") == ['key "a" is already an integer (line 1), not a table']
    assert messages("a = 1\n[a]\n") == [
        'cannot define table [a]: key "a" is already an integer (line 1)'
    ]
    assert messages("a = {}\n[a.b]\n") == [
        'cannot define table [a.b]: key "a" is an inline table (line 1), which cannot be extended'
    ]
    assert messages("fetch = []\n[[fetch]]\n") == [
        '[[fetch]] conflicts with array "fetch" (line 1)'
    ]
    assert messages("[a]\nb.c = 1\n[a.b]\n") == [
        "table [a.b] is already defined by dotted keys (line 2)"
    ]
    assert messages("[[a]]\n[a]\n") == [
        "table [a] is already defined as an array of tables (line 1)"
    ]
    result = parse_toml("[a.b]\n[a]\nb.c = 1\n")
    assert [p.message for p in result.problems] == [
        "table [a.b] is defined by a header (line 1); dotted keys cannot add to it"
    ]
    assert result.problems[0].related == (Span(0, 5),)


def test_first_problem_is_the_earliest() -> None:
    text = 'a = "x\\q" oops\n'
    result = parse_toml(text)
    assert [p.message for p in result.problems] == [
        'invalid escape sequence "\\q"',
        'expected end of line after value, found "oops"',
    ]
    assert result.problems[0].span.start < result.problems[1].span.start


# --------------------------------------------------------------------- recovery


def test_recovery_reports_each_error_and_keeps_later_keys() -> None:
    text = (
        'name = "demo"\n'
        "packages = [numpy]\n"
        "debug = True\n"
        'version = "1.0"\n'
        "[files]\n"
        '"a.py" = "./a.py"\n'
    )
    result = parse_toml(text)
    assert [p.message for p in result.problems] == [
        'invalid value "numpy" (strings must be quoted)',
        'invalid boolean "True" (booleans are lowercase: true)',
    ]
    assert to_python(root_of(result)) == {
        "name": "demo",
        "packages": [],
        "version": "1.0",
        "files": {"a.py": "./a.py"},
    }


def test_broken_multiline_array_keeps_partial_items_and_resynchronises() -> None:
    text = 'x = 1\npackages = [\n  "numpy",\n  pandas,\n  "scipy",\n]\ny = 2\n'
    result = parse_toml(text)
    assert [p.message for p in result.problems] == [
        'invalid value "pandas" (strings must be quoted)'
    ]
    packages = entry(root_of(result), "packages")
    assert isinstance(packages.value, Array)
    assert to_python(packages.value) == ["numpy"]
    assert packages.value.span == Span(text.index("["), text.index("pandas"))
    assert to_python(root_of(result)) == {"x": 1, "packages": ["numpy"], "y": 2}


def test_unclosed_array_running_into_the_next_statement() -> None:
    text = 'packages = [\n    "numpy",\n    "pandas"\n\n[files]\n"./utils.py" = ""\nname = 1\n'
    result = parse_toml(text)
    assert [p.message for p in result.problems] == [
        'expected "," or "]" after an array item, found "["'
    ]
    assert result.problems[0].span == Span(text.index("[files]"), text.index("[files]") + 1)
    assert to_python(root_of(result)) == {
        "packages": ["numpy", "pandas"],
        "files": {"./utils.py": "", "name": 1},
    }
    text = 'packages = [\n  "numpy"\nname = "x"\n'
    result = parse_toml(text)
    assert [p.message for p in result.problems] == [
        'expected "," or "]" after an array item, found "name"'
    ]
    assert result.problems[0].span == span_of(text, "name")
    assert to_python(root_of(result)) == {"packages": ["numpy"], "name": "x"}


def test_multiline_inline_table_is_one_problem() -> None:
    text = 'a = {b = 1,\n  c = 2}\nz = "after"\n'
    result = parse_toml(text)
    assert [p.message for p in result.problems] == ["newline is not allowed in an inline table"]
    assert to_python(root_of(result)) == {"a": {"b": 1}, "z": "after"}


def test_broken_header_does_not_leak_keys_into_previous_table() -> None:
    text = '[files]\n"a" = "b"\n[js_modules\n"x.js" = "x"\n[other]\nk = 1\n'
    result = parse_toml(text)
    assert [p.message for p in result.problems] == [
        'expected "]" to close the table header, found end of line'
    ]
    assert to_python(root_of(result)) == {"files": {"a": "b"}, "other": {"k": 1}}


def test_unterminated_string_then_more_statements() -> None:
    text = 'name = "demo\nversion = "1"\nx = 1 2\n'
    result = parse_toml(text)
    assert [p.message for p in result.problems] == [
        "unterminated string",
        'expected end of line after value, found "2"',
    ]
    assert to_python(root_of(result)) == {"version": "1", "x": 1}


# --------------------------------------------------------------------- depth


def test_nesting_limit_is_exact() -> None:
    ok = "a = " + "[" * MAX_DEPTH + "]" * MAX_DEPTH
    assert parse_toml(ok).problems == []
    too_deep = "a = " + "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    result = parse_toml(too_deep)
    (problem,) = result.problems
    assert problem.message == "nesting is deeper than 256 levels"
    assert problem.span == Span(4 + MAX_DEPTH, 5 + MAX_DEPTH)
    inline = "a = " + "{b = " * (MAX_DEPTH + 1) + "1" + "}" * (MAX_DEPTH + 1)
    assert messages(inline) == ["nesting is deeper than 256 levels"]


@pytest.mark.parametrize("prefix", ["", "a = ", "a = [", "a = {b = "])
def test_very_deep_input_returns_quickly(prefix: str) -> None:
    text = prefix + "[" * 100_000
    started = time.perf_counter()
    result = parse_toml(text)
    assert time.perf_counter() - started < 2.0
    assert len(result.problems) == 1


def test_tables_count_towards_the_nesting_limit() -> None:
    # 255 dotted tables plus an array: 256 levels, still fine.
    assert parse_toml("a." * 255 + "b = []").problems == []
    header = "[" + "a." * 255 + "b]\n"
    assert parse_toml(header + "c = 1\n").problems == []
    result = parse_toml(header + "c = []\n")
    assert [p.message for p in result.problems] == ["nesting is deeper than 256 levels"]
    bracket = len(header) + len("c = ")
    assert result.problems[0].span == Span(bracket, bracket + 1)
    assert messages("[[" + "a." * 255 + "b]]\n") == ["nesting is deeper than 256 levels"]


@pytest.mark.parametrize("text", ["a." * 100_000 + "b = 1", "[" + "a." * 100_000 + "b]"])
def test_very_long_dotted_key_is_a_problem_not_a_deep_tree(text: str) -> None:
    started = time.perf_counter()
    result = parse_toml(text)
    assert time.perf_counter() - started < 2.0
    assert [p.message for p in result.problems] == ["nesting is deeper than 256 levels"]
    assert to_python(root_of(result)) == {}


# --------------------------------------------------------------------- never raise


def _check_spans(text: str, result: ParseResult) -> None:
    length = len(text)

    def inside(span: Span) -> None:
        assert 0 <= span.start <= span.end <= length, (span, length)

    def walk(node: Node) -> None:
        inside(node.span)
        if isinstance(node, Table):
            for item in node.entries:
                inside(item.key_span)
                walk(item.value)
        elif isinstance(node, Array):
            for child in node.items:
                walk(child)

    assert result.root is not None
    walk(result.root)
    for problem in result.problems:
        inside(problem.span)
        for related in problem.related:
            inside(related)
    for comment in result.comments:
        inside(comment)
        assert text[comment.start] == "#"
    starts = [comment.start for comment in result.comments]
    assert starts == sorted(set(starts))  # each comment once, in order


TOML_ALPHABET = st.sampled_from(
    [*"[]{}\"'=.,#\n\r\t \\abcxyz019_-+:TZe", '"""', "'''", "\r\n", "\x00", "é", "\ufeff"]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(TOML_ALPHABET, max_size=40).map("".join))
def test_random_text_never_raises(text: str) -> None:
    _check_spans(text, parse_toml(text))


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.integers(0, len(PYSCRIPT_TOML)), st.integers(0, 6), TOML_ALPHABET),
        min_size=1,
        max_size=5,
    )
)
def test_mutated_config_never_raises(edits: list[tuple[int, int, str]]) -> None:
    text = PYSCRIPT_TOML
    for offset, cut, insert in edits:
        where = min(offset, len(text))
        text = text[:where] + insert + text[where + cut :]
    _check_spans(text, parse_toml(text))
