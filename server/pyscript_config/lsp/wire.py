"""Reading JSON-RPC messages off stdio without trusting them.

pygls's own loop answers nothing when a message is not JSON, not an object, has no
`jsonrpc` member or has params of the wrong shape, so a client waiting for that
request waits forever; and after one frame whose Content-Length was wrong, the rest
of its body is glued to the next header line, which then never matches: every later
message is lost. This loop answers each broken request with the JSON-RPC error a
client can act on (-32700, -32600, -32602, with the request's id when it has one)
and finds the next `Content-Length` header even behind leftover bytes.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Awaitable
from typing import Any, Protocol

from lsprotocol import types
from pygls.exceptions import JsonRpcException, JsonRpcInvalidParams
from pygls.protocol import JsonRPCProtocol

logger = logging.getLogger(__name__)

# `search`, not `match`: bytes left over from a frame whose length was wrong may
# precede the header on the same line.
_CONTENT_LENGTH = re.compile(rb"Content-Length:[ \t]*(\d{1,12})[ \t]*$", re.IGNORECASE)

PARSE_ERROR = -32700
INVALID_REQUEST = -32600
INVALID_PARAMS = -32602


class AsyncReader(Protocol):
    def readline(self) -> Awaitable[bytes]: ...

    def readexactly(self, n: int) -> Awaitable[bytes]: ...


async def serve_messages(
    stop: threading.Event, reader: AsyncReader, protocol: JsonRPCProtocol
) -> None:
    """Read frames until end of input (or `stop`), handing each body to `deliver`."""
    length: int | None = None
    while not stop.is_set():
        line = await reader.readline()
        if not line:
            return
        content = line.rstrip(b"\r\n")
        if content:
            found = _CONTENT_LENGTH.search(content)
            if found is not None:
                length = int(found.group(1))
            continue
        if length is None:
            continue  # a blank line outside a header: nothing to read
        body = await reader.readexactly(length)
        wanted, length = length, None
        if len(body) < wanted:
            return  # the input ended inside a body
        deliver(protocol, body)


def send_error(protocol: JsonRPCProtocol, msg_id: Any, code: int, message: str) -> None:
    if not isinstance(msg_id, (int, str)) or isinstance(msg_id, bool):
        msg_id = None
    protocol._send_data(
        {"jsonrpc": "2.0", "id": msg_id, "error": {"code": code, "message": message}}
    )


def deliver(protocol: JsonRPCProtocol, body: bytes) -> None:
    """One message body: answered with an error if it cannot be handled, else handled."""
    try:
        data = json.loads(body)
    except ValueError as error:  # not UTF-8, or not JSON
        send_error(protocol, None, PARSE_ERROR, f"Parse error: {error}")
        return
    if not isinstance(data, dict):
        what = "a batch (LSP has no batches)" if isinstance(data, list) else "not an object"
        send_error(protocol, None, INVALID_REQUEST, f"Invalid request: {what}")
        return
    method = data.get("method")
    is_request = "id" in data and method is not None
    if data.get("jsonrpc") != "2.0" or not isinstance(method, (str, type(None))):
        if "method" in data and "id" not in data:
            logger.warning("dropped a notification that is not JSON-RPC 2.0: %.200s", body)
        elif "method" not in data and ("result" in data or "error" in data):
            logger.warning("dropped a response that is not JSON-RPC 2.0: %.200s", body)
        else:
            send_error(
                protocol,
                data.get("id"),
                INVALID_REQUEST,
                'Invalid request: "jsonrpc" must be "2.0" and "method" a string',
            )
        return
    if method is None and "id" not in data:
        send_error(protocol, None, INVALID_REQUEST, 'Invalid request: no "method"')
        return
    try:
        # `params` may be omitted (JSON-RPC); pygls's generic message types want it.
        message = protocol.structure_message({"params": None, **data})
    except JsonRpcException as error:
        if is_request:
            if isinstance(error, JsonRpcInvalidParams):
                send_error(protocol, data["id"], INVALID_PARAMS, f"Invalid params for {method}")
            else:
                send_error(protocol, data["id"], error.code, f"Invalid request: {error}")
        else:
            logger.warning("dropped %s: its params do not have the expected shape", method)
        return
    try:
        protocol.handle_message(message)
    except Exception:
        logger.exception("handling a message failed")
        if is_request:
            send_error(protocol, data["id"], types.ErrorCodes.InternalError, "Internal error")
