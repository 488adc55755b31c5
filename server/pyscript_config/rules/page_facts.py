"""Facts about a page that several page-rule families need: which elements are
PyScript scripts, which ids exist, whether the page's code may create an element,
whether the page is pinned to a classic release, and safe text edits of HTML."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..extract import ScriptInfo, script_info
from ..loader import Loader
from ..page import Attribute, Element, Page
from ..regions import ConfigRegion, Pipeline
from ..text import Span
from ..versions import release_key
from .context import PageContext

# Template languages put the real value there only after rendering.
TEMPLATED = re.compile(r"\{\{|\{%|<%|\$\{")
# Classic PyScript shipped `pyscript.js` up to 2023.05.1; modern `core.js` since 2023.09.1.
LAST_CLASSIC = "2023.05.1"
_JS_WHITESPACE = " \t\n\r\f\v\u00a0\ufeff"


def page_of(ctx: PageContext) -> Page:
    page = ctx.page
    assert isinstance(page, Page)
    return page


def loaders_of(ctx: PageContext) -> list[Loader]:
    return [loader for loader in ctx.loaders if isinstance(loader, Loader)]


# The page rules ask for the live elements and the scripts of the same page a few dozen
# times per check (about 50 ms on a 1 MB page): both are kept for the last page seen.
# Pages are not changed once read; the element count guards against a page built up
# in steps (tests).
_Facts = tuple[Page | None, int, tuple[Element, ...], tuple[ScriptInfo, ...]]
_LAST: list[_Facts] = [(None, 0, (), ())]


def _facts(page: Page) -> tuple[tuple[Element, ...], tuple[ScriptInfo, ...]]:
    last = _LAST[0]
    if last[0] is page and last[1] == len(page.elements):
        return last[2], last[3]
    elements = tuple(page.live())
    found = tuple(info for info in map(script_info, elements) if info is not None)
    _LAST[0] = (page, len(page.elements), elements, found)
    return elements, found


def live(page: Page) -> tuple[Element, ...]:
    """`page.live()`, computed once per page."""
    return _facts(page)[0]


def scripts(page: Page) -> Iterator[ScriptInfo]:
    """Every live PyScript script (py, mpy, editors, py-game, raw polyscript)."""
    return iter(_facts(page)[1])


def is_py_script(info: ScriptInfo) -> bool:
    """`<script type="py|mpy">` or `<py-script>`/`<mpy-script>`, main thread or worker."""
    return info.pipeline in (Pipeline.MAIN, Pipeline.WORKER)


def line_of(page: Page, offset: int) -> int:
    return page.text.count("\n", 0, offset) + 1


def index_of(page: Page, element: Element) -> int:
    for number, candidate in enumerate(page.elements):
        if candidate is element:
            return number
    return -1


def descendants(page: Page, element: Element) -> list[Element]:
    """Elements nested in `element` (document order)."""
    start = index_of(page, element)
    inside: set[int] = {start}
    found: list[Element] = []
    for number in range(start + 1, len(page.elements)):
        candidate = page.elements[number]
        if candidate.parent in inside:
            inside.add(number)
            found.append(candidate)
    return found


def ids(page: Page) -> dict[str, list[Element]]:
    """Live elements by id."""
    found: dict[str, list[Element]] = {}
    for element in live(page):
        value = element.value("id")
        if value:
            found.setdefault(value, []).append(element)
    return found


def mentioned_by_code(page: Page, word: str, skip: Element | None = None) -> bool:
    """Whether some code on the page might create an element called `word`.

    True when the word appears as a quoted string in any script (JavaScript or Python)
    other than `skip`, or as an id inside a `<template>`: the element may then exist by
    the time the runtime looks it up, and a static check cannot tell.
    """
    quoted = re.compile(r"""["'`]#?""" + re.escape(word) + r"""["'`]""")
    for element in page.elements:
        if element.in_template and element.value("id") == word:
            return True
        if element is skip or element.text is None:
            continue
        if element.tag in ("script", "py-script", "mpy-script") and quoted.search(element.text):
            return True
    return False


def is_classic_loader(loader: Loader) -> bool:
    return loader.kind == "classic" or (
        loader.kind == "css" and "pyscript.css" in loader.url.lower()
    )


def classic_version(loader: Loader) -> str | None:
    """The pinned classic release a loader names, when it names one."""
    if loader.version is None or loader.kind != "classic":
        return None
    key, last = release_key(loader.version), release_key(LAST_CLASSIC)
    if key is None or last is None or key > last:
        return None
    return loader.version


def classic_pinned(ctx: PageContext) -> Loader | None:
    """The loader of a page that runs a classic release that still loads, if it does.

    Such a page works as it is: classic constructs on it are not errors.
    """
    scripts_loaded = [loader for loader in loaders_of(ctx) if loader.kind != "css"]
    if not scripts_loaded:
        return None
    first = scripts_loaded[0]
    if all(classic_version(loader) is not None for loader in scripts_loaded):
        return first
    return None


def stripped(text: str) -> Span:
    """The span of `text` without surrounding (JavaScript) whitespace."""
    inner = text.strip(_JS_WHITESPACE)
    if not inner:
        return Span(len(text), len(text))
    start = text.find(inner)
    return Span(start, start + len(inner))


def attribute_removal(page: Page, attribute: Attribute) -> Span:
    """The host span that deletes `attribute` together with the whitespace before it."""
    span = attribute.span
    start = span.start
    while start > 0 and page.text[start - 1] in " \t\n\r\f":
        start -= 1
    return Span(start, span.end)


def attribute_removals(page: Page, element: Element, attribute: Attribute) -> list[Span]:
    """The spans that delete `attribute` and every later attribute of the same name on
    `element`: the browser ignores those duplicates only while the first one is there,
    so removing the first alone would bring the next one to life."""
    spans = [attribute_removal(page, attribute)]
    after = False
    for other in element.attributes:
        if other is attribute:
            after = True
        elif after and other.name == attribute.name:
            spans.append(attribute_removal(page, other))
    return spans


def verbatim(page: Page, region: ConfigRegion) -> bool:
    """Whether the region's text is exactly its host text (no entity was decoded), so
    that an edit of the text can be written back without re-encoding."""
    host = region.host_span
    return page.text[host.start : host.end] == region.text


def quoted_value(value: str, prefer: str = '"') -> str:
    """`value` (decoded text) written as a quoted attribute value.

    Keeps the `prefer`red quote unless the value contains it, then switches quotes,
    and encodes only as a last resort; `&` is always encoded so that the browser
    decodes back exactly `value`.
    """
    text = value.replace("&", "&amp;")
    other = "'" if prefer == '"' else '"'
    for quote in (prefer or '"', other):
        if quote not in text:
            return f"{quote}{text}{quote}"
    return '"' + text.replace('"', "&quot;") + '"'


def value_replacement(attribute: Attribute, value: str) -> tuple[Span, str]:
    """The host span and text that give `attribute` the (decoded) value `value`."""
    text = quoted_value(value, attribute.quote or '"')
    if attribute.value_span is None:
        return Span(attribute.name_span.end, attribute.name_span.end), f"={text}"
    quote = len(attribute.quote)
    return Span(attribute.value_span.start - quote, attribute.value_span.end + quote), text
