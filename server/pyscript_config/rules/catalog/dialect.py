"""PyScript's TOML dialects: TOML 1.0 that the runtime's own parser rejects or silently
changes (spec §2.6, Appendix A, §7 cases 14–19, 24–25, 50–51).

Which parser reads a config depends on the pipeline and the release: basic-toml 0.4
on the main thread since 2026.2.1 and in workers, raw polyscript scripts and remote
package configs (basic-toml 0.3.1 there before 2026.2.1); toml-j0.4 (TOML 0.4.0) on the
main thread up to 2026.1.1 and in py-editor and py-game. A rule fires only where the
parser in force misreads the construct.
"""

from __future__ import annotations

from ...diagnostics import Severity
from ..registry import Rule

_BT = (
    "basic-toml (main thread since PyScript 2026.2.1, workers, raw polyscript scripts, "
    "remote package configs)"
)
_J04 = "toml-j0.4 (main thread up to 2026.1.1, py-editor, py-game)"

RULES: tuple[Rule, ...] = (
    Rule(
        "PSC010",
        "toml-comment-in-array",
        Severity.ERROR,
        "A comment inside a multi-line array, where PyScript's parser is basic-toml.",
        f"{_BT} joins a multi-line array onto one line and then drops everything after the "
        "first `#` on it, full-line or trailing comment alike (a commented-out package is the "
        "usual case), so the array is cut short and `JSON.parse` fails: the main thread "
        "shows `(PY1000): Invalid TOML` with `Unexpected end of JSON input` and no script of "
        "that interpreter runs; a worker fails with `(PY0409) Unexpected end of JSON input "
        "for <script …>` (spec §7 cases 14–15). toml-j0.4 accepts these comments.",
        'packages = [\n  "numpy",\n  # "pandas",\n  "scipy",\n]',
        "Move the comments above the key (quick fix, safe when the array then reads exactly "
        "as TOML reads it) or delete them.",
        "PY1000",
    ),
    Rule(
        "PSC011",
        "toml-inline-table-spacing",
        Severity.ERROR,
        "An inline table key not preceded by a space (`{a=1}`), where the parser is basic-toml.",
        f'{_BT} turns `key =` inside a value into `"key":` with a regular expression that '
        'only finds keys after whitespace; `{a=1}` becomes `"{a":1}` and fails with '
        "`Unexpected non-whitespace character after JSON at position 4` (spec §7 case 25).",
        "x = {a=1}",
        "Write `{ a = 1 }` (quick fix: rewrites the table with a space after `{` and after "
        "each comma).",
        "PY1000",
    ),
    Rule(
        "PSC012",
        "toml-quoted-key-in-inline-table",
        Severity.ERROR,
        "A quoted key inside an inline table, where the parser is basic-toml.",
        f'{_BT} masks strings as `"s0"` before it rewrites `key =` into `"key":`, so a '
        'quoted key becomes `""s0"":` and `JSON.parse` fails with `Expected \':\' after '
        "property name in JSON at position 4` (spec §7 case 17). URLs as keys, as in "
        "`js_modules`, are the usual case.",
        '[js_modules]\nmain = { "https://cdn.example/a.js" = "a" }',
        'Define the table with a header: `[js_modules.main]` then one `"url" = "name"` '
        "line per entry (quick fix when the inline table is the whole value of a key).",
        "PY1000",
    ),
    Rule(
        "PSC013",
        "toml-dotted-key",
        Severity.ERROR,
        "A dotted key (`a.b = 1`), which neither PyScript TOML parser reads as TOML 1.0 does.",
        f'{_BT} does not split keys at dots: `a.b = 1` gives the single key `"a.b"`, so '
        'the setting silently does nothing (`js_modules.main."…" = "x"` loads no module, '
        "spec §7 case 18); with spaces around a dot the whole line is ignored. "
        f'{_J04} has no dotted keys and fails with `Expected "=", Whitespace, or [a-z], '
        '[A-Z], [0-9], "-", "_" but "." found.`',
        'js_modules.main."https://cdn.example/a.js" = "a"',
        "Use a `[table]` header (quick fix: every dotted key of the section with the same "
        "first name moves into new tables at the end of the section).",
    ),
    Rule(
        "PSC014",
        "toml-header-dot-spaces",
        Severity.ERROR,
        "Spaces around a dot in a table header (`[a . b]`), where the parser is basic-toml.",
        f"{_BT} splits the header text at dots without trimming the parts, so `[a . b]` "
        'defines the tables `"a "` and `" b"`; the keys under it silently land in the '
        "wrong place.",
        "[js_modules . main]",
        "Remove the spaces around the dots (quick fix).",
    ),
    Rule(
        "PSC015",
        "toml-multiline-string",
        Severity.ERROR,
        "A multi-line string (`\"\"\"…\"\"\"` or `'''…'''`), where the parser is basic-toml.",
        f"{_BT} only knows strings that open and close on one line; a multi-line string "
        "leaves stray quotes and `JSON.parse` fails (`Unexpected non-whitespace character "
        "after JSON at position 4`). A line break cannot be written at all, since escapes "
        "are not processed either.",
        'description = """A very\nlong text"""',
        "Use a one-line string (quick fix when the text has no line break).",
        "PY1000",
    ),
    Rule(
        "PSC016",
        "toml-number-format",
        Severity.ERROR,
        "A number written in a TOML form that PyScript's parser cannot read.",
        f"{_BT} hands values to `JSON.parse`, so `1_000`, `+1`, `0xFF`, `0o7`, `0b1`, `inf` "
        "and `nan` all fail (`Unexpected non-whitespace character after JSON at position 1`, "
        "`Unexpected token '+', \"+1\" is not valid JSON`, …). "
        f"{_J04} reads `1_000` and `+1` but not hexadecimal, octal, binary, `inf` or `nan` "
        "(TOML 0.4 has none of them).",
        "experimental_ffi_timeout = 1_000",
        "Write the plain decimal number (quick fix); `inf` and `nan` have no JSON form.",
        "PY1000",
    ),
    Rule(
        "PSC017",
        "toml-escape-kept-raw",
        Severity.ERROR,
        "An escape sequence in a string or key, where the parser is basic-toml.",
        f'{_BT} keeps the text between the quotes as written: `"a\\nb"` holds a '
        'backslash and an `n`, `"C:\\\\new"` two backslashes, `"say \\"hi\\""` '
        "backslashes before the quotes (spec §7 case 51). A string ending in a backslash, "
        "such as `'C:\\'`, even swallows its closing quote.",
        'path = "C:\\\\data\\\\new"',
        "Write the characters themselves, or use a single-quoted string, which TOML also "
        "reads without escapes (quick fix when the value has no quote or line break).",
    ),
    Rule(
        "PSC018",
        "toml-ignored-line",
        Severity.ERROR,
        "A line that PyScript's parser silently ignores.",
        f"{_BT} reads only `[table]` headers and `key = value` lines and skips everything "
        'else without a word: `packages: ["numpy"]` (YAML habits), a stray word, a key '
        "without `=`, text after a header. The config then lacks what the line says "
        "(spec §7 case 19). This replaces the TOML syntax error at the same place.",
        'packages: ["numpy"]',
        "Write it as `key = value`, or make it a comment.",
    ),
    Rule(
        "PSC019",
        "toml-duplicate-key",
        Severity.ERROR,
        "A key set twice, where the parser is basic-toml.",
        f"{_BT} keeps the last value and says nothing, so the earlier value is lost (spec "
        "Appendix D). TOML forbids it; this diagnostic replaces the TOML syntax error.",
        'packages = ["numpy"]\npackages = ["pandas"]',
        "Keep one of them.",
    ),
    Rule(
        "PSC020",
        "toml-repeated-table",
        Severity.WARNING,
        "A table header that repeats an earlier one, where the parser is basic-toml.",
        f"{_BT} merges both tables silently (keys set in both keep the last value), so "
        "the page works, but TOML forbids it: other TOML tools, py-editor, py-game and "
        'PyScript up to 2026.1.1 reject the file (`Value for "files" should not be '
        "redefined in the same table.`).",
        '[files]\n"a.py" = ""\n[files]\n"b.py" = ""',
        "Put all its keys under one header.",
    ),
    Rule(
        "PSC021",
        "toml-local-time",
        Severity.ERROR,
        "A local time (`07:32:00`).",
        f"{_BT} turns it into a JavaScript Date, and a time without a date is an invalid "
        "Date: the value is `null` in `pyscript.config`. "
        f"{_J04} has no local times and fails (`integer must not contain leading zeros` "
        "for `07:32:00`).",
        "start = 07:32:00",
        'Write it as a string: `start = "07:32:00"` (quick fix, unsafe: the TOML type changes).',
    ),
    Rule(
        "PSC022",
        "toml-date-format",
        Severity.ERROR,
        "A date or date-time written in a form PyScript's parser cannot read.",
        f"{_BT} recognises dates with a regular expression that stops before fractions of a "
        "second, `+HH:MM` offsets and a lowercase `t` or `z`, leaving text `JSON.parse` "
        f"rejects. {_J04} only reads RFC 3339 date-times with an uppercase `T` and a time "
        "zone: local dates (`1979-05-27`), local date-times and a space instead of `T` fail "
        '(`Expected "T" but end of input found.`).',
        "released = 1979-05-27T07:32:00.999Z",
        "Write it as a string and convert it in your code, or use the form the message names.",
    ),
    Rule(
        "PSC023",
        "toml-date-value",
        Severity.INFORMATION,
        "A date or date-time value: PyScript hands it to Python as text, not as a date.",
        "Both parsers make a JavaScript Date of it, and PyScript passes the config to Python "
        "through `JSON.stringify`, so `pyscript.config` holds its ISO text in UTC "
        '(`"1979-05-27T00:00:00.000Z"` for `1979-05-27`); a local date-time is read in '
        "the browser's time zone, so that text depends on where the page is opened.",
        "released = 1979-05-27",
        'Write it as a string (`"1979-05-27"`) if your code expects text.',
    ),
    Rule(
        "PSC024",
        "toml-trailing-comma",
        Severity.ERROR,
        "A trailing comma in an array, read by basic-toml 0.3.1 (workers before 2026.2.1).",
        "basic-toml 0.3.1, which reads worker configs, raw polyscript configs and remote "
        "package configs before PyScript 2026.2.1, passes the comma to `JSON.parse`: "
        '`(PY0409) Unexpected token \']\', ..."    "s1", ]" is not valid JSON for <script …>` '
        "(pyscript#2430, spec §7 case 16). basic-toml 0.4 drops it.",
        'packages = [\n  "Pillow",\n  "beartype",\n]',
        "Remove the comma (quick fix), or use PyScript 2026.2.1 or later.",
        "PY0409",
    ),
    Rule(
        "PSC025",
        "toml-literal-key",
        Severity.ERROR,
        "A single-quoted key (`'files'`), where the parser is toml-j0.4.",
        f"{_J04} implements TOML 0.4, which had no single-quoted keys: `['files']` fails "
        'with `Expected "[", DoubleQuote, Whitespace, or [a-z], [A-Z], [0-9], "-", "_" '
        'but "\'" found.`',
        "['files']",
        "Use double quotes or a bare key (quick fix).",
        "PY1000",
    ),
    Rule(
        "PSC026",
        "toml-empty-key",
        Severity.ERROR,
        'An empty key (`"" = ""`), where the parser is toml-j0.4.',
        f"{_J04} requires at least one character in a quoted key and fails with `Expected "
        'Backslash or NormalCharacter but "\\"" found.` (pyscript#2448, spec §7 case 50). '
        "basic-toml accepts it.",
        '[files]\n"" = ""',
        "Give the key a name.",
        "PY1000",
    ),
    Rule(
        "PSC027",
        "toml-redefinition",
        Severity.ERROR,
        "A key or table defined twice, where the parser is toml-j0.4.",
        f'{_J04} fails with `Value for "a" should not be redefined in the same table.`, '
        "quoting the key or the table path. This replaces the TOML syntax error at the same "
        "place.",
        "debug = true\ndebug = false",
        "Define each key and table once.",
        "PY1000",
    ),
    Rule(
        "PSC028",
        "toml-mixed-array",
        Severity.ERROR,
        "An array whose items have different types, where the parser is toml-j0.4.",
        f'TOML 1.0 allows mixed arrays, TOML 0.4 did not: {_J04} fails with `"a" should '
        'be of type "Integer".` (integers and floats count as different types).',
        'ports = [8000, "8001"]',
        "Make the items one type.",
        "PY1000",
    ),
    Rule(
        "PSC029",
        "toml-big-integer",
        Severity.WARNING,
        "An integer beyond 2**53, which JavaScript cannot hold exactly.",
        "Every PyScript TOML parser makes JavaScript numbers, so a larger integer is rounded "
        "(`9007199254740993` becomes `9007199254740992`) before Python sees it.",
        "seed = 9007199254740993",
        "Use a string if every digit matters.",
    ),
    Rule(
        "PSC030",
        "toml-unsupported",
        Severity.ERROR,
        "Valid TOML that PyScript's parser (basic-toml) cannot read, for another reason.",
        f"{_BT} reads a small subset of TOML; anything else on a line makes `JSON.parse` "
        "fail with the message quoted (for instance a line break before a comma inside an "
        "array).",
        'packages = ["numpy"\n  , "pandas"]',
        "Rewrite the line in the subset: one `key = value` per line, the value in JSON "
        "syntax, multi-line arrays broken only after `[` or `,` or before `]`.",
        "PY1000",
    ),
)
