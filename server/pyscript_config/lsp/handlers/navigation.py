"""Stub."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..server import PyscriptServer


def register(server: PyscriptServer) -> None:
    return None
