"""What PyScript's elements and attributes mean: the words completion and hover use.

A small table of our own, written from the PyScript runtime spec (§3: script types,
elements, attributes, events). Each entry says which elements it belongs on.
"""

from __future__ import annotations

from dataclasses import dataclass

SPEC = "PyScript runtime spec"

# Which elements an attribute is meaningful on.
SCRIPT = "script"  # <script type="py|mpy"> and <py-script>/<mpy-script>
CONFIG = "config-element"  # <py-config>/<mpy-config>
EDITOR = "editor"  # <script type="py-editor|mpy-editor">
GAME = "game"  # <script type="py-game">
RAW = "raw"  # <script type="pyodide|micropython">


@dataclass(frozen=True, slots=True)
class Doc:
    name: str
    summary: str  # one line, for completion details
    text: str  # Markdown, for hover and completion documentation
    section: str  # spec section
    on: tuple[str, ...] = ()
    boolean: bool = False  # written without a value
    values: tuple[tuple[str, str], ...] = ()  # suggested values and what they mean
    files: tuple[str, ...] = ()  # a path attribute: the file suffixes worth suggesting


ELEMENTS: dict[str, Doc] = {
    "py-config": Doc(
        "py-config",
        "The page's main Pyodide config (TOML or JSON, inline or from src).",
        "The main config of every Pyodide (`py`) script on the page. Inline TOML (or JSON "
        'when the text is `{...}` or `type="json"`), or a `.toml`/`.json` file named by '
        "`src` (which wins over the inline text). At most one per page, and not together "
        "with a `config` attribute on a non-worker `py` script.",
        "§2.1, §3.3",
    ),
    "mpy-config": Doc(
        "mpy-config",
        "The page's main MicroPython config.",
        "Like `<py-config>`, for MicroPython (`mpy`) scripts. At most one per page.",
        "§2.1, §3.3",
    ),
    "py-script": Doc(
        "py-script",
        'Python (Pyodide) code as an element; prefer <script type="py">.',
        'Runs its text as Python with Pyodide, like `<script type="py">`, and takes the same '
        "attributes. Its content goes through the HTML parser first, so `<` and `&` in the "
        'code can be mangled: `<script type="py">` is always safe.',
        "§3.1, §3.2",
    ),
    "mpy-script": Doc(
        "mpy-script",
        'Python (MicroPython) code as an element; prefer <script type="mpy">.',
        'Runs its text with MicroPython, like `<script type="mpy">`.',
        "§3.1, §3.2",
    ),
}

SCRIPT_TYPES: tuple[tuple[str, str], ...] = (
    ("py", "Python with Pyodide, configured by the page's main config (or its own in a worker)."),
    ("mpy", "Python with MicroPython."),
    ("py-editor", "An interactive Pyodide editor; its code always runs in a worker."),
    ("mpy-editor", "An interactive MicroPython editor."),
    ("py-game", "Experimental: a pygame-ce game on a canvas (Pyodide, main thread)."),
    ("pyodide", "Raw polyscript Pyodide: no `pyscript` module, no <py-config>."),
    ("micropython", "Raw polyscript MicroPython."),
)

ATTRIBUTES: dict[str, Doc] = {
    "type": Doc(
        "type",
        "Which interpreter runs the script (py, mpy, py-editor, ...).",
        "PyScript handles `<script>` elements by their `type`: `py` (Pyodide) and `mpy` "
        "(MicroPython) scripts, `py-editor`/`mpy-editor`, `py-game`, and raw polyscript "
        "`pyodide`/`micropython`. Other values (`python`, `text/python`) are not PyScript.",
        "§3.1",
        on=(SCRIPT,),
        values=SCRIPT_TYPES,
    ),
    "config": Doc(
        "config",
        "The script's config: inline TOML/JSON, or a .toml/.json URL.",
        "On a main-thread script it only takes part in choosing the page's single main config "
        "(all such attributes of one type must be identical, and there must be no "
        "`<py-config>`); in a worker it is the worker's own config; editors and py-game read "
        "their own. Text ending in `.<word>` is taken for a URL, and only `.toml`/`.json` "
        "are accepted.",
        "§2.1–§2.5, §3.2",
        on=(SCRIPT, EDITOR, GAME, RAW),
        files=(".toml", ".json"),
    ),
    "src": Doc(
        "src",
        "URL of the code (scripts) or of the config file (<py-config>).",
        "On a script: the Python file to run (with `src`, inline code must be empty). On "
        "`<py-config>`: the `.toml`/`.json` config file, which wins over inline text.",
        "§3.2, §3.3",
        on=(SCRIPT, CONFIG, EDITOR, GAME, RAW),
        files=(".py",),
    ),
    "worker": Doc(
        "worker",
        "Run the script in a web worker (write it without a value).",
        'Runs the script in a web worker. It must have no value: `worker="./w.py"` fails '
        "with `Invalid worker attribute`. A worker without `config` inherits the main config.",
        "§2.3, §3.2",
        on=(SCRIPT, RAW),
        boolean=True,
    ),
    "name": Doc(
        "name",
        "Name of a worker, for `pyscript.workers[name]`.",
        "Registers a named worker: `from pyscript import workers; w = await "
        'workers["name"]`. Only meaningful together with `worker`.',
        "§3.2",
        on=(SCRIPT, RAW),
    ),
    "terminal": Doc(
        "terminal",
        "Show an XTerm.js terminal for the script's output (and input in a worker).",
        "Adds a terminal. At most one terminal without `worker` per page; `input()` needs "
        "`worker`.",
        "§3.4",
        on=(SCRIPT,),
        boolean=True,
    ),
    "target": Doc(
        "target",
        "Id or CSS selector of the element where display() writes.",
        "Where `display()` output (or the terminal) goes: an element id, then a CSS selector. "
        "On the main thread a target that does not exist stops the script.",
        "§3.2, §3.6",
        on=(SCRIPT, EDITOR, GAME, RAW),
    ),
    "async": Doc(
        "async",
        'Top-level await (the default); async="false" runs synchronously.',
        'Scripts run asynchronously by default (top-level `await` allowed). `async="false"`, '
        '`"0"` or `"no"` run them synchronously.',
        "§3.2",
        on=(SCRIPT, RAW),
        values=(("false", "Run synchronously."),),
    ),
    "service-worker": Doc(
        "service-worker",
        "Same-origin URL of a service worker that enables sync calls without SharedArrayBuffer.",
        "URL of a sabayon/mini-coi service worker, the fallback for synchronous calls from a "
        "worker when the page is not cross-origin isolated. Needs `worker`.",
        "§3.2",
        on=(SCRIPT, EDITOR, RAW),
        files=(".js",),
    ),
    "config-parser": Doc(
        "config-parser",
        "URL of an ES module that parses TOML configs (parse/default export).",
        "A custom TOML parser: the module's `parse` (or default export) is called "
        "synchronously with the config text. On `<py-config>` or the first config-carrying "
        "script only.",
        "§2.1, §3.3",
        on=(CONFIG, SCRIPT),
        files=(".js", ".mjs"),
    ),
    "env": Doc(
        "env",
        "Editors: share one interpreter between editors with the same env.",
        "Editors of the same type and `env` share an interpreter and its globals. Ignored on "
        "`py`/`mpy` scripts.",
        "§3.5",
        on=(EDITOR, RAW),
    ),
    "setup": Doc(
        "setup",
        "Editors: a hidden editor whose code runs at once in its env.",
        "A setup editor has no UI; its code runs immediately in its env.",
        "§3.5",
        on=(EDITOR,),
        boolean=True,
    ),
}

CONFIG_TYPES = (("toml", "Force the TOML parser."), ("json", "Force JSON.parse."))
CONFIG_ELEMENT_ATTRIBUTES = ("src", "type", "config-parser")

EVENTS = (
    "click",
    "dblclick",
    "input",
    "change",
    "submit",
    "keydown",
    "keyup",
    "focus",
    "blur",
    "mouseover",
    "mouseout",
    "pointerdown",
    "pointerup",
)
EVENT_PREFIXES = (("py-", "Pyodide"), ("mpy-", "MicroPython"))


def event_doc(name: str) -> Doc | None:
    """`py-click` and friends: a handler name the interpreter calls with the event."""
    for prefix, interpreter in (
        *EVENT_PREFIXES,
        ("pyodide-", "raw Pyodide"),
        ("micropython-", "raw MicroPython"),
    ):
        if name.startswith(prefix) and len(name) > len(prefix):
            event = name.rsplit("-", 1)[-1]
            if event == "env":
                return None
            return Doc(
                name,
                f"{interpreter} handler for the `{event}` event.",
                f"Calls the {interpreter} global function (or dotted path) named in the value "
                f'with the `{event}` event, e.g. `{prefix}{event}="handler"` and '
                "`def handler(event): ...`. The value is a name, never code: "
                f'`{prefix}{event}="handler()"` fails when the event fires. The event is the '
                "text after the last `-`.",
                "§3.7",
            )
    return None


def element_kind(tag: str, script_type: str | None) -> str | None:
    """Which attribute set applies to an element."""
    if tag in ("py-config", "mpy-config"):
        return CONFIG
    if tag in ("py-script", "mpy-script"):
        return SCRIPT
    if tag != "script":
        return None
    kind = (script_type or "").strip().lower()
    if kind in ("py", "mpy"):
        return SCRIPT
    if kind in ("py-editor", "mpy-editor"):
        return EDITOR
    if kind == "py-game":
        return GAME
    if kind in ("pyodide", "micropython"):
        return RAW
    return None


def markdown(doc: Doc) -> str:
    return f"**{doc.name}** — {doc.text}\n\n_{SPEC} {doc.section}_"
