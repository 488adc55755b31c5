"""Rules of the core checker: files and syntax, schema, config detection, references,
legacy keys."""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

RULES: tuple[Rule, ...] = (
    Rule(
        "PSC001",
        "toml-syntax",
        Severity.ERROR,
        "The config is not valid TOML.",
        "PyScript cannot read the config: on the main thread it shows `(PY1000): Invalid TOML` "
        "and no script of that interpreter runs; in a worker the failure is often silent.",
        'packages = ["numpy"\n',
        "Correct the syntax at the reported position.",
        "PY1000",
    ),
    Rule(
        "PSC002",
        "json-syntax",
        Severity.ERROR,
        "The config is not valid JSON.",
        "PyScript parses JSON configs with `JSON.parse`; it shows `(PY1000): Invalid JSON` on the "
        "main thread, and a worker silently ends up with an empty config.",
        '{"packages": ["numpy",]}',
        "Correct the syntax at the reported position (trailing commas, single quotes and "
        "comments are not JSON).",
        "PY1000",
    ),
    Rule(
        "PSC003",
        "not-utf8",
        Severity.ERROR,
        "The file is not valid UTF-8.",
        "Browsers decode configs and modern pages as UTF-8; invalid bytes become U+FFFD and "
        "the text PyScript sees is not what you wrote.",
        "a pyscript.toml saved in Latin-1 with an accented character",
        "Re-save the file as UTF-8.",
    ),
    Rule(
        "PSC004",
        "file-too-large",
        Severity.WARNING,
        "The file is larger than the configured limit and was not checked.",
        "Very large files are almost never hand-written PyScript pages; skipping them keeps "
        "commit hooks fast.",
        "a 20 MB generated HTML report",
        "Raise the limit with `--max-file-size`, or exclude the file.",
    ),
    Rule(
        "PSC005",
        "binary-file",
        Severity.ERROR,
        "The file contains NUL characters: it is binary, not a page or config.",
        "A config file with binary content cannot be parsed by PyScript.",
        "an image saved as pyscript.json",
        "Point the page at the right file.",
    ),
    Rule(
        "PSC100",
        "unknown-key-typo",
        Severity.WARNING,
        "An unknown key that looks like a misspelt PyScript key.",
        "PyScript accepts any key (custom keys reach `pyscript.config`), so a misspelt key is "
        "silently ignored and the setting you meant never takes effect.",
        'pakages = ["numpy"]',
        "Rename the key to the suggested one (quick fix), or allow it as a custom key.",
    ),
    Rule(
        "PSC101",
        "custom-key",
        Severity.HINT,
        "A key PyScript does not read: it is a custom key.",
        "Custom keys are legal and reach your code through `pyscript.config`; PyScript itself "
        "does nothing with them.",
        'theme = "dark"',
        "Nothing to do if your code reads it; add it to `allowed-keys` to silence this hint.",
    ),
    Rule(
        "PSC102",
        "wrong-type",
        Severity.ERROR,
        "A value has the wrong type for its key.",
        "PyScript does not check types: a wrong type fails deep inside the runtime (for "
        "example `TypeError: packages.map is not a function`) or is silently ignored.",
        'packages = "numpy"',
        "Write the value with the type the key expects.",
    ),
    Rule(
        "PSC103",
        "invalid-value",
        Severity.ERROR,
        "A value is not one of the values its key allows.",
        "PyScript compares these values literally; any other value is silently ignored and "
        "the default applies.",
        'packages_cache = "sometimes"',
        "Use one of the listed values (quick fix for a close match).",
    ),
    Rule(
        "PSC104",
        "deprecated-key",
        Severity.WARNING,
        "A key that still works but is deprecated.",
        "Deprecated keys keep working for now but are scheduled to go away.",
        '[[fetch]]\nfrom = "https://example.com/data/"\nfiles = ["a.csv"]',
        "Use the replacement named in the message.",
    ),
    Rule(
        "PSC105",
        "reserved-key",
        Severity.ERROR,
        "The key is reserved by PyScript and your value is overwritten.",
        'PyScript sets `pyscript.config["type"]` to "py" or "mpy", replacing what you wrote.',
        'type = "app"',
        "Remove the key or rename it.",
    ),
    Rule(
        "PSC106",
        "removed-key",
        Severity.WARNING,
        "A key that the PyScript release in use no longer reads.",
        "The runtime ignores the key, so it no longer does what it once did.",
        "experimental_remote_packages = true",
        "Remove the key (quick fix).",
    ),
    Rule(
        "PSC107",
        "empty-value",
        Severity.ERROR,
        "An empty string where a name or URL is required.",
        "An empty package name or URL makes the installer or fetch fail at load.",
        'packages = [""]',
        "Remove the empty entry or fill it in.",
    ),
    Rule(
        "PSC200",
        "config-invalid-url",
        Severity.ERROR,
        "The config text is taken for a URL with an extension PyScript does not accept.",
        "PyScript decides by the text's shape: anything ending in `.<word>` (optionally "
        "followed by `?query`) is a URL, and only `.json` and `.toml` are accepted, so it "
        "shows `(PY1000): Invalid URL` and no script of that interpreter runs. This includes "
        "inline TOML whose last token ends like a file extension, such as `ratio = 0.5`.",
        '<script type="py" config="./pyscript.yaml"></script>',
        "Use a `.toml` or `.json` file, or end inline TOML with a line that does not end in "
        "`.<word>`.",
        "PY1000",
    ),
    Rule(
        "PSC300",
        "config-file-missing",
        Severity.ERROR,
        "A config file the page points to does not exist.",
        "PyScript fetches the file at load and fails with `(PY0404): Fetching from URL ... "
        "failed with error 404 (Not Found)`; nothing of that interpreter runs.",
        '<script type="py" config="./pyscript.toml"></script>  (no pyscript.toml beside it)',
        "Create the file or fix the path (it is relative to the page).",
        "PY0404",
    ),
    Rule(
        "PSC301",
        "config-file-unreadable",
        Severity.ERROR,
        "A config file the page points to cannot be read as text.",
        "The file exists but is not a readable UTF-8 text file, so PyScript cannot use it.",
        "a pyscript.toml without read permission",
        "Fix the file's permissions or encoding.",
    ),
)

RULES += (
    Rule(
        "PSC600",
        "legacy-key",
        Severity.WARNING,
        "A key from classic PyScript (2022.05–2023.05) that modern PyScript ignores.",
        "Modern PyScript accepts any key, so a classic key such as `paths`, `runtimes` or "
        "`autoclose_loader` is silently ignored and the page does not get what it asks for.",
        'paths = ["./utils.py"]',
        "Use the modern equivalent named in the message (for `paths`: a `[files]` table).",
    ),
)

RULES += (
    Rule(
        "PSC006",
        "json-duplicate-key",
        Severity.ERROR,
        "A JSON object has the same property twice.",
        "`JSON.parse` keeps the last value without a word, so the earlier one is silently lost.",
        '{"packages": ["numpy"], "packages": ["pandas"]}',
        "Keep one of the two (merge their values if both were meant).",
    ),
    Rule(
        "PSC108",
        "ignored-key",
        Severity.ERROR,
        "A key inside a table where PyScript reads only known keys.",
        "In `js_modules` PyScript reads only `main` and `worker`, in a `[[fetch]]` entry only "
        "`from`, `to_folder`, `to_file` and `files`; anything else is dropped silently, so the "
        "module is never loaded or the setting never applies. In TOML, a top-level key written "
        "after a `[[fetch]]` header lands inside that entry.",
        '[js_modules.mian]\n"https://esm.run/d3" = "d3"',
        "Rename the key to the suggested one (quick fix), or move a top-level key above the "
        "first `[[...]]` header.",
    ),
)

RULES += (
    Rule(
        "PSC109",
        "schema-key-not-string",
        Severity.WARNING,
        "A `$schema` property in a JSON config whose value is not a string.",
        "PyScript keeps `$schema` as a custom key and does nothing with it, but editors, "
        "validators and pyscript-config read it as the URL or path of the file's JSON Schema. "
        "Any other value names no schema: the editor gives no completion or checks for the "
        "file, and a file not named `pyscript.json` is not recognised as a PyScript config.",
        '{"$schema": true, "packages": ["numpy"]}',
        'Write the schema\'s URL as a string (`"$schema": "https://raw.githubusercontent.com/'
        'pyscript-config/pyscript-config/main/schemas/pyscript.schema.json"`), or remove the '
        "property.",
    ),
)
