"""Links from a page or config to the files it names: `config="…"`, `<py-config src>`,
a script's `src`, and local sources in `[files]` and `[js_modules.*]`."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from urllib.parse import unquote

from ..check import local_reference, parse_region
from ..extract import file_region, page_regions, script_info
from ..files import FileKind, SourceFile
from ..page import Page
from ..regions import ConfigRegion, Interpreter, Origin, Pipeline
from ..text import Span
from ..tree import Table

_REMOTE = re.compile(r"^(?:[A-Za-z][A-Za-z0-9+.-]*:|//)")


@dataclass(frozen=True, slots=True)
class Link:
    span: Span  # host span of the path as written
    target: str  # file path


def _local(base_dir: str, url: str) -> str | None:
    url = url.strip()
    if not url or _REMOTE.match(url) or url.startswith("/") or "{" in url:
        return None
    bare = url.split("?", 1)[0].split("#", 1)[0]
    if not bare:
        return None
    return os.path.normpath(os.path.join(base_dir, unquote(bare)))


def links(
    source: SourceFile, exists: object = os.path.exists, page: Page | None = None
) -> list[Link]:
    """Every local file the document names that exists (`exists(path)` decides)."""
    check = exists if callable(exists) else os.path.exists
    found: list[Link] = []
    if source.kind is FileKind.HTML:
        if page is None:
            from ..reading.html_reader import read_page

            page = read_page(source.path, source.text)
        base = os.path.dirname(source.path)
        regions = page_regions(page)
        for region in regions:
            reference = local_reference(region)
            if reference is not None:
                found.append(Link(region.to_host(reference.url_span), reference.path))
            elif region.syntax.value in ("toml", "json"):
                found.extend(_config_links(region, base))
        for element in page.live():
            if script_info(element) is None:
                continue
            src = element.attr("src")
            if src is None or src.value is None or src.value_span is None:
                continue
            target = _local(base, src.value)
            if target is not None:
                found.append(Link(src.value_span, target))
    else:
        region = file_region(source, Pipeline.STANDALONE, Interpreter.PY)
        found.extend(_config_links(region, os.path.dirname(source.path)))
    return [link for link in found if check(link.target)]


def _config_links(region: ConfigRegion, base: str) -> list[Link]:
    """Local sources in `[files]` and module URLs in `[js_modules.main|worker]`."""
    if region.origin is Origin.FILE:
        base = os.path.dirname(region.host_path)
    parsed = parse_region(region)
    if parsed is None or not isinstance(parsed.root, Table):
        return []
    tables: list[Table] = []
    files = parsed.root.get("files")
    if files is not None and isinstance(files.value, Table):
        tables.append(files.value)
    modules = parsed.root.get("js_modules")
    if modules is not None and isinstance(modules.value, Table):
        tables.extend(e.value for e in modules.value.entries if isinstance(e.value, Table))
    found: list[Link] = []
    for table in tables:
        for entry in table.entries:
            target = _local(base, entry.key)
            if target is None:
                continue
            span = entry.key_span
            if entry.quoted and span.end - span.start >= 2:
                span = Span(span.start + 1, span.end - 1)
            found.append(Link(region.to_host(span), target))
    return found


def link_at(all_links: list[Link], offset: int) -> Link | None:
    for link in all_links:
        if link.span.start <= offset <= link.span.end:
            return link
    return None
