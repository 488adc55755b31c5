"""The basic-toml construct checks: which construct, where, the runtime's own message,
and the planned fixes (applied to the text, with their safety)."""

from __future__ import annotations

from pyscript_config.dialects import BASIC_TOML_03, BASIC_TOML_04, Finding, check_toml
from pyscript_config.dialects.findings import apply_edits, toml_key
from pyscript_config.reading.toml_reader import parse_toml
from pyscript_config.text import Span


def _check(text: str, parser: str = BASIC_TOML_04) -> list[Finding]:
    return check_toml(text, parse_toml(text), parser)


def _one(text: str, parser: str = BASIC_TOML_04) -> Finding:
    findings = _check(text, parser)
    assert len(findings) == 1, findings
    return findings[0]


def _fixed(text: str, finding: Finding) -> str:
    assert finding.fix is not None
    return apply_edits(text, finding.fix.edits)


def test_comment_in_array_moves_above_the_key() -> None:
    text = 'packages = [\n  "numpy",\n  # "pandas",\n  "scipy", # sci\n]\ndebug = true\n'
    finding = _one(text)
    assert finding.kind == "toml-comment-in-array"
    assert finding.span == Span(26, 37)  # the first comment
    assert finding.thrown == "Unexpected end of JSON input"
    assert finding.related == ((Span(49, 54), "another comment inside the same array"),)
    assert finding.fix is not None and finding.fix.safe
    assert _fixed(text, finding) == (
        '# "pandas",\n# sci\npackages = [\n  "numpy",\n  "scipy",\n]\ndebug = true\n'
    )
    removal = finding.fix.alternative
    assert removal is not None and not removal.safe
    assert apply_edits(text, removal.edits) == (
        'packages = [\n  "numpy",\n  "scipy",\n]\ndebug = true\n'
    )


def test_comment_after_the_array_is_fine() -> None:
    text = '# the packages\npackages = [\n  "numpy",\n  "scipy",\n] # done\n'
    assert _check(text) == []


def test_inline_table_spacing_is_rewritten() -> None:
    text = "x = {a=1, b = { c=2 }}\n"
    finding = _one(text)
    assert (finding.kind, finding.span) == ("toml-inline-table-spacing", Span(4, 6))
    assert finding.thrown == "Unexpected non-whitespace character after JSON at position 4"
    assert _fixed(text, finding) == "x = { a = 1, b = { c = 2 } }\n"
    assert finding.fix is not None and finding.fix.safe


def test_spaced_inline_table_is_fine() -> None:
    assert _check("x = { a = 1, b = { c = 2 } }\ny = {}\n") == []


def test_quoted_key_in_inline_table_becomes_a_table() -> None:
    text = '[js_modules]\nmain = { "https://cdn.x/a.js" = "a" }\n'
    finding = _one(text)
    assert finding.kind == "toml-quoted-key-in-inline-table"
    assert finding.span == Span(22, 42)
    assert finding.thrown == "Expected ':' after property name in JSON at position 4"
    assert (
        _fixed(text, finding) == '[js_modules]\n\n[js_modules.main]\n"https://cdn.x/a.js" = "a"\n'
    )
    assert finding.fix is not None and finding.fix.safe


def test_quoted_key_deeper_than_a_key_value_has_no_fix() -> None:
    text = 'x = [{ "a" = 1 }]\n'
    finding = _one(text)
    assert finding.kind == "toml-quoted-key-in-inline-table"
    assert finding.fix is None


def test_dotted_key_is_stored_flat_and_moved_to_a_table() -> None:
    text = 'js_modules.main."https://cdn.x/a.js" = "a"\nname = "x"\n[files]\n"a" = "b"\n'
    finding = _one(text)
    assert (finding.kind, finding.span, finding.thrown) == ("toml-dotted-key", Span(0, 36), None)
    assert '"js_modules.main.https://cdn.x/a.js"' in finding.message
    assert _fixed(text, finding) == (
        'name = "x"\n\n[js_modules.main]\n"https://cdn.x/a.js" = "a"\n\n[files]\n"a" = "b"\n'
    )
    assert finding.fix is not None and finding.fix.safe


def test_dotted_keys_of_one_table_move_together() -> None:
    text = "a.b = 1\nc = 2\na.d.e = 3\n"
    findings = _check(text)
    assert [f.span for f in findings] == [Span(0, 3), Span(14, 19)]
    assert findings[0].fix == findings[1].fix
    assert _fixed(text, findings[0]) == "c = 2\n\n[a]\nb = 1\n\n[a.d]\ne = 3\n"


def test_dotted_key_with_spaces_is_an_ignored_line() -> None:
    finding = _one("a . b = 1\n")
    assert finding.kind == "toml-dotted-key"
    assert "silently ignores the whole line" in finding.message


def test_header_dot_spaces() -> None:
    text = "[ js_modules . main ]\nx = 1\n"
    finding = _one(text)
    assert (finding.kind, finding.span) == ("toml-header-dot-spaces", Span(0, 21))
    assert '"js_modules " and " main"' in finding.message
    assert _fixed(text, finding) == "[ js_modules.main ]\nx = 1\n"


def test_multiline_string() -> None:
    text = 'a = """abc"""\nb = """\ntwo\nlines"""\n'
    first, second = _check(text)
    assert (first.kind, first.span, first.thrown) == (
        "toml-multiline-string",
        Span(4, 7),
        "Unexpected non-whitespace character after JSON at position 4",
    )
    assert _fixed(text, first).startswith("a = 'abc'\n")
    assert second.span == Span(18, 21)
    assert second.fix is None  # a line break cannot be written for basic-toml


def test_number_formats() -> None:
    text = "a = 1_000\nb = +1\nc = 0xFF\nd = inf\ne = 1e5\nf = -0.5\n"
    findings = _check(text)
    assert [(f.span, f.thrown) for f in findings] == [
        (Span(4, 9), "Unexpected non-whitespace character after JSON at position 1"),
        (Span(14, 16), "Unexpected token '+', \"+1\" is not valid JSON"),
        (Span(21, 25), "Unexpected non-whitespace character after JSON at position 1"),
        (Span(30, 33), "Unexpected token 'i', \"inf\" is not valid JSON"),
    ]
    assert [_fixed(text, f).splitlines()[i] for i, f in enumerate(findings[:3])] == [
        "a = 1000",
        "b = 1",
        "c = 255",
    ]
    assert findings[3].fix is None


def test_escapes_kept_raw() -> None:
    text = 'a = "x\\ny"\nb = "C:\\\\new"\nc = \'C:\\new\'\n'
    first, second = _check(text)
    assert (first.kind, first.span, first.thrown) == ("toml-escape-kept-raw", Span(6, 8), None)
    assert "a backslash and an n" in first.message
    assert first.fix is None  # the value holds a line break
    assert second.span == Span(18, 20)
    assert _fixed(text, second).splitlines()[1] == "b = 'C:\\new'"


def test_string_ending_in_a_backslash() -> None:
    finding = _one("p = 'C:\\'\n")
    assert finding.kind == "toml-escape-kept-raw"
    assert finding.thrown == "Unexpected token ''', \"'C:\\'\" is not valid JSON"


def test_ignored_lines_supersede_the_syntax_problem() -> None:
    text = 'packages: ["numpy"]\nstray\n[a] x = 1\n'
    parsed = parse_toml(text)
    findings = check_toml(text, parsed, BASIC_TOML_04)
    assert [f.kind for f in findings] == ["toml-ignored-line"] * 3
    assert [f.span for f in findings] == [p.span for p in parsed.problems]
    assert all(f.supersedes for f in findings)
    assert 'TOML uses "=", not ":"' in findings[0].hint
    assert '"x = 1" never reaches the config' in findings[2].message


def test_duplicates_and_repeated_tables() -> None:
    text = "a = 1\na = 2\n[t]\nk = 1\n[t]\nk = 2\n"
    findings = _check(text)
    assert [(f.kind, f.span, f.supersedes) for f in findings] == [
        ("toml-duplicate-key", Span(6, 7), True),
        ("toml-repeated-table", Span(22, 25), True),
        ("toml-duplicate-key", Span(26, 27), False),
    ]
    assert findings[0].related == ((Span(0, 1), "first set here"),)
    assert findings[1].related == ((Span(12, 15), "first defined here"),)


def test_dates_and_times() -> None:
    text = (
        "t = 07:32:00\nd = 1979-05-27\nl = 1979-05-27T07:32:00\n"
        "z = 1979-05-27T07:32:00Z\nf = 1979-05-27T07:32:00.5Z\n"
    )
    findings = _check(text)
    assert [f.kind for f in findings] == [
        "toml-local-time",
        "toml-date-value",
        "toml-date-value",
        "toml-date-value",
        "toml-date-format",
    ]
    assert "becomes null" in findings[0].message
    assert findings[0].fix is not None and not findings[0].fix.safe
    assert '"1979-05-27T00:00:00.000Z"' in findings[1].message
    assert "time zone" in findings[2].message
    assert findings[4].thrown == "Unexpected non-whitespace character after JSON at position 4"


def test_trailing_comma_only_on_0_3() -> None:
    text = 'packages = [\n "Pillow",\n "beartype",\n]\n'
    assert _check(text, BASIC_TOML_04) == []
    finding = _one(text, BASIC_TOML_03)
    assert (finding.kind, finding.span) == ("toml-trailing-comma", Span(35, 36))
    assert finding.thrown == 'Unexpected token \']\', "[ "s0",  "s1", ]" is not valid JSON'
    assert _fixed(text, finding) == 'packages = [\n "Pillow",\n "beartype"\n]\n'


def test_line_break_before_a_comma_is_reported_as_unsupported() -> None:
    finding = _one('packages = ["numpy"\n  , "pandas"]\n')
    assert finding.kind == "toml-unsupported"
    assert finding.thrown == "Expected ',' or ']' after array element in JSON at position 5"


def test_unsupported_is_not_claimed_for_invalid_toml() -> None:
    text = 'packages = [\n    "numpy",\n    "pandas"\n\n[files]\n"./utils.py" = ""\n'
    assert _check(text) == []  # the TOML syntax error is the diagnostic there


def test_big_integer() -> None:
    finding = _one("seed = 9007199254740993\n")
    assert finding.kind == "toml-big-integer"
    assert "PyScript gets 9007199254740992" in finding.message


def test_what_basic_toml_reads_is_not_reported() -> None:
    text = (
        'packages = ["numpy", "pandas>=2"]\n'
        "debug = true\nratio = 0.5\nempty = []\n"
        "[files]\n\"./a b.py\" = ''\n'' = \"x\"\n"
        '[files."a.b"]\nx = { y = 1, z = [1, 2] }\n'
        "[[fetch]]\nfrom = 'https://x/'\n"
    )
    assert _check(text) == []


def test_toml_key_spelling() -> None:
    assert toml_key("files") == "files"
    assert toml_key("a.b") == '"a.b"'
    assert toml_key('say "hi"') is None
    assert toml_key("") is None


def test_fixes_keep_crlf_line_ends() -> None:
    text = 'packages = [\r\n  "numpy", # c\r\n]\r\na.b = 1\r\n[t]\r\nx = 1\r\n'
    comment, dotted = _check(text)
    assert (
        _fixed(text, comment)
        == '# c\r\npackages = [\r\n  "numpy",\r\n]\r\na.b = 1\r\n[t]\r\nx = 1\r\n'
    )
    assert _fixed(text, dotted) == (
        'packages = [\r\n  "numpy", # c\r\n]\r\n\r\n[a]\r\nb = 1\r\n\r\n[t]\r\nx = 1\r\n'
    )
