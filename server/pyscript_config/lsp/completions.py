"""What to offer at the cursor: config keys and values, PyScript elements, attributes,
their values and file paths. Plain data out; `handlers/completion.py` converts it.

Everything here starts from `query.query`, which works on broken text, so completion
keeps working while the document does not parse.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from ..files import SourceFile
from ..page import Page
from ..query import Place, Query, query
from ..regions import Origin, Pipeline, Syntax
from ..schema_data import load_schema, property_schema, resolve
from ..text import Span
from . import html_docs
from .paths import entries, split_typed


@dataclass(frozen=True, slots=True)
class Suggestion:
    label: str
    kind: str  # property, value, enum, keyword, file, folder, element, attribute, event
    insert: str  # plain text
    replace: Span
    snippet: str | None = None  # the text as a snippet, for clients that take snippets
    detail: str = ""
    documentation: str = ""  # Markdown
    sort: str = ""
    deprecated: bool = False


def complete(
    source: SourceFile, offset: int, *, snippets: bool = True, page: Page | None = None
) -> list[Suggestion]:
    """Suggestions at `offset`; an empty list when there is nothing sensible to say."""
    if page is None and source.text and source.kind.value == "html":
        from ..reading.html_reader import read_page

        page = read_page(source.path, source.text)
    where = query(source, offset, page)
    if where.place in (Place.KEY, Place.TABLE_HEADER):
        return _keys(where, source, snippets)
    if where.place is Place.VALUE:
        return _values(where)
    if where.place is Place.TAG_NAME:
        return _elements(where, snippets)
    if where.place is Place.ATTRIBUTE_NAME:
        return _attributes(where, source, snippets)
    if where.place is Place.ATTRIBUTE_VALUE:
        return _attribute_values(where, source, page)
    return []


# --- config keys --------------------------------------------------------------------------


def _table_schema(where: Query) -> dict[str, Any] | None:
    if not where.path:
        schema = load_schema()
        return resolve(schema, schema)
    return property_schema(where.path)


def _wanted_here(prop: dict[str, Any], where: Query) -> bool:
    if prop.get("doNotSuggest"):
        return False
    region = where.region
    if region is None or region.pipeline is Pipeline.STANDALONE or where.path:
        return True
    meta = prop.get("x-pyscript", {})
    pipelines = meta.get("pipelines")
    interpreters = meta.get("interpreters")
    if isinstance(pipelines, list) and region.pipeline.value not in pipelines:
        return False
    return not (isinstance(interpreters, list) and region.interpreter.value not in interpreters)


def _keys(where: Query, source: SourceFile, snippets: bool) -> list[Suggestion]:
    table = _table_schema(where)
    if table is None:
        return []
    properties: dict[str, Any] = table.get("properties", {})
    if not properties:
        if where.path == ("files",) or where.path[-1:] == ("files",):
            return _paths(where, source, ())
        return []
    schema = load_schema()
    found: list[Suggestion] = []
    for index, (name, raw) in enumerate(properties.items()):
        if name in where.present:
            continue
        prop = resolve(schema, raw) if isinstance(raw, dict) else {}
        if not _wanted_here(prop, where):
            continue
        if where.place is Place.TABLE_HEADER and not _is_table(prop):
            continue
        insert, snippet = _key_text(name, prop, where, snippets)
        found.append(
            Suggestion(
                label=name,
                kind="property",
                insert=insert,
                snippet=snippet,
                replace=where.word,
                detail=_type_phrase(prop, where.syntax),
                documentation=_doc(prop),
                sort=f"{1 if prop.get('deprecated') else 0}{index:03d}",
                deprecated=bool(prop.get("deprecated")),
            )
        )
    return found


def _is_table(prop: dict[str, Any]) -> bool:
    kind = prop.get("type")
    items = prop.get("items")
    return (
        kind == "object"
        or "properties" in prop
        or (
            kind == "array"
            and isinstance(items, dict)
            and ("$ref" in items or "properties" in items)
        )
    )


def _doc(prop: dict[str, Any]) -> str:
    text = prop.get("markdownDescription") or prop.get("description") or ""
    message = prop.get("deprecationMessage")
    if message:
        text = f"**Deprecated:** {message}\n\n{text}"
    return str(text)


def _type_phrase(prop: dict[str, Any], syntax: Syntax | None) -> str:
    from ..vocabulary import describe_schema

    return describe_schema(prop, syntax or Syntax.TOML)


def _enum(prop: dict[str, Any]) -> list[Any]:
    values = list(prop.get("enum", []))
    for branch in (*prop.get("anyOf", ()), *prop.get("oneOf", ())):
        if isinstance(branch, dict):
            values.extend(v for v in branch.get("enum", []) if v not in values)
    return values


def _value_snippet(prop: dict[str, Any], syntax: Syntax | None) -> str:
    kind = prop.get("type")
    if isinstance(kind, list):
        kind = kind[0] if kind else None
    if kind is None:
        for branch in (*prop.get("anyOf", ()), *prop.get("oneOf", ())):
            if isinstance(branch, dict) and "type" in branch:
                kind = branch["type"]
                break
    enum = _enum(prop)
    if enum and all(isinstance(v, str) for v in enum):
        return '"${1|' + ",".join(_escape_choice(v) for v in enum) + '|}"'
    if kind == "boolean":
        return "${1|true,false|}"
    if kind in ("integer", "number"):
        default = prop.get("default", 0)
        return "${1:" + str(default) + "}"
    if kind == "array":
        return "[$1]"
    if kind == "object":
        return "{$1}" if syntax is Syntax.JSON else "{ $1 }"
    return '"$1"'


def _escape_choice(value: str) -> str:
    return value.replace("\\", "\\\\").replace(",", "\\,").replace("|", "\\|")


def _key_text(
    name: str, prop: dict[str, Any], where: Query, snippets: bool
) -> tuple[str, str | None]:
    """Plain insert text and snippet for a key (the value's shape follows its type)."""
    if where.quote or where.place is Place.TABLE_HEADER:
        return name, None
    if where.syntax is Syntax.JSON:
        plain = f'"{name}": '
        return plain, (f'"{name}": {_value_snippet(prop, Syntax.JSON)}' if snippets else None)
    key = name if _bare(name) else f'"{name}"'
    plain = f"{key} = "
    if not snippets:
        return plain, None
    all_names = all(isinstance(p, str) for p in where.path)
    if _is_table(prop) and where.table_tail and all_names:
        full = ".".join(
            p if _bare(p) else f'"{p}"' for p in (*where.path, name) if isinstance(p, str)
        )
        if prop.get("type") == "array":
            return plain, f"[[{full}]]\n$0"
        return plain, f"[{full}]\n$0"
    return plain, f"{key} = {_value_snippet(prop, Syntax.TOML)}"


def _bare(name: str) -> bool:
    return bool(name) and all((c.isalnum() and c.isascii()) or c in "_-" for c in name)


# --- config values ----------------------------------------------------------------------


def _values(where: Query) -> list[Suggestion]:
    prop = property_schema(where.path) if where.path else None
    if prop is None:
        return []
    found: list[Suggestion] = []
    enum = _enum(prop)
    descriptions = prop.get("markdownEnumDescriptions") or prop.get("enumDescriptions") or []
    for index, value in enumerate(enum):
        doc = descriptions[index] if index < len(descriptions) else ""
        found.append(_value(value, where, "enum", str(doc), index))
    kinds = _types(prop)
    if "boolean" in kinds and not where.quote:
        found.extend(_value(v, where, "keyword", "", i) for i, v in enumerate((True, False)))
    items = prop.get("examples", [])
    from .hovers import value_meta

    meta = value_meta(where.path)
    for index, value in enumerate(items):
        if value not in enum:
            info = meta.get(value, {}) if isinstance(meta, dict) else {}
            found.append(_value(value, where, "value", str(info.get("description", "")), index))
    return found


def _types(prop: dict[str, Any]) -> set[str]:
    kind = prop.get("type")
    kinds = set(kind) if isinstance(kind, list) else {kind} if isinstance(kind, str) else set()
    for branch in (*prop.get("anyOf", ()), *prop.get("oneOf", ())):
        if isinstance(branch, dict) and isinstance(branch.get("type"), str):
            kinds.add(branch["type"])
    return kinds


def _value(value: Any, where: Query, kind: str, doc: str, index: int) -> Suggestion:
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, str):
        text = value if where.quote else '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    else:
        text = str(value)
    label = value if isinstance(value, str) else text
    return Suggestion(
        label=label,
        kind=kind,
        insert=text,
        replace=where.word,
        documentation=doc,
        sort=f"{index:03d}",
    )


# --- HTML --------------------------------------------------------------------------------


def _elements(where: Query, snippets: bool) -> list[Suggestion]:
    return [
        Suggestion(
            label=name,
            kind="element",
            insert=name,
            replace=where.word,
            detail=doc.summary,
            documentation=html_docs.markdown(doc),
            sort=f"{index:03d}",
        )
        for index, (name, doc) in enumerate(html_docs.ELEMENTS.items())
    ]


def _attributes(where: Query, source: SourceFile, snippets: bool) -> list[Suggestion]:
    tag = where.tag
    if tag is None:
        return []
    kind = html_docs.element_kind(tag.name, tag.value("type"))
    followed_by_value = source.text[where.word.end : where.word.end + 1] == "="
    found: list[Suggestion] = []
    if tag.name == "script" and kind is None and not tag.has("type"):
        doc = html_docs.ATTRIBUTES["type"]
        found.append(_attribute(doc, where, snippets, followed_by_value, 0))
        return found
    if kind is None:
        if tag.name in ("script", "style", "") or tag.name.startswith(("py-", "mpy-")):
            return []
        for p_index, (prefix, _interpreter) in enumerate(html_docs.EVENT_PREFIXES):
            for e_index, event in enumerate(html_docs.EVENTS):
                name = f"{prefix}{event}"
                if tag.has(name):
                    continue
                handler = html_docs.event_doc(name)
                assert handler is not None
                order = p_index * 100 + e_index
                found.append(
                    _attribute(handler, where, snippets, followed_by_value, order, "event")
                )
        return found
    names = (
        html_docs.CONFIG_ELEMENT_ATTRIBUTES
        if kind == html_docs.CONFIG
        else [n for n, d in html_docs.ATTRIBUTES.items() if kind in d.on]
    )
    for index, name in enumerate(names):
        if tag.has(name) and name != where.token:
            continue
        doc = html_docs.ATTRIBUTES[name]
        found.append(_attribute(doc, where, snippets, followed_by_value, index))
    return found


def _attribute(
    doc: html_docs.Doc,
    where: Query,
    snippets: bool,
    followed_by_value: bool,
    index: int,
    kind: str = "attribute",
) -> Suggestion:
    snippet = None
    if snippets and not doc.boolean and not followed_by_value:
        choices = [v for v, _ in doc.values]
        if choices:
            snippet = f'{doc.name}="${{1|' + ",".join(_escape_choice(c) for c in choices) + '|}"'
        else:
            snippet = f'{doc.name}="$1"'
    return Suggestion(
        label=doc.name,
        kind=kind,
        insert=doc.name,
        snippet=snippet,
        replace=where.word,
        detail=doc.summary,
        documentation=html_docs.markdown(doc),
        sort=f"{index:03d}",
    )


def _attribute_values(where: Query, source: SourceFile, page: Page | None) -> list[Suggestion]:
    tag = where.tag
    name = where.attribute or ""
    if tag is None:
        return []
    kind = html_docs.element_kind(tag.name, tag.value("type"))
    if tag.name == "script" and name == "type":
        return [
            Suggestion(v, "enum", v, where.word, documentation=d, sort=f"{i:03d}")
            for i, (v, d) in enumerate(html_docs.SCRIPT_TYPES)
        ]
    if kind == html_docs.CONFIG and name == "type":
        return [
            Suggestion(v, "enum", v, where.word, documentation=d, sort=f"{i:03d}")
            for i, (v, d) in enumerate(html_docs.CONFIG_TYPES)
        ]
    if kind is None:
        return []
    doc = html_docs.ATTRIBUTES.get(name)
    if doc is None:
        return []
    if name == "target" and page is not None:
        ids = [value for element in page.live() if (value := element.value("id"))]
        return [
            Suggestion(v, "value", v, where.word, detail="id of an element", sort=f"{i:03d}")
            for i, v in enumerate(dict.fromkeys(ids))
        ]
    if doc.values:
        return [
            Suggestion(v, "enum", v, where.word, documentation=d, sort=f"{i:03d}")
            for i, (v, d) in enumerate(doc.values)
        ]
    if doc.files:
        suffixes = (".toml", ".json") if kind == html_docs.CONFIG and name == "src" else doc.files
        return _paths(where, source, suffixes)
    return []


# --- paths ---------------------------------------------------------------------------------


def _paths(where: Query, source: SourceFile, suffixes: tuple[str, ...]) -> list[Suggestion]:
    """Files and folders relative to the page (or to the config file for its sources)."""
    region = where.region
    host = region.host_path if region is not None and region.origin is Origin.FILE else source.path
    base = os.path.dirname(os.path.abspath(host))
    typed = where.prefix
    parts = split_typed(typed)
    if parts is None:
        return []
    directory_part, _name = parts
    start = where.word.start + len(directory_part)
    rest = source.text[where.offset : where.word.end]
    cut = rest.find("/")
    end = where.offset + (cut if cut >= 0 else len(rest))
    span = Span(min(start, where.offset), max(end, where.offset))
    found: list[Suggestion] = []
    for index, entry in enumerate(entries(base, typed, suffixes)):
        label = entry.name + ("/" if entry.is_dir else "")
        found.append(
            Suggestion(
                label=label,
                kind="folder" if entry.is_dir else "file",
                insert=label,
                replace=span,
                detail=os.path.join(directory_part, label) if directory_part else "",
                sort=f"{0 if entry.is_dir else 1}{index:04d}",
            )
        )
    return found
