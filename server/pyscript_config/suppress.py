"""Suppression comments: `pyscript-config: ignore[CODE]` in TOML and HTML comments.

Where a comment applies:

- TOML, `# pyscript-config: ignore[PSC101]` at the end of a line: diagnostics that start
  on that line. On a line of its own: diagnostics that start on the next line that is
  not a comment (so several suppression lines can be stacked above one key).
- HTML, `<!-- pyscript-config: ignore[PSC200] -->` directly before an element (only
  white space and other comments between): every diagnostic of the page inside that
  element, its attributes and inline config included.
- `ignore-file[...]`: the whole page (HTML comment), or the whole config (TOML comment:
  the file, or the inline config it is written in).

Without a code list a comment suppresses every code. Codes must be written in full.
JSON has no comments: use `per-file-ignores` in the settings file instead.

The comments are honest: one that suppressed nothing is reported (PSC901, with a fix
that removes it), as are unknown codes (PSC902) and malformed comments (PSC903). Codes
the run does not report at all (deselected, ignored, ignored for the file) are not
judged, so narrowing a run with `--select` never makes good suppressions look unused.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

from .diagnostics import Diagnostic, Fix, TextEdit
from .page import Element, Page
from .regions import ConfigRegion, Origin
from .rules.context import make_diagnostic
from .rules.registry import RULES
from .settings import Settings
from .text import Span
from .tree import ParseResult

UNUSED = "PSC901"
UNKNOWN = "PSC902"
INVALID = "PSC903"

_HostMap = Callable[[Span], Span]  # a span of the comment's text -> a host span

_PREFIX = re.compile(r"[ \t\r\n\f]*(pyscript-config)[ \t]*:", re.IGNORECASE)
_ACTION = re.compile(r"[ \t]*(ignore-file|ignore)(?![\w-])", re.IGNORECASE)
_WORD = re.compile(r"[ \t]*([^\s\[\]]*)")
_CODE_TOKEN = re.compile(r"[^\s,]+")
_CODE_LIKE = re.compile(r"[ \t]*(?:[:=]|psc\d)", re.IGNORECASE)
_SHAPE = "write pyscript-config: ignore[CODE, ...] or ignore-file[CODE, ...]"
_HTML_SPACE = " \t\n\f\r"
_LOOKALIKES = str.maketrans("OIL", "011")


@dataclass(frozen=True, slots=True)
class Code:
    text: str  # upper-cased as written
    span: Span  # host span of the code as written
    removal: Span  # host span to delete to remove this code from the list (with a comma)


@dataclass(slots=True)
class Directive:
    """One suppression comment, with everything in host offsets of `path`."""

    path: str
    span: Span  # `pyscript-config: ignore[...]`, for diagnostics about the comment
    removal: Span  # what to delete to remove the comment (its whole line when alone)
    file_level: bool
    codes: tuple[Code, ...] | None  # None: every code
    scope: Span  # diagnostics starting in [start, end) are covered
    where: str  # "on this line", "in this file", ... for messages
    error: str | None = None  # why the comment is not a valid suppression
    used: set[str] = field(default_factory=set)  # codes that matched; "*" for a bare one

    def covers(self, diagnostic: Diagnostic) -> bool:
        return (
            diagnostic.path == self.path
            and self.scope.start <= diagnostic.span.start < self.scope.end
        )


@dataclass(frozen=True, slots=True)
class _Parsed:
    start: int  # where `pyscript-config` begins
    end: int  # the end of the directive (after `]` or the action word)
    file_level: bool
    codes: tuple[tuple[str, int, int], ...] | None
    error: str | None


def parse_directive(text: str, start: int, end: int) -> _Parsed | None:
    """The directive in comment body `text[start:end]`; None when the comment is not one."""
    prefix = _PREFIX.match(text, start, end)
    if prefix is None:
        return None
    begin = prefix.start(1)
    body_end = end
    while body_end > begin and text[body_end - 1].isspace():
        body_end -= 1
    action = _ACTION.match(text, prefix.end(), end)
    if action is None:
        word = _WORD.match(text, prefix.end(), end)
        found = word.group(1) if word is not None else ""
        reason = f'unknown directive "{found}"' if found else "no directive"
        return _Parsed(begin, body_end, False, None, f"{reason}; {_SHAPE}")
    file_level = action.group(1).lower() == "ignore-file"
    position = action.end()
    while position < end and text[position] in " \t":
        position += 1
    if position < end and text[position] == "[":
        close = text.find("]", position, end)
        if close < 0:
            return _Parsed(begin, body_end, file_level, None, f"the code list has no ]; {_SHAPE}")
        codes = tuple(
            (token.group().upper(), token.start(), token.end())
            for token in _CODE_TOKEN.finditer(text, position + 1, close)
        )
        if not codes:
            return _Parsed(begin, body_end, file_level, None, f"the code list is empty; {_SHAPE}")
        return _Parsed(begin, close + 1, file_level, codes, None)
    rest_start = action.end()
    if _CODE_LIKE.match(text, rest_start, end) or (
        rest_start < end and text[rest_start] not in " \t\r\n"
    ):
        return _Parsed(begin, body_end, file_level, None, f"codes go in brackets; {_SHAPE}")
    return _Parsed(begin, action.end(), file_level, None, None)


def _line(text: str, position: int) -> tuple[int, int]:
    """Start of the line holding `position`, and the index of its `\\n` (or the end)."""
    start = text.rfind("\n", 0, position) + 1
    end = text.find("\n", position)
    return start, len(text) if end < 0 else end


class Collector:
    """Gathers the suppression comments of one check, then filters its diagnostics."""

    def __init__(self) -> None:
        self._directives: dict[tuple[str, int, int], Directive] = {}

    @property
    def directives(self) -> list[Directive]:
        return list(self._directives.values())

    def _add(self, directive: Directive) -> None:
        # A config checked twice (main thread and worker) has its comments read twice.
        self._directives.setdefault(
            (directive.path, directive.span.start, directive.span.end), directive
        )

    # -- TOML ----------------------------------------------------------------------

    def add_region(self, region: ConfigRegion, parsed: ParseResult) -> None:
        """The suppression comments of a TOML config (comments recorded by the reader)."""
        text = region.text
        for comment in parsed.comments:
            found = parse_directive(text, comment.start + 1, comment.end)
            if found is not None:
                self._add(self._toml_directive(region, comment, found))

    def _toml_directive(self, region: ConfigRegion, comment: Span, found: _Parsed) -> Directive:
        text = region.text
        host = region.to_host
        line_start, line_end = _line(text, comment.start)
        own_line = text[line_start : comment.start].strip(" \t\r\f") == ""
        if own_line:
            removal_end = line_end + 1 if line_end < len(text) else comment.end
            removal = Span(line_start, removal_end)
        else:
            first = comment.start
            while first > line_start and text[first - 1] in " \t":
                first -= 1
            removal = Span(first, comment.end)
        if found.file_level:
            scope = Span(region.host_span.start, region.host_span.end + 1)
            where = "in this file" if region.origin is Origin.FILE else "in this config"
        elif own_line:
            scope = self._next_toml_line(region, line_end)
            where = "on the next line"
        else:
            start, end = host(Span(line_start, line_end))
            scope, where = Span(start, end + 1), "on this line"
        codes = None
        if found.codes is not None:
            codes = _codes(found.codes, host)
        return Directive(
            region.host_path,
            host(Span(found.start, found.end)),
            host(removal),
            found.file_level,
            codes,
            scope,
            where,
            found.error,
        )

    @staticmethod
    def _next_toml_line(region: ConfigRegion, line_end: int) -> Span:
        """The next line that is not only a comment (a blank line ends the search)."""
        text = region.text
        position = line_end + 1
        while position <= len(text):
            start, end = _line(text, position)
            if not text[start:end].strip(" \t\r\f").startswith("#"):
                host = region.to_host(Span(start, end))
                return Span(host.start, host.end + 1)
            position = end + 1
        return Span(0, 0)  # nothing follows: covers nothing

    # -- HTML ----------------------------------------------------------------------

    def add_page(self, page: Page) -> None:
        """The suppression comments of a page (`Page.comments`)."""
        text = page.text
        if not page.comments:
            return
        comment_end = {comment.start: comment.end for comment in page.comments}
        by_start: dict[int, Element] = {}
        for element in page.elements:
            by_start.setdefault(element.start_tag_span.start, element)
        for comment in page.comments:
            body_start = comment.start + 4
            body_end = comment.end
            for closing in ("--!>", "-->"):
                if text.startswith(closing, comment.end - len(closing)):
                    body_end = max(body_start, comment.end - len(closing))
                    break
            found = parse_directive(text, body_start, body_end)
            if found is None:
                continue
            if found.file_level:
                scope, where = Span(0, len(text) + 1), "in this file"
            else:
                after = _skip_space_and_comments(text, comment.end, comment_end)
                scope, where = _element_scope(by_start.get(after)), "in the element that follows"
            codes = None if found.codes is None else _codes(found.codes, lambda span: span)
            self._add(
                Directive(
                    page.path,
                    Span(found.start, found.end),
                    _html_removal(text, comment),
                    found.file_level,
                    codes,
                    scope,
                    where,
                    found.error,
                )
            )

    # -- applying ------------------------------------------------------------------

    def apply(self, diagnostics: Iterable[Diagnostic], settings: Settings) -> list[Diagnostic]:
        """The diagnostics no suppression covers, plus the comments' own diagnostics.

        Diagnostics the settings drop are dropped first: they do not make a comment used.
        """
        wanted = [d for d in diagnostics if settings.wants_in(d.code, d.path)]
        if not self._directives:
            return wanted
        directives = [d for d in self._directives.values() if d.error is None]
        kept = [d for d in wanted if not _suppress(d, directives)]
        line_level = [d for d in directives if not d.file_level]
        own = [*self._invalid(), *self._unknown(), *_unused(line_level, settings)]
        file_level = [d for d in directives if d.file_level]
        own = [d for d in own if settings.wants_in(d.code, d.path) and not _suppress(d, file_level)]
        own.extend(d for d in _unused(file_level, settings) if settings.wants_in(d.code, d.path))
        return kept + own

    def _invalid(self) -> list[Diagnostic]:
        return [
            make_diagnostic(INVALID, f"not a valid suppression comment: {d.error}", d.path, d.span)
            for d in self._directives.values()
            if d.error is not None
        ]

    def _unknown(self) -> list[Diagnostic]:
        from .suggest import ranked_matches

        found = []
        for directive in self._directives.values():
            for code in directive.codes or ():
                if code.text in RULES:
                    continue
                # A letter for a digit (O for 0, I or L for 1) is the usual slip.
                digits = code.text[:3] + code.text[3:].translate(_LOOKALIKES)
                matches = [digits] if digits in RULES else ranked_matches(code.text, RULES)
                hint = f'; did you mean "{matches[0]}"?' if matches else ""
                found.append(
                    make_diagnostic(
                        UNKNOWN,
                        f'unknown code "{code.text}" in suppression comment{hint}',
                        directive.path,
                        code.span,
                    )
                )
        return found


def _codes(found: tuple[tuple[str, int, int], ...], host: _HostMap) -> tuple[Code, ...]:
    codes = []
    for index, (text, start, end) in enumerate(found):
        if index > 0:
            removal = Span(found[index - 1][2], end)
        elif len(found) > 1:
            removal = Span(start, found[1][1])
        else:
            removal = Span(start, end)
        codes.append(Code(text, host(Span(start, end)), host(removal)))
    return tuple(codes)


def _skip_space_and_comments(text: str, position: int, comment_end: dict[int, int]) -> int:
    while position < len(text):
        if text[position] in _HTML_SPACE:
            position += 1
        elif position in comment_end:
            position = comment_end[position]
        else:
            break
    return position


def _element_scope(element: Element | None) -> Span:
    if element is None:
        return Span(0, 0)
    ends = [element.start_tag_span.end]
    if element.body_span is not None:
        ends.append(element.body_span.end)
    if element.end_tag_span is not None:
        ends.append(element.end_tag_span.end)
    return Span(element.start_tag_span.start, max(ends))


def _html_removal(text: str, comment: Span) -> Span:
    """The comment, or its whole line when nothing else is on it."""
    line_start = _line(text, comment.start)[0]
    after_end = text.find("\n", comment.end)
    after_end = len(text) if after_end < 0 else after_end
    alone = (
        text[line_start : comment.start].strip(_HTML_SPACE) == ""
        and text[comment.end : after_end].strip(_HTML_SPACE) == ""
    )
    if not alone:
        return comment
    return Span(line_start, after_end + 1 if after_end < len(text) else after_end)


def _suppress(diagnostic: Diagnostic, directives: Sequence[Directive]) -> bool:
    """Whether any directive covers `diagnostic`; every one that does is marked used."""
    suppressed = False
    for directive in directives:
        if not directive.covers(diagnostic):
            continue
        if directive.codes is None:
            directive.used.add("*")
            suppressed = True
            continue
        for code in directive.codes:
            if code.text == diagnostic.code:
                directive.used.add(code.text)
                suppressed = True
    return suppressed


def _unused(directives: Sequence[Directive], settings: Settings) -> list[Diagnostic]:
    found = []
    for directive in directives:
        title = "Remove the unused suppression comment"
        if directive.codes is None:
            if directive.used or settings.select:
                continue
            message = f"unused suppression: no diagnostic {directive.where} to ignore"
            found.append(_unused_diagnostic(directive, message, directive.span, title))
            continue
        judged = [
            code
            for code in directive.codes
            if code.text in RULES
            and code.text not in directive.used
            and settings.wants_in(code.text, directive.path)
        ]
        if not judged:
            continue
        names = [code.text for code in judged]
        if all(code in judged or code.text not in RULES for code in directive.codes):
            listed = " or ".join(dict.fromkeys(names))
            message = f"unused suppression: no {listed} diagnostic {directive.where} to ignore"
            found.append(_unused_diagnostic(directive, message, directive.span, title))
            continue
        for code in judged:
            message = (
                f'"{code.text}" in this suppression is unused: no {code.text} diagnostic '
                f"{directive.where}"
            )
            fix = Fix(
                f'Remove "{code.text}" from the suppression comment',
                (TextEdit(directive.path, code.removal, ""),),
                safe=True,
            )
            found.append(make_diagnostic(UNUSED, message, directive.path, code.span, fix=fix))
    return found


def _unused_diagnostic(directive: Directive, message: str, span: Span, title: str) -> Diagnostic:
    fix = Fix(title, (TextEdit(directive.path, directive.removal, ""),), safe=True)
    return make_diagnostic(UNUSED, message, directive.path, span, fix=fix)


# -- several checks of one file --------------------------------------------------------


def agreed(checks: Sequence[tuple[Iterable[str], Sequence[Diagnostic]]]) -> list[Diagnostic]:
    """The diagnostics of several checks, where an unused suppression counts only if
    every check that covered its file found it unused.

    A config file used by two pages (one a worker) is checked once per page; a comment
    in it that suppresses a diagnostic only one of them produces is used, not unused.
    `checks` holds, per check, the files it covered and its diagnostics.
    """
    covered: dict[str, int] = {}
    for paths, _ in checks:
        for path in {_file(path) for path in paths}:
            covered[path] = covered.get(path, 0) + 1
    reported: dict[tuple[str, int, int, str], int] = {}
    for _, diagnostics in checks:
        for key in {_key(d) for d in diagnostics if d.code == UNUSED}:
            reported[key] = reported.get(key, 0) + 1
    merged: list[Diagnostic] = []
    for _, diagnostics in checks:
        for diagnostic in diagnostics:
            if diagnostic.code == UNUSED:
                needed = covered.get(_file(diagnostic.path), 1)
                if reported[_key(diagnostic)] < needed:
                    continue
            merged.append(diagnostic)
    return merged


def _file(path: str) -> str:
    return os.path.normcase(os.path.abspath(path))


def _key(diagnostic: Diagnostic) -> tuple[str, int, int, str]:
    return (_file(diagnostic.path), diagnostic.span.start, diagnostic.span.end, diagnostic.message)
