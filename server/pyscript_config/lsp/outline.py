"""Document symbols (configs, their keys, scripts) and folding ranges (config blocks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..check import parse_region
from ..extract import file_region, page_regions, script_info
from ..files import FileKind, SourceFile
from ..page import Element, Page
from ..regions import ConfigRegion, Interpreter, Origin, Pipeline, Syntax
from ..text import Span
from ..tree import Array, Node, Scalar, Table

_MAX_DEPTH = 32


@dataclass(slots=True)
class Symbol:
    name: str
    kind: str  # module, file, object, array, property, function
    span: Span  # the whole thing
    selection: Span  # its name
    detail: str = ""
    children: list[Symbol] = field(default_factory=list)


def _page(source: SourceFile, page: Page | None) -> Page:
    if page is not None:
        return page
    from ..reading.html_reader import read_page

    return read_page(source.path, source.text)


def _element_span(element: Element) -> Span:
    end = element.end_tag_span.end if element.end_tag_span else element.start_tag_span.end
    return Span(element.start_tag_span.start, end)


def symbols(source: SourceFile, page: Page | None = None) -> list[Symbol]:
    if source.kind is not FileKind.HTML:
        region = file_region(source, Pipeline.STANDALONE, Interpreter.PY)
        return _keys(region)
    page = _page(source, page)
    found: list[Symbol] = []
    scripts: dict[int, Symbol] = {}
    for element in page.live():
        info = script_info(element)
        if info is None:
            continue
        label = element.value("name") or element.value("src") or element.value("id") or ""
        kind = element.value("type") if element.tag == "script" else element.tag
        name = f'<script type="{kind}">' if element.tag == "script" else f"<{kind}>"
        detail = f"{info.interpreter.value}, {info.pipeline.value}"
        if label:
            detail += f" · {label}"
        symbol = Symbol(name, "function", _element_span(element), element.name_span, detail)
        scripts[id(element)] = symbol
        found.append(symbol)
    for region in page_regions(page):
        holder = region.element
        if holder is None:
            continue
        if region.origin is Origin.CONFIG_ELEMENT:
            name, span, selection = f"<{holder.tag}>", _element_span(holder), holder.name_span
        else:
            attribute = region.attribute
            assert attribute is not None
            name, span, selection = f"{attribute.name}=", attribute.span, attribute.name_span
        if region.syntax is Syntax.URL:
            symbol = Symbol(f"{name} {region.url}", "file", span, selection, "config file")
        else:
            detail = f"{region.interpreter.value} {region.pipeline.value} config"
            symbol = Symbol(name, "module", span, selection, detail, _keys(region))
        owner = scripts.get(id(holder)) if region.origin is Origin.ATTRIBUTE else None
        if owner is not None:
            owner.children.append(symbol)
        else:
            found.append(symbol)
    found.sort(key=lambda s: s.span.start)
    return found


def _keys(region: ConfigRegion) -> list[Symbol]:
    parsed = parse_region(region)
    if parsed is None or not isinstance(parsed.root, Table):
        return []
    return _table_symbols(parsed.root, region, 0)


def _table_symbols(table: Table, region: ConfigRegion, depth: int) -> list[Symbol]:
    found: list[Symbol] = []
    if depth > _MAX_DEPTH:
        return found
    for entry in table.entries:
        value = entry.value
        extent = _extent(value, depth)
        span = Span(min(entry.key_span.start, extent.start), max(entry.key_span.end, extent.end))
        children: list[Symbol] = []
        if isinstance(value, Table):
            kind = "object"
            children = _table_symbols(value, region, depth + 1)
        elif isinstance(value, Array):
            kind = "array"
            for index, item in enumerate(value.items):
                if isinstance(item, Table):
                    item_span = _extent(item, depth + 1)
                    children.append(
                        Symbol(
                            f"[{index}]",
                            "object",
                            region.to_host(item_span),
                            region.to_host(item.span),
                            children=_table_symbols(item, region, depth + 2),
                        )
                    )
        else:
            kind = "property"
        detail = _scalar(value) if isinstance(value, Scalar) else ""
        found.append(
            Symbol(
                entry.key,
                kind,
                region.to_host(span),
                region.to_host(entry.key_span),
                detail,
                children,
            )
        )
    return found


def _scalar(value: Scalar) -> str:
    text = str(value.value) if not isinstance(value.value, bool) else str(value.value).lower()
    return text if len(text) <= 60 else text[:57] + "..."


def _extent(node: Node, depth: int) -> Span:
    """The span of a node with everything under it (TOML tables defined by headers
    have only their header as span)."""
    start, end = node.span.start, node.span.end
    if depth > _MAX_DEPTH:
        return Span(start, end)
    children: list[Node] = []
    if isinstance(node, Table):
        for entry in node.entries:
            start = min(start, entry.key_span.start)
            end = max(end, entry.key_span.end)
            children.append(entry.value)
    elif isinstance(node, Array):
        children = list(node.items)
    for child in children:
        inner = _extent(child, depth + 1)
        start, end = min(start, inner.start), max(end, inner.end)
    return Span(start, end)


def folds(source: SourceFile, page: Page | None = None) -> list[Span]:
    """Host spans worth folding: config elements and the tables and arrays inside
    configs (the handler keeps those that span several lines)."""
    if source.kind is not FileKind.HTML:
        return _config_folds(file_region(source, Pipeline.STANDALONE, Interpreter.PY))
    page = _page(source, page)
    found: list[Span] = []
    for region in page_regions(page):
        element = region.element
        if region.origin is Origin.CONFIG_ELEMENT and element is not None:
            found.append(_element_span(element))
        if region.syntax in (Syntax.TOML, Syntax.JSON):
            found.extend(_config_folds(region))
    return found


def _config_folds(region: ConfigRegion) -> list[Span]:
    parsed = parse_region(region)
    if parsed is None or parsed.root is None:
        return []
    found: list[Span] = []

    def walk(node: Node, depth: int) -> None:
        if depth > _MAX_DEPTH or isinstance(node, Scalar):
            return
        if depth > 0:
            found.append(region.to_host(_extent(node, depth)))
        items = node.items if isinstance(node, Array) else [e.value for e in node.entries]
        for item in items:
            walk(item, depth + 1)

    walk(parsed.root, 0)
    return found
