"""Config regions: one per config a page or file carries.

A region is the unit the rules work on: the decoded config text, the map back to
the host file, the syntax the *runtime* will use for it (decided by the runtime's
own detection rules for that pipeline), the pipeline and the interpreter.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from .page import Attribute, Element
from .text import OffsetMap, Span

if TYPE_CHECKING:
    from .detect import Detection


class Syntax(str, Enum):
    TOML = "toml"
    JSON = "json"
    URL = "url"  # the text names a config file to fetch
    EMPTY = "empty"  # no config at all (empty or whitespace-only text)


class Pipeline(str, Enum):
    """Which part of the runtime reads the config (spec §2)."""

    MAIN = "main"  # <py-config>, config= on a non-worker py/mpy script
    WORKER = "worker"
    EDITOR = "editor"
    GAME = "game"
    POLYSCRIPT = "polyscript"  # raw <script type="pyodide|micropython">
    STANDALONE = "standalone"  # a pyscript.toml/json seen without a page
    REMOTE_PACKAGE = "remote-package"


class Interpreter(str, Enum):
    PY = "py"  # Pyodide
    MPY = "mpy"  # MicroPython


class Origin(str, Enum):
    CONFIG_ELEMENT = "element"  # body of <py-config>/<mpy-config>
    ATTRIBUTE = "attribute"  # a config="..." or <py-config src="..."> attribute
    FILE = "file"  # a whole .toml/.json file


@dataclass(slots=True)
class ConfigRegion:
    host_path: str
    text: str
    offsets: OffsetMap
    syntax: Syntax
    pipeline: Pipeline
    interpreter: Interpreter
    origin: Origin
    element: Element | None = None
    attribute: Attribute | None = None  # the attribute holding the text, if any
    url: str | None = None  # for Syntax.URL: the URL as written (trimmed)
    detection: Detection | None = None  # how the runtime classified the text (page regions)

    @property
    def host_span(self) -> Span:
        return self.offsets.span_to_host(Span(0, len(self.text)))

    def to_host(self, span: Span) -> Span:
        return self.offsets.span_to_host(span)
