"""Applying fixes: text edits in, fixed text out, round after round until nothing changes.

Pure: no file access here. The caller hands over a way to load a file's current text
and a way to check a set of texts; `--fix`, `--diff`, the language server and the
tests share this code and differ only in those two callables.

Fixes are planned one per diagnostic. Two fixes whose edits overlap cannot both be
right about the text they replace, so the later one (by position) waits for the next
round, when it is recomputed against the text the first one produced. The loop stops
when a round applies nothing, so running `--fix` again on its output changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Fix, TextEdit

Loader = Callable[[str], "str | None"]  # a file's original text; None: not fixable
Checker = Callable[[Mapping[str, str]], list[Diagnostic]]  # texts overlaid -> diagnostics


def _order(edit: TextEdit) -> tuple[int, int]:
    return (edit.span.start, edit.span.end)


def overlaps(a: TextEdit, b: TextEdit) -> bool:
    """Whether two edits of the same file touch the same text.

    Replacements that only meet at a boundary do not overlap; two insertions at the same
    offset do (their order would be a guess), and so does an insertion strictly inside a
    replaced range.
    """
    if a.path != b.path:
        return False
    if a.span.start == a.span.end and b.span.start == b.span.end:
        return a.span.start == b.span.start
    return a.span.start < b.span.end and b.span.start < a.span.end


@dataclass(frozen=True, slots=True)
class Applied:
    text: str
    applied: tuple[TextEdit, ...]  # in text order
    skipped: tuple[TextEdit, ...]  # overlapping an applied edit, or out of range


def edit_text(text: str, edits: Iterable[TextEdit]) -> Applied:
    """Apply edits of one file; report the ones that could not be applied.

    Edits are taken in position order (start, then end, then their given order); an
    edit overlapping one already kept is skipped, as is one outside the text. The
    result is the same whatever order the edits come in.
    """
    kept: list[TextEdit] = []
    skipped: list[TextEdit] = []
    furthest = 0  # the end of the kept text: sorted edits starting before it overlap
    for edit in sorted(edits, key=_order):
        start, end = edit.span
        out_of_range = not 0 <= start <= end <= len(text)
        if out_of_range or (kept and (start < furthest or overlaps(kept[-1], edit))):
            skipped.append(edit)
        else:
            kept.append(edit)
            furthest = max(furthest, end)
    parts: list[str] = []
    position = 0
    for edit in kept:
        parts.append(text[position : edit.span.start])
        parts.append(edit.new_text)
        position = edit.span.end
    parts.append(text[position:])
    return Applied("".join(parts), tuple(kept), tuple(skipped))


def apply_edits(text: str, edits: Iterable[TextEdit]) -> str:
    """The text with `edits` applied (see `edit_text` for overlapping edits)."""
    return edit_text(text, edits).text


@dataclass(slots=True)
class FixPlan:
    """What one round applies: edits per file, and which diagnostics they fix."""

    edits: dict[str, list[TextEdit]] = field(default_factory=dict)
    applied: list[Diagnostic] = field(default_factory=list)
    deferred: list[Diagnostic] = field(default_factory=list)  # conflicting: next round


def applicable(fix: Fix | None, unsafe: bool) -> bool:
    return fix is not None and bool(fix.edits) and (fix.safe or unsafe)


def make_plan(diagnostics: Iterable[Diagnostic], unsafe: bool) -> FixPlan:
    """One fix per diagnostic, in diagnostic order; a fix that overlaps an accepted one
    is deferred, unless it is exactly the same edits (two diagnostics, one remedy)."""
    plan = FixPlan()
    taken: set[TextEdit] = set()
    for diagnostic in sorted(diagnostics, key=Diagnostic.sort_key):
        fix = diagnostic.fix
        if fix is None or not applicable(fix, unsafe):
            continue
        edits = fix.edits
        if all(edit in taken for edit in edits):
            plan.applied.append(diagnostic)
            continue
        if _conflicts(edits, plan.edits):
            plan.deferred.append(diagnostic)
            continue
        for edit in edits:
            if edit not in taken:
                taken.add(edit)
                plan.edits.setdefault(edit.path, []).append(edit)
        plan.applied.append(diagnostic)
    for path in plan.edits:
        plan.edits[path].sort(key=_order)
    return plan


def _conflicts(edits: tuple[TextEdit, ...], accepted: Mapping[str, list[TextEdit]]) -> bool:
    for index, edit in enumerate(edits):
        if any(overlaps(edit, other) for other in edits[index + 1 :]):
            return True  # a fix that contradicts itself cannot be applied
        if any(overlaps(edit, other) for other in accepted.get(edit.path, ())):
            return True
    return False


def plan_fixes(diagnostics: Iterable[Diagnostic], unsafe: bool) -> dict[str, list[TextEdit]]:
    """The edits one round applies, per file (safe fixes only unless `unsafe`)."""
    return make_plan(diagnostics, unsafe).edits


@dataclass(slots=True)
class FixRun:
    """The outcome of `fix_until_stable`."""

    initial: list[Diagnostic]  # the first check, before any fix
    diagnostics: list[Diagnostic]  # what remains after the last round
    originals: dict[str, str]  # text of every file a fix was planned for
    texts: dict[str, str]  # current text of those files
    fixed: list[Diagnostic]  # diagnostics whose fix was applied, over all rounds
    rounds: int  # rounds that applied something
    stable: bool  # False: stopped by max_rounds or a cycle while fixes still applied

    @property
    def changed(self) -> dict[str, str]:
        """Files whose text differs from the original, with their new text."""
        return {p: t for p, t in self.texts.items() if t != self.originals.get(p)}


def fix_until_stable(
    load: Loader,
    check: Checker,
    paths: Collection[str],
    unsafe: bool,
    max_rounds: int = 10,
) -> FixRun:
    """Check, apply the fixes, check the result, and repeat while fixes keep applying.

    Only files in `paths` that `load` can give the text of are changed; a fix with an
    edit in any other file is left alone (its diagnostic stays). `check` receives the
    changed texts so far (path -> text) and checks with them in place of the files.
    """
    allowed = set(paths)
    originals: dict[str, str] = {}
    refused: set[str] = set()
    texts: dict[str, str] = {}
    seen: set[tuple[tuple[str, str], ...]] = {()}  # the originals count as seen

    def loadable(path: str) -> bool:
        if path in originals:
            return True
        if path in refused or path not in allowed:
            return False
        text = load(path)
        if text is None:
            refused.add(path)
            return False
        originals[path] = text
        return True

    initial = check({})
    diagnostics = initial
    fixed: list[Diagnostic] = []
    rounds = 0
    stable = True
    while True:
        candidates = [
            d
            for d in diagnostics
            if applicable(d.fix, unsafe)
            and d.fix is not None
            and all(loadable(edit.path) for edit in d.fix.edits)
        ]
        plan = make_plan(candidates, unsafe)
        if not plan.edits:
            break
        if rounds >= max_rounds:
            stable = False
            break
        before = dict(texts)
        for path, edits in plan.edits.items():
            current = texts.get(path, originals[path])
            texts[path] = apply_edits(current, edits)
        if all(texts[p] == before.get(p, originals[p]) for p in plan.edits):
            break  # the fixes changed nothing (their text is already there)
        state = tuple(sorted((p, t) for p, t in texts.items() if t != originals[p]))
        if state in seen:
            texts = before  # the fixes undo each other: stop where the last check was
            stable = False
            break
        seen.add(state)
        rounds += 1
        fixed.extend(plan.applied)
        diagnostics = check(dict(texts))
    return FixRun(initial, diagnostics, originals, texts, fixed, rounds, stable)
