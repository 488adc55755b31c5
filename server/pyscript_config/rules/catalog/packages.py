"""Rules about `packages`, remote package configs and the interpreter settings (spec §1.1,
§1.1.3, §1.5, §1.8, §2.3, §6.1, Appendix D)."""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PSC400",
        "package-not-in-pyodide",
        Severity.WARNING,
        "A package the page's Pyodide does not list, so PyScript warns that it might not be "
        "supported.",
        "PyScript compares each entry (up to `==`, `>=` or `<=`) with the package list of the "
        "Pyodide version in use and prints `Pyodide <ver> might not support <entry>`. micropip "
        "then looks on PyPI, which only works for pure-Python wheels. The check is skipped when "
        "`index_urls` is set.",
        'packages = ["browser_cookie3"]',
        "Check the name on https://packages.pyscript.net; use the spelling Pyodide lists "
        "(quick fix when only case or `-`/`_` differ).",
        "Pyodide <ver> might not support",
    ),
    Rule(
        "PSC401",
        "package-rejected-by-pyodide",
        Severity.ERROR,
        "A package entry that PyScript 2025.10.1–2025.10.3 rejects before installing anything.",
        "In those releases the package check threw `These packages are not supported in "
        "Pyodide <ver>: ...` for any entry it did not find, compared case-sensitively, and for "
        "any pin other than the exact version Pyodide ships; nothing of that interpreter runs.",
        'packages = ["pillow"]   (Pyodide lists "Pillow")',
        "Use the exact name (and version) Pyodide lists, set `index_urls`, or upgrade PyScript.",
        "These packages are not supported in Pyodide",
    ),
    Rule(
        "PSC402",
        "package-not-in-pyodide-lock",
        Severity.HINT,
        "A package that the Pyodide version in use does not ship (older releases, no check).",
        "Releases before 2025.10.1 do not check names; micropip looks the package up on PyPI, "
        "which works only for pure-Python wheels.",
        'packages = ["some-c-extension"]',
        "Make sure PyPI has a pure-Python wheel for it.",
    ),
    Rule(
        "PSC403",
        "package-specifier-not-understood",
        Severity.WARNING,
        "A version specifier or extras that PyScript does not split from the name.",
        "PyScript only splits `==`, `>=` and `<=` off a package name: with `~=`, `>`, `<`, "
        "`!=`, spaces or `[extras]` its package check looks up the whole entry (`Pyodide <ver> "
        "might not support numpy>1.20`) and its package cache hands the unsplit text to "
        "`loadPyodide` on the next visit.",
        'packages = ["numpy>1.20", "pandas[performance]"]',
        "Use `==`, `>=` or `<=` without spaces, and no extras.",
        "Pyodide <ver> might not support",
    ),
    Rule(
        "PSC404",
        "invalid-requirement",
        Severity.ERROR,
        "A package entry that is not a valid requirement (PEP 508).",
        "micropip parses every name with `packaging`; an invalid one (`numpy=1.26`, a space in "
        "a name) raises `InvalidRequirement` and the whole install fails.",
        'packages = ["numpy=1.26"]',
        "Write `name`, `name==version` or `name>=version`.",
    ),
    Rule(
        "PSC405",
        "stdlib-package",
        Severity.ERROR,
        "A standard-library module listed as a package.",
        "Standard-library modules are always there; micropip looks the name up on PyPI, where it "
        "is either missing (the install fails and nothing runs) or an unrelated, outdated "
        "project.",
        'packages = ["asyncio", "json"]',
        "Remove it and just import the module.",
    ),
    Rule(
        "PSC406",
        "runtime-module-package",
        Severity.ERROR,
        "`pyodide`, `pyodide.*`, `pyscript` or `js` listed as a package.",
        "These modules come with the runtime; installing a PyPI project of that name fails or "
        "shadows the real module.",
        'packages = ["pyodide.http"]',
        "Remove it and import the module directly.",
    ),
    Rule(
        "PSC407",
        "micropip-package",
        Severity.WARNING,
        "`micropip` listed as a package.",
        "PyScript loads micropip itself to install the other packages; listing it does nothing.",
        'packages = ["micropip", "numpy"]',
        "Remove it.",
    ),
    Rule(
        "PSC408",
        "import-name-package",
        Severity.WARNING,
        "An import name listed instead of the package (distribution) name.",
        "`packages` takes the names you would give `pip install`: `sklearn` is imported from "
        "the package `scikit-learn`, `cv2` from `opencv-python`, `PIL` from `pillow`. The import "
        "name is usually not a package at all, or a different, outdated one.",
        'packages = ["sklearn"]',
        "Use the package name (quick fix).",
    ),
    Rule(
        "PSC409",
        "wheel-platform",
        Severity.ERROR,
        "A wheel built for a desktop platform.",
        "Only pure-Python wheels (`none-any`) and wheels built for Pyodide/Emscripten install in "
        "the browser; micropip rejects the others and the install fails.",
        'packages = ["./RPi.GPIO-0.7.0-cp39-cp39-linux_armv7l.whl"]',
        "Use a `py3-none-any` wheel or one built for Pyodide.",
    ),
    Rule(
        "PSC410",
        "not-a-wheel",
        Severity.ERROR,
        "A URL or `.whl` entry that micropip cannot read as a wheel.",
        "micropip installs URLs and `.whl` names as wheels and needs a PEP 427 file name "
        "(`name-version-python-abi-platform.whl`); anything else makes the install fail.",
        'packages = ["https://github.com/user/project"]',
        "Point at a built `.whl` file, or list the package by name.",
    ),
    Rule(
        "PSC411",
        "ulab-on-pyodide",
        Severity.ERROR,
        '`"ulab"` in a Pyodide config.',
        "`ulab` is MicroPython's numpy-like module; Pyodide cannot install it.",
        'packages = ["ulab"]   (in a py config)',
        'Use `numpy` with Pyodide, or run the script with MicroPython (`type="mpy"`).',
    ),
    Rule(
        "PSC412",
        "ulab-needs-newer-pyscript",
        Severity.ERROR,
        '`"ulab"` in a MicroPython config of a release before 2026.6.1.',
        'Before PyScript 2026.6.1 `"ulab"` was handed to `mip.install`, which cannot find it '
        "(the message goes to the console and the page goes on without ulab).",
        '<mpy-config>packages = ["ulab"]</mpy-config>   (PyScript 2026.3.1)',
        "Upgrade to PyScript 2026.6.1 or later.",
    ),
    Rule(
        "PSC413",
        "package-provided-by-py-game",
        Severity.HINT,
        "`pygame-ce` listed in a py-game config.",
        "py-game scripts always install `pygame-ce`; listing it again changes nothing.",
        '<script type="py-game" config=\'{"packages": ["pygame-ce"]}\'>',
        "Remove it.",
    ),
    Rule(
        "PSC414",
        "remote-package-duplicate-name",
        Severity.ERROR,
        "Two remote package configs with the same `name` (or both without one).",
        "PyScript records each package entry and each remote config's `name` while it expands "
        "remote packages, and throws `Error: Unable to process <name> @ <url>` on a repeat; "
        "nothing of that interpreter runs.",
        'packages = ["./a/config.toml", "./b/config.toml"]   (neither has a name)',
        "Give every remote package config a distinct `name`.",
        "Error: Unable to process",
    ),
    Rule(
        "PSC415",
        "remote-package-without-name",
        Severity.WARNING,
        "A remote package config without `name`.",
        "`name` identifies a remote package; without it a second unnamed package config makes "
        "PyScript throw `Unable to process undefined @ <url>`.",
        '# ./pkg/config.toml\n[files]\n"./mod.py" = ""',
        'Add `name = "<package>"`.',
    ),
    Rule(
        "PSC416",
        "remote-package-unsupported",
        Severity.ERROR,
        "A remote package config (`.toml`/`.json` entry) where the release does not expand it.",
        "Remote package configs are expanded since PyScript 2026.6.1, and in 2025.10.1–2026.3.1 "
        "only with `experimental_remote_packages = true`; otherwise (and always in py-game) the "
        "entry goes to micropip as a package and the install fails.",
        'packages = ["./pkg/config.toml"]   (PyScript 2025.8.1)',
        "Upgrade PyScript, or set `experimental_remote_packages = true` on 2025.10.1–2026.3.1.",
    ),
    Rule(
        "PSC417",
        "local-package-missing",
        Severity.WARNING,
        "A local wheel or remote package config that does not exist next to the config.",
        "PyScript fetches it relative to the config's URL when the interpreter starts and "
        "fails with `[404] Unable to fetch <url>`. (A warning: the file may be built or "
        "deployed separately.)",
        'packages = ["./dist/mylib-1.0-py3-none-any.whl"]   (not built yet)',
        "Build or add the file, or correct the path.",
        "[404] Unable to fetch",
    ),
    Rule(
        "PSC418",
        "remote-package-relative-url",
        Severity.ERROR,
        "A remote package config with `files` or `js_modules` listed by a URL the runtime "
        "cannot use as a base.",
        "PyScript rebases the config's `files`/`js_modules` keys with `new URL(key, entry)`, "
        "which needs an absolute entry: Pyodide only makes entries starting with `.` absolute, "
        "MicroPython none, so the expansion throws `TypeError: Invalid URL`.",
        '<mpy-config>packages = ["./pkg/config.toml"]</mpy-config>   (config with [files])',
        "Use an absolute URL for the entry (`https://…/pkg/config.toml`).",
        "TypeError: Invalid URL",
    ),
    Rule(
        "PSC430",
        "pyodide-only-key",
        Severity.WARNING,
        "A Pyodide-only setting in a MicroPython config.",
        "`packages_cache`, `index_urls` and `experimental_create_proxy` are read by the Pyodide "
        "engine only; MicroPython ignores them.",
        '<mpy-config>packages_cache = "never"</mpy-config>',
        "Remove it from the MicroPython config.",
    ),
    Rule(
        "PSC431",
        "key-ignored-here",
        Severity.WARNING,
        "A setting that has no effect in this kind of config.",
        "`sync_main_only` and `version` are read by workers only (a main config reaches the "
        "workers that have no `config` of their own), and `plugins` only by the main config.",
        "<py-config>sync_main_only = true</py-config>   (no worker inherits it)",
        "Move the setting to the config where it is read, or remove it.",
    ),
    Rule(
        "PSC432",
        "worker-version-key",
        Severity.ERROR,
        "A `version` key a worker takes as its interpreter version, which is not one.",
        "Worker configs read `version` as an alias of `interpreter` (and prefer it): classic "
        'metadata such as `version = "1.0"` makes the worker import '
        "`https://cdn.jsdelivr.net/pyodide/v1.0/full/pyodide.mjs`, which does not exist, and "
        "the worker never starts (confirmed in a browser).",
        '<script type="py" worker config=\'{"version": "1.0"}\'>',
        "Remove the key (or rename it); use `interpreter` to pin the interpreter.",
    ),
    Rule(
        "PSC433",
        "bare-interpreter-version",
        Severity.ERROR,
        "A bare version as `interpreter` in a main-thread or editor config.",
        "On the main thread and in editors PyScript resolves `interpreter` as a URL relative to "
        'the page, so `"0.29.0"` imports `<page folder>/0.29.0` and fails with `Failed to '
        "fetch dynamically imported module`; nothing runs (confirmed in a browser). Only worker "
        "configs map bare versions to the CDN.",
        'interpreter = "0.29.0"',
        "Use the full URL, e.g. `https://cdn.jsdelivr.net/pyodide/v0.29.0/full/pyodide.mjs` "
        "(quick fix).",
        "Failed to fetch dynamically imported module",
    ),
    Rule(
        "PSC434",
        "unknown-interpreter-version",
        Severity.ERROR,
        "An interpreter version that was never published.",
        "The CDN has no such Pyodide/MicroPython build, so the import fails and nothing runs.",
        'interpreter = "0.29.9"   (in a worker config)',
        "Use a published version (the message names the closest ones).",
        "Failed to fetch dynamically imported module",
    ),
    Rule(
        "PSC435",
        "interpreter-not-module",
        Severity.ERROR,
        "An `interpreter` URL that is not the interpreter's ES module.",
        "PyScript imports the URL with `import()` and needs `pyodide.mjs` (or "
        "`micropython.mjs`): the classic `pyodide.js` has no exports to use, and the other "
        "interpreter's module starts the wrong engine.",
        'interpreter = "https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.js"',
        "Point at `pyodide.mjs` / `micropython.mjs` (quick fix for `pyodide.js`).",
    ),
    Rule(
        "PSC436",
        "interpreter-overridden-by-main",
        Severity.ERROR,
        "A worker config's `interpreter`/`version` that the main config's `interpreter` overrides.",
        "When the main config sets `interpreter`, every worker of that interpreter uses it and "
        "the worker's own value is silently ignored (confirmed in a browser): the worker runs "
        "another interpreter version than the one it pins.",
        'main: interpreter = ".../v0.29.3/..."; worker: interpreter = ".../v0.27.7/..."',
        "Remove the worker's value, or pin the interpreter only in the main config.",
    ),
    Rule(
        "PSC437",
        "ffi-timeout-not-safe-integer",
        Severity.ERROR,
        "`experimental_ffi_timeout` outside JavaScript's safe integers.",
        "PyScript applies the value only when `Number.isSafeInteger` accepts it; anything "
        "beyond ±(2^53 - 1) is silently ignored.",
        "experimental_ffi_timeout = 9007199254740993",
        "Use a smaller whole number of milliseconds.",
    ),
    Rule(
        "PSC438",
        "interpreter-url-unrecognised",
        Severity.WARNING,
        "An `interpreter` URL that does not end in `pyodide.mjs` or `micropython.mjs`.",
        "PyScript imports the URL as an ES module and expects the interpreter's own entry "
        "module there; other URLs usually fail to load.",
        'interpreter = "https://cdn.jsdelivr.net/pyodide/v0.29.3/full/"',
        "Point at the interpreter's `.mjs` file.",
    ),
    Rule(
        "PSC439",
        "interpreter-ignored-for-version",
        Severity.WARNING,
        "A worker config with both `version` and `interpreter`.",
        "Worker configs prefer `version` over `interpreter`, so the `interpreter` value is "
        "ignored.",
        'version = "0.29.3"\ninterpreter = "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.mjs"',
        "Keep only `interpreter`.",
    ),
    Rule(
        "PSC440",
        "bare-interpreter-version-file",
        Severity.WARNING,
        "A bare version as `interpreter` in a config file checked without a page.",
        "A bare version only works in worker configs; a page that uses this file for its main "
        "thread or an editor imports `<page folder>/<version>` and fails.",
        'interpreter = "0.29.0"   (pyscript.toml)',
        "Use the full URL of `pyodide.mjs` / `micropython.mjs` (quick fix).",
    ),
    Rule(
        "PSC441",
        "interpreter-version-unknown-to-us",
        Severity.WARNING,
        "An interpreter version newer than the versions this tool knows.",
        "It may be a new release; if it was never published the import fails.",
        'interpreter = "314.9.0"   (in a worker config)',
        "Check that the version exists on the CDN.",
    ),
    Rule(
        "PSC442",
        "worker-config-not-in-pyscript-config",
        Severity.ERROR,
        "A worker config key that does not reach the worker because the main config sets "
        "`interpreter`.",
        "With an `interpreter` in the main config, the worker resolves its own config inside the "
        "worker: `packages`, `files`, `fetch` and `js_modules` are applied, but "
        "`pyscript.config` there is empty, so custom keys, `sync_main_only` and "
        "`experimental_ffi_timeout` are silently lost (confirmed in a browser).",
        'main: interpreter = "https://…/pyodide.mjs"; worker.toml: greeting = "hello"',
        "Move the setting to the main config, or pin the interpreter in the worker config "
        "instead of the main one.",
    ),
    Rule(
        "PSC443",
        "worker-inline-config-replaced",
        Severity.ERROR,
        "An inline worker config that the worker never sees, because the main config is a "
        "file that sets `interpreter`.",
        "The worker then resolves its config itself against the main config's URL and loads "
        "that file instead of the inline text (confirmed in a browser).",
        '<script type="py" config="./pyscript.toml"> (with interpreter) + '
        '<script type="py" worker config=\'greeting = "worker"\'>',
        "Put the worker's config in its own .toml/.json file.",
    ),
)
