"""How the runtime decides what a piece of config text is (spec §2.1, §2.3–2.5).

Each pipeline has its own rules, and they are regex-based rather than a real parse,
which is why inline TOML ending in `ratio = 0.5` is taken for a URL on the main
thread. We reproduce the rules exactly, so the syntax we parse with is the one the
runtime will use.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .regions import Pipeline, Syntax

# JavaScript's \w is ASCII-only; `$` without the m flag is the very end.
_URL_TAIL = re.compile(r"\.([A-Za-z0-9_]+)(?:\?\S*)?\Z")
# What `String.prototype.trim` removes.
_JS_WHITESPACE = (
    " \t\n\r\f\v\u00a0\ufeff\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"
    "\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
)


@dataclass(frozen=True, slots=True)
class Detection:
    syntax: Syntax
    # For URL configs: the extension-decided syntax of the fetched file.
    url_syntax: Syntax | None = None
    # When the runtime rejects the text outright: "(PY1000): Invalid URL: ..." and friends.
    invalid_url: bool = False
    # The `type` attribute conflicted with the URL's extension.
    type_mismatch: str | None = None
    # A worker `.txt` config: the runtime silently uses an empty config.
    ignored_txt: bool = False


def js_trim(text: str) -> str:
    return text.strip(_JS_WHITESPACE)


def detect_main(text: str, type_attr: str | None = None) -> Detection:
    """Pipeline A (`configDetails` in core's config.js), also used by py-game.

    Empty text means "no config"; whitespace-only text is no config either, except
    with `type="json"`, where the runtime hands "" to `JSON.parse` and fails.
    """
    if text == "":
        return Detection(Syntax.EMPTY)
    value = js_trim(text)
    is_json = value.startswith("{") and value.endswith("}")
    if not is_json:
        match = _URL_TAIL.search(value)
        if match:
            ext = match.group(1)
            if ext == "json" and type_attr != "toml":
                return Detection(Syntax.URL, url_syntax=Syntax.JSON)
            if ext == "toml" and type_attr != "json":
                return Detection(Syntax.URL, url_syntax=Syntax.TOML)
            mismatch = type_attr if type_attr in ("json", "toml") else None
            return Detection(Syntax.URL, invalid_url=True, type_mismatch=mismatch)
    if is_json or type_attr == "json":
        return Detection(Syntax.JSON)
    if value == "":
        return Detection(Syntax.EMPTY)
    return Detection(Syntax.TOML)


_WORKER_URL = re.compile(r"\.(json|toml|txt)\Z")


def detect_worker(text: str) -> Detection:
    """Pipeline B (polyscript's loader.js): exact extension test, else JSON, else TOML.

    The runtime tries `JSON.parse` and falls back to basic-toml, which reads most
    broken JSON as an empty config. Text shaped like JSON is therefore checked as JSON:
    a JSON mistake there silently empties the worker's config.
    """
    match = _WORKER_URL.search(text)
    if match:
        ext = match.group(1)
        if ext == "txt":
            return Detection(Syntax.URL, ignored_txt=True)
        return Detection(Syntax.URL, url_syntax=Syntax.JSON if ext == "json" else Syntax.TOML)
    value = js_trim(text)
    if value == "":
        return Detection(Syntax.EMPTY)
    if value.startswith("{"):
        return Detection(Syntax.JSON)
    if value.startswith("[") and _is_json(value):
        return Detection(Syntax.JSON)  # a JSON array: JSON.parse succeeds, so JSON it is
    return Detection(Syntax.TOML)  # includes TOML opening with a [table] header


def _is_json(text: str) -> bool:
    import json

    try:
        json.loads(text)
    except ValueError:
        return False
    return True


def detect_editor(text: str) -> Detection:
    """Pipeline C (py-editor.js): `.toml`/`.json` suffix is a URL, anything else JSON."""
    if text.endswith(".toml"):
        return Detection(Syntax.URL, url_syntax=Syntax.TOML)
    if text.endswith(".json"):
        return Detection(Syntax.URL, url_syntax=Syntax.JSON)
    if js_trim(text) == "":
        return Detection(Syntax.EMPTY)
    return Detection(Syntax.JSON)


def detect(pipeline: Pipeline, text: str, type_attr: str | None = None) -> Detection:
    if pipeline in (Pipeline.MAIN, Pipeline.GAME):
        return detect_main(text, type_attr if pipeline is Pipeline.MAIN else None)
    if pipeline is Pipeline.EDITOR:
        return detect_editor(text)
    return detect_worker(text)
