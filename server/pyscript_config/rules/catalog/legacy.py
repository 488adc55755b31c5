"""Legacy rules: classic PyScript (2022.05–2023.05) elements, attributes and config
forms on pages meant for modern PyScript, with their migration (spec §5.2, user pain
§1–3, §20). Classic config keys are PSC600 (in `core.py`)."""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PSC601",
        "py-env-element",
        Severity.ERROR,
        "A classic `<py-env>` element.",
        "`<py-env>` was deprecated in 2022.09.1 and removed in 2022.12.1; modern PyScript "
        "ignores the element, so its packages are never installed and its paths never "
        "fetched (spec §5.2, user pain §1).",
        "<py-env>\n- numpy\n- paths:\n  - ./utils.py\n</py-env>",
        "Replace it with a `<py-config>` holding `packages = [...]` and a `[files]` table "
        "(quick fix when the page has no `<py-config>` yet).",
    ),
    Rule(
        "PSC602",
        "yaml-config",
        Severity.ERROR,
        "A config written in YAML (classic 2022.05–2022.06).",
        "Configs are TOML or JSON since 2022.09.1. basic-toml ignores every line without `=`, "
        "so a YAML config is silently empty on the main thread since 2026.2.1 and in workers "
        "(spec §7 case 19); toml-j0.4 (main thread before 2026.2.1, py-game) fails with "
        "`(PY1000): Invalid TOML`.",
        "<py-config>\npackages:\n  - numpy\n</py-config>",
        "Convert it to TOML (quick fix for simple keys, lists and tables).",
    ),
    Rule(
        "PSC603",
        "py-script-src",
        Severity.HINT,
        '`<py-script src>`: prefer `<script type="py" src>`.',
        "`<py-script>` still works, but it is the classic form: its text is parsed as HTML "
        'and its output goes into the element itself. `<script type="py">` is the form the '
        "documentation uses (spec §5.2).",
        '<py-script src="./main.py"></py-script>',
        'Write `<script type="py" src="./main.py"></script>` (quick fix).',
    ),
    Rule(
        "PSC604",
        "py-script-output",
        Severity.WARNING,
        "`output` on `<py-script>`: modern PyScript ignores it.",
        'Classic `output="id"` (deprecated in 2022.12) chose where printed output went; '
        "modern `<py-script>` ignores it and writes into the element itself (spec §5.2).",
        '<py-script output="out">print("hi")</py-script>',
        'Use `<script type="py" target="out">` (quick fix) or `display(..., target="out")`.',
    ),
    Rule(
        "PSC605",
        "classic-event-attribute",
        Severity.ERROR,
        "A classic `pys-on…` event attribute.",
        "`pys-onClick` and friends were classic; modern PyScript only knows `py-<event>` "
        "(`py-click`), so the handler silently never runs (spec §3.7, §5.2, user pain §20).",
        '<button pys-onClick="go">Go</button>',
        "Rename to `py-click` (quick fix); the value is a function name, called with the event.",
    ),
    Rule(
        "PSC606",
        "py-repl-element",
        Severity.ERROR,
        "A classic `<py-repl>` element.",
        "`<py-repl>` does not exist in modern PyScript: the browser shows its text as plain "
        "text and nothing runs (spec §3.1, §5.2).",
        "<py-repl>print(1)</py-repl>",
        'Use `<script type="py-editor">` (quick fix), or a `terminal worker` script with '
        "`code.interact()`.",
    ),
    Rule(
        "PSC607",
        "py-terminal-element",
        Severity.ERROR,
        "A classic `<py-terminal>` element.",
        "Modern PyScript creates `<py-terminal>` itself as an output container; writing one "
        "does nothing, and no terminal appears (spec §3.1, §3.4).",
        '<py-terminal></py-terminal>\n<script type="py">print(1)</script>',
        "Add the `terminal` attribute to the script instead (quick fix when the page has one "
        "main script).",
    ),
    Rule(
        "PSC608",
        "classic-element",
        Severity.ERROR,
        "A classic PyScript widget element (`<py-button>`, `<py-inputbox>`, `<py-title>`, "
        "`<py-box>`, `<py-loader>`, `<py-splashscreen>`).",
        "These elements were removed in classic 2022.12–2023.05; modern PyScript does not "
        "define them, so they render as unknown inline elements and their code never runs "
        "(spec §3.1, §5.2, user pain §20).",
        '<py-button label="Go" py-onClick="go()"></py-button>',
        'Write plain HTML (`<button py-click="go">`, `<input>`, `<h1>`, `<div>`); no '
        "splash screen exists any more.",
    ),
    Rule(
        "PSC609",
        "classic-pyscript-page",
        Severity.WARNING,
        "The page loads a classic PyScript release (`pyscript.js`).",
        "Classic PyScript (2022.05–2023.05) is unmaintained and its `latest`/`alpha` URLs are "
        "gone; its elements, attributes and config keys differ from modern PyScript's (spec "
        "§5.2). Classic-only constructs are not reported as errors while the page is pinned "
        "to a classic release that still loads.",
        '<script defer src="https://pyscript.net/releases/2022.12.1/pyscript.js"></script>',
        'Migrate to `<script type="module" src="https://pyscript.net/releases/2026.7.3/'
        'core.js">` and the modern elements and keys.',
    ),
    Rule(
        "PSC610",
        "py-mount-attribute",
        Severity.WARNING,
        "A classic `py-mount` attribute.",
        "`py-mount` (2023.03, deprecated 2023.05) exposed an element to Python; modern "
        "PyScript ignores it (spec §5.2).",
        '<div id="out" py-mount></div>',
        "Look the element up from Python: `from pyscript import document` or "
        "`pyscript.web`; remove the attribute.",
    ),
)
