"""What every measurement shares: tools, a hermetic environment, timing, table rows.

Each measurement runs the two sides in one process, alternately (A B A B …), so that
a burst of machine noise hits both rather than one; one untimed run of each side
comes first, so that both start with the files in the page cache.
"""

from __future__ import annotations

import os
import shutil
import statistics
import subprocess
import sys
import sysconfig
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DEAD_PROXY = "http://127.0.0.1:9"  # the discard port: any network request fails at once
PEERS = ("check-jsonschema", "tombi", "taplo")
INSTALL_HINT = "pip install -r bench/requirements.txt"


class BenchError(RuntimeError):
    """A tool failed, gave a wrong answer, or is missing: the numbers would be meaningless."""


def tool(name: str) -> str | None:
    """The executable installed with this Python, else one on PATH (None: missing)."""
    for folder in (Path(sys.executable).parent, Path(sysconfig.get_path("scripts"))):
        candidate = folder / name
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    return shutil.which(name)


def need(name: str) -> str:
    found = tool(name)
    if found is None:
        raise BenchError(f"{name} is not installed: {INSTALL_HINT}")
    return found


def missing_tools() -> list[str]:
    return [name for name in ("pyscript-config", *PEERS) if tool(name) is None]


def hermetic_env(home: Path) -> dict[str, str]:
    """The environment every tool runs in: a private home and caches, no colours, and
    proxies that refuse, so that no tool reaches the network (tombi fetches SchemaStore's
    catalog by default).

    Python may cache bytecode, in a folder of the work dir: with PYTHONDONTWRITEBYTECODE
    (set in some sandboxes and CI images) every process would compile our modules from
    source, about 130 ms a start, which an installed wheel never pays (pip compiles
    .pyc files at install time, as it did for the peers)."""
    home.mkdir(parents=True, exist_ok=True)
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.lower().endswith("_proxy")
        and not key.startswith(("TOMBI_", "TAPLO_", "PYSCRIPT_CONFIG_"))
        and key != "PYTHONDONTWRITEBYTECODE"
    }
    env.update(
        {
            "PYTHONPYCACHEPREFIX": str(home.parent / "pycache"),
            "HOME": str(home),
            "XDG_CACHE_HOME": str(home / ".cache"),
            "XDG_CONFIG_HOME": str(home / ".config"),
            "TOMBI_CACHE_HOME": str(home / ".cache" / "tombi"),
            "NO_COLOR": "1",
            "RUST_LOG_STYLE": "never",
            "NO_PROXY": "",
            "no_proxy": "",
        }
    )
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY"):
        env[name] = env[name.lower()] = DEAD_PROXY
    return env


@dataclass(frozen=True)
class Command:
    """A command, where it runs, and the exit code that means it did its job."""

    argv: Sequence[str]
    cwd: Path
    env: dict[str, str]
    code: int = 0

    def run(self) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            list(self.argv),
            cwd=self.cwd,
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            check=False,
        )

    def timed(self) -> float:
        """Wall-clock seconds of one run, start-up included; a wrong exit code is an error."""
        start = time.perf_counter()
        done = self.run()
        elapsed = time.perf_counter() - start
        if done.returncode != self.code:
            shown = " ".join(self.argv)
            raise BenchError(
                f"{shown} (in {self.cwd}) exited {done.returncode}, expected {self.code}:\n"
                f"{(done.stdout + done.stderr)[-2000:]}"
            )
        return elapsed


def interleave(
    a: Callable[[], float], b: Callable[[], float], runs: int, warmup: int = 1
) -> tuple[list[float], list[float]]:
    """Times of `a` and `b`, run alternately `runs` times each after `warmup` untimed
    rounds."""
    for _ in range(warmup):
        a()
        b()
    first: list[float] = []
    second: list[float] = []
    for _ in range(runs):
        first.append(a())
        second.append(b())
    return first, second


@dataclass
class Row:
    """One line of the table. `ours` and `peer` are samples in `unit`; the ratio is
    median(ours) / median(peer), and it meets the target when ≤ `target`."""

    name: str
    what: str
    ours: list[float]
    peer_name: str = ""
    peer: list[float] = field(default_factory=list)
    target: float | None = None
    unit: str = "ms"
    note: str = ""

    @property
    def ratio(self) -> float | None:
        if not self.ours or not self.peer:
            return None
        peer = statistics.median(self.peer)
        return statistics.median(self.ours) / peer if peer else None

    @property
    def verdict(self) -> str:
        if self.target is None or self.ratio is None:
            return "–"
        return "met" if self.ratio <= self.target else "NOT MET"


def seconds_to_ms(values: list[float]) -> list[float]:
    return [v * 1000 for v in values]


def summary(values: list[float], unit: str) -> str:
    """`median (min–max)` in the row's unit."""
    if not values:
        return "–"
    digits = 1 if unit in ("ms", "MB") else 2
    if unit == "ms" and statistics.median(values) < 10:
        digits = 2
    med, low, high = statistics.median(values), min(values), max(values)
    return f"{med:.{digits}f} ({low:.{digits}f}–{high:.{digits}f}) {unit}"


@dataclass
class Context:
    """What a measurement gets: the generated inputs, the environment, how many runs."""

    root: Path  # the work folder (inputs live under it, see generate.inputs_at)
    env: dict[str, str]
    runs: int | None  # None: each measurement's own default
    quick: bool
    notes: list[str] = field(default_factory=list)

    def runs_or(self, default: int) -> int:
        if self.runs is not None:
            return self.runs
        return 2 if self.quick else default
