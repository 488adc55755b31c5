"""suppress.py: reading suppression comments, what they cover, and their own diagnostics."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from pyscript_config.check import check_text
from pyscript_config.diagnostics import Diagnostic, Severity
from pyscript_config.files import FileKind, LoadFailure, LoadProblem, SourceFile
from pyscript_config.fixes import apply_edits
from pyscript_config.reading.html_reader import read_page
from pyscript_config.settings import PerFileIgnore, Settings
from pyscript_config.suppress import agreed, parse_directive
from pyscript_config.text import LineIndex, Span

LOADER = '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>'
SCRIPT = '<script type="py">print(1)</script>\n'


def codes_at(diagnostics: list[Diagnostic], text: str) -> list[tuple[str, int, int]]:
    index = LineIndex(text)
    return [(d.code, *index.line_col(d.span.start)) for d in diagnostics]


def toml(text: str, settings: Settings | None = None) -> list[Diagnostic]:
    return check_text("site/pyscript.toml", text, settings=settings)


def page(body: str) -> str:
    """A page with a loader and a script, so that its configs are used."""
    return (
        f"<!DOCTYPE html>\n<html>\n<head>\n{LOADER}\n</head>\n<body>\n{body}"
        f"{SCRIPT}</body>\n</html>\n"
    )


def reader(files: dict[str, str]) -> Callable[[str], SourceFile | LoadProblem]:
    def read(path: str) -> SourceFile | LoadProblem:
        if path in files:
            return SourceFile(path, files[path], FileKind.TOML)
        return LoadProblem(path, LoadFailure.MISSING, "no such file")

    return read


def fixed(text: str, diagnostic: Diagnostic) -> str:
    assert diagnostic.fix is not None and diagnostic.fix.safe
    return apply_edits(text, diagnostic.fix.edits)


# -- the comment's grammar --------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "file_level", "codes"),
    [
        (" pyscript-config: ignore", False, None),
        (" pyscript-config: ignore[PSC101]", False, ("PSC101",)),
        ("pyscript-config:ignore[psc101,PSC102]", False, ("PSC101", "PSC102")),
        (" pyscript-config: ignore [ PSC101  PSC102 ] because", False, ("PSC101", "PSC102")),
        (" PyScript-Config: IGNORE-FILE[PSC101]", True, ("PSC101",)),
        (" pyscript-config: ignore-file", True, None),
        (" pyscript-config: ignore -- the build writes this file", False, None),
    ],
)
def test_valid_directives(body: str, file_level: bool, codes: tuple[str, ...] | None) -> None:
    found = parse_directive(body, 0, len(body))
    assert found is not None and found.error is None
    assert found.file_level is file_level
    assert (None if found.codes is None else tuple(c[0] for c in found.codes)) == codes


def test_code_positions_are_those_of_the_written_codes() -> None:
    body = "# pyscript-config: ignore[PSC101, psc102]"
    found = parse_directive(body, 1, len(body))
    assert found is not None and found.codes is not None
    assert [(c, body[s:e]) for c, s, e in found.codes] == [
        ("PSC101", "PSC101"),
        ("PSC102", "psc102"),
    ]
    assert body[found.start : found.end] == "pyscript-config: ignore[PSC101, psc102]"


@pytest.mark.parametrize(
    ("body", "reason"),
    [
        (" pyscript-config: ignroe[PSC101]", 'unknown directive "ignroe"'),
        (" pyscript-config: ignored", 'unknown directive "ignored"'),
        (" pyscript-config:", "no directive"),
        (" pyscript-config: ignore[PSC101", "the code list has no ]"),
        (" pyscript-config: ignore[ ]", "the code list is empty"),
        (" pyscript-config: ignore PSC101", "codes go in brackets"),
        (" pyscript-config: ignore: PSC101", "codes go in brackets"),
        (" pyscript-config: ignore,PSC101", "codes go in brackets"),
    ],
)
def test_malformed_directives_say_why(body: str, reason: str) -> None:
    found = parse_directive(body, 0, len(body))
    assert found is not None and found.error is not None
    assert found.error.startswith(reason + "; write pyscript-config: ignore[CODE, ...]")


@pytest.mark.parametrize(
    "body", [" just a comment", " see the pyscript-config: docs", " pyscript-configure: ignore"]
)
def test_other_comments_are_not_directives(body: str) -> None:
    assert parse_directive(body, 0, len(body)) is None


# -- TOML ------------------------------------------------------------------------------


def test_trailing_comment_covers_diagnostics_starting_on_its_line_only() -> None:
    text = (
        'theme = "dark"  # pyscript-config: ignore[PSC101]\n'
        'accent = "teal"\n'
        'packages = "numpy"  # pyscript-config: ignore[PSC101]\n'
    )
    found = toml(text)
    # Line 2 is not covered; on line 3 the comment names another code than the one there.
    assert codes_at(found, text) == [("PSC101", 2, 1), ("PSC102", 3, 12), ("PSC901", 3, 23)]


def test_own_line_comment_covers_the_next_line_that_is_not_a_comment() -> None:
    text = (
        "# pyscript-config: ignore[PSC101]\n"
        "# pyscript-config: ignore[PSC100]\n"
        "   # an explanation\n"
        'theme = "dark"\n'
        'pakages = ["numpy"]\n'
    )
    found = toml(text)
    # Both comments apply to `theme`: PSC101 is suppressed there, PSC100 finds nothing.
    assert codes_at(found, text) == [("PSC901", 2, 3), ("PSC100", 5, 1)]


def test_own_line_comment_at_the_end_covers_nothing() -> None:
    text = 'theme = "dark"\n# pyscript-config: ignore[PSC101]'
    assert codes_at(toml(text), text) == [("PSC101", 1, 1), ("PSC901", 2, 3)]


def test_a_syntax_error_can_be_suppressed_on_its_line() -> None:
    text = 'packages = ["numpy",, ]  # pyscript-config: ignore[PSC001]\n'
    assert toml(text) == []


def test_comments_inside_strings_are_not_suppressions() -> None:
    text = 'theme = "# pyscript-config: ignore[PSC101]"\n'
    assert codes_at(toml(text), text) == [("PSC101", 1, 1)]


def test_ignore_file_in_inline_toml_covers_that_config() -> None:
    html = page("<py-config>\n# pyscript-config: ignore-file[PSC100]\ntheme = 1\n</py-config>\n")
    found = check_text("index.html", html)
    assert [(d.code, d.message) for d in found] == [
        ("PSC901", "unused suppression: no PSC100 diagnostic in this config to ignore"),
        (
            "PSC101",
            '"theme" is not a PyScript setting; it is a custom key your code can read '
            "from pyscript.config",
        ),
    ]


# -- unused suppressions and their fixes ------------------------------------------------


def test_unused_trailing_comment_is_removed_with_the_spaces_before_it() -> None:
    text = 'packages = ["numpy"]\t # pyscript-config: ignore[PSC102]\r\ndebug = true\r\n'
    [unused] = toml(text)
    assert unused.code == "PSC901" and unused.severity is Severity.WARNING
    assert text[unused.span.start : unused.span.end] == "pyscript-config: ignore[PSC102]"
    assert unused.fix is not None and unused.fix.title == "Remove the unused suppression comment"
    assert fixed(text, unused) == 'packages = ["numpy"]\r\ndebug = true\r\n'


def test_unused_own_line_comment_is_removed_with_its_line() -> None:
    text = 'debug = true\r\n  # pyscript-config: ignore\r\npackages = ["numpy"]\r\n'
    [unused] = toml(text)
    assert unused.message == "unused suppression: no diagnostic on the next line to ignore"
    assert fixed(text, unused) == 'debug = true\r\npackages = ["numpy"]\r\n'


def test_one_unused_code_of_several_is_removed_from_the_list() -> None:
    text = 'theme = "dark"  # pyscript-config: ignore[PSC102, PSC101, PSC100]\n'
    found = toml(text)
    assert [d.message for d in found] == [
        '"PSC102" in this suppression is unused: no PSC102 diagnostic on this line',
        '"PSC100" in this suppression is unused: no PSC100 diagnostic on this line',
    ]
    assert fixed(text, found[0]) == 'theme = "dark"  # pyscript-config: ignore[PSC101, PSC100]\n'
    assert fixed(text, found[1]) == 'theme = "dark"  # pyscript-config: ignore[PSC102, PSC101]\n'


def test_unknown_codes_are_reported_and_never_judged_unused() -> None:
    text = 'theme = "dark"  # pyscript-config: ignore[PSC1O1, PSC999]\n'
    found = toml(text)
    assert [(d.code, text[d.span.start : d.span.end]) for d in found] == [
        ("PSC101", "theme"),
        ("PSC902", "PSC1O1"),
        ("PSC902", "PSC999"),
    ]
    assert found[1].message.endswith('did you mean "PSC101"?')  # O for 0
    assert found[2].message == 'unknown code "PSC999" in suppression comment'
    assert found[1].fix is None


def test_known_unused_and_unknown_codes_make_the_whole_comment_unused() -> None:
    text = 'packages = ["numpy"]  # pyscript-config: ignore[PSC999, PSC101]\n'
    found = toml(text)
    assert [d.code for d in found] == ["PSC901", "PSC902"]
    assert found[0].message == "unused suppression: no PSC101 diagnostic on this line to ignore"
    assert fixed(text, found[0]) == 'packages = ["numpy"]\n'


# -- settings: what is judged ------------------------------------------------------------


def test_codes_the_run_does_not_report_are_not_judged() -> None:
    text = '# pyscript-config: ignore\npackages = ["numpy"]  # pyscript-config: ignore[PSC102]\n'
    assert codes_at(toml(text), text) == [("PSC901", 1, 3), ("PSC901", 2, 25)]
    # A run narrowed by --select judges only the codes it reports; a bare comment is
    # judged only when every code is reported.
    assert codes_at(toml(text, Settings(select=("PSC1", "PSC9"))), text) == [("PSC901", 2, 25)]
    assert toml(text, Settings(select=("PSC101", "PSC9"))) == []
    assert codes_at(toml(text, Settings(ignore=("PSC102",))), text) == [("PSC901", 1, 3)]
    ignored_here = PerFileIgnore("site/*.toml", ("PSC102",))
    found = toml(text, Settings(per_file_ignores=(ignored_here,)))
    assert codes_at(found, text) == [("PSC901", 1, 3)]


def test_suppressed_diagnostics_that_settings_drop_do_not_count_as_used() -> None:
    text = 'theme = "dark"  # pyscript-config: ignore[PSC101, PSC100]\n'
    # PSC101 occurs and is suppressed; PSC100 does not occur: partial.
    assert [d.code for d in toml(text)] == ["PSC901"]
    # With PSC101 ignored by settings, it is not judged either: still only PSC100.
    found = toml(text, Settings(ignore=("PSC101",)))
    assert [text[d.span.start : d.span.end] for d in found] == ["PSC100"]


def test_per_file_ignores_drop_codes_for_matching_files_only() -> None:
    rules = (PerFileIgnore("*.toml", ("PSC1",)), PerFileIgnore("other/**", ("PSC9",)))
    settings = Settings(per_file_ignores=rules)
    assert settings.wants_in("PSC101", "site/pyscript.toml") is False
    assert settings.wants_in("PSC101", "site/index.html") is True
    assert settings.wants_in("PSC901", "other/deep/index.html") is False  # * crosses "/"
    assert settings.wants_in("PSC901", "others/index.html") is True
    assert toml('theme = "dark"\n', settings) == []


def test_unused_suppressions_can_be_silenced_by_a_file_level_comment() -> None:
    text = "# pyscript-config: ignore-file[PSC901]\nx = 1  # pyscript-config: ignore[PSC102]\n"
    assert codes_at(toml(text), text) == [("PSC101", 2, 1)]
    text = "# pyscript-config: ignore-file[PSC901]\n"
    assert codes_at(toml(text), text) == [("PSC901", 1, 3)]


# -- HTML ------------------------------------------------------------------------------


def test_html_comment_covers_the_element_that_follows_including_its_attributes() -> None:
    html = page(
        "<!-- pyscript-config: ignore[PSC300, PSC101] -->\n"
        '<script type="py" config="./missing.toml"></script>\n'
    )
    [unused] = check_text("index.html", html, read=reader({}))
    assert (unused.code, html[unused.span.start : unused.span.end]) == ("PSC901", "PSC101")
    assert unused.message == (
        '"PSC101" in this suppression is unused: no PSC101 diagnostic in the element that follows'
    )
    assert "\n<!-- pyscript-config: ignore[PSC300] -->\n" in fixed(html, unused)


def test_unused_html_comment_alone_on_its_line_is_removed_with_the_line() -> None:
    html = page(
        '  <!-- pyscript-config: ignore -->  \r\n<py-config>packages = ["numpy"]</py-config>\n'
    )
    [unused] = check_text("index.html", html)
    assert unused.message == (
        "unused suppression: no diagnostic in the element that follows to ignore"
    )
    assert fixed(html, unused) == page('<py-config>packages = ["numpy"]</py-config>\n')


def test_unused_html_comment_beside_other_markup_is_removed_alone() -> None:
    html = page(
        '<p>x</p><!-- pyscript-config: ignore --><py-config>packages = ["numpy"]</py-config>\n'
    )
    [unused] = check_text("index.html", html)
    assert fixed(html, unused) == page('<p>x</p><py-config>packages = ["numpy"]</py-config>\n')


def test_comment_like_text_in_scripts_is_not_a_comment() -> None:
    parsed = read_page("x.html", "<script>/* <!-- pyscript-config: ignore --> */</script><!--a-->")
    assert [parsed.text[s:e] for s, e in parsed.comments] == ["<!--a-->"]


def test_page_comments_are_recorded_with_their_delimiters() -> None:
    text = "<!---->a<!-->b<!--->c<!-- x --!>d<!-- open"
    parsed = read_page("x.html", text)
    assert [text[s:e] for s, e in parsed.comments] == [
        "<!---->",
        "<!-->",
        "<!--->",
        "<!-- x --!>",
        "<!-- open",
    ]


# -- several checks of one file ----------------------------------------------------------


def test_an_unused_suppression_counts_only_when_every_check_of_its_file_agrees() -> None:
    def unused(path: str, start: int) -> Diagnostic:
        return Diagnostic("PSC901", Severity.WARNING, "unused", path, Span(start, start + 5))

    shared = unused("site/pyscript.toml", 10)
    other = Diagnostic("PSC101", Severity.HINT, "custom", "site/pyscript.toml", Span(0, 5))
    main_page = (["site/main.html", "site/pyscript.toml"], [shared, other])
    worker_page = (["site/worker.html", "site/pyscript.toml"], [other])
    assert agreed([main_page, worker_page]) == [other, other]
    both = (["site/worker.html", "./site/pyscript.toml"], [unused("./site/pyscript.toml", 10)])
    assert [d.code for d in agreed([main_page, both])] == ["PSC901", "PSC101", "PSC901"]
