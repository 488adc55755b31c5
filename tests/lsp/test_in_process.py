"""In-process checks of the server's pieces: failures are contained, plain helpers stay
free of pygls, settings map as documented, positions at the edges of a text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from pyscript_config.diagnostics import Severity
from pyscript_config.lsp.positions import Snapshot
from pyscript_config.lsp.server import PyscriptServer
from pyscript_config.lsp.settings_map import parse
from pyscript_config.text import Span

PLAIN = [
    "pyscript_config.query",
    "pyscript_config.lsp.actions",
    "pyscript_config.lsp.checking",
    "pyscript_config.lsp.completions",
    "pyscript_config.lsp.debounce",
    "pyscript_config.lsp.hovers",
    "pyscript_config.lsp.html_docs",
    "pyscript_config.lsp.navigation",
    "pyscript_config.lsp.outline",
    "pyscript_config.lsp.overlay",
    "pyscript_config.lsp.paths",
    "pyscript_config.lsp.settings_map",
    "pyscript_config.lsp.workspace_files",
]


def test_a_failing_check_is_logged_and_the_document_gets_no_diagnostics(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    server = PyscriptServer()
    logged: list[tuple[types.MessageType, str]] = []
    monkeypatch.setattr(server, "log", lambda level, message: logged.append((level, message)))

    def boom(path: str) -> None:
        raise RuntimeError("a rule exploded")

    monkeypatch.setattr(server.checker, "document", boom)
    assert server.lsp_diagnostics("/site/index.html") is None
    assert len(logged) == 1
    level, message = logged[0]
    assert level == types.MessageType.Error
    assert message.startswith(
        "pyscript-config: checking /site/index.html failed (RuntimeError: a rule exploded); "
        "no diagnostics for it."
    )
    assert "Traceback" in message


def test_plain_helpers_do_not_import_pygls() -> None:
    code = (
        "import json, sys\n"
        f"for name in {PLAIN!r}: __import__(name)\n"
        "print(json.dumps(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, check=True
    )
    loaded = json.loads(completed.stdout)
    assert "pygls" not in loaded
    assert "lsprotocol" not in loaded


def test_settings_mapping() -> None:
    given = parse(
        {
            "pyscript-config": {
                "pyscriptVersion": "2025.8.1",
                "ignore": ["PSC101"],
                "select": "PSC1, PSC2",
                "severity": {"psc103": "warn", "PSC100": "nonsense"},
                "allowedKeys": ["theme"],
            }
        }
    )
    settings = given.settings
    assert settings.pyscript_version == "2025.8.1"
    assert settings.ignore == ("PSC101",)
    assert settings.select == ("PSC1", "PSC2")
    assert settings.severity_overrides == {"PSC103": Severity.WARNING}
    assert settings.allowed_keys == frozenset({"theme"})
    assert given.problems == ("severity of PSC100 must be error, warning, info or hint",)
    assert parse({"ignore": 3}).problems == ("ignore must be a list of strings",)


@pytest.mark.parametrize(
    ("text", "offset", "expected"),
    [
        ("", 0, (0, 0)),
        ("abc", 3, (0, 3)),
        ("abc\n", 4, (1, 0)),
        ("a\r\nb", 4, (1, 1)),
        ("😀x", 1, (0, 2)),
        ("x", 99, (0, 1)),
    ],
)
def test_snapshot_positions_at_the_edges(text: str, offset: int, expected: tuple[int, int]) -> None:
    snap = Snapshot("file:///a.toml", text, None, PositionCodec(types.PositionEncodingKind.Utf16))
    position = snap.client_position_at_offset(offset)
    assert (position.line, position.character) == expected
    assert snap.offset_at_position(position) == min(offset, len(text))
    assert snap.span(snap.range(Span(0, min(offset, len(text))))) == Span(0, min(offset, len(text)))


def test_tcp_listens_on_loopback_by_default() -> None:
    import socket
    import time

    from pyscript_config.cli.main import build_parser

    args = build_parser().parse_args(["server", "--tcp"])
    assert (args.host, args.port) == ("127.0.0.1", 2087)

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen(
        [sys.executable, "-m", "pyscript_config", "server", "--tcp", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = socket.create_connection(("127.0.0.1", port), timeout=5)
                break
            except OSError:
                assert time.monotonic() < deadline, "the server did not start listening"
                time.sleep(0.1)
        with connection:
            body = json.dumps(
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}}}
            ).encode()
            connection.sendall(b"Content-Length: %d\r\n\r\n" % len(body) + body)
            received = b""
            while b'"serverInfo"' not in received:
                chunk = connection.recv(65536)
                assert chunk, "connection closed before the initialize result"
                received += chunk
        assert b'"name": "pyscript-config"' in received
    finally:
        process.kill()
        process.wait(timeout=30)
