"""Helpers for the security tests: a socket blocker for child processes, and a small
stdio LSP client. (A unique module name: test folders share `sys.path`.)"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from lsp_wire import frame, read_message

# Loaded by every child Python through PYTHONPATH: Internet sockets, name lookups and
# connections are refused and written to $NETWORK_LOG. Unix sockets stay (asyncio's
# event loop wakes itself with a socketpair).
SITECUSTOMIZE = """
import os
import socket
import traceback

_LOG = os.environ["NETWORK_LOG"]


def _record(what, args):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{what} {args!r}\\n")
        log.write("".join(traceback.format_stack(limit=8)))
    raise OSError(f"network access blocked by the test: {what}")


class _Socket(socket.socket):
    def __init__(self, family=-1, type=-1, proto=-1, fileno=None):
        if fileno is None and family in (-1, socket.AF_INET, socket.AF_INET6):
            _record("socket", (family, type, proto))
        super().__init__(family, type, proto, fileno)


def _refuse(name):
    return lambda *args, **kwargs: _record(name, args)


socket.socket = _Socket
socket.create_connection = _refuse("create_connection")
socket.getaddrinfo = _refuse("getaddrinfo")
socket.gethostbyname = _refuse("gethostbyname")
"""


def blocked_env(directory: Path) -> tuple[dict[str, str], Path]:
    """An environment whose Python children cannot touch the network, and their log."""
    directory.mkdir(parents=True, exist_ok=True)
    (directory / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    log = directory / "network.log"
    log.write_text("", encoding="utf-8")
    env = dict(os.environ, NETWORK_LOG=str(log))
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(directory), env.get("PYTHONPATH")]))
    for name in ("NO_COLOR", "FORCE_COLOR", "PYSCRIPT_CONFIG_OUTPUT_FORMAT"):
        env.pop(name, None)
    return env, log


def converse(
    messages: list[dict[str, Any]], *, cwd: Path, env: dict[str, str], timeout: float = 60
) -> tuple[list[dict[str, Any]], int]:
    """Send `messages` to a stdio server, one at a time: a request waits for its
    response, a notification is followed by nothing. Returns what the server wrote,
    and its exit code (the last message should be `exit`)."""
    proc = subprocess.Popen(
        [sys.executable, "-m", "pyscript_config", "server"],
        cwd=cwd,
        env=env,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
    )
    assert proc.stdin is not None and proc.stdout is not None
    received: list[dict[str, Any]] = []
    deadline = time.monotonic() + timeout
    try:
        for message in messages:
            proc.stdin.write(frame({"jsonrpc": "2.0", **message}))
            proc.stdin.flush()
            if "id" not in message:
                continue
            while True:
                assert time.monotonic() < deadline, "the server took too long"
                answer = read_message(proc.stdout)
                assert answer is not None, "the server closed its output"
                received.append(answer)
                if answer.get("id") == message["id"] and "method" not in answer:
                    break
        proc.stdin.close()
        code = proc.wait(timeout=max(deadline - time.monotonic(), 1))
        while (rest := read_message(proc.stdout)) is not None:
            received.append(rest)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return received, code
