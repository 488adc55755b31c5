"""Hover text: the documentation of keys, values, elements and attributes, and for a
script, which config it really gets and which PyScript release the page loads."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ..extract import page_regions, script_info
from ..files import FileKind, SourceFile
from ..loader import find_loaders, page_release
from ..page import Element, Page
from ..query import Place, Query, query
from ..regions import ConfigRegion, Interpreter, Origin, Pipeline, Syntax
from ..schema_data import property_schema, top_level_keys
from ..settings import Settings
from ..text import LineIndex, Span
from . import html_docs

_INTERPRETERS = {"py": "Pyodide", "mpy": "MicroPython"}


@dataclass(frozen=True, slots=True)
class HoverText:
    markdown: str
    span: Span


def hover(
    source: SourceFile, offset: int, settings: Settings | None = None, page: Page | None = None
) -> HoverText | None:
    if source.kind is FileKind.HTML and page is None:
        from ..reading.html_reader import read_page

        page = read_page(source.path, source.text)
    where = query(source, offset, page)
    text: str | None = None
    if where.place in (Place.KEY, Place.TABLE_HEADER) and where.token:
        text = _key(where)
    elif where.place is Place.VALUE and where.token:
        text = _value(where)
    elif where.place is Place.TAG_NAME and page is not None and where.tag is not None:
        text = _tag(where, page, settings or Settings())
    elif where.place is Place.ATTRIBUTE_NAME and where.token and where.tag is not None:
        text = _attribute(where)
    elif where.place is Place.ATTRIBUTE_VALUE and where.tag is not None:
        text = _attribute_value(where)
    if not text:
        return None
    return HoverText(text, where.word)


def _meta_line(prop: dict[str, Any]) -> str:
    meta = prop.get("x-pyscript", {})
    parts: list[str] = []
    interpreters = meta.get("interpreters")
    if isinstance(interpreters, list) and interpreters:
        parts.append(" and ".join(str(_INTERPRETERS.get(i, i)) for i in interpreters))
    if meta.get("since"):
        parts.append(f"since PyScript {meta['since']}")
    if meta.get("removed"):
        parts.append(f"removed in {meta['removed']}")
    return " · ".join(parts)


def _key(where: Query) -> str | None:
    path = where.key_path
    prop = property_schema(path)
    if prop is None:
        if len(path) == 1 and path[0] not in top_level_keys():
            return (
                f"**{path[0]}** — not a PyScript setting: a custom key. PyScript passes it on "
                "unchanged, and your code can read it from `pyscript.config`."
            )
        return None
    text = prop.get("markdownDescription") or prop.get("description")
    if not text:
        return None
    name = ".".join(str(p) for p in path)
    lines = [f"**{name}**"]
    if prop.get("deprecationMessage"):
        lines.append(f"**Deprecated:** {prop['deprecationMessage']}")
    lines.append(str(text))
    meta = _meta_line(prop)
    if meta:
        lines.append(f"_{meta}_")
    return "\n\n".join(lines)


def _value(where: Query) -> str | None:
    prop = property_schema(where.path) if where.path else None
    if prop is None:
        return None
    value = where.token
    enum = prop.get("enum", [])
    descriptions = prop.get("markdownEnumDescriptions") or prop.get("enumDescriptions") or []
    if value in enum:
        index = enum.index(value)
        if index < len(descriptions):
            return f"**{value}** — {descriptions[index]}"
    values = value_meta(where.path)
    if isinstance(values.get(value), dict):
        info = values[value]
        since = f"\n\n_since PyScript {info['since']}_" if info.get("since") else ""
        return f"**{value}** — {info.get('description', '')}{since}"
    return None


def value_meta(path: tuple[str | int, ...]) -> dict[str, Any]:
    """`x-pyscript.values` for a value: on its key, or on the array holding it."""
    for candidate in (path, path[:-1] if path and isinstance(path[-1], int) else None):
        if candidate:
            prop = property_schema(candidate)
            values = (prop or {}).get("x-pyscript", {}).get("values")
            if isinstance(values, dict):
                return values
    return {}


def _attribute(where: Query) -> str | None:
    assert where.tag is not None
    name = where.token
    kind = html_docs.element_kind(where.tag.name, where.tag.value("type"))
    doc = html_docs.ATTRIBUTES.get(name)
    if doc is not None and (
        kind in doc.on or (kind == html_docs.CONFIG and name in html_docs.CONFIG_ELEMENT_ATTRIBUTES)
    ):
        return html_docs.markdown(doc)
    event = html_docs.event_doc(name)
    return html_docs.markdown(event) if event is not None else None


def _attribute_value(where: Query) -> str | None:
    assert where.tag is not None
    if where.tag.name == "script" and where.attribute == "type":
        for value, text in html_docs.SCRIPT_TYPES:
            if value == where.token.strip().lower():
                return f'**type="{value}"** — {text}\n\n_{html_docs.SPEC} §3.1_'
    return None


# --- scripts -----------------------------------------------------------------------------


def _tag(where: Query, page: Page, settings: Settings) -> str | None:
    assert where.tag is not None
    element = where.tag.element
    doc = html_docs.ELEMENTS.get(where.tag.name)
    parts: list[str] = []
    if doc is not None:
        parts.append(html_docs.markdown(doc))
    if element is not None and script_info(element) is not None:
        parts.append(script_story(page, element, settings))
    return "\n\n---\n\n".join(parts) if parts else None


def script_story(page: Page, element: Element, settings: Settings) -> str:
    """Which config this script gets, and which PyScript release runs it."""
    info = script_info(element)
    assert info is not None
    lines = LineIndex(page.text)
    regions = page_regions(page)
    interpreter = _INTERPRETERS[info.interpreter.value]
    where_runs = {
        Pipeline.MAIN: f"{interpreter} on the main thread",
        Pipeline.WORKER: f"{interpreter} in a worker",
        Pipeline.EDITOR: f"{interpreter} editor (its code runs in a worker)",
        Pipeline.GAME: "py-game (Pyodide, main thread)",
        Pipeline.POLYSCRIPT: f"raw polyscript {interpreter}",
    }.get(info.pipeline, interpreter)
    own = next((r for r in regions if r.element is element and r.attribute is not None), None)
    if info.pipeline is Pipeline.MAIN:
        config = _main_config(regions, info.interpreter, lines)
    elif info.pipeline is Pipeline.WORKER:
        if own is not None and own.text.strip():
            config = f"its own worker config: {_describe(own, lines)}"
        else:
            config = "no `config` of its own, so it inherits the main config: " + _main_config(
                regions, info.interpreter, lines
            )
    elif info.pipeline is Pipeline.GAME:
        base = _describe(own, lines) if own is not None and own.text.strip() else "none"
        config = f'its own config ({base}), plus the built-in `packages = ["pygame-ce"]`'
    elif own is not None and own.text.strip():
        config = f"its own config: {_describe(own, lines)}"
    else:
        config = "none (defaults); `<py-config>` never applies here"
    chosen = page_release(find_loaders(page), settings.pyscript_version)
    release = chosen.release
    if chosen.source == "loader" and chosen.loader is not None:
        line, _ = lines.line_col(chosen.loader.attribute.name_span.start)
        origin = f"from the loader `{chosen.loader.url}` (line {line})"
    elif chosen.source == "setting":
        origin = "pinned by the `pyscriptVersion` setting"
    else:
        origin = "assumed: the newest known release, because no loader on the page names one"
    return "\n".join(
        [
            f"**Runs:** {where_runs}",
            "",
            f"**Config:** {config}",
            "",
            f"**PyScript:** {release.name} ({origin}); Pyodide {release.pyodide}, "
            f"MicroPython {release.micropython}",
        ]
    )


def _describe(region: ConfigRegion, lines: LineIndex) -> str:
    line, _ = lines.line_col(region.host_span.start)
    if region.syntax is Syntax.URL and region.url:
        return f"`{region.url}` (line {line})"
    if region.origin is Origin.CONFIG_ELEMENT and region.element is not None:
        return f"the inline `<{region.element.tag}>` (line {line})"
    kind = "JSON" if region.syntax is Syntax.JSON else "TOML"
    return f"inline {kind} (line {line})"


def _main_config(regions: list[ConfigRegion], interpreter: Interpreter, lines: LineIndex) -> str:
    mains = [r for r in regions if r.pipeline is Pipeline.MAIN and r.interpreter is interpreter]
    elements = [r for r in mains if r.origin is not Origin.ATTRIBUTE or _is_config_element(r)]
    attributes = [r for r in mains if r not in elements]
    tag = "py-config" if interpreter is Interpreter.PY else "mpy-config"
    if len(elements) > 1:
        return (
            f"none: the page has {len(elements)} `<{tag}>` elements, so PyScript fails "
            f"with (PY0409) Too many {tag}"
        )
    if elements and attributes:
        return (
            f"none: `<{tag}>` together with a `config` attribute fails with (PY0409) "
            f"Ambiguous {tag} VS config attribute"
        )
    if elements:
        region = elements[0]
        if region.syntax is Syntax.EMPTY:
            return f"an empty `<{tag}>`: PyScript's defaults"
        return f"the page's `<{tag}>`: {_describe(region, lines)}"
    if attributes:
        first = attributes[0]
        return f"the `config` of the first script with one: {_describe(first, lines)}"
    return "none on the page: PyScript's defaults"


def _is_config_element(region: ConfigRegion) -> bool:
    return region.element is not None and region.element.tag in ("py-config", "mpy-config")
