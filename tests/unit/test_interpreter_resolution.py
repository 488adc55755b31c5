"""How `interpreter` and `version` resolve (spec §6.1), which Pyodide a config's packages
are judged against, and the fixes of the interpreter rules."""

from __future__ import annotations

from pyscript_config.check import check_text
from pyscript_config.diagnostics import Diagnostic, Fix
from pyscript_config.files import FileKind, LoadFailure, LoadProblem, SourceFile
from pyscript_config.regions import Interpreter
from pyscript_config.rules.interpreter_rules import cdn_url, version_from_url

LOADER = '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>\n'
URL_0293 = "https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.mjs"


def _apply(text: str, fix: Fix) -> str:
    for edit in sorted(fix.edits, key=lambda e: e.span.start, reverse=True):
        text = text[: edit.span.start] + edit.new_text + text[edit.span.end :]
    return text


def _check(files: dict[str, str], page: str = "index.html") -> list[Diagnostic]:
    def read(path: str) -> SourceFile | LoadProblem:
        if path in files:
            kind = FileKind.JSON if path.endswith(".json") else FileKind.TOML
            return SourceFile(path, files[path], kind)
        return LoadProblem(path, LoadFailure.MISSING, "no such file")

    return check_text(page, files[page], read=read)


def test_cdn_urls() -> None:
    assert cdn_url(Interpreter.PY, "0.29.3") == URL_0293
    assert cdn_url(Interpreter.MPY, "1.28.0-6") == (
        "https://cdn.jsdelivr.net/npm/@micropython/micropython-webassembly-pyscript@1.28.0-6"
        "/micropython.mjs"
    )


def test_version_from_url() -> None:
    assert version_from_url(URL_0293) == "0.29.3"
    assert version_from_url("https://cdn.jsdelivr.net/npm/pyodide@314.0.2/pyodide.mjs") == "314.0.2"
    assert version_from_url("./pyodide/pyodide.mjs") is None
    assert version_from_url("0.29.3") is None


def test_bare_version_fix_writes_the_cdn_url() -> None:
    text = 'interpreter = "0.29.3"\n'
    files = {
        "index.html": LOADER + '<script type="py" config="./pyscript.toml"></script>\n',
        "pyscript.toml": text,
    }
    [diagnostic] = [d for d in _check(files) if d.code == "PSC433"]
    assert diagnostic.fix is not None and diagnostic.fix.safe
    assert _apply(text, diagnostic.fix) == f'interpreter = "{URL_0293}"\n'


def test_v_prefixed_version_is_fixed_without_the_v() -> None:
    text = "interpreter = 'v0.29.3'\n"
    files = {
        "index.html": LOADER + '<script type="py" config="./pyscript.toml"></script>\n',
        "pyscript.toml": text,
    }
    [diagnostic] = [d for d in _check(files) if d.code == "PSC433"]
    assert diagnostic.fix is not None
    assert _apply(text, diagnostic.fix) == f"interpreter = '{URL_0293}'\n"


def test_unpublished_bare_version_gets_no_fix() -> None:
    files = {
        "index.html": LOADER + '<script type="py" config="./pyscript.toml"></script>\n',
        "pyscript.toml": 'interpreter = "0.29.9"\n',
    }
    [diagnostic] = [d for d in _check(files) if d.code == "PSC433"]
    assert diagnostic.fix is None
    assert "0.29.9 is not a published Pyodide version either" in diagnostic.message


def test_umd_url_fix_points_at_the_module() -> None:
    text = 'interpreter = "https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.js"\n'
    files = {
        "index.html": LOADER + '<script type="py" config="./pyscript.toml"></script>\n',
        "pyscript.toml": text,
    }
    [diagnostic] = [d for d in _check(files) if d.code == "PSC435"]
    assert diagnostic.fix is not None and not diagnostic.fix.safe
    assert _apply(text, diagnostic.fix) == f'interpreter = "{URL_0293}"\n'


def test_workers_are_judged_with_the_main_configs_pyodide() -> None:
    # ssl is not in PyScript's graph; the message names the version the worker will run.
    files = {
        "index.html": LOADER + f'<py-config>interpreter = "{URL_0293}"</py-config>\n'
        '<script type="py" src="./m.py"></script>\n'
        '<script type="py" worker src="./w.py" config="./w.toml"></script>\n',
        "w.toml": 'packages = ["ssl"]\n',
    }
    [diagnostic] = [d for d in _check(files) if d.code == "PSC400"]
    assert "Pyodide 0.29.3 might not support ssl" in diagnostic.message


def test_a_worker_bare_version_is_the_cdn_version_it_runs() -> None:
    files = {
        "index.html": LOADER
        + '<script type="py" worker src="./w.py" config="./w.toml"></script>\n',
        "w.toml": 'interpreter = "0.29.3"\npackages = ["definitely-not-a-package"]\n',
    }
    codes = [(d.code, d.message) for d in _check(files)]
    assert [c for c, _ in codes] == ["PSC400"]
    assert "Pyodide 0.29.3 might not support definitely-not-a-package" in codes[0][1]


def test_self_hosted_interpreter_skips_the_package_check() -> None:
    files = {
        "index.html": LOADER + '<script type="py" config="./pyscript.toml"></script>\n',
        "pyscript.toml": 'interpreter = "./pyodide/pyodide.mjs"\npackages = ["definitely-not-a-package"]\n',
    }
    assert [d.code for d in _check(files)] == []
