"""Inputs for the fuzzer: generated configs and pages, and mutations of real files.

Everything here draws from a `random.Random`, so a run is reproducible from its seed and
the bounded suite can drive the same generators through hypothesis (`st.randoms()`).
The long run needs about a million inputs on two cores: generating one must cost far
less than checking it, so these are plain string builders, not hypothesis strategies.
"""

from __future__ import annotations

import json
import os
import random
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .properties import Case

ROOT = Path(__file__).resolve().parents[2]
SHARED_TOML_TEST = ROOT.parent / "shared" / "testsuites" / "toml-test"
SEED_DIRS = (
    ROOT / "examples",
    ROOT / "tests" / "cases",
    ROOT / "tests" / "conformance" / "corpus",
    SHARED_TOML_TEST,
)
_SUFFIXES = {".html", ".htm", ".toml", ".json"}
MAX_SEED_CHARS = 6000  # larger seeds are cut: small inputs keep the long run fast

SPECIAL = ['"', "'", "<", ">", "&", "\r", "\n", "\r\n", "\t", "\x00", "\ufeff", "\ud800",
           "[", "]", "{", "}", "=", ",", "#", "\\", ".", ":", "\u2028", "😀", " ", "-->",
           "<!--", "</script>", "]]>", "&amp;", "&#x", "\"\"\"", "'''", "\x1b", "\x7f"]  # fmt: skip

# --- seeds ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Seed:
    """A seed file: its name in the case, its text, and its site's other configs."""

    path: str
    text: str
    companions: tuple[tuple[str, str], ...]

    def case(self) -> Case:
        return Case(self.path, self.text, dict(self.companions))


def _read(path: Path) -> str | None:
    try:
        return path.read_bytes().decode("utf-8")[:MAX_SEED_CHARS]
    except (OSError, UnicodeDecodeError):
        return None


@cache
def seeds() -> tuple[Seed, ...]:
    """Every page and config of the examples, the cases, the corpus and toml-test."""
    found: list[Seed] = []
    for base in SEED_DIRS:
        if not base.is_dir():
            continue
        for directory, _, all_names in sorted(os.walk(base)):
            names = sorted(n for n in all_names if Path(n).suffix.lower() in _SUFFIXES)
            texts = {n: t for n in names if (t := _read(Path(directory) / n)) is not None}
            configs = tuple((n, t) for n, t in texts.items() if not n.endswith((".html", ".htm")))
            for name, text in texts.items():
                if name.endswith((".html", ".htm")):
                    found.append(Seed(name, text, configs))
                else:
                    found.append(Seed(name, text, ()))
    return tuple(found)


@cache
def seeds_by_kind() -> dict[str, tuple[Seed, ...]]:
    groups: dict[str, list[Seed]] = {"html": [], "toml": [], "json": []}
    for seed in seeds():
        suffix = Path(seed.path).suffix.lower().lstrip(".")
        groups["html" if suffix.startswith("htm") else suffix].append(seed)
    return {k: tuple(v) for k, v in groups.items()}


# --- vocabulary -------------------------------------------------------------------------

TOP_KEYS = ("packages", "files", "fetch", "js_modules", "interpreter", "version", "plugins",
            "packages_cache", "index_urls", "debug", "experimental_create_proxy",
            "experimental_ffi_timeout", "sync_main_only", "experimental_remote_packages",
            "type", "name", "unknown_key", "Packages", "package")  # fmt: skip
FETCH_KEYS = ("from", "to_folder", "to_file", "files", "form")
WORDS = ("numpy", "pandas", "micropip", "emfs://x.whl", "./local.whl", "scipy>=1.0",
         "https://cdn.example/a.js", "./main.py", "data/x.csv", "0.26.2", "2026.7.3",
         "!pyodide", "", " ", "a b", "x.toml", "../up.py", "/abs/path", "C:\\win",
         "http://example.com/pkg.whl", "py", "mpy", "none", "auto", "éü", "{{ var }}")  # fmt: skip
URLS = ("pyscript.toml", "pyscript.json", "./conf/worker.toml", "config.TOML", "x.txt",
        "https://example.com/c.toml", "missing.json", "../pyscript.toml", "", "a b.toml")  # fmt: skip
CORE = "https://pyscript.net/releases/{}/core.js"
VERSIONS = ("2026.7.3", "2024.1.1", "2025.2.1", "2026.2.1", "latest", "snapshots/x", "9999.1.1")


def _scalar(r: random.Random) -> object:
    pick = r.random()
    if pick < 0.55:
        return r.choice(WORDS)
    if pick < 0.7:
        return r.choice((True, False))
    if pick < 0.85:
        return r.choice((0, 1, -1, 10**20, 3))
    return r.choice((1.5, float("inf"), -0.0, 1e300))


def _value(r: random.Random, depth: int = 0) -> object:
    pick = r.random()
    if depth > 2 or pick < 0.45:
        return _scalar(r)
    if pick < 0.8:
        return [_value(r, depth + 1) for _ in range(r.randrange(4))]
    keys = FETCH_KEYS if r.random() < 0.5 else (*WORDS[:8], "main", "worker")
    return {r.choice(keys): _value(r, depth + 1) for _ in range(r.randrange(4))}


def config_data(r: random.Random) -> dict[str, object]:
    """A config as data: schema keys with values mostly of the right shape."""
    data: dict[str, object] = {}
    for _ in range(r.randrange(1, 6)):
        key = r.choice(TOP_KEYS)
        if key == "packages" and r.random() < 0.7:
            data[key] = [r.choice(WORDS[:6]) for _ in range(r.randrange(4))]
        elif key == "fetch" and r.random() < 0.7:
            data[key] = [{r.choice(FETCH_KEYS): _value(r, 2)} for _ in range(r.randrange(3))]
        elif key in ("files", "js_modules") and r.random() < 0.7:
            inner: object = {r.choice(WORDS): r.choice(WORDS) for _ in range(r.randrange(3))}
            data[key] = {"main": inner} if key == "js_modules" else inner
        else:
            data[key] = _value(r)
    return data


def _toml_string(r: random.Random, text: str) -> str:
    if r.random() < 0.15 and "'" not in text and "\n" not in text:
        return f"'{text}'"
    if r.random() < 0.05:
        return f'"""{text}"""'
    return json.dumps(text, ensure_ascii=r.random() < 0.5)


def _toml_value(r: random.Random, value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        text = repr(value)
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(text, text)
    if isinstance(value, str):
        return _toml_string(r, value)
    if isinstance(value, list):
        items = [_toml_value(r, v) for v in value]
        if r.random() < 0.3:
            lines = [f"  {i}," for i in items]
            if lines and r.random() < 0.4:
                lines.insert(r.randrange(len(lines)), '  # "commented",')
            return "[\n" + "\n".join(lines) + "\n]"
        return "[" + ", ".join(items) + ("," if items and r.random() < 0.2 else "") + "]"
    if isinstance(value, dict):
        space = " " if r.random() < 0.8 else ""
        pairs = [f"{_toml_key(r, k)} = {_toml_value(r, v)}" for k, v in value.items()]
        return "{" + space + ", ".join(pairs) + space + "}"
    return '""'


def _toml_key(r: random.Random, key: str) -> str:
    bare = key and all(c.isalnum() or c in "-_" for c in key) and key.isascii()
    return key if bare and r.random() < 0.9 else json.dumps(key)


def toml_text(r: random.Random, data: dict[str, object]) -> str:
    """TOML for `data`, written in one of the styles people use (tables, inline, dotted)."""
    lines: list[str] = []
    tables: list[str] = []
    for key, value in data.items():
        if isinstance(value, dict) and value and r.random() < 0.6:
            tables.append(f"\n[{_toml_key(r, key)}]")
            for k, v in value.items():
                if isinstance(v, dict) and r.random() < 0.5:
                    sep = " . " if r.random() < 0.1 else "."
                    tables.append(f"\n[{_toml_key(r, key)}{sep}{_toml_key(r, k)}]")
                    tables.extend(f"{_toml_key(r, a)} = {_toml_value(r, b)}" for a, b in v.items())
                elif r.random() < 0.1:
                    lines.append(f"{_toml_key(r, key)}.{_toml_key(r, k)} = {_toml_value(r, v)}")
                else:
                    tables.append(f"{_toml_key(r, k)} = {_toml_value(r, v)}")
        elif isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            for item in value:
                tables.append(f"\n[[{_toml_key(r, key)}]]")
                assert isinstance(item, dict)
                tables.extend(f"{_toml_key(r, a)} = {_toml_value(r, b)}" for a, b in item.items())
        else:
            lines.append(f"{_toml_key(r, key)} = {_toml_value(r, value)}")
        if r.random() < 0.1:
            lines.append(r.choice(("# a comment", "", "  ", "#:schema ./x.json")))
    newline = "\r\n" if r.random() < 0.1 else "\n"
    return newline.join(lines + tables) + (newline if r.random() < 0.8 else "")


def json_text(r: random.Random, data: dict[str, object]) -> str:
    indent = r.choice((None, 2, 4, "\t"))
    try:
        text = json.dumps(data, indent=indent, ensure_ascii=r.random() < 0.5)
    except ValueError:
        text = "{}"
    if r.random() < 0.1:
        text = text.replace("]", ",]", 1)
    if r.random() < 0.05:
        text = text.replace("{", '{"packages": [], ', 1)  # a duplicate key, sometimes
    return text


def gen_toml(r: random.Random) -> Case:
    return Case(r.choice(("pyscript.toml", "worker.toml")), toml_text(r, config_data(r)))


def gen_json(r: random.Random) -> Case:
    return Case("pyscript.json", json_text(r, config_data(r)))


# --- pages ------------------------------------------------------------------------------


def _attribute(r: random.Random, name: str, value: str) -> str:
    quote = r.choice(('"', '"', "'", ""))
    if not quote and (not value or any(c in value for c in " \t\n\"'=<>`")):
        quote = '"'
    if r.random() < 0.1:
        return f" {name}"
    escaped = value.replace("&", "&amp;") if r.random() < 0.5 else value
    if quote:
        escaped = escaped.replace(quote, "&quot;" if quote == '"' else "&#39;")
    spacing = r.choice(("", "", " ", "\n  "))
    return f" {name}{spacing}={spacing}{quote}{escaped}{quote}"


def _inline_config(r: random.Random) -> str:
    data = config_data(r)
    if r.random() < 0.7:
        return toml_text(r, data)
    return json_text(r, data)


def _element(r: random.Random, companions: dict[str, str]) -> str:
    pick = r.random()
    if pick < 0.25:
        tag = r.choice(("py-config", "mpy-config", "py-config", "PY-CONFIG"))
        attrs = ""
        if r.random() < 0.35:
            url = r.choice(URLS)
            attrs += _attribute(r, "src", url)
            body = ""
        else:
            body = _inline_config(r)
            if r.random() < 0.2:
                attrs += _attribute(r, "type", r.choice(("json", "toml", "yaml")))
        return f"<{tag}{attrs}>{body}</{tag}>"
    if pick < 0.7:
        kind = r.choice(
            ("py", "mpy", "py-editor", "mpy-editor", "py-game", "pyodide", "text/x-python")
        )
        attrs = _attribute(r, "type", kind)
        if r.random() < 0.7:
            config = r.choice(URLS) if r.random() < 0.6 else _inline_config(r)
            if r.random() < 0.3:
                config = json.dumps(config_data(r))
            attrs += _attribute(r, "config", config)
        for flag in ("worker", "terminal", "async"):
            if r.random() < 0.15:
                attrs += f" {flag}"
        if r.random() < 0.2:
            attrs += _attribute(r, "name", r.choice(("w", "", "stats")))
        if r.random() < 0.4:
            attrs += _attribute(r, "src", r.choice(("main.py", "missing.py", "./w.py")))
        code = r.choice(("", "print(1)", "import numpy\n", "</scrip>", "<!-- x -->"))
        return f"<script{attrs}>{code}</script>"
    if pick < 0.8:
        inner = "".join(_element(r, companions) for _ in range(r.randrange(3)))
        tag = r.choice(("template", "div", "textarea", "noscript", "svg", "p"))
        return f"<{tag}>{inner}</{tag}>"
    return r.choice((
        "<!-- <py-config>packages = [1]</py-config> -->",
        "<![CDATA[ <py-config> ]]>",
        '<button py-click="go">Go</button>',
        "<p>&lt;py-config&gt; &amp; &#x1F600; &bogus;</p>",
        "<script>var s = '<py-config>';</script>",
        "<style>py-config { display: none }</style>",
        "<!DOCTYPE html>",
        "<!-- unclosed comment",
        "<",
        "&",
    ))  # fmt: skip


def gen_page(r: random.Random) -> Case:
    companions: dict[str, str] = {}
    for name in ("pyscript.toml", "pyscript.json", "conf/worker.toml"):
        if r.random() < 0.4:
            data = config_data(r)
            companions[name] = json_text(r, data) if name.endswith("json") else toml_text(r, data)
    head = ""
    if r.random() < 0.9:
        url = CORE.format(r.choice(VERSIONS))
        head = f'<script type="module"{_attribute(r, "src", url)}></script>'
        if r.random() < 0.2:
            head += '<link rel="stylesheet" href="https://pyscript.net/releases/2024.1.1/core.css">'
    body = "\n".join(_element(r, companions) for _ in range(r.randrange(1, 5)))
    text = f"<!doctype html>\n<html><head>{head}</head>\n<body>\n{body}\n</body></html>\n"
    if r.random() < 0.1:
        text = text.replace("\n", "\r\n")
    return Case(r.choice(("index.html", "page.htm")), text, companions)


# --- mutations --------------------------------------------------------------------------


def _span(r: random.Random, text: str) -> tuple[int, int]:
    start = r.randrange(len(text) + 1)
    return start, min(len(text), start + r.randrange(1, 12))


def mutate_text(r: random.Random, text: str, donors: tuple[Seed, ...] = ()) -> str:
    """One to four random edits: flips, special characters, cuts, copies, splices."""
    for _ in range(r.randrange(1, 5)):
        op = r.random()
        start, end = _span(r, text)
        if op < 0.25:
            text = text[:start] + r.choice(SPECIAL) + text[start:]
        elif op < 0.4 and text:
            i = r.randrange(len(text))
            flipped = chr(ord(text[i]) ^ (1 << r.randrange(7)))
            text = text[:i] + flipped + text[i + 1 :]
        elif op < 0.55:
            text = text[:start] + text[end:]
        elif op < 0.65:
            text = text[:end] + text[start:end] + text[end:]
        elif op < 0.72:
            text = text[:start]
        elif op < 0.85 and donors:
            donor = r.choice(donors).text
            a, b = _span(r, donor)
            b = min(len(donor), a + r.randrange(1, 200))
            text = text[:start] + donor[a:b] + text[end:]
        elif op < 0.92:
            # Swap two lines: order matters in TOML tables and HTML nesting.
            lines = text.splitlines(keepends=True)
            if len(lines) > 1:
                i, j = r.randrange(len(lines)), r.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
                text = "".join(lines)
        else:
            text = text[:start] + r.choice(WORDS) + text[start:]
    return text


def mutate_case(r: random.Random, case: Case, donors: tuple[Seed, ...]) -> Case:
    if case.companions and r.random() < 0.3:
        name = r.choice(sorted(case.companions))
        companions = dict(case.companions)
        companions[name] = mutate_text(r, companions[name], donors)
        return Case(case.path, case.text, companions)
    return Case(case.path, mutate_text(r, case.text, donors), case.companions)


def mutated_seed(kind: str) -> Callable[[random.Random], Case]:
    def make(r: random.Random) -> Case:
        pool = seeds_by_kind()[kind]
        seed = r.choice(pool)
        return mutate_case(r, seed.case(), pool if r.random() < 0.7 else seeds())

    return make


def mutated_generated(make: Callable[[random.Random], Case]) -> Callable[[random.Random], Case]:
    def mutated(r: random.Random) -> Case:
        return mutate_case(r, make(r), seeds_by_kind()["toml"])

    return mutated


# The long run's mix: name -> (weight, maker). Small config mutations are the cheapest
# inputs and the most of them; pages are fewer and kept small.
GENERATORS: dict[str, tuple[float, Callable[[random.Random], Case]]] = {
    "toml-generated": (0.14, gen_toml),
    "json-generated": (0.08, gen_json),
    "page-generated": (0.08, gen_page),
    "toml-generated-mutated": (0.12, mutated_generated(gen_toml)),
    "json-generated-mutated": (0.06, mutated_generated(gen_json)),
    "page-generated-mutated": (0.06, mutated_generated(gen_page)),
    "toml-seed-mutated": (0.22, mutated_seed("toml")),
    "json-seed-mutated": (0.10, mutated_seed("json")),
    "html-seed-mutated": (0.14, mutated_seed("html")),
}


def pick_generator(r: random.Random) -> tuple[str, Callable[[random.Random], Case]]:
    x = r.random()
    for name, (weight, make) in GENERATORS.items():
        x -= weight
        if x < 0:
            return name, make
    name = next(reversed(GENERATORS))
    return name, GENERATORS[name][1]
