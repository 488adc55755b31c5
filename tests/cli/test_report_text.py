"""The text reporter: exact output for known diagnostics, with and without colour."""

from __future__ import annotations

from pyscript_config.cli.report import Counts, Locator, Report, count
from pyscript_config.cli.report.text import render, summary_line
from pyscript_config.diagnostics import Diagnostic, Fix, Related, Severity, TextEdit
from pyscript_config.text import Span

TOML = '# config\npackages = "numpy"\ndebug = true\n'
HTML = '<html>\n<script type="py" config="./pyscript.toml"></script>\n</html>\n'
TEXTS = {"site/pyscript.toml": TOML, "site/index.html": HTML}

URL = Span(33, 48)  # ./pyscript.toml in HTML
assert HTML[URL.start : URL.end] == "./pyscript.toml"
NUMPY = Span(20, 27)
assert TOML[NUMPY.start : NUMPY.end] == '"numpy"'

DIAGNOSTICS = [
    Diagnostic(
        "PSC200",
        Severity.ERROR,
        "bad config URL",
        "site/index.html",
        URL,
        fix=Fix("Use a .toml file", (TextEdit("site/index.html", URL, "./a.toml"),)),
    ),
    Diagnostic(
        "PSC102",
        Severity.ERROR,
        '"packages" must be an array of strings, not a string',
        "site/pyscript.toml",
        NUMPY,
        related=(Related("site/index.html", URL, "used by this page"),),
    ),
    Diagnostic("PSC101", Severity.HINT, 'custom key "debug"', "site/pyscript.toml", Span(28, 33)),
]


def report(diagnostics: list[Diagnostic], texts: dict[str, str] | None = None) -> Report:
    known = TEXTS if texts is None else texts
    return Report(diagnostics, sorted(known), Locator(known.get))


def test_plain_text_output_is_exact() -> None:
    expected = (
        "site/index.html:2:27: PSC200 bad config URL\n"
        "  |\n"
        "1 | <html>\n"
        '2 | <script type="py" config="./pyscript.toml"></script>\n'
        "  |                           ^^^^^^^^^^^^^^^ error\n"
        "3 | </html>\n"
        "  |\n"
        "  help: Use a .toml file\n"
        "\n"
        'site/pyscript.toml:2:12: PSC102 "packages" must be an array of strings, not a string\n'
        "  |\n"
        "1 | # config\n"
        '2 | packages = "numpy"\n'
        "  |            ^^^^^^^ error\n"
        "3 | debug = true\n"
        "  |\n"
        "  note: site/index.html:2:27: used by this page\n"
        "\n"
        'site/pyscript.toml:3:1: PSC101 custom key "debug"\n'
        "  |\n"
        '2 | packages = "numpy"\n'
        "3 | debug = true\n"
        "  | ^^^^^ hint\n"
        "  |\n"
    )
    assert render(report(DIAGNOSTICS)) == expected


def test_coloured_output_marks_path_code_and_carets() -> None:
    text = render(report(DIAGNOSTICS), color=True)
    lines = text.splitlines()
    assert lines[0] == "\x1b[1msite/index.html\x1b[0m:2:27: \x1b[31mPSC200\x1b[0m bad config URL"
    assert lines[4] == "  |                           \x1b[31m^^^^^^^^^^^^^^^ error\x1b[0m"
    hint = next(line for line in lines if "custom key" in line)
    assert hint == ('\x1b[1msite/pyscript.toml\x1b[0m:3:1: \x1b[2mPSC101\x1b[0m custom key "debug"')
    assert "  | \x1b[2m^^^^^ hint\x1b[0m" in lines
    # Without colour there is no escape character at all.
    assert "\x1b" not in render(report(DIAGNOSTICS), color=False)


def test_warning_and_info_colours() -> None:
    warning = Diagnostic("PSC100", Severity.WARNING, "w", "site/pyscript.toml", Span(9, 17))
    info = Diagnostic("PSC101", Severity.INFORMATION, "i", "site/pyscript.toml", Span(9, 17))
    text = render(report([warning, info]), color=True)
    assert "\x1b[33mPSC100\x1b[0m w" in text
    assert "\x1b[34mPSC101\x1b[0m i" in text


def test_multi_line_range_is_underlined_to_the_end_of_its_first_line() -> None:
    texts = {"a.toml": 'x = [\n  "a",\n]\n'}
    diagnostic = Diagnostic("PSC102", Severity.ERROR, "m", "a.toml", Span(4, 14))
    assert render(report([diagnostic], texts)) == (
        'a.toml:1:5: PSC102 m\n  |\n1 | x = [\n  |     ^ error\n2 |   "a",\n  |\n'
    )


def test_empty_range_at_end_of_line_gets_one_caret() -> None:
    texts = {"a.toml": 'x = "a\ny = 1\n'}
    diagnostic = Diagnostic("PSC001", Severity.ERROR, "unterminated", "a.toml", Span(6, 6))
    assert render(report([diagnostic], texts)).splitlines()[3] == "  |       ^ error"


def test_tabs_wide_characters_and_control_characters_keep_carets_aligned() -> None:
    line = '\t名前 = "\x1bx"'
    texts = {"a.toml": line + "\n"}
    start = line.index('"')
    diagnostic = Diagnostic("PSC102", Severity.ERROR, "m", "a.toml", Span(start, start + 4))
    lines = render(report([diagnostic], texts)).splitlines()
    # tab -> 4 spaces, each CJK character is two cells, ESC is shown as its picture.
    assert lines[2] == '1 |     名前 = "\u241bx"'
    assert lines[3] == "  |            ^^^^ error"


def test_long_lines_are_cut_to_a_window_around_the_range() -> None:
    line = "a" * 300 + "BAD" + "b" * 300
    texts = {"min.html": line}
    diagnostic = Diagnostic("PSC200", Severity.ERROR, "m", "min.html", Span(300, 303))
    lines = render(report([diagnostic], texts)).splitlines()
    assert lines[0] == "min.html:1:301: PSC200 m"
    shown = lines[2]
    assert shown == "1 | …" + "a" * 40 + "BAD" + "b" * 77 + "…"
    assert lines[3] == "  | " + " " * 41 + "^^^ error"


def test_file_text_unavailable_gives_the_header_only() -> None:
    diagnostic = Diagnostic("PSC004", Severity.WARNING, "too large", "big.html", Span(0, 0))
    texts: dict[str, str] = {}
    assert render(report([diagnostic], texts)) == "big.html:1:1: PSC004 too large\n"


def test_messages_with_control_characters_are_escaped() -> None:
    texts = {"a.toml": "x = 1\n"}
    diagnostic = Diagnostic("PSC100", Severity.WARNING, 'key "\x1b[2J"\nnext', "a.toml", Span(0, 1))
    header = render(report([diagnostic], texts)).splitlines()[0]
    assert header == 'a.toml:1:1: PSC100 key "\\x1b[2J"\\nnext'


def test_summary_counts_errors_and_warnings_with_plurals() -> None:
    e = Diagnostic("PSC102", Severity.ERROR, "m", "a.toml", Span(0, 1))
    w = Diagnostic("PSC100", Severity.WARNING, "m", "b.toml", Span(0, 1))
    h = Diagnostic("PSC101", Severity.HINT, "m", "c.toml", Span(0, 1))
    three_errors_one_warning = [e, e, e, w]
    assert summary_line(count(three_errors_one_warning), three_errors_one_warning) == (
        "Found 3 errors and 1 warning in 2 files."
    )
    assert summary_line(count([e]), [e]) == "Found 1 error in 1 file."
    assert summary_line(count([w, w]), [w, w]) == "Found 2 warnings in 1 file."
    # Hints and info are shown but are not problems.
    assert summary_line(count([h]), [h]) == "All checks passed!"
    assert summary_line(Counts(), []) == "All checks passed!"
    assert summary_line(Counts(), [], failures=2) == (
        "No problems found in the files that were checked; 2 paths could not be checked."
    )
    assert summary_line(count([e]), [e], failures=1) == (
        "Found 1 error in 1 file; 1 path could not be checked."
    )
