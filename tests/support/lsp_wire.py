"""LSP base-protocol framing for the tests that talk to a server process byte by byte
(the abuse tests, the no-network tests, the packaging check): one reader and one writer
so that all of them read frames the same way."""

from __future__ import annotations

import json
from typing import IO, Any


def frame(message: Any) -> bytes:
    """`message` as one framed JSON-RPC message (written as given: no `jsonrpc` added,
    so that malformed messages can be sent too)."""
    body = json.dumps(message).encode("utf-8")
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def read_message(stream: IO[bytes]) -> dict[str, Any] | None:
    """The next framed message, or None at the end of the stream."""
    length: int | None = None
    while True:
        line = stream.readline()
        if not line:
            return None
        line = line.rstrip(b"\r\n")
        if not line:
            break
        name, _, value = line.partition(b":")
        if name.strip().lower() == b"content-length":
            length = int(value.strip())
    if length is None:
        raise ValueError("the server wrote a frame without Content-Length")
    message: dict[str, Any] = json.loads(stream.read(length))
    return message
