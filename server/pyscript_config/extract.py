"""Finding the configs a page or file carries, as the runtime finds them.

The element and attribute rules mirror core's config.js (pipeline A), polyscript's
loader.js (pipeline B), and the py-editor and py-game plugins (C, D): which elements
are looked at, where their text comes from, and which pipeline reads it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .detect import Detection, detect
from .files import FileKind, SourceFile
from .page import Attribute, Element, Page
from .regions import ConfigRegion, Interpreter, Origin, Pipeline, Syntax
from .text import OffsetMap

# <script type="..."> values PyScript (or raw polyscript) handles, and what they mean.
SCRIPT_TYPES: dict[str, tuple[Interpreter, Pipeline]] = {
    "py": (Interpreter.PY, Pipeline.MAIN),
    "mpy": (Interpreter.MPY, Pipeline.MAIN),
    "py-editor": (Interpreter.PY, Pipeline.EDITOR),
    "mpy-editor": (Interpreter.MPY, Pipeline.EDITOR),
    "py-game": (Interpreter.PY, Pipeline.GAME),
    "pyodide": (Interpreter.PY, Pipeline.POLYSCRIPT),
    "micropython": (Interpreter.MPY, Pipeline.POLYSCRIPT),
}
SCRIPT_ELEMENTS: dict[str, Interpreter] = {
    "py-script": Interpreter.PY,
    "mpy-script": Interpreter.MPY,
}
CONFIG_ELEMENTS: dict[str, Interpreter] = {
    "py-config": Interpreter.PY,
    "mpy-config": Interpreter.MPY,
}

_LOADER = re.compile(r"pyscript|@pyscript/core|/core\.js(?:[?#]|$)", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class ScriptInfo:
    """What kind of PyScript script an element is."""

    element: Element
    interpreter: Interpreter
    pipeline: Pipeline  # MAIN here becomes WORKER when the element has `worker`


def script_info(element: Element) -> ScriptInfo | None:
    if element.tag == "script":
        kind = (element.value("type") or "").strip().lower()
        found = SCRIPT_TYPES.get(kind)
        if found is None:
            return None
        interpreter, pipeline = found
    elif element.tag in SCRIPT_ELEMENTS:
        interpreter, pipeline = SCRIPT_ELEMENTS[element.tag], Pipeline.MAIN
    else:
        return None
    if pipeline is Pipeline.MAIN and element.has("worker"):
        pipeline = Pipeline.WORKER
    return ScriptInfo(element, interpreter, pipeline)


def is_pyscript_page(page: Page) -> bool:
    """A page PyScript runs on: it loads PyScript or holds PyScript elements."""
    for element in page.elements:
        if element.tag in CONFIG_ELEMENTS or script_info(element) is not None:
            return True
        if element.tag == "script" and _LOADER.search(element.value("src") or ""):
            return True
    return False


def _attribute_region(
    page: Page,
    element: Element,
    attribute: Attribute,
    interpreter: Interpreter,
    pipeline: Pipeline,
    type_attr: str | None = None,
) -> ConfigRegion:
    text = attribute.value or ""
    offsets = attribute.value_offsets
    if offsets is None:
        start = attribute.value_span.start if attribute.value_span else attribute.name_span.end
        offsets = OffsetMap(start)
    return _region(page, element, attribute, text, offsets, interpreter, pipeline, type_attr)


def _region(
    page: Page,
    element: Element,
    attribute: Attribute | None,
    text: str,
    offsets: OffsetMap,
    interpreter: Interpreter,
    pipeline: Pipeline,
    type_attr: str | None,
) -> ConfigRegion:
    found: Detection = detect(pipeline, text, type_attr)
    origin = Origin.ATTRIBUTE if attribute is not None else Origin.CONFIG_ELEMENT
    return ConfigRegion(
        host_path=page.path,
        text=text,
        offsets=offsets,
        syntax=found.syntax,
        pipeline=pipeline,
        interpreter=interpreter,
        origin=origin,
        element=element,
        attribute=attribute,
        url=text.strip() if found.syntax is Syntax.URL else None,
        detection=found,
    )


def page_regions(page: Page) -> list[ConfigRegion]:
    """Every config region of a page, in document order."""
    regions: list[ConfigRegion] = []
    for element in page.live():
        if element.tag in CONFIG_ELEMENTS:
            interpreter = CONFIG_ELEMENTS[element.tag]
            type_attr = element.value("type")
            src = element.attr("src")
            if src is not None and src.value:
                regions.append(
                    _attribute_region(page, element, src, interpreter, Pipeline.MAIN, type_attr)
                )
            else:
                text = element.text or ""
                offsets = element.text_offsets or OffsetMap(
                    element.body_span.start if element.body_span else element.start_tag_span.end
                )
                regions.append(
                    _region(
                        page, element, None, text, offsets, interpreter, Pipeline.MAIN, type_attr
                    )
                )
            continue
        info = script_info(element)
        if info is None:
            continue
        config = element.attr("config")
        if config is None:
            continue
        regions.append(_attribute_region(page, element, config, info.interpreter, info.pipeline))
    return regions


def file_region(source: SourceFile, pipeline: Pipeline, interpreter: Interpreter) -> ConfigRegion:
    """A whole config file as one region (a leading byte-order mark is not config text)."""
    start = source.content_start
    syntax = Syntax.JSON if source.kind is FileKind.JSON else Syntax.TOML
    text = source.text[start:]
    if syntax is Syntax.TOML and text.strip() == "":
        syntax = Syntax.EMPTY
    return ConfigRegion(
        host_path=source.path,
        text=text,
        offsets=OffsetMap(start),
        syntax=syntax,
        pipeline=pipeline,
        interpreter=interpreter,
        origin=Origin.FILE,
    )
