"""The language server under abuse, through a raw stdio client writing its own frames.

pytest-lsp cannot send a broken frame, so these tests write bytes to a real
`python -m pyscript_config server` process. After each abuse the server must still
answer a real request correctly (`healthy`), and where edits were made, the
diagnostics it publishes for the final text must equal `validate`'s for the same
text on disk (code, severity, message, range).

Out-of-range edits follow VS Code's text model (vscode-languageserver-textdocument):
the two ends of a range are put in order, a line past the end means the end of the
text, a column past the end of a line means the end of that line's content. Negative
positions are not LSP (`uinteger`): such a notification is dropped and logged. An
edit whose version is older than the last one is applied all the same: messages
arrive in order, and an incremental edit skipped would leave the server's text
different from the editor's for good.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from lsp_wire import frame, read_message

SERVER = [sys.executable, "-m", "pyscript_config", "server"]
TIMEOUT = 30.0
CONFIG = 'name = "demo"\npackages = ["numpy"]\n'
SEVERITY = {"error": 1, "warning": 2, "information": 3, "info": 3, "hint": 4}

Message = dict[str, Any]


class RawServer:
    """A server process and everything it wrote, read by a thread."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.stderr = (cwd / "server-stderr.log").open("wb")
        self.proc = subprocess.Popen(
            SERVER, cwd=cwd, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=self.stderr
        )
        self.messages: list[Message] = []
        self.closed = False
        self.changed = threading.Condition()
        self.next_id = 0
        threading.Thread(target=self._pump, daemon=True).start()

    def _pump(self) -> None:
        stream = self.proc.stdout
        assert stream is not None
        try:
            while (message := read_message(stream)) is not None:
                with self.changed:
                    self.messages.append(message)
                    self.changed.notify_all()
        finally:
            with self.changed:
                self.closed = True
                self.changed.notify_all()

    def write(self, data: bytes) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message: Message) -> None:
        self.write(frame({"jsonrpc": "2.0", **message}))

    def notify(self, method: str, params: Any) -> None:
        self.send({"method": method, "params": params})

    def wait(
        self, predicate: Callable[[Message], bool], timeout: float = TIMEOUT, start: int = 0
    ) -> Message:
        """The first message from index `start` on that satisfies `predicate`."""
        deadline = time.monotonic() + timeout
        with self.changed:
            while True:
                for message in self.messages[start:]:
                    if predicate(message):
                        return message
                remaining = deadline - time.monotonic()
                if self.closed or remaining <= 0:
                    raise AssertionError(
                        "no such message; the server "
                        + ("closed its output" if self.closed else "took too long")
                    )
                self.changed.wait(remaining)

    def request(self, method: str, params: Any = None, timeout: float = TIMEOUT) -> Message:
        self.next_id += 1
        msg_id = self.next_id
        message: Message = {"id": msg_id, "method": method}
        if params is not None:
            message["params"] = params
        self.send(message)
        return self.response(msg_id, timeout)

    def response(self, msg_id: Any, timeout: float = TIMEOUT) -> Message:
        return self.wait(lambda m: m.get("id") == msg_id and "method" not in m, timeout)

    def nameless_errors(self) -> list[tuple[int, str]]:
        """Errors answered to messages that had no usable id."""
        with self.changed:
            return [
                (m["error"]["code"], m["error"]["message"])
                for m in self.messages
                if "error" in m and m.get("id") is None
            ]

    def initialize(self, root: Path) -> None:
        answer = self.request(
            "initialize",
            {"processId": None, "rootUri": root.as_uri(), "capabilities": {}},
        )
        assert answer["result"]["capabilities"]["textDocumentSync"]["change"] == 2
        self.notify("initialized", {})

    def published(
        self, uri: str, predicate: Callable[[Message], bool] = lambda _p: True
    ) -> list[Message]:
        """The diagnostics of the first publication for `uri` satisfying `predicate`."""
        found = self.wait(
            lambda m: (
                m.get("method") == "textDocument/publishDiagnostics"
                and m["params"]["uri"] == uri
                and predicate(m["params"])
            )
        )
        diagnostics: list[Message] = found["params"]["diagnostics"]
        return diagnostics

    def exit_code(self, timeout: float = TIMEOUT) -> int:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        return self.proc.wait(timeout)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.kill()
        self.proc.wait()
        self.stderr.close()


# --- fixtures and checks --------------------------------------------------------------


@pytest.fixture
def site(tmp_path: Path) -> Path:
    (tmp_path / "pyscript.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


@pytest.fixture
def fresh(site: Path) -> Iterator[RawServer]:
    """A started server, not initialized."""
    server = RawServer(site)
    yield server
    server.stop()


@pytest.fixture
def server(fresh: RawServer, site: Path) -> RawServer:
    fresh.initialize(site)
    return fresh


def healthy(server: RawServer, site: Path) -> None:
    """A real request, answered correctly: hover on the `packages` key of a config."""
    answer = server.request(
        "textDocument/hover",
        {
            "textDocument": {"uri": (site / "pyscript.toml").as_uri()},
            "position": {"line": 1, "character": 2},
        },
    )
    result = answer["result"]
    assert result["range"] == {
        "start": {"line": 1, "character": 0},
        "end": {"line": 1, "character": 8},
    }
    assert "packages" in result["contents"]["value"]


def open_doc(server: RawServer, path: Path, text: str, version: int = 1) -> str:
    uri = path.as_uri()
    language = {".toml": "toml", ".json": "json"}.get(path.suffix, "html")
    server.notify(
        "textDocument/didOpen",
        {"textDocument": {"uri": uri, "languageId": language, "version": version, "text": text}},
    )
    return uri


def edit(start: tuple[int, int], end: tuple[int, int], text: str) -> dict[str, Any]:
    return {
        "range": {
            "start": {"line": start[0], "character": start[1]},
            "end": {"line": end[0], "character": end[1]},
        },
        "text": text,
    }


def change(server: RawServer, uri: str, version: int, *changes: dict[str, Any]) -> None:
    server.notify(
        "textDocument/didChange",
        {"textDocument": {"uri": uri, "version": version}, "contentChanges": list(changes)},
    )


def lsp_summary(diagnostics: list[Message]) -> list[tuple[Any, ...]]:
    return sorted(
        (
            d["code"],
            d["severity"],
            d["message"],
            d["range"]["start"]["line"],
            d["range"]["start"]["character"],
            d["range"]["end"]["line"],
            d["range"]["end"]["character"],
        )
        for d in diagnostics
    )


def validate_summary(path: Path, text: str) -> list[tuple[Any, ...]]:
    """`validate`'s diagnostics for `text` written at `path` (ASCII text: a column
    is a UTF-16 unit)."""
    assert text.isascii()
    path.write_text(text, encoding="utf-8", newline="")
    completed = subprocess.run(
        [*SERVER[:3], "validate", "--output-format", "json", "--isolated", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    found = json.loads(completed.stdout)["diagnostics"]
    return sorted(
        (
            d["code"],
            SEVERITY[d["severity"]],
            d["message"],
            d["range"]["start"]["line"] - 1,
            d["range"]["start"]["column"] - 1,
            d["range"]["end"]["line"] - 1,
            d["range"]["end"]["column"] - 1,
        )
        for d in found
    )


# --- framing and JSON-RPC ---------------------------------------------------------------


def test_broken_frames_are_answered_and_the_server_goes_on(server: RawServer, site: Path) -> None:
    cases: list[tuple[bytes, tuple[int, str] | None]] = [
        # Not JSON, and not UTF-8: a parse error with a null id.
        (b"Content-Length: 9\r\n\r\n{not json", (-32700, "Parse error: Expecting property")),
        (b"Content-Length: 2\r\n\r\n\xff\xfe", (-32700, "Parse error: ")),
        # JSON, but not a request object.
        (frame([1, 2]), (-32600, "Invalid request: a batch (LSP has no batches)")),
        (frame("hello"), (-32600, "Invalid request: not an object")),
        (frame({"jsonrpc": "2.0"}), (-32600, 'Invalid request: no "method"')),
        # A batch holding a shutdown: refused as a whole, so the server is not shut down.
        (
            frame([{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}]),
            (-32600, "Invalid request: a batch (LSP has no batches)"),
        ),
        # A header whose length is not a number: no frame at all, nothing to answer.
        (b"Content-Length: abc\r\n\r\n", None),
        # A length too short: the first 5 bytes are not JSON; the rest of the body is
        # skipped up to the next header, even with the header on the same line.
        (b'Content-Length: 5\r\n\r\n{"jsonrpc": "2.0", "method": "x"}', (-32700, "Parse error: ")),
        # A header name in another case, and an extra Content-Type header: accepted.
        (
            b"content-length: 41\r\nContent-Type: application/vscode-jsonrpc; charset=utf-8"
            b'\r\n\r\n{"jsonrpc":"2.0","method":"x/y","id":"s"}',
            None,
        ),
    ]
    expected: list[tuple[int, str]] = []
    for data, error in cases:
        server.write(data)
        healthy(server, site)
        errors = server.nameless_errors()
        if error is not None:
            expected.append(error)
        assert len(errors) == len(expected), data
        pairs = zip(errors, expected, strict=True)
        assert [(code, text[: len(want)]) for (code, text), (_c, want) in pairs] == expected
    # The request in another-case headers was read and answered as a request.
    assert server.response("s")["error"] == {"code": -32601, "message": "Method Not Found: x/y"}
    assert server.proc.poll() is None


def test_a_request_without_jsonrpc_is_refused_with_its_id(server: RawServer, site: Path) -> None:
    server.write(frame({"id": 6, "method": "textDocument/hover", "params": {}}))
    assert server.response(6)["error"] == {
        "code": -32600,
        "message": 'Invalid request: "jsonrpc" must be "2.0" and "method" a string',
    }
    server.write(frame({"jsonrpc": "1.0", "id": 7, "method": "shutdown"}))
    assert server.response(7)["error"]["code"] == -32600
    # A notification without jsonrpc has no one to answer: dropped.
    server.write(frame({"method": "textDocument/didOpen", "params": {}}))
    healthy(server, site)
    assert server.nameless_errors() == []


def test_unknown_methods(server: RawServer, site: Path) -> None:
    answer = server.request("pyscript/noSuchThing", {"x": 1})
    assert answer == {
        "jsonrpc": "2.0",
        "id": server.next_id,
        "error": {"code": -32601, "message": "Method Not Found: pyscript/noSuchThing"},
    }
    start = len(server.messages)
    server.notify("pyscript/noSuchNotification", {"x": 1})
    server.notify("$/somethingOptional", {})
    healthy(server, site)
    # The notifications got no answer of any kind (the hover's response only).
    assert [m.get("id") for m in server.messages[start:]] == [server.next_id]


def test_invalid_params_get_an_invalid_params_response(server: RawServer, site: Path) -> None:
    hover = "textDocument/hover"
    bad: list[tuple[str, Any]] = [
        (hover, {"textDocument": 3}),
        (hover, None),  # no params at all
        (
            hover,
            {"textDocument": {"uri": "file:///x.toml"}, "position": {"line": -1, "character": 0}},
        ),
        ("textDocument/completion", {"textDocument": {"uri": 5}, "position": "start"}),
    ]
    for method, params in bad:
        answer = server.request(method, params)
        assert answer["error"] == {"code": -32602, "message": f"Invalid params for {method}"}
        assert answer["id"] == server.next_id
        healthy(server, site)
    # A notification with bad params cannot be answered: dropped, and the server goes on.
    server.notify("textDocument/didOpen", {"textDocument": {"uri": 1}})
    healthy(server, site)
    assert server.nameless_errors() == []


# --- document synchronisation -------------------------------------------------------------


def test_edits_outside_the_document_and_out_of_order_versions(
    server: RawServer, site: Path
) -> None:
    path = site / "edited" / "pyscript.toml"
    path.parent.mkdir()
    uri = open_doc(server, path, 'name = "demo"')  # one line, no final line break
    # A line past the end: the end of the text.
    change(server, uri, 2, edit((7, 3), (9, 0), "\npackages = 1"))
    # A column past the end of the last line: the end of that line ("1" is replaced).
    change(server, uri, 3, edit((1, 11), (1, 999), '"numpy"'))
    # The end before the start: the same range, put in order ("name" → "nam").
    change(server, uri, 4, edit((0, 4), (0, 0), "nam"))
    # Negative positions are not LSP: the notification is dropped.
    change(server, uri, 5, edit((-1, 0), (0, 0), "garbage = [\n"))
    # A document that is not open: ignored.
    change(server, (site / "closed.toml").as_uri(), 1, edit((0, 0), (0, 0), "x"))
    # Several changes in one notification apply one after the other.
    change(server, uri, 10, edit((0, 3), (0, 3), "e"), edit((0, 0), (0, 4), "nam"))
    # An older version after a newer one: applied (a trailing line break).
    change(server, uri, 6, edit((1, 999), (1, 999), "\n"))
    final = 'nam = "demo"\npackages = "numpy"\n'
    diagnostics = server.published(uri, lambda p: p.get("version") == 6)
    healthy(server, site)
    summary = lsp_summary(diagnostics)
    assert [row[0] for row in summary] == ["PSC101", "PSC102"]  # "nam", then "numpy"
    assert summary == validate_summary(path, final)


def test_ten_thousand_rapid_edits(server: RawServer, site: Path) -> None:
    path = site / "rapid" / "pyscript.toml"
    path.parent.mkdir()
    uri = open_doc(server, path, 'pakages = 1\npackages = [""]\n')
    frames = []
    text = 'packages = [""]'
    for index in range(10_000):
        # Insert a letter, every third time delete the one before it again.
        column = 13 + (index // 3)
        if index % 3 == 2:
            frames.append(
                frame(
                    {
                        "jsonrpc": "2.0",
                        "method": "textDocument/didChange",
                        "params": {
                            "textDocument": {"uri": uri, "version": index + 2},
                            "contentChanges": [edit((1, column), (1, column + 1), "")],
                        },
                    }
                )
            )
            text = text[:column] + text[column + 1 :]
        else:
            letter = "ab"[index % 3]
            position = column + index % 3
            frames.append(
                frame(
                    {
                        "jsonrpc": "2.0",
                        "method": "textDocument/didChange",
                        "params": {
                            "textDocument": {"uri": uri, "version": index + 2},
                            "contentChanges": [edit((1, position), (1, position), letter)],
                        },
                    }
                )
            )
            text = text[:position] + letter + text[position:]
    started = time.monotonic()
    server.write(b"".join(frames))
    diagnostics = server.published(uri, lambda p: p.get("version") == 10_001)
    elapsed = time.monotonic() - started
    healthy(server, site)
    final = "pakages = 1\n" + text + "\n"
    assert len(text) == len('packages = [""]') + 3334  # +2 -1 for each 3 edits, then +1
    assert elapsed < 30
    summary = lsp_summary(diagnostics)
    assert "PSC100" in [row[0] for row in summary]
    assert summary == validate_summary(path, final)


def test_a_50_mb_document(server: RawServer, site: Path) -> None:
    big = site / "big.html"
    text = "<!-- " + "x" * (50 * 1024 * 1024 - 9) + " -->"
    assert len(text) == 50 * 1024 * 1024
    uri = open_doc(server, big, text)
    started = time.monotonic()
    healthy(server, site)  # another document, answered while the big one is around
    assert time.monotonic() - started < 20
    diagnostics = server.published(uri)
    assert diagnostics == [
        {
            "range": {"start": {"line": 0, "character": 0}, "end": {"line": 0, "character": 0}},
            "severity": 3,
            "code": "PSC004",
            "codeDescription": diagnostics[0]["codeDescription"],
            "source": "pyscript-config",
            "message": "file is 52,428,800 bytes, over the 5,242,880 byte limit; not checked "
            "(no diagnostics, completion or hover for it)",
        }
    ]
    answer = server.request(
        "textDocument/hover",
        {"textDocument": {"uri": uri}, "position": {"line": 0, "character": 3}},
    )
    assert answer["result"] is None
    change(server, uri, 2, {"text": "<p>small now</p>\n"})
    assert server.published(uri, lambda p: p.get("version") == 2) == []
    healthy(server, site)


def test_binary_content(server: RawServer, site: Path) -> None:
    nul = site / "nul" / "pyscript.toml"
    nul.parent.mkdir()
    nul_text = 'packages = ["a\x00b"]\n\x00\x01\x02'
    nul_uri = open_doc(server, nul, nul_text)
    nul_diagnostics = server.published(nul_uri)
    healthy(server, site)
    # JSON escapes a lone surrogate as \ud800: a string no file on disk can hold.
    odd = site / "surrogate" / "pyscript.toml"
    odd.parent.mkdir()
    odd_uri = open_doc(server, odd, 'name = "\ud800"\npakages = 1\n')
    odd_diagnostics = server.published(odd_uri)
    healthy(server, site)
    assert sorted(d["code"] for d in odd_diagnostics) == ["PSC001", "PSC100", "PSC600"]
    (surrogate,) = [d for d in odd_diagnostics if d["code"] == "PSC001"]
    assert surrogate["message"] == (
        "invalid TOML: invalid character U+D800 (text is not valid UTF-8)"
    )
    assert surrogate["range"] == {
        "start": {"line": 0, "character": 8},
        "end": {"line": 0, "character": 9},
    }
    assert lsp_summary(nul_diagnostics) == validate_summary(nul, nul_text)
    assert [d["code"] for d in nul_diagnostics] == ["PSC005"]


def test_closing_documents_that_are_not_open(server: RawServer, site: Path) -> None:
    never = (site / "never-opened.toml").as_uri()
    server.notify("textDocument/didClose", {"textDocument": {"uri": never}})
    server.notify("textDocument/didClose", {"textDocument": {"uri": "untitled:Untitled-1"}})
    healthy(server, site)
    # Twice the same document: open, close, close.
    path = site / "twice" / "pyscript.toml"
    path.parent.mkdir()
    uri = open_doc(server, path, "pakages = 1\n")
    assert [d["code"] for d in server.published(uri)] == ["PSC100"]
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    server.notify("textDocument/didClose", {"textDocument": {"uri": uri}})
    healthy(server, site)
    assert server.published(uri, lambda p: p["diagnostics"] == []) == []
    assert server.nameless_errors() == []


# --- lifecycle ----------------------------------------------------------------------------


def test_requests_before_initialize(fresh: RawServer, site: Path) -> None:
    position = {"line": 1, "character": 2}
    document = {"uri": (site / "pyscript.toml").as_uri()}
    answer = fresh.request("textDocument/hover", {"textDocument": document, "position": position})
    assert answer["error"] == {
        "code": -32002,
        "message": "textDocument/hover: the server is not initialized yet",
    }
    assert fresh.request("shutdown")["error"]["code"] == -32002
    fresh.initialize(site)
    healthy(fresh, site)
    again = fresh.request("initialize", {"processId": None, "capabilities": {}})
    assert again["error"] == {"code": -32600, "message": "initialize was already sent"}
    healthy(fresh, site)


def test_requests_after_shutdown_then_exit(server: RawServer, site: Path) -> None:
    assert server.request("shutdown") == {"jsonrpc": "2.0", "id": server.next_id, "result": None}
    answer = server.request(
        "textDocument/hover",
        {
            "textDocument": {"uri": (site / "pyscript.toml").as_uri()},
            "position": {"line": 0, "character": 0},
        },
    )
    assert answer["error"] == {
        "code": -32600,
        "message": "textDocument/hover: the server is shutting down",
    }
    server.notify("exit", None)
    assert server.exit_code() == 0


def test_exit_without_shutdown(server: RawServer, site: Path) -> None:
    healthy(server, site)
    server.notify("exit", None)
    assert server.exit_code() == 1


def test_end_of_input_without_exit(server: RawServer, site: Path) -> None:
    healthy(server, site)
    assert server.exit_code() == 1  # the client went away: not a clean shutdown


# --- the edit model itself, in-process ----------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "text", "start", "end", "new", "expected"),
    [
        ("utf-16", "\U0001f600ab\r\ncd", (0, 2), (0, 3), "X", "\U0001f600Xb\r\ncd"),
        ("utf-8", "\U0001f600ab\r\ncd", (0, 4), (0, 5), "X", "\U0001f600Xb\r\ncd"),
        ("utf-32", "\U0001f600ab\r\ncd", (0, 1), (0, 2), "X", "\U0001f600Xb\r\ncd"),
        # Past the end of a line with \r\n: the end of its content, before the break.
        ("utf-16", "\U0001f600ab\r\ncd", (0, 99), (1, 1), "X", "\U0001f600abXd"),
        ("utf-16", "ab", (3, 0), (0, 1), "X", "aX"),
    ],
)
def test_apply_change_columns(
    encoding: str,
    text: str,
    start: tuple[int, int],
    end: tuple[int, int],
    new: str,
    expected: str,
) -> None:
    from lsprotocol import types
    from pygls.workspace.position_codec import PositionCodec

    from pyscript_config.lsp.edits import apply_change

    partial = types.TextDocumentContentChangePartial(
        range=types.Range(
            start=types.Position(line=start[0], character=start[1]),
            end=types.Position(line=end[0], character=end[1]),
        ),
        text=new,
    )
    codec = PositionCodec(types.PositionEncodingKind(encoding))
    assert apply_change(text, partial, codec) == expected
