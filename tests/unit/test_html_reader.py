"""The HTML page reader: what a browser would see, with exact host spans."""

from __future__ import annotations

import html
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from pyscript_config.page import Attribute, Element, Page
from pyscript_config.reading.html_reader import read_page
from pyscript_config.text import OffsetMap, Span


def at(text: str, part: str, nth: int = 0) -> Span:
    """The span of the `nth` occurrence of `part` in `text` (computed independently)."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(part, start + 1)
    return Span(start, start + len(part))


def cut(text: str, span: Span | None) -> str | None:
    return None if span is None else text[span.start : span.end]


def tags(page: Page) -> list[str]:
    return [element.tag for element in page.elements]


def only(page: Page, tag: str) -> Element:
    found = [element for element in page.elements if element.tag == tag]
    assert len(found) == 1, found
    return found[0]


def attribute(element: Element, name: str) -> Attribute:
    found = element.attr(name)
    assert found is not None
    return found


def hosts(element_text: str | None, offsets: OffsetMap | None) -> list[int]:
    assert element_text is not None and offsets is not None
    return [offsets.to_host(index) for index in range(len(element_text))]


# -- tags and attributes -------------------------------------------------------------


def test_tag_spans_and_lower_cased_names() -> None:
    text = '<!DOCTYPE html>\n<HTML lang="en"><Head></Head><BODY>\n<Py-Config>x</PY-CONFIG></BODY>'
    page = read_page("p.html", text)
    assert tags(page) == ["html", "head", "body", "py-config"]
    html_element, head, body, config = page.elements
    assert html_element.start_tag_span == at(text, '<HTML lang="en">')
    assert html_element.name_span == at(text, "HTML")
    assert head.name_span == at(text, "Head")
    assert head.body_span == Span(at(text, "<Head>").end, at(text, "</Head>").start)
    assert head.end_tag_span == at(text, "</Head>")
    assert config.name_span == at(text, "Py-Config")
    assert config.end_tag_span == at(text, "</PY-CONFIG>")
    assert config.text == "x"
    assert [e.parent for e in page.elements] == [None, 0, 0, 2]
    assert body.end_tag_span == at(text, "</BODY>")
    # </html> is missing: open at EOF.
    assert html_element.body_span == Span(at(text, '<HTML lang="en">').end, len(text))
    assert html_element.end_tag_span is None


def test_every_quoting_style() -> None:
    text = '<div ID="main" title=\'a "b"\' data-x=plain hidden\tdata-y = "s p">'
    div = only(read_page("p.html", text), "div")
    names = [a.name for a in div.attributes]
    assert names == ["id", "title", "data-x", "hidden", "data-y"]
    ident, title, plain, hidden, spaced = div.attributes
    assert (ident.value, ident.quote) == ("main", '"')
    assert ident.name_span == at(text, "ID")
    assert ident.value_span == at(text, "main")
    assert ident.span == at(text, 'ID="main"')
    assert (title.value, title.quote) == ('a "b"', "'")
    assert title.value_span == at(text, 'a "b"')
    assert title.span == at(text, "title='a \"b\"'")
    assert (plain.value, plain.quote) == ("plain", "")
    assert plain.value_span == at(text, "plain")
    assert plain.span == at(text, "data-x=plain")
    assert (hidden.value, hidden.value_span, hidden.value_offsets, hidden.quote) == (
        None,
        None,
        None,
        "",
    )
    assert hidden.name_span == at(text, "hidden")
    assert hidden.span == hidden.name_span
    assert spaced.value == "s p"
    assert spaced.value_span == at(text, "s p")
    assert spaced.span == at(text, 'data-y = "s p"')
    assert div.start_tag_span == Span(0, len(text))


def test_greater_than_inside_quotes_does_not_end_the_tag() -> None:
    text = '<script type="py" config=\'{"a": "x > y"}\'>print(1)</script><p>'
    page = read_page("p.html", text)
    assert tags(page) == ["script", "p"]
    script = page.elements[0]
    assert script.value("config") == '{"a": "x > y"}'
    assert script.start_tag_span == at(text, '<script type="py" config=\'{"a": "x > y"}\'>')
    assert script.text == "print(1)"


def test_attribute_grammar_corner_cases() -> None:
    # `=` may start a name; missing whitespace between attributes; `a=>`; stray `/`.
    text = "<p ==x a=\"1\"b='2' c=> <i / d / >"
    page = read_page("p.html", text)
    p, i = page.elements
    assert [(a.name, a.value) for a in p.attributes] == [
        ("=", "x"),
        ("a", "1"),
        ("b", "2"),
        ("c", ""),
    ]
    empty = attribute(p, "c")
    assert empty.value_span == Span(text.index("c=>") + 2, text.index("c=>") + 2)
    assert [(a.name, a.value) for a in i.attributes] == [("d", None)]
    assert i.start_tag_span == at(text, "<i / d / >")
    assert i.body_span == Span(len(text), len(text))


def test_unquoted_value_keeps_quotes_and_slash() -> None:
    text = "<a href=/x/ title=a\"b'c>t</a>"
    a = only(read_page("p.html", text), "a")
    assert a.value("href") == "/x/"
    assert a.value("title") == "a\"b'c"
    assert attribute(a, "title").value_span == at(text, "a\"b'c")
    assert a.end_tag_span == at(text, "</a>")


def test_duplicate_attributes_are_kept_but_the_first_wins() -> None:
    text = '<script type="py" TYPE="mpy" config="a.toml" config="b.toml"></script>'
    script = only(read_page("p.html", text), "script")
    assert [(a.name, a.value) for a in script.attributes] == [
        ("type", "py"),
        ("type", "mpy"),
        ("config", "a.toml"),
        ("config", "b.toml"),
    ]
    assert script.value("type") == "py"
    assert attribute(script, "config").value_span == at(text, "a.toml")
    assert script.attributes[3].value_span == at(text, "b.toml")


# -- character references --------------------------------------------------------------


def test_json_config_in_single_quoted_attribute_with_entities() -> None:
    text = "<script type=py config='{&quot;files&quot;: {&quot;a&amp;b.py&quot;: &quot;&quot;}}'>"
    config = attribute(only(read_page("p.html", text), "script"), "config")
    assert config.value == '{"files": {"a&b.py": ""}}'
    assert config.quote == "'"
    raw = at(text, "{&quot;files&quot;: {&quot;a&amp;b.py&quot;: &quot;&quot;}}")
    assert config.value_span == raw
    offsets = config.value_offsets
    assert offsets is not None
    assert offsets.base == raw.start
    value = config.value
    # `{` is verbatim, `"` comes from the first `&quot;`, `f` follows it.
    assert offsets.to_host(0) == raw.start
    assert offsets.to_host(1) == raw.start + 1
    assert text[offsets.to_host(1) : offsets.to_host(1) + 6] == "&quot;"
    assert offsets.to_host(2) == raw.start + 7
    assert text[offsets.to_host(value.index("&"))] == "&"
    assert text[offsets.to_host(value.index("&")) : offsets.to_host(value.index("b"))] == "&amp;"
    assert offsets.to_host(value.index("b")) == at(text, "b.py").start
    assert offsets.to_host(len(value)) == raw.end
    # Decoded spans map to host spans that cover the entities.
    files = Span(1, 8)  # "files" with its quotes
    assert cut(text, offsets.span_to_host(files)) == "&quot;files&quot;"
    assert offsets.to_decoded(at(text, "files").start) == 2


def test_value_without_entities_has_a_plain_map() -> None:
    text = '<py-config src="./pyscript.toml"></py-config>'
    src = attribute(only(read_page("p.html", text), "py-config"), "src")
    assert src.value_offsets is not None
    assert src.value_offsets.base == at(text, "./pyscript.toml").start
    assert src.value_offsets.to_host(5) == at(text, "./pyscript.toml").start + 5
    assert src.value_offsets.to_host(15) == at(text, "./pyscript.toml").end


def test_legacy_references_in_attributes_follow_the_browser_exception() -> None:
    text = '<a href="?x=1&copy=2&amp=3&ampx&lt.&lt;y&notit;&amp" title="&notin; &noti">'
    a = only(read_page("p.html", text), "a")
    # `&copy=`, `&amp=`, `&ampx`, `&notit` are left alone; `&lt.`, `&amp` at the end decode.
    assert a.value("href") == "?x=1&copy=2&amp=3&ampx<.<y&notit;&"
    assert a.value("title") == "∉ &noti"


def test_numeric_references_use_the_whatwg_replacements() -> None:
    body = "&#65;&#x42&#X43;&#0;&#x80;&#x9f;&#x81;&#xD800;&#x110000;&#99999999999999999999;&#x;&#;"
    text = f"<py-config>{body}</py-config>"
    config = only(read_page("p.html", text), "py-config")
    assert config.text == "ABC\ufffd€Ÿ\x81\ufffd\ufffd\ufffd&#x;&#;"
    assert config.text == html.unescape(body)


def test_named_references_in_text_and_multi_character_values() -> None:
    body = "a &amp b &ampx &NotEqualTilde; &unknown; &notit; &AMP; & c"
    text = f"<py-config>{body}</py-config>"
    config = only(read_page("p.html", text), "py-config")
    assert config.text == "a & b &x ≂̸ &unknown; ¬it; & & c"
    assert config.text == html.unescape(body)
    assert config.text_offsets is not None
    start = at(text, body).start
    tilde = config.text.index("≂")
    assert config.text_offsets.to_host(tilde) == start + body.index("&NotEqualTilde;")
    after = tilde + 2  # the value is two code points
    assert config.text_offsets.to_host(after) == start + body.index(" &unknown;")


# -- text content ----------------------------------------------------------------------


def test_py_config_text_drops_comments_and_tags_but_keeps_their_text() -> None:
    text = (
        "<html><head><py-config>\n"
        'name = "<b>Hi</b> there" <!-- a <i>note</i> -->\n'
        "x = 1 &amp; 2<br>\n"
        "</py-config></head></html>"
    )
    page = read_page("p.html", text)
    assert tags(page) == ["html", "head", "py-config", "b", "br"]
    config = page.elements[2]
    assert config.text == '\nname = "Hi there" \nx = 1 & 2\n'
    assert config.has_child_elements
    assert config.body_span == Span(at(text, "<py-config>").end, at(text, "</py-config>").start)
    expected = [
        *range(at(text, '\nname = "').start, at(text, '\nname = "').end),
        at(text, "Hi").start,
        at(text, "Hi").start + 1,
        *range(at(text, " there").start, at(text, " there").end + 2),  # ` there" `
        *range(at(text, "\nx = 1 ").start, at(text, "\nx = 1 ").end),
        at(text, "&amp;").start,
        *range(at(text, " 2").start, at(text, " 2").end),
        at(text, "\n</py-config>").start,
    ]
    assert hosts(config.text, config.text_offsets) == expected


def test_body_of_only_tags_is_empty() -> None:
    text = "<mpy-config type=json><br></mpy-config><py-config><!-- off --></py-config>"
    page = read_page("p.html", text)
    mpy, br, py = page.elements
    assert (mpy.text, mpy.has_child_elements, br.parent) == ("", True, 0)
    assert (py.text, py.has_child_elements) == ("", False)
    assert py.text_offsets is not None
    assert py.text_offsets.base == at(text, "<!-- off -->").start


def test_py_script_text_and_child_elements() -> None:
    text = "<py-script>print('a &lt; b')</py-script><mpy-script>x<div>y</div></mpy-script>"
    page = read_page("p.html", text)
    py, mpy, div = page.elements
    assert py.text == "print('a < b')"
    assert not py.has_child_elements
    assert (mpy.text, mpy.has_child_elements, div.parent) == ("xy", True, 1)


def test_script_text_is_raw() -> None:
    text = (
        '<script type="py">\nif a<b and c &amp; d:\n  x = "</scriptx>"\n</SCRIPT >'
        "<script>s = '<!--<script>x</script>y-->';</script><p>"
    )
    page = read_page("p.html", text)
    assert tags(page) == ["script", "script", "p"]
    first, second, _ = page.elements
    assert first.text == '\nif a<b and c &amp; d:\n  x = "</scriptx>"\n'
    assert first.text_offsets is not None
    assert first.text_offsets.base == at(text, '<script type="py">').end
    assert first.end_tag_span == at(text, "</SCRIPT >")
    # Inside `<!--`, `<script>` enters the double-escaped state: its `</script>` is text.
    assert second.text == "s = '<!--<script>x</script>y-->';"
    assert second.end_tag_span == at(text, "</script>", 1)


def test_script_inside_py_config_stays_raw_text() -> None:
    text = "<py-config>a <script>x = '<b>&amp;</b>'</script> c</py-config>"
    page = read_page("p.html", text)
    assert tags(page) == ["py-config", "script"]
    config, script = page.elements
    assert script.text == "x = '<b>&amp;</b>'"
    assert config.text == "a x = '<b>&amp;</b>' c"
    assert config.has_child_elements
    assert script.parent == 0


def test_self_closing_script_is_not_closed() -> None:
    # A classic mistake: `<script ... />` swallows the rest of the page as script text.
    text = '<script src="core.js" /><py-config>x</py-config></script><py-config src="a.toml"/><p>'
    page = read_page("p.html", text)
    assert tags(page) == ["script", "py-config", "p"]
    assert page.elements[0].text == "<py-config>x</py-config>"
    assert page.elements[2].parent == 1


def test_raw_text_and_rcdata_elements_hide_tags() -> None:
    text = (
        "<style>a > b { content: '<py-config>' }</style>"
        "<title>A &amp; <py-config></title>"
        "<textarea><py-script></textarea>"
        "<noscript><py-config>x</py-config></noscript>"
        "<p>"
    )
    page = read_page("p.html", text)
    assert tags(page) == ["style", "title", "textarea", "noscript", "p"]
    style = page.elements[0]
    assert style.body_span == Span(len("<style>"), at(text, "</style>").start)
    assert page.elements[3].end_tag_span == at(text, "</noscript>")


def test_plaintext_runs_to_the_end() -> None:
    text = "<plaintext><py-config></py-config></plaintext>"
    page = read_page("p.html", text)
    assert tags(page) == ["plaintext"]
    assert page.elements[0].body_span == Span(len("<plaintext>"), len(text))
    assert page.elements[0].end_tag_span is None


def test_template_content_is_flagged_and_left_out_of_text_content() -> None:
    text = (
        "<template id=t><py-config>a</py-config><template><b></b></template></template>"
        "<py-config>x<template>hidden</template>y</py-config>"
    )
    page = read_page("p.html", text)
    assert tags(page) == ["template", "py-config", "template", "b", "py-config", "template"]
    assert [e.in_template for e in page.elements] == [False, True, True, True, False, False]
    assert page.elements[1].text == "a"
    assert page.elements[4].text == "xy"
    assert [e.tag for e in page.live()] == ["template", "py-config", "template"]


# -- comments and other markup ----------------------------------------------------------


def test_comments_in_their_browser_forms() -> None:
    text = (
        "<!--><p1><!---><p2><!----><p3><!-- <py-config> --!><p4>"
        "<!-- a -- b ---><p5><!-x <p6>><?php echo '<p7>' ?><!doctype html><p8>"
    )
    page = read_page("p.html", text)
    # `<?php echo '<p7>` is a bogus comment ending at the first `>`.
    assert tags(page) == ["p1", "p2", "p3", "p4", "p5", "p8"]
    assert page.elements[0].start_tag_span == at(text, "<p1>")


def test_unterminated_comment_runs_to_the_end() -> None:
    text = "<div><!-- <py-config>x</py-config>"
    page = read_page("p.html", text)
    assert tags(page) == ["div"]
    assert page.elements[0].body_span == Span(5, len(text))


def test_end_tag_oddities() -> None:
    text = "<div></><p></ p><py-config>a</>b</ x>c</py-config></div></"
    page = read_page("p.html", text)
    assert tags(page) == ["div", "p", "py-config"]
    config = page.elements[2]
    assert config.text == "abc"  # `</>` vanishes, `</ x>` is a bogus comment
    assert page.elements[0].end_tag_span == at(text, "</div>")
    assert page.elements[0].body_span == Span(5, at(text, "</div>").start)


def test_cdata_is_a_comment_in_html_and_text_in_foreign_content() -> None:
    text = "<![CDATA[ a > b <i> ]]><svg><![CDATA[ <u> ]]><g/></svg>"
    page = read_page("p.html", text)
    assert tags(page) == ["i", "svg", "g"]
    assert page.elements[2].parent == 1
    assert page.elements[2].body_span is None


# -- structure ---------------------------------------------------------------------------


def test_void_elements_and_ignored_self_closing_slash() -> None:
    text = "<div/><br/><img src=x><input><span></span></div><hr>"
    page = read_page("p.html", text)
    assert tags(page) == ["div", "br", "img", "input", "span", "hr"]
    assert [e.parent for e in page.elements] == [None, 0, 0, 0, 0, None]
    assert [e.body_span is None for e in page.elements] == [False, True, True, True, False, True]
    assert page.elements[0].end_tag_span == at(text, "</div>")


def test_end_tag_closes_the_nearest_open_element_and_everything_after() -> None:
    text = "<div><b><i>x</b>y</i></div></span>"
    page = read_page("p.html", text)
    div, b, i = page.elements
    assert b.end_tag_span == at(text, "</b>")
    assert i.end_tag_span is None
    assert i.body_span == Span(at(text, "<i>").end, at(text, "</b>").start)
    assert div.end_tag_span == at(text, "</div>")  # `</i>` and `</span>` were ignored
    assert [e.parent for e in page.elements] == [None, 0, 1]


def test_unclosed_elements_at_eof() -> None:
    text = "<py-config>\nname = 'x'\n<div>\n"
    page = read_page("p.html", text)
    config, div = page.elements
    assert config.body_span == Span(len("<py-config>"), len(text))
    assert config.end_tag_span is None
    assert div.body_span == Span(at(text, "<div>").end, len(text))
    assert config.text == "\nname = 'x'\n\n"
    assert config.has_child_elements


def test_foreign_content() -> None:
    text = (
        "<svg><style>.a{}</style><circle/><foreignObject><script>a<b</script>"
        "</foreignObject><script><![CDATA[ if (a < b) {} ]]></script></svg>"
        "<math><mi>x</mi></math><svg><g><p>out</p>"
    )
    page = read_page("p.html", text)
    assert tags(page) == [
        "svg",
        "style",
        "circle",
        "foreignobject",
        "script",
        "script",
        "math",
        "mi",
        "svg",
        "g",
        "p",
    ]
    svg, style, circle, _, html_script, svg_script, _, _, svg2, g, p = page.elements
    assert style.parent == 0 and circle.parent == 0 and circle.body_span is None
    assert html_script.text == "a<b" and html_script.parent == 3
    assert svg_script.text == "<![CDATA[ if (a < b) {} ]]>"
    assert svg_script.end_tag_span == at(text, "</script>", 1)
    assert svg.end_tag_span == at(text, "</svg>")
    # `<p>` breaks out of foreign content: it closes `g` and the second `svg`.
    assert p.parent is None
    assert g.end_tag_span is None and g.body_span == Span(
        at(text, "<g>").end, at(text, "<p>").start
    )
    assert svg2.body_span is not None and svg2.body_span.end == at(text, "<p>").start


def test_annotation_xml_and_math_inside_svg() -> None:
    text = (
        "<math><annotation-xml><svg><title><style>a<b</style></title></svg></annotation-xml></math>"
    )
    page = read_page("p.html", text)
    # `svg` under annotation-xml is an SVG element, so its `title` holds HTML: raw `<style>`.
    assert tags(page) == ["math", "annotation-xml", "svg", "title", "style"]
    assert page.elements[4].end_tag_span == at(text, "</style>")
    inner = read_page("p.html", "<svg><math><style>a<b>c</style></math></svg>")
    # `math` under `svg` stays in SVG: `<style>` is no raw text, `<b>` a breakout tag.
    assert tags(inner) == ["svg", "math", "style", "b"]
    assert inner.elements[3].parent is None
    assert [e.end_tag_span for e in inner.elements[:3]] == [None, None, None]
    assert tags(read_page("p.html", "<svg><style>a<b</style>")) == ["svg", "style", "b<"]


def test_deep_nesting_without_recursion() -> None:
    depth = 100_000
    text = "<div>" * depth + "<py-config>x = 1</py-config>" + "</div>" * depth
    page = read_page("deep.html", text)
    assert len(page.elements) == depth + 1
    assert page.elements[-1].parent == depth - 1
    assert page.elements[-1].text == "x = 1"
    assert page.elements[0].end_tag_span == Span(len(text) - 6, len(text))
    assert page.elements[depth - 1].end_tag_span == at(text, "</div>")
    unclosed = read_page("deep.html", "<span>" * depth)
    assert unclosed.elements[0].body_span == Span(6, 6 * depth)


# -- messy real pages --------------------------------------------------------------------


def test_crlf_lone_cr_tabs_and_bom_keep_host_offsets() -> None:
    text = (
        '\ufeff<!DOCTYPE html>\r\n<html>\r<head>\r\n<py-config\r\n\ttype="toml"\r>\r\n'
        'packages = ["numpy"]\r\n</py-config>\r\n<script\ttype="py"\rconfig=x.toml></script>'
    )
    page = read_page("p.html", text)
    assert tags(page) == ["html", "head", "py-config", "script"]
    config = page.elements[2]
    assert attribute(config, "type").value_span == at(text, "toml")
    assert config.text == '\r\npackages = ["numpy"]\r\n'
    assert config.text_offsets is not None
    assert config.text_offsets.base == at(text, '"toml"\r>').end
    script = page.elements[3]
    assert [(a.name, a.value) for a in script.attributes] == [("type", "py"), ("config", "x.toml")]
    assert attribute(script, "config").value_span == at(text, "x.toml")
    assert page.elements[0].start_tag_span == at(text, "<html>")


def test_template_syntax_in_text_and_attributes() -> None:
    text = (
        "<head>%sveltekit.head%<%= include('x') %>{% if debug %}"
        "<py-config src=\"{{ url_for('static', filename='x.toml') }}\"></py-config>{% endif %}"
        '<script type="py" src=\'{{ url_for("static", filename="m.py") }}\'></script>'
        '</head><body data-sveltekit-preload-data="hover">'
        '<div style="display: contents">%sveltekit.body%</div></body>'
    )
    page = read_page("app.html", text)
    assert tags(page) == ["head", "py-config", "script", "body", "div"]
    src = attribute(page.elements[1], "src")
    assert src.value == "{{ url_for('static', filename='x.toml') }}"
    assert src.value_span == at(text, "{{ url_for('static', filename='x.toml') }}")
    script_src = attribute(page.elements[2], "src")
    assert script_src.value == '{{ url_for("static", filename="m.py") }}'
    assert script_src.quote == "'"
    assert page.elements[1].text == ""


def test_minified_page_on_one_line() -> None:
    text = (
        "<!doctype html><html lang=en><head><meta charset=utf-8><link rel=stylesheet href=a.css>"
        "<script type=module src=https://pyscript.net/releases/2025.8.1/core.js></script>"
        '<py-config>packages=["numpy"]</py-config></head><body><div id=root></div>'
        "<script>!function(e){var t=e<1&&e>0}(0)</script></body></html>"
    )
    page = read_page("index.html", text)
    assert tags(page) == [
        "html",
        "head",
        "meta",
        "link",
        "script",
        "py-config",
        "body",
        "div",
        "script",
    ]
    loader = page.elements[4]
    assert loader.value("src") == "https://pyscript.net/releases/2025.8.1/core.js"
    assert loader.parent == 1
    assert page.elements[5].text == 'packages=["numpy"]'
    assert page.elements[8].text == "!function(e){var t=e<1&&e>0}(0)"


def test_less_than_in_text_is_not_a_tag() -> None:
    text = "<py-config>a < b <= c <3 <\n<-- x <. 1<2</py-config><p>"
    page = read_page("p.html", text)
    assert tags(page) == ["py-config", "p"]
    config = page.elements[0]
    assert config.text == "a < b <= c <3 <\n<-- x <. 1<2"
    assert not config.has_child_elements
    assert hosts(config.text, config.text_offsets) == list(
        range(len("<py-config>"), at(text, "</py-config>").start)
    )


def test_eof_inside_a_tag_drops_it() -> None:
    assert tags(read_page("p.html", '<div>x<py-config src="a.toml')) == ["div"]
    assert tags(read_page("p.html", "<div>x<span class=a")) == ["div"]
    assert tags(read_page("p.html", "<div>x<span")) == ["div"]
    assert tags(read_page("p.html", "<div>x<span/")) == ["div"]
    page = read_page("p.html", "<py-config>x</py-config")
    assert page.elements[0].end_tag_span is None
    assert page.elements[0].body_span == Span(11, 23)  # to EOF
    assert page.elements[0].text == "x"
    script = read_page("p.html", "<script>x</script").elements[0]
    assert (script.text, script.end_tag_span) == ("x</script", None)


def test_stray_less_than_at_eof() -> None:
    page = read_page("p.html", "<py-config>a<")
    assert page.elements[0].text == "a<"
    page = read_page("p.html", "<py-config>a</")
    assert page.elements[0].text == "a</"
    assert read_page("p.html", "<").elements == []
    assert read_page("p.html", "").elements == []


def test_non_ascii_names_are_lower_cased_in_ascii_only() -> None:
    text = "<DİV KELVIN=\u212a>x</dİv>"
    element = read_page("p.html", text).elements[0]
    assert element.tag == "dİv"
    assert element.attributes[0].name == "kelvin"
    assert element.end_tag_span == at(text, "</dİv>")


# -- properties -------------------------------------------------------------------------

_FRAGMENTS = [
    "<py-config>",
    "</py-config>",
    "<mpy-config type=json>",
    "<py-script>",
    "</py-script>",
    "<script type='py' config=\"",
    "<script>",
    "</script>",
    "</SCRIPT ",
    "<template>",
    "</template>",
    "<div class=a>",
    "</div>",
    "<b>",
    "</b>",
    "<br/>",
    "<svg>",
    "</svg>",
    "<math>",
    "<![CDATA[",
    "]]>",
    "<!--",
    "-->",
    "--!>",
    "<!",
    "<?",
    "</",
    "<",
    ">",
    "/>",
    "=",
    '"',
    "'",
    "&amp;",
    "&amp",
    "&lt",
    "&quot;",
    "&#x41;",
    "&#128;",
    "&#",
    "&notit;",
    "&NotEqualTilde;",
    "&",
    " ",
    "\r\n",
    "\r",
    "\t",
    "\ufeff",
    "a",
    "x = 1\n",
    "{{ url_for('s') }}",
    "<style>",
    "</style>",
    "<title>",
    "<textarea>",
    "<plaintext>",
    "<foreignObject>",
]

_page_text = st.lists(
    st.one_of(
        st.sampled_from(_FRAGMENTS),
        st.text(alphabet="<>/=!-&;#'\" abAB\n\r\t", max_size=8),
    ),
    max_size=40,
).map("".join)

_SEED = (
    '<!DOCTYPE html><html><head><script type="module" src="core.js"></script>'
    '<py-config type="toml">\npackages = ["numpy"] # <b>x</b> &amp; <!-- c -->\n</py-config>'
    "</head><body><script type=py config='{&quot;a&quot;: 1}'>print(1 < 2)</script>"
    "<template><py-script>x</py-script></template><svg><g/></svg></body></html>"
)


@st.composite
def _mutated(draw: st.DrawFn) -> str:
    text = _SEED
    for _ in range(draw(st.integers(0, 6))):
        position = draw(st.integers(0, len(text)))
        action = draw(st.sampled_from(["insert", "delete", "duplicate"]))
        if action == "insert":
            text = text[:position] + draw(st.sampled_from(_FRAGMENTS)) + text[position:]
        elif action == "delete":
            text = text[:position] + text[position + draw(st.integers(1, 20)) :]
        else:
            text = text[:position] + text[position : position + 30] + text[position:]
    return text


_REFERENCE_START = re.compile(r"&[#A-Za-z]")


def _decodes_to(text: str, host: int, char: str) -> bool:
    """The host character at `host` is `char`, or lies in a reference that gives `char`."""
    if text[host] == char:
        return True
    amp = text.rfind("&", max(0, host - 40), host + 1)
    if amp < 0 or not _REFERENCE_START.match(text, amp):
        return False
    numeric = re.match(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+))", text[amp : amp + 40])
    if numeric and len(char) == 1:
        # Python's html.unescape drops control characters (&#1; gives ""), where the
        # HTML standard keeps them (a parse error, but the character stays).
        value = int(numeric.group(1), 16) if numeric.group(1) else int(numeric.group(2))
        if value == ord(char):
            return True
    return char in html.unescape(text[amp : amp + 40])[:2]


def _check_page(text: str) -> None:
    page = read_page("p.html", text)
    size = len(text)

    def inside(span: Span | None) -> None:
        if span is not None:
            assert 0 <= span.start <= span.end <= size

    previous = -1
    for element in page.elements:
        for span in (
            element.start_tag_span,
            element.name_span,
            element.body_span,
            element.end_tag_span,
        ):
            inside(span)
        assert element.start_tag_span.start > previous  # document order
        previous = element.start_tag_span.start
        assert text[element.start_tag_span.start] == "<"
        assert text[element.start_tag_span.end - 1] == ">"
        assert text[element.name_span.start : element.name_span.end].lower() == element.tag
        if element.parent is not None:
            assert 0 <= element.parent < page.elements.index(element)
        for attr in element.attributes:
            inside(attr.name_span)
            inside(attr.value_span)
            if attr.value is None:
                continue
            assert attr.value_span is not None and attr.value_offsets is not None
            raw = cut(text, attr.value_span)
            assert raw is not None
            if "&" not in raw:
                assert raw == attr.value
            for index, char in enumerate(attr.value):
                host = attr.value_offsets.to_host(index)
                assert attr.value_span.start <= host < attr.value_span.end
                assert _decodes_to(text, host, char)
        if element.text is not None:
            assert element.text_offsets is not None
            assert element.body_span is not None
            for index, char in enumerate(element.text):
                host = element.text_offsets.to_host(index)
                assert element.body_span.start <= host < element.body_span.end
                assert _decodes_to(text, host, char)


@settings(max_examples=300, deadline=None)
@given(_page_text)
def test_random_pages_read_with_consistent_spans(text: str) -> None:
    _check_page(text)


@settings(max_examples=300, deadline=None)
@given(_mutated())
# A control character reference (&#1) decodes to U+0001, as the HTML standard says.
@example(text=_SEED.replace("&quot;: 1}", "&quot;: &#1e=py config='{&quot;a&quot;: 1}", 1))
def test_mutated_pages_read_with_consistent_spans(text: str) -> None:
    _check_page(text)


def test_property_checks_hold_on_the_seed_page() -> None:
    _check_page(_SEED)
    page = read_page("p.html", _SEED)
    assert only(page, "py-config").text == '\npackages = ["numpy"] # x & \n'
    assert only(page, "py-script").in_template
