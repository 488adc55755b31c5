"""Page rules: how each pipeline reads config text (spec §2.1, §2.3–2.5), conflicts
between the configs of a page (§2.1, §2.4), and HTML that changes a config before
PyScript sees it (§2.1, Appendix D).

Detection rules run on a region before it is parsed (see `check._detection_rules`):
when the runtime does not read the text the way its syntax suggests (a URL taken for
TOML, inline TOML on an editor), one clear diagnostic replaces the syntax errors our
parser would report for it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable

from ..detect import js_trim
from ..diagnostics import Fix, TextEdit
from ..knowledge.releases import (
    editor_env_override,
    main_config_conflicts_fail,
    main_toml_parser,
)
from ..page import Attribute, Element, Page
from ..regions import ConfigRegion, Interpreter, Origin, Pipeline, Syntax
from ..text import Span
from .context import PageContext, RuleContext
from .hooks import page_rule
from .page_facts import (
    TEMPLATED,
    attribute_removals,
    descendants,
    is_py_script,
    line_of,
    live,
    page_of,
    scripts,
    stripped,
    value_replacement,
    verbatim,
)

DetectionRule = Callable[[RuleContext], bool]
DETECTION_RULES: list[DetectionRule] = []


def detection_rule(function: DetectionRule) -> DetectionRule:
    """Run `function` on a config region before it is parsed; it returns True when its
    diagnostic explains the whole region (the region is then not parsed)."""
    DETECTION_RULES.append(function)
    return function


CONFIG_TAGS = {"py-config": Interpreter.PY, "mpy-config": Interpreter.MPY}
_FETCHED = re.compile(r"\.(?:json|toml)\Z")
_MAIN_FETCHED = re.compile(r"\.(?:json|toml)(?:\?\S*)?\Z")
_ANY_EXTENSION = re.compile(r"\.([A-Za-z0-9_]+)\Z")


def _page_region(ctx: RuleContext) -> bool:
    return ctx.region.origin is not Origin.FILE and ctx.page is not None


def _page(ctx: RuleContext) -> Page | None:
    page = ctx.page.page if ctx.page is not None else None
    return page if isinstance(page, Page) else None


# --- detection -------------------------------------------------------------------


@detection_rule
def quotes_broken(ctx: RuleContext) -> bool:
    """PSC221: `config="{"a": 1}"` — the value stops at the first inner quote."""
    region, page = ctx.region, _page(ctx)
    attribute, element = region.attribute, region.element
    if page is None or attribute is None or element is None or attribute.name != "config":
        return False
    quote = attribute.quote
    following = _following(element, attribute)
    if not quote or not following or quote not in following[0].name:
        return False
    assert attribute.value_span is not None
    start = attribute.value_span.start
    end = _intended_end(page.text, start, quote, element.start_tag_span.end)
    stray = [a for a in following if end is None or a.name_span.start <= end]
    if end is not None and not any(a.span.end == end + 1 for a in stray):
        end = None
        stray = following[:1]
    stop = end if end is not None else stray[-1].span.end
    cut = page.text[attribute.value_span.end + 1 : stop + (1 if end is not None else 0)]
    fix = None
    if end is not None:
        intended = page.text[start:end]
        other = "'" if quote == '"' else '"'
        if other not in intended:
            replacement = f"{other}{intended}{other}"
            title = f"Quote the attribute with {other}"
        else:
            entity = "&quot;" if quote == '"' else "&#39;"
            replacement = f"{quote}{intended.replace(quote, entity)}{quote}"
            title = f"Write the inner {quote} as {entity}"
        edit = TextEdit(region.host_path, Span(start - 1, end + 1), replacement)
        fix = Fix(title, (edit,), safe=True)
    shown = cut if len(cut) <= 40 else cut[:37] + "..."
    other_name = "single" if quote == '"' else "double"
    message = (
        f"the config value ends at the {quote} inside it: PyScript reads only "
        f"{quote}{attribute.value}{quote} and the rest ({shown}) becomes stray attributes; "
        f"quote the attribute with {other_name} quotes"
    )
    assert ctx.page is not None
    ctx.page.report("PSC221", message, Span(start, stop), fix=fix)
    return True


def _following(element: Element, attribute: Attribute) -> list[Attribute]:
    found = False
    after: list[Attribute] = []
    for candidate in element.attributes:
        if found:
            after.append(candidate)
        elif candidate is attribute:
            found = True
    return after


def _intended_end(text: str, start: int, quote: str, limit: int) -> int | None:
    """Where the value the author meant ends: the first `quote` outside brackets and
    strings that is followed by whitespace, `/` or `>`."""
    depth = 0
    inside = ""
    position = start
    while position < limit:
        char = text[position]
        if inside:
            if char == "\\" and inside == '"':
                position += 2
                continue
            if char == inside:
                inside = ""
        elif (
            char == quote
            and depth == 0
            and text[position + 1 : position + 2]
            in (
                " ",
                "\t",
                "\n",
                "\r",
                "\f",
                "/",
                ">",
            )
        ):
            return position
        elif char in "\"'":
            inside = char
        elif char in "[{":
            depth += 1
        elif char in "]}":
            depth = max(0, depth - 1)
        position += 1
    return None


@detection_rule
def url_read_as_text(ctx: RuleContext) -> bool:
    """PSC201: a URL without `.json`/`.toml` at its very end is parsed as inline TOML."""
    region = ctx.region
    if not _page_region(ctx) or region.syntax is not Syntax.TOML:
        return False
    main = region.pipeline in (Pipeline.MAIN, Pipeline.GAME)
    if not main and region.pipeline not in (Pipeline.WORKER, Pipeline.POLYSCRIPT):
        return False
    token = js_trim(region.text)
    if not _looks_like_url(token):
        return False
    span = stripped(region.text)
    fix = None
    bare = re.split(r"[?#]", token, maxsplit=1)[0]
    fetched = _MAIN_FETCHED if main else _FETCHED
    if main and "#" in token and fetched.search(token.split("#", 1)[0]):
        keep = token.split("#", 1)[0]
        why = "a #fragment is not allowed after the extension"
    elif not main and _FETCHED.search(bare):
        keep = bare
        why = "a worker config URL must end exactly in .toml or .json, with no ?query or #fragment"
    else:
        keep = ""
        extension = _ANY_EXTENSION.search(bare)
        if extension and extension.group(1).lower() in ("json", "toml"):
            why = "extensions are case-sensitive (only lower-case .toml and .json are fetched)"
        else:
            why = "only URLs ending in .toml or .json are fetched"
    if keep:
        fix = Fix(
            f'Fetch "{keep}"',
            (ctx.edit(Span(span.start + len(keep), span.end), ""),),
            safe=False,
        )
    ctx.report(
        "PSC201",
        f'PyScript does not fetch "{token}" ({why}): {_outcome(ctx, token)}',
        span,
        fix=fix,
    )
    return True


def _looks_like_url(token: str) -> bool:
    if not token or any(c.isspace() for c in token) or token[0] in "[{#\"'":
        return False
    if "=" in token:
        query = token.find("?")
        return 0 <= query < token.find("=")
    return True


def _outcome(ctx: RuleContext, token: str) -> str:
    pipeline = ctx.region.pipeline
    if pipeline is Pipeline.GAME:
        return "py-game reads it as inline TOML and fails with a TOML syntax error"
    if pipeline is Pipeline.MAIN and main_toml_parser(ctx.release) != "basic-toml":
        return "it is read as inline TOML and fails with (PY1000) Invalid TOML"
    match = re.match(r"(\S+?)\s*=(.+)", token)
    if match:
        return (
            f'it is read as inline TOML, giving only the key "{match.group(1)}", and the '
            "file's settings are silently missing"
        )
    return "it is read as inline TOML and the config is silently empty"


@detection_rule
def worker_txt(ctx: RuleContext) -> bool:
    """PSC202: `.txt` worker configs are replaced by an empty config."""
    region = ctx.region
    detection = region.detection
    if detection is None or not detection.ignored_txt or region.url is None:
        return False
    start = region.text.find(region.url)
    who = "the worker" if region.pipeline is Pipeline.WORKER else "this script"
    ctx.report(
        "PSC202",
        f'"{region.url}" is never fetched: a worker config ending in .txt gives {who} an '
        "empty config; rename the file to .toml (or .json)",
        Span(start, start + len(region.url)),
    )
    return True


@detection_rule
def json_type_not_json(ctx: RuleContext) -> bool:
    """PSC203: `<py-config type="json">` around a body that is not JSON."""
    region = ctx.region
    element = region.element
    if (
        region.origin is not Origin.CONFIG_ELEMENT
        or element is None
        or element.value("type") != "json"
        or region.syntax is not Syntax.JSON
    ):
        return False
    text = js_trim(region.text)
    if not text or text.startswith(("{", "[")) or _is_json(text):
        return False  # broken JSON is the JSON reader's to report
    looks = "TOML" if "=" in text else "not JSON"
    fix = None
    attribute = element.attr("type")
    if looks == "TOML" and attribute is not None and ctx.page is not None:
        page = page_of(ctx.page)
        fix = Fix(
            'Remove type="json" (TOML is the default)',
            tuple(ctx.page.edit(span, "") for span in attribute_removals(page, element, attribute)),
            safe=False,
        )
    ctx.report(
        "PSC203",
        f'<{element.tag} type="json"> but the body is {looks}: PyScript fails with (PY1000) '
        f'Invalid JSON; remove type="json" or write the config as JSON',
        stripped(region.text),
        fix=fix,
    )
    return True


def _is_json(text: str) -> bool:
    try:
        json.loads(text)
    except ValueError:
        return False
    return True


@detection_rule
def blank_json(ctx: RuleContext) -> bool:
    """PSC205: whitespace-only `<py-config type="json">`."""
    region = ctx.region
    element = region.element
    if (
        region.origin is not Origin.CONFIG_ELEMENT
        or element is None
        or region.syntax is not Syntax.JSON
        or region.text == ""
        or js_trim(region.text) != ""
        or ctx.page is None
    ):
        return False
    attribute = element.attr("type")
    span = attribute.span if attribute is not None else element.name_span
    fixes: tuple[TextEdit, ...] = ()
    if element.body_span is not None:
        fixes = (ctx.page.edit(element.body_span, ""),)
    ctx.page.report(
        "PSC205",
        f'<{element.tag} type="json"> holds only whitespace: PyScript calls JSON.parse on it '
        "and fails with (PY1000) Invalid JSON (Unexpected end of JSON input); remove the "
        "element, or leave it completely empty for no config",
        span,
        fix=Fix("Empty the element", fixes, safe=False) if fixes else None,
    )
    return True


@detection_rule
def editor_not_json(ctx: RuleContext) -> bool:
    """PSC206: editors read inline JSON or a `.toml`/`.json` URL, nothing else."""
    region = ctx.region
    if region.pipeline is not Pipeline.EDITOR or not _page_region(ctx) or region.text == "":
        return False
    if region.syntax not in (Syntax.JSON, Syntax.EMPTY):
        return False
    text = js_trim(region.text)
    if text and (text.startswith(("{", "[")) or _is_json(text)):
        return False  # JSON, or broken JSON: the JSON reader reports it exactly
    span = stripped(region.text) if text else Span(0, len(region.text))
    fix = None
    fetched = _FETCHED.search(text)
    if not text:
        message = (
            "a config of only spaces is not empty to py-editor: it fails with SyntaxError: "
            'Unexpected end of JSON input when the editor runs; write config="" or remove it'
        )
    elif fetched:
        span = Span(0, len(region.text))
        message = (
            f'the spaces around "{text}" stop py-editor from fetching it (the URL must end '
            "exactly in .toml or .json): it fails with SyntaxError ... is not valid JSON when "
            "the editor runs"
        )
        if ctx.page is not None and verbatim(page_of(ctx.page), region):
            fix = Fix("Remove the spaces", (ctx.edit(Span(0, len(region.text)), text),))
    elif _looks_like_url(text) and "=" not in text.split("?", 1)[0]:
        bare = re.split(r"[?#]", text, maxsplit=1)[0]
        extension = _ANY_EXTENSION.search(bare)
        if extension and extension.group(1).lower() in ("json", "toml") and bare == text:
            why = "extensions are case-sensitive"
        elif _FETCHED.search(bare):
            why = "no ?query or #fragment may follow"
        else:
            why = "it must end exactly in .toml or .json"
        message = (
            f'py-editor does not fetch "{text}" ({why}): it passes the text to JSON.parse, '
            "which fails with SyntaxError ... is not valid JSON when the editor runs"
        )
    else:
        message = (
            "py-editor takes only inline JSON or a .toml/.json URL: this inline "
            f"{'TOML' if '=' in text else 'text'} fails with SyntaxError ... is not valid JSON "
            "when the editor first runs"
        )
        fix = _toml_to_json_fix(ctx, text)
    ctx.report("PSC206", message, span, fix=fix)
    return True


def _toml_to_json_fix(ctx: RuleContext, text: str) -> Fix | None:
    """Rewrite inline TOML as the equivalent inline JSON, when it is plain TOML."""
    from ..reading.toml_reader import parse_toml
    from ..tree import Table, to_python

    region, page = ctx.region, ctx.page
    if region.attribute is None or page is None:
        return None
    parsed = parse_toml(text)
    if parsed.problems or not isinstance(parsed.root, Table):
        return None
    try:
        value = json.dumps(to_python(parsed.root), ensure_ascii=False)
    except (TypeError, ValueError):
        return None
    span, replacement = value_replacement(region.attribute, value)
    return Fix("Write the config as inline JSON", (page.edit(span, replacement),), safe=False)


@detection_rule
def worker_blank(ctx: RuleContext) -> bool:
    """PSC208: `config=" "` on a worker is an empty config, not "inherit"."""
    region, page = ctx.region, ctx.page
    if (
        region.pipeline is not Pipeline.WORKER
        or region.attribute is None
        or page is None
        or region.text == ""
        or js_trim(region.text) != ""
    ):
        return False
    if not any(
        other.pipeline is Pipeline.MAIN
        and other.interpreter is region.interpreter
        and other.syntax is not Syntax.EMPTY
        for other in page.regions
    ):
        return False
    span, text = value_replacement(region.attribute, "")
    page.report(
        "PSC208",
        "this config is only whitespace: the worker gets an empty config instead of "
        f'inheriting the page\'s {region.interpreter.value} config; write config="" or remove '
        "the attribute",
        region.attribute.span,
        fix=Fix('Write config=""', (page.edit(span, text),), safe=False),
    )
    return False


# --- <py-config> elements --------------------------------------------------------


@page_rule
def config_element_attributes(ctx: PageContext) -> None:
    """PSC204 (type ignored) and PSC207 (src and a body)."""
    page = page_of(ctx)
    for element in live(page):
        if element.tag not in CONFIG_TAGS:
            continue
        _type_ignored(ctx, page, element)
        _src_and_body(ctx, element)


def _type_ignored(ctx: PageContext, page: Page, element: Element) -> None:
    attribute = element.attr("type")
    if attribute is None or not attribute.value or attribute.value_span is None:
        return
    value = attribute.value
    remove = Fix(
        "Remove the type attribute",
        tuple(ctx.edit(span, "") for span in attribute_removals(page, element, attribute)),
    )
    if value in ("json", "toml"):
        src = element.value("src")
        body = js_trim(element.text or "")
        if value == "toml" and not src and body.startswith("{") and body.endswith("}"):
            ctx.report(
                "PSC204",
                'type="toml" does not make PyScript read this {...} body as TOML: text '
                "shaped like an object is always parsed as JSON; remove the attribute",
                attribute.span,
                fix=remove,
            )
        return
    if value.lower() in ("json", "toml"):
        lower = value.lower()
        ctx.report(
            "PSC204",
            f'type="{value}" is ignored: PyScript compares it case-sensitively with "json" and '
            f'"toml"; write type="{lower}"',
            attribute.value_span,
            fix=Fix(
                f'Write type="{lower}"',
                (ctx.edit(attribute.value_span, lower),),
                safe=False,
            ),
        )
        return
    ctx.report(
        "PSC204",
        f'type="{value}" is ignored: <{element.tag}> only knows type="json" and type="toml"; '
        "remove the attribute",
        attribute.value_span,
        fix=remove,
    )


def _src_and_body(ctx: PageContext, element: Element) -> None:
    if not element.value("src") or not element.text or element.text_offsets is None:
        return
    inner = stripped(element.text)
    if inner.start == inner.end or element.body_span is None:
        return
    ctx.report(
        "PSC207",
        f"this inline config is ignored: <{element.tag}> reads its src file and never its "
        "body; move these settings into the file",
        element.text_offsets.span_to_host(inner),
        fix=Fix("Delete the ignored body", (ctx.edit(element.body_span, ""),)),
    )


# --- conflicts between configs -------------------------------------------------------


@page_rule
def main_config_conflicts(ctx: PageContext) -> None:
    """PSC210, PSC211, PSC212: one main config per interpreter (spec §2.1)."""
    page = page_of(ctx)
    fails = main_config_conflicts_fail(ctx.release)
    for tag, interpreter in CONFIG_TAGS.items():
        elements = [e for e in live(page) if e.tag == tag]
        carriers = [
            info.element
            for info in scripts(page)
            if info.interpreter is interpreter
            and info.pipeline is Pipeline.MAIN
            and info.element.has("config")
        ]
        if len(elements) > 1:
            first = elements[0]
            for extra in elements[1:]:
                outcome = (
                    f"PyScript fails with (PY0409): Too many {tag} and no "
                    f"{interpreter.value} script runs"
                    if fails
                    else f"PyScript {ctx.release.name} silently uses only the first one"
                )
                ctx.report(
                    "PSC210",
                    f"a second <{tag}> (the first is on line "
                    f"{line_of(page, first.start_tag_span.start)}): {outcome}; merge them into "
                    "one",
                    extra.start_tag_span,
                    related=((first.start_tag_span, f"first <{tag}>"),),
                )
        elif elements and carriers:
            config = elements[0]
            for element in carriers:
                attribute = element.attr("config")
                assert attribute is not None
                outcome = (
                    f"PyScript fails with (PY0409): Ambiguous {tag} VS config attribute (even "
                    "when both say the same)"
                    if fails
                    else f"PyScript {ctx.release.name} silently ignores one of them"
                )
                ctx.report(
                    "PSC211",
                    f"this config attribute and the <{tag}> on line "
                    f"{line_of(page, config.start_tag_span.start)} both configure "
                    f"{interpreter.value} scripts: {outcome}; keep only one of them",
                    attribute.span,
                    related=((config.start_tag_span, f"the <{tag}>"),),
                )
        elif len(carriers) > 1:
            _different_configs(ctx, page, carriers, fails)


def _different_configs(ctx: PageContext, page: Page, carriers: list[Element], fails: bool) -> None:
    first = carriers[0].attr("config")
    assert first is not None
    expected = first.value or ""
    if TEMPLATED.search(expected):
        return
    for element in carriers[1:]:
        attribute = element.attr("config")
        assert attribute is not None
        value = attribute.value or ""
        if value == expected or TEMPLATED.search(value):
            continue
        fix = None
        if _same_file(value, expected):
            span, text = value_replacement(attribute, expected)
            fix = Fix(f'Write config="{expected}"', (ctx.edit(span, text),))
        outcome = (
            "PyScript fails with (PY0409): Unable to use different configs on main (the "
            "strings are compared exactly)"
            if fails
            else f"PyScript {ctx.release.name} silently uses only the first"
        )
        ctx.report(
            "PSC212",
            f'config="{value}" differs from config="{expected}" on line '
            f"{line_of(page, first.name_span.start)}: {outcome}; use the same value, or give "
            "only one script the config",
            attribute.value_span or attribute.span,
            fix=fix,
            related=((first.span, "the page's config"),),
        )


def _same_file(one: str, other: str) -> bool:
    def normal(value: str) -> str:
        value = js_trim(value)
        while value.startswith("./"):
            value = value[2:]
        return value

    return bool(one.strip()) and normal(one) == normal(other) and "://" not in one


@page_rule
def editor_env_configs(ctx: PageContext) -> None:
    """PSC213: only the first editor of an env may carry `config` (spec §2.4)."""
    page = page_of(ctx)
    override = editor_env_override(ctx.release)
    for kind, engine in (("py-editor", "pyodide"), ("mpy-editor", "micropython")):
        seen: dict[str, Element] = {}
        for info in scripts(page):
            element = info.element
            if (
                info.pipeline is not Pipeline.EDITOR
                or (element.value("type") or "").strip().lower() != kind
            ):
                continue
            name = element.value("env")
            if not name:
                continue
            env = f"{engine}-{name}"
            attribute = element.attr("config")
            earlier = seen.get(env)
            if attribute is None or earlier is None or (override and element.has("env-override")):
                seen[env] = element
                continue
            _env_config_twice(ctx, page, element, attribute, earlier, env, name)


def _env_config_twice(
    ctx: PageContext,
    page: Page,
    element: Element,
    attribute: Attribute,
    earlier: Element,
    env: str,
    name: str,
) -> None:
    line = line_of(page, earlier.start_tag_span.start)
    before = earlier.attr("config")
    if before is not None:
        message = (
            f'the env "{name}" already has a config (the editor on line {line}): PyScript fails '
            f"with SyntaxError: duplicated config for env: {env}, and no editor after this one "
            "starts; keep the config on the env's first editor only"
        )
        fix = None
        if (before.value or "") == (attribute.value or ""):
            fix = Fix(
                "Remove the repeated config",
                tuple(ctx.edit(span, "") for span in attribute_removals(page, element, attribute)),
            )
        related = ((before.span, "the env's config"),)
    else:
        message = (
            f'the env "{name}" was started without a config (the editor on line {line}): '
            f"PyScript fails with SyntaxError: unable to add a config to the env: {env}, and no "
            "editor after this one starts; move this config to the env's first editor"
        )
        fix = None
        related = ((earlier.start_tag_span, "the env's first editor"),)
    ctx.report("PSC213", message, attribute.span, fix=fix, related=related)


@page_rule
def unused_config_element(ctx: PageContext) -> None:
    """PSC214: a `<py-config>` that no script of its interpreter reads."""
    page = page_of(ctx)
    found = list(scripts(page))
    for element in live(page):
        interpreter = CONFIG_TAGS.get(element.tag)
        if interpreter is None:
            continue
        if any(is_py_script(i) and i.interpreter is interpreter for i in found):
            continue
        if _sets_plugins(ctx, element):
            continue
        others = sorted(
            {
                (i.element.value("type") or i.element.tag).strip().lower()
                for i in found
                if not is_py_script(i)
            }
        )
        script = "py" if interpreter is Interpreter.PY else "mpy"
        where = (
            f" (the page's {', '.join(others)} scripts never read it: give them a config attribute)"
            if others
            else ""
        )
        ctx.report(
            "PSC214",
            f'<{element.tag}> configures <script type="{script}"> and <{script}-script> '
            f"elements, and this page has none, so its settings are silently lost{where}",
            element.start_tag_span,
        )


def _sets_plugins(ctx: PageContext, element: Element) -> bool:
    """Whether the element's config (inline or its local file) mentions `plugins`: the
    type's plugin list applies to editors too, so such a config is not unused."""
    for region in ctx.regions:
        if region.element is not element:
            continue
        if region.syntax is not Syntax.URL:
            return "plugins" in region.text
        from ..check import local_reference

        reference = local_reference(region)
        if reference is None:
            return True  # a remote file: it may well set plugins
        loaded = ctx.read(reference.path)
        text = getattr(loaded, "text", None)
        return not isinstance(text, str) or "plugins" in text
    return False


# --- HTML that changes a config ------------------------------------------------------


@page_rule
def config_body_has_tags(ctx: PageContext) -> None:
    """PSC220: tags inside an inline `<py-config>` are removed from its text."""
    page = page_of(ctx)
    for element in live(page):
        if element.tag not in CONFIG_TAGS or not element.has_child_elements:
            continue
        if element.value("src") or element.body_span is None:
            continue
        children = descendants(page, element)
        if not children:
            continue
        child = children[0]
        body = element.body_span
        edits = tuple(
            ctx.edit(Span(at, at + 1), "&lt;")
            for at in range(body.start, body.end)
            if page.text[at] == "<" and re.match(r"</?[A-Za-z]", page.text[at : at + 3])
        )
        ctx.report(
            "PSC220",
            f"the HTML parser reads <{child.tag}...> as an element, so PyScript gets this config "
            "without the tag (only the text inside it stays); move the config to a .toml file "
            'or write "<" as "&lt;"',
            Span(child.start_tag_span.start, child.name_span.end),
            fix=Fix('Write "<" as "&lt;"', edits, safe=False) if edits else None,
        )


_NAMED = re.compile(r"&([A-Za-z][A-Za-z0-9]*)")


@page_rule
def entity_without_semicolon(ctx: PageContext) -> None:
    """PSC222: `&copy=2` in a config is decoded to `©=2` by the HTML parser."""
    page = page_of(ctx)
    for region in ctx.regions:
        if region.origin is Origin.FILE or TEMPLATED.search(region.text):
            continue
        _entities(ctx, page, region)


def _entities(ctx: PageContext, page: Page, region: ConfigRegion) -> None:
    host = region.host_span
    for match in _NAMED.finditer(page.text, host.start, host.end):
        if page.text[match.end() : match.end() + 1] == ";":
            continue
        decoded = region.offsets.to_decoded(match.start())
        char = region.text[decoded : decoded + 1]
        if char in ("", "&"):
            continue
        name = match.group(1)
        ctx.report(
            "PSC222",
            f'"&{name}" is decoded by the HTML parser (to "{char}") although no ";" follows: '
            f'PyScript reads "{char}" here; write "&amp;{name}" to keep the text as written',
            Span(match.start(), match.end()),
            fix=Fix(
                'Write "&" as "&amp;"',
                (ctx.edit(Span(match.start() + 1, match.start() + 1), "amp;"),),
                safe=False,
            ),
        )
