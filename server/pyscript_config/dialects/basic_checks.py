"""TOML that basic-toml reads differently from TOML 1.0, construct by construct.

Two sources are combined. The strict tree (through `TomlFacts`) says what the user
wrote and meant: a dotted key, a comment in an array, an escape. The emulator
(`basic_toml.analyse`) says what the runtime does, line by line: which line throws
and where, which line is silently ignored, which key is stored flat, which value
replaces an earlier one. Each runtime failure is attributed to the smallest
construct containing the position the runtime failed at, so its message is quoted on
the construct that causes it; a failure no construct explains is reported as such,
unless the strict reader already reports a syntax problem on that line.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, replace
from typing import Any

from ..reading.toml_reader import parse_toml
from ..text import Span
from ..tree import Array, Kind, Node, ParseResult, Scalar, SyntaxProblem, Table
from .basic_toml import ASSIGN, ERROR, HEADER, IGNORED, V03, Analysis, Line, analyse
from .findings import Edit, Finding, FixPlan, apply_edits, header_name, js_value, same_toml
from .jsdate import INVALID, LOCAL, UTC, JsDate
from .jsjson import json_stringify
from .toml_facts import ARRAY, INLINE, STATEMENT, KeyUse, TomlFacts, ValueUse
from .toml_facts import HEADER as KEY_HEADER

__all__ = ["check_basic_toml"]

PARSER = "PyScript's TOML parser (basic-toml)"
# Not a rule: the runtime's message for the TOML syntax error at this span.
SYNTAX = "toml-syntax"
# Characters that fixes checked against the whole text may re-read, per config.
WHOLE_TEXT_BUDGET = 100_000

_JSON_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")
_ESCAPE = re.compile(r"\\(?:u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")
_ESCAPE_WORDS = {
    "\\n": "a backslash and an n, not a line break",
    "\\t": "a backslash and a t, not a tab",
    '\\"': "a backslash before the quote",
    "\\\\": "two backslashes, not one",
    "\\r": "a backslash and an r, not a carriage return",
    "\\b": "a backslash and a b, not a backspace",
    "\\f": "a backslash and an f, not a form feed",
}
_CONTROL = re.compile(r"[\x00-\x08\x0a-\x1f\x7f]")


@dataclass(slots=True)
class _Draft:
    """A construct worth reporting; `claim` is where a runtime failure is its fault."""

    kind: str
    span: Span
    claim: Span
    message: str
    hint: str = ""
    fails: bool = False  # the runtime cannot read this construct at all
    multiline: bool = False  # lines inside `claim` that basic-toml ignores are its doing
    related: tuple[tuple[Span, str], ...] = ()
    fix: FixPlan | None = None
    thrown: str | None = None
    supersedes: bool = False


@dataclass(slots=True)
class _Context:
    text: str
    parsed: ParseResult
    facts: TomlFacts
    analysis: Analysis
    version: str
    drafts: list[_Draft] = field(default_factory=list)
    # Characters whole-text fix checks may still re-read (each reads the whole config):
    # dozens of checks for a typical config, a bounded cost for a huge one.
    budget: int = WHOLE_TEXT_BUDGET
    sections_done: dict[int, FixPlan | None] = field(default_factory=dict)
    canonical: dict[int, str] | None = None
    by_claim: list[_Draft] | None = None  # drafts sorted by where their claim starts
    claim_starts: list[int] = field(default_factory=list)


def check_basic_toml(text: str, parsed: ParseResult, version: str) -> list[Finding]:
    """Findings for `text` read by basic-toml `version` (`V04` or `V03`)."""
    facts = TomlFacts.read(text, parsed)
    ctx = _Context(text, parsed, facts, analyse(text, version), version)
    _comments_in_arrays(ctx)
    _inline_tables(ctx)
    _dotted_keys(ctx)
    _header_spaces(ctx)
    _values(ctx)
    if version == V03:
        _trailing_commas(ctx)
    findings = _attribute(ctx)
    findings.extend(_line_outcomes(ctx))
    findings.sort(key=lambda finding: (finding.span.start, finding.span.end, finding.kind))
    return findings


# ---------------------------------------------------------------- shared helpers


def _quote(text: str) -> str:
    return f'"{text}"' if '"' not in text else f"'{text}'"


def _exact(ctx: _Context, fixed: str, path: tuple[str, ...], node: Node) -> bool:
    """Whether basic-toml reads `path` of `fixed` as TOML reads `node` (the value there)."""
    current: Any = analyse(fixed, ctx.version).value
    for name in path:
        if isinstance(current, list):
            current = current[-1] if current else None
        if not isinstance(current, dict) or name not in current:
            return False
        current = current[name]
    return _same(current, js_value(node))


def _same(emulated: object, expected: object) -> bool:
    if isinstance(emulated, JsDate):
        return expected == "<date>"
    if isinstance(emulated, dict) and isinstance(expected, dict):
        return emulated.keys() == expected.keys() and all(
            _same(emulated[key], expected[key]) for key in emulated
        )
    if isinstance(emulated, list) and isinstance(expected, list):
        return len(emulated) == len(expected) and all(
            _same(a, b) for a, b in zip(emulated, expected, strict=True)
        )
    if isinstance(emulated, bool) or isinstance(expected, bool):
        return emulated is expected
    return emulated == expected


def _plan(ctx: _Context, title: str, edits: list[Edit], statement: KeyUse) -> FixPlan | None:
    """A fix inside one statement: offered when it keeps the statement's TOML meaning,
    safe when basic-toml then reads the statement's value exactly as TOML does.

    Checked on the statement's own lines, so the cost does not grow with the file."""
    start, end = statement.line
    if statement.value is None or any(e.span.start < start or e.span.end > end for e in edits):
        return None
    local = ctx.text[start:end]
    shifted = [Edit(Span(e.span.start - start, e.span.end - start), e.text) for e in edits]
    fixed = apply_edits(local, shifted)
    if not same_toml(parse_toml(local), fixed):
        return None
    result = analyse(fixed, ctx.version)
    assigned = [line for line in result.lines if line.kind == ASSIGN]
    exact = (
        result.error is None
        and len(assigned) == 1
        and _same(assigned[0].value, js_value(statement.value))
    )
    return FixPlan(title, tuple(edits), exact)


def _spend(ctx: _Context) -> bool:
    """Take one whole-text check from the budget; False when it is used up."""
    if ctx.budget < len(ctx.text):
        return False
    ctx.budget -= len(ctx.text)
    return True


def _local_same(ctx: _Context, lines: Span, edits: list[Edit]) -> bool:
    """Whether `edits` (all within `lines`) keep the TOML meaning of those lines."""
    start, end = lines
    if any(e.span.start < start or e.span.end > end for e in edits):
        return False
    local = ctx.text[start:end]
    shifted = [Edit(Span(e.span.start - start, e.span.end - start), e.text) for e in edits]
    return same_toml(parse_toml(local), apply_edits(local, shifted))


def _whole_plan(
    ctx: _Context, title: str, edits: list[Edit], path: tuple[str, ...], node: Node
) -> FixPlan | None:
    """A fix that moves statements between tables: checked on the whole text, so only a
    bounded number per config."""
    if not _spend(ctx):
        return None
    fixed = apply_edits(ctx.text, edits)
    if not same_toml(ctx.parsed, fixed):
        return None
    return FixPlan(title, tuple(edits), _exact(ctx, fixed, path, node))


def _literal_form(value: str) -> str | None:
    """`value` as a single-quoted string basic-toml and TOML read the same way."""
    if "'" in value or _CONTROL.search(value):
        return None
    trailing = len(value) - len(value.rstrip("\\"))
    if trailing % 2:
        return None
    return f"'{value}'"


def _basic_form(value: str) -> str | None:
    if '"' in value or "\\" in value or _CONTROL.search(value):
        return None
    return f'"{value}"'


# ---------------------------------------------------------------- comments in arrays


def _comments_in_arrays(ctx: _Context) -> None:
    comments = ctx.parsed.comments
    for use in ctx.facts.values:
        node = use.node
        if not isinstance(node, Array) or use.context == ARRAY or use.statement is None:
            continue
        inside = [c for c in comments if node.span.start < c.start and c.end <= node.span.end]
        if not inside:
            continue
        statement = use.statement
        name = ".".join(statement.path)
        more = len(inside) - 1
        message = (
            f"comment inside a multi-line array: {PARSER} joins the array onto one line "
            'and drops everything after the first "#", so the array is cut short'
        )
        if more:
            message += f" ({more} more comment{'s' if more > 1 else ''} in this array)"
        related = tuple((c, "another comment inside the same array") for c in inside[1:])
        ctx.drafts.append(
            _Draft(
                "toml-comment-in-array",
                inside[0],
                node.span,
                message,
                hint=f'move the comment{"s" if more else ""} above "{name}" or delete '
                f"{'them' if more else 'it'}",
                fails=True,
                multiline=True,
                related=related,
                fix=_move_comments(ctx, statement, inside),
            )
        )


def _move_comments(ctx: _Context, statement: KeyUse, comments: list[Span]) -> FixPlan | None:
    text = ctx.text
    indent = ctx.facts.indent(statement.line.start)
    edits: list[Edit] = []
    moved: list[str] = []
    for comment in comments:
        start = ctx.facts.line_start(comment.start)
        before = text[start : comment.start]
        if before.strip(" \t") == "":
            edits.append(Edit(Span(start, ctx.facts.line_end(comment.end)), ""))
        else:
            cut = start + len(before.rstrip(" \t"))
            edits.append(Edit(Span(cut, comment.end), ""))
        moved.append(indent + text[comment.start : comment.end] + "\n")
    plural = "s" if len(comments) > 1 else ""
    # Deleting them is always possible, but loses what they say: never safe.
    removal = FixPlan(f"Delete the comment{plural}", tuple(edits), False)
    edits.insert(0, Edit(Span(statement.line.start, statement.line.start), "".join(moved)))
    plan = _plan(ctx, f"Move the comment{plural} above the key", edits, statement)
    if plan is None:
        return removal
    return replace(plan, alternative=removal)


# ---------------------------------------------------------------- inline tables


def _inline_tables(ctx: _Context) -> None:
    by_table: dict[int, list[KeyUse]] = {}
    tables: dict[int, Table] = {}
    for key in ctx.facts.keys:
        if key.where == INLINE and key.table is not None:
            by_table.setdefault(id(key.table), []).append(key)
            tables[id(key.table)] = key.table
    for ident, keys in by_table.items():
        table = tables[ident]
        glued = [key for key in keys if ctx.text[key.span.start - 1] not in " \t"]
        if glued:
            first = glued[0]
            opener = ctx.text[first.span.start - 1]
            shown = ctx.text[first.span.start : first.span.end]
            ctx.drafts.append(
                _Draft(
                    "toml-inline-table-spacing",
                    Span(first.span.start - 1, first.span.end),
                    table.span,
                    f'no space between "{opener}" and "{shown}" in an inline table: {PARSER} '
                    "only finds keys that follow a space",
                    hint="write it as { key = value, other = value }",
                    fails=True,
                    fix=_respace(ctx, table),
                )
            )
        for key in keys:
            quoted = [segment for segment in key.segments if segment.style != "bare"]
            if not quoted:
                continue
            segment = quoted[0]
            ctx.drafts.append(
                _Draft(
                    "toml-quoted-key-in-inline-table",
                    segment.span,
                    Span(key.span.start, key.value.span.start if key.value else key.span.end),
                    f"quoted key {ctx.text[segment.span.start : segment.span.end]} in an "
                    f"inline table: {PARSER} cannot read quoted keys inside {{ }}",
                    hint="define the table with a [header] and one key per line",
                    fails=True,
                    fix=_section_fix(ctx, table),
                )
            )


def _canonical_tables(ctx: _Context) -> dict[int, str]:
    """`{ key = value, ... }` for every inline table, nested ones rewritten too."""
    keys_of: dict[int, list[KeyUse]] = {}
    tables: list[Table] = []
    for key in ctx.facts.keys:
        if key.where == INLINE and key.table is not None:
            if id(key.table) not in keys_of:
                tables.append(key.table)
            keys_of.setdefault(id(key.table), []).append(key)
    for use in ctx.facts.values:
        node = use.node
        if isinstance(node, Table) and node.inline and id(node) not in keys_of:
            keys_of[id(node)] = []
            tables.append(node)
    tables.sort(key=lambda table: table.span.end - table.span.start)
    done: dict[int, str] = {}
    for table in tables:
        parts = []
        for key in keys_of[id(table)]:
            value = key.value
            if value is None:
                continue
            inner = [
                Edit(
                    Span(t.span.start - value.span.start, t.span.end - value.span.start),
                    done[id(t)],
                )
                for t in tables
                if id(t) in done
                and value.span.start <= t.span.start
                and t.span.end <= value.span.end
                and not any(
                    id(o) in done
                    and o is not t
                    and value.span.start <= o.span.start < t.span.start
                    and t.span.end <= o.span.end
                    for o in tables
                )
            ]
            value_text = ctx.text[value.span.start : value.span.end]
            key_text = ctx.text[key.span.start : key.span.end]
            parts.append(f"{key_text} = {apply_edits(value_text, inner)}")
        done[id(table)] = "{ " + ", ".join(parts) + " }" if parts else "{}"
    return done


def _respace(ctx: _Context, table: Table) -> FixPlan | None:
    if ctx.canonical is None:
        ctx.canonical = _canonical_tables(ctx)
    statement = ctx.facts.statement_at(table.span.start)
    if statement is None:
        return None
    edit = Edit(table.span, ctx.canonical[id(table)])
    return _plan(ctx, "Add spaces inside the inline table", [edit], statement)


def _section_fix(ctx: _Context, table: Table) -> FixPlan | None:
    if id(table) not in ctx.sections_done:
        ctx.sections_done[id(table)] = _inline_to_section(ctx, table)
    return ctx.sections_done[id(table)]


def _inline_to_section(ctx: _Context, table: Table) -> FixPlan | None:
    """`name = { "k" = v }` becomes a `[section.name]` table, when that is exact."""
    facts = ctx.facts
    owner = next((k for k in facts.keys if k.where == STATEMENT and k.value is table), None)
    if owner is None:
        return None
    section = owner.section
    if section.is_array_item and any(
        other.is_array_item
        and other.path == section.path
        and other.header is not None
        and section.header is not None
        and other.header.start > section.header.start
        for other in facts.sections
    ):
        return None  # a new [x.y] would attach to the array's last table, not this one
    keys = [k for k in facts.keys if k.where == INLINE and k.table is table]
    if any(k.dotted or k.value is None for k in keys):
        return None
    text = ctx.text
    after_value = text[table.span.end : owner.line.end].strip()
    if after_value:
        return None  # a trailing comment would have nowhere to go
    path = (*section.path, *owner.path)
    name = header_name(path)
    if name is None:
        return None
    lines = [
        f"{text[k.span.start : k.span.end]} = {text[k.value.span.start : k.value.span.end]}\n"
        for k in keys
        if k.value is not None
    ]
    block = f"[{name}]\n" + "".join(lines)
    removed = [Edit(owner.line, "")]
    edits = [*removed, insert_section(text, section.end, block, removed)]
    return _whole_plan(ctx, f"Rewrite as a [{name}] table", edits, path, table)


def insert_section(text: str, at: int, block: str, removed: list[Edit]) -> Edit:
    """An edit adding `block` (a `[table]` and its lines) at `at`, a line start or the
    end of the text, with one blank line between it and what precedes it once the
    `removed` statements are gone."""
    before = apply_edits(text[:at], [e for e in removed if e.span.end <= at])
    if not before.strip() or before.endswith("\n\n"):
        lead = ""
    elif before.endswith("\n"):
        lead = "\n"
    else:
        lead = "\n\n"
    tail = "\n" if at < len(text) else ""
    return Edit(Span(at, at), lead + block + tail)


# ---------------------------------------------------------------- dotted keys


def _dotted_keys(ctx: _Context) -> None:
    analysis = ctx.analysis
    groups: dict[tuple[int, str], list[KeyUse]] = {}
    for key in ctx.facts.keys:
        if key.where == STATEMENT and key.dotted:
            groups.setdefault((id(key.section), key.segments[0].name), []).append(key)
    fixes: dict[tuple[int, str], FixPlan | None] = {}
    for group, keys in groups.items():
        if _spend(ctx):
            fixes[group] = dotted_fix(
                ctx.text, ctx.parsed, keys, lambda f, p, n: _exact(ctx, f, p, n)
            )
    for key in ctx.facts.keys:
        if key.where not in (STATEMENT, INLINE) or not key.dotted:
            continue
        written = ctx.text[key.span.start : key.span.end]
        if any(c in " \t" for c in written):
            message = (
                f'dotted key {_quote(written)} with spaces around ".": {PARSER} cannot read it'
            )
            consequence = ", and silently ignores the whole line" if key.where == STATEMENT else ""
            fails = key.where == INLINE
        else:
            line = analysis.line_at(key.span.start) if key.where == STATEMENT else None
            flat = line.key if line is not None and line.kind == ASSIGN else ".".join(key.path)
            message = (
                f"dotted key {_quote(written)} is stored as the single key {_quote(flat)}: "
                f"{PARSER} does not split keys at dots, so there is no table "
                f"{json_stringify(key.path[0])}"
            )
            consequence = ""
            fails = False
        fix = fixes.get((id(key.section), key.segments[0].name)) if key.where == STATEMENT else None
        ctx.drafts.append(
            _Draft(
                "toml-dotted-key",
                key.span,
                key.span if key.where == INLINE else Span(key.span.start, key.line.end),
                message + consequence,
                hint="use a [table] header" if key.where == STATEMENT else "nest an inline table",
                fails=fails,
                fix=fix,
            )
        )


def dotted_fix(
    text: str,
    parsed: ParseResult,
    keys: list[KeyUse],
    exact: Any,
) -> FixPlan | None:
    """Move dotted-key statements sharing a first segment into `[section.prefix]` tables.

    Every such statement of the section moves together: leaving one behind would define
    the table twice. `exact(fixed_text, path, node)` says whether the runtime then reads
    the moved table as TOML does (None: no runtime to ask; the fix is then safe when it
    keeps the TOML meaning).
    """
    if not keys:
        return None
    section = keys[0].section
    blocks: dict[tuple[str, ...], list[str]] = {}
    edits: list[Edit] = []
    for key in keys:
        prefix = key.path[:-1]
        last = key.segments[-1]
        rest = text[key.span.end : key.line.end]
        if not rest.endswith("\n"):
            rest += "\n"
        blocks.setdefault(prefix, []).append(text[last.span.start : last.span.end] + rest)
        edits.append(Edit(key.line, ""))
    parts: list[str] = []
    for prefix, lines in blocks.items():
        name = header_name((*section.path, *prefix))
        if name is None:
            return None
        parts.append(f"[{name}]\n" + "".join(lines))
    edits.append(insert_section(text, section.end, "\n".join(parts), list(edits)))
    fixed = apply_edits(text, edits)
    if not same_toml(parsed, fixed):
        return None
    top = (*section.path, keys[0].segments[0].name)
    node = _lookup(parsed, top)
    if exact is None:
        safe = True
    else:
        safe = node is not None and not section.is_array_item and bool(exact(fixed, top, node))
    first = header_name((*section.path, *keys[0].path[:-1])) or ""
    return FixPlan(f"Move to a [{first}] table", tuple(edits), safe)


def _lookup(parsed: ParseResult, path: tuple[str, ...]) -> Node | None:
    """The node at `path` of the strict tree (through tables only)."""
    node: Node | None = parsed.root
    for name in path:
        entry = node.get(name) if isinstance(node, Table) else None
        node = entry.value if entry is not None else None
    return node


# ---------------------------------------------------------------- headers


def _header_spaces(ctx: _Context) -> None:
    text = ctx.text
    for key in ctx.facts.keys:
        if key.where != KEY_HEADER or not key.dotted or key.header is None:
            continue
        gaps = [
            Span(a.span.end, b.span.start)
            for a, b in zip(key.segments, key.segments[1:], strict=False)
        ]
        if all(text[gap.start : gap.end] == "." for gap in gaps):
            continue
        line = ctx.analysis.line_at(key.header.start)
        names = line.path if line is not None and line.kind == HEADER else key.path
        shown = " and ".join(json_stringify(name) for name in names)
        edits = [Edit(gap, ".") for gap in gaps if text[gap.start : gap.end] != "."]
        plan = None
        if _local_same(ctx, key.line, edits):
            plan = FixPlan("Remove the spaces around the dots", tuple(edits), True)
        ctx.drafts.append(
            _Draft(
                "toml-header-dot-spaces",
                key.header,
                key.header,
                f'spaces around "." in a table header: {PARSER} keeps them in the names, so '
                f"this defines the tables {shown}, spaces included",
                hint="write the header without spaces around the dots",
                fix=plan,
            )
        )


# ---------------------------------------------------------------- values


def _values(ctx: _Context) -> None:
    dates = {span.start: (date, span) for date, span in ctx.analysis.dates}
    for use in ctx.facts.values:
        node = use.node
        if not isinstance(node, Scalar):
            continue
        if node.kind is Kind.STRING:
            _string(ctx, use, node)
        elif node.kind in (Kind.INTEGER, Kind.FLOAT):
            _number(ctx, use, node)
        elif node.kind in (Kind.TIME_LOCAL, Kind.DATE_LOCAL, Kind.DATETIME_LOCAL, Kind.DATETIME):
            _date(ctx, use, node, dates.get(node.span.start))
    for key in ctx.facts.keys:
        for segment in key.segments:
            if segment.style == "basic":
                _escapes(ctx, segment.span, ctx.facts.body(segment), segment.name, "key")
            elif segment.style == "literal":
                _trailing_backslash(ctx, segment.span, segment.name, "key")


def _string(ctx: _Context, use: ValueUse, node: Scalar) -> None:
    assert isinstance(node.value, str)
    if node.style in ("ml-basic", "ml-literal"):
        quotes = ctx.text[node.span.start : node.span.start + 3]
        single = _literal_form(node.value) or _basic_form(node.value)
        fix = None
        if single is not None and "\n" not in node.value and use.statement is not None:
            statement = use.statement
            assert statement.value is not None
            fix = _plan(
                ctx,
                "Use a one-line string",
                [Edit(node.span, single)],
                statement,
            )
        ctx.drafts.append(
            _Draft(
                "toml-multiline-string",
                Span(node.span.start, node.span.start + 3),
                node.span,
                f"multi-line string ({quotes}…{quotes}): {PARSER} only reads strings that "
                "open and close on one line",
                hint="use a one-line string; a line break cannot be written at all "
                "(escapes are not processed)",
                fails=True,
                multiline=True,
                fix=fix,
            )
        )
    elif node.style == "basic":
        body = ctx.text[node.span.start + 1 : node.span.end - 1]
        _escapes(ctx, node.span, body, node.value, "value", use)
    elif node.style == "literal":
        _trailing_backslash(ctx, node.span, node.value, "value")


def _escapes(
    ctx: _Context,
    span: Span,
    body: str,
    value: str,
    what: str,
    use: ValueUse | None = None,
) -> None:
    m = _ESCAPE.search(body)
    if m is None:
        return
    escape = m.group()
    at = span.start + 1 + m.start()
    meaning = _ESCAPE_WORDS.get(escape, "the escape as written, not the character it names")
    count = len(_ESCAPE.findall(body))
    others = (
        f" ({count - 1} more escape{'s' if count > 2 else ''} in this {what})" if count > 1 else ""
    )
    fix = None
    literal = _literal_form(value)
    owner = ctx.facts.statement_at(span.start) or ctx.facts.header_at(span.start)
    if literal is not None and owner is not None:
        edits = [Edit(span, literal)]
        if _local_same(ctx, owner.line, edits):
            fix = FixPlan("Use a single-quoted string", tuple(edits), True)
    ctx.drafts.append(
        _Draft(
            "toml-escape-kept-raw",
            Span(at, at + len(escape)),
            span,
            f'escape "{escape}" is kept as written: {PARSER} does not process escapes, so '
            f"the {what} holds {meaning}{others}",
            hint="write the character itself, or use a single-quoted string",
            fix=fix,
        )
    )


def _trailing_backslash(ctx: _Context, span: Span, value: str, what: str) -> None:
    trailing = len(value) - len(value.rstrip("\\"))
    if trailing % 2 == 0:
        return
    ctx.drafts.append(
        _Draft(
            "toml-escape-kept-raw",
            Span(span.end - 2, span.end),
            span,
            f"{what} ending in a backslash: {PARSER} takes the backslash and the closing "
            "quote together, so the string does not end here",
            hint="avoid a backslash at the end of a string",
            fails=True,
        )
    )


def _number(ctx: _Context, use: ValueUse, node: Scalar) -> None:
    raw = node.style
    if _JSON_NUMBER.fullmatch(raw):
        big = big_integer(node)
        if big is not None:
            ctx.drafts.append(_Draft(big.kind, big.span, big.span, big.message, hint=big.hint))
        return
    value = node.value
    fix = None
    replacement: str | None = None
    if node.kind is Kind.INTEGER and isinstance(value, int):
        replacement = str(value)
    elif isinstance(value, float) and math.isfinite(value):
        candidate = raw.replace("_", "").lstrip("+")
        if _JSON_NUMBER.fullmatch(candidate):
            replacement = candidate
    if replacement is not None and use.statement is not None:
        statement = use.statement
        assert statement.value is not None
        fix = _plan(
            ctx,
            f"Write {replacement}",
            [Edit(node.span, replacement)],
            statement,
        )
    if raw.lstrip("+-") in ("inf", "nan"):
        why = "JSON has no infinity or NaN"
        hint = "use a string or leave the key out"
    elif raw[:2] in ("0x", "0o", "0b"):
        why = "only decimal numbers are JSON"
        hint = f"write {replacement}" if replacement else "write the number in decimal"
    elif "_" in raw:
        why = "underscores are not allowed in JSON numbers"
        hint = f"write {replacement}" if replacement else "remove the underscores"
    else:
        why = "JSON numbers cannot start with +"
        hint = f"write {replacement}" if replacement else "remove the +"
    ctx.drafts.append(
        _Draft(
            "toml-number-format",
            node.span,
            node.span,
            f"number {raw}: {PARSER} reads values as JSON, and {why}",
            hint=hint,
            fails=True,
            fix=fix,
        )
    )


def big_integer(node: Scalar) -> Finding | None:
    """An integer JavaScript rounds (every PyScript TOML parser makes JS numbers)."""
    value = node.value
    if node.kind is not Kind.INTEGER or not isinstance(value, int) or abs(value) <= 2**53:
        return None
    becomes = int(float(value))
    if becomes == value:
        return None
    return Finding(
        "toml-big-integer",
        node.span,
        f"integer {node.style} is beyond what a JavaScript number holds exactly (2**53): "
        f"PyScript gets {becomes}",
        hint="use a string if every digit matters",
    )


def _date(ctx: _Context, use: ValueUse, node: Scalar, found: tuple[JsDate, Span] | None) -> None:
    raw = node.style
    if found is None or found[1].end < node.span.end:
        ctx.drafts.append(
            _Draft(
                "toml-local-time" if node.kind is Kind.TIME_LOCAL else "toml-date-format",
                node.span,
                node.span,
                f"{_date_word(node.kind)} {raw}: {PARSER} only reads dates and times "
                "written as YYYY-MM-DD, optionally with T or a space, HH:MM:SS and Z or -HH:MM "
                "(no fractions of a second, no + offsets, no lowercase t or z)",
                hint=f'write it as a string ("{raw}") and convert it in your code',
                fails=True,
            )
        )
        return
    date = found[0]
    if node.kind is Kind.TIME_LOCAL or date.kind == INVALID:
        ctx.drafts.append(
            _Draft(
                "toml-local-time",
                node.span,
                node.span,
                f"local time {raw} becomes null: {PARSER} turns it into a JavaScript Date, and "
                "a time without a date is an invalid Date",
                hint=f'write it as a string ("{raw}")',
                fix=FixPlan("Write it as a string", (Edit(node.span, f'"{raw}"'),), False),
            )
        )
        return
    found_value = date_value(node, date)
    ctx.drafts.append(
        _Draft(
            found_value.kind,
            found_value.span,
            node.span,
            found_value.message,
            hint=found_value.hint,
        )
    )


def date_value(node: Scalar, date: JsDate) -> Finding:
    """A date that reaches Python as the ISO text of a JavaScript Date."""
    if date.kind == LOCAL:
        shown = "the ISO text of that moment in UTC, which depends on the browser's time zone"
    elif date.kind == UTC:
        shown = f'the text "{date.iso()}"'
    else:
        shown = "an ISO text in UTC"
    return Finding(
        "toml-date-value",
        node.span,
        f"{_date_word(node.kind)} {node.style} becomes a JavaScript Date: pyscript.config "
        f"holds {shown}, not a date",
        hint="write it as a string if your code expects text",
    )


def _date_word(kind: Kind) -> str:
    return {
        Kind.TIME_LOCAL: "local time",
        Kind.DATE_LOCAL: "local date",
        Kind.DATETIME_LOCAL: "local date-time",
        Kind.DATETIME: "date-time",
    }.get(kind, "date")


# ---------------------------------------------------------------- trailing commas (0.3.1)


def _trailing_commas(ctx: _Context) -> None:
    text = ctx.text
    for use in ctx.facts.values:
        node = use.node
        if not isinstance(node, Array) or not node.inline or not node.items:
            continue
        last = node.items[-1]
        between = text[last.span.end : node.span.end - 1]
        comma = _first_code_comma(between)
        if comma is None:
            continue
        at = last.span.end + comma
        statement = use.statement
        fix = None
        if statement is not None and statement.value is not None:
            fix = _plan(
                ctx,
                "Remove the trailing comma",
                [Edit(Span(at, at + 1), "")],
                statement,
            )
        ctx.drafts.append(
            _Draft(
                "toml-trailing-comma",
                Span(at, at + 1),
                Span(at, node.span.end),
                "trailing comma after the last item: basic-toml 0.3.1, which reads worker "
                "configs before PyScript 2026.2.1, does not allow it (pyscript#2430)",
                hint="remove the comma",
                fails=True,
                fix=fix,
            )
        )


def _first_code_comma(between: str) -> int | None:
    """Offset of a comma outside comments in the text between an array's last item
    and its closing bracket."""
    index = 0
    while index < len(between):
        char = between[index]
        if char == "#":
            nl = between.find("\n", index)
            if nl < 0:
                return None
            index = nl
        elif char == ",":
            return index
        index += 1
    return None


# ---------------------------------------------------------------- runtime outcomes


def _claimant(ctx: _Context, at: Span) -> _Draft | None:
    """The smallest construct whose claim holds the failure position `at`.

    Every claim lies within one statement or header, so only the drafts starting in
    the lines of the one holding `at` are looked at."""
    facts = ctx.facts
    owner = facts.statement_at(at.start) or facts.header_at(at.start)
    if owner is None:
        return None
    if ctx.by_claim is None:
        ctx.by_claim = sorted(ctx.drafts, key=lambda draft: draft.claim.start)
        ctx.claim_starts = [draft.claim.start for draft in ctx.by_claim]
    low = bisect_left(ctx.claim_starts, owner.line.start)
    high = bisect_right(ctx.claim_starts, at.start)
    best: _Draft | None = None
    for draft in ctx.by_claim[low:high]:
        claim = draft.claim
        inside = (
            claim.start <= at.start <= claim.end
            if at.start == at.end
            else claim.start <= at.start < claim.end
        )
        if not inside:
            continue
        if best is None or (claim.end - claim.start) < (best.claim.end - best.claim.start):
            best = draft
    return best


def _attribute(ctx: _Context) -> list[Finding]:
    """Hand each thrown failure to the construct that causes it; report the rest."""
    extra: list[Finding] = []
    for line in ctx.analysis.lines:
        if line.kind != ERROR or line.at is None:
            continue
        owner = _claimant(ctx, line.at)
        if owner is not None:
            if owner.thrown is None:
                owner.thrown = line.message
            continue
        if not _valid_toml_at(ctx, line):
            problem = _strict_problem_in(ctx, line.span)
            if problem is not None:
                # Invalid TOML that the runtime also fails on, on this very line: the
                # syntax diagnostic stays, and gains the runtime's own message.
                extra.append(Finding(SYNTAX, problem.span, "", thrown=line.message))
            continue
        at = line.at
        message = f"{PARSER} cannot read this line, although it is valid TOML"
        rest = ctx.text[at.start : ctx.facts.line_end(at.start)]
        if at.start == at.end and not rest.strip():
            message = (
                f"line break inside an array: {PARSER} joins the lines of an array only after "
                '"[" or "," and before "]", so the array ends here'
            )
        extra.append(
            Finding(
                "toml-unsupported",
                at,
                message,
                thrown=line.message,
                hint="rewrite it in the subset basic-toml reads: one key = JSON value per line",
            )
        )
    findings = [
        Finding(
            d.kind,
            d.span,
            d.message,
            thrown=d.thrown if d.thrown is not None else ("" if d.fails else None),
            hint=d.hint,
            related=d.related,
            fix=d.fix,
            supersedes=d.supersedes,
        )
        for d in ctx.drafts
    ]
    return findings + extra


def _valid_toml_at(ctx: _Context, line: Line) -> bool:
    """Whether the statement basic-toml fails on is valid TOML (else the syntax problem
    the strict reader reports there is the diagnostic to show)."""
    if not ctx.parsed.problems:
        return True
    statement = ctx.facts.statement_at(line.span.start)
    if statement is None:
        return False
    return _strict_problem_in(ctx, statement.line) is None


def _strict_problem_in(ctx: _Context, span: Span) -> SyntaxProblem | None:
    for problem in ctx.parsed.problems:
        if span.start <= problem.span.start <= span.end:
            return problem
    return None


def _inside_statement(ctx: _Context, line: Line) -> bool:
    """A continuation line of a multi-line value: its statement's failure covers it."""
    key = ctx.facts.statement_at(line.span.start)
    return key is not None and key.line.start < line.span.start


def _line_outcomes(ctx: _Context) -> list[Finding]:
    """Lines basic-toml ignores, keys it overwrites, tables it merges."""
    text = ctx.text
    found: list[Finding] = []
    for line in ctx.analysis.lines:
        if line.kind == IGNORED:
            owner = _claimant(ctx, Span(line.span.start, line.span.start))
            if owner is not None and owner.multiline:
                continue
            if owner is not None and owner.kind == "toml-dotted-key":
                continue
            if _inside_statement(ctx, line):
                continue
            found.append(_ignored(ctx, line.span))
        elif line.kind == HEADER and line.rest is not None:
            found.append(_ignored(ctx, line.rest, after_header=True))
        if line.kind == ASSIGN and line.replaced is not None and line.key_span is not None:
            problem = _strict_problem_at(ctx, line.key_span)
            found.append(
                Finding(
                    "toml-duplicate-key",
                    line.key_span,
                    f"key {json_stringify(line.key)} is set twice: {PARSER} silently keeps "
                    "the last value, so the earlier one is lost",
                    hint="keep one of them",
                    related=((line.replaced, "first set here"),),
                    supersedes=problem is not None,
                )
            )
        if line.kind == HEADER and line.merged is not None and line.header is not None:
            problem = _strict_problem_at(ctx, line.header)
            found.append(
                Finding(
                    "toml-repeated-table",
                    line.header,
                    f"table {text[line.header.start : line.header.end]} is defined again: "
                    f"{PARSER} silently merges the two, but TOML forbids it and other TOML "
                    "tools reject the file",
                    hint="put all its keys under one header",
                    related=((line.merged, "first defined here"),),
                    supersedes=problem is not None,
                )
            )
    return found


def _strict_problem_at(ctx: _Context, span: Span) -> SyntaxProblem | None:
    for problem in ctx.parsed.problems:
        if problem.span == span:
            return problem
    return None


def _ignored(ctx: _Context, span: Span, after_header: bool = False) -> Finding:
    problem = _strict_problem_in(ctx, span)
    where = problem.span if problem is not None else span
    text = ctx.text[span.start : span.end]
    if after_header:
        message = (
            f"text after a table header is silently ignored by {PARSER}: "
            f"{_quote(text)} never reaches the config"
        )
        hint = "put it on its own line"
    else:
        message = (
            f"this line is silently ignored by {PARSER}, which only reads `key = value` "
            "lines and [table] headers"
        )
        hint = (
            'write it as key = value (TOML uses "=", not ":")'
            if ":" in text
            else ("write it as key = value, or make it a comment")
        )
    return Finding("toml-ignored-line", where, message, hint=hint, supersedes=problem is not None)
