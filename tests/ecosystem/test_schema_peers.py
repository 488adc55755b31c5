"""Our schema in the real tools people use it with: taplo, tombi and check-jsonschema.

The schema is associated in each way the tools offer: taplo `--schema` and a `#:schema`
directive, tombi's `#:schema` directive and a `tombi.toml` `[[schemas]]` entry,
check-jsonschema `--schemafile` on TOML and JSON. A good config (`examples/pyscript.toml`,
and the same data as JSON) must pass; a bad one (one fault each: a wrong type, an unknown
key in a `[[fetch]]` entry, a wrong enum value) must fail, naming the offending key.
Offline and hermetic: see `schema_peer_helpers`.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import tomlkit
from jsonschema import Draft202012Validator  # type: ignore[import-untyped, unused-ignore]
from schema_peer_helpers import (
    FAULTS,
    REPO,
    SCHEMA,
    Project,
    Run,
    as_json,
    assert_no_catalog_fetch,
    assert_rejects_naming,
    assert_rejects_pointing_at,
    bad_toml,
    good_toml,
    tool,
)

pytestmark = pytest.mark.slow

DIRECTIVE = "#:schema ../../schemas/pyscript.schema.json\n\n"  # from site/directed/


# --- taplo ------------------------------------------------------------------------------


def taplo(project: Project, *args: str) -> Run:
    return project.run(tool("taplo"), "lint", "--no-auto-config", "--colors", "never", *args)


def test_taplo_with_the_schema_option(project: Project) -> None:
    option = ("--schema", project.schema.as_uri())
    good = project.write("pyscript.toml", good_toml())
    assert taplo(project, *option, str(good)).code == 0
    for fault, (key, _) in FAULTS.items():
        bad = project.write(f"{fault}/pyscript.toml", bad_toml(fault))
        assert_rejects_naming(taplo(project, *option, str(bad)), key)


def test_taplo_with_a_schema_directive(project: Project) -> None:
    directive = "#:schema ../schemas/pyscript.schema.json\n\n"
    good = project.write("pyscript.toml", directive + good_toml())
    result = taplo(project, str(good))
    assert result.code == 0, result.output
    for fault, (key, _) in FAULTS.items():
        bad = project.write(f"{fault}.toml", directive + bad_toml(fault))
        assert_rejects_naming(taplo(project, str(bad)), key)
    # The directive is what associates the schema: without it the bad file passes.
    plain = project.write("plain.toml", bad_toml("wrong-type"))
    assert taplo(project, str(plain)).code == 0


# --- tombi ------------------------------------------------------------------------------


def tombi(project: Project, *args: str) -> Run:
    return project.run(tool("tombi"), "lint", "-vv", *args)


def test_tombi_with_a_schema_directive_offline(project: Project) -> None:
    directive = "#:schema ../schemas/pyscript.schema.json\n\n"
    good = project.write("pyscript.toml", directive + good_toml())
    result = tombi(project, "--offline", str(good))
    assert result.code == 0, result.output
    assert "offline mode, skip fetch catalog" in result.output  # SchemaStore not asked
    assert_no_catalog_fetch(result.output)
    for fault, (key, _) in FAULTS.items():
        bad = project.write(f"{fault}.toml", directive + bad_toml(fault))
        result = tombi(project, "--offline", str(bad))
        assert_rejects_pointing_at(result, bad, key)
        assert_no_catalog_fetch(result.output)
    unknown = tombi(project, "--offline", str(project.root / "unknown-key-in-fetch.toml"))
    assert '"tofolder" is not allowed' in unknown.output


TOMBI_TOML = """\
# The schema by association, and no SchemaStore catalog (its default).
[schema.catalog]
paths = []

[[schemas]]
path = "../schemas/pyscript.schema.json"
include = ["**/pyscript.toml"]
"""


def test_tombi_with_a_tombi_toml_association(project: Project) -> None:
    project.write("tombi.toml", TOMBI_TOML)
    project.write("pyscript.toml", good_toml())
    # No --offline: the configuration alone keeps tombi off the network.
    result = tombi(project, "pyscript.toml")
    assert result.code == 0, result.output
    loaded = re.search(r"load schema from config: (file://\S+)", result.output)
    assert loaded is not None, result.output
    assert Path(os.path.normpath(loaded[1].removeprefix("file://"))) == project.schema
    assert_no_catalog_fetch(result.output)
    assert "catalog" not in result.output.lower()
    for fault, (key, _) in FAULTS.items():
        bad = project.write(f"{fault}/pyscript.toml", bad_toml(fault))
        result = tombi(project, f"{fault}/pyscript.toml")
        assert_rejects_pointing_at(result, bad, key)
        assert_no_catalog_fetch(result.output)
    # Only the included names get the schema.
    other = project.write("other.toml", bad_toml("wrong-type"))
    assert tombi(project, other.name).code == 0


def test_tombi_rejects_a_reserved_key(project: Project) -> None:
    # tombi skips a property marked `x-taplo.hidden`; the generator must not mark `type`.
    directive = "#:schema ../schemas/pyscript.schema.json\n\n"
    bad = project.write("reserved.toml", directive + 'type = "app"\n')
    result = tombi(project, "--offline", str(bad))
    assert_rejects_pointing_at(result, bad, "type")


# --- check-jsonschema -------------------------------------------------------------------


def check_jsonschema(project: Project, *files: Path) -> Run:
    return project.run(
        tool("check-jsonschema"),
        "--schemafile",
        str(project.schema),
        "--color",
        "never",
        *map(str, files),
    )


@pytest.mark.parametrize("suffix", ["toml", "json"])
def test_check_jsonschema_with_the_schemafile_option(project: Project, suffix: str) -> None:
    convert = as_json if suffix == "json" else (lambda text: text)
    good = project.write(f"pyscript.{suffix}", convert(good_toml()))
    result = check_jsonschema(project, good)
    assert result.code == 0, result.output
    assert "ok -- validation done" in result.output
    for fault, (key, _) in FAULTS.items():
        bad = project.write(f"{fault}/pyscript.{suffix}", convert(bad_toml(fault)))
        result = check_jsonschema(project, bad)
        assert_rejects_naming(result, key)
        assert "Schema validation errors were encountered" in result.output


def test_the_bad_files_have_one_fault_each() -> None:
    """The fixtures themselves: each bad file differs from the good one by its fault."""
    validator = Draft202012Validator(json.loads(SCHEMA.read_text(encoding="utf-8")))
    assert list(validator.iter_errors(tomlkit.parse(good_toml()).unwrap())) == []
    paths = {
        fault: [e.json_path for e in validator.iter_errors(tomlkit.parse(bad_toml(fault)).unwrap())]
        for fault in FAULTS
    }
    assert paths == {
        "wrong-type": ["$.packages"],
        "unknown-key-in-fetch": ["$.fetch[0]"],
        "wrong-enum": ["$.packages_cache"],
    }


SAMPLES = REPO / "schemas" / "schemastore"


@pytest.mark.parametrize(
    "sample",
    sorted((SAMPLES / "test" / "pyscript").iterdir())
    + sorted((SAMPLES / "negative_test" / "pyscript").iterdir()),
    ids=lambda p: f"{p.parent.parent.name}/{p.name}",
)
def test_every_peer_agrees_on_the_schemastore_samples(project: Project, sample: Path) -> None:
    """Richer configs than the example (custom keys, [[fetch]], both js_modules threads,
    the reserved `type`, `not` and `anyOf` schemas): the verdict is the same everywhere."""
    expected = 0 if sample.parent.parent.name == "test" else 1
    text = sample.read_text(encoding="utf-8")
    path = project.write(sample.name, text)
    verdicts = {"check-jsonschema": check_jsonschema(project, path).code}
    if sample.suffix == ".toml":
        directed = project.write(f"directed/{sample.name}", DIRECTIVE + text)
        verdicts["taplo"] = taplo(project, "--schema", project.schema.as_uri(), str(path)).code
        verdicts["tombi"] = tombi(project, "--offline", str(directed)).code
    assert verdicts == dict.fromkeys(verdicts, expected)


def test_a_missing_tool_fails_the_test_with_a_clear_message() -> None:
    with pytest.raises(pytest.fail.Exception, match="never skipped"):
        tool("pyscript-config-no-such-tool")
