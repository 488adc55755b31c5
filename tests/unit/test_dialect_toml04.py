"""The toml-j0.4 checker against the real parser (py-editor, py-game, main <= 2026.1.1).

Expected messages were recorded once in Node 20.20.2 with the parser PyScript ships,
`@pyscript/core@0.7.31` `src/3rd-party/toml.js`:

    cd /tmp/np && npm pack @pyscript/core@0.7.31   # untar it
    # import { parse } from './pyscript-core-0.7.31/package/src/3rd-party/toml.js'
    # try { parse(s); null } catch (e) { e.message }

None means the parser accepts the text. toml-j0.4 stops at its first error, so the
first finding (in text order) must carry exactly that message.
"""

from __future__ import annotations

import pytest

from pyscript_config.dialects import TOML_J04, check_toml
from pyscript_config.dialects.findings import apply_edits
from pyscript_config.reading.toml_reader import parse_toml
from pyscript_config.text import Span

# (TOML text, toml-j0.4's message or None), recorded in Node.
RECORDED = [
    ("a.b = 1", 'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.'),
    ("x = 1\na.b = 1", 'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.'),
    ("  a.b = 1", 'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.'),
    ('"a".b = 1', 'Expected "=" or Whitespace but "." found.'),
    ("a .b = 1", 'Expected "=" or Whitespace but "." found.'),
    ("a. b = 1", 'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.'),
    ("[t]\na.b = 1", 'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.'),
    (
        "x = { a.b = 1 }",
        'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.',
    ),
    (
        "x = { y = 1, a.b = 1 }",
        'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.',
    ),
    (
        "x = [{ a.b = 1 }]",
        'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.',
    ),
    (
        "'a' = 1",
        'Expected "[", Comment, DoubleQuote, Newline, Whitespace, [a-z], [A-Z], [0-9], "-", "_", or end of input but "\'" found.',
    ),
    (
        "x = 1\n'a' = 1",
        'Expected "[", Comment, DoubleQuote, Newline, Whitespace, [a-z], [A-Z], [0-9], "-", "_", or end of input but "\'" found.',
    ),
    (
        "['a']",
        'Expected "[", DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "\'" found.',
    ),
    (
        "[ 'a' ]",
        'Expected DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "\'" found.',
    ),
    (
        "[a.'b']",
        'Expected DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "\'" found.',
    ),
    (
        "[['a']]",
        'Expected DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "\'" found.',
    ),
    (
        "[[ 'a' ]]",
        'Expected DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "\'" found.',
    ),
    (
        "x = { 'a' = 1 }",
        'Expected "}", DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "\'" found.',
    ),
    (
        "x = { a = 1, 'b' = 2 }",
        'Expected DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "\'" found.',
    ),
    ("a.'b' = 1", 'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.'),
    ('"" = 1', 'Expected Backslash or NormalCharacter but "\\"" found.'),
    ('[t]\n"" = ""', 'Expected Backslash or NormalCharacter but "\\"" found.'),
    ('[""]', 'Expected Backslash or NormalCharacter but "\\"" found.'),
    ('x = { "" = 1 }', 'Expected Backslash or NormalCharacter but "\\"" found.'),
    ('a."" = 1', 'Expected "=", Whitespace, or [a-z], [A-Z], [0-9], "-", "_" but "." found.'),
    ('[a.""]', 'Expected Backslash or NormalCharacter but "\\"" found.'),
    ("a = 1\na = 2", 'Value for "a" should not be redefined in the same table.'),
    ("[a]\n[a]", 'Value for "a" should not be redefined in the same table.'),
    ("[a]\nx=1\n[a]", 'Value for "a" should not be redefined in the same table.'),
    ("[[a]]\n[a]", 'Value for "a" should not be redefined in the same table.'),
    ("[a]\n[[a]]", 'Value for "a" should not be redefined in the same table.'),
    ("x = { a = 1, a = 2 }", 'Value for "a" should not be redefined in the same table.'),
    ("[a.b]\n[a]\n[a]", 'Value for "a" should not be redefined in the same table.'),
    ("[[a]]\n[a.b]\n[[a]]\n[a.b]", None),
    ("a = {}\n[a]", 'Value for "a" should not be redefined in the same table.'),
    ("[a]\nb = 1\n[a.b]", 'Value for "a"."b" should not be redefined in the same table.'),
    ('x = [1, "a"]', '"a" should be of type "Integer".'),
    ('x = [1, 2, "a"]', '"a" should be of type "Integer".'),
    ('x = ["a", 1, 2]', '1 should be of type "String".'),
    ('x = [1, "a", 2.5]', '2.5 should be of type "String".'),
    ('x = [[1], ["a"]]', None),
    ("x = [1979-05-27T07:32:00Z, 1]", '1 should be of type "DateTime".'),
    ("x = [{ a = 1 }, [1]]", '[1] should be of type "InlineTable".'),
    ("x = [1, 1.5]", '1.5 should be of type "Integer".'),
    ("x = [true, 1e5]", '100000 should be of type "Boolean".'),
    ("t = 07:32:00", "integer must not contain leading zeros"),
    (
        "t = 17:32:00",
        'Expected ".", "E", "_", "e", Comment, Newline, Whitespace, [0-9], or end of input but ":" found.',
    ),
    (
        "t = [17:32:00]",
        'Expected ",", ".", "E", "]", "_", "e", Comment, Newline, Whitespace, or [0-9] but ":" found.',
    ),
    ("t = [07:32:00]", "integer must not contain leading zeros"),
    (
        "t = { a = 17:32:00 }",
        'Expected ",", ".", "E", "_", "e", "}", Whitespace, or [0-9] but ":" found.',
    ),
    ("d = 1979-05-27", 'Expected "T" but end of input found.'),
    ("d = 1979-05-27\n", 'Expected "T" but "\\n" found.'),
    ("d = [1979-05-27]", 'Expected "T" but "]" found.'),
    (
        "d = 1979-05-27T07:32:00",
        'Expected "." or TimeOffset (Z or +/-HH:MM) but end of input found.',
    ),
    (
        "d = 1979-05-27T07:32:00.5",
        "Expected TimeOffset (Z or +/-HH:MM) or [0-9] but end of input found.",
    ),
    ("d = 1979-05-27 07:32:00Z", 'Expected "T" but " " found.'),
    ("d = 1979-05-27t07:32:00Z", 'Expected "T" but "t" found.'),
    ("d = 1979-05-27T07:32:00z", 'Expected "." or TimeOffset (Z or +/-HH:MM) but "z" found.'),
    ("d = 1979-05-27T07:32:00Z # c", None),
    ("d = { a = 1979-05-27 }", 'Expected "T" but " " found.'),
    (
        "x = 0xff",
        'Expected ".", "E", "_", "e", Comment, Newline, Whitespace, [0-9], or end of input but "x" found.',
    ),
    (
        "x = 0o7",
        'Expected ".", "E", "_", "e", Comment, Newline, Whitespace, [0-9], or end of input but "o" found.',
    ),
    (
        "x = 0b1",
        'Expected ".", "E", "_", "e", Comment, Newline, Whitespace, [0-9], or end of input but "b" found.',
    ),
    (
        "x = inf",
        'Expected "+", "-", "[", "false", "true", "{", DoubleQuote, FullDate (YYYY-mm-dd), SingleQuote, ThreeDoubleQuotes, ThreeSingleQuotes, Whitespace, or [0-9] but "i" found.',
    ),
    ("x = +inf", 'Expected [0-9] but "i" found.'),
    ("x = -nan", 'Expected [0-9] but "n" found.'),
    (
        "x = [0x1]",
        'Expected ",", ".", "E", "]", "_", "e", Comment, Newline, Whitespace, or [0-9] but "x" found.',
    ),
    ("x = 1e05", None),
    ("x = 1e5", None),
    ("x = 1_000", None),
    ("x = +1", None),
    ("x = -0", None),
    ("x = 0.5", None),
    ("x = 1.5e-05", None),
    ('x = "\\u00e9"', None),
    ('x = "\\U0001F600"', None),
    ('packages = [\n  "numpy",\n  # "pandas",\n  "scipy",\n]', None),
    ('packages = [\n "Pillow",\n "beartype",\n]', None),
    ("x = {a=1}", None),
    ('x = { "a" = 1 }', None),
    ('x = """\nabc\n"""', None),
    ('x = "C:\\\\new"', None),
    ("[ a . b ]\nx = 1", None),
    ('[files."a.b"]\nx = 1', None),
    ('x = [[1], ["a"]]', None),
]


@pytest.mark.parametrize(("text", "message"), RECORDED)
def test_first_finding_quotes_the_parser(text: str, message: str | None) -> None:
    thrown = [f.thrown for f in check_toml(text, parse_toml(text), TOML_J04) if f.thrown]
    if message is None:
        assert thrown == []
    else:
        assert thrown[:1] == [message]


def _only(text: str) -> tuple[str, Span, str]:
    findings = check_toml(text, parse_toml(text), TOML_J04)
    assert len(findings) == 1, findings
    finding = findings[0]
    return finding.kind, finding.span, apply_edits(text, finding.fix.edits) if finding.fix else ""


def test_dotted_key_is_reported_whole_and_moved_to_a_table() -> None:
    text = 'name = "x"\njs_modules.main."https://a/b.js" = "b"\n[files]\n"a.py" = ""\n'
    kind, span, fixed = _only(text)
    assert kind == "toml-dotted-key"
    assert span == Span(11, 43)
    assert fixed == (
        'name = "x"\n\n[js_modules.main]\n"https://a/b.js" = "b"\n\n[files]\n"a.py" = ""\n'
    )


def test_single_quoted_header_key_is_double_quoted() -> None:
    kind, span, fixed = _only("['files']\n")
    assert (kind, span, fixed) == ("toml-literal-key", Span(1, 8), "[files]\n")


def test_empty_key_has_no_fix() -> None:
    assert _only('[something]\n"" = ""\n') == ("toml-empty-key", Span(12, 14), "")


def test_redefinition_supersedes_the_syntax_problem() -> None:
    text = "[a]\nx = 1\n[a]\ny = 2\n"
    parsed = parse_toml(text)
    [finding] = check_toml(text, parsed, TOML_J04)
    assert finding.supersedes
    assert finding.span == parsed.problems[0].span == Span(10, 13)
    assert finding.related == ((Span(0, 3), "first defined here"),)


def test_local_time_fix_is_unsafe() -> None:
    [finding] = check_toml("t = 07:32:00\n", parse_toml("t = 07:32:00\n"), TOML_J04)
    assert finding.fix is not None
    assert not finding.fix.safe
    assert apply_edits("t = 07:32:00\n", finding.fix.edits) == 't = "07:32:00"\n'


def test_what_toml_0_4_reads_is_not_reported() -> None:
    text = (
        'packages = [\n  "numpy",  # the main one\n  "scipy",\n]\n'
        'x = 1_000\ny = +1\ns = """\ntwo\nlines"""\nt = { a=1 }\n'
        '[files."a.b"]\n"./x.py" = ""\n'
    )
    assert check_toml(text, parse_toml(text), TOML_J04) == []


def test_a_date_time_becomes_its_iso_text() -> None:
    text = "d = 1979-05-27T07:32:00-07:00\n"
    [finding] = check_toml(text, parse_toml(text), TOML_J04)
    assert (finding.kind, finding.span, finding.thrown) == ("toml-date-value", Span(4, 29), None)
    assert 'holds the text "1979-05-27T14:32:00.000Z"' in finding.message
