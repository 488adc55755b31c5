"""How the page loads PyScript itself (spec §4.4, §5.2, user pain §19): URLs that no
longer exist, the wrong `<script>` form for the release, two releases at once, the
unpinned `latest` channel, and CSS from another release."""

from __future__ import annotations

import os
import re

from ..diagnostics import Fix
from ..files import LoadFailure, LoadProblem, SourceFile
from ..knowledge.releases import NEWEST, offline_attribute
from ..loader import Loader
from ..page import Element
from ..regions import Interpreter, Pipeline, Syntax
from ..text import Span
from ..versions import release_key
from .context import PageContext
from .hooks import page_rule
from .page_facts import (
    LAST_CLASSIC,
    attribute_removal,
    is_py_script,
    loaders_of,
    page_of,
    scripts,
    value_replacement,
)

MODERN_JS = f"https://pyscript.net/releases/{NEWEST.name}/core.js"
MODERN_CSS = f"https://pyscript.net/releases/{NEWEST.name}/core.css"
_CLASSIC_FILES = ("pyscript.js", "pyscript.min.js", "pyscript.css", "pyscript.min.css")


def _file(loader: Loader) -> str:
    return loader.url.split("?", 1)[0].split("#", 1)[0].rsplit("/", 1)[-1].lower()


def _is_classic_file(loader: Loader) -> bool:
    return _file(loader) in _CLASSIC_FILES


def _dead(loader: Loader) -> str | None:
    """Why the URL no longer loads anything, or None."""
    if loader.channel in ("alpha", "unstable"):
        return f"pyscript.net/{loader.channel}/ no longer exists"
    if loader.channel == "latest" and _is_classic_file(loader):
        return (
            f"pyscript.net/latest/{_file(loader)} has returned 404 since December 2024 "
            "(classic PyScript was removed from latest)"
        )
    if loader.version is None or "pyscript.net" not in loader.url.lower():
        return None
    key, last = release_key(loader.version), release_key(LAST_CLASSIC)
    if key is None or last is None:
        return None
    if _is_classic_file(loader) and key > last:
        return f"release {loader.version} has no {_file(loader)} (modern releases ship core.js)"
    if _file(loader) in ("core.js", "core.css") and key <= last:
        return (
            f"release {loader.version} has no {_file(loader)} (classic releases ship pyscript.js)"
        )
    return None


def _script_type(element: Element) -> str:
    return (element.value("type") or "").strip().lower()


@page_rule
def loader_urls(ctx: PageContext) -> None:
    """PSC250 dead URLs and PSC254 the `latest` channel."""
    for loader in loaders_of(ctx):
        reason = _dead(loader)
        value = loader.attribute.value_span or loader.attribute.span
        if reason is not None:
            css = loader.kind == "css"
            fix = None
            if css:
                span, text = value_replacement(loader.attribute, MODERN_CSS)
                fix = Fix(f"Load {MODERN_CSS}", (ctx.edit(span, text),), safe=False)
            elif loader.element.tag == "script" and loader.element.start_tag_span:
                fix = Fix(
                    f"Load {MODERN_JS}",
                    (
                        ctx.edit(
                            loader.element.start_tag_span,
                            f'<script type="module" src="{MODERN_JS}">',
                        ),
                    ),
                    safe=False,
                )
            ctx.report(
                "PSC250",
                f"{reason}: nothing of PyScript loads from this URL; use "
                f"{MODERN_CSS if css else MODERN_JS}",
                value,
                fix=fix,
            )
            continue
        if loader.channel == "latest":
            pinned = re.sub(
                r"pyscript\.net/latest/",
                f"pyscript.net/releases/{NEWEST.name}/",
                loader.url,
                count=1,
                flags=re.IGNORECASE,
            )
            banner = (
                "PyScript shows the banner Loading scripts from latest is deprecated and will be "
                "removed soon. Please use a specific version instead."
                if loader.element.tag == "script"
                else "latest can change or disappear under the page"
            )
            span, text = value_replacement(loader.attribute, pinned)
            ctx.report(
                "PSC254",
                f"{banner}; pin a release, e.g. {pinned}",
                value,
                fix=Fix(f"Pin release {NEWEST.name}", (ctx.edit(span, text),), safe=False),
            )


@page_rule
def loader_script_form(ctx: PageContext) -> None:
    """PSC251 `core.js` without `type="module"`, PSC252 `pyscript.js` with it."""
    page = page_of(ctx)
    for loader in loaders_of(ctx):
        element = loader.element
        if element.tag != "script" or _dead(loader) is not None:
            continue
        kind = _script_type(element)
        type_attribute = element.attr("type")
        if loader.kind == "modern" and _file(loader) == "core.js" and kind != "module":
            if type_attribute is not None:
                span, text = value_replacement(type_attribute, "module")
                edit = ctx.edit(span, text)
                where = type_attribute.span
            else:
                edit = ctx.edit(
                    Span(element.name_span.end, element.name_span.end), ' type="module"'
                )
                where = element.name_span
            ctx.report(
                "PSC251",
                'core.js is an ES module: without type="module" the browser stops at its first '
                'import and nothing of PyScript runs; add type="module"',
                where,
                fix=Fix('Add type="module"', (edit,)),
            )
        elif loader.kind == "classic" and kind == "module" and type_attribute is not None:
            removal = attribute_removal(page, type_attribute)
            replacement = "" if element.has("defer") else " defer"
            ctx.report(
                "PSC252",
                "classic pyscript.js is not an ES module: load it with <script defer src=...>, "
                'not type="module" (modern PyScript is core.js with type="module")',
                type_attribute.span,
                fix=Fix(
                    "Load it with defer",
                    (ctx.edit(removal, replacement),),
                    safe=False,
                ),
            )


def _identity(loader: Loader) -> str:
    """What a loader loads, to tell two releases apart."""
    if loader.version is not None:
        return loader.version
    if loader.channel is not None:
        return f"{loader.channel} ({'classic' if _is_classic_file(loader) else 'modern'})"
    return loader.url


def _describe(loader: Loader) -> str:
    if loader.version is not None:
        return f"PyScript {loader.version} ({_file(loader)})"
    return loader.url


@page_rule
def loaded_twice(ctx: PageContext) -> None:
    """PSC253: two releases on one page; PSC255: CSS of another release."""
    page = page_of(ctx)
    found = [loader for loader in loaders_of(ctx) if loader.kind != "css" and _dead(loader) is None]
    if not found:
        return
    first = found[0]
    for loader in found[1:]:
        if _identity(loader) == _identity(first):
            continue
        ctx.report(
            "PSC253",
            f"this page already loads {_describe(first)} on line "
            f"{page.text.count(chr(10), 0, first.element.start_tag_span.start) + 1}: two "
            f"PyScript releases on one page ({_describe(loader)} here) fight over the same "
            "elements and script types; keep one",
            loader.attribute.value_span or loader.attribute.span,
            related=((first.attribute.span, "the first PyScript loader"),),
        )
    for css in (loader for loader in loaders_of(ctx) if loader.kind == "css"):
        if _dead(css) is not None or _identity(css) == _identity(first):
            continue
        if (css.version or css.channel) is None or (first.version or first.channel) is None:
            continue
        fix = None
        if first.version is not None and "pyscript.net/releases/" in first.url.lower():
            name = "pyscript.css" if first.kind == "classic" else "core.css"
            target = f"https://pyscript.net/releases/{first.version}/{name}"
            span, text = value_replacement(css.attribute, target)
            fix = Fix(f"Load {target}", (ctx.edit(span, text),), safe=False)
        ctx.report(
            "PSC255",
            f"the stylesheet comes from {_describe(css)} but the page runs {_describe(first)}: "
            "load the CSS of the same release",
            css.attribute.value_span or css.attribute.span,
            fix=fix,
        )


_ENGINES = {Interpreter.PY: "pyodide", Interpreter.MPY: "micropython"}


@page_rule
def offline_interpreter(ctx: PageContext) -> None:
    """PSC256: `offline` loads `./pyscript/<engine>/<engine>.mjs`, which must exist."""
    if not offline_attribute(ctx.release):
        return
    page = page_of(ctx)
    tags = [
        loader
        for loader in loaders_of(ctx)
        if loader.kind == "modern"
        and loader.element.tag == "script"
        and loader.element.has("offline")
    ]
    if not tags:
        return
    attribute = tags[0].element.attr("offline")
    assert attribute is not None
    used = {info.interpreter for info in scripts(page) if is_py_script(info)}
    folder = os.path.dirname(page.path)
    for interpreter in sorted(used, key=lambda i: i.value):
        if _config_sets_interpreter(ctx, interpreter):
            continue
        engine = _ENGINES[interpreter]
        path = os.path.normpath(os.path.join(folder, "pyscript", engine, f"{engine}.mjs"))
        loaded = ctx.read(path)
        if not isinstance(loaded, LoadProblem) or loaded.failure is not LoadFailure.MISSING:
            continue
        ctx.report(
            "PSC256",
            f"offline makes PyScript import ./pyscript/{engine}/{engine}.mjs for the page's "
            f"{interpreter.value} scripts, and it is not there ({path}): the import fails with "
            "Failed to fetch dynamically imported module and nothing runs; add the files, set "
            "interpreter in the config, or remove offline",
            attribute.span,
        )


def _config_sets_interpreter(ctx: PageContext, interpreter: Interpreter) -> bool:
    """Whether the main config of `interpreter` mentions `interpreter` (then offline is
    not used); a config that cannot be read counts as setting it."""
    for region in ctx.regions:
        if region.pipeline is not Pipeline.MAIN or region.interpreter is not interpreter:
            continue
        if region.syntax is not Syntax.URL:
            return "interpreter" in region.text
        from ..check import local_reference

        reference = local_reference(region)
        if reference is None:
            return True
        loaded = ctx.read(reference.path)
        return not isinstance(loaded, SourceFile) or "interpreter" in loaded.text
    return False
