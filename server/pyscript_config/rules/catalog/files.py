"""Rules about `files` and the legacy `fetch` (spec §1.2, §1.3, §4.3)."""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PSC310",
        "files-undefined-placeholder",
        Severity.ERROR,
        "A `{NAME}` placeholder in `files` is used before it is defined, or never defined.",
        "PyScript expands placeholders in the order the entries are written and throws "
        "`SyntaxError: Invalid template: {NAME}` while the interpreter starts: nothing of that "
        "interpreter runs, and the error only reaches the browser console.",
        '[files]\n"{DATA}/a.csv" = ""\n"{DATA}" = "https://example.com/data"',
        "Define the placeholder (a key that is only `{NAME}`) above its first use.",
        "SyntaxError: Invalid template",
    ),
    Rule(
        "PSC311",
        "files-duplicate-destination",
        Severity.ERROR,
        "Two `files` entries write to the same destination.",
        'After `""` and trailing-`/` destinations get the file name appended, every '
        "destination must be unique (archive targets ending in `/*` excepted); otherwise "
        "PyScript throws `SyntaxError: Duplicated destination: <path>` and nothing runs.",
        '[files]\n"./a/util.py" = "./util.py"\n"./b/util.py" = ""',
        "Give one of the files another destination.",
        "SyntaxError: Duplicated destination",
    ),
    Rule(
        "PSC312",
        "files-unsupported-archive",
        Severity.ERROR,
        "A destination ending in `/*` whose source is not a `.zip`, `.whl`, `.tgz`, `.tar` or "
        "`.tar.gz` URL.",
        "A `/*` destination asks PyScript to unpack an archive; it recognises the format only "
        "from the very end of the source URL (so `?v=1` breaks it) and throws "
        "`Error: Unsupported archive <url>`.",
        '[files]\n"./lib.zip?v=1" = "./lib/*"',
        "Drop the query string or the `/*`, or use one of the supported archive formats.",
        "Error: Unsupported archive",
    ),
    Rule(
        "PSC313",
        "files-tar-on-micropython",
        Severity.ERROR,
        "A plain `.tar` archive unpacked with `/*` in a MicroPython config.",
        "MicroPython unpacks `.zip`, `.whl`, `.tgz` and `.tar.gz` only: a `.tar` is written "
        "as a file literally named `*` and none of its files exist (confirmed in a browser).",
        '<mpy-config>\n[files]\n"./data.tar" = "./data/*"\n</mpy-config>',
        "Compress the archive (`.tar.gz`) or use a `.zip`.",
    ),
    Rule(
        "PSC314",
        "files-root-absolute-source",
        Severity.WARNING,
        "A `files` source that starts with `/`.",
        "A source starting with `/` is resolved against the site's root, so it works on "
        "`localhost` but fails where the site is served from a sub-folder (GitHub Pages "
        "project sites, for example).",
        '[files]\n"/utils.py" = ""',
        "Use a path relative to the config (`./utils.py`).",
    ),
    Rule(
        "PSC315",
        "files-source-outside-site",
        Severity.WARNING,
        "A relative `files` source that climbs out of the folder it is served from with `..`.",
        "Relative sources resolve against the config's URL; `..` reaching above the page's "
        "folder depends on how the site is deployed and often 404s once published.",
        '[files]\n"../shared/utils.py" = ""',
        "Keep the files inside the site folder.",
    ),
    Rule(
        "PSC316",
        "files-localhost-source",
        Severity.WARNING,
        "A `files` source on `localhost` or `127.0.0.1`.",
        "A development server's address only works on the author's machine; visitors' browsers "
        "look for it on their own computer.",
        '[files]\n"http://127.0.0.1:8000/data.csv" = ""',
        "Use a path relative to the config, or the public URL.",
    ),
    Rule(
        "PSC317",
        "files-double-slash",
        Severity.WARNING,
        "A `files` source or destination in which placeholder expansion produced `//`.",
        "Placeholders are replaced as text: a value ending in `/` followed by `/` gives "
        "`a//b`, which servers may not treat as `a/b` and which creates odd paths.",
        '[files]\n"{DATA}" = "./data/"\n"{DATA}/a.csv" = ""',
        "Drop the trailing `/` from the placeholder's value.",
    ),
    Rule(
        "PSC318",
        "files-local-source-missing",
        Severity.WARNING,
        "A relative `files` source with no such file next to the config.",
        "PyScript fetches it from the config's URL when the interpreter starts; a missing file "
        "fails with `[404] Unable to fetch <url>` and nothing of that interpreter runs. "
        "(A warning: the file may be generated or deployed separately.)",
        '[files]\n"./utils.py" = ""   (no utils.py beside the config)',
        "Create the file, or correct the path (it is relative to the config file, or to the "
        "page for inline configs).",
        "[404] Unable to fetch",
    ),
    Rule(
        "PSC319",
        "files-placeholder-in-remote-package",
        Severity.ERROR,
        "A `{NAME}` placeholder in the `files` of a remote package config.",
        "PyScript rebases a remote package's `files` keys with `new URL(key, <config URL>)` "
        "before the placeholder step, so the braces are URL-encoded and the file is fetched "
        "from a URL that does not exist (`[404] Unable to fetch`).",
        '# https://example.com/pkg/config.toml\nname = "pkg"\n[files]\n"{SRC}/a.py" = ""',
        "Write the paths out in full (they are relative to the remote config's URL).",
        "[404] Unable to fetch",
    ),
    Rule(
        "PSC320",
        "files-empty-source",
        Severity.ERROR,
        "A `files` entry whose source is empty.",
        "An empty source resolves to the config's own URL (or the page's folder for inline "
        "configs) and its destination to the working folder itself, so writing it fails when "
        "the interpreter starts.",
        '[files]\n"" = ""',
        "Write the path of the file to fetch.",
    ),
    Rule(
        "PSC321",
        "files-micropython-extract-folder",
        Severity.ERROR,
        "A MicroPython archive target whose folder cannot be created.",
        "Before unpacking into `<folder>/*`, MicroPython runs a single `FS.mkdir(<folder>)`: it "
        "fails when the parent folder does not exist or the folder already exists (a second "
        "archive into the same folder, or `/*`).",
        '<mpy-config>\n[files]\n"./a.zip" = "./lib/*"\n"./b.zip" = "./lib/*"\n</mpy-config>',
        "Unpack each archive into its own new folder directly under the working folder, or "
        "into `./*`.",
    ),
    Rule(
        "PSC322",
        "files-archive-not-unpacked",
        Severity.ERROR,
        "An archive whose destination ends in `*` without `/`, so it is not unpacked.",
        'Only destinations ending in `/*` unpack: `"*"` stores the archive as a file '
        "literally named `*`, and nothing in it can be imported.",
        '[files]\n"./mylib.zip" = "*"',
        'Use `"./*"` (or `"<folder>/*"`).',
    ),
    Rule(
        "PSC330",
        "fetch-to-file-with-files",
        Severity.ERROR,
        "A legacy `fetch` entry with both `to_file` and `files`.",
        "PyScript checks every `fetch` entry before fetching and throws `Error: Cannot use "
        "'to_file' and 'files' parameters together!`; nothing of that interpreter runs.",
        '[[fetch]]\nfiles = ["a.py"]\nto_file = "b.py"',
        "Keep one of them (or move the entry to `[files]`).",
        "Error: Cannot use 'to_file' and 'files' parameters together!",
    ),
    Rule(
        "PSC331",
        "fetch-folder-without-file",
        Severity.ERROR,
        "A legacy `fetch` entry whose `from` ends in `/` without `files` or `to_file`.",
        "PyScript cannot name the file and throws `Error: Couldn't determine the filename "
        "from the path <from>, please supply 'to_file' parameter.`",
        '[[fetch]]\nfrom = "https://example.com/data/"',
        "Add `files = [...]` with the file names, or `to_file`.",
        "Error: Couldn't determine the filename",
    ),
    Rule(
        "PSC332",
        "fetch-entry-without-source",
        Severity.ERROR,
        "A legacy `fetch` entry with neither `from` nor `files`.",
        '`from` defaults to `""`, the config\'s own URL: PyScript fetches the config itself (for '
        "an inline config, a `config.txt` beside the page, which is missing) and writes it to "
        "`to_file`, or fails.",
        "[[fetch]]",
        "Add `from` (and `to_file` or `files`), or remove the entry.",
        "[404] Unable to fetch",
    ),
)
