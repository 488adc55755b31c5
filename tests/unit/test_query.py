"""query.py: where the cursor is, on complete and on broken text."""

from __future__ import annotations

import pytest

from pyscript_config.files import FileKind, SourceFile
from pyscript_config.query import Place, Query, query
from pyscript_config.regions import Syntax
from pyscript_config.text import Span

KINDS = {"toml": FileKind.TOML, "json": FileKind.JSON, "html": FileKind.HTML}


def at(marked: str, kind: str = "toml") -> tuple[Query, str]:
    """Query at the `|` in `marked` (the marker is removed)."""
    offset = marked.index("|")
    text = marked.replace("|", "", 1)
    path = {"toml": "/site/pyscript.toml", "json": "/site/pyscript.json"}.get(kind, "/site/a.html")
    return query(SourceFile(path, text, KINDS[kind]), offset), text


@pytest.mark.parametrize(
    ("marked", "place", "path", "prefix", "word"),
    [
        ("pak|", Place.KEY, (), "pak", (0, 3)),
        ("pa|k = 1", Place.KEY, (), "pa", (0, 3)),
        ("x = 1\n|", Place.KEY, (), "", (6, 6)),
        ('packages = ["num|', Place.VALUE, ("packages", 0), "num", (13, 16)),
        ('packages = [\n  "numpy",\n  |\n]', Place.VALUE, ("packages", 1), "", (26, 26)),
        ("[js_modules.m|", Place.TABLE_HEADER, ("js_modules",), "m", (12, 13)),
        ("[js_modules.main]\n|", Place.KEY, ("js_modules", "main"), "", (18, 18)),
        ('[[fetch]]\nfrom = "a"\n[[fetch]]\n|', Place.KEY, ("fetch", 1), "", (31, 31)),
        ('packages_cache = "|"', Place.VALUE, ("packages_cache",), "", (18, 18)),
        ("debug = t|", Place.VALUE, ("debug",), "t", (8, 9)),
        ('[files]\n"./a|', Place.KEY, ("files",), "./a", (9, 12)),
        ("x = { a = 1, |}", Place.KEY, ("x",), "", (13, 13)),
        ("js_modules.main.|", Place.KEY, ("js_modules", "main"), "", (16, 16)),
        ("x = 1 # co|mment", Place.NOWHERE, (), "", (10, 10)),
    ],
)
def test_toml(
    marked: str, place: Place, path: tuple[object, ...], prefix: str, word: tuple[int, int]
) -> None:
    found, _ = at(marked)
    assert (found.place, found.path, found.prefix, found.word) == (place, path, prefix, Span(*word))


@pytest.mark.parametrize(
    ("marked", "place", "path", "prefix", "quote"),
    [
        ('{"pack|', Place.KEY, (), "pack", '"'),
        ('{"packages": [], |}', Place.KEY, (), "", ""),
        ('{"packages_cache": "n|"}', Place.VALUE, ("packages_cache",), "n", '"'),
        ('{"js_modules": {"|"}}', Place.KEY, ("js_modules",), "", '"'),
        ('{"packages": [1, |', Place.VALUE, ("packages", 1), "", ""),
        ('{"debug": |', Place.VALUE, ("debug",), "", ""),
    ],
)
def test_json(marked: str, place: Place, path: tuple[object, ...], prefix: str, quote: str) -> None:
    found, _ = at(marked, "json")
    assert (found.place, found.path, found.prefix, found.quote) == (place, path, prefix, quote)


def test_present_keys_exclude_the_one_being_typed() -> None:
    found, _ = at("packages = []\ndebug = true\npa|\n[files]\n")
    assert found.present == frozenset({"packages", "debug", "files"})
    assert found.table_tail is True


def test_table_tail_false_when_keys_follow() -> None:
    found, _ = at("|\ndebug = true\n")
    assert found.place is Place.KEY
    assert found.table_tail is False


def test_key_path_of_a_header_key() -> None:
    found, _ = at("[js_modules.ma|in]")
    assert found.key_path == ("js_modules", "main")


@pytest.mark.parametrize(
    ("marked", "place", "attribute", "tag", "prefix"),
    [
        ('<script type="py" con|', Place.ATTRIBUTE_NAME, "con", "script", "con"),
        ('<script type="py" config="|', Place.ATTRIBUTE_VALUE, "config", "script", ""),
        ('<script type="|"></script>', Place.ATTRIBUTE_VALUE, "type", "script", ""),
        ('<script type="py" |></script>', Place.ATTRIBUTE_NAME, None, "script", ""),
        ("<py-|", Place.TAG_NAME, None, "py-", "py-"),
        ("<|", Place.TAG_NAME, None, "", ""),
        ('<button id="a" py-cl|', Place.ATTRIBUTE_NAME, "py-cl", "button", "py-cl"),
        ("<p>text</p>|", Place.NOWHERE, None, None, ""),
        ('<script type="py">x = "<|"</script>', Place.NOWHERE, None, None, ""),
    ],
)
def test_html(
    marked: str, place: Place, attribute: str | None, tag: str | None, prefix: str
) -> None:
    found, _ = at("<html>" + marked, "html")
    assert found.place is place
    assert found.attribute == attribute
    assert (found.tag.name if found.tag else None) == tag
    assert found.prefix == prefix


def test_inline_config_in_an_element_and_an_attribute() -> None:
    found, _ = at("<html><py-config>\n[files]\n|\n</py-config>", "html")
    assert (found.place, found.path, found.syntax) == (Place.KEY, ("files",), Syntax.TOML)
    assert found.region is not None and found.region.host_path == "/site/a.html"
    found, _ = at("""<script type="py" worker config='{"packages": ["n|"]}'></script>""", "html")
    assert (found.place, found.path, found.prefix) == (Place.VALUE, ("packages", 0), "n")
    assert found.attribute == "config"


def test_entities_in_an_attribute_config_map_back_to_host_offsets() -> None:
    marked = '<script type="py" worker config="{&quot;debug&quot;: tr|}"></script>'
    found, text = at(marked, "html")
    assert found.place is Place.VALUE
    assert found.path == ("debug",)
    assert text[found.word.start : found.word.end] == "tr"


def test_json_page_config_by_type_attribute() -> None:
    found, _ = at('<py-config type="json">{"|"}</py-config>', "html")
    assert found.place is Place.KEY
    assert found.quote == '"'


def test_bom_and_out_of_range_offsets() -> None:
    text = "\ufeffpackages = []\n"
    assert query(SourceFile("/p.toml", text, FileKind.TOML), 0).place is Place.NOWHERE
    far = query(SourceFile("/p.toml", text, FileKind.TOML), 10_000)
    assert far.offset == len(text)
    assert query(SourceFile("/p.toml", "", FileKind.TOML), -5).place is Place.KEY


def test_deep_nesting_does_not_recurse() -> None:
    text = "x = " + "[" * 50_000
    found = query(SourceFile("/p.toml", text, FileKind.TOML), len(text))
    assert found.place is Place.VALUE
    assert found.path[:3] == ("x", 0, 0)
    assert len(found.path) <= 65  # paths stop growing; the text is still read to the end


def test_deep_json_nesting() -> None:
    text = '{"a": ' * 20_000
    found = query(SourceFile("/p.json", text, FileKind.JSON), len(text))
    assert found.place is Place.VALUE
    assert found.path[:2] == ("a", "a")


def test_a_cursor_inside_an_entity_offers_nothing() -> None:
    # `&quot;` is one decoded character; a cursor between its `&` and `;` is in no word,
    # and a completion there would replace host text the cursor is not next to.
    text = "config=<py-config>packages&quot;"
    source = SourceFile("/site/page.html", text, FileKind.HTML)
    inside = text.index("&quot;") + 1
    assert query(source, inside).place is Place.NOWHERE
    before = text.index("&quot;")
    assert query(source, before).place is not Place.NOWHERE
