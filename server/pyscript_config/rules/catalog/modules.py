"""Rules about `js_modules` and `plugins` (spec §1.4, §1.6, §4.1)."""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PSC500",
        "js-module-name-not-identifier",
        Severity.ERROR,
        "A `js_modules` name that is not a Python identifier.",
        "The name becomes `pyscript.js_modules.<name>`; `from pyscript.js_modules import <name>` "
        "only works when it is a valid identifier (no `-`, `.` or leading digit, not a keyword).",
        '[js_modules.main]\n"https://esm.run/leaflet" = "leaflet-src"',
        "Use an identifier such as `leaflet_src` (quick fix; update your imports too).",
    ),
    Rule(
        "PSC501",
        "css-in-worker-modules",
        Severity.ERROR,
        "A stylesheet listed under `js_modules.worker`.",
        "Workers have no page to style: PyScript imports every `worker` entry as JavaScript, "
        "the CSS file fails to import and the worker does not start.",
        '[js_modules.worker]\n"https://cdn.x/leaflet.css" = "leaflet"',
        "Move the stylesheet to `js_modules.main`.",
    ),
    Rule(
        "PSC502",
        "css-without-js-module",
        Severity.WARNING,
        "A stylesheet in `js_modules.main` whose name matches no JavaScript module.",
        "PyScript adds `.css` entries to the page as stylesheets; the documented pattern gives "
        "the stylesheet the same name as the module it belongs to, so a name no module uses "
        "is usually a typo.",
        '[js_modules.main]\n"https://x/leaflet.js" = "leaflet"\n"https://x/leaflet.css" = "leafet"',
        "Give the stylesheet the name of its JavaScript module.",
    ),
    Rule(
        "PSC503",
        "plugin-entry-ignored",
        Severity.WARNING,
        "A `plugins` entry that is not `!<built-in plugin>`, so PyScript ignores it.",
        "PyScript only looks for `!codemirror`, `!deprecations-manager`, `!donkey`, `!error`, "
        "`!py-editor`, `!py-game` and `!py-terminal` in `plugins`; other entries (custom "
        "plugin names, URLs, misspelt names) do nothing. Custom plugins are JavaScript modules "
        "using `hooks`.",
        'plugins = ["!py_terminal", "my_plugin"]',
        "Write `!` and the built-in name (quick fix for close matches), or remove the entry.",
    ),
    Rule(
        "PSC504",
        "plugins-string",
        Severity.WARNING,
        "`plugins` written as a string instead of an array.",
        'PyScript tests `plugins.includes("!<name>")`; on a string that is a substring '
        "test, which happens to work, but any other value type stops start-up with "
        "`TypeError: … plugins?.includes is not a function`.",
        'plugins = "!error"',
        'Write an array: `plugins = ["!error"]` (quick fix).',
    ),
    Rule(
        "PSC505",
        "plugin-disabled-but-used",
        Severity.WARNING,
        "A built-in plugin is turned off while the page uses what it provides.",
        "`!py-editor`, `!py-terminal` and `!py-game` turn off the editor, the `terminal` "
        'attribute and `type="py-game"`: the elements that need them silently do nothing.',
        'plugins = ["!py-editor"]   with a <script type="py-editor"> on the page',
        "Remove the entry, or the elements that need the plugin.",
    ),
    Rule(
        "PSC506",
        "worker-modules-without-worker",
        Severity.ERROR,
        "`js_modules.worker` in a main-thread config that no worker inherits.",
        "`worker` modules are imported only inside workers; a main config reaches the workers "
        "that have no `config` of their own, and here there are none, so the modules never "
        "load and importing them fails.",
        '<py-config>\n[js_modules.worker]\n"./lib.js" = "lib"\n</py-config>   (no worker)',
        "Use `js_modules.main` for the page, or give the worker's own config the modules.",
    ),
    Rule(
        "PSC507",
        "js-module-missing",
        Severity.WARNING,
        "A relative `js_modules` URL with no such file next to the config.",
        "PyScript imports it relative to the config's URL when the interpreter starts; a missing "
        "module fails the import and nothing of that interpreter runs. (A warning: the file may "
        "be built or deployed separately.)",
        '[js_modules.main]\n"./lib.js" = "lib"   (no lib.js)',
        "Add the file or correct the path.",
    ),
)
