"""Parses and dialect findings kept by content: identical text hits, an edit misses,
the caches are bounded, and results are the same as without the cache."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from functools import partial

import pytest

from pyscript_config import check
from pyscript_config.check import check_source, parse_region, parse_text
from pyscript_config.content_cache import CacheStats, ContentCache
from pyscript_config.extract import file_region
from pyscript_config.files import FileKind, SourceFile
from pyscript_config.regions import Interpreter, Pipeline, Syntax
from pyscript_config.rules import dialect_rules
from pyscript_config.rules.dialect_rules import findings_of

PAGE = """<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>
<script type="py" config='{"packages": ["numpy", "micropip"]}'>print(1)</script>
<script type="py" config='{"packages": ["pandas"]}'>print(2)</script>
"""


@pytest.fixture(autouse=True)
def empty_caches() -> Iterator[None]:
    check.PARSES.clear()
    dialect_rules.FINDINGS.clear()
    yield
    check.PARSES.clear()
    dialect_rules.FINDINGS.clear()


def test_identical_text_is_parsed_once() -> None:
    first = parse_text('packages = ["numpy"]\n', Syntax.TOML)
    again = parse_text('packages = ["numpy"]\n', Syntax.TOML)
    assert again is first
    info = check.PARSES.stats()
    assert (info.hits, info.misses) == (1, 1)


def test_an_edit_is_parsed_again_with_its_own_result() -> None:
    before = parse_text('packages = ["numpy"]\n', Syntax.TOML)
    after = parse_text('packages = ["numpy", ]\nx = \n', Syntax.TOML)
    assert before.ok
    assert not after.ok
    assert check.PARSES.stats().misses == 2


def test_the_syntax_is_part_of_the_key() -> None:
    as_json = parse_text('{"a": 1}', Syntax.JSON)
    as_toml = parse_text('{"a": 1}', Syntax.TOML)
    assert as_json.ok
    assert not as_toml.ok


def test_regions_without_a_parser_are_not_cached() -> None:
    source = SourceFile("pyscript.toml", "./pyscript.toml", FileKind.TOML)
    region = replace(file_region(source, Pipeline.MAIN, Interpreter.PY), syntax=Syntax.URL)
    assert parse_region(region) is None
    assert check.PARSES.stats().entries == 0


def test_large_texts_bypass_the_cache() -> None:
    text = "a = 1\n" + "# filler\n" * (check.PARSES.max_entry_chars // 9 + 1)
    assert len(text) > check.PARSES.max_entry_chars
    first = parse_text(text, Syntax.TOML)
    second = parse_text(text, Syntax.TOML)
    assert first is not second
    assert first == second
    assert check.PARSES.stats().entries == 0


def test_the_caches_are_bounded_by_characters() -> None:
    cache: ContentCache[int] = ContentCache(100)
    computed: list[str] = []

    def value(text: str) -> int:
        computed.append(text)
        return len(text)

    for letter in "abcdefghij":
        text = letter * 10
        cache.get(text, None, partial(value, text))
    assert cache.stats() == CacheStats(hits=0, misses=10, entries=10, chars=100)
    cache.get("a" * 10, None, lambda: value("a" * 10))  # a hit, and now the newest
    cache.get("k" * 10, None, lambda: value("k" * 10))  # evicts the oldest: "b" * 10
    assert cache.stats() == CacheStats(hits=1, misses=11, entries=10, chars=100)
    cache.get("b" * 10, None, lambda: value("b" * 10))
    assert computed.count("b" * 10) == 2
    cache.get("a" * 10, None, lambda: value("a" * 10))
    assert computed.count("a" * 10) == 1
    cache.get("z" * 11, None, lambda: value("z" * 11))  # over a tenth of the budget
    assert cache.stats().entries == 10


def test_the_extra_key_part_separates_entries() -> None:
    cache: ContentCache[str] = ContentCache(100)
    assert cache.get("x", "one", lambda: "first") == "first"
    assert cache.get("x", "two", lambda: "second") == "second"
    assert cache.get("x", "one", lambda: "third") == "first"


def test_the_shared_caches_hold_a_bounded_text_size() -> None:
    for number in range(3_000):
        parse_text(f"a = {number}\n" + "#" * 100 + "\n", Syntax.TOML)
    assert check.PARSES.stats().chars <= check.PARSE_CACHE_CHARS
    assert check.PARSES.stats().entries < 3_000


def test_dialect_findings_are_kept_by_text_and_parser() -> None:
    text = 'packages = ["numpy", # the array\n]\n'
    first = findings_of(text, "basic-toml-0.4")
    assert findings_of(text, "basic-toml-0.4") is first
    assert findings_of(text, "toml-j0.4") is not first
    info = dialect_rules.FINDINGS.stats()
    assert (info.hits, info.misses) == (1, 2)


def test_a_page_check_after_an_edit_reparses_only_the_edited_region() -> None:
    source = SourceFile("page.html", PAGE, FileKind.HTML)
    cold = check_source(source).diagnostics
    assert check.PARSES.stats().misses == 2
    warm = check_source(source).diagnostics
    assert warm == cold
    assert check.PARSES.stats().misses == 2
    edited = PAGE.replace('["pandas"]', '["pandas", "micropip"]')
    result = check_source(SourceFile("page.html", edited, FileKind.HTML)).diagnostics
    assert check.PARSES.stats().misses == 3
    micropip = [d.span for d in result if d.code == "PSC407"]
    assert [edited[span.start : span.end] for span in micropip] == ['"micropip"'] * 2
    assert len([d for d in cold if d.code == "PSC407"]) == 1
    check.PARSES.clear()
    dialect_rules.FINDINGS.clear()
    assert check_source(SourceFile("page.html", edited, FileKind.HTML)).diagnostics == result


def test_cached_and_uncached_checks_agree() -> None:
    source = SourceFile("page.html", PAGE, FileKind.HTML)
    warm_up = check_source(source).diagnostics
    cached = check_source(source).diagnostics
    check.PARSES.clear()
    dialect_rules.FINDINGS.clear()
    assert check_source(source).diagnostics == cached == warm_up
