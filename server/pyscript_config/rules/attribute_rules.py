"""Script elements and their attributes (spec §3.1–3.9, §4.2, §4.5): what polyscript
rejects (`worker="x"`, `src` plus code), what it silently ignores, targets that do not
exist, and event attributes that never fire."""

from __future__ import annotations

import re

from ..detect import js_trim
from ..diagnostics import Fix
from ..extract import SCRIPT_TYPES, ScriptInfo
from ..knowledge.releases import scripts_async_by_default
from ..page import Attribute, Element, Page
from ..regions import Pipeline
from ..suggest import ranked_matches
from ..text import Span
from .context import PageContext
from .hooks import page_rule
from .page_facts import (
    TEMPLATED,
    attribute_removals,
    classic_pinned,
    descendants,
    ids,
    is_py_script,
    line_of,
    live,
    mentioned_by_code,
    page_of,
    scripts,
    stripped,
    value_replacement,
)


def comments_only(text: str) -> bool:
    """polyscript's `hasCommentsOnly`: nothing but `/* */`, `#` and `//` comments."""
    text = re.sub(r"/\*[\s\S]*?\*/", "", text)
    text = re.sub(r"^\s*(?://|#).*", "", text, flags=re.MULTILINE)
    return js_trim(text) == ""


def _is_worker(info: ScriptInfo) -> bool:
    return info.pipeline is Pipeline.WORKER or (
        info.pipeline is Pipeline.POLYSCRIPT and info.element.has("worker")
    )


def _is_main(info: ScriptInfo) -> bool:
    return info.pipeline is Pipeline.MAIN or (
        info.pipeline is Pipeline.POLYSCRIPT and not info.element.has("worker")
    )


def _type_label(element: Element) -> str:
    if element.tag == "script":
        return f'<script type="{(element.value("type") or "").strip()}">'
    return f"<{element.tag}>"


@page_rule
def script_attributes(ctx: PageContext) -> None:
    """PSC230–PSC234, PSC237, PSC244, PSC245: per-script attribute rules."""
    page = page_of(ctx)
    for info in scripts(page):
        element = info.element
        if _is_worker(info):
            _worker_value(ctx, page, element)
            _worker_src(ctx, page, element)
            _worker_code_ignored(ctx, element)
        if _is_main(info) and info.pipeline is not Pipeline.GAME:
            _needs_worker(ctx, element)
            _src_and_code(ctx, element)
        if info.pipeline is Pipeline.EDITOR:
            _editor_ignored(ctx, page, element)
        if is_py_script(info):
            _ignored_on_script(ctx, page, element)
            _async_value(ctx, page, element)


def _worker_value(ctx: PageContext, page: Page, element: Element) -> None:
    """PSC230: `worker="./w.py"`."""
    attribute = element.attr("worker")
    if attribute is None or not attribute.value:
        return
    src = element.value("src")
    value = attribute.value
    if not src and value.strip().endswith((".py", ".mpy")):
        replacement = f"worker src={value_replacement(attribute, value.strip())[1]}"
        title = f'Write worker src="{value.strip()}"'
    else:
        replacement, title = "worker", "Write worker without a value"
    ctx.report(
        "PSC230",
        "worker takes no value: PyScript fails with (PY0409) Invalid worker attribute for "
        'this script; write "worker" alone and give the file in src',
        attribute.span,
        fix=Fix(title, (ctx.edit(attribute.span, replacement),), safe=False),
    )


def _worker_src(ctx: PageContext, page: Page, element: Element) -> None:
    """PSC231: `worker src=""`."""
    attribute = element.attr("src")
    if attribute is None or attribute.value:
        return
    ctx.report(
        "PSC231",
        "src is empty on a worker script: PyScript fails with (PY0409) Invalid worker "
        "attribute; give src the worker's file, or remove it to run the inline code",
        attribute.span,
        fix=Fix(
            "Remove src",
            tuple(ctx.edit(span, "") for span in attribute_removals(page, element, attribute)),
            safe=False,
        ),
    )


def _worker_code_ignored(ctx: PageContext, element: Element) -> None:
    """PSC234: a worker with `src` never runs its inline code."""
    if not element.value("src") or element.text is None or element.text_offsets is None:
        return
    if comments_only(element.text) or element.body_span is None:
        return
    ctx.report(
        "PSC234",
        f"{_type_label(element)} runs its src file in the worker: the inline code is ignored; "
        "move it into the file",
        element.text_offsets.span_to_host(stripped(element.text)),
        fix=Fix("Delete the ignored code", (ctx.edit(element.body_span, ""),)),
    )


def _needs_worker(ctx: PageContext, element: Element) -> None:
    """PSC232: `name` / `service-worker` on a main-thread script."""
    for name, meaning in (
        ("name", "names a worker for pyscript.workers"),
        ("service-worker", "gives a worker its SharedArrayBuffer fallback"),
    ):
        attribute = element.attr(name)
        if attribute is None:
            continue
        ctx.report(
            "PSC232",
            f'"{name}" only {meaning}: this script has no worker attribute, so it is ignored; '
            'add "worker" if the script should run in a worker',
            attribute.span,
        )


def _src_and_code(ctx: PageContext, element: Element) -> None:
    """PSC233: `src` and inline code on the main thread."""
    if not element.has("src") or element.text is None or element.text_offsets is None:
        return
    if comments_only(element.text):
        return
    code = stripped(element.text)
    ctx.report(
        "PSC233",
        f"{_type_label(element)} has both src and inline code: PyScript fails with (PY0409) "
        "Invalid content and runs neither; move this code into the src file or drop src",
        element.text_offsets.span_to_host(code),
    )


def _editor_ignored(ctx: PageContext, page: Page, element: Element) -> None:
    """PSC245: script attributes that editors ignore."""
    for name in ("terminal", "worker", "name", "async"):
        attribute = element.attr(name)
        if attribute is None:
            continue
        ctx.report(
            "PSC245",
            f'"{name}" has no effect on {_type_label(element)}: an editor always runs its code '
            "in a worker and shows its own output; remove it",
            attribute.span,
            fix=Fix(
                f'Remove "{name}"',
                tuple(ctx.edit(span, "") for span in attribute_removals(page, element, attribute)),
            ),
        )


def _ignored_on_script(ctx: PageContext, page: Page, element: Element) -> None:
    """PSC237: `env` and `version` on py/mpy scripts."""
    for name, instead in (
        ("env", "every py script shares one interpreter; env works on py-editor scripts"),
        ("version", 'set "interpreter" in the config to pin the interpreter'),
    ):
        attribute = element.attr(name)
        if attribute is None:
            continue
        ctx.report(
            "PSC237",
            f'"{name}" is ignored on {_type_label(element)}: {instead}',
            attribute.span,
            fix=Fix(
                f'Remove "{name}"',
                tuple(ctx.edit(span, "") for span in attribute_removals(page, element, attribute)),
            ),
        )


_SYNC = re.compile(r"false|0|no", re.IGNORECASE)
_OFFISH = frozenset(
    ("off", "disabled", "disable", "none", "sync", "synchronous", "n", "f", "null", "undefined")
)


def _async_value(ctx: PageContext, page: Page, element: Element) -> None:
    """PSC244: `async` values that do not do what they say."""
    attribute = element.attr("async")
    if attribute is None:
        return
    value = attribute.value or ""
    word = value.strip().lower()
    if not scripts_async_by_default(ctx.release):
        if word in ("false", "0", "no") or word in _OFFISH:
            ctx.report(
                "PSC244",
                f'async="{value}" makes this script async in PyScript {ctx.release.name}: '
                "before 2024.8.2 any async attribute turns async on; remove it",
                attribute.span,
                fix=Fix(
                    "Remove async",
                    tuple(
                        ctx.edit(span, "") for span in attribute_removals(page, element, attribute)
                    ),
                ),
            )
        return
    if _SYNC.fullmatch(value):
        return
    if _SYNC.fullmatch(word) or word in _OFFISH:
        span, text = value_replacement(attribute, "false")
        ctx.report(
            "PSC244",
            f'async="{value}" keeps this script async: only "false", "0" or "no" (nothing '
            'around them) turn it off; write async="false"',
            attribute.value_span or attribute.span,
            fix=Fix('Write async="false"', (ctx.edit(span, text),), safe=False),
        )


@page_rule
def main_terminals(ctx: PageContext) -> None:
    """PSC235: at most one main-thread terminal (py and mpy together)."""
    page = page_of(ctx)
    found = [
        info.element
        for info in scripts(page)
        if info.pipeline is Pipeline.MAIN and info.element.has("terminal")
    ]
    for element in found[1:]:
        attribute = element.attr("terminal")
        assert attribute is not None
        first = found[0].attr("terminal")
        assert first is not None
        ctx.report(
            "PSC235",
            "a second main-thread terminal (the first is on line "
            f"{line_of(page, first.name_span.start)}): PyScript fails with You can use at most "
            '1 main terminal; add "worker" to this script or drop "terminal"',
            attribute.span,
            related=((first.span, "first main-thread terminal"),),
        )


_SIMPLE_ID = re.compile(r"#?([A-Za-z_][\w-]*)")
_RUNTIME_ID = re.compile(r"(?:py|mpy|py-editor|mpy-editor)-\d+(?:-\w+)?")


@page_rule
def missing_targets(ctx: PageContext) -> None:
    """PSC236: a `target` that no element on the page has."""
    page = page_of(ctx)
    known = ids(page)
    tags = {element.tag for element in live(page)}
    for info in scripts(page):
        element = info.element
        attribute = element.attr("target")
        if attribute is None or not attribute.value or attribute.value_span is None:
            continue
        main_script = info.pipeline is Pipeline.MAIN and element.tag == "script"
        terminal = is_py_script(info) and element.has("terminal")
        if not (main_script or terminal or info.pipeline is Pipeline.EDITOR):
            continue
        value = attribute.value
        match = _SIMPLE_ID.fullmatch(value)
        if match is None or TEMPLATED.search(value) or _RUNTIME_ID.fullmatch(match.group(1)):
            continue
        name = match.group(1)
        if value in known or (not value.startswith("#") and name.lower() in tags):
            continue
        if value.startswith("#") and name in known:
            continue
        if mentioned_by_code(page, name, skip=element):
            continue
        if main_script:
            outcome = (
                "PyScript fails with TypeError: Cannot read properties of null (reading 'id') "
                "and this script does not run"
            )
        else:
            outcome = f"PyScript fails with Unknown target {value}"
        suggestions = ranked_matches(name, list(known), cutoff=0.6)
        hint = f'; did you mean "{suggestions[0]}"?' if suggestions else f'; add id="{name}" to it'
        fix = None
        if suggestions:
            prefix = "#" if value.startswith("#") else ""
            fix = Fix(
                f'Use "{prefix}{suggestions[0]}"',
                (ctx.edit(attribute.value_span, prefix + suggestions[0]),),
                safe=False,
            )
        ctx.report(
            "PSC236",
            f'no element on this page has id "{name}" (target="{value}"): {outcome}{hint}',
            attribute.value_span,
            fix=fix,
        )


@page_rule
def py_game_canvas(ctx: PageContext) -> None:
    """PSC243: py-game draws on `<canvas id="canvas">` (or its `target`)."""
    page = page_of(ctx)
    known = ids(page)
    for info in scripts(page):
        if info.pipeline is not Pipeline.GAME:
            continue
        element = info.element
        attribute = element.attr("target")
        target = (attribute.value if attribute is not None else None) or "canvas"
        if TEMPLATED.search(target):
            continue
        kind = element.attr("type")
        if attribute is not None and attribute.value and attribute.value_span:
            span = attribute.value_span
        else:
            span = kind.span if kind is not None else element.name_span
        found = known.get(target)
        if found:
            if found[0].tag != "canvas":
                ctx.report(
                    "PSC243",
                    f'py-game draws on the element with id "{target}", but it is a '
                    f"<{found[0].tag}>, not a <canvas>: the game cannot start",
                    span,
                    related=((found[0].start_tag_span, f'the element with id "{target}"'),),
                )
            continue
        if mentioned_by_code(page, target, skip=element):
            continue
        start = element.start_tag_span.start
        line_start = page.text.rfind("\n", 0, start) + 1
        indent = page.text[line_start:start]
        indent = indent if not indent.strip() else ""
        ctx.report(
            "PSC243",
            f'py-game draws on <canvas id="{target}">, and this page has no element with that '
            f'id: the game cannot start; add <canvas id="{target}"></canvas>',
            span,
            fix=Fix(
                f'Add <canvas id="{target}">',
                (ctx.edit(Span(start, start), f'<canvas id="{target}"></canvas>\n{indent}'),),
                safe=False,
            ),
        )


# --- event attributes ----------------------------------------------------------------

_PREFIXES = ("py-", "mpy-", "pyodide-", "micropython-")
_HANDLER = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_CALL = re.compile(r"\s*([A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*)\s*\(\s*\)\s*;?\s*")
_ENVS = frozenset(("py-script", "py", "pyodide", "mpy-script", "mpy", "micropython", "py-game"))
KNOWN_EVENTS = frozenset(
    [
        "abort",
        "animationend",
        "animationiteration",
        "animationstart",
        "auxclick",
        "beforeinput",
        "beforeunload",
        "blur",
        "cancel",
        "canplay",
        "canplaythrough",
        "change",
        "click",
        "close",
        "compositionend",
        "compositionstart",
        "contextmenu",
        "copy",
        "cut",
        "dblclick",
        "drag",
        "dragend",
        "dragenter",
        "dragleave",
        "dragover",
        "dragstart",
        "drop",
        "durationchange",
        "emptied",
        "ended",
        "error",
        "focus",
        "focusin",
        "focusout",
        "formdata",
        "fullscreenchange",
        "gotpointercapture",
        "hashchange",
        "input",
        "invalid",
        "keydown",
        "keypress",
        "keyup",
        "load",
        "loadeddata",
        "loadedmetadata",
        "loadend",
        "loadstart",
        "lostpointercapture",
        "message",
        "mousedown",
        "mouseenter",
        "mouseleave",
        "mousemove",
        "mouseout",
        "mouseover",
        "mouseup",
        "offline",
        "online",
        "paste",
        "pause",
        "play",
        "playing",
        "pointercancel",
        "pointerdown",
        "pointerenter",
        "pointerleave",
        "pointermove",
        "pointerout",
        "pointerover",
        "pointerup",
        "popstate",
        "progress",
        "ratechange",
        "reset",
        "resize",
        "scroll",
        "scrollend",
        "search",
        "seeked",
        "seeking",
        "select",
        "selectionchange",
        "slotchange",
        "stalled",
        "storage",
        "submit",
        "suspend",
        "timeupdate",
        "toggle",
        "touchcancel",
        "touchend",
        "touchmove",
        "touchstart",
        "transitionend",
        "volumechange",
        "waiting",
        "wheel",
    ]
)


@page_rule
def event_attributes(ctx: PageContext) -> None:
    """PSC238, PSC239, PSC240, PSC246: `py-<event>` and `py-env` attributes."""
    page = page_of(ctx)
    classic = classic_pinned(ctx) is not None
    envs = set(_ENVS)
    for info in scripts(page):
        if info.pipeline is Pipeline.POLYSCRIPT and info.element.value("env"):
            envs.add(info.element.value("env") or "")
    inside = _inside_pyscript_text(page)
    for element in live(page):
        if element.tag == "script" or id(element) in inside:
            continue
        for attribute in element.attributes:
            prefix = next((p for p in _PREFIXES if attribute.name.startswith(p)), None)
            if prefix is None or attribute.name == "py-mount":
                continue
            event = attribute.name[attribute.name.rfind("-") + 1 :]
            if not event:
                continue
            if event == "env":
                _event_env(ctx, attribute, envs)
                continue
            if classic:
                continue
            _event_name(ctx, attribute, prefix, event)
            _event_value(ctx, attribute)


def _inside_pyscript_text(page: Page) -> set[int]:
    """The ids of the elements the HTML parser made out of `<py-script>`/`<py-config>`
    text: not the author's elements (their attributes are code fragments). One pass in
    document order (a parent comes before its children), not a walk up from each
    element, which took minutes on 100,000 nested elements."""
    inside: list[bool] = []
    found: set[int] = set()
    for element in page.elements:
        parent = element.parent
        flag = parent is not None and (
            inside[parent]
            or page.elements[parent].tag in ("py-script", "mpy-script", "py-config", "mpy-config")
        )
        inside.append(flag)
        if flag:
            found.add(id(element))
    return found


def _event_env(ctx: PageContext, attribute: Attribute, envs: set[str]) -> None:
    value = attribute.value or ""
    if value in envs or TEMPLATED.search(value):
        return
    suggestions = ranked_matches(value, sorted(envs), cutoff=0.6)
    hint = f'; did you mean "{suggestions[0]}"?' if suggestions else ""
    ctx.report(
        "PSC240",
        f'{attribute.name}="{value}" names no interpreter: events of this element fail with '
        f'The interpreter "{value}" was not found{hint}',
        attribute.value_span or attribute.span,
    )


def _event_name(ctx: PageContext, attribute: Attribute, prefix: str, event: str) -> None:
    if event in KNOWN_EVENTS:
        return
    rename: str | None = None
    if event.startswith("on") and event[2:] in KNOWN_EVENTS:
        rename = event[2:]
        ctx.report(
            "PSC239",
            f'{attribute.name} listens for an "{event}" event, which never happens: the event '
            f'is the text after the last "-", without "on"; write {prefix}{rename}',
            attribute.name_span,
            fix=Fix(
                f"Rename to {prefix}{rename}",
                (ctx.edit(attribute.name_span, f"{prefix}{rename}"),),
                safe=False,
            ),
        )
        return
    # `clicked`, `changed`: a known event as a prefix reads as a deliberate custom name.
    suggestions = [
        name
        for name in ranked_matches(event, sorted(KNOWN_EVENTS), cutoff=0.8)
        if not event.startswith(name)
    ]
    if suggestions:
        rename = suggestions[0]
        ctx.report(
            "PSC246",
            f'{attribute.name} listens for {_article(event)} "{event}" event: '
            f'did you mean "{rename}" '
            f"({prefix}{rename})?",
            attribute.name_span,
            fix=Fix(
                f"Rename to {prefix}{rename}",
                (ctx.edit(attribute.name_span, f"{prefix}{rename}"),),
                safe=False,
            ),
        )


def _article(word: str) -> str:
    return "an" if word[:1] in "aeiou" else "a"


def _event_value(ctx: PageContext, attribute: Attribute) -> None:
    value = attribute.value or ""
    if _HANDLER.fullmatch(value.strip()) or TEMPLATED.search(value):
        return
    failure = "the event fails with Cannot read properties of undefined (reading 'call')"
    call = _CALL.fullmatch(value)
    if call:
        name = call.group(1)
        span, text = value_replacement(attribute, name)
        ctx.report(
            "PSC238",
            f"{attribute.name} takes a function name, not a call: {failure}; write "
            f'{attribute.name}="{name}" (the function gets the event as its argument)',
            attribute.value_span or attribute.span,
            fix=Fix(f'Write {attribute.name}="{name}"', (ctx.edit(span, text),), safe=False),
        )
        return
    what = "is empty" if not value.strip() else "is code"
    ctx.report(
        "PSC238",
        f"{attribute.name} {what}, but it must be the name of a function (called with the "
        f"event): {failure}; define a function and write its name",
        attribute.value_span or attribute.span,
    )


# --- script types and <py-script> content ---------------------------------------------------

_RUNTIME_TYPES = frozenset(("py-editor-active", "mpy-editor-active"))


def _pythonish(kind: str) -> bool:
    core = kind.rsplit("/", 1)[-1]
    if core.startswith("x-"):
        core = core[2:]
    return core in (
        "python",
        "python3",
        "pyscript",
        "micropython",
        "mpython",
        "pyodide",
        "py",
        "mpy",
    ) or core.startswith(("py-", "mpy-", "python-"))


@page_rule
def unknown_script_types(ctx: PageContext) -> None:
    """PSC241: `<script type="text/python">` and friends run nothing."""
    page = page_of(ctx)
    for element in live(page):
        if element.tag != "script":
            continue
        attribute = element.attr("type")
        if attribute is None or attribute.value is None or attribute.value_span is None:
            continue
        kind = attribute.value.strip().lower()
        if kind in SCRIPT_TYPES or kind in _RUNTIME_TYPES or not _pythonish(kind):
            continue
        micro = "mpy" in kind or "micropython" in kind
        better = "mpy" if micro else "py"
        edits = [ctx.edit(attribute.value_span, better)]
        if kind.endswith("py-repl"):
            better = "mpy-editor" if micro else "py-editor"
            advice = f'classic <py-repl> became type="{better}"'
            edits = [ctx.edit(attribute.value_span, better)]
        elif kind.endswith("-terminal"):
            advice = f'a terminal is type="{better}" with the terminal attribute'
            if not element.has("terminal"):
                edits.append(ctx.edit(Span(attribute.span.end, attribute.span.end), " terminal"))
        elif kind.endswith("-config"):
            advice = f"a config goes in a <{better}-config> element or a config attribute"
            edits = []
        else:
            advice = 'use type="py" (Pyodide) or type="mpy" (MicroPython)'
        ctx.report(
            "PSC241",
            f'type="{attribute.value}" is not a PyScript script type, so nothing runs: {advice}',
            attribute.value_span,
            fix=Fix(f'Write type="{better}"', tuple(edits), safe=False) if edits else None,
        )


@page_rule
def py_script_children(ctx: PageContext) -> None:
    """PSC242: `<py-script>` code that the HTML parser turned into elements."""
    page = page_of(ctx)
    for element in live(page):
        if element.tag not in ("py-script", "mpy-script") or not element.has_child_elements:
            continue
        children = descendants(page, element)
        if not children:
            continue
        kind = element.tag.removesuffix("-script")
        child = children[0]
        ctx.report(
            "PSC242",
            f"the HTML parser reads <{child.tag}...> in this code as an element: PyScript warns "
            f'Deprecated: use <script type="{kind}"> for an always safe content parsing, and '
            f'runs the code rebuilt from the HTML; use <script type="{kind}">',
            Span(child.start_tag_span.start, child.name_span.end),
            fix=script_conversion(ctx, page, element, kind),
        )


def script_conversion(
    ctx: PageContext, page: Page, element: Element, kind: str, *, extra: str = ""
) -> Fix | None:
    """Turn `<py-script ...>code</py-script>` into `<script type="py" ...>code</script>`.

    Only where the code reads the same as raw script text: no character references
    (a script does not decode them) and no `</script`.
    """
    end = element.end_tag_span
    if end is None:
        # A tag in the code (`a<b:`) can swallow the end tag into its attributes; the
        # author's end tag is still the first one in the text.
        closing = re.compile(f"</{element.tag}\\s*>", re.IGNORECASE).search(
            page.text, element.start_tag_span.end
        )
        end = Span(closing.start(), closing.end()) if closing else None
    if end is None or element.has("type"):
        return None
    code = page.text[element.start_tag_span.end : end.start]
    if "&" in code or re.search(r"</script", code, re.IGNORECASE):
        return None
    return Fix(
        f'Use <script type="{kind}">',
        (
            ctx.edit(element.name_span, f'script type="{kind}"{extra}'),
            ctx.edit(end, "</script>"),
        ),
        safe=False,
    )
