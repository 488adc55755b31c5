"""The packaged extension (editors/vscode/dist/pyscript-config.vsix, built by
tests/setup.sh): what is inside, and that it cannot drift from the Python side — the
version, the schema, and the settings the server understands."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import zipfile
from collections.abc import Iterator
from dataclasses import fields
from pathlib import Path
from typing import Any

import pytest
from vscode_helpers import EXTENSION, REPO, VSIX, node, require_build

from pyscript_config import __version__
from pyscript_config.lsp.settings_map import SECTION, parse
from pyscript_config.settings import Settings

SOURCE_MANIFEST = EXTENSION / "package.json"
# Settings of the extension itself, not of the analysis: never sent to the server.
CLIENT_ONLY = {"server.command", "server.interpreter", "trace.server"}
# A value of the right type for each contributed type, and one of the wrong type.
GOOD = {"string": "2026.7.3", "array": ["PSC1"], "object": {"PSC101": "hint"}, "integer": 1000}
BAD = {"string": 7, "array": 7, "object": 7, "integer": "big"}


@pytest.fixture(scope="module")
def vsix() -> Iterator[zipfile.ZipFile]:
    require_build()
    with zipfile.ZipFile(VSIX) as archive:
        assert archive.testzip() is None
        yield archive


@pytest.fixture(scope="module")
def manifest(vsix: zipfile.ZipFile) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(vsix.read("extension/package.json"))
    return data


def contributed_settings(manifest: dict[str, Any]) -> dict[str, dict[str, Any]]:
    properties: dict[str, dict[str, Any]] = manifest["contributes"]["configuration"]["properties"]
    prefix = f"{SECTION}."
    assert all(key.startswith(prefix) for key in properties)
    return {key.removeprefix(prefix): value for key, value in properties.items()}


def json_type(schema: dict[str, Any]) -> str:
    kind = schema["type"]
    types = [kind] if isinstance(kind, str) else [t for t in kind if t != "null"]
    assert len(types) == 1, schema
    return str(types[0])


def test_vsix_holds_the_bundle_and_nothing_else(vsix: zipfile.ZipFile) -> None:
    names = set(vsix.namelist())
    assert {
        "extension/package.json",
        "extension/dist/extension.js",
        "extension/schemas/pyscript.schema.json",
        "extension/readme.md",
        "extension/LICENSE.txt",
        "extension.vsixmanifest",
    } <= names
    assert not [n for n in names if "node_modules" in n]
    # Sources, tests, scripts and the launch module stay out (.vscodeignore).
    assert not [n for n in names if n.startswith(("extension/src/", "extension/test/"))]
    assert not [n for n in names if n.startswith("extension/scripts/")]
    assert "extension/dist/serverOptions.js" not in names
    assert "extension/dist/pyscript-config.vsix" not in names
    # The client library is bundled into extension.js, `vscode` is left to the host.
    bundle = vsix.read("extension/dist/extension.js").decode("utf-8")
    assert 'require("vscode")' in bundle
    assert "vscode-languageclient" not in {
        m for m in re.findall(r'require\("([^"]+)"\)', bundle) if not m.startswith("node:")
    }


def test_schema_and_licence_are_the_repository_copies(vsix: zipfile.ZipFile) -> None:
    assert (
        vsix.read("extension/schemas/pyscript.schema.json")
        == (REPO / "schemas" / "pyscript.schema.json").read_bytes()
    )
    assert vsix.read("extension/LICENSE.txt") == (REPO / "LICENSE").read_bytes()


def test_version_is_the_python_package_version(manifest: dict[str, Any]) -> None:
    assert manifest["version"] == __version__
    source = json.loads(SOURCE_MANIFEST.read_text(encoding="utf-8"))
    assert source["version"] == __version__
    lock = json.loads((EXTENSION / "package-lock.json").read_text(encoding="utf-8"))
    assert lock["version"] == __version__
    assert lock["packages"][""]["version"] == __version__


def test_sync_version_script(tmp_path: Path) -> None:
    # A copy of the layout with another __version__: --check fails the build with the
    # fix, and a plain run writes the version into package.json and the lock file.
    node_bin = node()
    ext = tmp_path / "editors" / "vscode"
    (ext / "scripts").mkdir(parents=True)
    shutil.copy(EXTENSION / "scripts" / "sync-version.mjs", ext / "scripts")
    shutil.copy(SOURCE_MANIFEST, ext / "package.json")
    shutil.copy(EXTENSION / "package-lock.json", ext / "package-lock.json")
    init = tmp_path / "server" / "pyscript_config" / "__init__.py"
    init.parent.mkdir(parents=True)
    init.write_text('"""Doc."""\n\n__version__ = "9.8.7"\n', encoding="utf-8")
    script = str(ext / "scripts" / "sync-version.mjs")
    check = subprocess.run(
        [node_bin, script, "--check"], capture_output=True, text=True, check=False, timeout=60
    )
    assert check.returncode == 1
    assert check.stderr.strip() == (
        f"editors/vscode/package.json has version {__version__}, pyscript_config.__version__ is "
        "9.8.7: run `npm run --prefix editors/vscode sync-version`"
    )
    sync = subprocess.run(
        [node_bin, script], capture_output=True, text=True, check=False, timeout=60
    )
    assert sync.returncode == 0, sync.stderr
    assert sync.stdout.strip() == f"version {__version__} -> 9.8.7"
    assert json.loads((ext / "package.json").read_text(encoding="utf-8"))["version"] == "9.8.7"
    lock = json.loads((ext / "package-lock.json").read_text(encoding="utf-8"))
    assert (lock["version"], lock["packages"][""]["version"]) == ("9.8.7", "9.8.7")
    again = subprocess.run(
        [node_bin, script, "--check"], capture_output=True, text=True, check=False, timeout=60
    )
    assert (again.returncode, again.stderr) == (0, "")


def test_analysis_settings_are_the_ones_the_server_parses(manifest: dict[str, Any]) -> None:
    settings = contributed_settings(manifest)
    analysis = {k: v for k, v in settings.items() if k not in CLIENT_ONLY}
    assert set(settings) >= CLIENT_ONLY

    # Every contributed key is read by settings_map.parse: a good value is taken (one
    # field given, no problem), a value of the wrong type is reported under its name.
    given: set[str] = set()
    for key, schema in analysis.items():
        kind = json_type(schema)
        good = parse({SECTION: {key: GOOD[kind]}})
        assert good.problems == (), key
        assert len(good.given) == 1, key
        given |= good.given
        bad = parse({key: BAD[kind]})
        assert len(bad.problems) == 1, key
        assert bad.problems[0].startswith(key), (key, bad.problems)

    # All at once, as the extension sends them: nothing reported.
    everything = parse({key: GOOD[json_type(schema)] for key, schema in analysis.items()})
    assert everything.problems == ()
    assert everything.given == given

    # And every setting the server can take from an editor is contributed: the
    # Settings fields it fills are all of them but the settings file's path globs.
    editor_fields = {f.name for f in fields(Settings)} - {"per_file_ignores"}
    assert given == editor_fields


def test_contributed_defaults_are_not_for_sending(manifest: dict[str, Any]) -> None:
    # The defaults shown in VS Code's settings UI parse to the server's defaults, but
    # `select: []` still counts as given and would replace a settings file's `select`:
    # that is why the extension sends only the values the user set (serverSection).
    settings = contributed_settings(manifest)
    defaults = {k: v["default"] for k, v in settings.items() if k not in CLIENT_ONLY}
    parsed = parse(defaults)
    assert parsed.problems == ()
    assert parsed.settings == Settings()
    assert "select" in parsed.given


def test_contributions(manifest: dict[str, Any]) -> None:
    assert manifest["name"] == "pyscript-config"
    assert manifest["publisher"] == "pyscript-config"
    assert manifest["license"] == "Apache-2.0"
    assert manifest["main"] == "./dist/extension.js"
    assert manifest["repository"]["url"] == "https://github.com/pyscript-config/pyscript-config.git"
    assert {
        "onLanguage:html",
        "workspaceContains:**/pyscript.toml",
        "workspaceContains:**/pyscript.json",
        "workspaceContains:**/pyscript-config.toml",
    } <= set(manifest["activationEvents"])
    # VS Code has no TOML language: without this, .toml files are plain text and the
    # document selector's `toml` never matches.
    assert {"id": "toml", "aliases": ["TOML", "toml"], "extensions": [".toml"]} in manifest[
        "contributes"
    ]["languages"]
    titles = {
        c["command"]: f"{c['category']}: {c['title']}" for c in manifest["contributes"]["commands"]
    }
    assert titles == {
        "pyscript-config.restartServer": "PyScript Config: Restart Server",
        "pyscript-config.showOutput": "PyScript Config: Show Output",
    }
    assert manifest["contributes"]["jsonValidation"] == [
        {"fileMatch": "pyscript.json", "url": "./schemas/pyscript.schema.json"}
    ]
    # taplo (Even Better TOML) and Tombi both read this; Tombi requires fileMatch.
    assert manifest["contributes"]["tomlValidation"] == [
        {"fileMatch": "pyscript.toml", "url": "./schemas/pyscript.schema.json"}
    ]
    # The program that runs cannot come from an untrusted workspace's settings.
    restricted = manifest["capabilities"]["untrustedWorkspaces"]["restrictedConfigurations"]
    assert set(restricted) == {f"{SECTION}.server.command", f"{SECTION}.server.interpreter"}


def test_engine_matches_the_client_library(manifest: dict[str, Any]) -> None:
    require_build()
    client = json.loads(
        (EXTENSION / "node_modules" / "vscode-languageclient" / "package.json").read_text(
            encoding="utf-8"
        )
    )
    assert manifest["engines"]["vscode"] == client["engines"]["vscode"]
    types = json.loads(
        (EXTENSION / "node_modules" / "@types" / "vscode" / "package.json").read_text(
            encoding="utf-8"
        )
    )
    assert f"^{types['version']}" == manifest["engines"]["vscode"]


def test_node_unit_tests_pass() -> None:
    require_build()
    files = ["test/serverOptions.test.mjs", "test/extension.test.mjs"]
    declared = sum(
        len(re.findall(r"^\s*test\(", (EXTENSION / f).read_text(encoding="utf-8"), re.M))
        for f in files
    )
    completed = subprocess.run(
        [node(), "--test", *files],
        cwd=EXTENSION,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert completed.returncode == 0, completed.stdout + completed.stderr
    counts = dict(re.findall(r"^# (tests|pass|fail|skipped|todo) (\d+)$", completed.stdout, re.M))
    assert counts == {
        "tests": str(declared),
        "pass": str(declared),
        "fail": "0",
        "skipped": "0",
        "todo": "0",
    }


def test_setup_builds_the_extension() -> None:
    lines = (REPO / "tests" / "setup.sh").read_text(encoding="utf-8").splitlines()
    assert "npm ci --prefix editors/vscode --no-audit --no-fund" in lines
    assert "npm run --prefix editors/vscode package" in lines
    ignored = (REPO / ".gitignore").read_text(encoding="utf-8").splitlines()
    assert {"editors/vscode/node_modules/", "editors/vscode/dist/"} <= set(ignored)
