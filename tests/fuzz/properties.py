"""What must hold for every input the core is given, whatever the input is.

One entry point, `check_properties`, shared by the bounded hypothesis suite and the long
run, so the two can never disagree on what a failure is. A `Case` is a small site in
memory: the document under test plus the files it may point to (a page's
`pyscript.toml`, ...). The core reads them through an in-memory `read`, so the texts of
every file a diagnostic may point into are known and its spans can be checked too.

The cheap properties (never raises, spans valid, time) run on every input; the costlier
ones (determinism, fixes) take a flag so the long run can sample them.
"""

from __future__ import annotations

import html
import json
import re
import time
import traceback
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pyscript_config.check import PARSES, check_source
from pyscript_config.diagnostics import Diagnostic, TextEdit
from pyscript_config.files import FileKind, LoadFailure, LoadProblem, SourceFile, kind_of
from pyscript_config.fixes import apply_edits, fix_until_stable, make_plan
from pyscript_config.settings import Settings
from pyscript_config.text import LineIndex, Span

# The bound: no input may take longer than this to check.
TIME_LIMIT = 1.0
# Codes that mean "the text is not valid TOML/JSON": a fix must never introduce one.
SYNTAX_CODES = frozenset({"PSC001", "PSC002"})
# Fixes that make PyScript read config text it did not read before: the whole `config`
# value instead of the part before a stray quote (PSC221), a py-editor config URL
# without its spaces, so the file is fetched at all (PSC206). A syntax error in that
# text was the author's all along; the fix reveals it rather than introduces it.
REVEALING = frozenset({"PSC206", "PSC221"})
SETTINGS = Settings()
_DIGITS = re.compile(r"\d+")


class PropertyFailure(AssertionError):
    """A property that did not hold; `kind` names which one (for the long run's tally)."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind


@dataclass(frozen=True)
class Case:
    """One input: the document checked, and the other files of its little site."""

    path: str
    text: str
    companions: Mapping[str, str] = field(default_factory=dict)

    @property
    def files(self) -> dict[str, str]:
        return {**self.companions, self.path: self.text}

    def to_json(self) -> dict[str, Any]:
        return {"path": self.path, "text": self.text, "companions": dict(self.companions)}

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Case:
        return cls(data["path"], data["text"], dict(data.get("companions", {})))


@dataclass(slots=True)
class Outcome:
    """What one input cost and produced (the long run keeps the slowest)."""

    seconds: float
    diagnostics: int
    fixed: int = 0


def _kind(path: str) -> FileKind:
    return kind_of(path) or FileKind.HTML


def reader(files: Mapping[str, str]) -> Any:
    """A `read` callable that serves `files` from memory and nothing else."""

    def read(path: str) -> SourceFile | LoadProblem:
        text = files.get(path)
        if text is None:
            return LoadProblem(path, LoadFailure.MISSING, "no such file")
        if "\x00" in text:
            return LoadProblem(path, LoadFailure.BINARY, "binary", Span(0, 0))
        return SourceFile(path, text, _kind(path))

    return read


def run_check(files: Mapping[str, str], path: str) -> list[Diagnostic]:
    """The core on `path`, with `files` as the whole file system."""
    source = SourceFile(path, files[path], _kind(path))
    return check_source(source, SETTINGS, reader(files)).diagnostics


def clear_caches() -> None:
    """Forget cached parses, so a re-check does the whole work again."""
    from pyscript_config.rules.dialect_rules import FINDINGS

    PARSES.clear()
    FINDINGS.clear()


# --- spans ------------------------------------------------------------------------------


def _check_offset(text: str, index: LineIndex, offset: int, where: str) -> None:
    if 0 < offset < len(text):
        before, after = text[offset - 1], text[offset]
        if before == "\r" and after == "\n":
            raise PropertyFailure("span", f"{where}: offset {offset} splits a CRLF")
        if "\ud800" <= before <= "\udbff" and "\udc00" <= after <= "\udfff":
            raise PropertyFailure("span", f"{where}: offset {offset} splits a surrogate pair")
    line, col = index.line_col(offset)
    back = index.offset(line, col)
    # A byte-order mark has no column of its own: offset 0 and 1 are both 1:1.
    if back != offset and not (offset == 0 and text.startswith("\ufeff")):
        raise PropertyFailure("span", f"{where}: offset {offset} -> {line}:{col} -> offset {back}")


def _check_span(
    files: Mapping[str, str],
    indexes: dict[str, LineIndex],
    path: str,
    span: Span,
    where: str,
) -> None:
    text = files.get(path)
    if text is None:
        raise PropertyFailure("span", f"{where}: points into {path!r}, not a file of the input")
    start, end = span
    if not (isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(text)):
        raise PropertyFailure("span", f"{where}: {path} span {tuple(span)} outside 0..{len(text)}")
    index = indexes.get(path)
    if index is None:
        index = indexes[path] = LineIndex(text)
    _check_offset(text, index, start, where)
    if end != start:
        _check_offset(text, index, end, where)


def check_spans(files: Mapping[str, str], diagnostics: Iterable[Diagnostic]) -> None:
    """Every range of every diagnostic lies inside the file it names, on whole characters."""
    indexes: dict[str, LineIndex] = {}
    for d in diagnostics:
        label = f"{d.code} {d.message[:80]!r}"
        _check_span(files, indexes, d.path, d.span, label)
        for related in d.related:
            _check_span(files, indexes, related.path, related.span, f"{label} related")
        if d.fix is not None:
            for edit in d.fix.edits:
                _check_span(files, indexes, edit.path, edit.span, f"{label} fix edit")


# Codes whose message starts with the quoted name of the key they are about, and whose
# range is that key as written: there the range can be checked against the message.
KEY_CODES = frozenset({"PSC101", "PSC104", "PSC105", "PSC600"})
_TAG = re.compile(r"<[^<>]*>")
_QUOTED_NAME = re.compile(r'^"(.*?)" (?:is|was|has) ', re.DOTALL)


def _spells(written: str, name: str) -> bool | None:
    """Whether key text as written (bare, quoted, entity-encoded, with tags the HTML
    parser drops) is `name`; None when its escapes are not ones this check can read."""
    untagged = _TAG.sub("", html.unescape(written))
    for form in dict.fromkeys((written, html.unescape(written), untagged)):
        if form == name or (form[:1] == "'" and name in (form[1:-1], form[1:])):
            return True  # (an unterminated string in a broken document has no end quote)
        if form[:1] == "'" and "\\" in form:
            return None  # JSON recovery reads escapes in single quotes: not checked here
        if form[:1] == '"':
            try:
                if json.loads(form) == name:
                    return True
            except ValueError:
                return None
            if "\\" in form:
                return None  # TOML and JSON escapes differ ("\/"): not checked here
    return False


def check_subjects(files: Mapping[str, str], diagnostics: Iterable[Diagnostic]) -> None:
    """A key diagnostic's range holds the key its message names."""
    for d in diagnostics:
        if d.code not in KEY_CODES:
            continue
        match = _QUOTED_NAME.match(d.message)
        if match is None:
            continue
        written = files[d.path][d.span.start : d.span.end]
        if _spells(written, match.group(1)) is False:
            raise PropertyFailure(
                "subject", f"{d.code} is about {match.group(1)!r} but points at {written!r}"
            )


# --- determinism ------------------------------------------------------------------------


def serialise(diagnostics: Iterable[Diagnostic]) -> list[Any]:
    """Diagnostics as plain data, `data` included (it does not take part in `==`)."""
    out: list[Any] = []
    for d in diagnostics:
        fix = None
        if d.fix is not None:
            fix = [d.fix.title, d.fix.safe, [[e.path, *e.span, e.new_text] for e in d.fix.edits]]
        out.append(
            [
                d.code,
                int(d.severity),
                d.message,
                d.path,
                *d.span,
                [[r.path, *r.span, r.message] for r in d.related],
                fix,
                sorted(d.data.items()),
            ]
        )
    return out


# --- fixes ------------------------------------------------------------------------------


def _key(d: Diagnostic) -> tuple[str, str, str]:
    # Messages may quote positions ("at position 4") that move when text before them
    # changes: the numbers are not part of what a diagnostic is about.
    return (d.code, d.path, _DIGITS.sub("#", d.message))


def _edits(d: Diagnostic) -> tuple[TextEdit, ...]:
    return d.fix.edits if d.fix is not None else ()


def check_fixes(case: Case, diagnostics: list[Diagnostic]) -> int:
    """Safe fixes remove what they fix and never break the syntax; returns fixes applied."""
    files = case.files
    safe = [d for d in diagnostics if d.fix is not None and d.fix.safe and d.fix.edits]
    if not safe:
        return 0

    def check(texts: Mapping[str, str]) -> list[Diagnostic]:
        return run_check({**files, **texts}, case.path)

    run = fix_until_stable(files.get, check, set(files), unsafe=False)
    if not run.stable:
        raise PropertyFailure("fix", f"safe fixes did not settle after {run.rounds} rounds")
    # Round one on its own: every diagnostic it fixed is gone from the re-check.
    plan = make_plan([d for d in safe if all(e.path in files for e in _edits(d))], False)
    if plan.edits:
        texts = {p: apply_edits(files[p], edits) for p, edits in plan.edits.items()}
        after = run_check({**files, **texts}, case.path)
        check_spans({**files, **texts}, after)
        before_count = Counter(_key(d) for d in diagnostics)
        after_count = Counter(_key(d) for d in after)
        fixed_count = Counter(_key(d) for d in plan.applied)
        for key, fixed in fixed_count.items():
            if after_count[key] > before_count[key] - fixed:
                raise PropertyFailure(
                    "fix", f"{key[0]} {key[2]!r} still reported after its fix was applied"
                )
    final = {**files, **run.texts}
    check_spans(final, run.diagnostics)
    if any(d.code in REVEALING for d in run.fixed):
        return len(run.fixed)
    had_syntax = {d.path for d in run.initial if d.code in SYNTAX_CODES}
    changed = run.changed
    for d in run.diagnostics:
        if d.code in SYNTAX_CODES and d.path in changed and d.path not in had_syntax:
            raise PropertyFailure("fix", f"safe fixes introduced {d.code} {d.message!r}")
    return len(run.fixed)


# --- the entry point --------------------------------------------------------------------


def check_case(case: Case, *, thorough: bool = True) -> Outcome:
    """All properties for one input; raises `PropertyFailure` (or the core's exception)."""
    files = case.files
    started = time.perf_counter()
    try:
        diagnostics = run_check(files, case.path)
    except Exception as error:
        raise PropertyFailure("crash", traceback.format_exc()) from error
    seconds = time.perf_counter() - started
    check_spans(files, diagnostics)
    check_subjects(files, diagnostics)
    outcome = Outcome(seconds, len(diagnostics))
    if thorough:
        try:
            again = run_check(files, case.path)
        except Exception as error:
            raise PropertyFailure("crash", traceback.format_exc()) from error
        if serialise(again) != serialise(diagnostics):
            raise PropertyFailure("determinism", "a second check gave different diagnostics")
        try:
            outcome.fixed = check_fixes(case, diagnostics)
        except PropertyFailure:
            raise
        except Exception as error:
            raise PropertyFailure("crash", "while fixing:\n" + traceback.format_exc()) from error
    return outcome


def check_properties(
    path_name: str,
    text: str,
    companions: Mapping[str, str] | None = None,
    *,
    time_limit: float = TIME_LIMIT,
) -> None:
    """The brief's one-input check: every property, with the time as a hang guard.

    A check over `time_limit` is timed again with the parse caches emptied, so that one
    pause of a busy machine is not taken for a slow input.
    """
    case = Case(path_name, text, dict(companions or {}))
    outcome = check_case(case)
    if outcome.seconds > time_limit:
        clear_caches()
        started = time.perf_counter()
        run_check(case.files, path_name)
        again = time.perf_counter() - started
        if again > time_limit:
            raise PropertyFailure("slow", f"{outcome.seconds:.2f} s, then {again:.2f} s")
