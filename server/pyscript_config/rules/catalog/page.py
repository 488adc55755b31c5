"""Page rules: how the runtime detects configs per pipeline, page-level conflicts,
HTML hazards, script elements and attributes, and the loader (spec §2, §3, §4)."""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

_DETECTION: tuple[Rule, ...] = (
    Rule(
        "PSC201",
        "config-url-read-as-text",
        Severity.ERROR,
        "A config value that looks like a URL is not fetched: the runtime reads it as inline TOML.",
        "Only a URL ending in `.json` or `.toml` is fetched (spec §2.1, §2.3): on the main "
        "thread an optional `?query` may follow, `#fragment` may not; a worker accepts no query "
        "at all; extensions are case-sensitive. Anything else is parsed as inline TOML, and "
        "basic-toml ignores lines without `=`, so the config is silently empty (a worker URL "
        'with `?v=2` even becomes the key `"./pyscript.toml?v"`). With toml-j0.4 (main thread '
        "before 2026.2.1, py-game) it is a TOML syntax error instead.",
        '<script type="py" config="https://example.com/config"></script>',
        "Point at a file ending in `.toml` or `.json` (drop the `#fragment`, and the `?query` "
        "on workers); quick fix where the file name is right and only the tail is wrong.",
    ),
    Rule(
        "PSC202",
        "worker-txt-config",
        Severity.ERROR,
        "A worker config URL ending in `.txt`: the worker silently gets an empty config.",
        "polyscript's loader treats a `.txt` config as a placeholder and hands the worker an "
        "empty config without fetching it (spec §2.3); on the main thread the same URL is an "
        "`(PY1000): Invalid URL`.",
        '<script type="py" worker src="./w.py" config="./config.txt"></script>',
        "Rename the file to `.toml` (or `.json`) and point `config` at it.",
    ),
    Rule(
        "PSC203",
        "config-type-json-not-json",
        Severity.ERROR,
        '`<py-config type="json">` whose body is not JSON.',
        '`type="json"` makes the runtime call `JSON.parse` on any body that is not an object '
        "already, so a TOML body fails with `(PY1000): Invalid JSON` and no script of that "
        "interpreter runs (spec §2.1).",
        '<py-config type="json">\npackages = ["numpy"]\n</py-config>',
        'Remove `type="json"` (TOML is the default; quick fix), or write the body as JSON.',
        "PY1000",
    ),
    Rule(
        "PSC204",
        "config-type-ignored",
        Severity.WARNING,
        "A `type` attribute on `<py-config>` that the runtime ignores.",
        'The runtime only knows `type="json"` and `type="toml"`, compared case-sensitively, and '
        "`type` cannot make it read an object-shaped body `{…}` as TOML: such a body is always "
        "JSON (spec §2.1). The attribute does not do what it says.",
        '<py-config type="toml">{"packages": ["numpy"]}</py-config>',
        "Remove the attribute, or write `json`/`toml` in lower case to match the body.",
    ),
    Rule(
        "PSC205",
        "blank-json-config",
        Severity.ERROR,
        'A whitespace-only `<py-config type="json">`.',
        'Whitespace-only text is "no config", except with `type="json"`: the runtime then '
        "calls `JSON.parse` on the empty text and fails with `(PY1000): Invalid JSON` / "
        "`Unexpected end of JSON input` (spec §7 case 23, confirmed in a browser).",
        '<py-config type="json">   </py-config>',
        "Remove the element (or its whitespace, quick fix), or write the config in it.",
        "PY1000",
    ),
    Rule(
        "PSC206",
        "editor-config-not-json",
        Severity.ERROR,
        "A py-editor `config` that is neither inline JSON nor a URL ending in `.toml`/`.json`.",
        "py-editor fetches the value only when it ends exactly in `.toml` or `.json`; "
        "anything else goes to `JSON.parse`, so inline TOML (or a URL with another ending) "
        "fails with `SyntaxError: … is not valid JSON` when the editor is first run (spec "
        "§2.4, §7 case 45).",
        '<script type="py-editor" config="packages = [\'numpy\']"></script>',
        "Write the config as inline JSON (quick fix for TOML the tool can read), or move it "
        "to a `.toml` file and point `config` at it.",
        "SyntaxError",
    ),
    Rule(
        "PSC207",
        "config-src-and-body",
        Severity.ERROR,
        "`<py-config src>` that also has an inline body: the body is ignored.",
        "Modern PyScript reads `src` when it is set and never looks at the element's text "
        "(classic PyScript merged the two, inline winning), so settings written inline are "
        "silently lost (spec §2.1 step 5, §5.2).",
        '<py-config src="./pyscript.toml">\npackages = ["numpy"]\n</py-config>',
        "Move the inline settings into the file and delete the body (quick fix deletes it), "
        "or remove `src`.",
    ),
    Rule(
        "PSC208",
        "worker-blank-config",
        Severity.WARNING,
        "A worker `config` that is only whitespace: the worker does not inherit the page's config.",
        "A worker without `config` (or with an empty one) inherits the main config; a "
        "whitespace-only value is not empty to the runtime, fails `JSON.parse` and is read by "
        "basic-toml as an empty config (spec §2.2, §2.3).",
        '<py-config>packages = ["numpy"]</py-config>\n'
        '<script type="py" worker src="./w.py" config=" "></script>',
        'Write `config=""` or drop the attribute to inherit the page config (quick fix).',
    ),
)

_CONFLICTS: tuple[Rule, ...] = (
    Rule(
        "PSC210",
        "too-many-config-elements",
        Severity.ERROR,
        "More than one `<py-config>` (or `<mpy-config>`) on a page.",
        "The runtime fails with `(PY0409): Too many py-config` (banner only) and no script of "
        "that interpreter runs (spec §2.1, §7 case 1). Before 2023.12.1 the first one won and "
        "the others were silently ignored.",
        '<py-config>packages = ["numpy"]</py-config>\n<py-config>packages = ["pandas"]</py-config>',
        "Merge them into one element.",
        "PY0409",
    ),
    Rule(
        "PSC211",
        "config-element-and-attribute",
        Severity.ERROR,
        "A `<py-config>` together with a `config` attribute on a main-thread script of the "
        "same interpreter.",
        "The runtime refuses to choose and fails with `(PY0409): Ambiguous py-config VS config "
        "attribute`, even when both say the same, and no script of that interpreter runs "
        "(spec §2.1, §7 case 2). Worker scripts and the other interpreter are not affected.",
        '<py-config>packages = ["numpy"]</py-config>\n'
        '<script type="py" src="./main.py" config="./pyscript.toml"></script>',
        "Keep one of the two: remove the attribute, or move its settings into the element.",
        "PY0409",
    ),
    Rule(
        "PSC212",
        "different-main-configs",
        Severity.ERROR,
        "Main-thread scripts of one interpreter with different `config` attributes.",
        "The first `config` in document order is the page's config; any other main-thread "
        "script of that interpreter whose `config` string differs (compared exactly: "
        '`"a.toml"` and `"./a.toml"` differ) makes the runtime fail with `(PY0409): Unable to '
        "use different configs on main` (spec §2.1 step 6, §7 case 3). Workers have their own.",
        '<script type="py" src="./a.py" config="./pyscript.toml"></script>\n'
        '<script type="py" src="./b.py" config="pyscript.toml"></script>',
        "Write the same string everywhere (quick fix when both name the same file), or keep "
        "the attribute on one script only.",
        "PY0409",
    ),
    Rule(
        "PSC213",
        "editor-env-config-twice",
        Severity.ERROR,
        "A py-editor `config` on an editor that is not the first of its `env`.",
        "Editors sharing an `env` share one interpreter, configured by the env's first "
        "editor. A later editor with `config` throws `SyntaxError: duplicated config for env: "
        "…` (or `unable to add a config to the env: …` when the first had none), and since "
        "editors start one after another no editor after it starts either (spec §2.4, §7 case "
        "44). `env-override` (since 2026.6.1) restarts the env instead.",
        '<script type="py-editor" env="e" config=\'{"packages": ["a"]}\'></script>\n'
        '<script type="py-editor" env="e" config=\'{"packages": ["b"]}\'></script>',
        "Put the config on the first editor of the env only (quick fix removes a repeated "
        "identical config), or add `env-override`.",
        "SyntaxError",
    ),
    Rule(
        "PSC214",
        "config-element-unused",
        Severity.ERROR,
        "A `<py-config>`/`<mpy-config>` that no script on the page reads.",
        '`<py-config>` configures `<script type="py">` and `<py-script>` (and the workers '
        "that inherit it); `<mpy-config>` the `mpy` ones. py-editor, py-game and raw "
        "pyodide/micropython scripts never read it (spec §2.2, §3.3), so its settings are "
        "silently lost. A config that sets `plugins` is not reported: plugins apply to every "
        "element of the type, editors included (spec §7 case 27).",
        '<py-config>packages = ["numpy"]</py-config>\n'
        '<script type="py-editor">import numpy</script>',
        "Give the config to the scripts that need it (for editors: a `config` attribute with "
        "inline JSON or a `.toml` URL), or use the element that matches the script type.",
    ),
)

_HAZARDS: tuple[Rule, ...] = (
    Rule(
        "PSC220",
        "config-body-has-tags",
        Severity.ERROR,
        "Text in an inline `<py-config>` that the HTML parser turns into an element.",
        "The browser parses the body as HTML before PyScript reads its `textContent`: "
        'anything shaped like a tag is removed and only its inner text stays (`"<b>Hi</b>"` '
        'becomes `"Hi"`, `"<br>"` becomes `""`), so the config PyScript sees is not the one '
        "written (spec §2.1, Appendix D).",
        '<py-config>\n[greeting]\ntext = "<b>Hi</b> there"\n</py-config>',
        "Move the config to a `.toml` file, or write `<` as `&lt;` (quick fix).",
    ),
    Rule(
        "PSC221",
        "attribute-quotes-broken",
        Severity.ERROR,
        "A `config` attribute cut short by a quote inside its value.",
        'In `config="{"packages": ["numpy"]}"` the value ends at the second `"`: the config '
        "is just `{` and the rest of the text becomes stray attributes, so the runtime reads "
        "a broken config (or, in a worker, silently none).",
        '<script type="py" worker src="./w.py" config="{"packages": ["numpy"]}"></script>',
        "Quote the attribute with the other quote character (quick fix), or write the inner "
        "quotes as `&quot;`.",
    ),
    Rule(
        "PSC222",
        "entity-without-semicolon",
        Severity.ERROR,
        "An `&name` in a config that the HTML parser decodes although it has no `;`.",
        "Legacy entity names such as `&copy`, `&reg`, `&not` or `&lt` are decoded even without "
        "a semicolon in element text (and in attributes unless `=` or a letter follows), so "
        'a URL like `"?a=1&copy=2"` reaches PyScript as `"?a=1©=2"`.',
        '<py-config>\n[api]\nurl = "https://example.com/?a=1&copy=2"\n</py-config>',
        "Write the ampersand as `&amp;` (quick fix).",
    ),
)

_SCRIPTS: tuple[Rule, ...] = (
    Rule(
        "PSC230",
        "worker-attribute-value",
        Severity.ERROR,
        "A `worker` attribute with a value.",
        "`worker` is a flag: any value is rejected with `(PY0409) Invalid worker attribute` "
        "and the script does not run (spec §3.2, §7 case 40). The worker's file goes in `src`.",
        '<script type="py" worker="./worker.py"></script>',
        'Write `worker src="./worker.py"` (quick fix), or `worker` alone.',
        "PY0409",
    ),
    Rule(
        "PSC231",
        "worker-empty-src",
        Severity.ERROR,
        'A worker script with an empty `src=""`.',
        "polyscript rejects an empty `src` on a worker with `(PY0409) Invalid worker attribute` "
        "(spec §3.2, §4.2).",
        '<script type="py" worker src="">print(1)</script>',
        "Give `src` the worker's file, or remove it to run the inline code (quick fix).",
        "PY0409",
    ),
    Rule(
        "PSC232",
        "attribute-needs-worker",
        Severity.WARNING,
        "`name` or `service-worker` on a script that is not a worker.",
        "Both only mean something on a worker script (a named worker, a SharedArrayBuffer "
        "fallback); on a main-thread script they are ignored (spec §3.2, §3.9).",
        '<script type="py" src="./w.py" name="helper"></script>',
        "Add `worker` if the script should run in a worker, or remove the attribute.",
    ),
    Rule(
        "PSC233",
        "src-and-inline-code",
        Severity.ERROR,
        "A main-thread script with both `src` and inline code.",
        "With `src`, the element's own text must be empty or comments only; otherwise the "
        "runtime fails with `(PY0409) Invalid content` and neither runs (spec §3.2, §7 case "
        "41).",
        '<script type="py" src="./main.py">print("hi")</script>',
        "Move the inline code into the file, or drop `src`.",
        "PY0409",
    ),
    Rule(
        "PSC234",
        "worker-inline-code-ignored",
        Severity.WARNING,
        "A worker script with `src` and inline code: the inline code is ignored.",
        "A worker runs its `src` file; inline code next to it is silently never run (spec "
        "§3.2, §3.9).",
        '<script type="py" worker src="./w.py">print("never runs")</script>',
        "Move the code into the file (quick fix deletes the ignored code).",
    ),
    Rule(
        "PSC235",
        "several-main-terminals",
        Severity.ERROR,
        "More than one main-thread script with `terminal`.",
        "Only one terminal may run on the main thread (py and mpy counted together): the "
        "runtime shows and throws `You can use at most 1 main terminal` (spec §3.4, §7 case "
        "42). Worker terminals are not limited.",
        '<script type="py" terminal>print(1)</script>\n'
        '<script type="mpy" terminal>print(2)</script>',
        "Keep `terminal` on one main-thread script, or add `worker` to the others.",
        "You can use at most 1 main terminal",
    ),
    Rule(
        "PSC236",
        "target-not-found",
        Severity.ERROR,
        "A `target` that matches no element on the page.",
        "A main-thread script looks its `target` up (by id, then as a CSS selector) before it "
        "runs; when nothing matches it fails with `TypeError: Cannot read properties of null "
        "(reading 'id')` and the script does not run (spec §3.2, §7 case 43, confirmed in a "
        "browser). Terminals and editors fail with `Unknown target`. Only simple ids are "
        "checked, and not when the page's code might create the element.",
        '<script type="py" target="output">print(1)</script>  (no element with id="output")',
        "Add the element or fix the id (quick fix for a close match).",
        "TypeError",
    ),
    Rule(
        "PSC237",
        "attribute-ignored-on-script",
        Severity.HINT,
        "`env` or `version` on a `py`/`mpy` script: PyScript ignores them.",
        "PyScript runs every `py` script in one interpreter (`env` is forced) and takes the "
        "interpreter from the config's `interpreter`; both attributes only mean something on "
        "py-editor (`env`) and raw `pyodide`/`micropython` scripts (spec §3.2).",
        '<script type="py" version="0.27.0" src="./main.py"></script>',
        "Remove the attribute (quick fix); pin the interpreter with `interpreter` in the config.",
    ),
    Rule(
        "PSC238",
        "event-handler-not-a-name",
        Severity.ERROR,
        "An event attribute such as `py-click` whose value is code, not a function name.",
        "The value is looked up as a global name (or dotted path) and called with the event; "
        '`py-click="go()"` finds nothing and the first click fails with `Cannot read '
        "properties of undefined (reading 'call')` (spec §3.7, confirmed in a browser).",
        '<button py-click="go()">Go</button>',
        'Write the function name: `py-click="go"` (quick fix); the function receives the '
        "event as its argument.",
        "Cannot read properties of undefined (reading 'call')",
    ),
    Rule(
        "PSC239",
        "event-with-on-prefix",
        Severity.ERROR,
        "An event attribute written with `on`, such as `py-onClick`.",
        "The event is the text after the last `-`: `py-onClick` (lower-cased by HTML to "
        "`py-onclick`) listens for an `onclick` event, which never happens, so the handler "
        "silently never runs (spec §3.7).",
        '<button py-onClick="go">Go</button>',
        "Drop the `on`: `py-click` (quick fix).",
    ),
    Rule(
        "PSC240",
        "unknown-event-env",
        Severity.ERROR,
        "A `py-env`/`mpy-env` attribute naming no interpreter.",
        "`<prefix>env` chooses the interpreter that handles the element's events; for "
        "PyScript the names are `py`, `py-script`, `pyodide` (and `mpy`, `mpy-script`, "
        "`micropython`), plus the `env` of raw pyodide/micropython scripts. Another name fails "
        'at event time with `The interpreter "…" was not found` (spec §3.7).',
        '<button py-click="go" py-env="main">Go</button>',
        "Remove the attribute or name an existing interpreter.",
        "The interpreter was not found",
    ),
    Rule(
        "PSC241",
        "not-a-pyscript-type",
        Severity.WARNING,
        "A `<script>` type that looks like Python but that PyScript does not run.",
        "PyScript runs `py`, `mpy`, `py-editor`, `mpy-editor`, `py-game` (and raw `pyodide`, "
        "`micropython`); `text/python`, `python`, `pyscript`, `py-repl`, `py-terminal` and "
        "similar types are not recognised, and the browser ignores the script: nothing runs "
        "(spec §3.1).",
        '<script type="text/python">print("hi")</script>',
        'Use `type="py"` (quick fix) or `type="mpy"`; `py-editor` for an editor, '
        '`type="py" terminal` for a terminal.',
    ),
    Rule(
        "PSC242",
        "py-script-child-elements",
        Severity.WARNING,
        "A `<py-script>` whose code the HTML parser turned into elements.",
        "In `<py-script>`, text such as `a<b` or `<div>` in a string is parsed as HTML; the "
        'runtime warns `Deprecated: use <script type="py"> for an always safe content '
        "parsing` and rebuilds the code from `innerHTML`, which does not always give back what "
        "was written (spec §3.2, §4.4).",
        '<py-script>\nif a<b:\n    print("less")\n</py-script>',
        'Use `<script type="py">`, whose content is never parsed as HTML (quick fix).',
        'Deprecated: use <script type="py"> for an always safe content parsing',
    ),
    Rule(
        "PSC243",
        "py-game-canvas-missing",
        Severity.ERROR,
        "A py-game script without the `<canvas>` it draws on.",
        'py-game draws on `document.getElementById(target || "canvas")`, which must be a '
        "`<canvas>`; without it the game cannot start (spec §3.6, §3.9).",
        '<script type="py-game" src="./game.py"></script>  (no <canvas id="canvas">)',
        'Add `<canvas id="canvas"></canvas>` (quick fix) or point `target` at your canvas id.',
    ),
    Rule(
        "PSC244",
        "async-value",
        Severity.WARNING,
        "An `async` attribute whose value does not do what it says.",
        'Since 2024.8.2 scripts are async by default and only `async="false"`, `"0"` or '
        '`"no"` (any case, nothing around it) make one synchronous: `async="off"` keeps it '
        'async. Before 2024.8.2 any `async` attribute, `"false"` included, made the script '
        "async (spec §3.2, §5.1).",
        '<script type="py" async="off" src="./main.py"></script>',
        'Write `async="false"` (quick fix), or remove the attribute for the default.',
    ),
    Rule(
        "PSC245",
        "editor-attribute-ignored",
        Severity.WARNING,
        "`terminal`, `worker`, `name` or `async` on a py-editor: editors ignore them.",
        "An editor always runs its code in a worker and shows its own output; these script "
        "attributes mean nothing there (spec §3.4, §3.5).",
        '<script type="py-editor" terminal>print(1)</script>',
        "Remove the attribute (quick fix).",
    ),
    Rule(
        "PSC246",
        "unknown-event-typo",
        Severity.WARNING,
        "An event attribute whose event name looks like a misspelt DOM event.",
        "`py-<event>` listens for exactly the event named after the last `-`; a misspelt name "
        "(`py-clik`) listens for an event that never fires (spec §3.7). Custom event names are "
        "fine, so only close matches of well-known events are reported.",
        '<button py-clik="go">Go</button>',
        "Use the suggested event name (quick fix).",
    ),
)

_LOADER: tuple[Rule, ...] = (
    Rule(
        "PSC250",
        "loader-dead-url",
        Severity.ERROR,
        "PyScript is loaded from a URL that no longer exists.",
        "`pyscript.net/latest/pyscript.js` (and `pyscript.css`) has returned 404 since "
        "December 2024, `/alpha/` and `/unstable/` are gone, and releases after 2023.05.1 have "
        "no `pyscript.js` (nor older ones a `core.js`): nothing of PyScript loads (spec §5.2, "
        "user pain §19).",
        '<script defer src="https://pyscript.net/latest/pyscript.js"></script>',
        'Load a pinned modern release: `<script type="module" '
        'src="https://pyscript.net/releases/2026.7.3/core.js"></script>` (quick fix); classic '
        "pages also need migrating (PSC6xx).",
    ),
    Rule(
        "PSC251",
        "core-js-not-module",
        Severity.ERROR,
        '`core.js` loaded without `type="module"`.',
        "`core.js` is an ES module; as a classic script the browser stops at its first "
        "`import` and nothing of PyScript runs (spec §5.2, user pain §19).",
        '<script src="https://pyscript.net/releases/2026.7.3/core.js"></script>',
        'Add `type="module"` (quick fix).',
    ),
    Rule(
        "PSC252",
        "classic-js-as-module",
        Severity.ERROR,
        'Classic `pyscript.js` loaded with `type="module"`.',
        "Classic releases ship a plain script meant for `<script defer>`; modern PyScript is "
        '`core.js` with `type="module"` — mixing the two forms breaks the page (user pain '
        "§19).",
        '<script type="module" src="https://pyscript.net/releases/2023.05.1/pyscript.js"></script>',
        "Load it with `defer` instead (quick fix), or move to `core.js`.",
    ),
    Rule(
        "PSC253",
        "pyscript-loaded-twice",
        Severity.ERROR,
        "Two different PyScript releases are loaded on one page.",
        "Each release defines the same custom types and elements; the second one fails to "
        "register them or runs the page's scripts with the wrong release (user pain §19).",
        '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>\n'
        '<script type="module" src="https://pyscript.net/releases/2024.1.1/core.js"></script>',
        "Keep one loader.",
    ),
    Rule(
        "PSC254",
        "loader-latest",
        Severity.WARNING,
        "PyScript is loaded from the unpinned `latest` channel.",
        "The runtime itself shows a banner: `Loading scripts from latest is deprecated and "
        "will be removed soon. Please use a specific version instead.` (spec §4.4); `latest` "
        "can change or disappear under the page (as `latest/pyscript.js` did).",
        '<script type="module" src="https://pyscript.net/latest/core.js"></script>',
        "Pin a release, e.g. `https://pyscript.net/releases/2026.7.3/core.js` (quick fix).",
        "Loading scripts from latest is deprecated",
    ),
    Rule(
        "PSC255",
        "css-js-release-mismatch",
        Severity.WARNING,
        "PyScript's CSS and JavaScript come from different releases.",
        "The stylesheet styles the elements its own release creates (terminal, editor, error "
        "banner); another release's CSS leaves them unstyled or mis-styled (user pain §19).",
        '<link rel="stylesheet" href="https://pyscript.net/releases/2024.1.1/core.css">\n'
        '<script type="module" src="https://pyscript.net/releases/2026.7.3/core.js"></script>',
        "Load the CSS of the same release (quick fix).",
    ),
)

_LOADER += (
    Rule(
        "PSC256",
        "offline-interpreter-missing",
        Severity.ERROR,
        "`offline` on the core.js tag, but the page has no local interpreter to load.",
        "With `offline` (since 2025.11.2) and no `interpreter` in the config, PyScript imports "
        "`./pyscript/pyodide/pyodide.mjs` (or `./pyscript/micropython/micropython.mjs`) "
        "relative to the page; when that file is missing the import fails (`Failed to fetch "
        "dynamically imported module`) and nothing runs (spec §3.2).",
        '<script type="module" offline src="https://pyscript.net/releases/2026.7.3/core.js">'
        "</script>  (no ./pyscript/pyodide/pyodide.mjs)",
        "Put the interpreter's files in `./pyscript/<interpreter>/`, set `interpreter` in the "
        "config, or remove `offline`.",
        "Failed to fetch dynamically imported module",
    ),
)

RULES: tuple[Rule, ...] = _DETECTION + _CONFLICTS + _HAZARDS + _SCRIPTS + _LOADER
