"""Looking across configs: the page's main config, the workers that inherit it, and
where a config's relative URLs are resolved.

Worker configs are judged against the main config of the same interpreter (its
`interpreter` wins over theirs, spec §2.3), and a main config reaches every worker
without a `config` attribute. These helpers find those relations from a region rule.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from ..diagnostics import Diagnostic, Fix, Related
from ..page import Element, Page
from ..regions import ConfigRegion, Interpreter, Origin, Pipeline
from ..text import Span
from ..tree import Entry, Scalar, Table
from .context import PageContext, RuleContext, make_diagnostic


@dataclass(frozen=True, slots=True)
class OtherConfig:
    """Another config of the page, parsed: where it is and its top-level table."""

    region: ConfigRegion  # for a config file: the file's own region
    root: Table

    def entry(self, key: str) -> Entry | None:
        return self.root.get(key)

    def related(self, span: Span, note: str) -> Related:
        return Related(self.region.host_path, self.region.to_host(span), note)


def main_config(page: PageContext | None, interpreter: Interpreter) -> OtherConfig | None:
    """The main-thread config of `interpreter` on the page (the first one, as the runtime
    stops at more than one), parsed; None when there is none or it cannot be read."""
    if page is None:
        return None
    key = ("main_config", interpreter)
    if key not in page.memo:
        page.memo[key] = _find_main_config(page, interpreter)
    found = page.memo[key]
    return found if isinstance(found, OtherConfig) else None


def _find_main_config(page: PageContext, interpreter: Interpreter) -> OtherConfig | None:
    from ..check import local_reference, parse_region
    from ..extract import file_region
    from ..files import FileKind, LoadProblem, SourceFile
    from ..regions import Syntax

    for region in page.regions:
        if region.pipeline is not Pipeline.MAIN or region.interpreter is not interpreter:
            continue
        target = region
        reference = local_reference(region)
        if reference is not None:
            try:
                loaded = page.read(reference.path)
            except (OSError, ValueError):
                return None
            if isinstance(loaded, LoadProblem):
                return None
            syntax = region.detection.url_syntax if region.detection else None
            kind = FileKind.JSON if syntax is Syntax.JSON else FileKind.TOML
            source = SourceFile(loaded.path, loaded.text, kind)
            target = file_region(source, region.pipeline, interpreter)
        parsed = parse_region(target)
        if parsed is None or parsed.problems or not isinstance(parsed.root, Table):
            return None
        return OtherConfig(target, parsed.root)
    return None


def inheriting_workers(page: PageContext | None, interpreter: Interpreter) -> list[Element]:
    """Worker scripts of `interpreter` without a `config` attribute: they use the main
    config (spec §2.3, `node.config attr || mainConfigObject`)."""
    if page is None or not isinstance(page.page, Page):
        return []
    from ..extract import script_info

    found = []
    for element in page.page.live():
        info = script_info(element)
        if (
            info is not None
            and info.pipeline is Pipeline.WORKER
            and info.interpreter is interpreter
            and not element.has("config")
        ):
            found.append(element)
    return found


def base_directory(ctx: RuleContext) -> str:
    """The folder relative URLs of this config resolve against, as a host path.

    A config file's own folder; for inline configs the page's folder (the runtime uses
    `./config.txt` relative to the page as the base URL).
    """
    return os.path.dirname(ctx.region.host_path)


def is_file_config(ctx: RuleContext) -> bool:
    return ctx.region.origin is Origin.FILE


def url_parts(url: str) -> tuple[str, str]:
    """(host, path) of a URL; a URL Python cannot split (a broken IPv6 host) gives
    ("", the text before any ?/#): rules never raise on bad input."""
    try:
        parts = urlsplit(url)
        return parts.hostname or "", parts.path
    except ValueError:
        return "", re.split(r"[?#]", url, maxsplit=1)[0]


def usable_path(path: str) -> bool:
    """Whether `path` can name a file at all (the OS rejects NUL bytes outright)."""
    return "\x00" not in path and path.strip() != ""


def file_exists(ctx: RuleContext, path: str) -> bool:
    """Whether the local file exists, with exactly this case (web servers are
    case-sensitive), on disk or in what `ctx.read` serves (an editor's open files)."""
    from ..files import LoadFailure, LoadProblem

    if not usable_path(path):
        return False
    folder, name = os.path.split(path)
    try:
        if name in os.listdir(folder or "."):
            return True
    except (OSError, ValueError):
        pass
    try:
        loaded = ctx.read(path)
    except (OSError, ValueError):
        return False
    return not (isinstance(loaded, LoadProblem) and loaded.failure is LoadFailure.MISSING)


def string_value(entry: Entry | None) -> str | None:
    if entry is None or not isinstance(entry.value, Scalar):
        return None
    value = entry.value.value
    return value if isinstance(value, str) else None


def report_related(
    ctx: RuleContext,
    code: str,
    message: str,
    span: Span,
    related: tuple[Related, ...],
    *,
    fix: Fix | None = None,
    data: dict[str, str] | None = None,
) -> None:
    """`ctx.report` with related places in other files or regions (host coordinates)."""
    diagnostic: Diagnostic = make_diagnostic(
        code, message, ctx.region.host_path, ctx.host(span), fix=fix, related=related, data=data
    )
    ctx.diagnostics.append(diagnostic)


def report_host(
    ctx: RuleContext, code: str, message: str, host_span: Span, related: tuple[Related, ...] = ()
) -> None:
    """Report at a span of the host file (e.g. a whole attribute, outside the region text)."""
    ctx.diagnostics.append(
        make_diagnostic(code, message, ctx.region.host_path, host_span, related=related)
    )


def element_related(page: PageContext | None, element: Element, note: str) -> Related:
    path = page.path if page is not None else ""
    return Related(path, element.start_tag_span, note)
