"""Dialect rules: TOML 1.0 that the parser PyScript uses for this config misreads.

The parser depends on the pipeline and the release (`knowledge.releases.toml_parser`):
the same `<py-config>` is read by basic-toml on a page loading 2026.7.3 and by
toml-j0.4 on one loading 2026.1.1. The constructs and the parsers' own messages come
from `pyscript_config.dialects`; this module says how a failure shows up where the
config is used (a page banner, a worker's PY0409, an editor's error) and turns
planned fixes into host-file edits, refusing any that would need HTML escaping.
"""

from __future__ import annotations

import os
from dataclasses import replace
from typing import TYPE_CHECKING

from ..content_cache import ContentCache
from ..diagnostics import Fix
from ..knowledge.releases import custom_config_parser, toml_parsers
from ..regions import ConfigRegion, Origin, Pipeline, Syntax
from ..text import Span
from ..tree import Array, Node, Table
from .catalog.dialect import RULES as DIALECT_RULES
from .context import RuleContext
from .hooks import region_rule
from .registry import RULES

if TYPE_CHECKING:
    from ..dialects.findings import Finding, FixPlan
    from ..page import Element

# Catalog names of this family, to their codes.
_CODES = {rule.name: rule.code for rule in DIALECT_RULES}
_SUPERSEDES = "supersedes"  # data key: this diagnostic replaces PSC001 at the same span
# The emulation replays basic-toml's regular expressions, some of which backtrack
# quadratically on very long lines (as they do in the browser). No hand-written config
# has such lines; past this length the dialect check is skipped rather than hanging.
MAX_LINE_LENGTH = 10_000


@region_rule
def toml_dialect(ctx: RuleContext) -> None:
    """Constructs the runtime's TOML parser rejects or reads differently from TOML 1.0."""
    region = ctx.region
    parsed = ctx.parsed
    if region.syntax is not Syntax.TOML or parsed is None or parsed.root is None:
        return
    if _custom_parser(ctx):
        return  # a `config-parser` module reads this config: its rules are unknown
    if any(len(line) > MAX_LINE_LENGTH for line in region.text.splitlines()):
        return
    from_file = region.origin is Origin.FILE
    seen: set[Span] = set()
    parsers = toml_parsers(ctx.release, region.pipeline.value, from_file)
    for index, parser in enumerate(parsers):
        _check_with(ctx, parser, seen, silent_only_in=_worker_read_spans(ctx) if index else None)


def findings_of(text: str, parser: str) -> tuple[Finding, ...]:
    """What `parser` makes of `text`, kept by content like the parse it starts from
    (`check.parse_text`): an edit elsewhere on a page does not re-run the emulation.
    Findings are frozen values, so sharing them is safe."""
    return FINDINGS.get(text, parser, lambda: _findings(text, parser))


def _findings(text: str, parser: str) -> tuple[Finding, ...]:
    from ..check import parse_text
    from ..dialects import check_toml

    return tuple(check_toml(text, parse_text(text, Syntax.TOML), parser))


FINDINGS: ContentCache[tuple[Finding, ...]] = ContentCache(200_000)


# In a py-editor, the worker's second (basic-toml) parse supplies only these keys;
# `pyscript.config` itself keeps the first parse (browser-observed).
_WORKER_READ_KEYS = ("files", "packages", "js_modules")


def _worker_read_spans(ctx: RuleContext) -> list[Span]:
    root = ctx.parsed.root if ctx.parsed else None
    if not isinstance(root, Table):
        return []
    return [
        Span(entry.key_span.start, _extent_end(entry.value))
        for entry in root.entries
        if entry.key in _WORKER_READ_KEYS
    ]


def _extent_end(node: Node) -> int:
    """Where a value's text ends; a `[header]` table's span is only its header, so
    look at what it holds (iteratively: the reader bounds depth, not breadth)."""
    end = node.span.end
    stack = [node]
    while stack:
        item = stack.pop()
        end = max(end, item.span.end)
        if isinstance(item, Table):
            for entry in item.entries:
                end = max(end, entry.key_span.end)
                stack.append(entry.value)
        elif isinstance(item, Array):
            stack.extend(item.items)
    return end


def _check_with(
    ctx: RuleContext, parser: str, seen: set[Span], silent_only_in: list[Span] | None = None
) -> None:
    """Report what `parser` rejects or changes; `seen` keeps a construct that two
    parsers both reject to one diagnostic. With `silent_only_in`, a silent change (no
    throw) matters only inside those spans."""
    from ..dialects.basic_checks import SYNTAX

    region = ctx.region
    assert ctx.parsed is not None
    surface = _Surface(ctx, parser)
    for finding in findings_of(region.text, parser):
        if finding.kind == SYNTAX and finding.thrown:
            _annotate_syntax_error(ctx, finding.span, surface.failure(finding.thrown), parser)
            continue
        code = _CODES.get(finding.kind)
        if code is None or finding.span in seen:
            continue
        if silent_only_in is not None and finding.thrown is None:
            inside = any(w.start <= finding.span.start < w.end for w in silent_only_in)
            if not inside:
                continue
        seen.add(finding.span)
        data: dict[str, str] = {"parser": parser}
        message = finding.message
        if finding.thrown is not None:
            shown, runtime = surface.failure(finding.thrown)
            message += "; " + shown
            data["runtime"] = runtime
        elif RULES[code].runtime:
            data["runtime"] = ""
        if finding.hint:
            message += f"; {finding.hint}"
        if finding.supersedes:
            data[_SUPERSEDES] = "PSC001"
        ctx.report(
            code,
            message,
            finding.span,
            fix=_fix(ctx, finding.fix),
            related=finding.related,
            data=data,
        )


def _annotate_syntax_error(
    ctx: RuleContext, span: Span, failure: tuple[str, str], parser: str
) -> None:
    """Add the runtime's own message to the TOML syntax diagnostic at `span`, where the
    runtime fails on the same line: still one diagnostic, now with what the user sees."""
    host = ctx.host(span)
    shown, runtime = failure
    for index, diagnostic in enumerate(ctx.diagnostics):
        if diagnostic.code == "PSC001" and diagnostic.span == host:
            data = {**diagnostic.data, "parser": parser, "runtime": runtime}
            ctx.diagnostics[index] = replace(
                diagnostic, message=f"{diagnostic.message}; {shown}", data=data
            )


class _Surface:
    """How a parse failure shows up for this region's pipeline."""

    def __init__(self, ctx: RuleContext, parser: str) -> None:
        self.ctx = ctx
        self.parser = parser

    def failure(self, thrown: str) -> tuple[str, str]:
        """What the user sees, and the runtime's error code (empty when there is none)."""
        ctx = self.ctx
        region = ctx.region
        pipeline = region.pipeline
        release = ctx.release.name
        main = pipeline in (Pipeline.MAIN, Pipeline.STANDALONE)
        if thrown == "":
            return f"PyScript {release} cannot read the config", "PY1000" if main else ""
        if main:
            where = _config_url(ctx)
            at = f" @ {where}" if where else ""
            kind = region.interpreter.value
            return (
                f'PyScript {release} fails with "(PY1000): Invalid TOML{at}\\n{thrown}" and '
                f"no {kind} script runs",
                "PY1000",
            )
        if pipeline is Pipeline.WORKER:
            if _main_sets_interpreter(ctx):
                return (
                    f'the worker never starts, and "{thrown}" only reaches the console '
                    f"(PyScript {release})",
                    "",
                )
            tag = _worker_tag(ctx)
            return f'PyScript {release} fails with "(PY0409) {thrown} for {tag}"', "PY0409"
        if pipeline is Pipeline.EDITOR:
            return (
                f'the editor fails with "{thrown}" when it is first run (PyScript {release})',
                "",
            )
        if pipeline is Pipeline.GAME:
            return f'py-game fails with "{thrown}" (an unhandled error in the console)', ""
        if pipeline is Pipeline.POLYSCRIPT:
            return f'polyscript fails to read the config: "{thrown}"', ""
        return f'loading this config fails with "{thrown}"', ""


def _referencing(ctx: RuleContext) -> list[ConfigRegion]:
    """The page's regions that name this config file (for a file region)."""
    if ctx.page is None or ctx.region.origin is not Origin.FILE:
        return []
    from ..check import local_reference

    found = []
    target = os.path.normpath(ctx.region.host_path)
    for region in ctx.page.regions:
        reference = local_reference(region)
        if reference is not None and os.path.normpath(reference.path) == target:
            found.append(region)
    return found


def _config_url(ctx: RuleContext) -> str:
    """The URL the runtime names in "Invalid TOML @ <url>" (empty for inline text)."""
    region = ctx.region
    if region.origin is not Origin.FILE:
        return ""
    for page_region in _referencing(ctx):
        if page_region.pipeline is region.pipeline and page_region.url:
            return page_region.url
    return "./" + os.path.basename(region.host_path)


def _custom_parser(ctx: RuleContext) -> bool:
    """Whether a `config-parser` module replaces the TOML parser for this config."""
    if not custom_config_parser(ctx.release):
        return False
    region = ctx.region
    if region.pipeline not in (Pipeline.MAIN, Pipeline.WORKER):
        return False
    elements: list[Element] = []
    if region.element is not None:
        elements.append(region.element)
    elements.extend(r.element for r in _referencing(ctx) if r.element is not None)
    if region.pipeline is Pipeline.WORKER and region.origin is Origin.FILE and ctx.page:
        # A worker's .toml file resolved on the main thread uses the main config's parser.
        elements.extend(
            r.element
            for r in ctx.page.regions
            if r.pipeline is Pipeline.MAIN
            and r.interpreter is region.interpreter
            and r.element is not None
        )
    return any((element.value("config-parser") or "").strip() for element in elements)


def _main_sets_interpreter(ctx: RuleContext) -> bool:
    """Whether the page's main config (same interpreter) sets `interpreter`: then worker
    configs are resolved inside the worker, and their errors reach only the console."""
    page = ctx.page
    if page is None:
        return False
    from ..check import local_reference, parse_region
    from ..extract import file_region
    from ..files import SourceFile
    from ..tree import Table

    for region in page.regions:
        if region.pipeline is not Pipeline.MAIN or region.interpreter is not ctx.region.interpreter:
            continue
        parsed = parse_region(region)
        if parsed is None:
            reference = local_reference(region)
            if reference is None:
                continue
            loaded = ctx.read(reference.path)
            if not isinstance(loaded, SourceFile):
                continue
            parsed = parse_region(file_region(loaded, Pipeline.MAIN, region.interpreter))
        if parsed is not None and isinstance(parsed.root, Table):
            return parsed.root.get("interpreter") is not None
    return False


def _worker_tag(ctx: RuleContext) -> str:
    """`element.cloneNode(false).outerHTML`, as PyScript quotes it after "for"."""
    element = ctx.region.element
    if element is None:
        users = [r.element for r in _referencing(ctx) if r.element is not None]
        element = users[0] if users else None
    if element is None:
        return "<script …>"
    seen: set[str] = set()
    parts = [element.tag]
    for attribute in element.attributes:
        if attribute.name in seen:
            continue
        seen.add(attribute.name)
        value = attribute.value or ""
        escaped = (
            value.replace("&", "&amp;")
            .replace('"', "&quot;")
            .replace("\u00a0", "&nbsp;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
            .replace("\n", "\\n")  # a line break, shown as in the runtime message's \n
        )
        parts.append(f'{attribute.name}="{escaped}"')
    return "<" + " ".join(parts) + f"></{element.tag}>"


def _fix(ctx: RuleContext, plan: FixPlan | None) -> Fix | None:
    """Host edits for a planned fix (or its alternative); None when every candidate would
    need HTML escaping."""
    while plan is not None:
        fix = _host_fix(ctx, plan)
        if fix is not None:
            return fix
        plan = plan.alternative
    return None


def _host_fix(ctx: RuleContext, plan: FixPlan) -> Fix | None:
    region = ctx.region
    forbidden = ""
    if region.origin is Origin.ATTRIBUTE:
        attribute = region.attribute
        if attribute is None or not attribute.quote:
            return None
        forbidden = "&" + attribute.quote
    elif region.origin is Origin.CONFIG_ELEMENT:
        forbidden = "<&"
    for edit in plan.edits:
        if any(char in edit.text for char in forbidden):
            return None
    edits = tuple(ctx.edit(edit.span, edit.text) for edit in plan.edits)
    return Fix(plan.title, edits, safe=plan.safe)


def finding_code(finding: Finding) -> str | None:
    """The diagnostic code of a finding (for tests and tools)."""
    return _CODES.get(finding.kind)
