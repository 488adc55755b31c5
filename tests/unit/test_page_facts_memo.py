"""`page_facts.live` / `scripts` are computed once per page, and again for another page."""

from __future__ import annotations

import pytest

from pyscript_config.extract import ScriptInfo, script_info
from pyscript_config.page import Element
from pyscript_config.reading.html_reader import read_page
from pyscript_config.rules import page_facts

HTML = (
    '<script type="py">a</script><template><script type="py">b</script></template>'
    '<div id="x"></div><script type="mpy" worker>c</script>'
)


def test_scripts_read_once_per_page(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[str] = []

    def counting(element: Element) -> ScriptInfo | None:
        calls.append(element.tag)
        return script_info(element)

    monkeypatch.setattr(page_facts, "script_info", counting)
    page = read_page("a.html", HTML)
    first = [(i.element.text, i.pipeline.name) for i in page_facts.scripts(page)]
    assert first == [("a", "MAIN"), ("c", "WORKER")]
    assert [e.tag for e in page_facts.live(page)] == ["script", "template", "div", "script"]
    assert [(i.element.text, i.pipeline.name) for i in page_facts.scripts(page)] == first
    assert len(calls) == 4  # the live elements, once

    other = read_page("b.html", '<script type="py">z</script>')
    assert [i.element.text for i in page_facts.scripts(other)] == ["z"]
    assert len(calls) == 5

    # A page that grows (built in steps) is read again.
    other.elements.append(page.elements[0])
    assert [i.element.text for i in page_facts.scripts(other)] == ["z", "a"]
    assert len(calls) == 7
