"""The runtime's own config-text detection, per pipeline (spec §2.1, §2.3–2.5, §7)."""

from __future__ import annotations

import pytest

from pyscript_config.detect import detect, detect_editor, detect_main, detect_worker
from pyscript_config.regions import Pipeline, Syntax


@pytest.mark.parametrize(
    ("text", "type_attr", "syntax", "url_syntax", "invalid"),
    [
        ('packages = ["numpy"]', None, Syntax.TOML, None, False),
        ('{"packages": ["numpy"]}', None, Syntax.JSON, None, False),
        ('  {"packages": []}\n', None, Syntax.JSON, None, False),
        ("./pyscript.toml", None, Syntax.URL, Syntax.TOML, False),
        ("./pyscript.json", None, Syntax.URL, Syntax.JSON, False),
        ("./pyscript.toml?v=2", None, Syntax.URL, Syntax.TOML, False),  # §7 case 21 (main)
        ("./pyscript.yaml", None, Syntax.URL, None, True),  # §7 case 8
        ("./cfg.txt", None, Syntax.URL, None, True),  # §7 case 22 (main)
        ("./pyscript.TOML", None, Syntax.URL, None, True),  # extensions are case-sensitive
        ('packages = ["numpy"]\nratio = 0.5', None, Syntax.URL, None, True),  # §7 case 6
        ('packages = ["numpy"]\n# see main.py', None, Syntax.URL, None, True),
        ("https://example.com/config", None, Syntax.TOML, None, False),  # §7 case 20
        ("./config.json#x", None, Syntax.TOML, None, False),  # a hash is not allowed
        ("./pyscript.json", "toml", Syntax.URL, None, True),  # §7 case 9
        ("./pyscript.toml", "json", Syntax.URL, None, True),
        ("packages = []", "json", Syntax.JSON, None, False),  # type forces the parser
        ("", None, Syntax.EMPTY, None, False),
        ("   \n  ", None, Syntax.EMPTY, None, False),
        ("   \n  ", "json", Syntax.JSON, None, False),  # §7 case 23: JSON.parse("") fails
        ("", "json", Syntax.EMPTY, None, False),  # truly empty: no config at all
    ],
)
def test_main_pipeline(
    text: str, type_attr: str | None, syntax: Syntax, url_syntax: Syntax | None, invalid: bool
) -> None:
    found = detect_main(text, type_attr)
    assert (found.syntax, found.url_syntax, found.invalid_url) == (syntax, url_syntax, invalid)


def test_main_pipeline_names_the_type_mismatch() -> None:
    assert detect_main("./pyscript.json", "toml").type_mismatch == "toml"
    assert detect_main("./pyscript.yaml").type_mismatch is None


@pytest.mark.parametrize(
    ("text", "syntax", "url_syntax", "txt"),
    [
        ('packages = ["numpy"]\nratio = 0.5', Syntax.TOML, None, False),  # §7 case 7: fine here
        ("./worker.toml", Syntax.URL, Syntax.TOML, False),
        ("./worker.json", Syntax.URL, Syntax.JSON, False),
        ("./worker.txt", Syntax.URL, None, True),  # silently empty
        ("./pyscript.toml?v=2", Syntax.TOML, None, False),  # §7 case 21 (worker): not a URL
        ('{"packages":["numpy",]}', Syntax.JSON, None, False),  # checked as JSON (case 11)
        ('[files]\n"./a.py" = ""', Syntax.TOML, None, False),  # JSON.parse fails: basic-toml
        ('["numpy"]', Syntax.JSON, None, False),  # JSON.parse succeeds: an array
        ("", Syntax.EMPTY, None, False),
    ],
)
def test_worker_pipeline(text: str, syntax: Syntax, url_syntax: Syntax | None, txt: bool) -> None:
    found = detect_worker(text)
    assert (found.syntax, found.url_syntax, found.ignored_txt) == (syntax, url_syntax, txt)


@pytest.mark.parametrize(
    ("text", "syntax", "url_syntax"),
    [
        ("./editor.toml", Syntax.URL, Syntax.TOML),
        ("./editor.json", Syntax.URL, Syntax.JSON),
        ('{"packages": ["numpy"]}', Syntax.JSON, None),
        ("packages = ['numpy']", Syntax.JSON, None),  # §7 case 45: inline TOML is JSON.parse'd
    ],
)
def test_editor_pipeline(text: str, syntax: Syntax, url_syntax: Syntax | None) -> None:
    found = detect_editor(text)
    assert (found.syntax, found.url_syntax) == (syntax, url_syntax)


def test_dispatch_by_pipeline() -> None:
    text = 'packages = ["numpy"]\nratio = 0.5'
    assert detect(Pipeline.MAIN, text).invalid_url
    assert detect(Pipeline.GAME, text).invalid_url  # py-game uses pipeline A's rules
    assert detect(Pipeline.WORKER, text).syntax is Syntax.TOML
    assert detect(Pipeline.POLYSCRIPT, text).syntax is Syntax.TOML
    # py-game has no `type` attribute: it cannot force JSON.
    assert detect(Pipeline.GAME, "packages = []", "json").syntax is Syntax.TOML
