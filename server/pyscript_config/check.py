"""The pure core: one page or config file in, diagnostics out.

Every front end (the `validate` command, the pre-commit hook, the language server)
calls `check_source`; none of them has rule logic of its own. File access goes
through the `read` callable, so the server can answer from its open documents and
tests from memory.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from .content_cache import ContentCache
from .diagnostics import Diagnostic, Related
from .extract import file_region, is_pyscript_page, page_regions
from .files import FileKind, LoadFailure, LoadProblem, SourceFile, kind_of, load_source
from .knowledge.releases import NEWEST, Release, find_release
from .loader import find_loaders, page_release
from .page import Page
from .regions import ConfigRegion, Interpreter, Origin, Pipeline, Syntax
from .rules.context import PageContext, RuleContext
from .rules.registry import RULES
from .settings import Settings
from .suppress import Collector
from .text import Span
from .tree import ParseResult

Reader = Callable[[str], "SourceFile | LoadProblem"]

CONFIG_NAMES = frozenset({"pyscript.toml", "pyscript.json"})
# Template languages put `{{ ... }}` or `{% ... %}` where the real value appears only
# after rendering; such text is not a config yet.
_TEMPLATE = re.compile(r"\{\{|\{%|<%|%sveltekit\.")
_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


@dataclass(slots=True)
class CheckResult:
    diagnostics: list[Diagnostic] = field(default_factory=list)
    relevant: bool = True
    checked_configs: tuple[str, ...] = ()


def is_config_name(path: str) -> bool:
    return os.path.basename(path).lower() in CONFIG_NAMES


def read_page(source: SourceFile) -> Page:
    from .reading.html_reader import read_page as _read

    return _read(source.path, source.text)


# Parses kept by content. A page re-checked after an edit (every keystroke in the
# language server, every config of a 300-config page) re-parses only the regions whose
# text changed. Bounded by characters (a tree takes ~50 bytes per character): about
# 15 MB of trees at most, and a text over 20,000 characters is parsed every time.
PARSE_CACHE_CHARS = 200_000
PARSES: ContentCache[ParseResult] = ContentCache(PARSE_CACHE_CHARS)


def parse_region(region: ConfigRegion) -> ParseResult | None:
    """Parse a region with the syntax the runtime uses for it (None: nothing to parse).

    The result may be shared with other callers (it is cached by text): never mutate it.
    """
    if region.syntax is not Syntax.TOML and region.syntax is not Syntax.JSON:
        return None
    return parse_text(region.text, region.syntax)


def parse_text(text: str, syntax: Syntax) -> ParseResult:
    """`text` parsed as TOML or JSON (shared, cached by content: never mutate it)."""
    return PARSES.get(text, syntax, lambda: _parse(text, syntax))


def _parse(text: str, syntax: Syntax) -> ParseResult:
    if syntax is Syntax.TOML:
        from .reading.toml_reader import parse_toml

        return parse_toml(text)
    from .reading.json_reader import parse_json

    return parse_json(text)


def check_region(
    region: ConfigRegion,
    settings: Settings,
    release: Release | None = None,
    page: PageContext | None = None,
    read: Reader = load_source,
    suppressions: Collector | None = None,
) -> list[Diagnostic]:
    """All diagnostics of one config region: syntax, then every region rule.

    `suppressions`, when given, collects the region's suppression comments.
    """
    from .rules.all import load

    facts = release or find_release(settings.pyscript_version or "") or NEWEST
    found: list[Diagnostic] = []
    # A page's own regions went through the detection rules in `_check_page` already.
    if region.origin is Origin.FILE and _detection_rules(
        region, settings, facts, page, read, found
    ):
        return found
    parsed = parse_region(region)
    if parsed is None:
        return found
    if suppressions is not None and parsed.comments:
        suppressions.add_region(region, parsed)
    ctx = RuleContext(
        region,
        settings,
        facts.name,
        region.syntax,
        release=facts,
        parsed=parsed,
        page=page,
        read=read,
    )
    code = "PSC002" if region.syntax is Syntax.JSON else "PSC001"
    label = "JSON" if region.syntax is Syntax.JSON else "TOML"
    consequence, runtime = _json_failure(region)
    for problem in parsed.problems:
        ctx.report(
            code,
            f"invalid {label}: {problem.message}{consequence}",
            problem.span,
            related=tuple((where, "see here") for where in problem.related),
            data={"runtime": runtime} if runtime else None,
        )
    region_rules, _ = load()
    for rule in region_rules:
        rule(ctx)
    return found + superseded(ctx.diagnostics)


def superseded(diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Drop syntax diagnostics that a rule explains better at the same place.

    A rule that knows what the runtime does with a line TOML rejects (basic-toml
    silently ignores it, keeps the last duplicate, ...) reports at the span of the
    syntax problem and marks its diagnostic `data["supersedes"] = "PSC001"`, so the
    user sees one diagnostic there, not two.
    """
    replaced = {
        (d.data["supersedes"], d.path, d.span) for d in diagnostics if "supersedes" in d.data
    }
    if not replaced:
        return diagnostics
    return [d for d in diagnostics if (d.code, d.path, d.span) not in replaced]


def _detection_rules(
    region: ConfigRegion,
    settings: Settings,
    release: Release,
    page: PageContext | None,
    read: Reader,
    found: list[Diagnostic],
) -> bool:
    """Rules about how the runtime reads a region's text, run before it is parsed.

    Adds their diagnostics to `found`; True when one of them explains the whole region
    (inline TOML on an editor, a URL read as TOML, YAML, ...): parsing it as we would
    then only repeats that problem as syntax errors, so the region is not parsed.
    """
    from .rules.all import load
    from .rules.page_rules import DETECTION_RULES

    load()
    ctx = RuleContext(
        region, settings, release.name, region.syntax, release=release, page=page, read=read
    )
    claimed = any(rule(ctx) for rule in DETECTION_RULES)
    found.extend(ctx.diagnostics)
    return claimed


_WORKER_PIPELINES = (Pipeline.WORKER, Pipeline.POLYSCRIPT)


def _json_failure(region: ConfigRegion) -> tuple[str, str]:
    """What a JSON syntax error does in a worker (TOML's consequences are the dialect
    rules' business): a fetched `.json` fails the worker with a (PY0409) banner, inline
    JSON falls back to basic-toml and silently becomes an empty config."""
    if region.syntax is not Syntax.JSON or region.pipeline not in _WORKER_PIPELINES:
        return "", ""
    if region.origin is Origin.FILE:
        return "; the worker fails with (PY0409) <message> for <script …>", "PY0409"
    return "; the worker silently starts with an empty config instead", ""


def check_source(
    source: SourceFile, settings: Settings | None = None, read: Reader = load_source
) -> CheckResult:
    """Check one page or config file.

    For a page, the local config files it points to are read through `read` and
    checked in the page's context; their diagnostics carry their own path.
    Whether a TOML/JSON file is a PyScript config at all is the caller's decision
    (see `is_config_name`, `referenced_configs`); here it is checked as one.
    """
    settings = settings or Settings()
    suppressions = Collector()
    if source.kind is FileKind.HTML:
        result = _check_page(source, settings, read, suppressions)
    else:
        region = file_region(source, Pipeline.STANDALONE, Interpreter.PY)
        result = CheckResult(check_region(region, settings, read=read, suppressions=suppressions))
    result.diagnostics = finish(suppressions.apply(result.diagnostics, settings), settings)
    return result


def finish(diagnostics: list[Diagnostic], settings: Settings) -> list[Diagnostic]:
    """Apply the user's selection (per file too) and severities, drop duplicates, sort."""
    seen: set[tuple[str, str, int, int, str]] = set()
    kept: list[Diagnostic] = []
    for diagnostic in diagnostics:
        if not settings.wants_in(diagnostic.code, diagnostic.path):
            continue
        key = (
            diagnostic.path,
            diagnostic.code,
            diagnostic.span.start,
            diagnostic.span.end,
            diagnostic.message,
        )
        if key in seen:
            continue
        seen.add(key)
        override = settings.severity_overrides.get(diagnostic.code)
        if override is not None and override is not diagnostic.severity:
            kept.append(replace(diagnostic, severity=override))
        else:
            kept.append(diagnostic)
    kept.sort(key=Diagnostic.sort_key)
    return kept


@dataclass(frozen=True, slots=True)
class ConfigReference:
    """A page region that names a local config file."""

    region: ConfigRegion
    path: str  # normalised path of the file, relative like the page's path
    url_span: Span  # where the URL is, in region text


def local_reference(region: ConfigRegion) -> ConfigReference | None:
    """The local file a URL region points to; None for remote or root-absolute URLs."""
    if region.syntax is not Syntax.URL or region.url is None:
        return None
    detection = region.detection
    if detection is not None and (detection.invalid_url or detection.ignored_txt):
        return None
    url = region.url
    if _REMOTE.match(url) or url.startswith("/"):
        return None
    bare = url.split("?", 1)[0].split("#", 1)[0]
    if not bare:
        return None
    from urllib.parse import unquote

    directory = os.path.dirname(region.host_path)
    path = os.path.normpath(os.path.join(directory, unquote(bare)))
    start = region.text.find(url)
    return ConfigReference(region, path, Span(start, start + len(url)))


def referenced_configs(source: SourceFile) -> list[str]:
    """Local config files an HTML page points to (none for other files)."""
    return page_references(source)[1]


def page_references(source: SourceFile) -> tuple[bool, list[str]]:
    """Whether an HTML page is a PyScript page, and the local config files it points
    to, from one read of the page (no check)."""
    if source.kind is not FileKind.HTML:
        return False, []
    page = read_page(source)
    paths: list[str] = []
    for region in page_regions(page):
        reference = local_reference(region)
        if reference is not None and reference.path not in paths:
            paths.append(reference.path)
    return is_pyscript_page(page), paths


def _check_page(
    source: SourceFile, settings: Settings, read: Reader, suppressions: Collector | None = None
) -> CheckResult:
    from .rules.all import load

    page = read_page(source)
    if not is_pyscript_page(page):
        return CheckResult(relevant=False)
    if suppressions is not None:
        suppressions.add_page(page)
    loaders = find_loaders(page)
    chosen = page_release(loaders, settings.pyscript_version)
    regions = page_regions(page)
    ctx = PageContext(page, regions, settings, chosen.release, chosen.source, list(loaders), read)
    version = chosen.release.name
    diagnostics: list[Diagnostic] = []
    checked: list[str] = []
    done: set[tuple[str, Pipeline, Interpreter]] = set()
    for region in regions:
        if _TEMPLATE.search(region.text):
            continue
        diagnostics.extend(_region_shape_rules(region, settings, version))
        if _detection_rules(region, settings, chosen.release, ctx, read, diagnostics):
            continue
        reference = local_reference(region)
        if reference is None:
            diagnostics.extend(
                check_region(region, settings, chosen.release, ctx, read, suppressions)
            )
            continue
        if reference.path not in checked:
            checked.append(reference.path)
        context = (reference.path, region.pipeline, region.interpreter)
        if context in done:
            continue
        done.add(context)
        diagnostics.extend(
            _check_referenced(reference, settings, chosen.release, ctx, read, suppressions)
        )
    _, page_rules = load()
    for rule in page_rules:
        rule(ctx)
    diagnostics.extend(ctx.diagnostics)
    return CheckResult(diagnostics, True, tuple(checked))


def _region_shape_rules(region: ConfigRegion, settings: Settings, version: str) -> list[Diagnostic]:
    """What the runtime's text detection rejects before any parsing (PY1000 Invalid URL)."""
    detection = region.detection
    if detection is None or not detection.invalid_url:
        return []
    ctx = RuleContext(region, settings, version, Syntax.URL)
    shown = region.text.strip()
    start = region.text.find(shown)
    span = Span(start, start + len(shown))
    extra = f' (with type="{detection.type_mismatch}")' if detection.type_mismatch else ""
    if "\n" in shown or "=" in shown:
        # Inline TOML mistaken for a URL: point at the last token, the part that looks
        # like a file extension, and name the whole config as the related place.
        tail = shown.split()[-1]
        span = Span(span.end - len(tail), span.end)
        message = (
            f'PyScript takes this inline config for a URL because it ends in "{tail}", and '
            f"fails with (PY1000) Invalid URL{extra}; end the config with a line that does not "
            "end in .<word>, or move it to a .toml file"
        )
    elif detection.type_mismatch:
        message = (
            f'"{shown}" does not match type="{detection.type_mismatch}": PyScript fails with '
            f"(PY1000) Invalid URL ... expected {detection.type_mismatch} content; make the "
            "type attribute agree with the file's extension, or drop it"
        )
    else:
        message = f'"{shown}" is not a .toml or .json URL: PyScript fails with (PY1000) Invalid URL'
        extension = shown.split("?", 1)[0].rsplit(".", 1)[-1]
        if extension.lower() in ("toml", "json"):
            message += f" (extensions are case-sensitive: write .{extension.lower()})"
    ctx.report("PSC200", message, span, data={"runtime": "PY1000"})
    return ctx.diagnostics


def _check_referenced(
    reference: ConfigReference,
    settings: Settings,
    release: Release,
    page: PageContext,
    read: Reader,
    suppressions: Collector | None = None,
) -> list[Diagnostic]:
    region = reference.region
    loaded = read(reference.path)
    page_span = region.to_host(reference.url_span)
    if isinstance(loaded, LoadProblem):
        if loaded.failure is LoadFailure.MISSING:
            code = "PSC300"
            if region.pipeline in _WORKER_PIPELINES:
                runtime = "(PY0409) [404] Unable to fetch … for <script …>"
            else:
                runtime = "(PY0404) Fetching from URL … failed with error 404"
            message = (
                f'config file "{region.url}" not found (looked for {reference.path}); PyScript '
                f"fails with {runtime} when it fetches it"
            )
        elif loaded.failure in (LoadFailure.NOT_UTF8, LoadFailure.BINARY, LoadFailure.TOO_LARGE):
            return [load_problem_diagnostic(loaded)]
        else:
            code, message = "PSC301", f'config file "{region.url}" cannot be read: {loaded.message}'
        rule = RULES[code]
        shown = "PY0409" if code == "PSC300" and region.pipeline in _WORKER_PIPELINES else ""
        return [
            Diagnostic(
                code,
                rule.severity,
                message,
                region.host_path,
                page_span,
                data={"runtime": shown or rule.runtime},
            )
        ]
    # The runtime picks the parser by the URL's extension, not by the file's content.
    url_syntax = region.detection.url_syntax if region.detection else None
    if url_syntax is None:
        url_syntax = Syntax.JSON if kind_of(reference.path) is FileKind.JSON else Syntax.TOML
    kind = FileKind.JSON if url_syntax is Syntax.JSON else FileKind.TOML
    loaded = SourceFile(loaded.path, loaded.text, kind)
    found = check_region(
        file_region(loaded, region.pipeline, region.interpreter),
        settings,
        release,
        page,
        read,
        suppressions,
    )
    note = Related(region.host_path, page_span, "used by this page")
    return [replace(d, related=(*d.related, note)) if d.path == loaded.path else d for d in found]


_LOAD_CODES = {
    LoadFailure.NOT_UTF8: "PSC003",
    LoadFailure.TOO_LARGE: "PSC004",
    LoadFailure.BINARY: "PSC005",
}


def load_problem_diagnostic(problem: LoadProblem) -> Diagnostic:
    """A file-content loading problem as a diagnostic (I/O failures are the caller's)."""
    code = _LOAD_CODES.get(problem.failure, "PSC301")
    rule = RULES[code]
    return Diagnostic(code, rule.severity, problem.message, problem.path, problem.span)


def check_text(
    path: str,
    text: str,
    kind: FileKind | None = None,
    settings: Settings | None = None,
    read: Reader = load_source,
) -> list[Diagnostic]:
    """`check_source` for text in memory (an editor buffer, a test): diagnostics only."""
    source = SourceFile(path, text, kind or kind_of(path) or FileKind.HTML)
    return check_source(source, settings, read).diagnostics
