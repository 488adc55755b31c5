"""Regenerate the Pyodide package index shipped in `pyscript_config/knowledge/pyodide/`.

    python scripts/generate_pyodide_index.py [--cache DIR] [--offline]

Sources (npm tarballs, fetched with `npm pack` into the cache folder):

- `pyodide@<version>`: `pyodide-lock.json`, the package list each Pyodide release ships
  (distribution names, versions, import names, unvendored CPython modules);
- `polyscript@<version>`: `esm/interpreter/pyodide_graph.js`, the table PyScript's
  "might not support" check uses, for every polyscript version the release table names;
- `npm view pyodide versions` and `npm view @micropython/micropython-webassembly-pyscript
  versions`: the interpreter versions that exist on the CDN.

Output (compact, deterministic JSON, committed):

- `<pyodide version>.json`: `{"pyodide", "python", "packages": {name: version},
  "imports": {import name: distribution name}, "cpython_modules": [...], "graph": [...]}`,
  where `graph` (absent when no polyscript graph covers the version) is the list of names
  PyScript's check accepts, in the case of the newest case-sensitive graph that has it;
- `graphs.json`: per polyscript version of the release table, the Pyodide versions its
  graph covers and whether it compares names case-sensitively (`"case": "exact"`) or
  lower-cased (`"lower"`);
- `versions.json`: every Pyodide and MicroPython version published on npm.

See docs/knowledge.md for what each rule takes from these files.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys
import tarfile
import tempfile
from typing import Any

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "server", "pyscript_config", "knowledge", "pyodide")
sys.path.insert(0, os.path.join(ROOT, "server"))

from pyscript_config.knowledge.releases import RELEASES  # noqa: E402

# Pyodide versions wanted beyond the release table and the graphs' coverage.
EXTRA_PYODIDE = ("0.28.3",)
MICROPYTHON_NPM = "@micropython/micropython-webassembly-pyscript"
FIRST_GRAPH_POLYSCRIPT = (0, 19, 6)  # the package check appeared in PyScript 2025.10.1


def _key(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in re.findall(r"\d+", version))


def npm_pack(name: str, version: str, cache: str, offline: bool) -> str | None:
    """Path of the `name@version` tarball in `cache`, packing it with npm if needed."""
    stem = name.lstrip("@").replace("/", "-")
    path = os.path.join(cache, f"{stem}-{version}.tgz")
    if os.path.exists(path):
        return path
    if offline:
        return None
    subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--pack-destination", cache],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return path


def npm_versions(name: str) -> list[str]:
    out = subprocess.run(
        ["npm", "view", name, "versions", "--json"], check=True, capture_output=True, text=True
    ).stdout
    versions: list[str] = json.loads(out)
    return versions


def read_member(tarball: str, member: str) -> str | None:
    with tarfile.open(tarball) as archive:
        try:
            handle = archive.extractfile(member)
        except KeyError:
            return None
        return None if handle is None else handle.read().decode("utf-8")


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def index_from_lock(version: str, lock: dict[str, Any]) -> dict[str, Any]:
    """The parts of a pyodide-lock.json the rules use."""
    packages: dict[str, str] = {}
    imports: dict[str, str] = {}
    cpython: list[str] = []
    for key, info in sorted(lock["packages"].items()):
        kind = info.get("package_type", "package")
        name = info.get("name", key)
        if kind == "cpython_module":
            cpython.append(name)
            continue
        if kind != "package" or key.endswith("-tests"):
            continue
        packages[name] = info.get("version", "")
        for module in info.get("imports", []):
            if _normal(module) != _normal(name):
                # Lock order is name order, so the first distribution wins stably.
                imports.setdefault(module, name)
    return {
        "pyodide": version,
        "python": lock.get("info", {}).get("python", ""),
        "packages": packages,
        "imports": dict(sorted(imports.items())),
        "cpython_modules": sorted(cpython),
    }


def parse_graph(source: str) -> dict[str, set[str]]:
    """{pyodide version: names} of one pyodide_graph.js (compact or older dict format)."""
    compact = re.search(r"new Proxy\(\s*(\{'v':.*?\}\}),\s*\{", source, re.S)
    if compact:
        data = json.loads(compact.group(1).replace("'", '"'))
        versions: list[str] = data["v"]
        found: dict[str, set[str]] = {v: set() for v in versions}
        for name, indices in data["p"].items():
            for index in indices:
                found[versions[index]].add(name)
        return found
    body = re.search(r"export default (\{.*\});?\s*$", source, re.S)
    if not body:
        raise SystemExit("unknown pyodide_graph.js format")
    text = re.sub(r",(\s*[}\]])", r"\1", body.group(1).replace("'", '"'))
    return {version: set(names) for version, names in json.loads(text).items()}


def collect_graphs(
    cache: str, offline: bool, on_npm: set[str] | None
) -> tuple[dict[str, dict[str, Any]], dict[str, dict[str, set[str]]]]:
    """Graph facts per release-table polyscript version, and the names of each graph.

    npm lacks a few polyscript versions: those borrow the nearest older published graph,
    plus the default Pyodide of the releases that bundle them.
    """
    graphs: dict[str, dict[str, Any]] = {}
    names: dict[str, dict[str, set[str]]] = {}
    previous: str | None = None
    for release in RELEASES:
        poly = release.polyscript
        if _key(poly) < FIRST_GRAPH_POLYSCRIPT:
            continue
        if poly in graphs:
            if graphs[poly]["source"].startswith("borrowed"):
                graphs[poly]["pyodide"] = sorted(
                    set(graphs[poly]["pyodide"]) | {release.pyodide}, key=_key
                )
            continue
        tarball = None
        if on_npm is None or poly in on_npm:
            tarball = npm_pack("polyscript", poly, cache, offline)
        source = tarball and read_member(tarball, "package/esm/interpreter/pyodide_graph.js")
        if source:
            table = parse_graph(source)
            lowered = all(n == n.lower() for found in table.values() for n in found)
            names[poly] = table
            graphs[poly] = {
                "case": "lower" if lowered else "exact",
                "pyodide": sorted((v for v in table if v[0].isdigit()), key=_key),
                "source": f"polyscript@{poly}",
            }
            previous = poly
        elif previous is not None:
            names[poly] = names[previous]
            graphs[poly] = {
                "case": graphs[previous]["case"],
                "pyodide": sorted(set(graphs[previous]["pyodide"]) | {release.pyodide}, key=_key),
                "source": f"borrowed from polyscript@{previous}: polyscript@{poly} is not on npm",
            }
    return graphs, names


def graph_names(
    version: str, graphs: dict[str, dict[str, Any]], names: dict[str, dict[str, set[str]]]
) -> list[str] | None:
    """The names PyScript's check accepts for `version`, or None when no graph has it.

    Taken from the newest graph that has the version, preferring a case-sensitive one
    (its names keep the lock's case, and lower-casing them gives the newer graphs' names).
    """
    own = [p for p in graphs if not graphs[p]["source"].startswith("borrowed")]
    covering = sorted((p for p in own if version in names[p]), key=_key, reverse=True)
    if not covering:
        return None
    exact = [p for p in covering if graphs[p]["case"] == "exact"]
    return sorted(names[(exact or covering)[0]][version])


def write_json(path: str, data: object, *, indent: int | None = None) -> None:
    separators = (",", ":") if indent is None else None
    with open(path, "w", encoding="utf-8") as handle:
        handle.write(json.dumps(data, sort_keys=True, indent=indent, separators=separators))
        handle.write("\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--cache", default=os.path.join(tempfile.gettempdir(), "pyscript-config-npm")
    )
    parser.add_argument("--out", default=OUT)
    parser.add_argument(
        "--offline",
        action="store_true",
        help="use only tarballs already in the cache and the committed versions.json",
    )
    args = parser.parse_args()
    os.makedirs(args.cache, exist_ok=True)
    os.makedirs(args.out, exist_ok=True)

    if args.offline:
        with open(os.path.join(args.out, "versions.json"), encoding="utf-8") as handle:
            published = json.load(handle)
        on_npm = None
    else:
        published = {
            "micropython": npm_versions(MICROPYTHON_NPM),
            "pyodide": npm_versions("pyodide"),
        }
        on_npm = set(npm_versions("polyscript"))

    graphs, names = collect_graphs(args.cache, args.offline, on_npm)
    wanted = {r.pyodide for r in RELEASES} | set(EXTRA_PYODIDE)
    for info in graphs.values():
        wanted |= set(info["pyodide"])
    written = 0
    for version in sorted(wanted, key=_key):
        if version not in published["pyodide"]:
            print(f"pyodide {version}: not on npm, skipped", file=sys.stderr)
            continue
        tarball = npm_pack("pyodide", version, args.cache, args.offline)
        text = tarball and read_member(tarball, "package/pyodide-lock.json")
        if not text:
            print(f"pyodide {version}: no pyodide-lock.json, skipped", file=sys.stderr)
            continue
        index = index_from_lock(version, json.loads(text))
        accepted = graph_names(version, graphs, names)
        if accepted is not None:
            index["graph"] = accepted
            differ = {n.lower() for n in accepted} ^ {n.lower() for n in index["packages"]}
            if differ:
                print(
                    f"pyodide {version}: graph and lock differ on {len(differ)} names "
                    "(the graph is what the runtime checks)",
                    file=sys.stderr,
                )
        write_json(os.path.join(args.out, f"{version}.json"), index)
        written += 1
    write_json(os.path.join(args.out, "graphs.json"), graphs, indent=1)
    write_json(os.path.join(args.out, "versions.json"), published)
    print(f"wrote {written} Pyodide indexes and graph facts for {len(graphs)} polyscript versions")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
