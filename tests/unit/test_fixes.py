"""fixes.py: applying edits, planning one round, and fixing until nothing changes."""

from __future__ import annotations

import itertools
from collections.abc import Mapping

from hypothesis import given
from hypothesis import strategies as st

from pyscript_config.diagnostics import Diagnostic, Fix, Severity, TextEdit
from pyscript_config.fixes import (
    apply_edits,
    edit_text,
    fix_until_stable,
    make_plan,
    overlaps,
    plan_fixes,
)
from pyscript_config.text import Span

PATH = "site/pyscript.toml"


def edit(start: int, end: int, text: str, path: str = PATH) -> TextEdit:
    return TextEdit(path, Span(start, end), text)


def diagnostic(
    code: str, start: int, end: int, *edits: TextEdit, safe: bool = True, path: str = PATH
) -> Diagnostic:
    fix = Fix(f"fix {code}", tuple(edits), safe=safe) if edits else None
    return Diagnostic(code, Severity.WARNING, f"problem {code}", path, Span(start, end), fix=fix)


# -- apply_edits -------------------------------------------------------------------------


def test_edits_apply_at_their_original_offsets_whatever_their_order() -> None:
    text = "pakages = [1]\ndebgu = true\n"
    edits = [edit(14, 19, "debug"), edit(0, 7, "packages")]
    assert apply_edits(text, edits) == "packages = [1]\ndebug = true\n"
    assert apply_edits(text, list(reversed(edits))) == "packages = [1]\ndebug = true\n"


def test_insertions_deletions_and_replacements_meeting_at_a_boundary() -> None:
    text = "abcdef"
    result = edit_text(text, [edit(2, 4, ""), edit(4, 4, "X"), edit(0, 2, "__")])
    assert result.text == "__Xef"
    assert result.skipped == ()


def test_overlapping_edits_keep_the_first_by_position_and_report_the_rest() -> None:
    text = "0123456789"
    first = edit(2, 6, "A")
    inside = edit(3, 4, "B")
    straddling = edit(5, 8, "C")
    later = edit(8, 9, "D")
    result = edit_text(text, [later, straddling, inside, first])
    assert result.text == "01A67D9"
    assert result.applied == (first, later)
    assert result.skipped == (inside, straddling)


def test_two_insertions_at_one_offset_conflict_and_the_first_given_wins() -> None:
    one, two = edit(3, 3, "x"), edit(3, 3, "y")
    result = edit_text("abcdef", [one, two])
    assert (result.text, result.skipped) == ("abcxdef", (two,))


def test_edits_outside_the_text_are_skipped_not_raised() -> None:
    bad = [edit(4, 9, "x"), edit(3, 2, "y"), edit(-1, 0, "z")]
    result = edit_text("abcd", bad)
    assert result.text == "abcd"
    assert set(result.skipped) == set(bad)


def test_no_byte_outside_the_edit_changes() -> None:
    text = "\ufeff# c\r\npakages = [\t1 ]   \r\n\tdebug = true \r\n"
    start = text.index("pakages")
    fixed = apply_edits(text, [edit(start, start + 7, "packages")])
    assert fixed == "\ufeff# c\r\npackages = [\t1 ]   \r\n\tdebug = true \r\n"


def test_overlap_definition() -> None:
    assert overlaps(edit(0, 5, ""), edit(4, 6, ""))
    assert not overlaps(edit(0, 5, ""), edit(5, 6, ""))
    assert not overlaps(edit(5, 5, "x"), edit(5, 8, ""))  # insertion before a replacement
    assert overlaps(edit(6, 6, "x"), edit(5, 8, ""))  # insertion inside it
    assert overlaps(edit(5, 5, "x"), edit(5, 5, "y"))
    assert not overlaps(edit(0, 5, ""), edit(0, 5, "", path="other.toml"))


@given(
    st.text(alphabet="ab\r\n\t ", max_size=30),
    st.lists(
        st.tuples(st.integers(0, 30), st.integers(0, 6), st.text(alphabet="xyz", max_size=3)),
        max_size=6,
    ),
)
def test_applied_edits_never_overlap_and_the_untouched_text_survives(
    text: str, raw: list[tuple[int, int, str]]
) -> None:
    edits = [edit(start, start + length, new) for start, length, new in raw]
    result = edit_text(text, edits)
    kept = result.applied
    assert len(kept) + len(result.skipped) == len(edits)
    for a, b in itertools.pairwise(kept):
        assert a.span.end <= b.span.start and not overlaps(a, b)
    # Rebuild the result from the untouched pieces and the new texts.
    pieces, position = [], 0
    for item in kept:
        pieces += [text[position : item.span.start], item.new_text]
        position = item.span.end
    assert result.text == "".join(pieces) + text[position:]
    # The order the edits come in does not matter (when no two share a range).
    if len({e.span for e in edits}) == len(edits):
        assert edit_text(text, list(reversed(edits))).text == result.text


# -- plan_fixes --------------------------------------------------------------------------


def test_plan_takes_safe_fixes_only_unless_unsafe_is_asked_for() -> None:
    safe = diagnostic("PSC901", 0, 3, edit(0, 3, ""))
    unsafe = diagnostic("PSC100", 10, 17, edit(10, 17, "packages"), safe=False)
    no_fix = diagnostic("PSC102", 20, 25)
    assert plan_fixes([unsafe, safe, no_fix], unsafe=False) == {PATH: [edit(0, 3, "")]}
    assert plan_fixes([unsafe, safe, no_fix], unsafe=True) == {
        PATH: [edit(0, 3, ""), edit(10, 17, "packages")]
    }


def test_conflicting_fixes_are_deferred_to_the_next_round() -> None:
    first = diagnostic("PSC901", 0, 10, edit(0, 10, ""))
    second = diagnostic("PSC901", 5, 7, edit(5, 7, "x"))
    elsewhere = diagnostic("PSC901", 12, 14, edit(12, 14, ""))
    plan = make_plan([second, elsewhere, first], unsafe=False)
    assert plan.edits == {PATH: [edit(0, 10, ""), edit(12, 14, "")]}
    assert plan.applied == [first, elsewhere]
    assert plan.deferred == [second]


def test_a_fix_spanning_two_files_is_taken_whole_or_not_at_all() -> None:
    page = "site/index.html"
    both = diagnostic("PSC100", 0, 3, edit(0, 3, "a"), edit(40, 43, "b", path=page))
    clash = diagnostic("PSC901", 41, 42, edit(41, 42, "", path=page), path=page)
    # Diagnostics are taken in (path, position) order: the page's comes first and wins;
    # the two-file fix is deferred whole, its edit in pyscript.toml included.
    plan = make_plan([both, clash], unsafe=False)
    assert plan.edits == {page: [edit(41, 42, "", path=page)]}
    assert plan.deferred == [both]
    alone = make_plan([both], unsafe=False)
    assert alone.edits == {PATH: [edit(0, 3, "a")], page: [edit(40, 43, "b", path=page)]}


def test_the_same_edit_offered_twice_is_applied_once_and_fixes_both() -> None:
    one = diagnostic("PSC901", 0, 3, edit(0, 3, ""))
    two = diagnostic("PSC902", 0, 3, edit(0, 3, ""))
    plan = make_plan([one, two], unsafe=False)
    assert plan.edits == {PATH: [edit(0, 3, "")]}
    assert plan.applied == [one, two]


def test_a_fix_with_overlapping_edits_of_its_own_is_never_applied() -> None:
    broken = diagnostic("PSC901", 0, 3, edit(0, 3, "a"), edit(2, 4, "b"))
    assert make_plan([broken], unsafe=False).deferred == [broken]


# -- fix_until_stable --------------------------------------------------------------------


class Toy:
    """A checker over `files`: every `XX` is a problem whose safe fix replaces it by `X`,
    and every `!` a problem whose unsafe fix deletes it. Counts its calls."""

    def __init__(self, files: dict[str, str]) -> None:
        self.files = files
        self.calls: list[dict[str, str]] = []

    def load(self, path: str) -> str | None:
        return self.files.get(path)

    def check(self, texts: Mapping[str, str]) -> list[Diagnostic]:
        self.calls.append(dict(texts))
        found = []
        for path, original in self.files.items():
            text = texts.get(path, original)
            position = text.find("XX")
            while position >= 0:
                fix = edit(position, position + 2, "X", path)
                found.append(diagnostic("PSC901", position, position + 2, fix, path=path))
                position = text.find("XX", position + 1)
            for index, char in enumerate(text):
                if char == "!":
                    fix = edit(index, index + 1, "", path)
                    found.append(diagnostic("PSC100", index, index + 1, fix, safe=False, path=path))
        return found


def test_fixing_repeats_until_no_fix_applies() -> None:
    toy = Toy({"a": "XXXX!", "b": "ok"})
    run = fix_until_stable(toy.load, toy.check, ["a", "b"], unsafe=False)
    # Round 1: "XX" at 0 and at 2 apply (1 and 2 overlap it, deferred) -> "XX!".
    # Round 2: "XX" at 0 -> "X!". Round 3 finds nothing safe to apply.
    assert run.changed == {"a": "X!"}
    assert run.rounds == 2
    assert run.stable
    assert [d.code for d in run.diagnostics] == ["PSC100"]  # the unsafe one remains
    assert len(run.fixed) == 3
    assert toy.calls == [{}, {"a": "XX!"}, {"a": "X!"}]
    assert run.initial[0].span == Span(0, 2)


def test_a_second_run_on_the_fixed_text_changes_nothing() -> None:
    toy = Toy({"a": "XXXXXXX!!"})
    first = fix_until_stable(toy.load, toy.check, ["a"], unsafe=True)
    assert first.changed == {"a": "X"}
    again = Toy({"a": first.changed["a"]})
    second = fix_until_stable(again.load, again.check, ["a"], unsafe=True)
    assert (second.changed, second.fixed, second.rounds) == ({}, [], 0)
    assert again.calls == [{}]  # nothing to apply: no second check


def test_files_outside_paths_or_without_text_are_not_fixed() -> None:
    toy = Toy({"a": "XX", "b": "XX", "c": "XX"})
    loadable = {"a": "XX", "b": "XX"}  # c: its text cannot be loaded (not from disk)
    run = fix_until_stable(loadable.get, toy.check, ["a", "c"], unsafe=False)
    assert run.changed == {"a": "X"}
    assert sorted(d.path for d in run.diagnostics) == ["b", "c"]


def test_max_rounds_stops_fixes_that_never_end() -> None:
    def check(texts: Mapping[str, str]) -> list[Diagnostic]:
        return [diagnostic("PSC901", 0, 0, edit(0, 0, "+", "a"), path="a")]  # always more

    run = fix_until_stable(lambda _p: "", check, ["a"], unsafe=False, max_rounds=3)
    assert run.changed == {"a": "+++"}
    assert (run.rounds, run.stable) == (3, False)


def test_fixes_that_undo_each_other_stop_at_the_last_checked_text() -> None:
    def check(texts: Mapping[str, str]) -> list[Diagnostic]:
        text = texts.get("a", "ab")
        swapped = "ba" if text == "ab" else "ab"
        return [diagnostic("PSC901", 0, 2, edit(0, 2, swapped, "a"), path="a")]

    run = fix_until_stable(lambda _p: "ab", check, ["a"], unsafe=False)
    assert run.texts == {"a": "ba"}
    assert (run.rounds, run.stable) == (1, False)
    assert run.diagnostics[0].fix is not None
    assert run.diagnostics[0].fix.edits[0].new_text == "ab"  # checked against "ba"


def test_a_fix_whose_text_is_already_there_does_not_loop() -> None:
    def check(texts: Mapping[str, str]) -> list[Diagnostic]:
        return [diagnostic("PSC901", 0, 1, edit(0, 1, "a", "a"), path="a")]

    run = fix_until_stable(lambda _p: "abc", check, ["a"], unsafe=False)
    assert (run.changed, run.rounds, run.stable) == ({}, 0, True)
