"""Settings: initializationOptions, `workspace/configuration`, didChangeConfiguration."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from lsprotocol import types

from ..settings_map import SECTION, parse

if TYPE_CHECKING:
    from ..server import PyscriptServer


def register(server: PyscriptServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(params: types.InitializeParams) -> None:
        server.configure_from(params)

    @server.feature(types.INITIALIZED)
    async def initialized(params: types.InitializedParams) -> None:
        await pull_configuration(server)

    @server.feature(types.WORKSPACE_DID_CHANGE_CONFIGURATION)
    async def did_change_configuration(params: types.DidChangeConfigurationParams) -> None:
        given: Any = params.settings
        if isinstance(given, dict) and isinstance(given.get(SECTION), dict):
            apply(server, given[SECTION])
        elif server.capability("workspace.configuration", False):
            await pull_configuration(server)
        elif isinstance(given, dict) and given:
            apply(server, given)


async def pull_configuration(server: PyscriptServer) -> None:
    if not server.capability("workspace.configuration", False):
        return
    try:
        answer = await server.workspace_configuration_async(
            types.ConfigurationParams(items=[types.ConfigurationItem(section=SECTION)])
        )
    except Exception as error:
        server.log(types.MessageType.Warning, f"workspace/configuration failed: {error}")
        return
    section = answer[0] if answer else None
    apply(server, section if isinstance(section, dict) else {})


def apply(server: PyscriptServer, options: dict[str, Any]) -> None:
    """The client's section over the initializationOptions (key by key)."""
    server.set_editor_settings(parse({**server.init_options, **options}))
    recheck_all(server)


def recheck_all(server: PyscriptServer) -> None:
    server.changed()
    for uri in list(server.open_uris()):
        server.schedule(uri, 0)
