"""The sdist and the wheel, built, checked and installed the way users get them.

The build runs in a temporary copy of the tracked files (`git ls-files`): untracked junk
in a developer's tree cannot leak into the distributions, and nothing is written into the
repository. It is an isolated build, as pip and `python -m build` do it for users, so the
`[build-system]` requirements are really tested. One build serves every test here.
"""

from __future__ import annotations

import configparser
import json
import os
import shutil
import subprocess
import sys
import tarfile
import zipfile
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path, PurePosixPath

import pytest
from lsp_stdio import initialize_and_exit

from pyscript_config import __version__ as VERSION

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
PROJECT = "pyscript_config"  # the normalised project name that file names carry
WHEEL = f"{PROJECT}-{VERSION}-py3-none-any.whl"
SDIST = f"{PROJECT}-{VERSION}.tar.gz"
SDIST_ROOT = f"{PROJECT}-{VERSION}"
DIST_INFO = f"{PROJECT}-{VERSION}.dist-info"
SCHEMA = "schemas/pyscript.schema.json"
TIMEOUT = 300


@dataclass(frozen=True)
class Built:
    source: Path  # the copy of the tracked files that was built
    tracked: frozenset[str]  # their paths, relative, with forward slashes
    dist: Path

    @property
    def wheel(self) -> Path:
        return self.dist / WHEEL

    @property
    def sdist(self) -> Path:
        return self.dist / SDIST

    def package_files(self) -> set[str]:
        """Tracked files of the package, as the wheel names them (`pyscript_config/...`)."""
        return {p.removeprefix("server/") for p in self.tracked if p.startswith("server/")}


@dataclass(frozen=True)
class Installed:
    bin: Path  # PIPX_BIN_DIR: the `pyscript-config` launcher
    home: Path  # PIPX_HOME
    env: dict[str, str]


def _run(
    command: list[str], *, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command,
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )


def _ok(proc: subprocess.CompletedProcess[str]) -> subprocess.CompletedProcess[str]:
    assert proc.returncode == 0, f"{proc.args}\n{proc.stdout}\n{proc.stderr}"
    return proc


def _copy_tracked(destination: Path) -> frozenset[str]:
    listing = _ok(_run(["git", "ls-files", "-z"], cwd=REPO)).stdout
    copied = set()
    for name in listing.split("\0"):
        source = REPO / name
        if not name or not os.path.lexists(source):  # deleted in the work tree, not committed
            continue
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, target, follow_symlinks=False)
        copied.add(name)
    return frozenset(copied)


def _wheel_bytes(wheel: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def _sdist_bytes(sdist: Path) -> dict[str, bytes]:
    """Regular files by path inside the top folder (which every member must be under)."""
    files: dict[str, bytes] = {}
    with tarfile.open(sdist) as archive:
        for member in archive.getmembers():
            path = PurePosixPath(member.name)
            assert path.parts[0] == SDIST_ROOT and ".." not in path.parts, member.name
            if member.isfile():
                extracted = archive.extractfile(member)
                assert extracted is not None
                files[PurePosixPath(*path.parts[1:]).as_posix()] = extracted.read()
    return files


def _metadata(text: bytes) -> dict[str, list[str]]:
    message = HeaderParser().parsestr(text.decode("utf-8"))
    fields: dict[str, list[str]] = {}
    for key, value in message.items():
        fields.setdefault(key, []).append(value)
    return fields


def _tool_env(extra: dict[str, str]) -> dict[str, str]:
    """The environment without what could make the installed tool read the source tree
    or change its output."""
    dropped = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "FORCE_COLOR", "NO_COLOR"}
    env = {
        k: v for k, v in os.environ.items() if k not in dropped and not k.startswith("PYSCRIPT_")
    }
    return {**env, **extra}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Built:
    root = tmp_path_factory.mktemp("build")
    source = root / "source"
    tracked = _copy_tracked(source)
    dist = root / "dist"
    _ok(
        _run(
            [sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", str(dist), "."],
            cwd=source,
        )
    )
    return Built(source, tracked, dist)


@pytest.fixture(scope="module")
def wheel_from_sdist(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel pip makes when it installs from the sdist (an isolated build of it)."""
    out = tmp_path_factory.mktemp("from-sdist")
    _ok(
        _run(
            [sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", str(out), str(built.sdist)],
            cwd=out,
        )
    )
    wheels = sorted(out.glob("*.whl"))
    assert [w.name for w in wheels] == [WHEEL]
    return wheels[0]


@pytest.fixture(scope="module")
def installed(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Installed:
    root = tmp_path_factory.mktemp("pipx")
    env = _tool_env(
        {
            "PIPX_HOME": str(root / "home"),
            "PIPX_BIN_DIR": str(root / "bin"),
            "PIPX_MAN_DIR": str(root / "man"),
        }
    )
    _ok(_run([sys.executable, "-m", "pipx", "install", str(built.wheel)], cwd=root, env=env))
    return Installed(root / "bin", root / "home", env)


@pytest.fixture(scope="module")
def site(built: Built, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example site with the repository's settings file (which excludes
    examples/broken from directory walks), outside any source tree."""
    site = tmp_path_factory.mktemp("site")
    shutil.copytree(built.source / "examples", site / "examples", symlinks=True)
    shutil.copy2(built.source / "pyscript-config.toml", site / "pyscript-config.toml")
    return site


def _tool(installed: Installed, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return _run([str(installed.bin / "pyscript-config"), *args], cwd=cwd, env=installed.env)


def _from_source(built: Built, *args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    """The same command run from the copy of the tracked sources that was built."""
    env = _tool_env({"PYTHONPATH": str(built.source / "server")})
    return _run([sys.executable, "-m", "pyscript_config", *args], cwd=cwd, env=env)


# --- the build -------------------------------------------------------------------------


def test_one_sdist_and_one_wheel_named_with_the_version(built: Built) -> None:
    assert sorted(p.name for p in built.dist.iterdir()) == sorted([SDIST, WHEEL])


def test_twine_check_strict_passes(built: Built) -> None:
    proc = _ok(
        _run(
            [sys.executable, "-m", "twine", "check", "--strict", *map(str, built.dist.iterdir())],
            cwd=built.dist,
        )
    )
    output = proc.stdout + proc.stderr
    assert output.count("PASSED") == 2, output
    assert "WARNING" not in output and "ERROR" not in output and "FAILED" not in output


# --- the wheel -------------------------------------------------------------------------


def test_the_wheel_holds_exactly_the_tracked_package_files(built: Built) -> None:
    names = set(_wheel_bytes(built.wheel))
    package = {n for n in names if not n.startswith(f"{DIST_INFO}/")}
    assert package == built.package_files()
    modules = {n for n in package if n.endswith(".py")}
    tracked_modules = {
        p.removeprefix("server/")
        for p in built.tracked
        if p.startswith("server/pyscript_config/") and p.endswith(".py")
    }
    assert modules == tracked_modules
    assert "pyscript_config/py.typed" in package
    assert "pyscript_config/cli/main.py" in modules
    assert "pyscript_config/lsp/server.py" in modules


def test_the_wheel_has_no_tests_and_no_bytecode(built: Built) -> None:
    names = set(_wheel_bytes(built.wheel))
    assert [n for n in names if "__pycache__" in n or n.endswith((".pyc", ".pyo"))] == []
    assert [n for n in names if n.split("/")[0] in {"tests", "test"}] == []
    assert [n for n in names if n.rsplit("/", 1)[-1].startswith(("test_", "conftest"))] == []


def test_the_wheel_ships_the_schema_and_the_knowledge_byte_for_byte(built: Built) -> None:
    files = _wheel_bytes(built.wheel)
    schema = (built.source / SCHEMA).read_bytes()
    assert files["pyscript_config/data/pyscript.schema.json"] == schema
    knowledge = sorted(
        p
        for p in built.tracked
        if p.startswith("server/pyscript_config/knowledge/pyodide/") and p.endswith(".json")
    )
    assert {"versions.json", "graphs.json"} <= {p.rsplit("/", 1)[1] for p in knowledge}
    for path in knowledge:
        assert files[path.removeprefix("server/")] == (built.source / path).read_bytes(), path


def test_the_wheel_metadata(built: Built) -> None:
    files = _wheel_bytes(built.wheel)
    meta = _metadata(files[f"{DIST_INFO}/METADATA"])
    assert meta["Name"] == ["pyscript-config"]
    assert meta["Version"] == [VERSION]
    assert meta["Requires-Python"] == [">=3.10"]
    assert meta["License-Expression"] == ["Apache-2.0"]
    assert meta["Description-Content-Type"] == ["text/markdown"]
    assert files[f"{DIST_INFO}/licenses/LICENSE"] == (built.source / "LICENSE").read_bytes()
    entry_points = configparser.ConfigParser(delimiters=("=",))
    entry_points.read_string(files[f"{DIST_INFO}/entry_points.txt"].decode("utf-8"))
    assert entry_points.sections() == ["console_scripts"]
    assert dict(entry_points["console_scripts"]) == {
        "pyscript-config": "pyscript_config.cli.main:main"
    }


# --- the sdist -------------------------------------------------------------------------


def test_the_sdist_holds_the_sources(built: Built) -> None:
    files = _sdist_bytes(built.sdist)
    for name in ("pyproject.toml", "README.md", "LICENSE", SCHEMA):
        assert files.get(name) == (built.source / name).read_bytes(), name
    server = {p for p in built.tracked if p.startswith("server/")}
    assert server <= set(files)
    for path in server:
        assert files[path] == (built.source / path).read_bytes(), path
    assert _metadata(files["PKG-INFO"])["Version"] == [VERSION]
    # Apart from what setuptools generates, nothing but tracked files.
    generated = {"PKG-INFO", "setup.cfg"}
    extra = {
        n for n in files if n not in built.tracked and n not in generated and ".egg-info/" not in n
    }
    assert extra == set()
    assert [n for n in files if "__pycache__" in n or n.endswith(".pyc")] == []


def test_a_wheel_built_from_the_sdist_is_the_same(built: Built, wheel_from_sdist: Path) -> None:
    direct = _wheel_bytes(built.wheel)
    via_sdist = _wheel_bytes(wheel_from_sdist)
    assert sorted(via_sdist) == sorted(direct)
    differing = [
        name
        for name in direct
        if direct[name] != via_sdist[name] and not name.startswith(f"{DIST_INFO}/")
    ]
    assert differing == []


# --- installed with pipx ---------------------------------------------------------------


def test_pipx_installs_the_wheel_not_the_source_tree(installed: Installed) -> None:
    python = installed.home / "venvs" / "pyscript-config" / "bin" / "python"
    proc = _ok(
        _run(
            [str(python), "-c", "import pyscript_config; print(pyscript_config.__file__)"],
            cwd=installed.home,
            env=installed.env,
        )
    )
    location = Path(proc.stdout.strip()).resolve()
    assert location.is_relative_to(installed.home.resolve()), location
    assert "site-packages" in location.parts


def test_installed_version(installed: Installed, tmp_path: Path) -> None:
    proc = _tool(installed, "--version", cwd=tmp_path)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, f"pyscript-config {VERSION}\n", "")


def test_installed_validate_passes_the_example_site(installed: Installed, site: Path) -> None:
    proc = _tool(installed, "validate", "examples/", cwd=site)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "All checks passed!\n", "")


def test_installed_validate_reports_the_broken_examples_as_the_source_tree_does(
    installed: Installed, built: Built, site: Path
) -> None:
    args = ["validate", "--output-format", "json", "examples/broken"]
    proc = _tool(installed, *args, cwd=site)
    assert proc.returncode == 1, proc.stderr
    found = json.loads(proc.stdout)["diagnostics"]
    assert len(found) >= 10
    assert {d["path"].split("/")[0] for d in found} == {"examples"}
    source_tree = _from_source(built, *args, cwd=site)
    assert source_tree.returncode == 1, source_tree.stderr
    assert proc.stdout == source_tree.stdout


def test_installed_schema_is_the_committed_schema(
    installed: Installed, built: Built, tmp_path: Path
) -> None:
    proc = _tool(installed, "schema", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == (built.source / SCHEMA).read_text(encoding="utf-8")
    # Outside a source tree `--check` compares the model with the shipped copy only.
    check = _tool(installed, "schema", "--check", cwd=tmp_path)
    assert (check.returncode, check.stdout, check.stderr) == (0, "", "")


def test_installed_rules_lists_every_rule(
    installed: Installed, built: Built, tmp_path: Path
) -> None:
    # The rule catalogue is found by scanning the package: a wheel missing a module of it
    # would list fewer rules than the sources.
    proc = _tool(installed, "rules", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    codes = [line.split()[0] for line in proc.stdout.splitlines()]
    assert len(codes) >= 20 and all(code.startswith("PSC") for code in codes), codes
    assert proc.stdout == _ok(_from_source(built, "rules", cwd=tmp_path)).stdout


def test_installed_server_answers_initialize(installed: Installed, tmp_path: Path) -> None:
    exchange = initialize_and_exit(
        [str(installed.bin / "pyscript-config"), "server"], cwd=tmp_path, env=installed.env
    )
    result = exchange.initialize["result"]
    assert result["serverInfo"] == {"name": "pyscript-config", "version": VERSION}
    assert result["capabilities"]["textDocumentSync"]["change"] == 2  # incremental
    assert exchange.shutdown == {"jsonrpc": "2.0", "id": 2, "result": None}
    assert exchange.exit_code == 0, exchange.stderr
