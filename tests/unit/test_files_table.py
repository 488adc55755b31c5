"""The `files` algorithm (spec §1.2) as `resolve_files` runs it: order, expansion,
destinations, archives and the runtime's errors, with exact spans."""

from __future__ import annotations

from pyscript_config.reading.json_reader import parse_json
from pyscript_config.reading.toml_reader import parse_toml
from pyscript_config.rules.files_table import FilesTable, resolve_files
from pyscript_config.text import Span
from pyscript_config.tree import Table


def _toml(text: str) -> tuple[FilesTable, str]:
    root = parse_toml(text).root
    assert isinstance(root, Table)
    entry = root.get("files")
    assert entry is not None and isinstance(entry.value, Table)
    return resolve_files(entry.value, text), text


def _json(text: str) -> tuple[FilesTable, str]:
    root = parse_json(text).root
    assert isinstance(root, Table)
    entry = root.get("files")
    assert entry is not None and isinstance(entry.value, Table)
    return resolve_files(entry.value, text), text


def _pairs(table: FilesTable) -> list[tuple[str | None, str | None]]:
    return [(t.url, t.path) for t in table.targets]


def test_empty_and_trailing_slash_destinations_get_the_file_name() -> None:
    table, _ = _toml(
        '[files]\n"./a/x.py" = ""\n"https://h/lib/y.py" = "./lib/"\n"./z.py" = "./q.py"\n'
    )
    assert _pairs(table) == [
        ("./a/x.py", "./x.py"),
        ("https://h/lib/y.py", "./lib/y.py"),
        ("./z.py", "./q.py"),
    ]
    assert table.problems == []


def test_placeholders_expand_in_order_and_may_use_earlier_ones() -> None:
    table, _ = _toml('[files]\n"{A}" = "https://h/a"\n"{B}" = "{A}/b"\n"{B}/x.py" = "{A}-out/"\n')
    assert [(p.name, p.value) for p in table.placeholders] == [
        ("{A}", "https://h/a"),
        ("{B}", "https://h/a/b"),
    ]
    assert _pairs(table) == [("https://h/a/b/x.py", "https://h/a-out/x.py")]


def test_use_before_definition_points_at_the_placeholder_and_its_definition() -> None:
    text = '[files]\n"{DATA}/a.csv" = ""\n"{DATA}" = "./data"\n'
    table, _ = _toml(text)
    [problem] = table.problems
    assert problem.kind == "invalid-template"
    assert problem.message == "SyntaxError: Invalid template: {DATA}"
    assert text[problem.span.start : problem.span.end] == "{DATA}"
    assert problem.defined_later
    assert problem.related is not None
    assert text[problem.related.start : problem.related.end] == '"{DATA}"'
    assert table.targets[0].url is None


def test_undefined_placeholder_in_a_destination() -> None:
    text = '[files]\n"./a.py" = "x/{OUT}/"\n'
    table, _ = _toml(text)
    [problem] = table.problems
    assert not problem.defined_later and problem.related is None
    assert text[problem.span.start : problem.span.end] == "{OUT}"


def test_escaped_token_falls_back_to_the_whole_token() -> None:
    text = '[files]\n"./\\u0061/{X}.py" = ""\n'
    table, _ = _toml(text)
    [problem] = table.problems
    assert text[problem.span.start : problem.span.end] == '"./\\u0061/{X}.py"'


def test_a_failed_definition_does_not_cascade_into_its_uses() -> None:
    table, _ = _toml('[files]\n"{A}" = "{NOPE}"\n"{A}/x.py" = ""\n')
    assert [p.name for p in table.problems] == ["{NOPE}"]
    assert table.placeholders[0].value is None
    assert table.targets[0].url is None


def test_definition_and_template_patterns_match_javascript() -> None:
    # `^\{.+\}$` is greedy: "{A}x{B}" is a definition; `\{.+?\}` finds "{A}" and "{B}".
    table, _ = _toml('[files]\n"{A}" = "1"\n"{B}" = "2"\n"{A}x{B}" = "{A}{B}"\n"{A}x{B}/f" = ""\n')
    assert [p.name for p in table.placeholders] == ["{A}", "{B}", "{A}x{B}"]
    assert table.placeholders[2].value == "12"
    assert _pairs(table) == [("1x2/f", "./f")]


def test_index_keys_come_first_as_in_object_entries() -> None:
    text = '{"files": {"{DIR}": "./data", "0": "{DIR}/", "b.py": ""}}'
    table, _ = _json(text)
    [problem] = table.problems
    assert problem.name == "{DIR}" and problem.defined_later
    assert problem.related is not None and problem.related.start < problem.span.start
    assert [t.source for t in table.targets] == ["0", "b.py"]


def test_json_duplicate_keys_keep_first_position_and_last_value() -> None:
    table, _ = _json('{"files": {"a.py": "./one.py", "b.py": "", "a.py": "./two.py"}}')
    assert _pairs(table) == [("a.py", "./two.py"), ("b.py", "./b.py")]


def test_duplicate_destinations_are_reported_on_the_later_entry() -> None:
    text = '[files]\n"./a/util.py" = "./util.py"\n"./b/util.py" = ""\n'
    table, _ = _toml(text)
    [problem] = table.problems
    assert problem.kind == "duplicated-destination"
    assert problem.message == "SyntaxError: Duplicated destination: ./util.py"
    assert text[problem.span.start : problem.span.end] == '"./b/util.py"'
    assert problem.related is not None
    assert text[problem.related.start : problem.related.end] == '"./util.py"'


def test_same_file_written_differently_is_not_a_duplicate_to_the_runtime() -> None:
    table, _ = _toml('[files]\n"./a.py" = "./x.py"\n"./b.py" = "x.py"\n')
    assert table.problems == []


def test_archive_targets_may_repeat_and_record_their_format() -> None:
    table, _ = _toml(
        '[files]\n"./a.zip" = "./lib/*"\n"./b.tar.gz" = "./lib/*"\n"./c.tgz" = "./*"\n'
        '"./d.tar" = "./d/*"\n"./e.whl" = "./e/*"\n"./f.zip" = "./f.zip"\n'
    )
    assert table.problems == []
    assert [t.archive for t in table.targets] == ["zip", "tar.gz", "tgz", "tar", "whl", None]


def test_unsupported_archive_includes_query_strings() -> None:
    text = '[files]\n"./lib.zip?v=1" = "./lib/*"\n"./x.txt" = "./x/*"\n"./y.ZIP" = "./y/*"\n'
    table, _ = _toml(text)
    assert [(p.kind, p.message) for p in table.problems] == [
        ("unsupported-archive", "Error: Unsupported archive ./lib.zip?v=1"),
        ("unsupported-archive", "Error: Unsupported archive ./x.txt"),
        ("unsupported-archive", "Error: Unsupported archive ./y.ZIP"),
    ]
    assert text[table.problems[0].span.start : table.problems[0].span.end] == '"./lib.zip?v=1"'


def test_destinations_that_are_not_strings() -> None:
    # Falsy values become "./" (`dest || './'`); anything else has no .replace.
    table, _ = _json(
        '{"files": {"a.py": false, "b.py": 0, "c.py": null, "d.py": true, "e.py": [1]}}'
    )
    assert _pairs(table)[:3] == [("a.py", "./a.py"), ("b.py", "./b.py"), ("c.py", "./c.py")]
    assert [p.kind for p in table.problems] == ["type-error", "type-error"]
    assert table.problems[0].message == "TypeError: dest.replace is not a function"


def test_a_definition_whose_value_is_not_a_string_is_a_type_error() -> None:
    table, _ = _json('{"files": {"{A}": "", "{B}": false, "{A}/x": ""}}')
    assert [p.kind for p in table.problems] == ["type-error"]
    assert [p.value for p in table.placeholders] == [""]
    assert _pairs(table) == [("/x", "./x")]


def test_spans_are_region_spans() -> None:
    text = '[files]\n"./a.py" = "./b.py"\n'
    table, _ = _toml(text)
    target = table.targets[0]
    assert target.key_span == Span(8, 16)
    assert target.value_span == Span(19, 27)


def test_odd_paths_and_urls_are_judged_without_raising() -> None:
    from pyscript_config.check import check_text

    def codes(text: str) -> list[str]:
        return sorted(d.code for d in check_text("pyscript.json", text))

    # A NUL byte cannot name a file and a broken IPv6 host cannot be split: no existence
    # or host checks for them, but the other checks still run.
    assert codes('{"files": {"http://[::1/x.py": "", "./a\\u0000.py": ""}}') == []
    assert codes(
        '{"packages": ["./\\u0000/x-1.0-py3-none-any.whl", "http://[::1/x.whl",'
        ' "./\\u0000/config.toml"]}'
    ) == ["PSC410"]
    assert codes('{"js_modules": {"main": {"http://[::1/x.css": "x", "./\\u0000.js": "y"}}}') == [
        "PSC502"
    ]
    assert codes('{"interpreter": "http://[::1/pyodide.mjs"}') == []
