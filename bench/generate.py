"""Deterministic inputs for the benchmarks: sites, configs and pages like real ones.

Everything comes from one `random.Random(seed)` per input set, so the same seed gives
the same bytes on every machine and Python version (only `Random.random`, `randrange`,
`choice`, `sample` and `shuffle`, whose results are stable across releases for a given
seed). The content follows `examples/` and what real PyScript sites put in their
configs: Pyodide packages, `files` with placeholders, `js_modules` from CDNs, pinned
interpreters, legacy `[[fetch]]`, experimental flags. Every config is correct, so
that every tool does its full work rather than stopping on an error.

Run it alone with `python bench/generate.py [--quick] [--work DIR]`; `run.py` calls
`generate()` itself.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCHEMA = REPO / "schemas" / "pyscript.schema.json"
DEFAULT_WORK = REPO / "bench" / ".work"
SEED = 7  # issue 7
RELEASE = "2026.7.3"

# Packages that Pyodide 314.0.2 (PyScript 2026.7.3) ships, as people spell them.
PACKAGES = (
    "numpy", "pandas", "matplotlib", "scipy", "scikit-learn", "sympy", "networkx",
    "beautifulsoup4", "pyyaml", "requests", "regex", "Pillow", "bokeh", "altair",
    "Jinja2", "pytz", "python-dateutil", "lxml", "shapely", "attrs", "Pygments",
    "statsmodels", "xarray", "pyodide-http",
)  # fmt: skip
MPY_PACKAGES = ("ulab",)
JS_MODULES = (
    ("https://cdn.jsdelivr.net/npm/chart.js@4.4.1/+esm", "chart"),
    ("https://cdn.jsdelivr.net/npm/canvas-confetti@1.9.3/+esm", "confetti"),
    ("https://esm.sh/d3@7.9.0", "d3"),
    ("https://cdn.jsdelivr.net/npm/leaflet@1.9.4/+esm", "leaflet"),
    ("https://esm.sh/three@0.160.0", "three"),
    ("https://cdn.jsdelivr.net/npm/marked@12.0.0/+esm", "marked"),
    ("https://esm.sh/lodash-es@4.17.21", "lodash"),
)
INTERPRETERS = (
    "https://cdn.jsdelivr.net/pyodide/v0.29.3/full/pyodide.mjs",
    "https://cdn.jsdelivr.net/pyodide/v0.27.7/full/pyodide.mjs",
    "0.29.3",  # workers only: a bare version
)
WORDS = [
    "the",
    "data",
    "site",
    "weather",
    "station",
    "average",
    "temperature",
    "chart",
    "python",
    "browser",
    "page",
    "value",
    "reading",
    "sensor",
    "daily",
    "monthly",
    "report",
    "table",
    "column",
    "row",
    "plot",
    "model",
    "result",
    "user",
    "input",
    "button",
    "counter",
    "output",
    "worker",
    "thread",
    "config",
    "package",
    "module",
    "file",
    "request",
    "response",
    "canvas",
    "image",
    "colour",
    "layout",
    "grid",
    "card",
    "header",
    "footer",
    "section",
    "article",
    "note",
    "example",
    "tutorial",
    "lesson",
    "step",
    "number",
    "list",
    "item",
    "text",
    "label",
    "field",
]
FUNCTIONS = ("refresh", "increment", "reset", "load_data", "draw", "toggle", "submit", "on_tick")


@dataclass(frozen=True)
class Sizes:
    """How much of each input set to generate (`quick` is a smoke run)."""

    tomls: int = 1000
    pages: int = 1000
    memory_pages: int = 200
    big_configs: int = 300
    big_bytes: int = 1_000_000

    @classmethod
    def quick(cls) -> Sizes:
        return cls(tomls=40, pages=40, memory_pages=20, big_configs=30, big_bytes=100_000)


@dataclass(frozen=True)
class Inputs:
    """Where `generate()` put each input set."""

    root: Path
    site: Path  # index.html + pyscript.toml + main.py
    tomls: Path  # N folders, each a pyscript.toml (and the local files it names)
    pages: Path  # N self-contained pages (inline configs only)
    memory: Path  # pages for the memory test
    lsp: Path  # a tombi.toml workspace: pyscript.toml, one-config and big pages
    sanity: Path  # one bad config, outside the timed sets

    @property
    def lsp_toml(self) -> Path:
        """Alone in its folder (with tombi.toml): our server looks at the pages beside a
        config to find who uses it, which would time the big page too."""
        return self.lsp / "config" / "pyscript.toml"

    @property
    def small_page(self) -> Path:
        return self.lsp / "pages" / "one-config.html"

    @property
    def big_page(self) -> Path:
        return self.lsp / "pages" / "big.html"


def inputs_at(root: Path) -> Inputs:
    return Inputs(
        root,
        root / "site",
        root / "tomls",
        root / "pages",
        root / "memory",
        root / "lsp",
        root / "sanity",
    )


# --- configs ------------------------------------------------------------------------------


def _toml_string(value: str) -> str:
    return json.dumps(value)  # a TOML basic string for the characters we use


def _toml_array(values: list[str]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def config_data(rng: random.Random, local: list[str], worker: bool = False) -> dict[str, object]:
    """One realistic config as data (the same shape as TOML or JSON)."""
    data: dict[str, object] = {}
    if rng.random() < 0.85:
        data["packages"] = rng.sample(PACKAGES, rng.randrange(1, 6))
    if rng.random() < 0.15:
        data["packages_cache"] = "never"
    if rng.random() < 0.2:
        choices = INTERPRETERS if worker else INTERPRETERS[:2]
        data["interpreter"] = rng.choice(choices)
    if rng.random() < 0.1:
        data["experimental_create_proxy"] = "auto"
    if rng.random() < 0.08:
        data["experimental_ffi_timeout"] = rng.choice((0, 100, 500))
    if rng.random() < 0.05:
        data["debug"] = True
    if rng.random() < 0.06:
        data["plugins"] = ["!error"]
    if rng.random() < 0.05:
        data["index_urls"] = ["https://pypi.org/simple/"]
    if rng.random() < 0.7:
        files: dict[str, str] = {}
        if rng.random() < 0.4:
            files["{DATA}"] = "./data"
            files["{DATA}/readings.csv"] = "./data/"
        for name in local:
            files[f"./{name}"] = ""
        for index in range(rng.randrange(0, 4)):
            files[f"https://example.com/assets/v{rng.randrange(1, 9)}/file{index}.py"] = (
                f"./lib/file{index}.py"
            )
        if rng.random() < 0.1:
            files["https://example.com/bundles/lib.zip"] = "./vendor/*"
        if files:
            data["files"] = files
    if rng.random() < 0.45:
        modules = dict(rng.sample(JS_MODULES, rng.randrange(1, 4)))
        data["js_modules"] = {"worker" if worker and rng.random() < 0.5 else "main": modules}
    if worker:  # a worker reads only these from its own config
        data = {k: v for k, v in data.items() if k in ("packages", "files", "js_modules")}
    return data


def legacy_fetch(rng: random.Random) -> list[dict[str, object]]:
    return [
        {"from": f"https://example.com/src{index}/", "files": ["utils.py", "model.py"]}
        for index in range(rng.randrange(1, 3))
    ]


def to_toml(data: dict[str, object], rng: random.Random, comment: str = "") -> str:
    """TOML as people write it: scalars and arrays first, then one table per mapping."""
    lines = [f"# {comment}", ""] if comment else []
    tables: list[tuple[str, dict[str, object]]] = []
    for key, value in data.items():
        if isinstance(value, dict):
            tables.append((key, value))
        elif isinstance(value, list) and value and isinstance(value[0], dict):
            continue
        elif isinstance(value, list):
            lines.append(f"{key} = {_toml_array([str(v) for v in value])}")
        elif isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, int):
            lines.append(f"{key} = {value}")
        else:
            lines.append(f"{key} = {_toml_string(str(value))}")
    for key, table in tables:
        nested = all(isinstance(v, dict) for v in table.values())
        if nested:
            for sub, inner in table.items():
                assert isinstance(inner, dict)
                lines += ["", f"[{key}.{sub}]"]
                lines += [f"{_toml_string(k)} = {_toml_string(str(v))}" for k, v in inner.items()]
        else:
            lines += ["", f"[{key}]"]
            lines += [f"{_toml_string(k)} = {_toml_string(str(v))}" for k, v in table.items()]
    for entry in data.get("fetch", []) or []:  # type: ignore[attr-defined]
        lines += ["", "[[fetch]]"]
        for key, value in entry.items():
            shown = _toml_array(value) if isinstance(value, list) else _toml_string(str(value))
            lines.append(f"{key} = {shown}")
    return "\n".join(lines).lstrip("\n") + "\n"


def write_site_config(folder: Path, rng: random.Random, comment: str = "") -> dict[str, object]:
    """A pyscript.toml and the local files it names, in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    local = rng.sample(("utils.py", "model.py", "helpers.py", "views.py"), rng.randrange(0, 3))
    for name in local:
        (folder / name).write_text(f'"""{name} of the site."""\n\nVALUE = 1\n', encoding="utf-8")
    data = config_data(rng, local)
    files = data.get("files")
    if isinstance(files, dict) and "{DATA}" in files:
        (folder / "data").mkdir(exist_ok=True)
        (folder / "data" / "readings.csv").write_text("day,celsius\n1,21.5\n", encoding="utf-8")
    if rng.random() < 0.08:
        data["fetch"] = legacy_fetch(rng)
    text = to_toml(data, rng, comment)
    (folder / "pyscript.toml").write_text(text, encoding="utf-8")
    return data


# --- pages --------------------------------------------------------------------------------


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def css(rng: random.Random, rules: int) -> str:
    out = []
    for index in range(rules):
        selector = rng.choice(("section", "article", ".card", "#chart", "header", "p", "table"))
        out.append(
            f"    {selector}.c{index} {{ margin: {rng.randrange(0, 24)}px; "
            f"padding: {rng.randrange(0, 16)}px {rng.randrange(0, 16)}px; "
            f"color: #{rng.randrange(0, 0xFFFFFF):06x}; }}"
        )
    return "\n".join(out)


def python_code(rng: random.Random, indent: str = "    ") -> str:
    lines = ["from pyscript import display, document", ""]
    for name in rng.sample(FUNCTIONS, 2):
        lines += [
            f"def {name}(event=None):",
            '    element = document.querySelector("#output")',
            f"    total = sum(range({rng.randrange(5, 500)}))",
            f'    display(f"{name}: {{total}}", target="output", append=False)',
            "",
        ]
    return "\n".join(indent + line if line else "" for line in lines)


def json_config(rng: random.Random, worker: bool = False) -> str:
    data = config_data(rng, [], worker)
    data.pop("files", None)  # inline page configs fetch remote files only
    files = {
        f"https://example.com/pkg/mod{index}.py": f"./mod{index}.py"
        for index in range(rng.randrange(0, 3))
    }
    if files:
        data["files"] = files
    return json.dumps(data, separators=(", ", ": "))


def page(rng: random.Random, target_bytes: int, title: str, config_file: str = "") -> str:
    """A page of about `target_bytes`: head, CSS, text, one py config and a few scripts
    (the config inline, or `config_file` named by the main script)."""
    micropython = not config_file and rng.random() < 0.2
    kind = "mpy" if micropython else "py"
    head = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '  <meta charset="utf-8">',
        '  <meta name="viewport" content="width=device-width, initial-scale=1">',
        f"  <title>{title}</title>",
        f'  <link rel="stylesheet" href="https://pyscript.net/releases/{RELEASE}/core.css">',
        f'  <script type="module" src="https://pyscript.net/releases/{RELEASE}/core.js"></script>',
        "  <style>",
        css(rng, rng.randrange(5, 40)),
        "  </style>",
    ]
    style = rng.random()
    main_attrs = ""
    if config_file:
        main_attrs = f' config="{config_file}"'
    elif micropython:
        head.append("  <mpy-config>")
        if rng.random() < 0.3:
            head += ['    packages = ["ulab"]', ""]
        head += [
            "    [js_modules.main]",
            f'    "{rng.choice(JS_MODULES)[0]}" = "lib"',
            "  </mpy-config>",
        ]
    elif style < 0.45:
        data = config_data(rng, [])
        data.pop("files", None)
        head += ["  <py-config>"]
        head += ["    " + line if line else "" for line in to_toml(data, rng).splitlines()]
        head += ["  </py-config>"]
    else:
        main_attrs = f" config='{json_config(rng)}'"
    head += ["</head>", "<body>", f"  <header><h1>{title}</h1></header>"]
    body: list[str] = []
    functions = rng.sample(FUNCTIONS, 2)
    body.append('  <div id="output"></div>')
    for name in functions:
        body.append(f'  <button id="b-{name}" {kind}-click="{name}">{name.title()}</button>')
    tail = [
        f'  <script type="{kind}"{main_attrs}>',
        python_code(rng),
        *[f"    def {name}(event=None):\n        pass" for name in functions],
        "  </script>",
    ]
    if not micropython and rng.random() < 0.4:
        tail.append(
            f'  <script type="py" worker name="helper" config=\'{json_config(rng, True)}\'>'
            "\n    from pyscript import sync\n    sync.ready = lambda: True\n  </script>"
        )
    tail += ["  <footer><p>Made with PyScript.</p></footer>", "</body>", "</html>", ""]
    size = sum(len(line) + 1 for line in head + body + tail)
    section = 0
    while size < target_bytes:
        section += 1
        block = [f'  <section class="c{section % 7}" id="s{section}">']
        block.append(f"    <h2>{sentence(rng, rng.randrange(2, 6))}</h2>")
        for _ in range(rng.randrange(1, 5)):
            block.append(f"    <p>{sentence(rng, rng.randrange(12, 60))}</p>")
        if rng.random() < 0.2:
            rows = "".join(
                f"<tr><td>{rng.choice(WORDS)}</td><td>{rng.randrange(0, 999)}</td></tr>"
                for _ in range(rng.randrange(2, 8))
            )
            block.append(f"    <table>{rows}</table>")
        block.append("  </section>")
        size += sum(len(line) + 1 for line in block)
        body += block
    return "\n".join(head + body + tail)


def page_size(rng: random.Random) -> int:
    """2–50 KB, most pages small (log-uniform)."""
    low, high = 2_000, 50_000
    return int(low * (high / low) ** rng.random())


def big_page(rng: random.Random, configs: int, target_bytes: int) -> str:
    """One long page with `configs` configs: workers and py-editors, each its own config
    (main-thread scripts must share one config, so those are the configs that differ)."""
    head = [
        "<!doctype html>",
        '<html lang="en">',
        "<head>",
        '  <meta charset="utf-8">',
        "  <title>Workshop: every exercise on one page</title>",
        f'  <link rel="stylesheet" href="https://pyscript.net/releases/{RELEASE}/core.css">',
        f'  <script type="module" src="https://pyscript.net/releases/{RELEASE}/core.js"></script>',
        "</head>",
        "<body>",
        '  <div id="output"></div>',
    ]
    tail = ["</body>", "</html>", ""]
    fixed = sum(len(line) + 1 for line in head + tail)
    per_block = max(0, (target_bytes - fixed) // configs)
    body: list[str] = []
    for index in range(configs):
        block = [f'  <section id="exercise-{index}">', f"    <h2>Exercise {index + 1}</h2>"]
        if index % 2:
            block.append(
                f'    <script type="py-editor" env="e{index}" '
                f"config='{json_config(rng, True)}'>\nprint({index})\n    </script>"
            )
        else:
            block.append(
                f'    <script type="py" worker name="w{index}" '
                f"config='{json_config(rng, True)}'>\n"
                "from pyscript import sync\nsync.ready = lambda: True\n    </script>"
            )
        used = sum(len(line) + 1 for line in block) + 14
        while used < per_block:
            paragraph = f"    <p>{sentence(rng, rng.randrange(12, 60))}</p>"
            used += len(paragraph) + 1
            block.append(paragraph)
        block.append("  </section>")
        body += block
    return "\n".join(head + body + tail)


# The one-config page and the LSP's pyscript.toml: the edits the LSP bench makes toggle
# `"numpy"` ↔ `["numpy"]` (a wrong type and back), so every edit changes the answer.
LSP_TOML = """\
# The config the language-server bench edits.
packages = ["numpy", "pandas"]
packages_cache = "never"

[files]
"{DATA}" = "./data"
"{DATA}/readings.csv" = "./data/"
"https://example.com/assets/v2/file0.py" = "./lib/file0.py"

[js_modules.main]
"https://cdn.jsdelivr.net/npm/chart.js@4.4.1/+esm" = "chart"
"""

ONE_CONFIG = '{"packages": ["numpy"], "files": {"https://example.com/pkg/mod0.py": "./mod0.py"}}'
SMALL_PAGE = f"""\
<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>One config</title>
  <script type="module" src="https://pyscript.net/releases/{RELEASE}/core.js"></script>
</head>
<body>
  <div id="output"></div>
  <script type="py" config='{ONE_CONFIG}'>
from pyscript import display
display("ready", target="output")
  </script>
</body>
</html>
"""


def tombi_toml(schema: str) -> str:
    """Associate our schema with every pyscript.toml, and no catalog (tombi's default is
    SchemaStore's, fetched from the network)."""
    return (
        "[schema.catalog]\npaths = []\n\n"
        f'[[schemas]]\npath = "{schema}"\ninclude = ["**/pyscript.toml"]\n'
    )


# --- the sets -----------------------------------------------------------------------------


def _fresh(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


def generate(root: Path = DEFAULT_WORK, sizes: Sizes | None = None, seed: int = SEED) -> Inputs:
    """Write every input set under `root` (replacing what was there)."""
    sizes = sizes or Sizes()
    where = inputs_at(root)
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(SCHEMA, root / "pyscript.schema.json")

    _fresh(where.site)
    rng = random.Random(f"{seed}/site")
    write_site_config(where.site, rng, "Main-thread config for index.html.")
    text = page(rng, 6_000, "Weather stats", config_file="pyscript.toml")
    where.site.joinpath("index.html").write_text(text, encoding="utf-8")

    _fresh(where.tomls)
    rng = random.Random(f"{seed}/tomls")
    digits = len(str(sizes.tomls))
    for index in range(sizes.tomls):
        write_site_config(where.tomls / f"site{index:0{digits}d}", rng)
    where.tomls.joinpath("tombi.toml").write_text(
        tombi_toml("../pyscript.schema.json"), encoding="utf-8"
    )

    for folder, count, name in (
        (where.pages, sizes.pages, "pages"),
        (where.memory, sizes.memory_pages, "memory"),
    ):
        _fresh(folder)
        rng = random.Random(f"{seed}/{name}")
        digits = len(str(count))
        for index in range(count):
            text = page(rng, page_size(rng), f"{sentence(rng, 3)[:-1]} {index}")
            folder.joinpath(f"page{index:0{digits}d}.html").write_text(text, encoding="utf-8")

    _fresh(where.lsp)
    rng = random.Random(f"{seed}/lsp")
    (where.lsp / "config" / "data").mkdir(parents=True)
    (where.lsp / "pages").mkdir()
    where.lsp_toml.write_text(LSP_TOML, encoding="utf-8")
    where.lsp_toml.with_name("data").joinpath("readings.csv").write_text(
        "day,celsius\n1,21.5\n", encoding="utf-8"
    )
    where.small_page.write_text(SMALL_PAGE, encoding="utf-8")
    where.big_page.write_text(big_page(rng, sizes.big_configs, sizes.big_bytes), encoding="utf-8")
    where.lsp_toml.with_name("tombi.toml").write_text(
        tombi_toml("../../pyscript.schema.json"), encoding="utf-8"
    )

    _fresh(where.sanity)
    where.sanity.joinpath("tombi.toml").write_text(
        tombi_toml("../pyscript.schema.json"), encoding="utf-8"
    )
    bad = where.sanity / "bad"
    bad.mkdir()
    bad.joinpath("pyscript.toml").write_text('packages = "numpy"\n', encoding="utf-8")
    return where


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--work", type=Path, default=DEFAULT_WORK, help="output folder")
    parser.add_argument("--quick", action="store_true", help="small sets (a smoke run)")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args(argv)
    sizes = Sizes.quick() if args.quick else Sizes()
    where = generate(args.work, sizes, args.seed)
    total = sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(where.root) for f in fs)
    print(f"wrote {total / 1e6:.1f} MB under {where.root}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
