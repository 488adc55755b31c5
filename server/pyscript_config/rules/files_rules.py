"""`files` and legacy `fetch`: what polyscript throws while it fetches them (spec §1.2,
§1.3, §4.3), and paths that only work on the author's machine.

The runtime's own algorithm lives in `files_table.resolve_files`; these rules turn its
outcome into diagnostics, check each resolved source, and offer the mechanical rewrites
(`files` written as an array, `[[fetch]]` to `[files]`).
"""

from __future__ import annotations

import os
import posixpath
import re
from urllib.parse import unquote

from ..diagnostics import Fix, TextEdit
from ..regions import Interpreter, Pipeline, Syntax
from ..text import Span
from ..tree import Array, Entry, Node, Scalar, Table
from . import rewrite
from .context import RuleContext
from .files_table import ARCHIVE, TEMPLATE, FilesTable, FileTarget, resolve_files
from .hooks import region_rule
from .page_configs import base_directory, file_exists, url_parts, usable_path
from .schema_rules import SCHEMA_FIXES

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "0.0.0.0", "[::1]", "::1"})


def config_root(ctx: RuleContext) -> Table | None:
    """The config's top-level table; None when there is none or the text has syntax errors
    (the runtime cannot read it at all, and a half-read tree would mislead these rules)."""
    parsed = ctx.parsed
    if parsed is None or parsed.problems or not isinstance(parsed.root, Table):
        return None
    return parsed.root


# --- files ----------------------------------------------------------------------------


@region_rule
def files(ctx: RuleContext) -> None:
    """Placeholders, duplicate destinations, archives and sources of `files`."""
    root = config_root(ctx)
    entry = root.get("files") if root is not None else None
    if entry is None or not isinstance(entry.value, Table):
        return
    table = resolve_files(entry.value, ctx.region.text)
    remote = ctx.region.pipeline is Pipeline.REMOTE_PACKAGE
    if remote:
        _remote_placeholders(ctx, entry.value)
    _report_problems(ctx, table, remote)
    for target in table.targets:
        _check_target(ctx, target)
    if ctx.region.interpreter is Interpreter.MPY:
        _micropython_extract_dirs(ctx, table)


def _report_problems(ctx: RuleContext, table: FilesTable, remote: bool) -> None:
    for problem in table.problems:
        if problem.kind == "invalid-template" and not remote:
            name = problem.name
            if problem.defined_later and problem.related is not None:
                where = (
                    "(below)"
                    if problem.related.start > problem.span.start
                    else '(PyScript reads keys that are whole numbers, such as "0", first)'
                )
                ctx.report(
                    "PSC310",
                    f"placeholder {name} is used before it is defined {where}: PyScript fails "
                    f"with {problem.message}; move its definition above its first use",
                    problem.span,
                    related=((problem.related, f"{name} is defined here"),),
                )
            else:
                ctx.report(
                    "PSC310",
                    f"placeholder {name} is not defined: PyScript fails with {problem.message}; "
                    f'define it above this entry (a key "{name}" whose value is its text)',
                    problem.span,
                )
        elif problem.kind == "duplicated-destination":
            related = ((problem.related, "first written here"),) if problem.related else ()
            ctx.report(
                "PSC311",
                f'destination "{problem.name}" is already used by an entry above: PyScript '
                f"fails with {problem.message}",
                problem.span,
                related=related,
            )
        elif problem.kind == "unsupported-archive":
            _unsupported_archive(ctx, problem.name, problem.span, problem.related)
        # "type-error" (a destination that is not a string) is the schema's PSC102.


def _unsupported_archive(ctx: RuleContext, url: str, span: Span, dest: Span | None) -> None:
    bare = re.split(r"[?#]", url, maxsplit=1)[0]
    related = ((dest, "unpacked here"),) if dest is not None else ()
    if ARCHIVE.search(bare):
        tail = url[len(bare) :]
        fix = None
        written = ctx.region.text[span.start : span.end]
        if written[:1] in "\"'" and written[1:-1] == url:
            change = rewrite.edit(ctx, span, f"{written[0]}{bare}{written[0]}")
            if change is not None:
                fix = Fix(f'Remove "{tail}"', (change,), safe=False)
        ctx.report(
            "PSC312",
            f'"{tail}" after the file name hides the archive format: PyScript fails with '
            f"Error: Unsupported archive {url}; remove it (or drop the /* to store the file "
            "without unpacking)",
            span,
            fix=fix,
            related=related,
        )
        return
    ctx.report(
        "PSC312",
        f"a destination ending in /* unpacks an archive, but {url} does not end in .zip, .whl, "
        f".tgz, .tar or .tar.gz: PyScript fails with Error: Unsupported archive {url}",
        span,
        related=related,
    )


def _remote_placeholders(ctx: RuleContext, table: Table) -> None:
    for item in table.entries:
        for text, span in ((item.key, item.key_span), (_string(item.value), item.value.span)):
            if text and TEMPLATE.search(text):
                ctx.report(
                    "PSC319",
                    "placeholders do not work in a remote package's files: PyScript turns the "
                    "keys into absolute URLs first (the braces are URL-encoded) and fetches "
                    "them as they are; write the paths out",
                    span,
                )
                return


def _string(node: Node) -> str | None:
    return node.value if isinstance(node, Scalar) and isinstance(node.value, str) else None


def _check_target(ctx: RuleContext, target: FileTarget) -> None:
    url = target.url
    if url is None:
        return
    span = target.key_span
    if url == "":
        ctx.report(
            "PSC320",
            "an empty source fetches the config's own URL (or the page's folder) and tries to "
            "write it to a folder: PyScript fails when it starts; write the file's path",
            span,
        )
        return
    path = target.path or ""
    if path.endswith("*") and not path.endswith("/*") and ARCHIVE.search(url):
        ctx.report(
            "PSC322",
            f'"{path}" does not end in /*, so the archive is not unpacked: it is stored as a file '
            f'named "{path}" and nothing in it can be imported; write "./*" (or "<folder>/*")',
            target.value_span,
        )
    if (
        target.archive == "tar"
        and ctx.region.interpreter is Interpreter.MPY
        and target.path is not None
    ):
        ctx.report(
            "PSC313",
            f'MicroPython does not unpack .tar archives: "{target.path}" becomes a file named "*" '
            "and none of the archive's files exist; use .tar.gz, .tgz or .zip",
            target.value_span,
        )
    expanded = url != target.source
    _double_slash(ctx, target)
    if _SCHEME.match(url) or url.startswith("//"):
        host, _ = url_parts(url if not url.startswith("//") else "http:" + url)
        if host.lower() in _LOCAL_HOSTS or host.lower().endswith(".localhost"):
            ctx.report(
                "PSC316",
                f'"{url}" points at {host}: it only works on your own machine; visitors\' '
                "browsers look for it on theirs. Use a path relative to the config",
                span,
            )
        return
    if url.startswith("/"):
        made = f' (placeholder expansion makes it "{url}")' if expanded else ""
        ctx.report(
            "PSC314",
            f"this source is relative to the site's root{made}: it works on localhost but not "
            "when the site is served from a sub-folder (GitHub Pages, for example); use a "
            "path relative to the config",
            span,
        )
        return
    _local_source(ctx, url, span)


# Folders that exist in MicroPython's filesystem from the start (the working folder is /).
_MPY_FOLDERS = frozenset({"/", "/tmp", "/home", "/home/web_user", "/dev", "/proc"})


def _micropython_extract_dirs(ctx: RuleContext, table: FilesTable) -> None:
    """MicroPython calls `FS.mkdir(<folder>)` before unpacking into `<folder>/*` (spec
    §1.2): the parent must exist and the folder must not."""
    created: dict[str, FileTarget] = {}
    archives = [t for t in table.targets if t.path is not None and t.path.endswith("/*")]
    others = [t.path for t in table.targets if t.path is not None and t not in archives]
    for target in archives:
        assert target.path is not None
        raw = target.path[:-1]
        if raw == "./":
            continue
        folder = posixpath.normpath(posixpath.join("/", raw))
        if folder in _MPY_FOLDERS or folder in created:
            first = created.get(folder)
            related = ((first.value_span, "first unpacked here"),) if first else ()
            ctx.report(
                "PSC321",
                f'MicroPython creates "{raw}" before unpacking and fails because it already '
                "exists; unpack each archive into its own new folder (or into ./*)",
                target.value_span,
                related=related,
            )
            continue
        created[folder] = target
        parent = posixpath.dirname(folder)
        if parent in _MPY_FOLDERS or any(
            _under(posixpath.normpath(posixpath.join("/", p)), parent) for p in others
        ):
            continue
        if any(_under(f, parent) for f in created if f != folder):
            continue
        ctx.report(
            "PSC321",
            f'MicroPython creates "{raw}" with a single mkdir, so its parent folder must exist '
            f'and "{parent.lstrip("/")}" does not: PyScript fails when it starts; unpack into '
            "a folder directly under the working folder",
            target.value_span,
        )


def _under(path: str, folder: str) -> bool:
    return path.startswith(folder.rstrip("/") + "/")


def _double_slash(ctx: RuleContext, target: FileTarget) -> None:
    for expanded, written, span in (
        (target.url, target.source, target.key_span),
        (target.path, target.dest, target.value_span),
    ):
        if expanded is None or written is None:
            continue
        if "//" in _without_scheme(expanded) and "//" not in _without_scheme(written):
            ctx.report(
                "PSC317",
                f'placeholder expansion gives "{expanded}" with a double slash; remove the '
                "trailing / from the placeholder's value (or the leading / after it)",
                span,
            )
            return


def _without_scheme(text: str) -> str:
    match = re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://", text)
    return text[match.end() :] if match else text


def _local_source(ctx: RuleContext, url: str, span: Span) -> None:
    bare = unquote(re.split(r"[?#]", url, maxsplit=1)[0])
    if bare in ("", ".", "./") or bare.endswith("/"):
        return
    base = base_directory(ctx)
    target = os.path.normpath(os.path.join(base, bare))
    if _outside_site(ctx, base, target):
        ctx.report(
            "PSC315",
            f'"{url}" climbs out of the site\'s folder: it resolves outside the folder the page '
            "is served from and usually 404s once the site is published; keep the file inside",
            span,
        )
        return
    if not usable_path(target) or file_exists(ctx, target):
        return
    where = "the config file" if ctx.region.origin.value == "file" else "the page"
    ctx.report(
        "PSC318",
        f'"{url}" not found (looked for {target}, relative to {where}): PyScript fails with '
        "[404] Unable to fetch when it starts",
        span,
    )


def _outside_site(ctx: RuleContext, base: str, target: str) -> bool:
    """Whether `target` lies above every folder the site is known to have: the page's
    folder and the config's folder (their common ancestor is the least the site holds)."""
    folders = [os.path.abspath(base or ".")]
    if ctx.page is not None:
        folders.append(os.path.abspath(os.path.dirname(ctx.page.path) or "."))
    site = os.path.commonpath(folders)
    return os.path.relpath(os.path.abspath(target), site).startswith("..")


def _files_array_fix(ctx: RuleContext, node: Node) -> Fix | None:
    """`files = ["a.py"]` → a table with `""` destinations (the classic habit)."""
    if not isinstance(node, Array) or not node.items:
        return None
    names = [_string(item) for item in node.items]
    if any(name is None or TEMPLATE.search(name) for name in names):
        return None
    sources = [name for name in names if name is not None]
    if len(set(sources)) != len(sources):
        return None
    change: TextEdit | None
    if ctx.syntax is Syntax.JSON:
        change = rewrite.edit(ctx, node.span, rewrite.json_object([(s, "") for s in sources], None))
    else:

        def to_table(document: object) -> bool:
            import tomlkit

            table = tomlkit.table()
            for source in sources:
                table.add(source, "")
            document.remove("files")  # type: ignore[attr-defined]
            document.add("files", table)  # type: ignore[attr-defined]
            return True

        change = rewrite.toml_rewrite(ctx, to_table)
    if change is None:
        return None
    return Fix('Turn "files" into a table of source = "" entries', (change,), safe=False)


SCHEMA_FIXES[("PSC102", "files")] = _files_array_fix


# --- fetch ------------------------------------------------------------------------------


@region_rule
def fetch(ctx: RuleContext) -> None:
    """The two checks polyscript makes on every `fetch` entry before fetching anything."""
    root = config_root(ctx)
    entry = root.get("fetch") if root is not None else None
    if entry is None or not isinstance(entry.value, Array):
        return
    for item in entry.value.items:
        if not isinstance(item, Table):
            continue
        files_entry, to_file = item.get("files"), item.get("to_file")
        if files_entry is not None and to_file is not None:
            ctx.report(
                "PSC330",
                '"to_file" and "files" in one fetch entry: PyScript fails with Error: Cannot use '
                "'to_file' and 'files' parameters together!; keep one of them",
                to_file.key_span,
                related=((files_entry.key_span, '"files" is here'),),
            )
            continue
        source = item.get("from")
        value = _string(source.value) if source is not None else None
        if source is None and files_entry is None:
            ctx.report(
                "PSC332",
                'this fetch entry has neither "from" nor "files": PyScript fetches the config\'s '
                "own URL (for an inline config, config.txt beside the page) and the entry fails "
                "or copies the config; add from (and to_file or files)",
                item.span,
            )
            continue
        if all(e.key in _FETCH_KEYS for e in item.entries):
            # With a misspelt key the schema's PSC100 comes first; paths would mislead.
            _fetch_sources(ctx, item, value or "", files_entry)
        if files_entry is None and to_file is None and value is not None and value.endswith("/"):
            assert source is not None
            ctx.report(
                "PSC331",
                f'"from" ends in / but the entry has neither "files" nor "to_file": PyScript fails '
                f"with Error: Couldn't determine the filename from the path {value}, please "
                "supply 'to_file' parameter.",
                source.value.span,
            )


_FETCH_KEYS = frozenset({"from", "to_folder", "to_file", "files"})


def _fetch_sources(ctx: RuleContext, item: Table, source: str, files_entry: Entry | None) -> None:
    """Local files a fetch entry reads must exist, like `files` sources."""
    if files_entry is not None and isinstance(files_entry.value, Array):
        for node in files_entry.value.items:
            name = _string(node)
            if name is None:
                continue
            url = _join([source, name]) if source else name
            if url and not _SCHEME.match(url) and not url.startswith("/"):
                _local_source(ctx, url, node.span)
        return
    entry = item.get("from")
    if (
        entry is not None
        and source
        and not source.endswith("/")
        and not _SCHEME.match(source)
        and not source.startswith("/")
    ):
        _local_source(ctx, source, entry.value.span)


def _join(parts: list[str]) -> str:
    """polyscript's `joinPaths`: trim, strip slashes, drop empty and `.` parts."""
    cleaned = [part.strip().strip("/") for part in parts]
    joined = "/".join(p for p in cleaned if p not in ("", "."))
    return f"/{joined}" if parts[0].startswith("/") else joined


def fetch_pairs(entries: Array) -> list[tuple[str, str]] | None:
    """The (url, path) pairs legacy `fetch` produces, or None when an entry is not
    mechanically convertible (invalid, or odd enough that `files` would read it
    differently)."""
    pairs: list[tuple[str, str]] = []
    for item in entries.items:
        if not isinstance(item, Table):
            return None
        values: dict[str, str | list[str]] = {}
        for entry in item.entries:
            if entry.key not in ("from", "to_folder", "to_file", "files"):
                return None
            if entry.key == "files":
                if not isinstance(entry.value, Array):
                    return None
                names = [_string(v) for v in entry.value.items]
                if any(n is None for n in names):
                    return None
                values["files"] = [n for n in names if n is not None]
                continue
            text = _string(entry.value)
            if text is None:
                return None
            values[entry.key] = text
        source = str(values.get("from", ""))
        folder = str(values.get("to_folder", "."))
        listed = values.get("files")
        to_file = values.get("to_file")
        if listed is not None and to_file is not None:
            return None
        if isinstance(listed, list):
            pairs.extend((_join([source, f]), _join([folder, f])) for f in listed)
            continue
        if not source or (to_file is None and source.endswith("/")):
            return None
        name = str(to_file) if to_file else source[source.rfind("/") + 1 :]
        pairs.append((source, _join([folder, name])))
    return pairs


def _convertible(pairs: list[tuple[str, str]], existing: Table | None) -> bool:
    taken_keys = set(existing.keys()) if existing is not None else set()
    taken_paths: set[str] = set()
    if existing is not None:
        for target in resolve_files(existing).targets:
            if target.path is not None:
                taken_paths.add(target.path)
    for url, path in pairs:
        if not url or not path or TEMPLATE.search(url) or TEMPLATE.search(path):
            return False
        if path.endswith(("/", "/*")) or url in taken_keys or path in taken_paths:
            return False
        taken_keys.add(url)
        taken_paths.add(path)
    return True


def _fetch_fix(ctx: RuleContext, node: Node) -> Fix | None:
    """Rewrite every `fetch` entry as `[files]` pairs (`"<from>/<file>" = "<folder>/<file>"`)."""
    root = config_root(ctx)
    if root is None or not isinstance(node, Array):
        return None
    pairs = fetch_pairs(node)
    if not pairs:
        return None
    files_entry = root.get("files")
    existing = files_entry.value if files_entry is not None else None
    if existing is not None and not isinstance(existing, Table):
        return None
    if not _convertible(pairs, existing):
        return None
    if ctx.syntax is Syntax.JSON:
        change = _json_fetch_rewrite(ctx, root, pairs)
    else:
        change = _toml_fetch_rewrite(ctx, node, pairs, existing)
    if change is None:
        return None
    return Fix("Rewrite fetch as [files] entries", (change,), safe=True)


def _toml_fetch_rewrite(
    ctx: RuleContext, node: Array, pairs: list[tuple[str, str]], existing: Table | None
) -> TextEdit | None:
    if existing is not None and existing.inline:
        return None  # PyScript's TOML reader rejects inline tables with quoted keys
    if existing is None and not node.inline and node.items:
        appended = fetch_tail_as_files(ctx.region.text, node.items[0].span.start, pairs)
        if appended is not None:
            return rewrite.replace_all(ctx, appended)

    def change(document: object) -> bool:
        import tomlkit

        document.remove("fetch")  # type: ignore[attr-defined]
        table = document["files"] if existing is not None else tomlkit.table()  # type: ignore[index]
        for url, path in pairs:
            table.add(url, path)
        if existing is None:
            document.add("files", table)  # type: ignore[attr-defined]
        return True

    return rewrite.toml_rewrite(ctx, change)


# A key or value the fast path may write in double quotes as it is: printable ASCII
# without quotes or backslashes (anything else goes through tomlkit).
_PLAIN = re.compile(r"[ !#-\[\]-~]+")
_BARE = re.compile(r"[A-Za-z0-9_-]+")


def fetch_tail_as_files(text: str, first_header: int, pairs: list[tuple[str, str]]) -> str | None:
    """The common case without tomlkit: `[[fetch]]` tables ending the text, no `[files]`.

    The text is then what tomlkit writes after removing the tables and adding `[files]`
    (checked against tomlkit on generated configs in tests/unit/test_fetch_fast_fix.py);
    None for any other shape (comments, CRLF, other tables after them, multi-line
    strings, keys or values needing escapes), which the tomlkit rewrite handles.
    tomlkit costs about 2 ms per config, most of a config's check time.
    """
    start = text.rfind("\n", 0, first_header) + 1
    head, tail = text[:start], text[start:]
    if "\r" in text or "#" in tail or '"""' in tail or "'''" in tail:
        return None
    for line in tail.split("\n"):
        stripped = line.strip()
        if stripped.startswith("[") and stripped != "[[fetch]]":
            return None
    previous = head[head.rfind("\n", 0, len(head) - 1) + 1 : -1] if head else ""
    if previous.lstrip().startswith("#") or (previous and not previous.strip()):
        return None  # a comment or spaces just above: tomlkit's trivia rules decide
    lines = []
    for key, value in pairs:
        if not _PLAIN.fullmatch(key) or not _PLAIN.fullmatch(value):
            return None
        written = key if _BARE.fullmatch(key) else f'"{key}"'
        lines.append(f'{written} = "{value}"\n')
    blank = "" if head == "\n" or head.endswith("\n\n") else "\n"
    return head + blank + "[files]\n" + "".join(lines)


def _json_fetch_rewrite(
    ctx: RuleContext, root: Table, pairs: list[tuple[str, str]]
) -> TextEdit | None:
    if root.get("files") is not None:
        return None
    fetch_entry: Entry | None = root.get("fetch")
    if fetch_entry is None or sum(1 for e in root.entries if e.key == "fetch") != 1:
        return None
    text = ctx.region.text
    indent = rewrite.line_indent(text, fetch_entry.key_span.start)
    multiline = "\n" in text[fetch_entry.key_span.start : fetch_entry.value.span.end]
    value = rewrite.json_object(pairs, indent if multiline else None)
    span = Span(fetch_entry.key_span.start, fetch_entry.value.span.end)
    return rewrite.edit(ctx, span, f'"files": {value}')


SCHEMA_FIXES[("PSC104", "fetch")] = _fetch_fix
