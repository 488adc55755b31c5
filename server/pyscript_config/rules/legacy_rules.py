"""Classic PyScript (2022.05–2023.05) on modern pages: elements, attributes and config
forms that modern PyScript ignores, each with its migration (spec §5.2, user pain
§1–3, §20). Classic config keys stay PSC600 (reported by the schema walk, which asks
`legacy_key_fix` here for the rewrite).

A page pinned to a classic release that still loads works as it is: it gets one
PSC609 warning and none of the migration errors.
"""

from __future__ import annotations

import json
import re
from typing import Any

from ..detect import detect_main
from ..diagnostics import Fix
from ..knowledge.releases import main_toml_parser
from ..page import Element, Page
from ..regions import Origin, Pipeline, Syntax
from ..text import Span
from ..tree import Entry, Table
from ..versions import release_key
from .attribute_rules import comments_only, script_conversion
from .context import PageContext, RuleContext
from .hooks import page_rule
from .legacy_convert import (
    DELETE_SAFELY,
    DELETE_WITH_CARE,
    classic_yaml_config,
    modern_interpreter,
    narrowest_edit,
    py_env_config,
    rewrite_toml_key,
    write_toml,
)
from .page_facts import (
    classic_pinned,
    is_py_script,
    live,
    page_of,
    scripts,
    stripped,
    verbatim,
)
from .page_rules import detection_rule

CLASSIC_WIDGETS = {
    "py-button": 'a <button py-click="handler">',
    "py-inputbox": "an <input> with a py-keydown or py-change handler",
    "py-title": "an <h1>",
    "py-box": "a <div> (with CSS flex for the layout)",
    "py-loader": "nothing (there is no loader; listen for the py:ready event)",
    "py-splashscreen": "nothing (there is no splash screen; listen for the py:ready event)",
}


def _classic_ok(ctx: PageContext) -> bool:
    """True on a page pinned to a classic release that still loads (it works as is)."""
    return classic_pinned(ctx) is not None


def _yaml_era(ctx: PageContext) -> bool:
    """A page pinned to classic 2022.05–2022.06, whose `<py-config>` was YAML."""
    loader = classic_pinned(ctx)
    key = release_key(loader.version or "") if loader is not None else None
    return key is not None and key < (2022, 9, 1)


# --- YAML configs --------------------------------------------------------------------

_TOML_LINE = re.compile(r"""^\s*(?:\[|[\w"'.-]+\s*=)""")
_YAML_LINE = re.compile(r"""^\s*(?:-\s+\S|-\s*$|[\w"'.-]+\s*:(?:\s|$))""")


def looks_like_yaml(text: str) -> bool:
    """Whether config text is YAML rather than TOML: no `key = value` or `[table]`
    line, and at least one `key: value` or `- item` line."""
    lines = [
        line for line in text.splitlines() if line.strip() and not line.strip().startswith("#")
    ]
    if not lines or any(_TOML_LINE.match(line) for line in lines):
        return False
    return any(_YAML_LINE.match(line) for line in lines)


@detection_rule
def yaml_config(ctx: RuleContext) -> bool:
    """PSC602: classic YAML where TOML is read."""
    region = ctx.region
    if region.syntax is not Syntax.TOML or region.pipeline is Pipeline.REMOTE_PACKAGE:
        return False
    if ctx.page is not None and region.origin is not Origin.FILE and _yaml_era(ctx.page):
        return False
    if not looks_like_yaml(region.text):
        return False
    if region.pipeline is Pipeline.GAME or (
        region.pipeline in (Pipeline.MAIN, Pipeline.STANDALONE)
        and main_toml_parser(ctx.release) != "basic-toml"
    ):
        outcome = "fails with (PY1000) Invalid TOML"
    else:
        outcome = 'ignores every line without "=": the config is silently empty'
    ctx.report(
        "PSC602",
        "this config is written as YAML (key: value, - item: the classic 2022.05–2022.06 "
        f"form); PyScript reads it as TOML and {outcome}; write it in TOML",
        stripped(region.text),
        fix=_yaml_fix(ctx),
    )
    return True


def _yaml_fix(ctx: RuleContext) -> Fix | None:
    region = ctx.region
    config = classic_yaml_config(region.text)
    toml = write_toml(config) if config is not None else None
    if toml is None:
        return None
    span = stripped(region.text)
    indent = _indent_before(region.text, span.start)
    body = toml.replace("\n", "\n" + indent).replace("\n" + indent + "\n", "\n\n")
    body = re.sub(r"\n[ \t]+\n", "\n\n", body)
    if not _writable(ctx, body):
        return None
    if region.pipeline is Pipeline.MAIN and detect_main(body).syntax is not Syntax.TOML:
        return None
    return Fix("Convert the YAML to TOML", (ctx.edit(span, body),), safe=False)


def _indent_before(text: str, offset: int) -> str:
    line_start = text.rfind("\n", 0, offset) + 1
    prefix = text[line_start:offset]
    return prefix if not prefix.strip() else ""


def _writable(ctx: RuleContext, new_text: str) -> bool:
    """Whether `new_text` may replace part of the region without HTML encoding."""
    region = ctx.region
    if region.origin is Origin.FILE:
        return True
    page = ctx.page.page if ctx.page is not None else None
    if not isinstance(page, Page) or not verbatim(page, region) or "&" in new_text:
        return False
    if region.origin is Origin.CONFIG_ELEMENT:
        return "<" not in new_text
    attribute = region.attribute
    return attribute is not None and attribute.quote != "" and attribute.quote not in new_text


# --- classic keys (PSC600): the rewrite ----------------------------------------------------


def legacy_key_fix(ctx: RuleContext, entry: Entry) -> Fix | None:
    """The modern rewrite of a classic top-level key, for PSC600 (None: no certain one)."""
    key = entry.key
    if key not in {"paths", "runtimes", "interpreters"} | DELETE_SAFELY | DELETE_WITH_CARE:
        return None
    text = ctx.region.text
    json_text = ctx.syntax is Syntax.JSON
    new = _json_rewrite(ctx, entry) if json_text else rewrite_toml_key(text, key)
    if new is None:
        return None
    start, end, replacement = narrowest_edit(text, new)
    if not _writable(ctx, replacement):
        return None
    if ctx.region.pipeline is Pipeline.MAIN and detect_main(new).syntax not in (
        ctx.syntax,
        Syntax.EMPTY,
    ):
        return None
    titles = {
        "paths": 'Move the paths to a "files" table',
        "runtimes": 'Replace with "interpreter"',
        "interpreters": 'Replace with "interpreter"',
    }
    return Fix(
        titles.get(key, f'Delete "{key}"'),
        (ctx.edit(Span(start, end), replacement),),
        safe=key in DELETE_SAFELY,
    )


def _json_rewrite(ctx: RuleContext, entry: Entry) -> str | None:
    root = ctx.parsed.root if ctx.parsed is not None else None
    if not isinstance(root, Table) or ctx.parsed is None or ctx.parsed.problems:
        return None
    text = ctx.region.text
    value: Any
    if entry.key == "paths":
        from ..tree import to_python

        value = to_python(entry.value)
        if root.get("files") is not None or not isinstance(value, list):
            return None
        if not all(isinstance(p, str) for p in value):
            return None
        files = json.dumps({path: "" for path in value}, ensure_ascii=False)
        return _json_replace(text, entry, f'"files": {files}')
    if entry.key in ("runtimes", "interpreters"):
        from ..tree import to_python

        value = to_python(entry.value)
        if not isinstance(value, list) or len(value) != 1 or not isinstance(value[0], dict):
            return None
        src = value[0].get("src")
        url = modern_interpreter(src) if isinstance(src, str) else None
        if url is None:
            return None
        if root.get("interpreter") is not None:
            return _json_delete(text, root, entry)
        return _json_replace(text, entry, f'"interpreter": {json.dumps(url)}')
    return _json_delete(text, root, entry)


def _json_replace(text: str, entry: Entry, replacement: str) -> str:
    return text[: entry.key_span.start] + replacement + text[entry.value.span.end :]


def _json_delete(text: str, table: Table, entry: Entry) -> str | None:
    entries = table.entries
    index = next((i for i, e in enumerate(entries) if e is entry), -1)
    if index < 0:
        return None
    if index + 1 < len(entries):
        return text[: entry.key_span.start] + text[entries[index + 1].key_span.start :]
    if index > 0:
        return text[: entries[index - 1].value.span.end] + text[entry.value.span.end :]
    return text[: entry.key_span.start] + text[entry.value.span.end :].lstrip(" \t")


# --- classic elements ----------------------------------------------------------------------


@page_rule
def classic_page(ctx: PageContext) -> None:
    """PSC609: the page runs a classic release."""
    loader = classic_pinned(ctx)
    if loader is None:
        return
    ctx.report(
        "PSC609",
        f"this page runs classic PyScript {loader.version} (pyscript.js), unmaintained since "
        "2023: its elements and config keys differ from modern PyScript's; migrate to "
        'core.js with type="module"',
        loader.attribute.value_span or loader.attribute.span,
    )


@page_rule
def classic_elements(ctx: PageContext) -> None:
    """PSC601, PSC606, PSC607, PSC608: classic elements modern PyScript ignores."""
    if _classic_ok(ctx):
        return
    page = page_of(ctx)
    for element in live(page):
        if element.tag == "py-env":
            _py_env(ctx, page, element)
        elif element.tag == "py-repl":
            _py_repl(ctx, page, element)
        elif element.tag == "py-terminal":
            _py_terminal(ctx, page, element)
        elif element.tag in CLASSIC_WIDGETS:
            ctx.report(
                "PSC608",
                f"<{element.tag}> is a classic PyScript element that modern PyScript does not "
                f"define: nothing of it runs; use {CLASSIC_WIDGETS[element.tag]} instead",
                element.name_span,
            )


def _body(page: Page, element: Element) -> str:
    body = element.body_span
    return page.text[body.start : body.end] if body is not None else ""


def _whole(element: Element) -> Span | None:
    if element.end_tag_span is None:
        return None
    return Span(element.start_tag_span.start, element.end_tag_span.end)


def _py_env(ctx: PageContext, page: Page, element: Element) -> None:
    fix = None
    has_config = any(e.tag == "py-config" for e in live(page))
    config = py_env_config(_body(page, element))
    toml = write_toml(config) if config is not None else None
    whole = _whole(element)
    if (
        toml is not None
        and whole is not None
        and not has_config
        and "<" not in toml
        and "&" not in toml
        and detect_main(toml).syntax is Syntax.TOML
    ):
        indent = _line_indent(page, whole.start)
        body = "\n".join(f"{indent}  {line}" if line else "" for line in toml.split("\n"))
        fix = Fix(
            "Replace with <py-config>",
            (ctx.edit(whole, f"<py-config>\n{body}\n{indent}</py-config>"),),
            safe=False,
        )
    where = "a <py-config>" if not has_config else "the page's <py-config>"
    ctx.report(
        "PSC601",
        "<py-env> was removed in classic 2022.12 and modern PyScript ignores it, so these "
        f"packages are never installed: list them in {where} (packages = [...], and a [files] "
        "table for its paths)",
        element.name_span,
        fix=fix,
    )


def _line_indent(page: Page, offset: int) -> str:
    line_start = page.text.rfind("\n", 0, offset) + 1
    prefix = page.text[line_start:offset]
    return prefix if not prefix.strip() else ""


def _py_repl(ctx: PageContext, page: Page, element: Element) -> None:
    fix = None
    code = _body(page, element)
    whole = _whole(element)
    if (
        whole is not None
        and element.end_tag_span is not None
        and not element.has_child_elements
        and "&" not in code
        and not re.search(r"</script", code, re.IGNORECASE)
    ):
        identifier = element.attr("id")
        extra = ""
        if identifier is not None and identifier.value_span is not None:
            extra = " " + page.text[identifier.span.start : identifier.span.end]
        fix = Fix(
            'Use <script type="py-editor">',
            (
                ctx.edit(element.start_tag_span, f'<script type="py-editor"{extra}>'),
                ctx.edit(element.end_tag_span, "</script>"),
            ),
            safe=False,
        )
    ctx.report(
        "PSC606",
        "<py-repl> is classic PyScript and does nothing in modern PyScript: use "
        '<script type="py-editor"> for an editor (or a terminal worker script with '
        "code.interact())",
        element.name_span,
        fix=fix,
    )


def _py_terminal(ctx: PageContext, page: Page, element: Element) -> None:
    mains = [
        info.element
        for info in scripts(page)
        if info.pipeline is Pipeline.MAIN and is_py_script(info)
    ]
    terminals = [
        info for info in scripts(page) if is_py_script(info) and info.element.has("terminal")
    ]
    fix = None
    whole = _whole(element)
    if len(mains) == 1 and not terminals and whole is not None:
        script = mains[0]
        start = whole.start
        while start > 0 and page.text[start - 1] in " \t":
            start -= 1
        end = whole.end
        if page.text[end : end + 1] == "\n" and (start == 0 or page.text[start - 1] == "\n"):
            end += 1
        last = script.attributes[-1].span.end if script.attributes else script.name_span.end
        fix = Fix(
            "Add the terminal attribute to the script",
            (
                ctx.edit(Span(start, end), ""),
                ctx.edit(Span(last, last), " terminal"),
            ),
            safe=False,
        )
    ctx.report(
        "PSC607",
        "<py-terminal> is created by PyScript itself; written in the page it does nothing and "
        "no terminal appears: add the terminal attribute to a script (with worker for input())",
        element.name_span,
        fix=fix,
    )


@page_rule
def classic_py_script(ctx: PageContext) -> None:
    """PSC603 `<py-script src>` and PSC604 `<py-script output>`."""
    if _classic_ok(ctx):
        return
    page = page_of(ctx)
    for element in live(page):
        if element.tag not in ("py-script", "mpy-script"):
            continue
        kind = element.tag.removesuffix("-script")
        output = element.attr("output")
        if output is not None:
            fix = None
            converted = script_conversion(ctx, page, element, kind)
            if converted is not None and not element.has("target"):
                fix = Fix(
                    f'Use <script type="{kind}" target=...>',
                    (*converted.edits, ctx.edit(output.name_span, "target")),
                    safe=False,
                )
            ctx.report(
                "PSC604",
                f"output is classic and ignored: modern <{element.tag}> writes into itself; use "
                f'<script type="{kind}" target="{output.value or ""}"> or '
                f'display(..., target="{output.value or ""}")',
                output.span,
                fix=fix,
            )
        src = element.attr("src")
        if src is not None and src.value and comments_only(element.text or ""):
            ctx.report(
                "PSC603",
                f'<{element.tag} src> is the classic form; prefer <script type="{kind}" src=...>, '
                "whose content is never parsed as HTML",
                element.name_span,
                fix=script_conversion(ctx, page, element, kind),
            )


_CALL = re.compile(r"\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\(\s*\)\s*;?\s*")


@page_rule
def classic_attributes(ctx: PageContext) -> None:
    """PSC605 `pys-onClick`, PSC610 `py-mount`."""
    if _classic_ok(ctx):
        return
    page = page_of(ctx)
    for element in live(page):
        for attribute in element.attributes:
            if attribute.name.startswith("pys-on") and len(attribute.name) > 6:
                event = attribute.name[6:]
                edits = [ctx.edit(attribute.name_span, f"py-{event}")]
                call = _CALL.fullmatch(attribute.value or "")
                if call and attribute.value_span is not None:
                    edits.append(ctx.edit(attribute.value_span, call.group(1)))
                ctx.report(
                    "PSC605",
                    f"{attribute.name} is a classic event attribute that modern PyScript ignores, "
                    f"so the handler never runs: write py-{event} with the name of a function "
                    "(called with the event)",
                    attribute.name_span,
                    fix=Fix(f"Rename to py-{event}", tuple(edits), safe=False),
                )
            elif attribute.name == "py-mount":
                ctx.report(
                    "PSC610",
                    "py-mount is classic and ignored: look the element up from Python (from "
                    "pyscript import document, or pyscript.web) and remove the attribute",
                    attribute.span,
                )
