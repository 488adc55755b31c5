"""How the page loads PyScript (PSC250–PSC256): exact spans, messages and fixes."""

from __future__ import annotations

from page_helpers import applied, check, codes, only, shown

BODY = '<script type="py">1</script>'
CURRENT = "https://pyscript.net/releases/2026.7.3/core.js"


def test_dead_classic_loader_fix_loads_the_modern_module() -> None:
    loader = '<script defer src="https://pyscript.net/unstable/pyscript.js"></script>\n'
    diagnostic = only(check(BODY, loader=loader), "PSC250")
    assert shown(loader + BODY, diagnostic) == "https://pyscript.net/unstable/pyscript.js"
    fixed = applied(loader + BODY, diagnostic.fix)
    assert fixed.startswith(f'<script type="module" src="{CURRENT}"></script>')
    assert codes(check(BODY, loader=fixed[: -len(BODY)])) == []


def test_classic_release_has_no_core_js() -> None:
    loader = (
        '<script type="module" src="https://pyscript.net/releases/2023.05.1/core.js"></script>\n'
    )
    diagnostic = only(check(BODY, loader=loader), "PSC250")
    assert diagnostic.message.startswith("release 2023.05.1 has no core.js")


def test_core_js_without_type_fix_is_safe() -> None:
    loader = f'<script defer src="{CURRENT}"></script>\n'
    diagnostic = only(check(BODY, loader=loader), "PSC251")
    assert shown(loader + BODY, diagnostic) == "script"
    assert diagnostic.fix is not None and diagnostic.fix.safe
    fixed = applied(loader + BODY, diagnostic.fix)
    assert fixed.startswith(f'<script type="module" defer src="{CURRENT}">')


def test_classic_as_module_fix_uses_defer() -> None:
    loader = (
        '<script type="module" src="https://pyscript.net/releases/2022.12.1/pyscript.js">'
        "</script>\n"
    )
    diagnostic = only(check("<py-script>1</py-script>", loader=loader), "PSC252")
    assert applied(loader, diagnostic.fix).startswith(
        '<script defer src="https://pyscript.net/releases/2022.12.1/pyscript.js">'
    )


def test_classic_and_modern_together() -> None:
    loader = (
        f'<script type="module" src="{CURRENT}"></script>\n'
        '<script defer src="https://pyscript.net/releases/2022.12.1/pyscript.js"></script>\n'
    )
    diagnostic = only(check(BODY, loader=loader), "PSC253")
    assert "(PyScript 2022.12.1 (pyscript.js) here)" in diagnostic.message


def test_latest_fix_pins_the_newest_release() -> None:
    loader = '<script type="module" src="https://pyscript.net/latest/core.js"></script>\n'
    diagnostic = only(check(BODY, loader=loader), "PSC254")
    assert diagnostic.data["runtime"] == "Loading scripts from latest is deprecated"
    assert applied(loader, diagnostic.fix).startswith(f'<script type="module" src="{CURRENT}">')


def test_css_of_another_release_fix() -> None:
    loader = (
        '<link rel="stylesheet" href="https://pyscript.net/releases/2025.2.1/core.css">\n'
        '<script type="module" src="https://pyscript.net/releases/2025.8.1/core.js"></script>\n'
    )
    diagnostic = only(check(BODY, loader=loader), "PSC255")
    assert applied(loader, diagnostic.fix).startswith(
        '<link rel="stylesheet" href="https://pyscript.net/releases/2025.8.1/core.css">'
    )


def test_offline_checks_each_interpreter_and_release() -> None:
    loader = f'<script type="module" offline src="{CURRENT}"></script>\n'
    html = BODY + '<script type="mpy">1</script>'
    found = [d for d in check(html, loader=loader) if d.code == "PSC256"]
    assert sorted(("pyodide" in d.message, "micropython" in d.message) for d in found) == [
        (False, True),
        (True, False),
    ]
    files = {"pyscript/pyodide/pyodide.mjs": "", "pyscript/micropython/micropython.mjs": ""}
    assert codes(check(html, files, loader=loader)) == []
    # The attribute exists since 2025.11.2.
    assert codes(check(html, loader=loader, version="2025.10.3")) == []
    with_config = '<py-config>interpreter = "https://x/pyodide.mjs"</py-config>' + BODY
    assert codes(check(with_config, loader=loader)) == []
