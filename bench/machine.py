"""A description of the machine and tools a run used, for the report."""

from __future__ import annotations

import os
import platform
import subprocess
import sys

from .common import tool


def cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def os_name() -> str:
    try:
        with open("/etc/os-release", encoding="utf-8") as release:
            for line in release:
                if line.startswith("PRETTY_NAME="):
                    return line.split("=", 1)[1].strip().strip('"')
    except OSError:
        pass
    return platform.system()


def version_of(name: str, *args: str) -> str:
    path = tool(name)
    if path is None:
        return "missing"
    done = subprocess.run([path, *args], capture_output=True, text=True, timeout=60, check=False)
    return (done.stdout or done.stderr).strip().splitlines()[0] if done.returncode == 0 else "?"


def load() -> str:
    one, five, fifteen = os.getloadavg()
    return f"{one:.2f}, {five:.2f}, {fifteen:.2f}"


def code_state() -> str:
    """The commit measured, and whether server/ had changes not yet committed."""
    from .common import REPO

    def git(*args: str) -> str:
        done = subprocess.run(
            ["git", *args], cwd=REPO, capture_output=True, text=True, timeout=60, check=False
        )
        return done.stdout.strip() if done.returncode == 0 else ""

    commit = git("rev-parse", "--short", "HEAD") or "unknown"
    dirty = git("status", "--porcelain", "--", "server")
    return commit + (" + uncommitted changes in server/" if dirty else "")


def describe() -> list[tuple[str, str]]:
    return [
        ("Code", code_state()),
        ("CPU", f"{cpu_model()}, {os.cpu_count()} cores"),
        ("OS", f"{os_name()} (Linux {platform.release()})"),
        ("Python", f"{platform.python_implementation()} {sys.version.split()[0]}"),
        ("pyscript-config", version_of("pyscript-config", "--version")),
        ("check-jsonschema", version_of("check-jsonschema", "--version")),
        ("tombi", version_of("tombi", "--version")),
        ("taplo", version_of("taplo", "--version")),
    ]
