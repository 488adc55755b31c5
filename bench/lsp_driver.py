"""A small LSP client over stdio: the same driver for our server and for tombi's.

Our own JSON-RPC framing (no pygls), so both servers are timed by identical code. A
reader thread stamps every message with `time.perf_counter()` the moment its frame is
complete; requests wait for their response by id, and notifications (diagnostics) are
kept with their arrival time, so edit→diagnostics is measured from the send to the
arrival of the matching `textDocument/publishDiagnostics`.

Requests the server sends to the client (`workspace/configuration`, capability
registration, progress tokens) get a neutral answer at once, as an editor would.
"""

from __future__ import annotations

import json
import os
import queue
import subprocess
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

JSON = Any


class LspError(RuntimeError):
    """The server answered with an error, went away, or did not answer in time."""


@dataclass
class Message:
    at: float  # perf_counter() when the frame was complete
    body: dict[str, JSON]


@dataclass
class Diagnostics:
    at: float
    uri: str
    version: int | None
    items: list[dict[str, JSON]]


@dataclass
class _State:
    responses: dict[int, Message] = field(default_factory=dict)
    diagnostics: list[Diagnostics] = field(default_factory=list)
    closed: bool = False


class LspClient:
    """Starts `command` and speaks LSP to it over its stdin/stdout."""

    def __init__(
        self,
        command: Sequence[str],
        cwd: str | None = None,
        env: dict[str, str] | None = None,
        stderr_path: str | None = None,
    ) -> None:
        self._stderr = open(stderr_path or os.devnull, "wb")  # noqa: SIM115 (closed in close())
        self.process = subprocess.Popen(
            list(command),
            cwd=cwd,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._stderr,
        )
        self._next_id = 0
        self._write_lock = threading.Lock()
        self._cond = threading.Condition()
        self._state = _State()
        self._outgoing: queue.Queue[dict[str, JSON]] = queue.Queue()
        self._reader = threading.Thread(target=self._read_loop, daemon=True)
        self._reader.start()
        self.capabilities: dict[str, JSON] = {}

    @property
    def pid(self) -> int:
        return self.process.pid

    # --- framing -----------------------------------------------------------------------

    def _send(self, body: dict[str, JSON]) -> None:
        data = json.dumps(body, separators=(",", ":")).encode("utf-8")
        stdin = self.process.stdin
        if stdin is None:
            raise LspError("the server has no stdin")
        with self._write_lock:
            try:
                stdin.write(b"Content-Length: %d\r\n\r\n" % len(data) + data)
                stdin.flush()
            except (BrokenPipeError, OSError) as error:
                raise LspError(f"the server went away: {error}") from error

    def _read_loop(self) -> None:
        stdout = self.process.stdout
        assert stdout is not None
        while True:
            length = None
            while True:
                line = stdout.readline()
                if not line:
                    self._finish()
                    return
                line = line.strip()
                if not line:
                    break
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value.strip())
            if length is None:
                continue
            data = stdout.read(length)
            at = time.perf_counter()
            if len(data) < length:
                self._finish()
                return
            self._dispatch(Message(at, json.loads(data)))

    def _finish(self) -> None:
        with self._cond:
            self._state.closed = True
            self._cond.notify_all()

    def _dispatch(self, message: Message) -> None:
        body = message.body
        if "id" in body and "method" in body:
            self._answer_server_request(body)
            return
        with self._cond:
            if "id" in body:
                self._state.responses[int(body["id"])] = message
            elif body.get("method") == "textDocument/publishDiagnostics":
                params = body.get("params") or {}
                self._state.diagnostics.append(
                    Diagnostics(
                        message.at,
                        str(params.get("uri")),
                        params.get("version"),
                        list(params.get("diagnostics") or []),
                    )
                )
            self._cond.notify_all()

    def _answer_server_request(self, body: dict[str, JSON]) -> None:
        result: JSON = None
        if body["method"] == "workspace/configuration":
            items = (body.get("params") or {}).get("items") or []
            result = [None for _ in items]
        self._send({"jsonrpc": "2.0", "id": body["id"], "result": result})

    # --- requests and notifications ----------------------------------------------------

    def notify(self, method: str, params: JSON) -> float:
        """Send a notification; returns the time just before it was written."""
        at = time.perf_counter()
        self._send({"jsonrpc": "2.0", "method": method, "params": params})
        return at

    def request(self, method: str, params: JSON, timeout: float = 60.0) -> tuple[JSON, float]:
        """Send a request and wait for its answer: (result, seconds from send to answer)."""
        body, seconds = self.request_raw(method, params, timeout)
        if "error" in body:
            raise LspError(f"{method}: {body['error']}")
        return body.get("result"), seconds

    def request_raw(
        self, method: str, params: JSON, timeout: float = 60.0
    ) -> tuple[dict[str, JSON], float]:
        """Like `request`, but an error answer is returned, not raised."""
        self._next_id += 1
        ident = self._next_id
        start = time.perf_counter()
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        message: Message = self._wait(lambda s: s.responses.pop(ident, None), timeout, method)
        return message.body, message.at - start

    def _wait(self, find: Callable[[_State], Any], timeout: float, what: str) -> Any:
        deadline = time.perf_counter() + timeout
        with self._cond:
            while True:
                found = find(self._state)
                if found is not None:
                    return found
                if self._state.closed:
                    raise LspError(f"the server exited while waiting for {what}")
                left = deadline - time.perf_counter()
                if left <= 0:
                    raise LspError(f"no answer to {what} in {timeout:.0f} s")
                self._cond.wait(left)

    def wait_diagnostics(
        self,
        uri: str,
        since: float,
        accept: Callable[[Diagnostics], bool] | None = None,
        timeout: float = 60.0,
    ) -> Diagnostics:
        """The first diagnostics for `uri` that arrived after `since` and that `accept`
        takes (by default any)."""

        def find(state: _State) -> Diagnostics | None:
            for item in state.diagnostics:
                if item.uri == uri and item.at >= since and (accept is None or accept(item)):
                    return item
            return None

        found: Diagnostics = self._wait(find, timeout, f"diagnostics of {uri}")
        return found

    def drop_diagnostics(self) -> None:
        with self._cond:
            self._state.diagnostics.clear()

    # --- the LSP life cycle ------------------------------------------------------------

    def initialize(self, root: str, options: JSON = None) -> dict[str, JSON]:
        from pathlib import Path

        root_uri = Path(root).resolve().as_uri()
        params = {
            "processId": os.getpid(),
            "clientInfo": {"name": "pyscript-config-bench", "version": "1"},
            "rootUri": root_uri,
            "rootPath": str(Path(root).resolve()),
            "workspaceFolders": [{"uri": root_uri, "name": Path(root).name}],
            "initializationOptions": options,
            "capabilities": {
                "general": {"positionEncodings": ["utf-16"]},
                "textDocument": {
                    "synchronization": {"didSave": True, "dynamicRegistration": False},
                    "completion": {
                        "completionItem": {"snippetSupport": True, "labelDetailsSupport": True}
                    },
                    "hover": {"contentFormat": ["markdown", "plaintext"]},
                    "publishDiagnostics": {"relatedInformation": True, "versionSupport": True},
                },
                "workspace": {"configuration": True, "workspaceFolders": True},
            },
        }
        result, _ = self.request("initialize", params)
        self.capabilities = dict((result or {}).get("capabilities") or {})
        self.notify("initialized", {})
        return self.capabilities

    def incremental(self) -> bool:
        """Whether the server takes incremental changes (else whole documents)."""
        sync = self.capabilities.get("textDocumentSync")
        kind = sync.get("change") if isinstance(sync, dict) else sync
        return kind == 2

    def open(self, uri: str, language: str, text: str, version: int = 1) -> float:
        item = {"uri": uri, "languageId": language, "version": version, "text": text}
        return self.notify("textDocument/didOpen", {"textDocument": item})

    def change(self, uri: str, version: int, changes: list[dict[str, JSON]]) -> float:
        return self.notify(
            "textDocument/didChange",
            {"textDocument": {"uri": uri, "version": version}, "contentChanges": changes},
        )

    def close(self) -> int | None:
        """Shut down politely, then make sure the process is gone."""
        try:
            if self.process.poll() is None:
                self.request("shutdown", None, timeout=10)
                self.notify("exit", None)
                self.process.wait(timeout=10)
        except (LspError, subprocess.TimeoutExpired):
            if self.process.poll() is None:
                self.process.kill()
                self.process.wait(timeout=10)
        finally:
            for stream in (self.process.stdin, self.process.stdout):
                if stream is not None:
                    stream.close()
            self._stderr.close()
        return self.process.returncode


def rss_kib(pid: int) -> int:
    """Resident set size of a process, from /proc/<pid>/status (Linux)."""
    with open(f"/proc/{pid}/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    raise LspError(f"no VmRSS for process {pid}")


def labels(completion: JSON) -> list[str]:
    """The labels of a completion answer (a list or a CompletionList)."""
    items = completion.get("items", []) if isinstance(completion, dict) else completion or []
    return [str(item.get("label")) for item in items]


def hover_text(hover: JSON) -> str:
    """The text of a hover answer, whatever its content shape."""
    if not isinstance(hover, dict):
        return ""
    contents = hover.get("contents")
    parts = contents if isinstance(contents, list) else [contents]
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
        elif isinstance(part, dict):
            out.append(str(part.get("value", "")))
    return "\n".join(out)
