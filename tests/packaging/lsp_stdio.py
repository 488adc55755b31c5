"""One short LSP conversation with a server process over stdio: initialize, shutdown, exit.

The packaging tests start servers that are not importable in-process (a pipx-installed
tool, an interpreter with a patched `__version__`), so they need the wire protocol itself.
The reader runs in a thread feeding a queue, so a server that never answers costs a
timeout, not a hung test run. (A unique module name: test folders share `sys.path`.)
"""

from __future__ import annotations

import queue
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lsp_wire import frame, read_message

INITIALIZE_ID = 1
SHUTDOWN_ID = 2


@dataclass(frozen=True)
class Exchange:
    """What the server answered, and how it ended."""

    initialize: dict[str, Any]
    shutdown: dict[str, Any]
    exit_code: int
    stderr: str


def _pump(stream: IO[bytes], inbox: queue.Queue[dict[str, Any] | None]) -> None:
    try:
        while (message := read_message(stream)) is not None:
            inbox.put(message)
    finally:
        inbox.put(None)


def _response(
    inbox: queue.Queue[dict[str, Any] | None], request_id: int, deadline: float
) -> dict[str, Any]:
    """The response to `request_id`; notifications (log messages) on the way are skipped."""
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError(f"no response to request {request_id}")
        message = inbox.get(timeout=remaining)
        if message is None:
            raise EOFError(f"the server closed its output before answering request {request_id}")
        if message.get("id") == request_id and "method" not in message:
            return message


def initialize_and_exit(
    command: list[str], *, cwd: Path, env: dict[str, str], timeout: float = 60.0
) -> Exchange:
    """Send `initialize`, `initialized`, `shutdown` and `exit`, one step at a time."""
    log = cwd / "server-stderr.log"
    with log.open("wb") as stderr:
        proc = subprocess.Popen(
            command, cwd=cwd, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=stderr
        )
    assert proc.stdin is not None and proc.stdout is not None
    inbox: queue.Queue[dict[str, Any] | None] = queue.Queue()
    threading.Thread(target=_pump, args=(proc.stdout, inbox), daemon=True).start()
    deadline = time.monotonic() + timeout

    def send(message: dict[str, Any]) -> None:
        assert proc.stdin is not None
        proc.stdin.write(frame({"jsonrpc": "2.0", **message}))
        proc.stdin.flush()

    try:
        send(
            {
                "id": INITIALIZE_ID,
                "method": "initialize",
                "params": {"processId": None, "rootUri": None, "capabilities": {}},
            }
        )
        initialize = _response(inbox, INITIALIZE_ID, deadline)
        send({"method": "initialized", "params": {}})
        send({"id": SHUTDOWN_ID, "method": "shutdown"})
        shutdown = _response(inbox, SHUTDOWN_ID, deadline)
        send({"method": "exit"})
        proc.stdin.close()
        exit_code = proc.wait(timeout=max(deadline - time.monotonic(), 1.0))
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return Exchange(
        initialize, shutdown, exit_code, log.read_text(encoding="utf-8", errors="replace")
    )
