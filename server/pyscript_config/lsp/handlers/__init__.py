"""One module per LSP feature; each has `register(server)`."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..server import PyscriptServer


def register_all(server: PyscriptServer) -> None:
    from . import (
        actions,
        completion,
        diagnostics,
        hover,
        navigation,
        outline,
        settings,
        sync,
    )

    for module in (settings, sync, diagnostics, completion, hover, actions, navigation, outline):
        module.register(server)
