"""Schema directives: a TOML/JSON file that names our JSON Schema is a PyScript config.

Editors and validators learn which schema a file follows from the file itself: taplo and
tombi read a `#:schema <url>` comment at the head of a TOML document, JSON tools a
top-level `"$schema": "<url>"` property. A file whose directive names our schema has told
every tool what it is, so `validate` and the language server take it at its word, whatever
the file is called. A directive naming another schema changes nothing: such a file is
checked only when it would be anyway (named `pyscript.toml`/`pyscript.json`, or used by a
page).

Only the start of the text is read (`HEAD_CHARS`), because directory walks ask this of
every TOML/JSON file no page uses: taplo's header directive may be preceded only by
comments and tombi reads it only in the document's first comment group, and `$schema` is
by convention the first property of a JSON document.
"""

from __future__ import annotations

import json
import os
import re
import stat

from .files import FileKind, kind_of

HEAD_CHARS = 4096
OUR_SCHEMA_FILE = "pyscript.schema.json"
# SchemaStore serves its schemas from both hosts; tombi also spells them `tombi://…`.
_SCHEMASTORE = re.compile(
    r"^(?:[A-Za-z][A-Za-z0-9+.-]*:)?//(?:json|www)\.schemastore\.org/pyscript\.json$",
    re.IGNORECASE,
)
_TOML_DIRECTIVE = re.compile(r"#:schema[ \t]+(\S.*?)[ \t]*$")
# JSON tokens, enough to follow nesting: strings, punctuation, other words (numbers,
# literals); a lone `"` is a string cut off by the end of the head.
_JSON_TOKEN = re.compile(r'"(?:[^"\\\n]|\\.)*"|[{}\[\]:,]|[^\s"{}\[\]:,]+|"')


def names_our_schema(reference: str) -> bool:
    """Whether a directive's URL or path is our schema (any copy of it, or SchemaStore's)."""
    bare = re.split(r"[?#]", reference.strip(), maxsplit=1)[0]
    if re.split(r"[/\\]", bare)[-1].lower() == OUR_SCHEMA_FILE:
        return True
    return _SCHEMASTORE.match(bare) is not None


def toml_schema_reference(text: str) -> str | None:
    """The URL or path of a `#:schema` header directive (None: there is none).

    Only comment lines before the first key or table count, as for taplo and tombi.
    """
    for line in text[:HEAD_CHARS].lstrip("\ufeff").splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            return None
        match = _TOML_DIRECTIVE.fullmatch(stripped)
        if match:
            return match[1]
    return None


def json_schema_reference(text: str) -> str | None:
    """The string value of the root object's `$schema` property (None: none, or not a
    string, or not within the head of the text)."""
    head = text[:HEAD_CHARS].lstrip("\ufeff \t\r\n")
    if not head.startswith("{"):
        return None
    tokens = [m[0] for m in _JSON_TOKEN.finditer(head)]
    depth = 0
    for index, token in enumerate(tokens):
        if token in ("{", "["):
            depth += 1
        elif token in ("}", "]"):
            depth -= 1
            if depth <= 0:
                return None
        elif token == '"':
            return None  # cut off mid-string: nothing after it can be read
        elif depth == 1 and token.startswith('"') and tokens[index + 1 : index + 2] == [":"]:
            if _decode(token) != "$schema":
                continue
            value = tokens[index + 2] if index + 2 < len(tokens) else ""
            decoded = _decode(value) if value.startswith('"') else None
            return decoded
    return None


def _decode(token: str) -> str | None:
    try:
        value = json.loads(token)
    except ValueError:
        return None
    return value if isinstance(value, str) else None


def schema_reference(text: str, kind: FileKind | None) -> str | None:
    """The schema a TOML or JSON text names for itself (None for other kinds)."""
    if kind is FileKind.TOML:
        return toml_schema_reference(text)
    if kind is FileKind.JSON:
        return json_schema_reference(text)
    return None


def declares_our_schema(text: str, path: str) -> bool:
    """Whether the text of the TOML/JSON file at `path` names our schema."""
    reference = schema_reference(text, kind_of(path))
    return reference is not None and names_our_schema(reference)


def file_declares_our_schema(path: str) -> bool:
    """`declares_our_schema` for a file on disk, reading only its first bytes.

    Anything but a readable regular file is not ours (opening a FIFO would block).
    """
    if kind_of(path) not in (FileKind.TOML, FileKind.JSON):
        return False
    try:
        if not stat.S_ISREG(os.stat(path).st_mode):
            return False
        with open(path, "rb") as handle:
            data = handle.read(HEAD_CHARS)
    except OSError:
        return False
    return declares_our_schema(data.decode("utf-8", errors="replace"), path)
