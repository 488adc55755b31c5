"""The setups docs/schema.md shows work as shown, with the real tools (offline: the
published schema URL is swapped for the local copy)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml  # type: ignore[import-untyped, unused-ignore]
from identify.identify import tags_from_path
from schema_peer_helpers import (
    FAULTS,
    Project,
    as_json,
    assert_no_catalog_fetch,
    assert_rejects_naming,
    assert_rejects_pointing_at,
    bad_toml,
    good_toml,
    tool,
)

from pyscript_config.check import check_source
from pyscript_config.files import FileKind, SourceFile
from pyscript_config.schema import SCHEMA_ID

pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parents[2]
DOC = REPO / "docs" / "schema.md"
_FENCE = re.compile(r"^```(\w*)\n(.*?)^```$", re.MULTILINE | re.DOTALL)


def blocks(language: str) -> list[str]:
    return [body for lang, body in _FENCE.findall(DOC.read_text("utf-8")) if lang == language]


def block(language: str, first_line: str) -> str:
    found = [b for b in blocks(language) if b.splitlines()[0] == first_line]
    assert len(found) == 1, f"docs/schema.md: no single {language} block starting {first_line!r}"
    return found[0]


def test_the_docs_name_the_published_schema() -> None:
    urls = set(
        re.findall(r"https://raw\.githubusercontent\.com/\S+?\.json", DOC.read_text("utf-8"))
    )
    assert urls == {SCHEMA_ID}


def test_every_json_block_is_json_and_the_samples_are_right() -> None:
    parsed = [json.loads(body) for body in blocks("json")]
    sample = next(p for p in parsed if "$schema" in p)
    assert sample["$schema"] == SCHEMA_ID
    source = SourceFile("app.json", json.dumps(sample), FileKind.JSON)
    assert check_source(source).diagnostics == []  # and it is ours: see the directive
    settings = next(p for p in parsed if "json.schemas" in p)
    assert settings["json.schemas"] == [{"fileMatch": ["pyscript.json"], "url": SCHEMA_ID}]
    entry = next(p for p in parsed if "fileMatch" in p)
    committed = REPO / "schemas" / "schemastore-catalog-entry.json"
    assert entry == json.loads(committed.read_text("utf-8"))


def test_the_toml_directive_sample(project: Project) -> None:
    sample = next(b for b in blocks("toml") if b.startswith("#:schema"))
    assert sample.startswith(f"#:schema {SCHEMA_ID}\n\n")
    local = sample.replace(SCHEMA_ID, "../schemas/pyscript.schema.json")
    good = project.write("app.toml", local)
    bad = project.write("bad.toml", local.replace('["numpy"]', '"numpy"'))
    for command in (("taplo", "lint", "--no-auto-config"), ("tombi", "lint", "--offline")):
        run = [tool(command[0]), *command[1:]]
        assert project.run(*run, str(good)).code == 0
        assert project.run(*run, str(bad)).code == 1


def test_the_taplo_toml_rule(project: Project) -> None:
    config = block("toml", "# .taplo.toml").replace(SCHEMA_ID, project.schema.as_uri())
    project.write(".taplo.toml", config)
    project.write("pyscript.toml", good_toml())
    taplo = (tool("taplo"), "lint", "--colors", "never")
    result = project.run(*taplo, "pyscript.toml")
    assert result.code == 0, result.output
    assert "found configuration file" in result.output
    for fault, (key, _) in FAULTS.items():
        project.write(f"{fault}/pyscript.toml", bad_toml(fault))
        assert_rejects_naming(project.run(*taplo, f"{fault}/pyscript.toml"), key)
    project.write("other.toml", bad_toml("wrong-type"))  # not included by the rule
    assert project.run(*taplo, "other.toml").code == 0


def test_the_tombi_toml_association_and_catalog_switch(project: Project) -> None:
    association = block("toml", "# tombi.toml").replace(
        SCHEMA_ID, "../schemas/pyscript.schema.json"
    )
    catalog_off = next(b for b in blocks("toml") if b.startswith("[schema.catalog]"))
    project.write("tombi.toml", catalog_off + "\n" + association)
    project.write("pyscript.toml", good_toml())
    tombi = (tool("tombi"), "lint", "-vv")  # no --offline: the catalog switch is tested
    result = project.run(*tombi, "pyscript.toml")
    assert result.code == 0, result.output
    assert "load schema from config" in result.output
    assert_no_catalog_fetch(result.output)
    for fault, (key, _) in FAULTS.items():
        bad = project.write(f"{fault}/pyscript.toml", bad_toml(fault))
        result = project.run(*tombi, f"{fault}/pyscript.toml")
        assert_rejects_pointing_at(result, bad, key)
        assert_no_catalog_fetch(result.output)


def test_the_pre_commit_hook_config(project: Project) -> None:
    text = block("yaml", "# .pre-commit-config.yaml")
    config = project.write(".pre-commit-config.yaml", text)
    validated = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", str(config)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert validated.returncode == 0, validated.stdout + validated.stderr

    hook = yaml.safe_load(text)["repos"][0]["hooks"][0]
    assert hook["id"] == "check-jsonschema"
    assert hook["args"] == ["--schemafile", SCHEMA_ID]
    files = re.compile(hook["files"])

    def selected(path: Path) -> bool:
        # pre-commit runs a hook on a file whose repository-relative path matches `files`
        # and whose identify tags include one of `types_or`.
        relative = path.relative_to(project.root).as_posix()
        tags = tags_from_path(str(path))
        return files.search(relative) is not None and bool(tags & set(hook["types_or"]))

    good_toml_file = project.write("site/pyscript.toml", good_toml())
    good_json_file = project.write("site/pyscript.json", as_json(good_toml()))
    bad_file = project.write("broken/pyscript.toml", bad_toml("wrong-enum"))
    for path in (good_toml_file, good_json_file, bad_file):
        assert selected(path), path
    for name in ("pyproject.toml", "site/package.json", "site/my-pyscript.toml"):
        assert not selected(project.write(name, "{}\n" if name.endswith("json") else "")), name

    # What the hook runs, with the schema from disk instead of the URL.
    local = (tool("check-jsonschema"), "--schemafile", str(project.schema))
    passed = project.run(*local, str(good_toml_file), str(good_json_file))
    assert passed.code == 0, passed.output
    assert_rejects_naming(project.run(*local, str(bad_file)), "packages_cache")
