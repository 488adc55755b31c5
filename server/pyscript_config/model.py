"""The PyScript config model: every key the runtime reads, its type and its documentation.

This module is the authoring source of truth. `schema.py` turns it into the JSON Schema
that the rest of the tool (and taplo, tombi, VS Code, check-jsonschema) reads at run time,
so nothing on the `validate` path imports this module or pydantic.

Facts come from the ground-truth spec (PyScript 2026.7.3 = @pyscript/core 0.7.31): the key
table in §1, the release timeline in §5.1 and the classic migration map in §5.2.
Documentation is written for users: what a key does, its shape with a TOML example, and the
pitfalls that actually bite, quoting the runtime's own error text where there is one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, WithJsonSchema, field_validator, model_validator

from .regions import Interpreter, Pipeline

TARGET_RELEASE = "2026.7.3"
DOCS_PAGE = f"https://docs.pyscript.net/{TARGET_RELEASE}/user-guide/configuration/"
# JavaScript's Number.MAX_SAFE_INTEGER: `experimental_ffi_timeout` must pass Number.isSafeInteger.
MAX_SAFE_INTEGER = 2**53 - 1
_CODE_SPAN = re.compile(r"`([^`]*)`")

PY = Interpreter.PY
MPY = Interpreter.MPY
BOTH = (PY, MPY)

MAIN = Pipeline.MAIN
WORKER = Pipeline.WORKER
EDITOR = Pipeline.EDITOR
GAME = Pipeline.GAME
POLYSCRIPT = Pipeline.POLYSCRIPT
STANDALONE = Pipeline.STANDALONE
REMOTE = Pipeline.REMOTE_PACKAGE
# A standalone pyscript.toml/json may end up as a main or a worker config: every key that
# works in either is listed for `standalone` too.
ENGINE = (MAIN, WORKER, EDITOR, POLYSCRIPT, STANDALONE)  # keys read by polyscript's engines


def docs_url(anchor: str | None) -> str:
    """Link into the configuration page of the docs (the page itself when there is no anchor)."""
    return DOCS_PAGE + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True)
class ValueInfo:
    """Documentation of one well-known value of a key (an enum member or a plugin name)."""

    description: str  # Markdown; backticks are dropped for the plain-text variant
    since: str | None = None


@dataclass(frozen=True)
class KeyInfo:
    """Everything we know about one key, independent of any schema dialect.

    `summary` is one sentence (it becomes the plain `description`); `body` is the rest of
    the Markdown documentation (shape, TOML example, pitfalls).
    """

    name: str
    summary: str
    body: str
    anchor: str | None
    interpreters: tuple[Interpreter, ...]
    pipelines: tuple[Pipeline, ...]
    since: str
    removed: str | None = None
    reserved: bool = False
    legacy: bool = False
    runtime_note: str | None = None
    deprecation: str | None = None  # set: the key is deprecated, with this message
    values: Mapping[str, ValueInfo] = field(default_factory=dict)
    interpreter_since: Mapping[Interpreter, str] = field(default_factory=dict)
    default: Any = None  # the runtime's documented default, when it has a JSON value

    @property
    def docs(self) -> str:
        return docs_url(self.anchor)

    def markdown(self) -> str:
        parts = [self.summary, self.body.strip()]
        parts.append(f"[PyScript documentation]({self.docs})")
        return "\n\n".join(p for p in parts if p)

    def x_pyscript(self) -> dict[str, Any]:
        """Machine-readable facts for our rules, completion and hover (absent = false/none)."""
        out: dict[str, Any] = {
            "docs": self.docs,
            "interpreters": [i.value for i in _ordered(self.interpreters, Interpreter)],
            "pipelines": [p.value for p in _ordered(self.pipelines, Pipeline)],
            "since": self.since,
        }
        if self.interpreter_since:
            out["interpreter_since"] = {i.value: v for i, v in self.interpreter_since.items()}
        if self.removed:
            out["removed"] = self.removed
        if self.reserved:
            out["reserved"] = True
        if self.legacy:
            out["legacy"] = True
        if self.runtime_note:
            out["runtime_note"] = self.runtime_note
        if self.values:
            out["values"] = {
                value: {"description": info.description}
                | ({"since": info.since} if info.since else {})
                for value, info in self.values.items()
            }
        return out

    def schema_extra(self) -> dict[str, Any]:
        extra: dict[str, Any] = {"markdownDescription": self.markdown()}
        if self.deprecation:
            extra["deprecated"] = True
            extra["deprecationMessage"] = plain(self.deprecation)  # editors show it as text
        if self.default is not None:
            extra["default"] = self.default
        extra["x-pyscript"] = self.x_pyscript()
        return extra


def _ordered(items: tuple[Any, ...], enum: Any) -> list[Any]:
    return [member for member in enum if member in items]


def plain(text: str) -> str:
    """The plain-text form of a one-line Markdown sentence (for `description`).

    Code spans become quoted words, so that "fetched from `from`" stays readable.
    """
    return _CODE_SPAN.sub(lambda m: m[1] if '"' in m[1] else f'"{m[1]}"', text)


def key(info: KeyInfo) -> Any:
    """A pydantic field carrying `info` (optional: no key is required by PyScript)."""
    return Field(
        default=None, description=plain(info.summary), json_schema_extra=info.schema_extra()
    )


def subkey(summary: str, body: str = "", anchor: str | None = None, **kwargs: Any) -> Any:
    """A documented field inside a table (fetch entries, js_modules threads)."""
    markdown = "\n\n".join(p for p in (summary, body.strip()) if p)
    markdown += f"\n\n[PyScript documentation]({docs_url(anchor)})"
    return Field(
        default=None,
        description=plain(summary),
        json_schema_extra={"markdownDescription": markdown},
        **kwargs,
    )


# ---------------------------------------------------------------------------------------
# Key documentation
# ---------------------------------------------------------------------------------------

PACKAGES = KeyInfo(
    name="packages",
    summary="Python packages to install before any of your code runs.",
    body="""
An array of strings. With Pyodide each entry is a PyPI name, optionally pinned with `==`,
`>=` or `<=`, a wheel URL or path, an `emfs://` path, or the URL of a remote package config
ending in `.toml` or `.json`. With MicroPython entries are installed by `mip` from
micropython-lib, `.whl` URLs are unzipped, and `"ulab"` selects the ulab build.

```toml
packages = ["numpy", "pandas>=2", "https://example.com/my_pkg/config.toml"]
```

- It must be an array: `packages = "numpy"` stops start-up with
  `TypeError: packages.map is not a function` and nothing runs.
- Pyodide only understands `==`, `>=` and `<=` when it checks a name against its package
  list: `numpy>1`, `numpy~=1.2` or `pandas[all]` give a *might not support* warning
  (PyScript 2025.10.1–2025.10.3 threw an error instead).
- Entries starting with `./` or `../` are resolved against the config's URL, not the page.
""",
    anchor="packages",
    interpreters=BOTH,
    pipelines=(*ENGINE, GAME, REMOTE),
    since="2023.11.1",
    runtime_note=(
        'A value that is not an array (`packages = "numpy"`) → '
        "`TypeError: packages.map is not a function` (unhandled rejection; nothing runs)."
    ),
)

FILES = KeyInfo(
    name="files",
    summary=(
        "Files to fetch onto the interpreter's virtual filesystem before your code runs, "
        "as a table of `source URL = destination path`."
    ),
    body="""
```toml
[files]
"{DOMAIN}" = "https://example.com/lib"
"{DOMAIN}/utils.py" = "./lib/"
"./data.csv" = ""
"./assets.zip" = "./assets/*"
```

- An empty destination means `./<file name>`; a destination ending in `/` gets the file
  name appended.
- `{NAME}` placeholders: a key that is only `{NAME}` defines one. A placeholder must be
  defined *before* (above) its first use, otherwise `SyntaxError: Invalid template: {NAME}`.
  Keep the entries in order.
- Destinations must be unique (`SyntaxError: Duplicated destination: …`), except archive
  targets ending in `/*`.
- An archive is unpacked only when the destination ends in `/*` and the source ends in
  `.zip`, `.whl`, `.tgz`, `.tar` or `.tar.gz` exactly (no `?query`); MicroPython does not
  unpack plain `.tar`.
- Relative sources are resolved against the config's URL.
""",
    anchor="files",
    interpreters=BOTH,
    pipelines=(*ENGINE, GAME, REMOTE),
    since="2023.11.1",
    runtime_note=(
        'An array (`files = ["a.py"]`) is read as `{"0": "a.py"}` and fetches `<base>/0` '
        "→ `[404] Unable to fetch …/0`; a destination that is not a string → `TypeError` "
        "from `.replace`."
    ),
)

FETCH = KeyInfo(
    name="fetch",
    summary=(
        "Legacy list of files to fetch (`[[fetch]]` tables): it still works, but `files` "
        "replaces it."
    ),
    body="""
Each entry takes `from` (base URL, default `""`), `to_folder` (default `"."`), and either
`files` (names appended to both) or `to_file` (the name for a single `from` URL).

```toml
[[fetch]]
from = "https://example.com/src/"
files = ["utils.py", "models.py"]
to_folder = "lib"
```

The same in `[files]`: `"https://example.com/src/utils.py" = "lib/utils.py"` (use
`{FROM}`/`{TO}` placeholders for many files). `fetch` has no archive unpacking and no
placeholders.

- `to_file` together with `files` → `Error: Cannot use 'to_file' and 'files' parameters together!`
- A `from` ending in `/` without `files` or `to_file` → `Error: Couldn't determine the
  filename from the path …, please supply 'to_file' parameter.`
""",
    anchor="files",
    interpreters=BOTH,
    pipelines=(*ENGINE, GAME),
    since="2023.11.1",
    legacy=True,
    deprecation=(
        "`fetch` is the classic way to fetch files; it still works, but use `[files]` "
        '(`"<from>/<file>" = "<to_folder>/<file>"`) instead.'
    ),
    runtime_note=(
        "`to_file` with `files` → `Error: Cannot use 'to_file' and 'files' parameters together!`; "
        "`from` ending in `/` without `files`/`to_file` → `Error: Couldn't determine the filename "
        "from the path …, please supply 'to_file' parameter.`"
    ),
)

JS_MODULES = KeyInfo(
    name="js_modules",
    summary=(
        "JavaScript modules to import, per thread: `main` for the page and `worker` for "
        "workers, each a table of `module URL = name`."
    ),
    body="""
```toml
[js_modules.main]
"https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet-src.esm.js" = "leaflet"
"https://cdn.jsdelivr.net/npm/leaflet@1.9.4/dist/leaflet.css" = "leaflet"
```

- The name becomes `pyscript.js_modules.<name>`: make it a valid Python identifier so that
  `from pyscript.js_modules import <name>` works.
- In `main`, URLs ending in `.css` are added to the page as stylesheets; give the CSS the
  same name as its JavaScript module. In `worker`, CSS is imported as JavaScript and fails.
- `worker` modules load only in workers. `main` modules used from a worker are proxied to
  the page, which needs SharedArrayBuffer (or the service-worker fallback).
- Write `[js_modules.main]` as a table: since PyScript 2026.2.1 the main thread's TOML
  reader rejects inline tables with quoted keys, and a dotted key such as
  `js_modules.main."https://…" = "x"` silently becomes one flat key that loads nothing.
""",
    anchor="javascript-modules",
    interpreters=BOTH,
    pipelines=(*ENGINE, GAME, REMOTE),
    since="2023.12.1",
)

INTERPRETER = KeyInfo(
    name="interpreter",
    summary="Pins the interpreter: a version, or the URL of `pyodide.mjs` / `micropython.mjs`.",
    body="""
```toml
interpreter = "https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.mjs"
```

- On the main thread and in editors every value is resolved as a URL relative to the page:
  a bare version such as `"0.29.3"` loads `<page folder>/0.29.3` and fails with
  `Failed to fetch dynamically imported module`. Use the full URL there.
- A bare version is mapped to the CDN only in worker configs, and only when the main config
  has no `interpreter` (a main `interpreter` also wins over the worker's).
- Pyodide URLs must point at the ES module `pyodide.mjs`, not the classic `pyodide.js`. A
  self-hosted MicroPython needs `micropython.wasm` (and the `-settrace`/`-ulab` variants when
  `debug` or `"ulab"` is used) next to `micropython.mjs`.
""",
    anchor="interpreter",
    interpreters=BOTH,
    pipelines=(MAIN, WORKER, EDITOR, STANDALONE),
    since="2023.11.1",
    runtime_note=(
        "A bare version on the main thread or in an editor is imported as "
        "`<page folder>/<version>` → `TypeError: Failed to fetch dynamically imported module` "
        "(unhandled rejection; nothing runs)."
    ),
)

VERSION = KeyInfo(
    name="version",
    summary=(
        "Undocumented alias of `interpreter` that only worker configs read, and there it "
        "wins over `interpreter`."
    ),
    body="""
Classic PyScript used `version` as app metadata (`version = "1.0"`). In a worker config such
a value is taken as the interpreter version: the worker imports
`https://cdn.jsdelivr.net/pyodide/v1.0/full/pyodide.mjs`, which does not exist, and never
starts. The key is ignored on the main thread and whenever the main config sets
`interpreter`. Prefer `interpreter`, and remove classic metadata.
""",
    anchor="interpreter",
    interpreters=BOTH,
    pipelines=(WORKER, STANDALONE),
    since="2024.9.1",
    runtime_note=(
        '`version = "1.0"` (classic metadata) in a worker config → the worker imports a '
        "non-existent interpreter and never starts."
    ),
)

PLUGIN_NAMES: dict[str, ValueInfo] = {
    "!codemirror": ValueInfo(
        "Turn off the built-in `codemirror` plugin (CodeMirror, the code editor behind "
        "`py-editor`).",
        since="2024.11.1",
    ),
    "!deprecations-manager": ValueInfo(
        "Turn off the built-in `deprecations-manager` plugin (notices about deprecated usage)."
    ),
    "!donkey": ValueInfo("Turn off the built-in `donkey` plugin.", since="2024.10.1"),
    "!error": ValueInfo(
        "Errors are no longer shown on the page; they still go to the console. "
        "Before PyScript 2024.10.2 this skipped the error plugin altogether.",
        since="2023.11.1",
    ),
    "!py-editor": ValueInfo(
        'Turn off `<script type="py-editor">` / `mpy-editor`: such scripts then silently do '
        "nothing.",
        since="2023.12.1",
    ),
    "!py-game": ValueInfo(
        'Turn off `<script type="py-game">`: such scripts then silently do nothing.',
        since="2025.2.1",
    ),
    "!py-terminal": ValueInfo(
        "Turn off the `terminal` attribute: no terminal is created, silently.",
        since="2023.11.1",
    ),
}

PLUGINS = KeyInfo(
    name="plugins",
    summary='Turns off built-in plugins: only entries of the form `"!<name>"` have an effect.',
    body="""
```toml
plugins = ["!error"]
```

- The built-in names are `codemirror`, `deprecations-manager`, `donkey`, `error`,
  `py-editor`, `py-game` and `py-terminal`. Any other entry (such as the docs'
  `"custom_plugin"`, or a classic plugin URL) is ignored: custom plugins are JavaScript
  modules using `hooks`.
- Only the main config's `plugins` count (not workers or editors).
- Use an array. A bare string happens to work; a number, boolean or table stops start-up
  with `TypeError: parsed?.plugins?.includes is not a function`.
""",
    anchor="plugins",
    interpreters=BOTH,
    pipelines=(MAIN, STANDALONE),
    since="2023.11.1",
    values=PLUGIN_NAMES,
    runtime_note=(
        "A number, boolean or table → `TypeError: parsed?.plugins?.includes is not a function` "
        "(unhandled rejection); no script of that type runs."
    ),
)

PACKAGES_CACHE = KeyInfo(
    name="packages_cache",
    summary="How Pyodide caches installed packages between visits (in IndexedDB).",
    body="""
```toml
packages_cache = "never"
```

Without this key (or with any other value) packages are cached. Pyodide only: MicroPython
ignores it. Pyodide 0.28.0 never caches. From polyscript 0.20.18 (the PyScript 2026.7.3 lock
file, not the npm 0.7.31 bundle) local wheels in `packages` turn the cache off unless the
value is `"all"`.
""",
    anchor="package-cache",
    interpreters=(PY,),
    pipelines=ENGINE,
    since="2024.10.1",
    values={
        "never": ValueInfo(
            "Clear the cache and never write it: packages are installed again on every load.",
            since="2024.10.1",
        ),
        "passthrough": ValueInfo(
            "Clear the cache and hand the list to `loadPyodide({packages})` instead of micropip: "
            "packages load in parallel and are not cached; names Pyodide cannot resolve may not "
            "install this way.",
            since="2025.7.1",
        ),
        "all": ValueInfo(
            "Keep caching even when `packages` lists local wheels (which otherwise turn the "
            "cache off). Needs polyscript 0.20.18.",
            since="2026.7.3",
        ),
    },
    runtime_note='Any other value (a typo such as `"nevr"`) silently keeps the default caching.',
)

INDEX_URLS = KeyInfo(
    name="index_urls",
    summary="Package index URL or URLs that micropip installs from instead of PyPI (Pyodide only).",
    body="""
A string or an array of strings, passed to `micropip.set_index_urls()`. Undocumented in the
PyScript docs. Setting it also turns off the check of package names against Pyodide's
package list.

```toml
index_urls = ["https://my-index.example.com/simple"]
```
""",
    anchor=None,
    interpreters=(PY,),
    pipelines=ENGINE,
    since="2024.11.1",
)

DEBUG = KeyInfo(
    name="debug",
    summary="Runs the interpreter in debug mode.",
    body="""
```toml
debug = true
```

Pyodide calls `setDebug(true)` (since PyScript 2025.5.1). MicroPython (since 2026.6.1)
loads `micropython-settrace.wasm` (or `micropython-settrace-ulab.wasm`) next to
`micropython.mjs`, so a self-hosted MicroPython must provide it. Write `true`/`false`:
any truthy value, even the string `"false"`, turns debug mode on.
""",
    anchor="debug",
    interpreters=BOTH,
    pipelines=ENGINE,
    since="2025.5.1",
    interpreter_since={MPY: "2026.6.1"},
    default=False,
    runtime_note='Any truthy value (even the string `"false"`) turns debug mode on.',
)

EXPERIMENTAL_CREATE_PROXY = KeyInfo(
    name="experimental_create_proxy",
    summary=(
        'Experimental: with `"auto"`, Pyodide proxies Python callables passed to JavaScript '
        "automatically, so `create_proxy` is rarely needed."
    ),
    body="""
```toml
experimental_create_proxy = "auto"
```

Pyodide only. It patches `Function.prototype.apply`/`call` where Pyodide runs. Any value
other than `"auto"` does nothing.
""",
    anchor="experimental_create_proxy",
    interpreters=(PY,),
    pipelines=ENGINE,
    since="2024.1.2",
    values={
        "auto": ValueInfo(
            "Convert Python callables passed to JavaScript into proxies automatically.",
            since="2024.1.2",
        )
    },
    runtime_note='Any value other than `"auto"` (for example `true`) silently does nothing.',
)

EXPERIMENTAL_FFI_TIMEOUT = KeyInfo(
    name="experimental_ffi_timeout",
    summary=(
        "Experimental: how long workers cache references to main-thread objects, in "
        "milliseconds (`< 0` no cache, `0` until the next tick)."
    ),
    body="""
```toml
experimental_ffi_timeout = 30
```

It must be an integer: `"30"` or `30.5` are silently ignored. The value is global: set on
the main thread, it applies to workers created afterwards, and the last config read wins. A
worker config's own value is applied only when the main config has no `interpreter`.
Default `-1` (no cache); the docs suggest trying `0` or `30`.
""",
    anchor="experimental_ffi_timeout",
    interpreters=BOTH,
    pipelines=(MAIN, WORKER, STANDALONE),
    since="2025.7.1",
    default=-1,
    runtime_note=(
        'A string (`"30"`) or a fraction (`30.5`) fails `Number.isSafeInteger` and is '
        "silently ignored."
    ),
)

SYNC_MAIN_ONLY = KeyInfo(
    name="sync_main_only",
    summary=(
        "Worker flag that, since PyScript 2026.2.1, only silences the console warning about "
        "`window`/`document` being unavailable in a worker without SharedArrayBuffer."
    ),
    body="""
```toml
sync_main_only = true
```

From PyScript 2024.2.1 to 2024.7.1 it was required to start workers without
SharedArrayBuffer; since 2024.8.1 workers start without it. The docs still describe the old
one-way-calls semantics.
""",
    anchor="sync_main_only",
    interpreters=BOTH,
    pipelines=(WORKER, STANDALONE),
    since="2024.2.1",
    default=False,
)

EXPERIMENTAL_REMOTE_PACKAGES = KeyInfo(
    name="experimental_remote_packages",
    summary=(
        "Removed in PyScript 2026.6.1: remote package configs in `packages` are always enabled now."
    ),
    body="""
From PyScript 2025.10.1 to 2026.3.1, `experimental_remote_packages = true` was needed for
`.toml`/`.json` URLs in `packages` (before 2025.10.1 they were handed to micropip and
failed). Since 2026.6.1 the key is ignored: delete it, unless the page pins one of those
releases.
""",
    anchor="remote-packages",
    interpreters=BOTH,
    pipelines=ENGINE,
    since="2025.10.1",
    removed="2026.6.1",
    deprecation=(
        "Removed in PyScript 2026.6.1 (remote packages are always on): delete this key "
        "unless the page pins PyScript 2025.10.1–2026.3.1."
    ),
)

TYPE = KeyInfo(
    name="type",
    summary=(
        'Reserved: PyScript overwrites `type` in `pyscript.config` with `"py"` or `"mpy"`, '
        "so any value set here is lost."
    ),
    body="""
Classic configs used `type = "app"` as metadata: remove it, and give custom data another
name.
""",
    anchor="custom",
    interpreters=BOTH,
    pipelines=(MAIN, WORKER, STANDALONE),
    since="2023.11.1",
    reserved=True,
)

REMOTE_NAME = KeyInfo(
    name="name",
    summary="Name of the remote package, used only to notice the same package listed twice.",
    body="""
```toml
name = "my_package"
packages = ["matplotlib"]

[files]
"./__init__.py" = "./my_package/"
"./util.py" = "./my_package/"
```

The name is not a folder: files land where their destinations say, not under `name/`. Two
remote configs without `name`, two with the same `name`, or a `name` equal to a package
listed earlier fail with `Error: Unable to process <name> @ <url>`.
""",
    anchor="remote-packages",
    interpreters=BOTH,
    pipelines=(REMOTE,),
    since="2025.10.1",
    runtime_note="A missing or repeated `name` → `Error: Unable to process <name> @ <url>`.",
)

_REMOTE_NOTE = "\n\nIn a remote package config: "

REMOTE_PACKAGES = replace(
    PACKAGES,
    pipelines=(REMOTE,),
    since="2025.10.1",
    body=PACKAGES.body.rstrip()
    + _REMOTE_NOTE
    + "entries are installed like the page's own, and remote configs listed here are "
    "expanded too, relative to this config's URL.",
)
REMOTE_FILES = replace(
    FILES,
    pipelines=(REMOTE,),
    since="2025.10.1",
    body=FILES.body.rstrip()
    + _REMOTE_NOTE
    + "sources are resolved against this config's URL and merged into the page's `files`; "
    "`{PLACEHOLDER}` templates do not work (the braces get URL-encoded); destinations are not "
    "put under `name`; a source already listed fails with `Duplicated path: <url>`. With "
    "MicroPython a remote config given by a relative URL cannot use `files` "
    "(`TypeError: Invalid URL`).",
)
REMOTE_JS_MODULES = replace(
    JS_MODULES,
    pipelines=(REMOTE,),
    since="2025.10.1",
    body=JS_MODULES.body.rstrip()
    + _REMOTE_NOTE
    + "URLs are resolved against this config's URL and merged into the page's `js_modules`; "
    "a URL already listed fails with `Duplicated path: <url>`.",
)

ROOT_SUMMARY = (
    "PyScript configuration (pyscript.toml, pyscript.json, or the body of <py-config> / "
    f"<mpy-config>), as read by PyScript {TARGET_RELEASE}."
)
ROOT_MARKDOWN = f"""\
PyScript configuration: `pyscript.toml`, `pyscript.json`, or the body of `<py-config>` /
`<mpy-config>`, as read by PyScript {TARGET_RELEASE}.

Keys not listed here are allowed: they are custom keys your own code can read from
`pyscript.config`.

[PyScript documentation]({DOCS_PAGE})"""

REMOTE_SUMMARY = (
    "Remote package config: a .toml or .json file listed in packages that describes a pure "
    "Python package."
)
REMOTE_MARKDOWN = f"""\
Remote package config: a `.toml` or `.json` file listed in `packages` that describes a pure
Python package. PyScript reads only `name`, `packages`, `files` and `js_modules` from it;
other keys are ignored.

[PyScript documentation]({docs_url("remote-packages")})"""


# ---------------------------------------------------------------------------------------
# Models
# ---------------------------------------------------------------------------------------

NonEmptyString = Annotated[str, Field(min_length=1)]
UrlToName = dict[str, str]


class FetchEntry(BaseModel):
    """One `[[fetch]]` table; closed, because the runtime reads no other field."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        populate_by_name=True,
        json_schema_extra={
            "description": "One legacy [[fetch]] entry.",
            "markdownDescription": (
                "One legacy `[[fetch]]` entry: `from`, `to_folder`, and either `files` or "
                f"`to_file`.\n\n[PyScript documentation]({docs_url('files')})"
            ),
            "not": {"required": ["files", "to_file"]},
        },
    )

    from_: str | None = subkey(
        'Base URL or path to fetch from; default `""` (the config\'s own location).',
        anchor="files",
        alias="from",
    )
    to_folder: str | None = subkey(
        'Folder on the virtual filesystem to write to; default `"."`.', anchor="files"
    )
    to_file: str | None = subkey(
        "File name for the single file fetched from `from`; cannot be combined with `files`.",
        anchor="files",
    )
    files: list[str] | None = subkey(
        "File names appended to both `from` and `to_folder`; cannot be combined with `to_file`.",
        anchor="files",
    )

    @model_validator(mode="after")
    def _files_or_to_file(self) -> FetchEntry:
        if self.files is not None and self.to_file is not None:
            raise ValueError("Cannot use 'to_file' and 'files' parameters together!")
        return self


class JsModules(BaseModel):
    """`js_modules`: closed, because the runtime ignores any thread name but these two."""

    model_config = ConfigDict(
        extra="forbid",
        strict=True,
        json_schema_extra={
            "description": plain(JS_MODULES.summary),
            "markdownDescription": JS_MODULES.markdown(),
        },
    )

    main: UrlToName | None = subkey(
        "Modules imported on the main thread (the page), as `module URL = name`; `.css` URLs "
        "become stylesheets.",
        "Workers can use them too, through a proxy to the page.",
        anchor="javascript-modules",
    )
    worker: UrlToName | None = subkey(
        "Modules imported inside workers only, as `module URL = name`.",
        "They must not need `window` or `document`, and CSS cannot be loaded here.",
        anchor="javascript-modules",
    )


class PyScriptConfig(BaseModel):
    """A config as the runtime reads it; extra keys are legal custom keys (`pyscript.config`)."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        title="PyScript configuration",
        json_schema_extra={"description": ROOT_SUMMARY, "markdownDescription": ROOT_MARKDOWN},
    )

    packages: list[NonEmptyString] | None = key(PACKAGES)
    files: UrlToName | None = key(FILES)
    fetch: list[FetchEntry] | None = key(FETCH)
    js_modules: JsModules | None = key(JS_MODULES)
    interpreter: str | None = key(INTERPRETER)
    version: str | None = key(VERSION)
    plugins: list[str] | None = key(PLUGINS)
    packages_cache: Literal["never", "passthrough", "all"] | None = key(PACKAGES_CACHE)
    index_urls: str | list[str] | None = key(INDEX_URLS)
    debug: bool | None = key(DEBUG)
    experimental_create_proxy: Literal["auto"] | None = key(EXPERIMENTAL_CREATE_PROXY)
    experimental_ffi_timeout: (
        Annotated[int, Field(ge=-MAX_SAFE_INTEGER, le=MAX_SAFE_INTEGER)] | None
    ) = key(EXPERIMENTAL_FFI_TIMEOUT)
    sync_main_only: bool | None = key(SYNC_MAIN_ONLY)
    experimental_remote_packages: bool | None = key(EXPERIMENTAL_REMOTE_PACKAGES)
    type: Annotated[Any, WithJsonSchema({"not": {}})] = key(TYPE)

    @field_validator("type")
    @classmethod
    def _type_is_reserved(cls, value: Any) -> Any:
        raise ValueError("`type` is reserved: PyScript overwrites it with 'py' or 'mpy'")


class RemotePackageConfig(BaseModel):
    """A remote package config; extra keys are allowed but the runtime ignores them."""

    model_config = ConfigDict(
        extra="allow",
        strict=True,
        json_schema_extra={"description": REMOTE_SUMMARY, "markdownDescription": REMOTE_MARKDOWN},
    )

    name: str | None = key(REMOTE_NAME)
    packages: list[NonEmptyString] | None = key(REMOTE_PACKAGES)
    files: UrlToName | None = key(REMOTE_FILES)
    js_modules: JsModules | None = key(REMOTE_JS_MODULES)


KEYS: dict[str, KeyInfo] = {
    info.name: info
    for info in (
        PACKAGES,
        FILES,
        FETCH,
        JS_MODULES,
        INTERPRETER,
        VERSION,
        PLUGINS,
        PACKAGES_CACHE,
        INDEX_URLS,
        DEBUG,
        EXPERIMENTAL_CREATE_PROXY,
        EXPERIMENTAL_FFI_TIMEOUT,
        SYNC_MAIN_ONLY,
        EXPERIMENTAL_REMOTE_PACKAGES,
        TYPE,
    )
}
REMOTE_KEYS: dict[str, KeyInfo] = {
    info.name: info for info in (REMOTE_NAME, REMOTE_PACKAGES, REMOTE_FILES, REMOTE_JS_MODULES)
}


# ---------------------------------------------------------------------------------------
# Classic keys that no longer exist (spec §5.2)
# ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegacyKey:
    """A classic-era key: not a property (it would then be a valid custom key), but data."""

    message: str
    replacement: str | None = None  # the modern key that takes over, if any
    since: str = "2022.05.1"
    until: str = "2023.05.1"  # the last classic release that read it
    era: str = "classic"

    def as_json(self) -> dict[str, Any]:
        return {
            "era": self.era,
            "since": self.since,
            "until": self.until,
            "replacement": self.replacement,
            "message": plain(self.message),  # quoted in diagnostics, which are plain text
        }


def _metadata(key_name: str) -> LegacyKey:
    return LegacyKey(
        f"Classic app metadata `{key_name}` is not read by PyScript: remove it (or keep it as a "
        "custom key if your own code reads it from `pyscript.config`).",
        since="2022.09.1",
    )


LEGACY_KEYS: dict[str, LegacyKey] = {
    "py-env": LegacyKey(
        "`<py-env>` was a classic element (2022.05–2022.09): list its packages in `packages` "
        "and its paths under `[files]`.",
        replacement="packages",
        until="2022.09.1",
    ),
    "paths": LegacyKey(
        "Classic `paths` is not read any more: list each file under `[files]` instead, "
        'e.g. `"./utils.py" = ""`.',
        replacement="files",
        since="2022.09.1",
        until="2022.09.1",
    ),
    "runtimes": LegacyKey(
        "Classic `[[runtimes]]` is not read any more: set `interpreter` to the full "
        "`…/pyodide.mjs` URL (not `pyodide.js`), or drop it to use the bundled Pyodide.",
        replacement="interpreter",
        until="2023.03.1",
    ),
    "interpreters": LegacyKey(
        "Classic `[[interpreters]]` is not read any more: use the `interpreter` string with the "
        "full `…/pyodide.mjs` URL, or drop it to use the bundled Pyodide.",
        replacement="interpreter",
        since="2023.03.1",
    ),
    "autoclose_loader": LegacyKey(
        "Classic `autoclose_loader` has no effect: there is no splash screen any more (listen "
        "to the `py:ready` / `py:done` events to know when Python is ready)."
    ),
    "splashscreen": LegacyKey(
        "Classic `[splashscreen]` has no effect: there is no splash screen any more; remove it.",
        since="2023.03.1",
    ),
    "terminal": LegacyKey(
        "Classic `terminal` key has no effect: add the `terminal` attribute to one "
        '`<script type="py">` instead (with `worker` if the code uses `input()`).',
        since="2022.12.1",
    ),
    "docked": LegacyKey(
        "Classic `docked` has no effect: place the terminal with the script's `target` attribute.",
        since="2023.05.1",
    ),
    "xterm": LegacyKey(
        "Classic `xterm` has no effect: terminals always use XTerm.js now; remove it.",
        since="2023.05.1",
    ),
    "execution_thread": LegacyKey(
        'Classic `execution_thread = "worker"` has no effect: add the `worker` attribute to '
        "the `<script>` instead.",
        since="2023.05.1",
    ),
    "name": LegacyKey(
        "Classic app metadata `name` is not read by PyScript (only a remote package config "
        "reads `name`): remove it, or keep it as a custom key if your own code reads it.",
        since="2022.09.1",
    ),
    "description": _metadata("description"),
    "author_name": _metadata("author_name"),
    "author_email": _metadata("author_email"),
    "license": _metadata("license"),
    "schema_version": _metadata("schema_version"),
}
